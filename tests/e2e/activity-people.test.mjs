// The people and execution records of evaluation activity, bulk reports, and refusing an inspection.
// inst registers an examiner in the 考评人员 registry (a wrong check digit caught in the browser
// first); on a plan's 人员安排 tab assigning that examiner is refused by the server for avoidance
// (S19(8)) and an examiner qualified only at level 5 is refused for M16, each beside the person
// field, and an examiner of another institution is assigned by identity number. From the 考生 tab
// a candidates batch is opened, its CSV uploaded with the progress bar, committed, and followed to
// the end: refused whole with the bad row's error in the table. hangzhou appoints an external
// supervisor and assigns them to a session of the plan. inst edits and retires an examiner (the
// identity number fixed), a retired examiner of another institution is refused (M16), and inst
// finds another institution's examiner across the province without the phone (S19(8)); the batch
// list filters by status and kind without row errors. hangzhou cancels an inspection with
// 机构拒绝接受检查 ticked (S20(3)) and the page shows the refusal. On a published plan inst records
// each session's paper (the empty form refused in the browser first; a paper id another plan uses is
// flagged, S19(6)) and a recording that raises its session's coverage from 0.
import { after, before, describe, test } from 'node:test'
import { randomBytes } from 'node:crypto'
import assert from 'node:assert/strict'
import { apiSession, assertNoProblems, badCheckDigit, chinaIso, chinaWall, ensureSite, identityNumber, launch, login, menuTexts, newPage, pickOption, searchOption, shot, tableRows } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

const identity = (prefix = '330106', year) => identityNumber(prefix, year)


const SUBJECT = '4-01-02-01'
// Names carry a tag of the run, so the rows are this run's even on a database used before.
const TAG = String(Date.now()).slice(-4)
const until = () => `${new Date().getUTCFullYear() + 2}-12-31`
let plan

// A draft plan of inst at its site, `days` ahead: a theory session in the morning and a practical
// one in the afternoon of that day.
function newPlan(inst, site, days) {
  return inst.post('/plans', {
    subject_code: SUBJECT, level: 4, parts: ['theory', 'practical'], exam_site_id: site.id, planned_count: 30, question_source: 'unified_bank', paperless: true, fee: 100,
    sessions: [
      { part: 'theory', starts_at: chinaIso(days, '09:00'), ends_at: chinaIso(days, '11:00'), room: '理论一室' },
      { part: 'practical', starts_at: chinaIso(days, '13:00'), ends_at: chinaIso(days, '16:00'), room: '实操一室' },
    ],
  })
}

