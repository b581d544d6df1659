// Enforcement 监管处理 (issue 7, 8) in the browser, on the suite's demo server (cases against
// Y000033000004 绍兴, Z000033000003 温州 and S120133000005, all supervised by the province).
// province: 案件管理 filtered to served, the served case with the institution's statement (a decision
// voiding another institution's certificate refused beside the field); a decided
// notice with its documents (the decision answers application/pdf, fetched in the page); the
// archive links a sanction to its case; the draft taken through 事先告知 and 送达 in the dialogs
// (an empty reason refused beside the field first); 立案 of a new case from the catalogue.
// demo_hz2: 处理通知 holds only its own cases; the case under review read-only with its request;
// the served case offers the statement form and shows a statement with markup as text.
// The portal: 处理公示 with the reversed cancellation marked 已撤销, 违规行为目录. The case page in
// English.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, apiSession, assertNoProblems, launch, login, menuTexts, newPage, pickOption, searchOption, shot, tableRows, switchLanguage } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

const SX = 'Y000033000004'
const WZ = 'Z000033000003'
const HZ2 = 'S120133000005'

// Every case the province sees, with the full record of each (the statements come with GET /cases/{id}).
async function provinceCases(api) {
  const items = (await api.get('/cases', { page_size: '200' })).items
  assert.ok(items.length >= 8, 'the demo has its enforcement cases')
  return items
}

// Follows the pager of a case table until the link to case `id` shows.
async function openFromTable(page, id) {
  let link = page.locator(`[data-test=case-open-${id}]`)
  await tableRows(page, '[data-test=case-table]')
  while (!(await link.count())) {
    await page.locator('[data-test=case-table] .btn-next').click()
    await tableRows(page, '[data-test=case-table]')
    link = page.locator(`[data-test=case-open-${id}]`)
  }
  await link.click()
}

