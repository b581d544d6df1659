// The officials' dashboard (issue 8 §2) on the suite's demo server: province sees 监督检查, 投诉举报
// and 案件 counted by status with the same numbers the list APIs give it (fetched in the page with
// its session cookie), charts drawn, the cards linking to their lists, and 待办期限 sorted by date
// with the deadlines the cases, draws and complaints give, an item leading to its case page; the
// cards in English. hangzhou sees Hangzhou's numbers (again as the API answers them). Institution
// staff and inspectors keep their dashboards without these cards.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, assertNoProblems, launch, login, newPage, shot, tableRows, switchLanguage } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

const CARDS = {
  'sup-inspections': { path: '/inspections', statuses: ['planned', 'in_progress', 'completed'], list: /\/console\/supervision\/inspections/ },
  'sup-complaints': { path: '/complaints', statuses: ['received', 'accepted', 'investigating', 'replied', 'not_accepted'], list: /\/console\/supervision\/complaints/ },
  'sup-cases': { path: '/cases', statuses: ['draft', 'proposed', 'served', 'decided', 'review_requested'], list: /\/console\/enforcement\/cases/ },
}

// GET /api/v1<path> from inside the page: the browser's own session cookie, as the dashboard sends it.
function apiInPage(page, path, query = {}) {
  return page.evaluate(
    async ({ path, query }) => {
      const r = await fetch(`/api/v1${path}?${new URLSearchParams(query)}`, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      if (!r.ok) throw new Error(`${path}: ${r.status}`)
      return r.json()
    },
    { path, query },
  )
}

// { status: total } of a list API for the caller.
async function apiCounts(page, path, statuses) {
  const out = {}
  for (const s of statuses) out[s] = (await apiInPage(page, path, { status: s, page_size: '1' })).total
  return out
}

// The counts a card shows, as numbers.
async function cardCounts(page, card, statuses) {
  const root = page.locator(`[data-test=${card}][data-state=ready]`)
  await root.waitFor()
  const out = {}
  for (const s of statuses) out[s] = Number((await root.locator(`[data-test=count-${s}]`).innerText()).replace(/[^\d]/g, ''))
  return out
}

// The deadlines the APIs give (upcoming, today included, in China time), earliest first.
async function apiDeadlines(page) {
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10)
  const dates = []
  const add = (d) => d && d >= today && dates.push(d)
  for (const c of (await apiInPage(page, '/cases', { status: 'served', page_size: '200' })).items) add(c.statement_due)
  for (const c of (await apiInPage(page, '/cases', { status: 'decided', page_size: '200' })).items) {
    add(c.review_due)
    if (!c.rectification_verified_on) add(c.rectification_due)
  }
  for (const d of (await apiInPage(page, '/supervision/draws', { status: 'drawn', page_size: '200' })).items) add(d.publish_due)
  for (const s of ['received', 'accepted', 'investigating'])
    for (const c of (await apiInPage(page, '/complaints', { status: s, page_size: '200' })).items) if (!c.overdue) add(c.reply_due)
  return dates.sort()
}

async function checkCardsMatchApi(page, { nonZero }) {
  const seen = {}
  for (const [card, { path, statuses }] of Object.entries(CARDS)) {
    const shown = await cardCounts(page, card, statuses)
    const api = await apiCounts(page, path, statuses)
    assert.deepEqual(shown, api, `${card} shows what ${path} answers`)
    const total = Object.values(api).reduce((a, b) => a + b, 0)
    assert.equal(Number((await page.locator(`[data-test=${card}] [data-test=total]`).innerText()).replace(/[^\d]/g, '')), total)
    if (nonZero) assert.ok(total > 0, `${card}: the demo has data`)
    // A chart when there is something to count, the empty state otherwise.
    if (total > 0) await page.locator(`[data-test=${card}] [data-test=chart] canvas`).waitFor()
    else await page.locator(`[data-test=${card}] [data-test=empty]`).waitFor()
    seen[card] = api
  }
  return seen
}