describe('examiners, assignments and batches', () => {
  test('inst registers an examiner, is refused beside the field, assigns one from elsewhere', async () => {
    const inst = await apiSession('inst')
    const site = await ensureSite(inst)
    plan = await newPlan(inst, site, 40)
    // Two examiners of another institution (inst2, 鄞州区): one qualified only at level 5, one at 2.
    const inst2 = await apiSession('inst2')
    const fifth = identity('330212')
    await inst2.post('/examiners', { identity_no: fifth, name: '王五级' + TAG, qualifications: [{ subject_code: SUBJECT, level: 5, valid_until: until() }] })
    // An own examiner qualified only at level 5: refused for two reasons at once.
    const ownFifth = identity()
    await inst.post('/examiners', { identity_no: ownFifth, name: '孙本五' + TAG, qualifications: [{ subject_code: SUBJECT, level: 5, valid_until: until() }] })
    const qualifiedId = identity('330212')
    await inst2.post('/examiners', { identity_no: qualifiedId, name: '赵外聘' + TAG, qualifications: [{ subject_code: SUBJECT, level: 2, valid_until: until() }] })

    const page = await newPage(browser)
    await login(page, 'inst')
    const menu = await menuTexts(page)
    for (const entry of ['考评人员', '质量督导员', '批量上报']) assert.ok(menu.includes(entry), `menu has ${entry}`)

    // 考评人员: register one; a wrong check digit is caught in the browser first.
    await page.locator('[data-test=menu-examiners]').click()
    await page.waitForURL(/\/console\/examiners/)
    await tableRows(page, '[data-test=person-table]')
    await page.locator('[data-test=person-register]').click()
    await page.locator('[data-test=person-dialog] .el-form').waitFor()
    const own = identity()
    await page.locator('#person-identity').fill(badCheckDigit(own))
    await page.locator('#person-name').fill('张本院' + TAG)
    await page.locator('#person-phone').fill('0571-88000000')
    await pickOption(page, 'qual-0-subject', SUBJECT)
    await pickOption(page, 'qual-0-level', '3级')
    await page.locator('#qual-0-until').fill(until())
    await page.locator('#qual-0-until').press('Enter')
    await page.locator('[data-test=person-submit]').click()
    await page.locator('[data-test=person-dialog] .el-form-item__error', { hasText: '校验码不正确' }).waitFor()
    await page.locator('#person-identity').fill(own)
    await page.locator('[data-test=person-submit]').click()
    await page.locator('[data-test=person-dialog]').waitFor({ state: 'hidden' })
    await page.locator('[data-test=person-table] tbody tr', { hasText: '张本院' + TAG }).waitFor()
    assert.match(await page.locator('[data-test=person-table] tbody tr', { hasText: '张本院' + TAG }).innerText(), /4-01-02-01[\s\S]*3级/)
    await shot(page, 'activity-examiners')

    // 人员安排: the registry picker offers the own examiner only disabled, with the reason (avoidance, S19(8)).
    await page.goto(page.url().replace(/\/console\/.*$/, `/console/plans/${plan.id}?tab=staff`))
    await page.locator('[data-test=staffing-table]').waitFor()
    assert.equal((await page.locator('[data-test=staffing-complete]').innerText()).trim(), '配备未达要求')
    await pickOption(page, 'assign-session', '操作技能考核')
    await page.locator('[data-test=assign-by] .el-radio', { hasText: '从名录选择' }).click()
    await page.locator('.el-select', { has: page.locator('#assign-person') }).click()
    await page.locator('#assign-person').fill('张本院' + TAG)
    const ownOption = page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '张本院' + TAG })
    await ownOption.waitFor()
    assert.match(await ownOption.getAttribute('class'), /is-disabled/)
    assert.match(await ownOption.innerText(), /受聘于本机构，须回避/)
    await page.locator('#assign-title').click()
    await ownOption.waitFor({ state: 'hidden' })
    // By identity number the server refuses it beside the person field.
    await page.locator('[data-test=assign-by] .el-radio', { hasText: '按身份证号' }).click()
    await page.locator('#assign-identity').fill(own)
    await page.locator('[data-test=assign-submit]').click()
    await page.locator('[data-test=assign-person-item] .el-form-item__error', { hasText: '应当回避' }).waitFor()
    assert.match(await page.locator('[data-test=assign-error]').innerText(), /第十九条第（八）项/)
    // An own examiner qualified only at level 5: both reasons are shown, not only the first.
    await page.locator('#assign-identity').fill(ownFifth)
    await page.locator('[data-test=assign-submit]').click()
    const both = page.locator('[data-test=assign-person-item] .el-form-item__error', { hasText: '仅具备 5 级资格' })
    await both.waitFor()
    assert.match(await both.innerText(), /仅具备 5 级资格[\s\S]*；[\s\S]*应当回避/)

    // An examiner qualified only at level 5 for this level-4 plan: M16.
    await page.locator('[data-test=assign-by] .el-radio', { hasText: '按身份证号' }).click()
    await page.locator('#assign-identity').fill(fifth)
    await page.locator('[data-test=assign-submit]').click()
    await page.locator('[data-test=assign-person-item] .el-form-item__error', { hasText: '仅具备 5 级资格' }).waitFor()
    assert.match(await page.locator('[data-test=assign-error]').innerText(), /《浙江省技能人才评价机构管理办法》第十六条/)
    await shot(page, 'activity-assignment-refused', { fullPage: true })

    // One from another institution, qualified: assigned and counted in the staffing.
    await page.locator('#assign-identity').fill(qualifiedId)
    await page.locator('#assign-panel').fill('A')
    await page.locator('[data-test=assign-submit]').click()
    await page.locator('[data-test=assignment-table] tbody tr', { hasText: '赵外聘' + TAG }).waitFor()
    assert.equal(await page.locator('[data-test=assign-error]').count(), 0)
    assert.match(await page.locator('[data-test=staffing-table]').innerText(), new RegExp(`赵外聘${TAG}（A）`))
    // Each unmet rule with its numbers, worded in Chinese by the console (S19(8)).
    const unmet = await page.locator('[data-test=staffing-unmet]').innerText()
    assert.match(unmet, /考评组 A 现有考评人员 1 名，至少需 3 名/)
    assert.match(unmet, /应配 1 名，已配 0 名/)
    assert.doesNotMatch(unmet, /required|assigned|candidates/)
    await shot(page, 'activity-staffing', { fullPage: true })
    assertNoProblems(page)
    await page.context().close()
  })

  test('inst uploads a candidates batch and follows it to the refusal with the bad row', async () => {
    assert.ok(plan, 'the plan of the first test')
    const page = await newPage(browser)
    await login(page, 'inst')
    await page.goto(page.url().replace(/\/console\/.*$/, `/console/plans/${plan.id}?tab=candidates`))
    await page.locator('[data-test=cand-batch]').click()
    await page.waitForURL(/\/console\/batches/)
    await page.locator('[data-test=batch-dialog] .el-form').waitFor()
    // The plan comes chosen from the tab.
    await page.waitForFunction((id) => document.querySelector('[data-test=batch-dialog]')?.innerText.includes(`#${id} `), plan.id)
    // S19(2): the values each coded column takes, and that a blank review admits no one.
    assert.match(await page.locator('[data-test=batch-values-hint]').innerText(), /本科.*通过、不通过、待审核.*留空为待审核/)
    await page.locator('[data-test=batch-create-submit]').click()
    await page.waitForURL(/\/console\/batches\/\d+$/)
    assert.equal((await page.locator('[data-test=batch-status]').innerText()).trim(), '待上传')

    const header = 'identity_no,name,education,years_in_trade,prior_level,prior_cert_date,apprenticeship,review'
    const csv = `${header}\n${identity()},周一,high_school,8,,,否,\n${badCheckDigit(identity())},吴二,high_school,8,,,否,\n${identity()},郑三,college,3,,,否,\n`
    await page.locator('[data-test=batch-file]').setInputFiles({ name: 'candidates.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
    await page.locator('[data-test=batch-send]').click()
    await page.waitForFunction(() => document.querySelector('[data-test=batch-parts]')?.textContent.trim() === '1')
    assert.match(await page.locator('[data-test=batch-upload-progress]').innerText(), /100%/)
    await shot(page, 'activity-batch-uploaded')
    await page.locator('[data-test=batch-commit]').click()
    // Polled to the end: refused whole, the progress at 100 %, the bad row's error in the table.
    await page.waitForFunction(() => document.querySelector('[data-test=batch-status]')?.textContent.trim() === '已退回', null, { timeout: 30000 })
    assert.equal(await page.locator('[data-test=batch-progress-bar]').getAttribute('data-pct'), '100')
    assert.match(await page.locator('[data-test=batch-rows]').innerText(), /3 \/ 3/)
    await page.locator('[data-test=batch-refused]').waitFor()
    const rows = page.locator('[data-test=batch-error-table] tbody tr')
    assert.equal(await rows.count(), 1)
    const text = await rows.first().innerText()
    assert.match(text, /^\s*2\s/)
    assert.match(text, /身份证号/)
    assert.match(text, /校验码不正确/)
    await shot(page, 'activity-batch-refused', { fullPage: true })

    // The list shows it.
    await page.locator('[data-test=menu-batches]').click()
    const list = await tableRows(page, '[data-test=batch-table]')
    assert.match(await list.first().innerText(), /已退回/)
    assertNoProblems(page)
    await page.context().close()
  })
})

