// 统计报表 (issue 10 §3) in the console, on a server of its own with the synthetic province
// (`skillreg demo --scale 3000`: plans with results, monitoring scores, star ratings) so that the
// reports have rows. hangzhou picks each report: a chart is drawn when the report has rows, the
// table holds exactly the rows of the JSON API (fetched in the page with its cookie) and the totals
// row, an empty report says so; English column titles after the language switch; the XLSX is a zip
// and the CSV's header is the Chinese column titles, both under the server's file names; a period
// ending before it starts and a region outside Hangzhou are refused beside their fields. inst has
// no reports entry and is turned away from /console/reports.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { assertNoProblems, launch, login, menuTexts, newPage, shot, startServer, switchLanguage } from './helpers.mjs'

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

const REPORTS = ['institutions', 'activity', 'monitoring', 'supervision', 'sanctions', 'ratings']

// The page's report once loaded, and the same report from the API with the page's cookie.
async function shown(page, name) {
  await page.locator(`[data-test=report-result][data-state=ready][data-report=${name}]`).waitFor()
  const search = new URL(page.url()).searchParams
  const q = new URLSearchParams({ format: 'json', from: search.get('from'), to: search.get('to'), region_code: search.get('region_code') })
  return page.evaluate(async (url) => (await fetch(url, { headers: { Accept: 'application/json' } })).json(), `/api/v1/reports/${name}?${q}`)
}

const bodyRows = (page) => page.locator('[data-test=report-result] .el-table__body-wrapper tbody tr.el-table__row')
// The screen-reader descriptions of the report's charts.
const chartLabels = (page) => page.locator('[data-test=report-result] .echart').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') || ''))
const tablesText = (page) => page.locator('[data-test=report-result] .el-table__body-wrapper').allInnerTexts().then((t) => t.join('\n'))
// The server's Chinese names of a report's coded values (the name column beside each code).
const NAME_KEYS = ['kind_name', 'status_name', 'item_name', 'result_name', 'measure_name', 'stars_name']
const serverNames = (data) => [...new Set(data.rows.flatMap((r) => NAME_KEYS.map((k) => r[k]).filter((v) => typeof v === 'string' && /[\u4e00-\u9fff]/.test(v))))]

