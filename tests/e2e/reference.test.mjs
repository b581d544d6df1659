// 基础数据 in the console, and 账号设置 (changing one's password ends the session).
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

describe('reference data', () => {
  test('regions, occupations, levels and the calendar', async () => {
    const page = await newPage(browser)
    await login(page, 'hangzhou')
    await page.locator('[data-test=menu-reference]').click()
    await page.locator('.region-tree__tree').getByText('杭州市', { exact: true }).waitFor()
    await shot(page, 'reference-regions')

    await page.goto(`${BASE_URL}/console/reference?tab=occupations`)
    await pickOption(page, 'ref-occ-cat', '目录内')
    await page.waitForFunction(() => /共\s*16\s*条/.test(document.querySelector('[data-test=occupation-table] .el-pagination__total')?.textContent || ''))
    await tableRows(page, '[data-test=occupation-table]')
    await shot(page, 'reference-occupations')

    await page.goto(`${BASE_URL}/console/reference?tab=levels`)
    await page.locator('.level-table').getByText('高级技师', { exact: true }).waitFor()

    await page.goto(`${BASE_URL}/console/reference?tab=calendar`)
    await page.locator('.holiday-cal__table').waitFor()
    // A year the calendar does not cover says so.
    await pickOption(page, 'ref-cal-year', '2025')
    await page.waitForFunction(() => document.querySelector('.holiday-cal__table')?.textContent.includes('10月1日 至 10月8日'))
    await shot(page, 'reference-calendar', { fullPage: true })
    assertNoProblems(page)
    await page.context().close()
  })
})

describe('my account', () => {
  test('changing the password ends the session; the new one works', async () => {
    // The province creates a throwaway account through the API, as the page would.
    const admin = await newPage(browser)
    await login(admin, 'province')
    const status = await admin.evaluate(async () => {
      const me = await (await fetch('/api/v1/auth/me')).json()
      const res = await fetch('/api/v1/users', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [me.csrf_header]: me.csrf_token },
        body: JSON.stringify({ username: 'e2e_examiner', display_name: '测试考评员', password: 'first-pass-1', role: 'examiner', region_code: '330100' }),
      })
      return res.status
    })
    assert.equal(status, 201)
    await admin.context().close()

    const page = await newPage(browser)
    await login(page, 'e2e_examiner', 'first-pass-1')
    await page.locator('[data-test=menu-account]').click()
    await page.getByLabel('原密码').fill('not-my-password')
    await page.getByLabel('新密码', { exact: true }).fill('second-pass-2')
    await page.getByLabel('确认新密码').fill('second-pass-2')
    await page.getByRole('button', { name: '修改密码' }).click()
    await page.waitForFunction(() => /密码不正确/.test(document.querySelector('.account__form')?.textContent || ''))
    await shot(page, 'account-wrong-password')

    await page.getByLabel('原密码').fill('first-pass-1')
    await page.getByRole('button', { name: '修改密码' }).click()
    const box = page.locator('.el-message-box')
    await box.waitFor()
    assert.match(await box.innerText(), /所有登录会话均已结束/)
    await box.locator('.el-button--primary').click()
    await page.waitForURL(/\/login/)
    await login(page, 'e2e_examiner', 'second-pass-2')
    assertNoProblems(page)
    await page.context().close()
  })
})