describe('withdrawing a batch', () => {
  test('inst withdraws an open batch it will not commit; its parts are deleted', async () => {
    assert.ok(plan, 'the plan of the first test')
    const inst = await apiSession('inst')
    const opened = await inst.post('/batches', { kind: 'candidates', plan_id: plan.id })
    const page = await newPage(browser)
    await login(page, 'inst')
    await page.goto(page.url().replace(/\/console\/.*$/, `/console/batches/${opened.id}`))
    await page.locator('[data-test=batch-withdraw]').click()
    await page.locator('.el-message-box').waitFor()
    await page.locator('.el-message-box button', { hasText: '撤回批次' }).click()
    await page.waitForFunction(() => document.querySelector('[data-test=batch-status]')?.textContent.trim() === '已撤回')
    assert.match(await page.locator('[data-test=batch-closed]').innerText(), /已撤回.*未写入任何数据/)
    assert.equal(await page.locator('[data-test=batch-upload]').count(), 0, 'no more uploads')
    assert.equal(await page.locator('[data-test=batch-progress-bar]').count(), 0, 'never processed: no progress bar')
    assert.equal((await inst.get(`/batches/${opened.id}`)).status, 'withdrawn')
    await shot(page, 'activity-batch-withdrawn')
    assertNoProblems(page)
    await page.context().close()
  })
})

