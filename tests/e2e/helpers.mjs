// Shared set-up of the browser tests: playwright-core from web/node_modules driving Debian's
// Chromium, a login helper, screenshots, and a check that pages log no errors (CSP included).
import { createRequire } from 'node:module'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import assert from 'node:assert/strict'

// ESM ignores NODE_PATH: resolve playwright-core relative to web/package.json.
const require = createRequire(new URL('../../web/package.json', import.meta.url))
const { chromium } = require('playwright-core')

export const BASE_URL = process.env.BASE_URL || 'http://127.0.0.1:8080'
export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || path.resolve('tests/e2e/output')
export const PASSWORD = 'demo-2026'
mkdirSync(SCREENSHOT_DIR, { recursive: true })

export const DESKTOP = { width: 1366, height: 768 }
export const PHONE = { width: 390, height: 844 }

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  })
}

/**
 * A fresh browser context (own cookies) and page. Console errors and uncaught exceptions are
 * collected in page.problems; assertNoProblems(page) fails the test on any of them.
 */
export async function newPage(browser, { viewport = DESKTOP, locale = 'zh-CN', isMobile = false } = {}) {
  const context = await browser.newContext({ viewport, locale, isMobile, hasTouch: isMobile, deviceScaleFactor: 1 })
  await context.addInitScript((l) => {
    try {
      localStorage.setItem('skillreg.locale', l)
    } catch {
      /* ignore */
    }
  }, locale)
  const page = await context.newPage()
  page.setDefaultTimeout(15000)
  page.problems = []
  page.on('console', (m) => {
    if (m.type() === 'error') page.problems.push(`console: ${m.text()}`)
  })
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`))
  return page
}

// Expected failures (a 401 for a wrong password, a 422 the test provokes) are logged by the
// browser as failed resources; those are not problems of the page.
export function assertNoProblems(page, { allow = [] } = {}) {
  const real = page.problems.filter(
    (p) => !/Failed to load resource: the server responded with a status of (401|403|404|409|422|429)/.test(p) && !allow.some((re) => re.test(p)),
  )
  assert.deepEqual(real, [], `the page logged errors:\n${real.join('\n')}`)
}

export async function login(page, username, password = PASSWORD) {
  await page.goto(`${BASE_URL}/login`)
  await page.locator('#login-username').fill(username)
  await page.locator('#login-password').fill(password)
  await page.locator('[data-test=login-submit]').click()
  await page.waitForURL(/\/console\//)
  await page.locator('[data-test=current-user]').waitFor()
}

export async function shot(page, name, { fullPage = false } = {}) {
  await page.waitForTimeout(300) // let Element Plus transitions finish
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage })
}

// The visible texts of the side menu's entries.
export async function menuTexts(page) {
  const items = page.locator('[data-test=side-menu] a')
  await items.first().waitFor()
  return (await items.allInnerTexts()).map((s) => s.trim())
}

// Waits for a paged table (PagedTable.vue, marked with data-test) to have loaded, and returns
// its body rows.
export async function tableRows(page, selector) {
  await page.locator(`${selector}[data-state=ready]`).waitFor()
  return page.locator(`${selector} .el-table__body-wrapper tbody tr.el-table__row`)
}

// Opens the Element Plus select whose input has this id (the input itself sits under the
// select's placeholder) and picks the visible option with this text.
export async function pickOption(page, inputId, optionText) {
  await page.locator('.el-select', { has: page.locator(`#${inputId}`) }).click()
  const option = page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: optionText }).first()
  await option.click()
  await page.locator('.el-select-dropdown:visible').waitFor({ state: 'hidden' }).catch(() => {})
}