describe('enforcement in the console', () => {
  test('province reads the served case with its statement and a decided notice with its documents', async () => {
    const api = await apiSession('province')
    const cases = await provinceCases(api)
    const served = cases.find((c) => c.institution_code === HZ2 && c.status === 'served')
    assert.ok(served, 'the demo has a served case')
    const servedFull = await api.get(`/cases/${served.id}`)
    const statement = servedFull.statements.find((s) => s.kind === 'statement')
    assert.ok(statement, 'the served case has a statement')
    const notice = cases.find((c) => c.institution_code === SX && c.measure === 'notice' && c.status === 'decided')
    assert.ok(notice, 'the demo has a decided written notice')

    const page = await newPage(browser)
    await login(page, 'province')
    assert.ok((await menuTexts(page)).includes('案件管理'))
    await page.locator('[data-test=menu-cases]').click()
    await page.waitForURL(/\/console\/enforcement\/cases/)
    await tableRows(page, '[data-test=case-table]')
    await shot(page, 'enforcement-cases')
    await pickOption(page, 'case-filter-status', '已送达')
    await page.waitForURL(/status=served/)
    const rows = await tableRows(page, '[data-test=case-table]')
    for (const s of await rows.locator('[data-test=case-status]').allInnerTexts()) assert.equal(s.trim(), '已送达')
    await openFromTable(page, served.id)
    await page.waitForURL(new RegExp(`/console/enforcement/cases/${served.id}$`))
    assert.equal((await page.locator('[data-test=case-status]').innerText()).trim(), '已送达')
    assert.equal((await page.locator('[data-test=case-no]').innerText()).trim(), served.case_no)
    assert.equal(await page.locator('[data-test=case-step-served]').getAttribute('data-status'), 'success')
    assert.equal(await page.locator('[data-test=case-step-served]').getAttribute('aria-current'), 'step')
    assert.equal(await page.locator('[data-test=case-step-decided]').getAttribute('data-status'), 'process')
    assert.equal((await page.locator('[data-test=case-statement] .text').innerText()).trim(), statement.text)
    assert.match(await page.locator('[data-test=deadline-statement_due]').innerText(), /已陈述申辩/)
    // The step's action only: decide (no propose or serve), and the prior notice.
    await page.locator('[data-test=case-action-decide]').waitFor()
    assert.equal(await page.locator('[data-test=case-action-propose], [data-test=case-action-serve], [data-test=case-action-close]').count(), 0)
    assert.deepEqual(await page.locator('[data-test^=case-doc-]').evaluateAll((as) => as.map((a) => a.dataset.test)), ['case-doc-prior-notice'])
    await shot(page, 'enforcement-served', { fullPage: true })
    // 作出决定 changed to voiding a certificate that is not the institution's: the server's answer
    // lands beside the certificates (and nothing is decided).
    await page.locator('[data-test=case-action-decide]').click()
    const decide = page.locator('[data-test=case-dialog-decide]')
    await decide.locator('[data-test=act-outcome-changed]').click()
    await pickOption(page, 'act-measure', '宣布成绩证书无效')
    await decide.locator('#act-reasons').fill('考生资格不符合申报条件。')
    await decide.locator('#act-certificates').fill('Y000033000004264000001')
    await decide.locator('[data-test=case-dialog-submit]').click()
    await decide.locator('.el-form-item.is-error', { has: page.locator('#act-certificates') }).locator('.el-form-item__error', { hasText: 'Y000033000004264000001：不是该机构的证书' }).waitFor()
    await decide.locator('[data-test=case-dialog-error]').waitFor()
    await shot(page, 'enforcement-decide-refused')
    await decide.getByRole('button', { name: '取消' }).click()
    assert.equal((await api.get(`/cases/${served.id}`)).status, 'served')

    // A decided notice: article S20, the rectification deadline, its documents as PDF in a new tab.
    await page.goto(`${BASE_URL}/console/enforcement/cases/${notice.id}`)
    await page.locator('[data-test=case-measure]').waitFor()
    assert.equal((await page.locator('[data-test=case-measure]').innerText()).trim(), '书面通知')
    assert.equal((await page.locator('[data-test=case-article]').innerText()).trim(), 'S20')
    await page.locator('[data-test=deadline-rectification_due]').waitFor()
    await page.locator('[data-test=effect-suspended]').waitFor()
    const docs = await page.locator('[data-test^=case-doc-]').evaluateAll((as) => as.map((a) => a.dataset.test))
    assert.deepEqual(docs, ['case-doc-prior-notice', 'case-doc-decision', 'case-doc-rectification-notice'])
    const link = page.locator('[data-test=case-doc-decision]')
    assert.equal(await link.getAttribute('target'), '_blank')
    const href = await link.getAttribute('href')
    assert.equal(href, `/api/v1/cases/${notice.id}/documents/decision.pdf`)
    const fetched = await page.evaluate(async (h) => {
      const r = await fetch(h, { credentials: 'same-origin' })
      const bytes = new Uint8Array(await r.arrayBuffer())
      return { status: r.status, type: r.headers.get('content-type'), head: String.fromCharCode(...bytes.slice(0, 5)), size: bytes.length }
    }, href)
    assert.equal(fetched.status, 200)
    assert.match(fetched.type, /^application\/pdf/)
    assert.equal(fetched.head, '%PDF-')
    assert.ok(fetched.size > 1000)
    const viaRequest = await page.request.get(`${BASE_URL}${await page.locator('[data-test=case-doc-rectification-notice]').getAttribute('href')}`)
    assert.equal(viaRequest.status(), 200)
    assert.match(viaRequest.headers()['content-type'], /^application\/pdf/)
    await page.locator('[data-test=case-action-rectification]').waitFor()
    await shot(page, 'enforcement-decided', { fullPage: true })

    // The institution's archive lists the sanction and links it to its case.
    await page.goto(`${BASE_URL}/console/institutions/${notice.institution_id}/archive`)
    await page.locator('[data-test=archive-timeline]').waitFor()
    // The entries are worded by the console from the server's structured events: Chinese only.
    const events = await page.locator('[data-test=archive-event-text]').allInnerTexts()
    assert.ok(events.some((x) => /书面通知|约谈|取消评价资格|宣布成绩证书无效/.test(x)), events.join('\n'))
    for (const x of events) assert.doesNotMatch(x, /\b(completed|due|verified|substantiated|sampled|score|stars|review|notice|interview)\b/, x)
    const caseLink = page.locator(`[data-test=archive-case-link][href$="/console/enforcement/cases/${notice.id}"]`)
    await caseLink.click()
    await page.waitForURL(new RegExp(`/console/enforcement/cases/${notice.id}$`))
    await page.locator('[data-test=case-measure]').waitFor()
    assertNoProblems(page)
    await page.context().close()
  })

  test('province takes the draft through 事先告知 and 送达, then opens a new case', async () => {
    const api = await apiSession('province')
    const draft = (await provinceCases(api)).find((c) => c.institution_code === HZ2 && c.status === 'draft')
    assert.ok(draft, 'the demo has a draft case')

    const page = await newPage(browser)
    await login(page, 'province')
    await page.goto(`${BASE_URL}/console/enforcement/cases?status=draft`)
    await openFromTable(page, draft.id)
    await page.waitForURL(new RegExp(`/console/enforcement/cases/${draft.id}$`))
    assert.equal((await page.locator('[data-test=case-status]').innerText()).trim(), '待告知')
    assert.equal(await page.locator('[data-test=case-step-draft]').getAttribute('aria-current'), 'step')
    assert.equal(await page.locator('[data-test=case-step-proposed]').getAttribute('data-status'), 'process')
    assert.equal(await page.locator('[data-test^=case-doc-]').count(), 0)
    await page.locator('[data-test=case-action-drop]').waitFor()

    // 事先告知: an empty reason is refused beside the field; the basis comes filled in.
    await page.locator('[data-test=case-action-propose]').click()
    const dialog = page.locator('[data-test=case-dialog-propose]')
    await dialog.locator('#act-reasons').waitFor()
    // The basis in legal wording, not in codes (S19(6) → 第十九条第（六）项).
    const basis = await dialog.locator('#act-basis').inputValue()
    assert.match(basis, /^《浙江省技能人才评价监督管理办法》第十九条第（六）项/)
    assert.doesNotMatch(basis, /S\d/)
    await dialog.locator('[data-test=case-dialog-submit]').click()
    await dialog.locator('.el-form-item.is-error', { has: page.locator('#act-reasons') }).locator('.el-form-item__error', { hasText: '请填写理由' }).waitFor()
    await dialog.locator('#act-reasons').fill('监测提示两个计划未使用统一题库，经核查属实。')
    await dialog.locator('[data-test=case-dialog-submit]').click()
    await page.locator('.el-message--success', { hasText: '已告知拟处理决定' }).waitFor()
    await page.waitForFunction(() => document.querySelector('[data-test=case-status]')?.textContent.trim() === '已告知')
    assert.equal(await page.locator('[data-test=case-step-proposed]').getAttribute('aria-current'), 'step')
    assert.equal(await page.locator('[data-test=case-step-served]').getAttribute('data-status'), 'process')
    await page.locator('[data-test=case-doc-prior-notice]').waitFor()
    assert.match(await page.locator('[data-test=case-reasons]').innerText(), /统一题库/)

    // 送达: in writing, today (the default).
    await page.locator('[data-test=case-action-serve]').click()
    const serve = page.locator('[data-test=case-dialog-serve]')
    await serve.locator('#act-served-on').waitFor()
    const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10)
    assert.equal(await serve.locator('#act-served-on').inputValue(), today)
    await serve.locator('[data-test=case-dialog-submit]').click()
    await page.waitForFunction(() => document.querySelector('[data-test=case-status]')?.textContent.trim() === '已送达')
    await page.locator('[data-test=deadline-statement_due]').waitFor()
    assert.match(await page.locator('[data-test=deadline-statement_due]').innerText(), /陈述申辩期内/)
    await page.locator('[data-test=case-action-decide]').waitFor()
    const after = await api.get(`/cases/${draft.id}`)
    assert.equal(after.status, 'served')
    assert.equal(after.service_method, 'written')
    assert.equal(after.served_on, today)
    await shot(page, 'enforcement-proposed-served', { fullPage: true })

    // 立案: the institution by its code, an S19 item from the catalogue, marked serious → S20(1).
    const wz = (await provinceCases(api)).find((c) => c.institution_code === WZ)
    await page.goto(`${BASE_URL}/console/enforcement/cases`)
    await page.locator('[data-test=case-new]').click()
    await page.waitForURL(/\/console\/enforcement\/cases\/new$/)
    await page.locator('[data-test=violation-picker][data-state=ready]').waitFor()
    // Nothing picked: refused in the browser, beside the fields.
    await page.locator('[data-test=case-submit]').click()
    await page.locator('.el-form-item.is-error .el-form-item__error', { hasText: '请至少选择一项违规情形' }).waitFor()
    await searchOption(page, 'case-inst', WZ, wz.institution_name)
    await page.locator('#case-items-q').fill('S19(10)')
    await page.locator('[data-test="violation-S19(10)"]').click()
    await page.locator('[data-test=case-serious]').click()
    assert.match(await page.locator('[data-test=case-preview]').innerText(), /书面通知/)
    await page.locator('#case-facts').fill('2026年第二季度证书数据逾期未上报，情节严重。<script>x</script>')
    await page.locator('[data-test=case-add-evidence]').click()
    await page.locator('#ev-id-0').fill('1')
    await page.locator('#ev-note-0').fill('检查记录')
    // S23: inspection #1 is another institution's: refused beside the number, nothing opened.
    await page.locator('[data-test=case-submit]').click()
    await page.locator('.field-error', { hasText: '没有该机构的这一记录' }).waitFor()
    assert.match(page.url(), /\/console\/enforcement\/cases\/new$/)
    // A certificate is named by its 22-character number, checked beside the field.
    await pickOption(page, 'ev-type-0', '证书')
    assert.equal(await page.locator('#ev-id-0').count(), 0, 'no record number for a certificate')
    await page.locator('#ev-ref-0').fill('S0000330')
    await page.locator('[data-test=case-submit]').click()
    await page.locator('.field-error', { hasText: '证书编号为 22 位' }).waitFor()
    // A document kept outside the system: described, with its own reference.
    await pickOption(page, 'ev-type-0', '文件')
    await page.locator('#ev-ref-0').fill('温人社询〔2026〕5号')
    await page.locator('#ev-note-0').fill('')
    await page.locator('[data-test=case-submit]').click()
    await page.locator('.field-error', { hasText: '请说明是什么文件' }).waitFor()
    await page.locator('#ev-note-0').fill('现场检查笔录')
    await page.locator('[data-test=case-submit]').click()
    await page.waitForURL(/\/console\/enforcement\/cases\/\d+$/)
    assert.match(await page.locator('[data-test=case-evidence]').innerText(), /文件 温人社询〔2026〕5号 — 现场检查笔录/)
    await page.locator('[data-test=case-status]').waitFor()
    assert.equal((await page.locator('[data-test=case-status]').innerText()).trim(), '待告知')
    assert.match(await page.locator('[data-test=case-item-list]').innerText(), /S19\(10\)/)
    assert.match(await page.locator('[data-test=case-item-list]').innerText(), /S20\(1\)/)
    await page.locator('[data-test=case-escalation]').waitFor()
    assert.equal((await page.locator('[data-test=case-facts-text]').innerText()).trim(), '2026年第二季度证书数据逾期未上报，情节严重。<script>x</script>')
    assert.equal(await page.locator('[data-test=case-facts-text] script').count(), 0)
    await shot(page, 'enforcement-opened', { fullPage: true })
    assertNoProblems(page)
    await page.context().close()
  })

  test('demo_hz2 reads its notices: the case under review read-only, a statement on the served one', async () => {
    const inst = await apiSession('demo_hz2')
    const mine = (await inst.get('/cases', { page_size: '200' })).items
    assert.ok(mine.length >= 2)
    assert.ok(mine.every((c) => c.institution_code === HZ2), 'only its own cases')
    assert.ok(mine.every((c) => c.status !== 'draft'), 'no drafts')
    const underReview = mine.find((c) => c.status === 'review_requested')
    const served = mine.find((c) => c.status === 'served')
    assert.ok(underReview && served)

    const page = await newPage(browser)
    await login(page, 'demo_hz2')
    const menu = await menuTexts(page)
    assert.ok(menu.includes('处理通知') && !menu.includes('案件管理'))
    await page.locator('[data-test=menu-my-cases]').click()
    await page.waitForURL(/\/console\/enforcement\/my-cases/)
    const rows = await tableRows(page, '[data-test=case-table]')
    assert.equal(await rows.count(), Math.min(mine.length, 20))
    assert.equal(await page.locator('[data-test=case-new]').count(), 0)
    await shot(page, 'enforcement-my-cases')

    // Under review: the request shown, no forms and no actions.
    await openFromTable(page, underReview.id)
    await page.waitForURL(new RegExp(`/console/enforcement/my-cases/${underReview.id}$`))
    assert.equal((await page.locator('[data-test=case-status]').innerText()).trim(), '复核中')
    assert.match(await page.locator('[data-test=case-review-request]').innerText(), /督导员已到岗/)
    assert.equal(await page.locator('[data-test=statement-form], [data-test=review-form], [data-test^=case-action-]').count(), 0)
    await page.locator('[data-test=case-doc-interview-notice]').waitFor()

    // Served, the window open: the statement form; markup stays text.
    await page.goto(`${BASE_URL}/console/enforcement/my-cases/${served.id}`)
    await page.locator('[data-test=statement-form]').waitFor()
    assert.equal(await page.locator('[data-test=review-form]').count(), 0)
    await page.locator('[data-test=statement-submit]').click()
    await page.locator('.el-form-item.is-error .el-form-item__error', { hasText: '请填写陈述申辩内容' }).waitFor()
    const text = '招生宣传系外包公司所为，已全部撤下。<b>附件</b>'
    await page.locator('#statement-text').fill(text)
    await page.locator('[data-test=statement-submit]').click()
    await page.locator('.el-message--success', { hasText: '陈述申辩已提交' }).waitFor()
    const last = page.locator('[data-test=case-statement] .text').last()
    assert.equal((await last.innerText()).trim(), text)
    assert.equal(await page.locator('[data-test=case-statement] b').count(), 0)
    await shot(page, 'enforcement-statement', { fullPage: true })
    // Another institution's case is not found.
    const other = (await provinceCases(await apiSession('province'))).find((c) => c.institution_code === SX)
    await page.goto(`${BASE_URL}/console/enforcement/my-cases/${other.id}`)
    await page.locator('.error-state').waitFor()
    assert.equal(await page.locator('[data-test=case-status]').count(), 0)
    assertNoProblems(page)
    await page.context().close()
  })
})