describe('editing, retiring and finding examiners', () => {
  test('inst edits and retires its examiner; a retired examiner of another institution is refused (M16)', async () => {
    assert.ok(plan, 'the plan of the first test')
    const inst = await apiSession('inst')
    const mine = await inst.post('/examiners', { identity_no: identity(), name: '钱可改' + TAG, phone: '0571-1', qualifications: [{ subject_code: SUBJECT, level: 3, valid_until: until() }] })
    const inst2 = await apiSession('inst2')
    const goneId = identity('330212')
    const gone = await inst2.post('/examiners', { identity_no: goneId, name: '李退出' + TAG, qualifications: [{ subject_code: SUBJECT, level: 2, valid_until: until() }] })
    await inst2.del(`/examiners/${gone.id}`, { reason: '调离' })

    const page = await newPage(browser)
    await login(page, 'inst')
    await page.locator('[data-test=menu-examiners]').click()
    await page.waitForURL(/\/console\/examiners/)
    const row = page.locator('[data-test=person-table] tbody tr', { hasText: '钱可改' + TAG })
    await row.waitFor()
    // 编辑: the identity number is shown masked and cannot change; the name and phone do.
    await page.locator(`[data-test=person-edit-${mine.id}]`).click()
    await page.locator('[data-test=person-dialog] .el-form').waitFor()
    assert.equal(await page.locator('#person-identity').isDisabled(), true)
    assert.match(await page.locator('#person-identity').inputValue(), /\*{8}/)
    await page.locator('#person-name').fill('钱已改' + TAG)
    await page.locator('#person-phone').fill('0571-2')
    await page.locator('[data-test=person-submit]').click()
    await page.locator('[data-test=person-dialog]').waitFor({ state: 'hidden' })
    const edited = page.locator('[data-test=person-table] tbody tr', { hasText: '钱已改' + TAG })
    await edited.waitFor()
    assert.match(await edited.innerText(), /0571-2/)
    // 退出名录 with a reason: kept in the list as 已退出, no more actions.
    await page.locator(`[data-test=person-retire-${mine.id}]`).click()
    await page.locator('.retire-box input').fill('合同到期')
    await page.locator('.retire-box .el-button--primary').click()
    await page.waitForFunction((id) => document.querySelector(`[data-test=person-status-${id}]`)?.textContent.trim() === '已退出', mine.id)
    assert.match(await edited.innerText(), /合同到期/)
    assert.equal(await page.locator(`[data-test=person-edit-${mine.id}]`).count(), 0)
    await shot(page, 'activity-examiner-retired')
    const saved = await inst.get(`/examiners/${mine.id}`)
    assert.equal(saved.status, 'retired')
    assert.equal(saved.name, '钱已改' + TAG)

    // A retired examiner is refused beside the person field (M16).
    await page.goto(page.url().replace(/\/console\/.*$/, `/console/plans/${plan.id}?tab=staff`))
    await page.locator('[data-test=assign-form]').waitFor()
    await pickOption(page, 'assign-session', '理论知识考试')
    await page.locator('[data-test=assign-by] .el-radio', { hasText: '按身份证号' }).click()
    await page.locator('#assign-identity').fill(goneId)
    await page.locator('[data-test=assign-submit]').click()
    await page.locator('[data-test=assign-person-item] .el-form-item__error', { hasText: '已退出名录' }).waitFor()
    assert.match(await page.locator('[data-test=assign-error]').innerText(), /《浙江省技能人才评价机构管理办法》第十六条/)
    assertNoProblems(page)
    await page.context().close()
  })

  test('inst finds an examiner of another institution across the province, without the phone (S19(8))', async () => {
    const inst2 = await apiSession('inst2')
    const theirs = await inst2.post('/examiners', { identity_no: identity('330212'), name: '孙全省' + TAG, phone: '0574-88888888', qualifications: [{ subject_code: SUBJECT, level: 2, valid_until: until() }] })
    const page = await newPage(browser)
    await login(page, 'inst')
    await page.locator('[data-test=menu-examiners]').click()
    await page.waitForURL(/\/console\/examiners/)
    await tableRows(page, '[data-test=person-table]')
    await page.locator('[data-test=person-filter-q]').fill('孙全省' + TAG)
    await page.locator('[data-test=person-filter-q]').press('Enter')
    await page.waitForURL(/q=/)
    await page.locator('[data-test=person-table] .el-table__empty-text').waitFor()
    // 全省查找: every institution's active examiners.
    await page.locator('[data-test=person-filter-province]').click()
    await page.locator('[data-test=person-province-hint]').waitFor()
    const row = page.locator('[data-test=person-table] tbody tr', { hasText: '孙全省' + TAG })
    await row.waitFor()
    const text = await row.innerText()
    assert.match(text, /\d{6}\*{8}\w{4}/, 'the identity number masked')
    assert.doesNotMatch(text, /0574-88888888/, 'no phone of another institution')
    assert.equal(await page.locator(`[data-test=person-edit-${theirs.id}]`).count(), 0)
    await pickOption(page, 'person-filter-level', '1 级及以上')
    await page.locator('[data-test=person-table] .el-table__empty-text').waitFor()
    await shot(page, 'activity-examiners-province')
    assertNoProblems(page)
    await page.context().close()
  })
})

