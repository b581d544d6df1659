// Fixes of the two UX audits, in the browser on the suite's demo server:
// S5 a case is worked by the office the institution is registered with (xihu for Z000033000006),
// an office above (hangzhou) reads it with a note and no action, and is told beside the field that
// it may not open a case there; S24 作出决定 waits for the statement window, saying from when; the
// case form's errors go when the field is filled; S15 情况属实 needs the complaint's special
// inspection completed; a deficient finding needs its note at save time and the completion dialog
// keeps what was typed; a suspended institution (demo_sx1, Y000033000004) is told so and its
// buttons are disabled; the public page of an institution not in the directory says so; a county
// officer reads the city's draw as text, not as a link it may not open.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, apiSession, assertNoProblems, launch, login, newPage, shot } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

const LONGJING = 6 // Z000033000006, registered with 西湖区 (330106)
const addDay = (d) => new Date(Date.parse(d + 'T00:00:00Z') + 86400000).toISOString().slice(0, 10)

describe('audit fixes', () => {
  test('S5 and S24 on a case of the county: the city reads it; the decision waits for the statement window', async () => {
    const xihu = await apiSession('xihu')
    const c = await xihu.post('/cases', { institution_id: LONGJING, items: ['S19(1)'], serious: false, facts: '审计修正测试：未按规定公布收费标准', evidence: [], origin: 'manual' })
    assert.equal(c.authority_code, '330106')
    await xihu.post(`/cases/${c.id}/propose`, { reasons: '理由', basis: '依据' })
    const served = await xihu.post(`/cases/${c.id}/serve`, { method: 'written', served_on: new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10) })
    assert.equal(served.status, 'served')
    assert.ok(served.statement_due)

    // The registered office: 作出决定 shown but disabled until the day after the window.
    const page = await newPage(browser)
    await login(page, 'xihu')
    await page.goto(`${BASE_URL}/console/enforcement/cases/${c.id}`)
    const decide = page.locator('[data-test=case-action-decide]')
    await decide.waitFor()
    assert.equal(await decide.isDisabled(), true, '作出决定 is disabled while the statement window is open')
    const hint = (await page.locator('[data-test=case-decide-hint]').innerText()).trim()
    assert.ok(hint.includes(addDay(served.statement_due)), `the hint names the day the decision opens: ${hint}`)
    assert.equal(await page.locator('[data-test=case-read-only]').count(), 0)
    await shot(page, 'audit-case-decide-waits')
    assertNoProblems(page)
    await page.close()

    // An office above: no action, a note naming the office that carries the case.
    const city = await newPage(browser)
    await login(city, 'hangzhou')
    await city.goto(`${BASE_URL}/console/enforcement/cases/${c.id}`)
    // The office is named once the regions have loaded (the code stands in until then).
    await city.locator('[data-test=case-read-only]', { hasText: /西湖区.*办理，本机关可查阅/ }).waitFor()
    assert.equal(await city.locator('[data-test^=case-action-]').count(), 0, 'no step offered to the office above')
    await shot(city, 'audit-case-read-only')
    assertNoProblems(city)
    await city.close()
  })

  test('立案 by an office above: refused beside the institution; errors go as the fields are filled', async () => {
    const page = await newPage(browser)
    await login(page, 'hangzhou')
    await page.goto(`${BASE_URL}/console/enforcement/cases/new?institution_id=${LONGJING}`)
    await page.locator('[data-test=violation-picker][data-state=ready]').waitFor()
    await page.locator('#case-facts').fill('')
    await page.locator('[data-test=case-submit]').click()
    const itemsError = page.locator('.el-form-item.is-error .el-form-item__error', { hasText: '请至少选择一项违规情形' })
    const factsError = page.locator('.el-form-item.is-error .el-form-item__error', { hasText: '请填写违规事实' })
    await itemsError.waitFor()
    await factsError.waitFor()
    await page.locator('#case-items-q').fill('S19(1)')
    await page.locator('[data-test="violation-S19(1)"]').click()
    await itemsError.waitFor({ state: 'detached' })
    await page.locator('#case-facts').fill('未按规定公布收费标准')
    await factsError.waitFor({ state: 'detached' })
    // S5: the institution is registered with 西湖区, which opens its cases.
    await page.locator('[data-test=case-submit]').click()
    await page.locator('.el-form-item.is-error .el-form-item__error', { hasText: '该机构由其他人社部门备案（遴选）和监管，应由该部门立案' }).waitFor()
    assert.match(page.url(), /\/cases\/new/)
    await shot(page, 'audit-case-form-another-office')
    assertNoProblems(page)
    await page.close()
  })

  test('S15: 情况属实 needs the completed special inspection', async () => {
    const hz = await apiSession('hangzhou')
    const complaints = (await hz.get('/complaints', { page_size: '100' })).items
    const investigating = complaints.find((c) => c.status === 'investigating' && c.inspection_id)
    assert.ok(investigating, 'a complaint under investigation in the demo')
    const ins = await hz.get(`/inspections/${investigating.inspection_id}`)
    assert.notEqual(ins.status, 'completed')
    const page = await newPage(browser)
    await login(page, 'hangzhou')
    await page.goto(`${BASE_URL}/console/supervision/complaints/${investigating.id}`)
    await page.locator('[data-test=complaint-reply]').click()
    const yes = page.locator('[data-test=reply-substantiated-true]')
    await yes.waitFor()
    assert.match(await yes.getAttribute('class'), /is-disabled/, '情况属实 cannot be chosen before the inspection is completed')
    await page.locator('[data-test=reply-substantiated-hint]', { hasText: `检查 #${investigating.inspection_id}` }).waitFor()
    assert.match(await page.locator('[data-test=reply-substantiated-false]').getAttribute('class'), /^(?!.*is-disabled)/)
    await shot(page, 'audit-complaint-reply')
    await page.close()

    // Accepted, no inspection yet: open the special inspection first.
    const xihu = await apiSession('xihu')
    const accepted = (await xihu.get('/complaints', { page_size: '100' })).items.find((c) => c.status === 'accepted' && !c.inspection_id)
    assert.ok(accepted, 'an accepted complaint without an inspection in the demo')
    const en = await newPage(browser, { locale: 'en' })
    await login(en, 'xihu')
    await en.goto(`${BASE_URL}/console/supervision/complaints/${accepted.id}`)
    await en.locator('[data-test=complaint-reply]').click()
    await en.locator('[data-test=reply-substantiated-hint]', { hasText: 'open the special inspection first' }).waitFor()
    assert.match(await en.locator('[data-test=reply-substantiated-true]').getAttribute('class'), /is-disabled/)
    await shot(en, 'audit-complaint-reply-en')
    await en.close()
  })

  test('a deficient finding needs its note when saved; the completion dialog keeps what was typed', async () => {
    const hz = await apiSession('hangzhou')
    const ins = (await hz.get('/inspections', { status: 'in_progress', page_size: '50' })).items[0]
    assert.ok(ins, 'an inspection in progress in the demo')
    const full = await hz.get(`/inspections/${ins.id}`)
    const item = full.checklist.find((i) => i.finding !== 'deficient') || full.checklist[0]
    const page = await newPage(browser)
    await login(page, 'hangzhou')
    const puts = []
    page.on('request', (r) => r.method() === 'PUT' && r.url().includes('/findings') && puts.push(r.url()))
    await page.goto(`${BASE_URL}/console/supervision/inspections/${ins.id}`)
    await page.locator('[data-test=findings-save]').waitFor()
    await page.locator(`[data-test="finding-${item.code}"] .finding--deficient`).click()
    const note = page.locator(`[data-test="finding-note-${item.code}"] textarea, textarea[data-test="finding-note-${item.code}"]`)
    await note.fill('')
    await page.locator('[data-test=findings-save]').click()
    const err = page.locator('[data-test=findings-table] .cell-error', { hasText: '不符合的项须说明发现的问题' })
    await err.waitFor()
    assert.equal(puts.length, 0, 'nothing sent while a deficient item has no note')
    await shot(page, 'audit-findings-note-required')
    await note.fill('现场未见收费公示')
    await err.waitFor({ state: 'detached' })

    // The completion dialog, cancelled and reopened, keeps the outcome and the report.
    await page.reload()
    await page.locator('[data-test=inspection-complete]').click()
    await page.locator('[data-test=complete-dialog]').waitFor()
    await page.locator('[data-test=complete-outcome] .el-radio').first().click()
    await page.locator('#complete-report').fill('审计测试：报告草稿')
    await page.locator('[data-test=complete-dialog] .el-dialog__footer .el-button').first().click()
    await page.locator('[data-test=complete-dialog]').waitFor({ state: 'hidden' })
    await page.locator('[data-test=inspection-complete]').click()
    await page.locator('[data-test=complete-dialog]').waitFor()
    assert.equal(await page.locator('#complete-report').inputValue(), '审计测试：报告草稿')
    assert.equal(await page.locator('[data-test=complete-outcome] .el-radio.is-checked').count(), 1)
    await page.close()
  })

  test('a suspended institution is told so and its buttons are disabled (S20)', async () => {
    for (const locale of ['zh-CN', 'en']) {
      const page = await newPage(browser, { locale })
      await login(page, 'demo_sx1')
      await page.goto(`${BASE_URL}/console/my-institution`)
      const banner = page.locator('[data-test=inst-standing-banner]')
      await banner.waitFor()
      assert.match(await banner.innerText(), locale === 'en' ? /suspended.*S20/s : /暂停.*第二十条/s)
      assert.equal(await page.locator('[data-test=inst-report-change]').isDisabled(), true)
      assert.equal(await page.locator('[data-test=inst-request-site]').isDisabled(), true)
      await shot(page, `audit-suspended-institution-${locale}`)
      await page.goto(`${BASE_URL}/console/plans`)
      await page.locator('[data-test=inst-standing-banner]').waitFor()
      assert.equal(await page.locator('[data-test=plan-create]').isDisabled(), true)
      await shot(page, `audit-suspended-plans-${locale}`)
      assertNoProblems(page)
      await page.close()
    }
    // An active institution sees no banner and may draft.
    const page = await newPage(browser)
    await login(page, 'inst')
    await page.goto(`${BASE_URL}/console/plans`)
    await page.locator('[data-test=plan-create]').waitFor()
    assert.equal(await page.locator('[data-test=plan-create]').isDisabled(), false)
    assert.equal(await page.locator('[data-test=inst-standing-banner]').count(), 0)
    await page.close()
  })

  test('the public page of an institution not in the directory says so, without a retry', async () => {
    for (const locale of ['zh-CN', 'en']) {
      const page = await newPage(browser, { locale })
      await page.goto(`${BASE_URL}/public/institutions/Y000033000099`)
      const note = page.locator('[data-test=inst-not-listed]')
      await note.waitFor()
      assert.match(await note.innerText(), locale === 'en' ? /not in the public directory/ : /该机构不在公开名录中/)
      assert.equal(await page.locator('button', { hasText: locale === 'en' ? 'Retry' : '重试' }).count(), 0)
      assert.equal(await page.locator('text=对象不存在或不在您的管辖范围内').count(), 0)
      await shot(page, `audit-public-not-listed-${locale}`)
      await page.locator('[data-test=inst-not-listed-sanctions]').click()
      await page.waitForURL(/\/public\/sanctions$/)
      await page.close()
    }
  })

  test("a county officer reads the city's draw as text, not as a link", async () => {
    const xihu = await apiSession('xihu')
    const ins = (await xihu.get('/inspections', { page_size: '50' })).items.find((i) => i.draw_id && i.authority_code === '330106')
    assert.ok(ins, "an inspection of the county's institution from a draw")
    const page = await newPage(browser)
    await login(page, 'xihu')
    await page.goto(`${BASE_URL}/console/supervision/inspections/${ins.id}`)
    const draw = page.locator('[data-test=related-draw]')
    await draw.waitFor()
    await page.waitForTimeout(500) // the probe of the draw
    assert.equal(await draw.evaluate((el) => el.tagName), 'SPAN')
    // The city officer opens the same draw.
    const city = await newPage(browser)
    await login(city, 'hangzhou')
    await city.goto(`${BASE_URL}/console/supervision/inspections/${ins.id}`)
    await city.locator('a[data-test=related-draw]').waitFor()
    await page.close()
    await city.close()
  })
})