describe('reports', () => {
  test('hangzhou runs every report, in Chinese and English, and downloads CSV and XLSX', async () => {
    const page = await newPage(browser)
    await login(page, 'hangzhou', undefined, server.base)
    assert.ok((await menuTexts(page)).includes('统计报表'))
    await page.locator('[data-test=menu-reports]').click()
    await page.waitForURL(/\/console\/reports/)

    // Default period: 1 January to today (China), Hangzhou.
    const first = await shown(page, 'institutions')
    assert.equal(first.region_code, '330100')
    assert.match(first.from, /^\d{4}-01-01$/)
    assert.equal(await page.locator('#report-from').inputValue(), first.from)
    assert.equal(await page.locator('#report-to').inputValue(), first.to)

    let withRows = 0
    for (const name of REPORTS) {
      await page.locator(`[data-test=report-${name}]`).click()
      const data = await shown(page, name)
      assert.equal(await page.locator('[data-test=report-title]').innerText(), data.title_zh)
      if (data.rows.length) {
        withRows++
        await page.locator('[data-test=report-result] .echart canvas').first().waitFor()
        assert.equal(await bodyRows(page).count(), data.rows.length, `${name}: one table row per row`)
        const footer = page.locator('[data-test=report-result] .el-table__footer-wrapper').first()
        assert.match(await footer.innerText(), /合计/)
        // Column titles in Chinese (the first table's, without the section columns).
        const heads = await page.locator('[data-test=report-result] .el-table__header-wrapper').first().innerText()
        const visible = data.columns.filter((c) => !['section', 'section_name'].includes(c.key))
        assert.ok(heads.includes(visible[0].zh), `${name}: ${visible[0].zh} in ${heads}`)
        // Each chart describes itself to screen readers: the report, then its numbers (never NaN).
        const labels = await chartLabels(page)
        assert.ok(labels.length > 0)
        for (const l of labels) {
          assert.ok(l.startsWith(data.title_zh), `${name}: the description names the report (${l})`)
          assert.doesNotMatch(l, /NaN/, `${name}: ${l}`)
        }
        // A complaint just in is 已收到 in the table as in the chart and the rest of the UI.
        if (name === 'supervision') {
          const text = await tablesText(page)
          assert.doesNotMatch(text, /已接收/)
          if (data.rows.some((r) => r.section === 'complaint' && r.result === 'received')) {
            assert.match(text, /已收到/)
            assert.ok(labels.some((l) => l.includes('已收到')), 'the complaints chart says 已收到 too')
          }
        }
        await shot(page, `reports-${name}`)
      } else {
        await page.locator('[data-test=report-empty]').waitFor()
        assert.equal(await page.locator('[data-test=report-result] canvas').count(), 0)
      }
    }
    assert.ok(withRows >= 4, 'most reports have rows on the synthetic province')

    // The activity report's numbers in the totals row.
    await page.locator('[data-test=report-activity]').click()
    const activity = await shown(page, 'activity')
    assert.ok(activity.rows.length > 0)
    assert.match(await page.locator('[data-test=report-result] .el-table__footer-wrapper').innerText(), new RegExp(String(activity.totals.passed)))

    // English: the column titles follow without another request.
    await switchLanguage(page, 'en')
    await page.waitForFunction(() => document.documentElement.lang === 'en')
    const headsEn = await page.locator('[data-test=report-result] .el-table__header-wrapper').first().innerText()
    for (const key of ['subject_name', 'passed', 'pass_rate']) {
      const c = activity.columns.find((x) => x.key === key)
      assert.ok(headsEn.includes(c.en), `${c.en} in ${headsEn}`)
    }
    assert.match(await page.locator('[data-test=report-result] .el-table__footer-wrapper').innerText(), /Total/)
    assert.equal(await page.locator('[data-test=report-title]').innerText(), activity.title_en)
    await shot(page, 'reports-activity-en')

    // English tables and charts: every coded value (kind, status, score band, indicator, inspection
    // kind and result, complaint status, measure, violation, stars) in the UI's English, the same
    // words in the table as in the chart's description, and no server Chinese name left in either.
    for (const name of ['institutions', 'monitoring', 'supervision', 'sanctions', 'ratings']) {
      await page.locator(`[data-test=report-${name}]`).click()
      const data = await shown(page, name)
      if (!data.rows.length) continue
      await page.locator('[data-test=report-result] .echart canvas').first().waitFor()
      const leftover = serverNames(data)
      await page.waitForFunction(
        (names) => {
          const text = [...document.querySelectorAll('[data-test=report-result] .el-table__body-wrapper')].map((e) => e.innerText).join('\n')
          return !names.some((n) => text.includes(n))
        },
        leftover,
        { timeout: 5000 },
      ).catch(() => {})
      const text = await tablesText(page)
      const labels = (await chartLabels(page)).join('\n')
      for (const n of leftover) {
        assert.ok(!text.includes(n), `${name}: the table shows "${n}" in English`)
        assert.ok(!labels.includes(n), `${name}: the chart describes "${n}" in English`)
      }
      assert.doesNotMatch(labels, /NaN/)
      if (name === 'institutions') {
        assert.doesNotMatch(text, /正常|暂停|社会培训评价组织/)
        if (data.rows.some((r) => r.status === 'active')) {
          assert.match(text, /Active/)
          assert.match(labels, /Active/)
        }
      }
      if (name === 'monitoring') {
        assert.match(text, /Below 60 points/)
        assert.match(text, /90–100 points/)
        assert.match(labels, /Below 60 points/)
      }
    }
    await page.locator('[data-test=report-activity]').click()
    await shown(page, 'activity')
    await switchLanguage(page, 'zh-CN')
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN')

    // XLSX: a zip (PK) under the server's name; CSV: BOM, the Chinese titles as the header.
    let [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=report-xlsx]').click()])
    // The server's UTF-8 name (filename*): region, report, period.
    assert.equal(download.suggestedFilename(), `杭州市 评价活动统计 ${activity.from}至${activity.to}.xlsx`)
    const xlsx = readFileSync(await download.path())
    assert.equal(xlsx.subarray(0, 2).toString('latin1'), 'PK')
    ;[download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=report-csv]').click()])
    assert.equal(download.suggestedFilename(), `杭州市 评价活动统计 ${activity.from}至${activity.to}.csv`)
    const csv = readFileSync(await download.path(), 'utf8')
    assert.equal(csv.charCodeAt(0), 0xfeff, 'the CSV starts with a BOM')
    const header = csv.slice(1).split('\r\n')[0]
    assert.equal(header, activity.columns.map((c) => c.zh).join(','))
    const lines = csv.slice(1).split('\r\n').filter(Boolean)
    assert.equal(lines.length, activity.rows.length + 2, 'header, rows, 合计')
    assert.match(lines.at(-1), /^合计/)
    assertNoProblems(page)
    await page.context().close()
  })

  test('a county of the city, and the server refusing a period or a region beside the field', async () => {
    const page = await newPage(browser)
    await login(page, 'hangzhou', undefined, server.base)
    // A county of Hangzhou.
    await page.goto(`${server.base}/console/reports?report=institutions&region_code=330106`)
    const xihu = await shown(page, 'institutions')
    assert.equal(xihu.region_name, '西湖区')
    assert.match(await page.locator('[data-test=report-result] .reports__head').innerText(), /西湖区/)
    assert.ok(xihu.rows.every((r) => r.region_code === '330106'))
    assert.equal(await bodyRows(page).count(), xihu.rows.length)

    // The end before the start: 422 on `to`.
    await page.goto(`${server.base}/console/reports?report=activity&from=2026-06-01&to=2026-01-01`)
    const toItem = page.locator('.el-form-item', { has: page.locator('#report-to') })
    await toItem.locator('.el-form-item__error').waitFor()
    assert.match(await toItem.locator('.el-form-item__error').innerText(), /截止日期不能早于起始日期/)

    // Ningbo is outside Hangzhou: 404 beside the region.
    await page.goto(`${server.base}/console/reports?report=activity&region_code=330200`)
    const regionItem = page.locator('[data-test=report-region-item]')
    await regionItem.locator('.el-form-item__error').waitFor()
    assert.match(await regionItem.locator('.el-form-item__error').innerText(), /不存在或不在您的管辖范围内/)
    await shot(page, 'reports-region-refused')
    assertNoProblems(page)
    await page.context().close()
  })

  test('institution staff have no reports', async () => {
    const page = await newPage(browser)
    await login(page, 'inst', undefined, server.base)
    assert.ok(!(await menuTexts(page)).includes('统计报表'))
    await page.goto(`${server.base}/console/reports`)
    await page.waitForURL(/\/console\/dashboard/)
    await page.locator('.el-message--warning', { hasText: '您无权访问该页面' }).waitFor()
    assertNoProblems(page)
    await page.context().close()
  })
})
