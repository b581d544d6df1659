// The public portal (no login): occupation lookup, holiday calendar, working-day calculator,
// on a desktop and on a phone.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, DESKTOP, PHONE, assertNoProblems, launch, newPage, pickOption, shot, switchLanguage, tableRows } from './helpers.mjs'

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

  test('the navigation fits in English, wraps on a narrower screen and scrolls on a phone', async () => {
    const geometry = (page) =>
      page.locator('[data-test=portal-nav]').evaluate((nav) => {
        const box = nav.getBoundingClientRect()
        const links = [...nav.querySelectorAll('a')].map((a) => a.getBoundingClientRect())
        return { overflow: nav.scrollWidth - nav.clientWidth, rows: new Set(links.map((l) => Math.round(l.top))).size, inside: links.every((l) => l.left >= box.left - 1 && l.right <= box.right + 1) }
      })
    const page = await newPage(browser, { locale: 'en', viewport: DESKTOP })
    await page.goto(`${BASE_URL}/public`)
    await page.locator('[data-test=portal-nav]').waitFor()
    assert.deepEqual(await geometry(page), { overflow: 0, rows: 1, inside: true }, 'one row, nothing cut off at 1366 px')
    assert.ok(await page.locator('[data-test=portal-nav] a', { hasText: 'Holiday calendar' }).isVisible())
    await page.setViewportSize({ width: 1024, height: 768 })
    await page.waitForFunction(() => document.querySelectorAll('[data-test=portal-nav] a').length && [...document.querySelectorAll('[data-test=portal-nav] a')].at(-1).getBoundingClientRect().top > document.querySelector('[data-test=portal-nav] a').getBoundingClientRect().top)
    const narrow = await geometry(page)
    assert.equal(narrow.overflow, 0)
    assert.ok(narrow.inside && narrow.rows === 2, `the links wrap onto a second row at 1024 px: ${JSON.stringify(narrow)}`)
    // On a phone: one row that scrolls, with an arrow where more links are hidden.
    await page.setViewportSize(PHONE)
    await page.locator('[data-test=nav-more-right]').waitFor()
    assert.equal(await page.locator('[data-test=nav-more-left]').count(), 0)
    await page.locator('[data-test=portal-nav]').evaluate((nav) => nav.scrollTo({ left: nav.scrollWidth, behavior: 'instant' }))
    await page.locator('[data-test=nav-more-left]').waitFor()
    await page.locator('[data-test=nav-more-right]').waitFor({ state: 'detached' })
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 1, `the page itself does not scroll sideways (overflow ${overflow}px)`)
    assertNoProblems(page)
    await page.context().close()
  })

  test("the calendar marks China's today, whatever the browser's zone", async () => {
    // Honolulu is 18 hours behind Beijing: most of the day its date is China's yesterday.
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Pacific/Honolulu' })
    const page = await context.newPage()
    await page.goto(`${BASE_URL}/public`)
    await page.locator('#calendar .holiday-cal__table').waitFor()
    const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10)
    const grid = page.locator('#calendar .holiday-cal__month')
    if (await grid.count()) {
      const marked = page.locator('#calendar [data-today=true]')
      await marked.waitFor()
      assert.equal(await marked.count(), 1)
      assert.equal((await marked.locator('.cal-cell__day').innerText()).trim(), String(Number(today.slice(8))))
      assert.equal(await page.locator('#calendar td.is-selected [data-today=true]').count(), 1)
    }
    assert.equal((await page.locator('#calendar [data-test=cal-year]').innerText()).trim(), today.slice(0, 4))
    await context.close()
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

  test('a refusal from the server follows a switch of language while it is on screen', async () => {
    const page = await newPage(browser)
    await page.goto(`${BASE_URL}/public/complaints`)
    // A code of the right form that no institution holds: only the server can say so.
    await page.locator('#cf-code').fill('Y000033999999')
    await pickOption(page, 'cf-category', '收费问题')
    await page.locator('#cf-content').fill('考前收取包过费两千元，未开具发票。')
    await page.locator('[data-test=cf-submit]').click()
    const codeError = page.locator('.el-form-item', { has: page.locator('#cf-code') }).locator('.el-form-item__error')
    await codeError.filter({ hasText: '机构不存在' }).waitFor()
    await switchLanguage(page, 'en')
    await codeError.filter({ hasText: 'No such institution' }).waitFor()
    await page.locator('[data-test=complaint-form-error]').filter({ hasText: /[A-Za-z]/ }).waitFor()
    assert.doesNotMatch(await page.locator('[data-test=complaint-form-error]').innerText(), /[\u4e00-\u9fff]/)
    await switchLanguage(page, 'zh-CN')
    await codeError.filter({ hasText: '机构不存在' }).waitFor()
    assertNoProblems(page)
    await page.context().close()
  })
})