describe('batch filters', () => {
  test('inst filters its batches by status and kind; the list carries no row errors', async () => {
    const inst = await apiSession('inst')
    const all = await inst.get('/batches')
    assert.ok(all.items.length >= 1, 'the batch of the earlier test')
    for (const b of all.items) assert.equal(b.errors, undefined)
    const page = await newPage(browser)
    await login(page, 'inst')
    await page.locator('[data-test=menu-batches]').click()
    await tableRows(page, '[data-test=batch-table]')
    await pickOption(page, 'batch-filter-status', '已退回')
    await page.waitForURL(/status=refused/)
    const refused = await tableRows(page, '[data-test=batch-table]')
    for (const t of await refused.allInnerTexts()) assert.match(t, /已退回/)
    await pickOption(page, 'batch-filter-kind', '成绩')
    await page.waitForURL(/kind=scores/)
    await page.locator('[data-test=batch-table] .el-table__empty-text').waitFor()
    await shot(page, 'activity-batches-filtered')
    assertNoProblems(page)
    await page.context().close()
  })
})

describe('external supervisors', () => {
  test('hangzhou appoints an external supervisor and assigns them to the plan', async () => {
    assert.ok(plan, 'the plan of the first test')
    const page = await newPage(browser)
    await login(page, 'hangzhou')
    await page.locator('[data-test=menu-supervisors]').click()
    await page.waitForURL(/\/console\/supervisors/)
    await tableRows(page, '[data-test=person-table]')
    await page.locator('[data-test=person-register]').click()
    await page.locator('[data-test=person-dialog] .el-form').waitFor()
    assert.match(await page.locator('[data-test=person-dialog]').innerText(), /委派外部督导员/)
    await page.locator('#person-identity').fill(identity('330102'))
    await page.locator('#person-name').fill('孙外督' + TAG)
    await searchOption(page, 'qual-0-subject', '营销员', SUBJECT)
    await pickOption(page, 'qual-0-level', '3级')
    await page.locator('#qual-0-until').fill(until())
    await page.locator('#qual-0-until').press('Enter')
    await page.locator('[data-test=person-submit]').click()
    await page.locator('[data-test=person-dialog]').waitFor({ state: 'hidden' })
    await page.locator('[data-test=person-table] tbody tr', { hasText: '孙外督' + TAG }).waitFor()
    assert.match(await page.locator('[data-test=person-table] tbody tr', { hasText: '孙外督' + TAG }).innerText(), /外部督导员/)

    await page.goto(page.url().replace(/\/console\/.*$/, `/console/plans/${plan.id}?tab=staff`))
    await page.locator('[data-test=assign-form]').waitFor()
    await pickOption(page, 'assign-session', '理论知识考试')
    await searchOption(page, 'assign-person', '孙外督' + TAG, '孙外督' + TAG)
    await page.locator('[data-test=assign-submit]').click()
    await page.locator('[data-test=assignment-table] tbody tr', { hasText: '孙外督' + TAG }).waitFor()
    assert.match(await page.locator('[data-test=staffing-table]').innerText(), new RegExp(`孙外督${TAG}`))
    await shot(page, 'activity-external-supervisor', { fullPage: true })
    assertNoProblems(page)
    await page.context().close()
  })
})