describe('enforcement in the portal', () => {
  test('处理公示 marks the overturned cancellation, and the catalogue lists every item', async () => {
    const res = await fetch(`${BASE_URL}/api/v1/public/sanctions?page_size=200`)
    assert.equal(res.status, 200)
    const all = (await res.json()).items
    const reversed = all.find((s) => s.institution_code === WZ && s.reversed)
    const standing = all.find((s) => s.institution_code === SX && !s.reversed)
    assert.ok(reversed && standing)

    const page = await newPage(browser)
    await page.goto(`${BASE_URL}/public`)
    await page.locator('[data-test=nav-sanctions]').click()
    await page.waitForURL(/\/public\/sanctions$/)
    const rows = await tableRows(page, '[data-test=public-sanctions]')
    assert.equal(await rows.count(), Math.min(all.length, 20))
    const reversedRow = rows.filter({ hasText: reversed.case_no })
    assert.equal((await reversedRow.locator('[data-test=sanction-reversed]').innerText()).trim(), '已撤销')
    assert.match(await reversedRow.innerText(), /取消评价资格/)
    assert.match(await reversedRow.innerText(), /S21/)
    const standingRow = rows.filter({ hasText: standing.case_no })
    assert.equal(await standingRow.locator('[data-test=sanction-reversed]').count(), 0)
    assert.match(await standingRow.innerText(), /书面通知/)
    await shot(page, 'enforcement-public-sanctions')

    const catalogue = await (await fetch(`${BASE_URL}/api/v1/violations`)).json()
    await page.locator('[data-test=nav-violations]').click()
    await page.waitForURL(/\/public\/violations$/)
    await page.locator('[data-test=violation-catalogue][data-state=ready]').waitFor()
    for (const a of ['S18', 'S19', 'S20', 'S21']) {
      const n = catalogue.items.filter((i) => i.article === a).length
      assert.equal(await page.locator(`[data-test=catalogue-${a}] .el-table__body-wrapper tbody tr`).count(), n)
    }
    assertNoProblems(page)
    await page.context().close()
  })
})

