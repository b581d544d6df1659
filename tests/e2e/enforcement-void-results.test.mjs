// S18 宣布有关参评人员评价成绩无效 in the browser, on the suite's demo server: inst2 (宁波鄞州, carried
// by yinzhou) has a published plan with two admitted candidates and no certificate yet. An S18 case
// is opened, proposed and served and the institution states its case, all through the API; then
// yinzhou decides in the dialog: with neither certificates nor candidates it is refused in the
// browser beside both fields; one candidate is chosen in the picker (the plan, then by name) and
// the decision is made. The case page lists the candidate with a link to the plan and the voided
// result among the effects; inst2 sees the result 成绩无效 on the plan's candidates tab, the other
// candidate's result unchanged.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiSession, assertNoProblems, BASE_URL, chinaIso, identityNumber, launch, login, newPage, pickOption, shot, tableRows } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

const identity = (prefix = '330212', year) => identityNumber(prefix, year)
// Names carry a tag of the run, so the rows are this run's even on a database used before.
const TAG = String(Date.now()).slice(-4)
const chinaToday = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10)

// inst2's plan, published, with two admitted candidates; an S18 case served and answered.
async function prepare() {
  const inst2 = await apiSession('inst2')
  const yinzhou = await apiSession('yinzhou')
  const iid = inst2.user.institution_id
  let site = (await inst2.get(`/institutions/${iid}/exam-sites`)).items.find((s) => s.status === 'confirmed')
  // A site in its own county is confirmed at once.
  if (!site) site = await inst2.post(`/institutions/${iid}/exam-sites`, { name: `鄞州天童南路考点${TAG}`, address: '宁波市鄞州区天童南路 1 号', region_code: '330212' })
  assert.equal(site.status, 'confirmed')
  const plan = await inst2.post('/plans', {
    subject_code: '6-31-01-03', level: 4, parts: ['theory'], exam_site_id: site.id, planned_count: 10,
    sessions: [{ part: 'theory', starts_at: chinaIso(9, '09:00'), ends_at: chinaIso(9, '11:00'), room: '理论一室' }],
  })
  await inst2.post(`/plans/${plan.id}/publish`)
  const add = (name) => inst2.post(`/plans/${plan.id}/candidates`, { identity_no: identity(), name, education: 'high_school', years_in_trade: 8, review: 'admitted' })
  const voided = await add(`周若彤${TAG}`)
  const kept = await add(`吴家豪${TAG}`)
  assert.equal(voided.review, 'admitted')
  assert.equal(voided.result, 'pending')

  const opened = await yinzhou.post('/cases', { institution_id: iid, items: ['S18(1)'], serious: false, facts: `考生 ${voided.name} 不符合申报条件仍被准予参加评价。`, evidence: [{ type: 'plan', id: plan.id, note: '评价计划' }], origin: 'manual' })
  assert.equal(opened.measure, 'void_results')
  await yinzhou.post(`/cases/${opened.id}/propose`, { reasons: '审核把关不严，考生不符合申报条件。', basis: '《浙江省技能人才评价监督管理办法》第十八条' })
  await yinzhou.post(`/cases/${opened.id}/serve`, { method: 'written', served_on: chinaToday() })
  // S24: the decision follows the institution's statement.
  await inst2.post(`/cases/${opened.id}/statements`, { text: '对审核疏漏无异议。' })
  return { inst2, yinzhou, plan, voided, kept, caseId: opened.id }
}

