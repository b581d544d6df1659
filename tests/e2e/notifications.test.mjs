// Issue 10: the inbox and its bell (§2), the working-day calendar's upkeep (§1), and the exam sites
// awaiting the site authority's confirmation (M12).
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, apiSession, assertNoProblems, launch, login, newPage, pickOption, shot, tableRows } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

const TAG = Date.now().toString(36).slice(-5)
const bellCount = async (page) => {
  await page.waitForFunction(() => document.querySelector('[data-test=notif-bell]')?.dataset.unread !== '')
  return Number(await page.locator('[data-test=notif-bell]').getAttribute('data-unread'))
}
const waitForBell = (page, n) =>
  page.waitForFunction((v) => document.querySelector('[data-test=notif-bell]')?.dataset.unread === String(v), n)

describe('notifications', () => {
  test('hangzhou: the bell counts unread notifications; opening one reads it; read all', async () => {
    // The daily job at server start makes reminders; should it have made none for Hangzhou, a
    // complaint through the public API notifies its authority.
    const hz = await apiSession('hangzhou')
    if ((await hz.get('/notifications/unread-count')).unread === 0) {
      const res = await fetch(`${BASE_URL}/api/v1/public/complaints`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ institution_code: 'S000033000001', category: 'results', content: `成绩公示不完整（测试 ${TAG}）` }),
      })
      assert.equal(res.status, 201)
    }

    const page = await newPage(browser)
    await login(page, 'hangzhou')
    const before = await bellCount(page)
    assert.ok(before > 0, `hangzhou has unread notifications (${before})`)
    assert.equal(await page.locator('[data-test=notif-count]').innerText(), String(before))

    await page.locator('[data-test=notif-bell]').click()
    await page.waitForURL(/\/console\/notifications/)
    const rows = await tableRows(page, '[data-test=notif-table]')
    assert.ok((await rows.count()) > 0)
    await shot(page, 'notifications-inbox')

    // Open the first unread one: it is marked read and its page opens; the bell counts one less.
    const first = page.locator('[data-test=notif-table] [data-notif=open].notif__title--unread').first()
    const testId = await first.getAttribute('data-test')
    const id = testId.replace('notif-open-', '')
    const title = await first.innerText()
    assert.ok(title.length > 0)
    await first.click()
    await page.waitForURL((u) => !/\/console\/notifications/.test(u.pathname))
    await waitForBell(page, before - 1)
    const mine = await hz.get('/notifications', { page_size: 200 })
    assert.equal(mine.items.find((n) => String(n.id) === id)?.read, true)

    // Back in the inbox the notification shows read.
    await page.locator('[data-test=menu-notifications]').click()
    await page.waitForURL(/\/console\/notifications/)
    await page.locator(`[data-test=notif-state-${id}][data-read=true]`).waitFor()

    // 仅未读, then 全部标为已读: the bell goes out, the unread list is empty.
    await page.locator('[data-test=notif-filter-unread]').click()
    await page.waitForURL(/unread=true/)
    await tableRows(page, '[data-test=notif-table]')
    await page.locator('[data-test=notif-read-all]').click()
    await waitForBell(page, 0)
    await page.locator('[data-test=notif-table][data-state=ready]').waitFor()
    await page.locator('[data-test=notif-table]').getByText('没有未读通知').waitFor()
    assert.equal((await hz.get('/notifications/unread-count')).unread, 0)

    // The webhook card of an official: a secret that is too short is refused beside the field.
    const card = page.locator('[data-test=webhook-card][data-state=ready]')
    await card.waitFor()
    await page.locator('#webhook-url').fill('http://127.0.0.1:9/hook')
    await page.locator('#webhook-secret').fill('short')
    await page.locator('[data-test=webhook-save]').click()
    await card.locator('.el-form-item__error').getByText('长度须为 16 至 200 个字符').waitFor()
    // An internal address is refused by the server, beside the field (loopback is allowed here).
    await page.locator('#webhook-url').fill('http://10.0.0.5/hook')
    await page.locator('#webhook-secret').fill('a-secret-of-enough-length')
    await page.locator('[data-test=webhook-save]').click()
    await card.locator('.el-form-item__error').getByText('须为公网地址').waitFor()
    await page.locator('#webhook-url').fill('http://127.0.0.1:9/hook')
    await page.locator('[data-test=webhook-save]').click()
    await page.locator('[data-test=webhook-status]').getByText('已启用').waitFor()
    assert.equal(await page.locator('#webhook-secret').inputValue(), '')
    const hook = await hz.get('/webhooks')
    assert.equal(hook.url, 'http://127.0.0.1:9/hook')
    assert.equal(hook.active, true)
    await card.scrollIntoViewIfNeeded()
    await shot(page, 'notifications-webhook')
    // Switched off again: no deliveries to a closed port while the other tests run.
    await hz.put('/webhooks', { url: 'http://127.0.0.1:9/hook', active: false })
    assertNoProblems(page)
    await page.context().close()
  })
})

