// 审计日志: entries within scope, and the province's chain verification.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { BASE_URL, assertNoProblems, launch, login, newPage, pickOption, shot, tableRows, switchLanguage } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

describe('audit log', () => {
  test('province sees entries and verifies the chain', async () => {
    const page = await newPage(browser)
    await login(page, 'province')
    await page.locator('[data-test=menu-audit]').click()
    const rows = await tableRows(page, '[data-test=audit-table]')
    assert.ok((await rows.count()) > 0)
    // Newest first: the province's own sign-in heads the log.
    const actions = await page.locator('[data-test=audit-table] [data-test=audit-action]').allInnerTexts()
    assert.equal(actions[0], '登录', `a sign-in is logged first (saw ${actions.join(', ')})`)

    await page.locator('[data-test=audit-verify]').click()
    const result = page.locator('[data-test=audit-verify-result]')
    await result.waitFor()
    assert.match(await result.innerText(), /审计日志哈希链完整/)
    assert.match(await result.innerText(), /共 \d+ 条记录/)

    // An entry opens to show before/after and its hash.
    await rows.first().locator('.el-table__expand-icon').click()
    await page.locator('.audit-detail').first().waitFor()
    await shot(page, 'audit-province')

    // Filtering by action goes to the server (and into the URL).
    await pickOption(page, 'audit-action', '创建账号')
    await page.waitForURL(/action=user\.create/)
    const created = await tableRows(page, '[data-test=audit-table]')
    await page.waitForFunction(() => [...document.querySelectorAll('[data-test=audit-table] [data-test=audit-action]')].every((e) => e.textContent === '创建账号'))
    assert.ok((await created.count()) >= 11, 'the demo accounts were created')
    // Issue 10 §4: the whole filtered list downloads as CSV, streamed by the server.
    const exportLink = page.locator('[data-test=audit-table] [data-test=list-export]')
    const href = await exportLink.getAttribute('href')
    assert.match(href, /^\/api\/v1\/audit\?/)
    assert.match(href, /action=user\.create/)
    assert.match(href, /format=csv/)
    assert.doesNotMatch(href, /page/, 'an export has every page')
    const [download] = await Promise.all([page.waitForEvent('download'), exportLink.click()])
    assert.equal(download.suggestedFilename(), 'audit.csv')
    const csv = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '')
    const lines = csv.trim().split(/\r\n/)
    assert.match(lines[0], /(^|,)action(,|$)/)
    assert.ok(lines.length - 1 >= 11, `every user.create entry (${lines.length - 1})`)
    assert.ok(lines.slice(1).every((l) => l.includes('user.create')), 'only the filtered entries')
    await page.goto(`${BASE_URL}/console/audit?action=user.create&page=2&page_size=10`)
    await tableRows(page, '[data-test=audit-table]')
    assert.equal(await page.locator('[data-test=audit-table] .el-pager .is-active').innerText(), '2')

    // Every action the server records has words, not only the registry's: the newest entries of
    // the whole log show none as a raw code, and the filter offers the activity's actions.
    await page.goto(`${BASE_URL}/console/audit`)
    await tableRows(page, '[data-test=audit-table]')
    const all = await page.locator('[data-test=audit-table] [data-test=audit-action]').allInnerTexts()
    assert.ok(all.every((a) => !/^[a-z_]+\.[a-z_.]+$/.test(a)), `no raw action codes (saw ${all.join(', ')})`)
    await pickOption(page, 'audit-action', '公布评价计划')
    await page.waitForURL(/action=plan\.publish/)
    await page.waitForFunction(() => {
      const cells = [...document.querySelectorAll('[data-test=audit-table] [data-test=audit-action]')]
      return cells.length > 0 && cells.every((e) => e.textContent === '公布评价计划')
    })
    assert.match(await (await tableRows(page, '[data-test=audit-table]')).first().innerText(), /评价计划 #\d+/)
    // … and in English.
    await switchLanguage(page, 'en')
    await page.waitForFunction(() => document.documentElement.lang === 'en')
    await page.waitForFunction(() => [...document.querySelectorAll('[data-test=audit-table] [data-test=audit-action]')].every((e) => e.textContent === 'Evaluation plan published'))
    assert.match(await (await tableRows(page, '[data-test=audit-table]')).first().innerText(), /Evaluation plan #\d+/)
    await switchLanguage(page, 'zh-CN')
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN')
    assertNoProblems(page)
    await page.context().close()
  })

  test('a county officer reads its log but cannot verify the chain', async () => {
    const page = await newPage(browser)
    await login(page, 'xihu')
    await page.locator('[data-test=menu-audit]').click()
    const rows = await tableRows(page, '[data-test=audit-table]')
    assert.ok((await rows.count()) > 0, 'xihu sees at least its own sign-in')
    assert.equal(await page.locator('[data-test=audit-verify]').count(), 0)
    assertNoProblems(page)
    await page.context().close()
  })
})