describe('papers and videos', () => {
  test('inst records the papers of a published plan (a reused one flagged) and a recording that raises the coverage', async () => {
    const inst = await apiSession('inst')
    const site = await ensureSite(inst)
    const mine = await newPlan(inst, site, 44)
    await inst.post(`/plans/${mine.id}/publish`)
    const theory = mine.sessions.find((s) => s.part === 'theory')
    // The paper id a second plan of the institution already uses (S19(6)).
    const shared = `ZJTK-${Date.now()}-S`
    const other = await newPlan(inst, site, 47)
    await inst.post(`/plans/${other.id}/papers`, { session_id: other.sessions[0].id, paper_id: shared, generated_at: chinaIso(46, '15:00'), paperless: true })

    const page = await newPage(browser)
    await login(page, 'inst')
    await page.goto(page.url().replace(/\/console\/.*$/, `/console/plans/${mine.id}?tab=papers`))
    await page.locator('[data-test=paper-form]').waitFor()
    const table = page.locator('[data-test=paper-table]')
    assert.match(await table.innerText(), /未登记[\s\S]*未登记/)

    // 试卷: the empty form is refused in the browser, each field named.
    await page.locator('[data-test=paper-submit]').click()
    for (const field of ['场次', '试卷编号', '组卷时间']) await page.locator('[data-test=paper-form] .el-form-item__error', { hasText: `请填写${field}` }).waitFor()
    assert.equal(await page.locator('[data-test=paper-error]').count(), 0, 'nothing sent')

    // A session's paper through the form; its row once the table shows it.
    const record = async (session, paperId, generated) => {
      await pickOption(page, 'paper-session', session)
      await page.locator('#paper-id').fill(paperId)
      await page.locator('#paper-generated').fill(generated)
      await page.locator('[data-test=paper-submit]').click()
      const row = table.locator('tbody tr', { hasText: paperId })
      await row.waitFor()
      return row
    }
    // The theory session's own paper, generated the day before: in the table, not flagged.
    const own = `ZJTK-${Date.now()}-T`
    const ownRow = await record('理论知识考试', own, chinaWall(43, '15:00'))
    assert.match(await ownRow.innerText(), /理论知识考试[\s\S]*是\s+—/)
    // The browser's messages leave (after their transition).
    await page.waitForFunction(() => !document.querySelector('[data-test=paper-form] .el-form-item__error'))

    // The practical session's paper is the one the other plan uses: flagged, with that plan named.
    const flagged = await (await record('操作技能考核', shared, chinaWall(44, '12:00'))).innerText()
    assert.match(flagged, /S19\(6\) 试卷被其他计划重复使用/)
    assert.match(flagged, new RegExp(`亦用于计划 #${other.id}\\b`))
    assert.doesNotMatch(await ownRow.innerText(), /重复使用/)
    // Every session has its paper: no form any more.
    await page.locator('[data-test=paper-form]').waitFor({ state: 'detached' })
    await shot(page, 'activity-papers', { fullPage: true })

    // 录像: a recording of the first hour of the theory session covers half of it.
    await page.locator('[data-test=plan-tabs] .el-tabs__item', { hasText: '录像' }).click()
    const session = page.locator(`[data-test=video-session-${theory.id}]`)
    await session.waitFor()
    assert.equal(await session.locator('[role=progressbar]').getAttribute('aria-valuenow'), '0')
    const storage = `oss://inst-video/${mine.id}/theory-${TAG}.mp4`
    await pickOption(page, 'video-session', '理论知识考试')
    await page.locator('#video-room').fill('理论一室')
    await page.locator('#video-storage').fill(storage)
    await page.locator('#video-starts').fill(chinaWall(44, '09:00'))
    await page.locator('#video-ends').fill(chinaWall(44, '10:00'))
    await page.locator('#video-sha').fill(randomBytes(32).toString('hex'))
    await page.locator('[data-test=video-submit]').click()
    await session.locator('tbody tr', { hasText: storage }).waitFor()
    await page.waitForFunction((id) => document.querySelector(`[data-test=video-session-${id}] [role=progressbar]`)?.getAttribute('aria-valuenow') === '50', theory.id)
    assert.match(await session.innerText(), /理论一室：1 段，覆盖 50%/)
    assert.equal(await page.locator('[data-test=video-error]').count(), 0)
    const practical = mine.sessions.find((s) => s.part === 'practical')
    assert.equal(await page.locator(`[data-test=video-session-${practical.id}] [role=progressbar]`).getAttribute('aria-valuenow'), '0')
    await shot(page, 'activity-videos', { fullPage: true })
    assertNoProblems(page)
    await page.context().close()
  })
})

