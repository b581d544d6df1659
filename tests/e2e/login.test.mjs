// Signing in and out, the menus each role sees, the language switch.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, assertNoProblems, launch, login, menuTexts, newPage, shot, switchLanguage } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

describe('login', () => {
  test('a wrong password shows the server message in the language of the page, and / leads to the public portal', async () => {
    const page = await newPage(browser)
    await page.goto(`${BASE_URL}/`)
    await page.waitForURL(/\/public$/)
    await page.locator('[data-test=portal-login]').click()
    await page.waitForURL(/\/login/)
    await page.locator('#login-username').fill('nobody')
    await page.locator('#login-password').fill('wrong-password')
    await page.locator('[data-test=login-submit]').click()
    const error = page.locator('[data-test=login-error]')
    await error.waitFor()
    assert.match(await error.innerText(), /用户名或密码错误/)
    await shot(page, 'login-error')
    // The message on screen follows a switch of language (the server sent it in both).
    await switchLanguage(page, 'en')
    await page.waitForFunction(() => /Wrong username or password/.test(document.querySelector('[data-test=login-error]')?.textContent || ''))
    await switchLanguage(page, 'zh-CN')
    await page.waitForFunction(() => /用户名或密码错误/.test(document.querySelector('[data-test=login-error]')?.textContent || ''))
    assertNoProblems(page)
    await page.context().close()
  })

  test('repeated failures answer 429 and the page counts down the wait', async () => {
    const page = await newPage(browser)
    await page.goto(`${BASE_URL}/login`)
    const error = page.locator('[data-test=login-error]')
    for (let i = 0; i < 10; i++) {
      await page.locator('#login-username').fill('locktest')
      await page.locator('#login-password').fill('wrong-password')
      const submit = page.locator('[data-test=login-submit]')
      await submit.click()
      await error.waitFor()
      if (/秒后重试/.test(await error.innerText())) break
      await page.waitForTimeout(50)
    }
    assert.match(await error.innerText(), /登录失败次数过多/)
    assert.match(await error.innerText(), /请在 \d+ 秒后重试/)
    assertNoProblems(page)
    await page.context().close()
  })
})

const MENUS = {
  province: ['工作台', '机构管理', '遴选申请', '考点确认', '评价计划', '考评人员', '质量督导员', '证书管理', '重点抽查', '监测规则', '监管计划', '双随机抽取', '监督检查', '投诉举报', '检查人员名录', '案件管理', '统计报表', '用户管理', '审计日志', '基础数据', '工作日历', '消息通知', '账号设置'],
  hangzhou: ['工作台', '机构管理', '遴选申请', '考点确认', '评价计划', '考评人员', '质量督导员', '证书管理', '重点抽查', '监测规则', '监管计划', '双随机抽取', '监督检查', '投诉举报', '检查人员名录', '案件管理', '统计报表', '用户管理', '审计日志', '基础数据', '消息通知', '账号设置'],
  xihu: ['工作台', '机构管理', '遴选申请', '考点确认', '评价计划', '考评人员', '质量督导员', '证书管理', '重点抽查', '监测规则', '监管计划', '双随机抽取', '监督检查', '投诉举报', '检查人员名录', '案件管理', '统计报表', '用户管理', '审计日志', '基础数据', '消息通知', '账号设置'],
  inst: ['工作台', '本机构', '评价计划', '批量上报', '考评人员', '质量督导员', '监督检查', '监管档案', '处理通知', '用户管理', '审计日志', '基础数据', '消息通知', '账号设置'],
  examiner: ['工作台', '我的考评任务', '基础数据', '消息通知', '账号设置'],
  inspector: ['工作台', '我的检查', '基础数据', '消息通知', '账号设置'],
}
// Where a role lands after login (config/roles.js landingRoute): the dashboard, but an examiner's
// own assignments.
const LANDING = { examiner: /\/console\/my-assignments/ }
const HEADER = {
  province: { role: '省人社厅管理员', region: '浙江省' },
  hangzhou: { role: '市人社局', region: '杭州市' },
  xihu: { role: '县(市、区)人社局', region: '杭州市 西湖区' },
  inst: { role: '评价机构管理员', region: '杭州市 西湖区' },
  examiner: { role: '考评人员', region: '杭州市' },
  inspector: { role: '检查人员', region: '杭州市' },
}