describe('S18: results declared void', () => {
  test('yinzhou voids a candidate’s result in the decision; inst2 sees 成绩无效', async () => {
    const { inst2, yinzhou, plan, voided, kept, caseId } = await prepare()

    const page = await newPage(browser)
    await login(page, 'yinzhou')
    await page.goto(`${BASE_URL}/console/enforcement/cases/${caseId}`)
    assert.equal((await page.locator('[data-test=case-status]').innerText()).trim(), '已送达')
    await page.locator('[data-test=case-action-decide]').click()
    const decide = page.locator('[data-test=case-dialog-decide]')
    await decide.locator('[data-test=act-outcome-upheld]').click()
    await decide.locator('#act-reasons').fill('考生不符合申报条件，宣布其评价成绩无效。')

    // Neither certificates nor candidates: refused in the browser, beside both fields.
    await decide.locator('[data-test=case-dialog-submit]').click()
    for (const field of ['#act-certificates', '#act-void-plan']) {
      await decide.locator('.el-form-item.is-error', { has: page.locator(field) }).locator('.el-form-item__error', { hasText: '须填写证书编号或选择考生（至少一项）' }).waitFor()
    }
    assert.equal((await yinzhou.get(`/cases/${caseId}`)).status, 'served')

    // The plan, then the candidate by name: one row, with the masked identity number and the result.
    await pickOption(page, 'act-void-plan', new RegExp(`计划 #${plan.id} ·`))
    await decide.locator('#act-void-q').fill(voided.name)
    await decide.locator('#act-void-q').press('Enter')
    await page.waitForFunction(() => document.querySelectorAll('[data-test=void-candidate-table][data-state=ready] .el-table__body-wrapper tbody tr.el-table__row').length === 1)
    const rows = await tableRows(page, '[data-test=void-candidate-table]')
    const row = rows.filter({ hasText: voided.name })
    assert.match(await row.innerText(), new RegExp(voided.identity_no.replace(/\*/g, '\\*')))
    assert.match(await row.innerText(), /待定/)
    await decide.locator(`[data-test=void-pick-${voided.id}]`).click()
    await decide.locator(`[data-test=void-chosen-${voided.id}]`).waitFor()
    assert.match(await decide.locator(`[data-test=void-chosen-${voided.id}]`).innerText(), new RegExp(`${voided.name}\\s*#${plan.id}`))
    await decide.locator(`[data-test=void-unpick-${voided.id}]`).waitFor()
    await shot(page, 'enforcement-void-results-picker')
    await decide.locator('[data-test=case-dialog-submit]').click()
    await page.locator('.el-message--success', { hasText: '已作出决定' }).waitFor()
    await page.waitForFunction(() => document.querySelector('[data-test=case-status]')?.textContent.trim() === '已决定')

    // The decision names the candidate, with the plan linked; the effect says what the result was.
    const listed = page.locator(`[data-test=case-candidates] [data-test=case-candidate-${voided.id}]`)
    assert.match(await listed.innerText(), new RegExp(voided.name))
    assert.match(await page.locator(`[data-test=case-candidate-plan-${voided.id}]`).getAttribute('href'), new RegExp(`/console/plans/${plan.id}\\?tab=candidates$`))
    assert.equal(await page.locator('[data-test=case-candidates] li').count(), 1)
    assert.match(await page.locator('[data-test=effect-resultsVoided]').innerText(), new RegExp(`已宣布无效的评价成绩：\\s*${voided.name}（原结果：待定）`))
    await shot(page, 'enforcement-void-results-decided', { fullPage: true })
    const decided = await yinzhou.get(`/cases/${caseId}`)
    assert.deepEqual(decided.candidates.map((x) => x.id), [voided.id])
    assert.deepEqual(decided.effects.results_voided, [{ candidate_id: voided.id, prior: 'pending' }])
    assertNoProblems(page)
    await page.context().close()

    // The institution: 成绩无效 (a sanction's colour) on the plan's candidates tab; the other unchanged.
    const mine = await newPage(browser)
    await login(mine, 'inst2')
    await mine.goto(`${BASE_URL}/console/plans/${plan.id}?tab=candidates`)
    await tableRows(mine, '[data-test=candidate-table]')
    const result = mine.locator(`[data-test=cand-result-${voided.id}]`)
    assert.equal((await result.innerText()).trim(), '成绩无效')
    assert.match(await result.getAttribute('class'), /el-tag--danger/)
    assert.equal((await mine.locator(`[data-test=cand-result-${kept.id}]`).innerText()).trim(), '待定')
    await shot(mine, 'plan-candidates-result-voided')
    // Its own case page names the candidate too.
    await mine.goto(`${BASE_URL}/console/enforcement/my-cases/${caseId}`)
    assert.match(await mine.locator(`[data-test=case-candidate-${voided.id}]`).innerText(), new RegExp(voided.name))
    assertNoProblems(mine)
    await mine.context().close()
    assert.equal((await inst2.get(`/plans/${plan.id}/candidates`, { q: kept.name })).items[0].result, 'pending')
  })
})
