// The registry in the console: hangzhou handles the application under public notice (a 409 with
// the article while an objection is open, resolving it, approving, the receipt's code); inst
// reports a change of its public phone, which the public directory then shows.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, assertNoProblems, launch, login, menuTexts, newPage, shot, tableRows } from './helpers.mjs'

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

describe('registry console', () => {
  test('hangzhou resolves the objection and approves the application', async () => {
    const page = await newPage(browser)
    await login(page, 'hangzhou')
    assert.ok((await menuTexts(page)).includes('遴选申请'))
    await page.locator('[data-test=menu-institutions]').click()
    const inst = await tableRows(page, '[data-test=institution-table]')
    assert.ok((await inst.count()) >= 2, 'hangzhou sees the institutions it and its counties received')
    await shot(page, 'registry-institutions')

    await page.locator('[data-test=menu-applications]').click()
    const rows = await tableRows(page, '[data-test=application-table]')
    const row = rows.filter({ hasText: '公示中' }).first()
    await row.locator('a[data-test^=app-open-]').click()
    await page.waitForURL(/\/console\/applications\/\d+/)
    await page.locator('[data-test=app-status]').waitFor()
    assert.equal(await page.locator('[data-test=app-status]').innerText(), '公示中')

    // Approving with an unresolved objection: the server refuses, naming the article.
    await page.locator('[data-test=app-action-approve]').click()
    await confirmBox(page)
    await page.locator('[data-test=action-error]').waitFor()
    assert.match(await page.locator('[data-test=action-error]').innerText(), /第九条第（二）项/)
    await shot(page, 'registry-application-409', { fullPage: true })

    // Resolve the objection, then approve.
    await page.locator('[data-test^=objection-resolve-]').first().click()
    await page.locator('.el-message-box textarea').fill('经核实，该机构考评人员数量符合要求。')
    await confirmBox(page)
    await page.locator('[data-test=objection-resolution]').waitFor()
    await page.locator('[data-test=app-action-approve]').click()
    await confirmBox(page)
    const code = page.locator('[data-test=receipt-code]')
    await code.waitFor()
    assert.match(await code.innerText(), /^S\d{12}$/)
    await shot(page, 'registry-receipt')
    await page.locator('.el-dialog .el-button--primary', { hasText: '确定' }).click()
    await page.waitForFunction(() => document.querySelector('[data-test=app-status]')?.textContent.trim() === '已批准')

    // The submitted employer application: a review with one item not met and a fail conclusion.
    await page.locator('[data-test=menu-applications]').click()
    const again = await tableRows(page, '[data-test=application-table]')
    await again.filter({ hasText: '已提交' }).first().locator('a[data-test^=app-open-]').click()
    await page.locator('[data-test=app-action-review]').click()
    await page.locator('[data-test="finding-M8(1)2"]').click()
    await page.locator('[data-test=review-pass] .el-radio', { hasText: '不通过' }).click()
    await page.locator('#review-comment').fill('缺少考评人员名单。')
    await shot(page, 'registry-review')
    await page.locator('[data-test=review-submit]').click()
    await page.locator('[data-test=review-dialog]').waitFor({ state: 'hidden' })
    await page.waitForFunction(() => document.body.innerText.includes('缺少考评人员名单。'))
    assert.match(await page.locator('.review').first().innerText(), /不通过[\s\S]*M8\(1\)2 不符合/)
    assertNoProblems(page)
    await page.context().close()
  })

  test('inst reports a phone change that the directory shows', async () => {
    const page = await newPage(browser)
    await login(page, 'inst')
    await page.locator('[data-test=menu-my-institution]').click()
    await page.locator('[data-test=inst-detail]').waitFor()
    const code = (await page.locator('[data-test=inst-code]').innerText()).trim()
    await page.locator('[data-test=inst-report-change]').click()
    await page.locator('#change-public_phone').fill('0571-86001234')
    await page.locator('[data-test=change-submit]').click()
    await page.locator('[data-test=change-dialog]').waitFor({ state: 'hidden' })
    await page.waitForFunction(() => document.querySelector('[data-test=inst-public-phone]')?.textContent === '0571-86001234')
    assert.match(await page.locator('[data-test=inst-changes]').innerText(), /咨询电话[\s\S]*0571-86001234/)
    await shot(page, 'registry-my-institution', { fullPage: true })

    await page.goto(`${BASE_URL}/public/institutions/${code}`)
    await page.locator('[data-test=inst-phone]').waitFor()
    assert.equal(await page.locator('[data-test=inst-phone]').innerText(), '0571-86001234')
    assertNoProblems(page)
    await page.context().close()
  })
})