describe('menus by role', () => {
  for (const [user, expected] of Object.entries(MENUS)) {
    test(`${user} sees ${expected.join(', ')}`, async () => {
      const page = await newPage(browser)
      await login(page, user)
      assert.deepEqual(await menuTexts(page), expected)
      assert.equal(await page.locator('[data-test=current-role]').innerText(), HEADER[user].role)
      await page.waitForFunction((r) => document.querySelector('[data-test=current-region]')?.textContent === r, HEADER[user].region)
      await page.waitForURL(LANDING[user] || /\/console\/dashboard/)
      if (LANDING[user]) await page.locator('[data-test=menu-dashboard]').click()
      await page.locator('[data-test=scope-card]').waitFor()
      // The dashboard's chart is drawn.
      await page.locator('[data-test=chart-groups] canvas').waitFor()
      if (user === 'province' || user === 'examiner') await shot(page, `dashboard-${user}`)
      // A page outside the role's menu is refused and leads back to the dashboard.
      if (!expected.includes('用户管理')) {
        await page.goto(`${BASE_URL}/console/users`)
        await page.waitForURL(/\/console\/dashboard/)
      }
      assertNoProblems(page)
      await page.context().close()
    })
  }
})

describe('session', () => {
  test('a reload keeps the session, logout ends it', async () => {
    const page = await newPage(browser)
    await login(page, 'hangzhou')
    await page.reload()
    await page.locator('[data-test=current-user]').waitFor()
    assert.match(page.url(), /\/console\/dashboard/)
    await page.goto(`${BASE_URL}/`)
    await page.waitForURL(/\/console\/dashboard/)
    await page.locator('[data-test=logout]').click()
    await page.waitForURL(/\/login/)
    await page.goto(`${BASE_URL}/console/users`)
    await page.waitForURL(/\/login\?redirect=/)
    assertNoProblems(page)
    await page.context().close()
  })
})

describe('language', () => {
  test('switching to English changes the menu without a reload', async () => {
    const page = await newPage(browser)
    await login(page, 'province')
    await page.evaluate(() => (window.__noReload = true))
    await switchLanguage(page, 'en')
    await page.waitForFunction(() => document.documentElement.lang === 'en')
    assert.deepEqual(await menuTexts(page), ['Dashboard', 'Institutions', 'Applications', 'Exam-site confirmation', 'Evaluation plans', 'Examiners', 'Quality supervisors', 'Certificates', 'Key sampling', 'Monitoring rules', 'Supervision plans', 'Random draws', 'Inspections', 'Complaints', 'Inspector roster', 'Cases', 'Reports', 'Users', 'Audit log', 'Reference data', 'Working-day calendar', 'Notifications', 'My account'])
    assert.equal(await page.evaluate(() => window.__noReload), true, 'the page was reloaded')
    assert.equal(await page.locator('[data-test=current-role]').innerText(), 'Provincial HRSS administrator')
    // Element Plus follows: the pagination of the users page speaks English.
    await page.locator('[data-test=menu-users]').click()
    await page.locator('[data-test=user-table] .el-pagination__total').waitFor()
    assert.match(await page.locator('[data-test=user-table] .el-pagination__total').innerText(), /Total/)
    await shot(page, 'users-en')
    // Back to Chinese.
    await switchLanguage(page, 'zh-CN')
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN')
    assert.equal((await menuTexts(page))[17], '用户管理')
    assertNoProblems(page)
    await page.context().close()
  })
})
