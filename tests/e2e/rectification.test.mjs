// Rectification orders 整改要求 (S11, S20(6)) in the browser, on the suite's demo server: inst's
// institution has a completed inspection with an open rectification. Its officer (the authority of
// the inspection) cannot refuse it before a report (不通过 disabled, with the reason); inst reports
// what it did (报告整改情况) and the row reads 已报告，待验收; the officer refuses it (不通过) — first
// without a note, refused beside the field — then with one; inst sees 验收未通过 with the note and
// reports again; the officer accepts it in English (通过) and it reads 已验收. The notifications of
// both sides, the contract's refusals (422, 409), and the overdue mark with the browser's clock past
// the deadline.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, apiSession, assertNoProblems, launch, login, newPage, shot, tableRows, switchLanguage } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

const chinaToday = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10)

// A completed inspection of inst's institution with an open rectification never reported.
async function openRectification(inst) {
  const done = (await inst.get('/inspections', { status: 'completed', page_size: '200' })).items
  for (const i of done) {
    const full = await inst.get(`/inspections/${i.id}`)
    const r = (full.rectifications || []).find((x) => x.status === 'open' && !x.report && !x.rejected_on)
    if (r) return { ins: full, rect: r }
  }
  assert.fail('the demo gives inst a completed inspection with an open rectification')
}

// The authority account of the inspection's own region (hangzhou for a 杭州 institution).
async function officerOf(ins) {
  for (const name of ['hangzhou', 'xihu', 'province']) {
    const s = await apiSession(name).catch(() => null)
    if (s && s.user.region_code === ins.authority_code) return { name, api: s }
  }
  assert.fail(`no demo officer of region ${ins.authority_code}`)
}

// An API call expected to be refused: its status and, for a 422, the field problem.
async function refused(call, status, field, problem) {
  await assert.rejects(call, (e) => {
    const m = /: (\d{3}) (.*)$/s.exec(e.message)
    assert.ok(m, e.message)
    assert.equal(Number(m[1]), status, e.message)
    if (field) assert.ok(JSON.parse(m[2]).error.details.some((d) => d.field === field && d.problem === problem), e.message)
    return true
  })
}

const row = (page, rid) => page.locator('[data-test=rectifications] .el-table__body-wrapper tbody tr.el-table__row', { has: page.locator(`[data-test=rect-status-${rid}]`) })
const status = (page, rid) => page.locator(`[data-test=rect-status-${rid}]`)
async function waitStatus(page, rid, s) {
  await page.locator(`[data-test=rect-status-${rid}][data-status=${s}]`).waitFor()
}
const noteItem = (dialog) => dialog.locator('.el-form-item:has(#rect-verify-note)')

