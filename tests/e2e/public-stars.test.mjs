// Star ratings in the public directory (S13: ratings are published with the directory), on a
// server of its own with the synthetic province (`skillreg demo --scale 3000`, which scores plans
// and rates institutions): each directory card shows the institution's stars as the API gives
// them (an accessible label, 暂无评级 without a rating), and so does the institution's page with
// the rated period. The directory API takes no stars parameter, so there is nothing to sort by.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { PHONE, assertNoProblems, launch, newPage, shot, startServer } from './helpers.mjs'

let browser
let server
before(async () => {
  browser = await launch()
  server = await startServer({ demoArgs: ['--scale', '3000'] })
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

describe('star ratings on the portal', () => {
  test('the directory and the institution page show the stars, or 暂无评级', async () => {
    const list = await (await fetch(`${server.base}/api/v1/public/institutions?page_size=10`)).json()
    const rated = list.items.find((i) => i.stars)
    const unrated = list.items.find((i) => i.stars === null)
    assert.ok(rated && unrated, 'the first page holds a rated and an unrated institution')

    const page = await newPage(browser)
    await page.goto(`${server.base}/public/institutions`)
    await page.locator('[data-test=inst-directory][data-state=ready]').waitFor()
    const cards = page.locator('[data-test=inst-card]')
    assert.equal(await cards.count(), list.items.length)
    for (let k = 0; k < list.items.length; k++) {
      const i = list.items[k]
      const stars = cards.nth(k).locator('[data-test=stars]')
      if (i.stars) {
        assert.equal(await stars.getAttribute('aria-label'), `${i.stars} 星（满分 5 星）`)
        assert.equal(await stars.getAttribute('role'), 'img')
        assert.equal((await stars.innerText()).replace(/[^★]/g, '').length, 5)
      } else {
        assert.equal((await stars.innerText()).trim(), '暂无评级')
      }
    }
    await shot(page, 'public-directory-stars')

    // The rated institution's page: stars and the rated period.
    await cards.nth(list.items.indexOf(rated)).locator('[data-test=inst-link]').click()
    await page.waitForURL(new RegExp(`/public/institutions/${rated.code}`))
    const stars = page.locator('[data-test=stars]')
    await stars.waitFor()
    assert.equal(await stars.getAttribute('aria-label'), `${rated.stars} 星（满分 5 星）`)
    assert.match(await stars.innerText(), new RegExp(`${rated.period.start} 至 ${rated.period.end}`))
    await shot(page, 'public-institution-stars')

    // The unrated one, on a phone.
    const phone = await newPage(browser, { viewport: PHONE, isMobile: true })
    await phone.goto(`${server.base}/public/institutions/${unrated.code}`)
    await phone.locator('[data-test=stars]').waitFor()
    assert.equal((await phone.locator('[data-test=stars]').innerText()).trim(), '暂无评级')
    assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no sideways scrolling')
    assertNoProblems(page)
    assertNoProblems(phone)
    await page.context().close()
    await phone.context().close()
  })
})
