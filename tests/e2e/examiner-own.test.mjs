// An examiner's own registrations and assignments (M16), and linking examiner accounts to a person.
// On a server of its own with the synthetic province (`skillreg demo --scale 3000`: the plain demo
// of the suite's server has no activity, and it is the synthetic one that links the demo account
// `examiner` to the demo examiner 钱卫东 and assigns him to sessions of the demo institution's
// plans): the examiner lands on 我的考评任务 and sees his registration and his upcoming and past
// sessions, as the API gives them, a cancelled plan's session tagged. On the suite's server:
// hangzhou creates an examiner account with an identity number (a wrong check digit caught in the
// browser first) and sees it masked; an examiner account without one is told to ask for the link,
// and hangzhou links it through 关联身份, refused first for a number another account has; the
// account then sees the internal-supervisor registration an institution makes under that number,
// ending within 90 days, and retired with its reason.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiSession, assertNoProblems, badCheckDigit, chinaIso, identityNumber, launch, login, menuTexts, newPage, PASSWORD, pickOption, shot, startServer, tableRows } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

const identity = (prefix = '330106', year) => identityNumber(prefix, year)
// How the server shows a number: the region and the last four, the birth date hidden.
const masked = (id) => `${id.slice(0, 6)}********${id.slice(14)}`
const TAG = String(Date.now()).slice(-5)
const SUBJECT = '4-01-02-01'
const chinaDay = (n) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10)

describe('an examiner’s own assignments', () => {
  let server
  before(async () => {
    server = await startServer({ demoArgs: ['--scale', '3000'] })
  })
  after(async () => {
    await server?.stop()
  })

  test('examiner lands on 我的考评任务: his registrations, upcoming and past sessions', async () => {
    const base = server.base
    const inst = await apiSession('inst', { base })
    const institution = await inst.get(`/institutions/${inst.user.institution_id}`)
    const occupation = (await inst.get('/occupations', { q: SUBJECT })).items.find((o) => o.code === SUBJECT)
    const examiner = await apiSession('examiner', { base })
    const own = await examiner.get('/examiners/me')
    assert.equal(own.linked, true, 'the demo links the examiner account')
    const qian = own.registrations.find((p) => p.name === '钱卫东' && p.kind === 'examiner')
    assert.ok(qian, 'the examiner account is 钱卫东')

    // Besides the demo: a plan he is on that was cancelled.
    const site = (await inst.get(`/institutions/${inst.user.institution_id}/exam-sites`)).items.find((s) => s.status === 'confirmed')
    const plan = await inst.post('/plans', {
      subject_code: SUBJECT, level: 4, parts: ['theory'], exam_site_id: site.id, planned_count: 20, question_source: 'unified_bank', paperless: true, fee: 100,
      sessions: [{ part: 'theory', starts_at: chinaIso(50, '09:00'), ends_at: chinaIso(50, '11:00'), room: '理论二室' }],
    })
    await inst.post(`/plans/${plan.id}/assignments`, { session_id: plan.sessions[0].id, role: 'examiner', person_id: qian.id })
    await inst.post(`/plans/${plan.id}/cancel`, { reason: '考点检修' })
    const upcoming = await examiner.get('/examiners/me/assignments', { when: 'upcoming' })
    const past = await examiner.get('/examiners/me/assignments', { when: 'past' })
    assert.ok(upcoming.items.some((a) => a.plan_status === 'published'), 'the demo gives him an upcoming session')
    assert.ok(past.total > 0, 'the demo gives him a past session')

    const page = await newPage(browser)
    await login(page, 'examiner', PASSWORD, base)
    await page.waitForURL(/\/console\/my-assignments/)
    assert.ok((await menuTexts(page)).includes('我的考评任务'))
    await page.locator('[data-test=my-assignments][data-state=ready]').waitFor()
    assert.equal(await page.locator('[data-test=my-not-linked]').count(), 0)

    // 我的登记记录: 钱卫东 as an examiner, his qualification with the occupation's name.
    const regs = page.locator('[data-test=my-registrations]')
    assert.equal(await regs.locator('[data-test=my-identity]').innerText(), own.identity_no)
    const quals = regs.locator(`[data-test=my-quals-${qian.id}]`)
    await page.waitForFunction((name) => document.querySelector('[data-test=my-registrations]')?.textContent.includes(name), occupation.name)
    assert.match(await quals.innerText(), new RegExp(`${SUBJECT} ${occupation.name} · 2级`))
    assert.equal(await regs.locator(`[data-test=my-status-${qian.id}]`).innerText(), '在册')

    // 即将开始: the demo institution's sessions, soonest first, the cancelled plan's tagged.
    let rows = await tableRows(page, '[data-test=my-assignments-upcoming]')
    assert.equal(await rows.count(), Math.min(upcoming.total, 20))
    const upcomingInstitutions = await page.locator('[data-test=my-assignments-upcoming] [data-test=assignment-institution]').allInnerTexts()
    assert.ok(upcomingInstitutions.includes(institution.name), `upcoming sessions of ${institution.name}`)
    const statuses = await page.locator('[data-test=my-assignments-upcoming] [data-test=assignment-plan-status]').allInnerTexts()
    assert.deepEqual(statuses.map((s) => s.trim()), upcoming.items.map((a) => ({ published: '已公布', draft: '草稿', cancelled: '已取消' })[a.plan_status]))
    assert.ok(statuses.some((s) => s.trim() === '已取消'), 'the cancelled plan is tagged')
    const cancelledRow = rows.filter({ hasText: '已取消' }).first()
    assert.match(await cancelledRow.innerText(), /理论二室/)
    assert.match(await cancelledRow.innerText(), /理论知识考试/)
    await shot(page, 'examiner-own-upcoming', { fullPage: true })

    // 已结束: the past ones, latest first; the tab is kept in the URL.
    await page.locator('.el-tabs__item', { hasText: '已结束' }).click()
    await page.waitForURL(/when=past/)
    rows = await tableRows(page, '[data-test=my-assignments-past]')
    assert.equal(await rows.count(), Math.min(past.total, 20))
    const pastInstitutions = await page.locator('[data-test=my-assignments-past] [data-test=assignment-institution]').allInnerTexts()
    assert.ok(pastInstitutions.includes(institution.name), `past sessions of ${institution.name}`)
    const days = await page.locator('[data-test=my-assignments-past] [data-test=assignment-day]').allInnerTexts()
    assert.deepEqual(days.map((d) => d.slice(0, 10)), past.items.slice(0, 20).map((a) => chinaDayOf(a.starts_at)))
    await page.reload()
    await tableRows(page, '[data-test=my-assignments-past]')
    assert.equal(await page.locator('.el-tabs__item.is-active').innerText(), '已结束')
    await shot(page, 'examiner-own-past')

    // / and the brand lead back here; the dashboard stays in the menu and offers the page.
    await page.goto(`${base}/`)
    await page.waitForURL(/\/console\/my-assignments/)
    await page.locator('[data-test=menu-dashboard]').click()
    await page.waitForURL(/\/console\/dashboard/)
    await page.locator('.dashboard__shortcuts a', { hasText: '我的考评任务' }).click()
    await page.waitForURL(/\/console\/my-assignments/)
    assertNoProblems(page)
    await page.context().close()

    // In English.
    const en = await newPage(browser, { locale: 'en' })
    await login(en, 'examiner', PASSWORD, base)
    await en.waitForURL(/\/console\/my-assignments/)
    await tableRows(en, '[data-test=my-assignments-upcoming]')
    assert.deepEqual((await en.locator('.el-tabs__item').allInnerTexts()).map((s) => s.trim()), ['Upcoming', 'Past'])
    assert.match(await en.locator('[data-test=my-assignments-upcoming]').innerText(), /Cancelled/)
    await shot(en, 'examiner-own-en', { fullPage: true })
    assertNoProblems(en)
    await en.context().close()
  })
})

