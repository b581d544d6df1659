// The public certificate check (证书查询): reached from the portal home; a malformed number is
// refused in the browser; a well-formed unknown number is "not found". Then, on a server of the
// test's own whose clock runs ahead (SKILLREG_CLOCK_OFFSET_DAYS) with no results publicity
// (SKILLREG_RESULTS_PUBLICITY_DAYS=0), the plan's edit form keeps its held session fixed (S19(1)),
// candidates are no longer taken (S19(2)) nor staff arranged (S19(8)), and the institution issues
// a certificate in the console (a report dated before its issue is refused beside the date): the
// portal shows it valid with its QR code; hangzhou voids it in the console; the portal then shows
// it voided with the reason.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, apiSession, assertNoProblems, chinaIso, launch, login, newPage, shot, startServer, tableRows, switchLanguage } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

const NOTE = '二维码签名有效只说明该证书曾由浙江省签发；证书当前是否有效，以在线查询结果为准。'

async function check(page, no, name) {
  await page.locator('#cert-no').fill(no)
  await page.locator('#cert-name').fill(name)
  await page.locator('[data-test=cert-check-submit]').click()
}

describe('certificate check', () => {
  test('format error and not found', async () => {
    const page = await newPage(browser)
    await page.goto(`${BASE_URL}/public`)
    await page.locator('[data-test=portal-cert-check]').click()
    await page.waitForURL(/\/public\/certificates/)
    assert.equal(await page.locator('[data-test=cert-qr-note]').innerText(), NOTE)

    // 21 characters, then a level digit 7: refused in the browser, nothing asked of the server.
    await check(page, 'S00003300000126400001', '张三')
    const item = page.locator('.el-form-item', { has: page.locator('#cert-no') })
    await item.locator('.el-form-item__error', { hasText: '证书编号格式不正确' }).waitFor()
    await check(page, 'S000033000001267000001', '张三')
    await item.locator('.el-form-item__error', { hasText: '等级' }).waitFor()
    assert.equal(await page.locator('[data-test=cert-result]').count(), 0)

    // Switched to English in place: the message shown is made again, and new ones name the
    // fields in English (the labels follow the language).
    await switchLanguage(page, 'en')
    await item.locator('.el-form-item__error', { hasText: 'The certificate number is malformed' }).waitFor()
    assert.equal(await item.locator('label').innerText(), 'Certificate number')
    await check(page, 'S00003300000126400001', '')
    const nameItem = page.locator('.el-form-item', { has: page.locator('#cert-name') })
    await nameItem.locator('.el-form-item__error').waitFor()
    assert.match(await item.locator('.el-form-item__error').innerText(), /^The certificate number is malformed: .*Certificate number/)
    assert.match(await nameItem.locator('.el-form-item__error').innerText(), /Holder's name/)
    for (const e of await page.locator('.el-form-item__error').allInnerTexts()) assert.doesNotMatch(e, /[\u4e00-\u9fff]/, e)
    await switchLanguage(page, 'zh-CN')
    await item.locator('.el-form-item__error', { hasText: '证书编号格式不正确' }).waitFor()

    await check(page, 'S000033000001264000999', '张三')
    await page.locator('[data-test=cert-result][data-status=not_found]').waitFor()
    assert.match(await page.locator('[data-test=cert-result]').innerText(), /未查到该证书/)
    assert.match(page.url(), /cert_no=S000033000001264000999/)
    await shot(page, 'certificate-not-found')
    assertNoProblems(page)
    await page.context().close()
  })

  test('valid, then voided, on a server running ahead', async () => {
    // Today: a plan 8 days ahead, published, one candidate admitted and scored.
    const first = await startServer()
    let planId, candidateId
    try {
      const inst = await apiSession('inst', { base: first.base })
      const iid = inst.user.institution_id
      let site = (await inst.get(`/institutions/${iid}/exam-sites`)).items.find((s) => s.status === 'confirmed')
      if (!site) site = await inst.post(`/institutions/${iid}/exam-sites`, { name: '证书测试考点', address: '杭州市西湖区文三路 1 号', region_code: '330106' })
      if (site.status === 'pending') site = await (await apiSession('hangzhou', { base: first.base })).post(`/institutions/${iid}/exam-sites/${site.id}/confirm`)
      const plan = await inst.post('/plans', {
        subject_code: '4-01-02-01', level: 4, parts: ['theory'], exam_site_id: site.id, planned_count: 10,
        sessions: [{ part: 'theory', starts_at: chinaIso(8, '09:00'), ends_at: chinaIso(8, '11:00'), room: '101' }],
      })
      planId = plan.id
      await inst.post(`/plans/${planId}/publish`)
      const c = await inst.post(`/plans/${planId}/candidates`, {
        identity_no: '11010519491231002X', name: '陈思远', education: 'high_school', years_in_trade: 8, review: 'admitted',
      })
      candidateId = c.id
    } finally {
      await first.stop()
    }
    // Twenty days later: the exam is over (scored only now, S14(1)); results published, publicity of 0 days, certificate.
    const later = await startServer({ database: first.database, dir: first.dir, env: { SKILLREG_CLOCK_OFFSET_DAYS: '20', SKILLREG_RESULTS_PUBLICITY_DAYS: '0' } })
    try {
      const inst = await apiSession('inst', { base: later.base })
      // The exam is over: the edit form keeps the held session and the plan's terms as published
      // (S19(1)); a session still to come could be added. The browser's own clock is 20 days behind
      // the server's: the page goes by the server's word.
      const edit = await newPage(browser)
      await login(edit, 'inst', undefined, later.base)
      await edit.goto(`${later.base}/console/plans/${planId}/edit`)
      await edit.locator('[data-test=plan-exam-begun]').waitFor()
      for (const held of ['#plan-level', '#plan-planned', '#session-0-starts', '#session-0-room'])
        assert.ok(await edit.locator(held).isDisabled(), `${held} is fixed`)
      await edit.locator('[data-test=session-add]').click()
      assert.ok(await edit.locator('#session-1-starts').isEnabled(), 'a new session can be planned')
      await shot(edit, 'plan-edit-after-exam', { fullPage: true })
      // Registration closed with the exam (S19(2)): no one to add, and a candidate batch is refused
      // with the reason in words.
      await edit.goto(`${later.base}/console/plans/${planId}?tab=candidates`)
      await edit.locator('[data-test=cand-closed]').waitFor()
      assert.equal(await edit.locator('[data-test=cand-add]').count(), 0)
      // Its only session is over: who examined it is on record and no longer arranged (S19(8)).
      await edit.goto(`${later.base}/console/plans/${planId}?tab=staff`)
      await edit.locator('[data-test=assign-closed]').waitFor()
      assert.equal(await edit.locator('[data-test=assign-form]').count(), 0)
      const batch = await inst.post('/batches', { kind: 'candidates', plan_id: planId, format: 'json' })
      await inst.post(`/batches/${batch.id}/parts?commit=true`, [{ identity_no: '110105198001010016', name: '林晓', education: 'high_school', years_in_trade: 8, review: 'admitted' }])
      for (let i = 0; i < 100 && (await inst.get(`/batches/${batch.id}`)).status !== 'refused'; ++i) await new Promise((r) => setTimeout(r, 100))
      await edit.goto(`${later.base}/console/batches/${batch.id}`)
      const problem = edit.locator('[data-test=batch-error-problem]').first()
      await problem.waitFor()
      assert.equal(await problem.innerText(), '考试已开始，不能再登记考生（依据《浙江省技能人才评价监督管理办法》第十九条第（二）项）')
      // The exam has begun (by the server's word): scores open. One outside 0–100 or with two
      // decimals is refused beside its input, never clamped, and nothing is sent.
      await edit.goto(`${later.base}/console/plans/${planId}?tab=scores`)
      const input = edit.locator(`#score-${candidateId}-theory`)
      const error = edit.locator(`[data-test=score-${candidateId}-theory-error]`)
      await input.waitFor()
      assert.equal(await input.isDisabled(), false)
      assert.equal(await edit.locator('[data-test=scores-opens-theory]').count(), 0)
      for (const [typed, text] of [['101', /101 不是有效成绩：须在 0 至 100 之间/], ['-5', /-5 不是有效成绩：须在 0 至 100 之间/], ['72.35', /最多保留一位小数/]]) {
        await input.fill(typed)
        await input.blur()
        await error.waitFor()
        assert.match(await error.innerText(), text)
        assert.equal(await input.inputValue(), typed)
        await edit.locator('[data-test=scores-save]').click()
        await edit.locator('.el-message--error', { hasText: '成绩无效' }).last().waitFor()
      }
      assert.equal(await input.getAttribute('aria-invalid'), 'true')
      const cand = (await inst.get(`/plans/${planId}/candidates`, { review: 'admitted' })).items.find((c) => c.id === candidateId)
      assert.deepEqual(cand.scores || {}, {})
      assertNoProblems(edit)
      await edit.context().close()

      await inst.post(`/plans/${planId}/scores`, { items: [{ candidate_id: candidateId, part: 'theory', score: 82.5 }] })
      await inst.post(`/plans/${planId}/scores/publish`)
      // The institution issues it in the console: one candidate passed, one certificate.
      const own = await newPage(browser)
      await login(own, 'inst', undefined, later.base)
      await own.goto(`${later.base}/console/plans/${planId}?tab=certificates`)
      await own.locator('[data-test=cert-issue]').click()
      await own.locator('.el-message-box', { hasText: '将为 1 名已通过' }).waitFor()
      await own.locator('.el-message-box .el-button--primary').click()
      await own.locator('.el-message--success', { hasText: '已发放 1 本证书' }).waitFor()
      const numbers = own.locator('[data-test=certificate-table] [data-test=cert-no]')
      await numbers.first().waitFor()
      assert.equal(await numbers.count(), 1)
      const no = (await numbers.first().innerText()).trim()
      // Its report to the national database cannot be dated before its issue (the browser's
      // clock, 20 days behind the server's, offers no later date): refused beside the date,
      // naming the certificate, and nothing recorded.
      await own.locator('[data-test=certificate-table] .el-table__body .el-checkbox').first().click()
      await own.locator('[data-test=cert-report]').click()
      const reportError = own.locator('[data-test=cert-report-error]')
      await reportError.waitFor()
      assert.equal(await reportError.innerText(), `上报日期早于发证日期：${no}`)
      assert.equal((await inst.get('/certificates', { plan_id: planId })).items[0].reported_on ?? null, null)
      assertNoProblems(own)
      await own.context().close()
      assert.match(no, /^S\d{12}\d{2}4\d{6}$/)

      const page = await newPage(browser)
      await page.goto(`${later.base}/public/certificates?cert_no=${no}&name=${encodeURIComponent('陈思远')}`)
      await page.locator('[data-test=cert-result][data-status=valid]').waitFor()
      assert.equal(await page.locator('[data-test=cert-result-status]').innerText(), '证书有效')
      assert.match(await page.locator('[data-test=cert-result]').innerText(), /110105\*{8}002X/)
      const qr = page.locator('[data-test=cert-qr]')
      await qr.waitFor()
      await page.waitForFunction(() => document.querySelector('[data-test=cert-qr]')?.naturalWidth > 0)
      await shot(page, 'certificate-valid', { fullPage: true })
      assertNoProblems(page)
      await page.context().close()

      // hangzhou voids it in the console, with a reason.
      const officer = await newPage(browser)
      await officer.goto(`${later.base}/login`)
      await officer.locator('#login-username').fill('hangzhou')
      await officer.locator('#login-password').fill('demo-2026')
      await officer.locator('[data-test=login-submit]').click()
      await officer.locator('[data-test=current-user]').waitFor()
      await officer.locator('[data-test=menu-certificates]').click()
      const rows = await tableRows(officer, '[data-test=certificate-table]')
      await rows.filter({ hasText: no }).locator(`[data-test=cert-void-${no}]`).click()
      await officer.locator('.el-message-box textarea').fill('考生提供虚假学历材料')
      await officer.locator('.el-message-box .el-button--danger').click()
      await officer.locator('.el-message-box').waitFor({ state: 'hidden' })
      await officer.waitForFunction((n) => [...document.querySelectorAll('[data-test=certificate-table] tr')].some((r) => r.textContent.includes(n) && r.textContent.includes('已作废')), no)
      await shot(officer, 'certificate-console-voided')
      assertNoProblems(officer)
      await officer.context().close()

      const again = await newPage(browser)
      await again.goto(`${later.base}/public/certificates?cert_no=${no}&name=${encodeURIComponent('陈思远')}`)
      await again.locator('[data-test=cert-result][data-status=voided]').waitFor()
      assert.match(await again.locator('[data-test=cert-result-reason]').innerText(), /考生提供虚假学历材料/)
      assert.equal(await again.locator('[data-test=cert-qr]').count(), 0)
      await shot(again, 'certificate-voided')
      assertNoProblems(again)
      await again.context().close()
    } finally {
      await later.stop()
    }
  })
})

