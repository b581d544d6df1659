// 用户管理: creating an account through the dialog (with a field error first), disabling and
// enabling it, and the scope of a county officer's list.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, assertNoProblems, launch, login, newPage, pickOption, shot, tableRows } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

async function confirmBox(page) {
  const box = page.locator('.el-message-box')
  await box.waitFor()
  await box.locator('.el-button--primary').click()
  await box.waitFor({ state: 'hidden' })
}

async function searchUser(page, q) {
  await page.locator('#user-filter-q').fill(q)
  await page.locator('form[role=search] button[type=submit]').click()
  await page.waitForURL(new RegExp(`q=${q}`))
  return tableRows(page, '[data-test=user-table]')
}

describe('users', () => {
  test('province creates a county officer, disables and re-enables it', async () => {
    const page = await newPage(browser)
    await login(page, 'province')
    await page.locator('[data-test=menu-users]').click()
    await page.waitForURL(/\/console\/users/)
    const rows = await tableRows(page, '[data-test=user-table]')
    assert.ok((await rows.count()) >= 11, 'the province sees every demo account')
    await shot(page, 'users-province')

    await page.locator('[data-test=user-create]').click()
    const dialog = page.locator('.el-dialog[data-test=user-create-dialog]')
    await dialog.waitFor()
    // Labels are tied to their inputs.
    await dialog.getByLabel('用户名').fill('Bad Name')
    await dialog.getByLabel('名称').fill('E2E 测试县人社局')
    await dialog.getByLabel('密码').fill('e2e-pass-2026')
    await pickOption(page, 'new-role', '县(市、区)人社局')
    await dialog.locator('.el-cascader').click()
    await page.locator('.el-cascader-node', { hasText: '浙江省' }).click()
    await page.locator('.el-cascader-node', { hasText: '杭州市' }).click()
    await page.locator('.el-cascader-node', { hasText: '西湖区' }).click()
    await dialog.locator('[data-test=user-create-submit]').click()
    const usernameItem = dialog.locator('.el-form-item', { has: page.locator('#new-username') })
    await usernameItem.locator('.el-form-item__error').waitFor()
    assert.match(await usernameItem.locator('.el-form-item__error').innerText(), /用户名须以小写字母开头/)
    await shot(page, 'users-create-error')

    // A name the server refuses (taken): its detail lands on the username field.
    await dialog.getByLabel('用户名').fill('xihu')
    await dialog.locator('[data-test=user-create-submit]').click()
    await page.waitForFunction(() => /已被占用/.test(document.querySelector('.el-dialog .el-form-item__error')?.textContent || ''))

    await dialog.getByLabel('用户名').fill('e2e_county')
    await dialog.locator('[data-test=user-create-submit]').click()
    await dialog.waitFor({ state: 'hidden' })
    await page.locator('.el-message--success').first().waitFor()

    let found = await searchUser(page, 'e2e_county')
    assert.equal(await found.count(), 1)
    const row = found.first()
    assert.match(await row.innerText(), /县\(市、区\)人社局/)
    assert.equal(await row.locator('[data-test=user-region]').innerText(), '杭州市 西湖区')
    assert.equal(await row.locator('[data-test=user-status]').innerText(), '正常')

    await page.locator('[data-test=user-disable-e2e_county]').click()
    await confirmBox(page)
    await page.locator('[data-test=user-enable-e2e_county]').waitFor()
    found = await tableRows(page, '[data-test=user-table]')
    assert.equal(await found.first().locator('[data-test=user-status]').innerText(), '已停用')
    await shot(page, 'users-disabled')

    await page.locator('[data-test=user-enable-e2e_county]').click()
    await confirmBox(page)
    await page.locator('[data-test=user-disable-e2e_county]').waitFor()
    found = await tableRows(page, '[data-test=user-table]')
    assert.equal(await found.first().locator('[data-test=user-status]').innerText(), '正常')
    assertNoProblems(page)
    await page.context().close()
  })

  test('xihu sees only the accounts of its county', async () => {
    const page = await newPage(browser)
    await login(page, 'xihu')
    await page.goto(`${BASE_URL}/console/users`)
    const rows = await tableRows(page, '[data-test=user-table]')
    const n = await rows.count()
    assert.ok(n >= 2, `xihu sees itself and the 西湖区 institution (saw ${n})`)
    const regions = await page.locator('[data-test=user-table] [data-test=user-region]').allInnerTexts()
    assert.deepEqual([...new Set(regions)], ['杭州市 西湖区'])
    const names = await rows.locator('td:first-child').allInnerTexts()
    for (const other of ['province', 'hangzhou', 'ningbo', 'yinzhou', 'inst2']) assert.ok(!names.includes(other), `xihu must not see ${other}`)
    // Its own row carries no actions; the institution administrator's does.
    assert.equal(await page.locator('[data-test=user-disable-xihu]').count(), 0)
    assert.equal(await page.locator('[data-test=user-disable-inst]').count(), 1)
    await shot(page, 'users-xihu')
    assertNoProblems(page)
    await page.context().close()
  })
})