describe('rectification reports', () => {
  test('a rectification past its deadline and not verified is marked overdue', async () => {
    const inst = await apiSession('inst')
    const { ins, rect } = await openRectification(inst)
    const page = await newPage(browser)
    // The browser's clock two days past the deadline (China time); the server's is today.
    await page.clock.setFixedTime(new Date(`${rect.due_on}T12:00:00+08:00`).getTime() + 2 * 86400e3)
    await login(page, 'inst')
    await page.goto(`${BASE_URL}/console/supervision/inspections/${ins.id}`)
    await waitStatus(page, rect.id, 'open')
    const due = page.locator(`[data-test=rect-due-${rect.id}]`)
    assert.equal(await due.getAttribute('data-overdue'), 'true')
    assert.match(await row(page, rect.id).innerText(), /已逾期/)
    const colour = await due.evaluate((el) => getComputedStyle(el).color)
    assert.match(colour, /^rgb\(245, 108, 108\)$/, 'red')
    await shot(page, 'rectification-overdue', { fullPage: true })
    assertNoProblems(page)
    await page.context().close()
  })

  test('inst reports, the officer refuses it with a note, inst reports again, the officer accepts', async () => {
    const inst = await apiSession('inst')
    const { ins, rect } = await openRectification(inst)
    const officer = await officerOf(ins)
    const path = `/console/supervision/inspections/${ins.id}`

    // The officer: nothing reported yet, so 不通过 is not offered, saying why.
    const off = await newPage(browser)
    await login(off, officer.name)
    await off.goto(BASE_URL + path)
    await waitStatus(off, rect.id, 'open')
    await off.locator(`[data-test=rect-verify-${rect.id}]`).click()
    let dialog = off.locator('[data-test=rect-verify-dialog]')
    await dialog.waitFor()
    assert.equal(await dialog.locator('[data-test=rect-verify-reject] input').isDisabled(), true)
    assert.match(await dialog.locator('[data-test=rect-verify-reject-hint]').innerText(), /机构尚未报告整改情况/)
    assert.match(await dialog.locator('[data-test=rect-verify-report]').innerText(), /机构尚未报告整改情况。/)
    await shot(off, 'rectification-verify-unreported')
    await dialog.getByRole('button', { name: '取消' }).click()
    await dialog.waitFor({ state: 'hidden' })
    // The server agrees: no 不通过 without a report (409), nor without a note (422).
    await refused(officer.api.post(`/inspections/${ins.id}/rectifications/${rect.id}/verify`, { accepted: false, note: '未见整改材料' }), 409)
    await refused(officer.api.post(`/inspections/${ins.id}/rectifications/${rect.id}/verify`, { accepted: false, note: '' }), 422, 'note', 'required_when_not_accepted')

    // inst: the page says what it may do; 报告整改情况 opens the dialog.
    const page = await newPage(browser)
    await login(page, 'inst')
    await page.goto(BASE_URL + path)
    await waitStatus(page, rect.id, 'open')
    assert.match(await page.locator('[data-test=inspection-read-only]').innerText(), /逐项报告整改情况/)
    assert.equal((await status(page, rect.id).innerText()).trim(), '整改中')
    assert.match(await row(page, rect.id).innerText(), /尚未报告/)
    assert.equal(await page.locator('[data-test^=rect-verify-]').count(), 0, 'no 验收 for the institution')
    await page.locator(`[data-test=rect-report-${rect.id}]`).click()
    dialog = page.locator('[data-test=rect-report-dialog]')
    await dialog.waitFor()
    // Empty: refused beside the field, nothing sent.
    await dialog.locator('[data-test=rect-report-submit]').click()
    const reportItem = dialog.locator('.el-form-item:has(#rect-report-text)')
    await reportItem.locator('.el-form-item__error').waitFor()
    assert.match(await reportItem.locator('.el-form-item__error').innerText(), /整改情况/)
    const first = '已对全部考生申报条件逐人复核，补齐12名考生的工作年限证明，2名不符合条件者已取消报名。'
    await page.locator('#rect-report-text').fill(first)
    assert.equal((await dialog.locator('.el-input__count').innerText()).trim(), `${[...first].length} / 4000`)
    await shot(page, 'rectification-report-dialog')
    await dialog.locator('[data-test=rect-report-submit]').click()
    await dialog.waitFor({ state: 'hidden' })
    await waitStatus(page, rect.id, 'reported')
    assert.equal((await status(page, rect.id).innerText()).trim(), '已报告，待验收')
    assert.equal((await page.locator(`[data-test=rect-report-text-${rect.id}]`).innerText()).trim(), first)
    assert.match(await row(page, rect.id).innerText(), new RegExp(`${chinaToday()} 报告`))
    assert.equal(await page.locator(`[data-test=rect-report-${rect.id}]`).count(), 0, 'reported: no second report while it waits')
    await shot(page, 'rectification-reported', { fullPage: true })
    let now = (await inst.get(`/inspections/${ins.id}`)).rectifications.find((r) => r.id === rect.id)
    assert.equal(now.status, 'reported')
    assert.equal(now.report, first)
    assert.equal(now.reported_on, chinaToday())
    // The authority is told.
    const told = (await officer.api.get('/notifications', { page_size: '200' })).items.find((n) => n.kind === 'rectification_reported' && String(n.object_id) === String(ins.id))
    assert.ok(told, 'the officer has a rectification_reported notification')

    // The officer: the report is shown; 不通过 without a note is refused beside the note.
    await off.reload()
    await waitStatus(off, rect.id, 'reported')
    await off.locator(`[data-test=rect-verify-${rect.id}]`).click()
    dialog = off.locator('[data-test=rect-verify-dialog]')
    await dialog.waitFor()
    assert.equal((await dialog.locator('[data-test=rect-verify-report-text]').innerText()).trim(), first)
    assert.equal(await dialog.locator('[data-test=rect-verify-reject-hint]').count(), 0)
    await dialog.locator('[data-test=rect-verify-reject]').click()
    await dialog.locator('[data-test=rect-verify-submit]').click()
    await noteItem(dialog).locator('.el-form-item__error').waitFor()
    assert.equal((await noteItem(dialog).locator('.el-form-item__error').innerText()).trim(), '验收不通过时须填写验收说明')
    assert.equal(await dialog.isVisible(), true)
    await shot(off, 'rectification-verify-refused')
    const why = '未提供2名取消报名考生的退费凭证，请补充后重新报告。'
    await off.locator('#rect-verify-note').fill(why)
    await dialog.locator('[data-test=rect-verify-submit]').click()
    await dialog.waitFor({ state: 'hidden' })
    await waitStatus(off, rect.id, 'rejected')
    assert.equal((await status(off, rect.id).innerText()).trim(), '验收未通过')
    assert.match(await off.locator(`[data-test=rect-rejection-${rect.id}]`).innerText(), new RegExp(why))
    await off.locator(`[data-test=rect-verify-${rect.id}]`).waitFor()

    // inst: 验收未通过 with the note and its date; reported again.
    await page.reload()
    await waitStatus(page, rect.id, 'rejected')
    const rejection = page.locator(`[data-test=rect-rejection-${rect.id}]`)
    assert.match(await rejection.innerText(), new RegExp(`${chinaToday()} 验收未通过`))
    assert.match(await rejection.innerText(), new RegExp(why))
    await shot(page, 'rectification-rejected', { fullPage: true })
    const again = page.locator(`[data-test=rect-report-${rect.id}]`)
    assert.equal((await again.innerText()).trim(), '重新报告')
    await again.click()
    dialog = page.locator('[data-test=rect-report-dialog]')
    await dialog.waitFor()
    assert.match(await dialog.locator('[data-test=rect-report-rejection]').innerText(), new RegExp(why))
    const second = first + '已补充2名考生的退费凭证（银行转账回单）。'
    await page.locator('#rect-report-text').fill(second)
    await shot(page, 'rectification-report-again')
    await dialog.locator('[data-test=rect-report-submit]').click()
    await dialog.waitFor({ state: 'hidden' })
    await waitStatus(page, rect.id, 'reported')
    assert.match(await row(page, rect.id).innerText(), /上次验收未通过/)
    const rejectedNote = (await inst.get('/notifications', { page_size: '200' })).items.find((n) => n.kind === 'rectification_rejected' && String(n.object_id) === String(ins.id))
    assert.ok(rejectedNote, 'inst has a rectification_rejected notification')
    assert.equal(rejectedNote.due_on, rect.due_on)

    // The officer, in English: the new report, the earlier refusal; accepted.
    await off.reload()
    await waitStatus(off, rect.id, 'reported')
    await switchLanguage(off, 'en')
    await off.waitForFunction(() => document.documentElement.lang === 'en')
    assert.equal((await status(off, rect.id).innerText()).trim(), 'Reported, awaiting verification')
    await off.locator(`[data-test=rect-verify-${rect.id}]`).click()
    dialog = off.locator('[data-test=rect-verify-dialog]')
    await dialog.waitFor()
    assert.equal((await dialog.locator('.el-dialog__title').innerText()).trim(), 'Verify a rectification')
    assert.equal((await dialog.locator('[data-test=rect-verify-accept]').innerText()).trim(), 'Accept')
    assert.equal((await dialog.locator('[data-test=rect-verify-reject]').innerText()).trim(), 'Do not accept')
    assert.equal((await dialog.locator('[data-test=rect-verify-report-text]').innerText()).trim(), second)
    assert.match(await dialog.locator('[data-test=rect-verify-previous]').innerText(), /Not accepted last time/)
    // The refusal beside the note, in English.
    await dialog.locator('[data-test=rect-verify-reject]').click()
    await dialog.locator('[data-test=rect-verify-submit]').click()
    assert.equal((await noteItem(dialog).locator('.el-form-item__error').innerText()).trim(), 'a note is required when not accepting')
    await shot(off, 'rectification-verify-en')
    await dialog.locator('[data-test=rect-verify-accept]').click()
    await off.locator('#rect-verify-note').fill('退费凭证已核对，整改到位。')
    await dialog.locator('[data-test=rect-verify-submit]').click()
    await dialog.waitFor({ state: 'hidden' })
    await waitStatus(off, rect.id, 'verified')
    assert.equal((await status(off, rect.id).innerText()).trim(), 'Verified')
    assert.equal((await off.locator(`[data-test=rect-verified-on-${rect.id}]`).innerText()).trim().length > 0, true)
    assert.equal(await off.locator(`[data-test=rect-verify-${rect.id}]`).count(), 0)
    await shot(off, 'rectification-verified-en', { fullPage: true })
    // Verified is final: no more reports (409).
    await refused(inst.post(`/inspections/${ins.id}/rectifications/${rect.id}/report`, { report: '补充说明' }), 409)

    // inst: 已验收, nothing left to do on it.
    await page.reload()
    await waitStatus(page, rect.id, 'verified')
    assert.equal((await status(page, rect.id).innerText()).trim(), '已验收')
    assert.equal(await page.locator(`[data-test=rect-report-${rect.id}]`).count(), 0)
    now = (await inst.get(`/inspections/${ins.id}`)).rectifications.find((r) => r.id === rect.id)
    assert.equal(now.verified_on, chinaToday())
    assert.equal(now.report, second)

    // inst's inbox names the refusal.
    await page.locator('[data-test=menu-notifications]').click()
    await page.waitForURL(/\/console\/notifications/)
    await tableRows(page, '[data-test=notif-table]')
    await page.locator('[data-test=notif-table] .el-tag', { hasText: '整改验收未通过' }).first().waitFor()

    assertNoProblems(page)
    assertNoProblems(off)
    await page.context().close()
    await off.context().close()
  })
})
