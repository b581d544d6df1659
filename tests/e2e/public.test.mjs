// The public portal (no login): occupation lookup, holiday calendar, working-day calculator,
// on a desktop and on a phone.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, PHONE, assertNoProblems, launch, newPage, shot, tableRows } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

async function workingDay(page, from, n) {
  const input = page.locator('#pub-wd-from')
  await input.fill(from)
  await input.press('Enter')
  await page.locator('#pub-wd-n').fill(String(n))
  await page.locator('#pub-wd-n').press('Tab')
  await page.locator('[data-test=wd-submit]').click()
  const result = page.locator('[data-test=wd-result]')
  await result.waitFor()
  return result
}

describe('public portal', () => {
  test('finds 焊工 and computes working days', async () => {
    const page = await newPage(browser)
    await page.goto(`${BASE_URL}/public`)
    await page.getByLabel('职业名称或代码').fill('焊工')
    await page.locator('#occupations form[role=search] button[type=submit]').click()
    await page.waitForFunction(() => document.querySelector('#occupations .el-pagination__total')?.textContent.includes('2'))
    const rows = await tableRows(page, '#occupations [data-test=occupation-table]')
    const texts = await rows.allInnerTexts()
    assert.ok(texts.some((t) => /6-18-02-04\s+焊工/.test(t)), `焊工 is listed: ${texts.join(' | ')}`)

    // The holiday calendar of a covered year lists National Day.
    await page.locator('#calendar .holiday-cal__table').waitFor()
    assert.match(await page.locator('#calendar .holiday-cal__table').innerText(), /国庆节/)

    const result = await workingDay(page, '2025-09-30', 5)
    assert.equal(await result.locator('[data-test=wd-date]').innerText(), '2025-10-14')
    assert.equal(await result.locator('[data-test=wd-warning]').count(), 0)
    await shot(page, 'public-desktop', { fullPage: true })

    // A range the calendar does not cover: the server's warning is shown with the answer.
    const beyond = await workingDay(page, '2027-12-20', 10)
    await beyond.locator('[data-test=wd-warning]').waitFor()
    assert.match(await beyond.locator('[data-test=wd-warning]').innerText(), /does not cover/)
    assertNoProblems(page)
    await page.context().close()
  })

  test('is usable on a phone', async () => {
    const page = await newPage(browser, { viewport: PHONE, isMobile: true })
    await page.goto(`${BASE_URL}/public`)
    await page.getByLabel('职业名称或代码').fill('6-18-02')
    await page.getByLabel('职业名称或代码').press('Enter')
    const rows = await tableRows(page, '#occupations [data-test=occupation-table]')
    await page.waitForFunction(() => document.querySelector('#occupations tbody')?.textContent.includes('焊工'))
    assert.ok((await rows.count()) > 0)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 1, `no sideways scrolling on a phone (overflow ${overflow}px)`)
    await shot(page, 'public-phone', { fullPage: true })
    assertNoProblems(page)
    await page.context().close()
  })
})