describe('language', () => {
  test('a case page in English', async () => {
    const api = await apiSession('province')
    const interview = (await provinceCases(api)).find((c) => c.institution_code === SX && c.measure === 'interview' && c.status === 'closed')
    assert.ok(interview, 'the demo has a closed interview')
    const page = await newPage(browser)
    await login(page, 'province')
    await page.goto(`${BASE_URL}/console/enforcement/cases/${interview.id}`)
    await page.locator('[data-test=case-status]').waitFor()
    assert.equal((await page.locator('[data-test=case-status]').innerText()).trim(), '已结案')
    await switchLanguage(page, 'en')
    await page.waitForFunction(() => document.documentElement.lang === 'en')
    assert.equal((await page.locator('[data-test=case-status]').innerText()).trim(), 'Closed')
    assert.equal((await page.locator('[data-test=case-measure]').innerText()).trim(), 'Interview')
    assert.match(await page.locator('[data-test=case-doc-interview-notice]').innerText(), /Interview notice/)
    assert.match(await page.locator('[data-test=case-step-review_requested]').innerText(), /No review requested/)
    assert.ok((await menuTexts(page)).includes('Cases'))
    await shot(page, 'enforcement-case-en', { fullPage: true })
    assertNoProblems(page)
    await page.context().close()
  })
})