describe('working-day calendar', () => {
  test('province: adds a holiday to next year, and sees a server error beside a bad row', async () => {
    const next = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date())) + 1
    const province = await apiSession('province')
    const before = await province.get('/calendar', { year: next })
    // A weekday in the first week of January (for a 调休 working day the server refuses).
    const weekday = [4, 5, 6, 7].map((d) => `${next}-01-0${d}`).find((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()))

    const page = await newPage(browser)
    try {
      await login(page, 'province')
      await page.locator('[data-test=menu-calendar]').click()
      await page.waitForURL(/\/console\/calendar/)
      await page.locator('[data-test=cal-edit][data-state=ready]').waitFor()
      await pickOption(page, 'cal-edit-year', String(next))
      await page.waitForURL(new RegExp(`year=${next}`))
      await page.locator('[data-test=cal-edit][data-state=ready]').waitFor()
      const n = before.items.length

      // A new holiday on New Year's Day.
      await page.locator('[data-test=cal-add]').click()
      await page.locator(`[data-test=cal-date-${n}]`).fill(`${next}-01-01`)
      await page.locator(`[data-test=cal-name-${n}]`).fill('元旦')
      await page.locator('[data-test=cal-save]').click()
      await page.locator('.el-message--success').getByText(`${next} 年节假日安排已保存`).waitFor()
      await page.locator('[data-test=cal-covered]').getByText(String(next), { exact: true }).waitFor()
      const saved = await province.get('/calendar', { year: next })
      assert.ok(saved.items.some((e) => e.date === `${next}-01-01` && e.kind === 'holiday' && e.name === '元旦'))
      assert.ok(saved.covered.includes(next))
      const listed = saved.items.findIndex((e) => e.date === `${next}-01-01`)
      assert.equal(await page.locator(`[data-test=cal-date-${listed}]`).inputValue(), `${next}-01-01`)

      // A 调休 working day on a weekday: the server's 422 lands beside that row.
      const bad = saved.items.length
      await page.locator('[data-test=cal-add]').click()
      await page.locator(`[data-test=cal-date-${bad}]`).fill(weekday)
      await pickOption(page, `cal-kind-${bad}`, '调休上班')
      await page.locator(`[data-test=cal-name-${bad}]`).fill('元旦')
      await page.locator('[data-test=cal-save]').click()
      await page.locator(`[data-test=cal-row-error-${bad}]`).getByText('调休上班日须为周六或周日').waitFor()
      assert.match(await page.locator('[data-test=cal-save-error]').innerText(), /1 行有问题/)
      assert.equal(await page.locator(`[data-test=cal-row-error-${listed}]`).count(), 0)
      await shot(page, 'calendar-edit-error', { fullPage: true })
      assertNoProblems(page)
    } finally {
      await page.context().close()
      // Leave next year as it was for the other tests (an empty year is not covered).
      await province.put(`/calendar/${next}`, { entries: before.items })
    }
  })
})

describe('calendar banner', () => {
  test('province: an unread "holidays not entered" notice shows over every page until dismissed', async () => {
    const province = await apiSession('province')
    const notices = await province.get('/notifications', { unread: true, kind: 'calendar_uncovered' })
    // data/ holds the holidays up to 2026, so from late 2026 on the daily job at server start
    // warns about 2027 (within 90 days) or the current year.
    assert.ok(notices.total > 0, 'the province has an unread calendar_uncovered notice')
    const year = String(notices.items[0].params.year)

    const page = await newPage(browser)
    try {
      await login(page, 'province')
      const banner = page.locator('[data-test=calendar-banner]')
      await banner.getByText(`${year}年节假日安排尚未录入`).waitFor()
      assert.equal(await banner.locator('.el-alert').count(), notices.total)
      await banner.locator('[data-test=calendar-banner-link]').first().click()
      await page.waitForURL(/\/console\/calendar/)
      await banner.getByText(`${year}年节假日安排尚未录入`).waitFor()  // still there on the next page
      await shot(page, 'calendar-banner')

      // Dismissed: the banner goes at once (after the last one) and the notice is marked read; the
      // request that marks it may still be on its way when the banner is gone, so wait for it.
      for (let i = 0; i < notices.total; i++) await banner.locator('.el-alert__close-btn').first().click()
      await banner.waitFor({ state: 'detached' })
      let after = null
      for (let i = 0; i < 50; i++) {
        after = await province.get('/notifications', { unread: true, kind: 'calendar_uncovered' })
        if (after.total === 0) break
        await new Promise((r) => setTimeout(r, 100))
      }
      assert.equal(after.total, 0)
      assertNoProblems(page)
    } finally {
      await page.context().close()
    }
  })
})

describe('exam sites awaiting confirmation', () => {
  test('inst2 requests a site in 西湖区; xihu confirms it on 考点确认', async () => {
    const inst2 = await apiSession('inst2')
    const name = `西湖考点${TAG}`
    const site = await inst2.post(`/institutions/${inst2.user.institution_id}/exam-sites`, {
      name, address: '杭州市西湖区文三路 90 号', region_code: '330106',
    })
    assert.equal(site.status, 'pending')

    const page = await newPage(browser)
    await login(page, 'xihu')
    await page.locator('[data-test=menu-exam-site-confirmations]').click()
    await page.waitForURL(/\/console\/exam-sites/)
    const rows = await tableRows(page, '[data-test=site-table]')
    const row = rows.filter({ hasText: name })
    await row.waitFor()
    assert.match(await row.innerText(), /宁波鄞州/)
    assert.match(await row.innerText(), /待确认/)
    await shot(page, 'exam-sites-pending')

    await page.locator(`[data-test=site-confirm-${site.id}]`).click()
    await page.locator('.el-message-box .el-button--primary').click()
    await page.locator('.el-message--success').getByText(`考点“${name}”已确认`).waitFor()
    await page.locator('[data-test=site-table][data-state=ready]').waitFor()
    await page.locator('[data-test=site-table] tbody').getByText(name).waitFor({ state: 'detached' })
    const sites = await inst2.get(`/institutions/${inst2.user.institution_id}/exam-sites`)
    assert.equal(sites.items.find((s) => s.id === site.id)?.status, 'confirmed')

    // It is listed under 已确认.
    await page.locator('[data-test=site-status]').getByText('已确认').click()
    await page.waitForURL(/status=confirmed/)
    await (await tableRows(page, '[data-test=site-table]')).filter({ hasText: name }).waitFor()
    assertNoProblems(page)
    await page.context().close()
  })
})
