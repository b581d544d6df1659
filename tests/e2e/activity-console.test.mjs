// The evaluation activity in the console. inst drafts a plan through the form (a session ending
// before it starts is caught in the browser; a level outside the scope is refused by the server
// with S20(2)), saves it within the scope, publishes it, registers a candidate (a wrong GB 11643
// check digit is caught in the browser) and sees the system's eligibility flag. hangzhou then
// reads the plan: no actions, the flagged candidate first, the full identity number for a reason.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiSession, assertNoProblems, chinaWall, ensureSite, launch, login, menuTexts, newPage, pickOption, shot, tableRows } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})


async function confirmBox(page) {
  await page.locator('.el-message-box').waitFor()
  await page.locator('.el-message-box .el-button--primary').click()
  await page.locator('.el-message-box').waitFor({ state: 'hidden' })
}

const GOOD_ID = '11010519491231002X'
const BAD_ID = '110105194912310021'
let planId

describe('evaluation activity', () => {
  test('inst drafts, publishes and registers candidates', async () => {
    const site = await ensureSite()
    const page = await newPage(browser)
    await login(page, 'inst')
    assert.ok((await menuTexts(page)).includes('评价计划'))
    await page.locator('[data-test=menu-plans]').click()
    await tableRows(page, '[data-test=plan-table]')
    await page.locator('[data-test=plan-create]').click()
    await page.waitForURL(/\/console\/plans\/new/)
    await page.locator('[data-test=plan-form] .el-form').waitFor()
    await pickOption(page, 'plan-site', site.name)
    await pickOption(page, 'plan-level', '2级')

    // The session ends before it starts: the browser says so beside the field.
    await page.locator('#session-0-starts').fill(chinaWall(10, '11:00'))
    await page.locator('#session-0-ends').fill(chinaWall(10, '09:00'))
    await page.locator('#session-0-room').fill('第一考场')
    await page.locator('[data-test=plan-submit]').click()
    await page.locator('[data-test=session-0-ends-error]').waitFor()
    assert.match(await page.locator('[data-test=session-0-ends-error]').innerText(), /结束时间须晚于开始时间/)

    // Level 2 is outside inst's scope (levels 5–3): the server refuses with S20(2).
    await page.locator('#session-0-starts').fill(chinaWall(10, '09:00'))
    await page.locator('#session-0-ends').fill(chinaWall(10, '11:00'))
    await page.locator('[data-test=plan-submit]').click()
    await page.locator('[data-test=plan-form-error]').waitFor()
    assert.match(await page.locator('[data-test=plan-form-error]').innerText(), /第二十条第（二）项/)
    await page.locator('[data-test=plan-form] .el-form-item__error', { hasText: '不在本机构评价范围内' }).waitFor()
    await shot(page, 'activity-plan-422', { fullPage: true })

    // Within the scope it is saved as a draft and published (≥ 7 days ahead, S19(1)).
    await pickOption(page, 'plan-level', '4级')
    await page.locator('[data-test=plan-submit]').click()
    await page.waitForURL(/\/console\/plans\/\d+$/)
    planId = Number(page.url().match(/plans\/(\d+)$/)[1])
    await page.waitForFunction(() => document.querySelector('[data-test=plan-status]')?.textContent.trim() === '草稿')
    assert.match(await page.locator('[data-test=plan-session-table]').innerText(), /第一考场/)
    await page.locator('[data-test=plan-publish]').click()
    await confirmBox(page)
    await page.waitForFunction(() => document.querySelector('[data-test=plan-status]')?.textContent.trim() === '已公布')
    await shot(page, 'activity-plan-detail', { fullPage: true })

    // Candidates: a wrong check digit is caught in the browser, the right one is registered.
    await page.locator('.el-tabs__item', { hasText: '考生' }).click()
    await tableRows(page, '[data-test=candidate-table]')
    await page.locator('[data-test=cand-add]').click()
    await page.locator('[data-test=candidate-dialog]').waitFor()
    await page.locator('#cand-identity').fill(BAD_ID)
    await page.locator('#cand-name').fill('王晓梅')
    await page.locator('[data-test=cand-review] .el-radio', { hasText: '通过' }).first().click()
    await page.locator('[data-test=cand-submit]').click()
    const idItem = page.locator('.el-form-item', { has: page.locator('#cand-identity') })
    await idItem.locator('.el-form-item__error').waitFor()
    assert.match(await idItem.locator('.el-form-item__error').innerText(), /校验码不正确/)
    await page.locator('#cand-identity').fill(GOOD_ID)
    await page.locator('[data-test=cand-submit]').click()
    await page.locator('[data-test=candidate-dialog]').waitFor({ state: 'hidden' })
    const rows = await tableRows(page, '[data-test=candidate-table]')
    const row = rows.filter({ hasText: '王晓梅' })
    await row.waitFor()
    assert.match(await row.innerText(), /110105\*{8}002X/)
    // One year in the trade, no certificate: no route of level 4 is met, yet admitted → flagged.
    assert.match(await row.locator('[data-test^=flags-]').innerText(), /不符合申报条件却审核通过/)
    await row.locator('[data-test^=eligibility-]').click()
    const routes = page.locator('[data-test=eligibility-routes]:visible')
    await routes.waitFor()
    assert.match(await routes.innerText(), /累计从事本职业（工种）工作不满 \d+ 年/)
    await shot(page, 'activity-candidates')
    assertNoProblems(page)
    await page.context().close()
  })

  test('inst: before the exam the scores and their publication wait, saying from when (S14(1))', async () => {
    assert.ok(planId, 'the plan of the first test')
    const inst = await apiSession('inst')
    const plan = await inst.get(`/plans/${planId}`)
    const cand = (await inst.get(`/plans/${planId}/candidates`, { review: 'admitted' })).items.find((c) => c.name === '王晓梅')
    assert.ok(cand, 'the admitted candidate of the first test')
    const page = await newPage(browser)
    await login(page, 'inst')
    await page.goto(page.url().replace(/\/console\/.*$/, `/console/plans/${planId}?tab=scores`))
    const input = page.locator(`#score-${cand.id}-theory`)
    await input.waitFor()
    // The inputs of a part whose session has not begun are closed, with the time they open; the
    // publication waits for the last session's end. (The checks of a typed score are in
    // certificate-check.test.mjs, on a server whose clock is past the exam.)
    assert.equal(await input.isDisabled(), true)
    const starts = plan.sessions.filter((s) => s.part === 'theory').map((s) => s.starts_at).sort()[0]
    const opens = await page.locator('[data-test=scores-opens-theory]').innerText()
    assert.match(opens, /理论知识考试成绩自 .*起可录入/)
    assert.ok(opens.includes(starts.slice(0, 10)), `the hint names the session's day: ${opens}`)
    assert.match(await page.locator('[data-test=scores-publish-opens]').innerText(), /考试结束（.*）后方可公示成绩/)
    assert.equal(await page.locator('[data-test=scores-publish]').isDisabled(), true)
    await shot(page, 'plan-scores-before-exam')
    assertNoProblems(page)
    await page.context().close()
  })

  test('hangzhou reads the plan and opens an identity number for a reason', async () => {
    assert.ok(planId, 'the plan of the previous test')
    const page = await newPage(browser)
    await login(page, 'hangzhou')
    await page.locator('[data-test=menu-plans]').click()
    const rows = await tableRows(page, '[data-test=plan-table]')
    await rows.locator(`[data-test=plan-open-${planId}]`).click()
    await page.locator('[data-test=plan-read-only]').waitFor()
    assert.equal(await page.locator('[data-test=plan-publish], [data-test=plan-edit], [data-test=plan-cancel]').count(), 0)
    assert.equal(await page.locator('.el-tabs__item', { hasText: '成绩' }).count(), 0)

    await page.locator('.el-tabs__item', { hasText: '考生' }).click()
    const cands = await tableRows(page, '[data-test=candidate-table]')
    // Officials start with the flagged candidates only.
    assert.match(await page.locator('[data-test=cand-flagged-switch]').getAttribute('class'), /is-checked/)
    const row = cands.filter({ hasText: '王晓梅' })
    await row.waitFor()
    await row.locator('[data-test^=identity-reveal-]').click()
    await page.locator('.el-message-box textarea').fill('核查资格审核不严疑点')
    await confirmBox(page)
    await row.locator('[data-test=identity-full]').waitFor()
    assert.equal(await row.locator('[data-test=identity-full]').innerText(), GOOD_ID)
    await shot(page, 'activity-authority-candidates')
    assertNoProblems(page)
    await page.context().close()
  })
})

