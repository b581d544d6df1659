// 审计日志: entries within scope, and the province's chain verification.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, assertNoProblems, launch, login, newPage, shot, tableRows } from './helpers.mjs'

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
    const actions = await page.locator('[data-test=audit-table] [data-test=audit-action]').allInnerTexts()
    assert.ok(actions.includes('登录'), `a sign-in is logged (saw ${actions.join(', ')})`)
    assert.ok(actions.includes('创建账号'), 'account creation is logged')

    await page.locator('[data-test=audit-verify]').click()
    const result = page.locator('[data-test=audit-verify-result]')
    await result.waitFor()
    assert.match(await result.innerText(), /审计日志哈希链完整/)
    assert.match(await result.innerText(), /共 \d+ 条记录/)

    // An entry opens to show before/after and its hash.
    await rows.first().locator('.el-table__expand-icon').click()
    await page.locator('.audit-detail').first().waitFor()
    await shot(page, 'audit-province')

    // Filtering by action goes to the server.
    await page.goto(`${BASE_URL}/console/audit?action=user.create`)
    const created = await tableRows(page, '[data-test=audit-table]')
    const only = await page.locator('[data-test=audit-table] [data-test=audit-action]').allInnerTexts()
    assert.ok((await created.count()) > 0)
    assert.deepEqual([...new Set(only)], ['创建账号'])
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