describe('supervision on the officials dashboard', () => {
  test('province: counts as the API gives them, deadlines by date, links, English', async () => {
    const page = await newPage(browser)
    await login(page, 'province')
    await page.locator('[data-test=supervision-overview]').waitFor()
    const counts = await checkCardsMatchApi(page, { nonZero: true })
    // The demo has complaints in every status and cases at every open stage.
    for (const [s, n] of Object.entries(counts['sup-complaints'])) assert.ok(n > 0, `complaints ${s}`)
    for (const [s, n] of Object.entries(counts['sup-cases'])) assert.ok(n > 0, `cases ${s}`)

    // Overdue complaints: highlighted exactly when the API marks some.
    const open = []
    for (const s of ['received', 'accepted', 'investigating']) open.push(...(await apiInPage(page, '/complaints', { status: s, page_size: '200' })).items)
    const overdue = open.filter((c) => c.overdue).length
    assert.equal(await page.locator('[data-test=sup-complaints] [data-test=overdue]').count(), overdue ? 1 : 0)
    if (!overdue) await page.locator('[data-test=sup-complaints] [data-test=no-overdue]').waitFor()

    // 待办期限: the API's deadlines, earliest first, ten at most.
    const list = page.locator('[data-test=sup-deadlines][data-state=ready]')
    await list.waitFor()
    const expected = await apiDeadlines(page)
    assert.ok(expected.length > 0, 'the demo has deadlines coming up')
    const items = list.locator('[data-test=deadline-item]')
    const dates = await items.evaluateAll((els) => els.map((e) => e.dataset.date))
    assert.deepEqual(dates, expected.slice(0, 10))
    await shot(page, 'dashboard-supervision-province', { fullPage: true })

    // An item of a case leads to that case's page.
    const caseItem = items.filter({ has: page.locator('a[href*="/console/enforcement/cases/"]') }).first()
    const drawItem = items.filter({ has: page.locator('a[href*="/console/supervision/draws/"]') }).first()
    assert.ok((await caseItem.count()) + (await drawItem.count()) > 0, 'a deadline links to a case or a draw')
    if (await caseItem.count()) {
      const link = caseItem.locator('[data-test=deadline-link]')
      const caseNo = (await link.innerText()).split(' · ')[0]
      const href = await link.getAttribute('href')
      await link.click()
      await page.waitForURL((u) => u.pathname === href)
      await page.getByText(caseNo).first().waitFor()
    } else {
      const href = await drawItem.locator('[data-test=deadline-link]').getAttribute('href')
      await drawItem.locator('[data-test=deadline-link]').click()
      await page.waitForURL((u) => u.pathname === href)
    }

    // Each card links to its list; a status row to the list filtered to it.
    await page.goBack()
    await page.locator('[data-test=sup-cases][data-state=ready]').waitFor()
    await page.locator('[data-test=sup-cases] [data-test=card-link]').click()
    await page.waitForURL(CARDS['sup-cases'].list)
    await page.goBack()
    await page.locator('[data-test=sup-inspections][data-state=ready]').waitFor()
    await page.locator('[data-test=sup-inspections] .sup-card__row a', { hasText: '待检查' }).click()
    await page.waitForURL((u) => CARDS['sup-inspections'].list.test(u.pathname) && u.searchParams.get('status') === 'planned')
    assert.equal(await (await tableRows(page, '[data-test=inspection-table]')).count(), Math.min(20, counts['sup-inspections'].planned))
    await page.goBack()

    // In English: the card's title and statuses translated, the numbers the same.
    await page.locator('[data-test=sup-complaints][data-state=ready]').waitFor()
    await switchLanguage(page, 'en')
    await page.waitForFunction(() => document.documentElement.lang === 'en')
    const card = page.locator('[data-test=sup-complaints]')
    assert.equal(await card.locator('h2').innerText(), 'Complaints')
    assert.equal((await card.locator('[data-test=card-link]').innerText()).trim(), 'View all')
    for (const label of ['Received', 'Accepted', 'Investigating', 'Replied', 'Not accepted']) await card.locator('.sup-card__row a', { hasText: label }).first().waitFor()
    assert.deepEqual(await cardCounts(page, 'sup-complaints', CARDS['sup-complaints'].statuses), counts['sup-complaints'])
    await page.locator('[data-test=sup-deadlines] h2', { hasText: 'Deadlines due' }).waitFor()
    await shot(page, 'dashboard-supervision-en')
    assertNoProblems(page)
    await page.context().close()
  })

  test("hangzhou: Hangzhou's numbers", async () => {
    const page = await newPage(browser)
    await login(page, 'hangzhou')
    await page.locator('[data-test=supervision-overview]').waitFor()
    const counts = await checkCardsMatchApi(page, { nonZero: false })
    // Hangzhou supervises the demo's inspections and complaints.
    assert.ok(Object.values(counts['sup-inspections']).some((n) => n > 0))
    assert.ok(Object.values(counts['sup-complaints']).some((n) => n > 0))
    const list = page.locator('[data-test=sup-deadlines][data-state=ready]')
    await list.waitFor()
    const expected = await apiDeadlines(page)
    assert.deepEqual(await list.locator('[data-test=deadline-item]').evaluateAll((els) => els.map((e) => e.dataset.date)), expected.slice(0, 10))
    if (!expected.length) await list.locator('[data-test=empty]').waitFor()
    assertNoProblems(page)
    await page.context().close()
  })

  for (const user of ['inst', 'inspector']) {
    test(`${user} keeps the dashboard without the supervision cards`, async () => {
      const page = await newPage(browser)
      await login(page, user)
      await page.locator('[data-test=scope-card]').waitFor()
      await page.locator('[data-test=chart-groups] canvas').waitFor()
      assert.equal(await page.locator('[data-test=supervision-overview]').count(), 0)
      assertNoProblems(page)
      await page.context().close()
    })
  }
})
