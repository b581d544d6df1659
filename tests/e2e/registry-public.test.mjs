// The portal's institution directory: search by name, open the institution page (scope with
// occupation names), the announcements, and the directory on a phone.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, PHONE, assertNoProblems, launch, newPage, shot } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

async function cards(page) {
  await page.locator('[data-test=inst-directory][data-state=ready]').waitFor()
  return page.locator('[data-test=inst-card]')
}

describe('institution directory', () => {
  test('finds 龙井 and opens the institution page', async () => {
    const page = await newPage(browser)
    await page.goto(`${BASE_URL}/public`)
    await page.locator('[data-test=nav-directory]').click()
    await page.waitForURL(/\/public\/institutions/)
    assert.ok((await (await cards(page)).count()) >= 7, 'the whole directory is listed')
    await page.locator('#dir-q').fill('龙井')
    await page.locator('#dir-q').press('Enter')
    await page.waitForURL(/q=/)
    await page.waitForFunction(() => document.querySelectorAll('[data-test=inst-card]').length === 1)
    const list = await cards(page)
    assert.match(await list.first().innerText(), /杭州西湖龙井茶炒制技艺培训中心/)
    await shot(page, 'directory-desktop', { fullPage: true })

    await list.first().locator('[data-test=inst-link]').click()
    await page.waitForURL(/\/public\/institutions\/Z\d+/)
    await page.locator('[data-test=inst-page]').waitFor()
    assert.equal(await page.locator('[data-test=inst-name]').innerText(), '杭州西湖龙井茶炒制技艺培训中心')
    // The scope's special-ability subject is named from the published specifications.
    await page.waitForFunction(() => document.querySelector('[data-test=scope-name]')?.textContent.includes('龙井'))
    assert.match(await page.locator('[data-test=inst-page]').innerText(), /专项职业能力考核机构/)
    await shot(page, 'directory-institution', { fullPage: true })

    // Filtering by kind is applied on the server and kept in the URL.
    await page.goto(`${BASE_URL}/public/institutions?kind=employer`)
    const employers = await cards(page)
    assert.equal(await employers.count(), 2)
    for (const text of await employers.allInnerTexts()) assert.match(text, /用人单位/)

    await page.goto(`${BASE_URL}/public/announcements`)
    await page.locator('[data-test=announcements][data-state=ready]').waitFor()
    assert.ok((await page.locator('[data-test=announcement]').count()) > 0)
    assert.match(await page.locator('[data-test=announcements]').innerText(), /遴选公告/)
    assertNoProblems(page)
    await page.context().close()
  })

  test('reads on a phone', async () => {
    const page = await newPage(browser, { viewport: PHONE, isMobile: true })
    await page.goto(`${BASE_URL}/public/institutions`)
    assert.ok((await (await cards(page)).count()) > 0)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 1, `no sideways scrolling on a phone (overflow ${overflow}px)`)
    await shot(page, 'directory-phone', { fullPage: true })
    assertNoProblems(page)
    await page.context().close()
  })
})