// China's date of an instant, 'YYYY-MM-DD'.
function chinaDayOf(iso) {
  return new Date(Date.parse(iso) + 8 * 3600e3).toISOString().slice(0, 10)
}

describe('examiner accounts linked to a person', () => {
  async function searchUser(page, q) {
    await page.locator('#user-filter-q').fill(q)
    await page.locator('form[role=search] button[type=submit]').click()
    await page.waitForURL(new RegExp(`q=${q}`))
    return tableRows(page, '[data-test=user-table]')
  }

  test('hangzhou creates a linked examiner account and links another through 关联身份', async () => {
    const linkedName = `e2e_kp_${TAG}`
    const unlinkedName = `e2e_kq_${TAG}`
    const first = identity()
    const second = identity('330102')
    const hangzhou = await apiSession('hangzhou')
    await hangzhou.post('/users', { username: unlinkedName, display_name: '待关联考评员', password: 'e2e-pass-2026', role: 'examiner', region_code: '330100' })

    // Not linked yet: the page says so and whom to ask, with no error.
    const own = await newPage(browser)
    await login(own, unlinkedName, 'e2e-pass-2026')
    await own.waitForURL(/\/console\/my-assignments/)
    const notLinked = own.locator('[data-test=my-not-linked]')
    await notLinked.waitFor()
    assert.match(await notLinked.innerText(), /账户尚未关联身份证号码，请联系账户管理员关联后查看本人的考评任务/)
    assert.equal(await own.locator('.error-state').count(), 0)
    await shot(own, 'examiner-own-not-linked')
    assertNoProblems(own)

    const page = await newPage(browser)
    await login(page, 'hangzhou')
    await page.locator('[data-test=menu-users]').click()
    await page.waitForURL(/\/console\/users/)
    await tableRows(page, '[data-test=user-table]')

    // The create dialog asks for the number only for an examiner account.
    await page.locator('[data-test=user-create]').click()
    const dialog = page.locator('.el-dialog[data-test=user-create-dialog]')
    await dialog.waitFor()
    await dialog.getByLabel('用户名').fill(linkedName)
    await dialog.getByLabel('名称').fill('E2E 考评员')
    await dialog.getByLabel('密码').fill('e2e-pass-2026')
    await pickOption(page, 'new-role', '检查人员')
    assert.equal(await dialog.locator('#new-identity').count(), 0, 'no identity number for an inspector')
    await pickOption(page, 'new-role', '考评人员')
    await dialog.locator('#new-identity').waitFor()
    assert.match(await dialog.innerText(), /该身份证号码下的考评人员、质量督导员登记记录/)
    await dialog.getByLabel('身份证号码').fill(badCheckDigit(first))
    await dialog.locator('[data-test=user-create-submit]').click()
    const identityItem = dialog.locator('.el-form-item', { has: page.locator('#new-identity') })
    await identityItem.locator('.el-form-item__error').waitFor()
    assert.match(await identityItem.locator('.el-form-item__error').innerText(), /校验码不正确/)
    await dialog.getByLabel('身份证号码').fill(first)
    await dialog.locator('[data-test=user-create-submit]').click()
    await dialog.waitFor({ state: 'hidden' })

    // The list shows the number masked.
    let rows = await searchUser(page, linkedName)
    assert.equal(await rows.count(), 1)
    assert.equal(await rows.first().locator('[data-test=user-identity]').innerText(), masked(first))
    assert.ok(!(await rows.first().innerText()).includes(first), 'the whole number is never shown')

    // The unlinked account: 未关联, and 关联身份 with a number another account has is refused on the field.
    rows = await searchUser(page, unlinkedName)
    assert.equal(await rows.first().locator('[data-test=user-identity]').innerText(), '未关联')
    await page.locator(`[data-test=user-identity-${unlinkedName}]`).click()
    const link = page.locator('.el-dialog[data-test=user-identity-dialog]')
    await link.waitFor()
    assert.match(await link.innerText(), /该账户尚未关联身份证号码/)
    await link.getByLabel('身份证号码').fill(first)
    await link.locator('[data-test=user-identity-submit]').click()
    const linkItem = link.locator('.el-form-item', { has: page.locator('#link-identity') })
    await linkItem.locator('.el-form-item__error').waitFor()
    assert.match(await linkItem.locator('.el-form-item__error').innerText(), /该身份证号码已关联其他账户/)
    await shot(page, 'users-link-identity-taken')
    await link.getByLabel('身份证号码').fill(second)
    await link.locator('[data-test=user-identity-submit]').click()
    await link.waitFor({ state: 'hidden' })
    await page.locator('.el-message--success').first().waitFor()
    await page.waitForFunction((m) => document.querySelector('[data-test=user-table] [data-test=user-identity]')?.textContent === m, masked(second))
    // Accounts of other roles carry no number and no such action.
    rows = await searchUser(page, 'inst')
    assert.equal(await page.locator('[data-test=user-table] [data-test=user-identity]').count(), 0)
    assert.equal(await page.locator('[data-test=user-identity-inst]').count(), 0)
    assertNoProblems(page)
    await page.context().close()

    // Linked now, to a number nobody is registered under: the page says that.
    await own.reload()
    await own.locator('[data-test=my-assignments][data-state=ready]').waitFor()
    assert.equal(await own.locator('[data-test=my-identity]').innerText(), masked(second))
    await own.locator('[data-test=my-registrations-empty]').waitFor()
    const upcoming = await tableRows(own, '[data-test=my-assignments-upcoming]')
    assert.equal(await upcoming.count(), 0)
    assert.match(await own.locator('[data-test=my-assignments-upcoming]').innerText(), /暂无即将开始的考评任务/)

    // The institution registers the person as its internal supervisor, qualified for 40 more days:
    // the registration shows with the institution and the coming expiry; retired, with the reason.
    const inst = await apiSession('inst')
    const institution = await inst.get(`/institutions/${inst.user.institution_id}`)
    const sup = await inst.post('/supervisors', {
      identity_no: second, name: '孙督导', kind: 'internal_supervisor', qualifications: [{ subject_code: SUBJECT, level: 3, valid_until: chinaDay(40) }],
    })
    await own.reload()
    await own.locator('[data-test=my-assignments][data-state=ready]').waitFor()
    const regs = own.locator('[data-test=my-registrations]')
    assert.match(await regs.innerText(), /孙督导/)
    assert.match(await regs.innerText(), /内部督导员/)
    assert.match(await regs.innerText(), new RegExp(institution.name))
    assert.match(await regs.locator(`[data-test=my-quals-${sup.id}]`).innerText(), /3级 · 有效期至 \d{4}-\d{2}-\d{2}\s*90 天内到期/)
    assert.equal(await regs.locator(`[data-test=my-status-${sup.id}]`).innerText(), '在册')
    await inst.del(`/supervisors/${sup.id}`, { reason: '调离本单位' })
    await own.reload()
    await own.locator('[data-test=my-assignments][data-state=ready]').waitFor()
    assert.equal(await regs.locator(`[data-test=my-status-${sup.id}]`).innerText(), '已退出')
    assert.match(await regs.innerText(), /\d{4}-\d{2}-\d{2} 退出名录；调离本单位/)
    await shot(own, 'examiner-own-registrations')
    assertNoProblems(own)
    await own.context().close()
  })
})
