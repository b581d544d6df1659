// Digital monitoring 数字化监测 (S13, S14) in the console, on a server of its own with the synthetic
// province (`skillreg demo --scale 3000`: scored plans with injected irregularities, a key-sampling
// queue and star ratings). hangzhou finds a critical plan in 重点抽查 and reads its 监测评分 tab
// (six dimensions, a deduction with its article, the candidates behind it), works a sampling item
// (an empty outcome is refused beside the fields, then one is recorded and the item is done) and
// sees an institution's trend and rank; province tries a policy whose weights do not add up to 1,
// saves a valid new version and runs a full recompute to the end; inst2, and the administrator of a
// scored institution, see only the summary of their institution's score.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiSession, assertNoProblems, launch, login, newPage, pickOption, shot, startServer, tableRows } from './helpers.mjs'

let browser
let server
before(async () => {
  browser = await launch()
  server = await startServer({ demoArgs: ['--scale', '3000'] })
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

const api = (user, opts = {}) => apiSession(user, { base: server.base, ...opts })

async function confirmBox(page) {
  await page.locator('.el-message-box').waitFor()
  await page.locator('.el-message-box .el-button--primary').click()
  await page.locator('.el-message-box').waitFor({ state: 'hidden' })
}

// The critical plan of hangzhou's queue whose deductions name candidates (an ineligible candidate
// admitted or scores bunched above the pass line), and the institution behind it.
let critical

describe('digital monitoring', () => {
  test('hangzhou finds a critical plan in key sampling and reads its deductions', async () => {
    const hz = await api('hangzhou')
    const queue = (await hz.get('/monitoring/sampling', { status: 'open', reason: 'critical', page_size: '200' })).items
    critical = queue.find((x) => /ineligible_admitted|bunched_scores/.test(x.indicators))
    assert.ok(critical, 'a critical sampling item with candidate records in hangzhou')

    const page = await newPage(browser)
    // The list names each institution from its own answer (institution_name), without asking
    // /institutions/:id per row (a county where the exam is held may not supervise the institution).
    const perRow = []
    page.on('request', (r) => /\/api\/v1\/institutions\/\d+$/.test(new URL(r.url()).pathname) && perRow.push(r.url()))
    await login(page, 'hangzhou', undefined, server.base)
    await page.locator('[data-test=menu-sampling]').click()
    await tableRows(page, '[data-test=sampling-table]')
    await pickOption(page, 'sampling-filter-reason', '异常情况')
    await page.waitForURL(/reason=critical/)
    const rows = await tableRows(page, '[data-test=sampling-table]')
    assert.ok((await rows.count()) > 0)
    for (const tag of await rows.locator('[data-test=sampling-reason]').allInnerTexts()) assert.equal(tag.trim(), '异常情况')
    const names = new Set(queue.map((x) => x.institution_name))
    assert.ok(queue.every((x) => x.institution_name), 'the list API names the institution')
    for (const name of await rows.locator('[data-test=sampling-institution]').allInnerTexts()) {
      assert.doesNotMatch(name, /^#\d+$/)
      assert.ok(names.has(name.trim()), `${name} is an institution of the queue`)
    }
    assert.deepEqual(perRow, [])
    await shot(page, 'monitoring-sampling')

    // Page through to the item if needed, then open the plan's monitoring tab from its row.
    const link = page.locator(`[data-test=sampling-plan-${critical.plan_id}]`).first()
    while (!(await link.count())) {
      await page.locator('[data-test=sampling-table] .btn-next').click()
      await tableRows(page, '[data-test=sampling-table]')
    }
    await link.click()
    await page.waitForURL(new RegExp(`/console/plans/${critical.plan_id}\\?tab=monitoring`))
    await page.locator('[data-test=plan-monitoring][data-state=ready]').waitFor()
    const dims = page.locator('[data-test^=dim-] [data-test=dimension-value]')
    assert.equal(await dims.count(), 6)
    for (const v of await dims.allInnerTexts()) assert.match(v.trim(), /^\d+(\.\d+)?$/)
    assert.match(await page.locator('[data-test=score-overall]').innerText(), /^\d+(\.\d+)?$/)
    assert.equal(await page.locator('[data-test=policy-version]').innerText(), '第 1 版规则')
    await page.locator('[data-test=monitoring-critical]').waitFor()
    await page.locator('[data-test=dimension-chart] canvas').waitFor()

    // At least one deduction, with its indicator in Chinese, its article and its amount.
    const deductions = page.locator('[data-test=deduction-table] .el-table__body-wrapper tbody tr.el-table__row')
    assert.ok((await deductions.count()) >= 1)
    const row = deductions.filter({ has: page.locator('[data-test^=record-candidate-]') }).first()
    assert.match(await row.innerText(), /资格不符合申报条件的考生被审核通过|成绩集中分布在合格线附近/)
    assert.match(await row.locator('[data-test=deduction-article]').innerText(), /^S1[89]\(\d+\)$/)
    assert.match(await row.locator('[data-test=deduction-amount]').innerText(), /^−\d+/)
    // Why, in Chinese too (the server says it in both languages).
    const why = await row.locator('.ded__explanation').innerText()
    assert.match(why, /[\u4e00-\u9fff]/)
    assert.doesNotMatch(why, /\b(of|candidates?|admitted|scores?|part)\b/)
    await shot(page, 'monitoring-plan', { fullPage: true })

    // A candidate record opens the candidates tab on that candidate only.
    const cand = row.locator('[data-test^=record-candidate-]').first()
    const cid = (await cand.getAttribute('data-test')).replace('record-candidate-', '')
    await cand.click()
    await page.waitForURL(new RegExp(`tab=candidates.*candidates=${cid}|candidates=${cid}.*tab=candidates`))
    await page.locator('[data-test=cand-only-ids]').waitFor()
    const cands = await tableRows(page, '[data-test=candidate-table]')
    assert.equal(await cands.count(), 1)
    // Back to the whole list.
    await page.locator('[data-test=cand-show-all]').click()
    await page.locator('[data-test=cand-only-ids]').waitFor({ state: 'hidden' })

    // A status the select does not offer, in the URL, is ignored: the default (open) is asked for
    // and shown, nothing is refused.
    const refused = []
    page.on('response', (r) => r.url().includes('/api/v1/monitoring/sampling') && r.status() >= 400 && refused.push(`${r.status()} ${r.url()}`))
    await page.goto(`${server.base}/console/monitoring/sampling?status=bogus&reason=nonsense`)
    await tableRows(page, '[data-test=sampling-table]')
    await page.waitForURL(/status=open/)
    assert.doesNotMatch(page.url(), /bogus|nonsense/)
    assert.equal((await page.locator('.el-select', { has: page.locator('#sampling-filter-status') }).innerText()).trim(), '待处理')
    for (const tag of await (await tableRows(page, '[data-test=sampling-table]')).locator('[data-test=sampling-status]').allInnerTexts()) assert.equal(tag.trim(), '待处理')
    assert.deepEqual(refused, [])
    assert.deepEqual(perRow, [])
    assertNoProblems(page)
    await page.context().close()
  })

  test('hangzhou works a sampling item: the empty outcome is refused, then it is done', async () => {
    const page = await newPage(browser)
    await login(page, 'hangzhou', undefined, server.base)
    await page.locator('[data-test=menu-sampling]').click()
    const rows = await tableRows(page, '[data-test=sampling-table]')
    const first = rows.first()
    const button = first.locator('[data-test^=sampling-record-]')
    const id = (await button.getAttribute('data-test')).replace('sampling-record-', '')
    await button.click()
    const dialog = page.locator('[data-test=outcome-dialog]')
    await dialog.waitFor()

    // Nothing chosen: each field says what it needs.
    await page.locator('[data-test=outcome-submit]').click()
    await page.locator('[data-test=outcome-note-item] .el-form-item__error').waitFor()
    assert.match(await page.locator('[data-test=outcome-note-item] .el-form-item__error').innerText(), /请填写核查情况/)
    assert.match(await page.locator('[data-test=outcome-action-item] .el-form-item__error').innerText(), /请填写处理方式/)
    await shot(page, 'monitoring-outcome-error')

    await page.locator('[data-test=outcome-action] .el-radio', { hasText: '实地核查' }).click()
    await page.locator('[data-test=outcome-outcome] .el-radio', { hasText: '问题属实' }).click()
    await page.locator('#outcome-note').fill('实地核查考点视频与成绩原始记录，确认成绩集中在合格线附近，已责令整改。')
    await page.locator('[data-test=outcome-submit]').click()
    await dialog.waitFor({ state: 'hidden' })
    await page.locator('.el-message--success').waitFor()

    // Gone from the open items; among the done ones with its outcome.
    await tableRows(page, '[data-test=sampling-table]')
    assert.equal(await page.locator(`[data-test=sampling-record-${id}]`).count(), 0)
    await pickOption(page, 'sampling-filter-status', '已办结')
    await page.waitForURL(/status=done/)
    const done = (await tableRows(page, '[data-test=sampling-table]')).filter({ has: page.locator('td:first-child', { hasText: new RegExp(`^${id}$`) }) })
    await done.waitFor()
    assert.equal((await done.locator('[data-test=sampling-status]').innerText()).trim(), '已办结')
    assert.equal((await done.locator('[data-test=sampling-outcome]').innerText()).trim(), '问题属实')
    const item = (await (await api('hangzhou')).get('/monitoring/sampling', { status: 'done', page_size: '200' })).items.find((x) => String(x.id) === id)
    assert.equal(item?.action, 'visit')
    assertNoProblems(page)
    await page.context().close()
  })

  test("hangzhou sees an institution's score, stars, trend and rank", async () => {
    assert.ok(critical, 'the critical item of the first test')
    const page = await newPage(browser)
    await login(page, 'hangzhou', undefined, server.base)
    await page.goto(`${server.base}/console/institutions/${critical.institution_id}`)
    await page.locator('[data-test=inst-monitoring]').click()
    await page.waitForURL(new RegExp(`/console/institutions/${critical.institution_id}/monitoring`))
    await page.locator('[data-test=institution-score] [data-test=dimension-chart] canvas').waitFor()
    assert.match(await page.locator('[data-test=score-overall]').innerText(), /^\d+(\.\d+)?$/)
    assert.match(await page.locator('[data-test=rating-stars-text]').innerText(), /^[1-5] 星$/)
    assert.match(await page.locator('[data-test=rating-explanation]').innerText(), /^平均分\d+(\.\d)?，评为[1-5]星/)
    await page.locator('[data-test=trend-chart] canvas').waitFor()
    assert.match(await page.locator('[data-test=rank-province]').innerText(), /^第 \d+ 名 \/ 共 \d+ 家$/)
    assert.match(await page.locator('[data-test=rank-city]').innerText(), /^第 \d+ 名 \/ 共 \d+ 家$/)
    assert.equal(await page.locator('[data-test=summary-only]').count(), 0)
    await shot(page, 'monitoring-institution', { fullPage: true })
    assertNoProblems(page)
    await page.context().close()
  })

  test('province: weights not adding up to 1 are refused, a new version is saved and recomputed', async () => {
    const page = await newPage(browser)
    await login(page, 'province', undefined, server.base)
    await page.locator('[data-test=menu-monitoring-policy]').click()
    await page.locator('[data-test=policy-card]').waitFor()
    assert.match(await page.locator('#policy-title').innerText(), /现行规则（第 1 版）/)
    await page.locator('[data-test=policy-edit]').click()

    // 0.5 + 5 × 1/6 ≠ 1: refused in the browser beside the weights.
    await page.locator('#policy-weight-plan_validity').fill('0.5')
    await page.locator('#policy-weight-plan_validity').press('Tab')
    await page.locator('[data-test=policy-save]').click()
    const sumError = page.locator('[data-test=policy-weights-sum] .el-form-item__error')
    await sumError.waitFor()
    assert.match(await sumError.innerText(), /各维度权重之和须为 1/)
    await page.locator('[data-test=policy-error]').waitFor()
    await shot(page, 'monitoring-policy-error')

    // Valid weights (0.25 + 0.15 × 5 = 1) and a stricter publication lead time: version 2.
    await page.locator('#policy-weight-plan_validity').fill('0.25')
    for (const d of ['qualification_accuracy', 'question_usage', 'personnel_compliance', 'result_authenticity', 'traceability']) {
      await page.locator(`#policy-weight-${d}`).fill('0.15')
      await page.locator(`#policy-weight-${d}`).press('Tab')
    }
    await page.locator('#policy-publish_days_before').fill('10')
    await page.locator('#policy-publish_days_before').press('Tab')
    await page.locator('#policy-note').fill('提高计划制订有效性权重')
    await sumError.waitFor({ state: 'hidden' })
    await page.locator('[data-test=policy-save]').click()
    await page.waitForFunction(() => /现行规则（第 2 版）/.test(document.querySelector('#policy-title')?.textContent || ''))
    assert.match(await page.locator('[data-test=policy-versions]').innerText(), /提高计划制订有效性权重/)

    // A full recompute with the new version, followed to the end.
    await page.locator('[data-test=run-start]').click()
    await confirmBox(page)
    await page.locator('[data-test=run-progress]').waitFor()
    await page.locator('[data-test=run-progress][data-status=done]').waitFor({ timeout: 120000 })
    assert.match(await page.locator('[data-test=run-done]').innerText(), /重算完成：\d+ 个计划已评分/)
    assert.match(await page.locator('[data-test=run-progress]').innerText(), /第 2 版规则/)
    await shot(page, 'monitoring-policy-recompute', { fullPage: true })
    assertNoProblems(page)
    await page.context().close()
  })

  test('inst2 and the administrator of a scored institution see the summary only', async () => {
    assert.ok(critical, 'the critical item of the first test')
    // inst2: 本机构 → 监测评分, no plan of its own (the demo gives plans to inst only), so no score yet.
    const page = await newPage(browser)
    await login(page, 'inst2', undefined, server.base)
    await page.locator('[data-test=menu-my-institution]').click()
    await page.locator('[data-test=inst-monitoring]').click()
    await page.waitForURL(/\/console\/my-institution\/monitoring/)
    await page.locator('[data-test=summary-only]').waitFor()
    await page.locator('[data-test=no-score]').waitFor()
    assert.equal(await page.locator('[data-test=institution-trend], [data-test=institution-rank]').count(), 0)
    assertNoProblems(page)
    await page.context().close()

    // An administrator of the critical plan's institution (created for the test): the summary with
    // the dimensions and stars, still without trend and rank.
    const province = await api('province')
    const inst = await province.get(`/institutions/${critical.institution_id}`)
    const username = `mon_inst_${critical.institution_id}`
    await province.post('/users', { username, display_name: `${inst.name}管理员`, role: 'institution_admin', region_code: inst.region_code, institution_id: inst.id, password: 'monitor-kept-2026' })
    const own = await newPage(browser)
    await login(own, username, 'monitor-kept-2026', server.base)
    await own.goto(`${server.base}/console/my-institution/monitoring`)
    await own.locator('[data-test=summary-only]').waitFor()
    await own.locator('[data-test=institution-score] [data-test=dimension-chart] canvas').waitFor()
    assert.match(await own.locator('[data-test=score-overall]').innerText(), /^\d+(\.\d+)?$/)
    assert.match(await own.locator('[data-test=rating-stars-text]').innerText(), /^[1-5] 星$/)
    assert.equal(await own.locator('[data-test=institution-trend], [data-test=institution-rank]').count(), 0)
    await shot(own, 'monitoring-institution-summary', { fullPage: true })
    assertNoProblems(own)
    await own.context().close()
  })
})