describe('refused inspection', () => {
  test('hangzhou cancels an inspection with the refusal ticked (S20(3))', async () => {
    const inst = await apiSession('inst')
    const hz = await apiSession('hangzhou')
    const tomorrow = new Date(Date.now() + 8 * 3600e3 + 86400e3).toISOString().slice(0, 10)
    const ins = await hz.post('/inspections', { institution_id: inst.user.institution_id, kind: 'special', mode: 'onsite_overt', scheduled_on: tomorrow, inspector_ids: [] })

    const page = await newPage(browser)
    await login(page, 'hangzhou')
    await page.goto(page.url().replace(/\/console\/.*$/, `/console/supervision/inspections/${ins.id}`))
    await page.locator('[data-test=inspection-cancel]').click()
    await page.locator('[data-test=cancel-dialog] .el-form').waitFor()
    // The reason is required (browser).
    await page.locator('[data-test=cancel-submit]').click()
    await page.locator('[data-test=cancel-dialog] .el-form-item__error', { hasText: '取消理由' }).waitFor()
    await page.locator('#cancel-reason').fill('到达现场后机构负责人拒绝检查人员进入考场，拒不提供评价档案。')
    await page.locator('[data-test=cancel-refused]').click()
    assert.match(await page.locator('[data-test=cancel-dialog]').innerText(), /机构拒绝接受检查（第二十条第三项）/)
    await shot(page, 'supervision-cancel-refused-dialog')
    await page.locator('[data-test=cancel-submit]').click()
    await page.waitForFunction(() => document.querySelector('[data-test=inspection-status]')?.textContent.trim() === '已取消')
    await page.locator('[data-test=inspection-refused]').waitFor()
    assert.match(await page.locator('[data-test=inspection-cancel-reason]').innerText(), /第二十条第三项[\s\S]*拒绝检查人员进入考场/)
    await page.locator('[data-test=inspection-refused-tag]').waitFor()
    const saved = await hz.get(`/inspections/${ins.id}`)
    assert.equal(saved.refused, true)
    await shot(page, 'supervision-cancel-refused', { fullPage: true })
    assertNoProblems(page)
    await page.context().close()
  })
})
