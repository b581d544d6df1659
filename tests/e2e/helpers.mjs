// Shared set-up of the browser tests: playwright-core from web/node_modules driving Debian's
// Chromium, a login helper, screenshots, and a check that pages log no errors (CSP included).
import { createRequire } from 'node:module'
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs'
import { execFileSync, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
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

export async function login(page, username, password = PASSWORD, base = BASE_URL) {
  await page.goto(`${base}/login`)
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
// A click that lands while the page re-renders (a form showing its errors, options still loading)
// may leave the dropdown closed or without the option: it is opened again, up to three times.
// A click on the option while the dropdown is still moving in may be lost too, leaving it open
// over the form with nothing picked: the option is clicked again. Single selects only (a multiple
// one stays open on a pick); the select must show the option afterwards.
export async function pickOption(page, inputId, optionText) {
  const select = page.locator('.el-select', { has: page.locator(`#${inputId}`) })
  const dropdown = page.locator('.el-select-dropdown:visible')
  const option = page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: optionText }).first()
  for (let attempt = 1; ; attempt++) {
    await select.click()
    try {
      await option.waitFor({ timeout: 5000 })
      break
    } catch (e) {
      if (attempt === 3) throw e
      // Closed by a second click (Escape would close a dialog around the select too).
      if (await dropdown.count()) await select.click()
      await dropdown.waitFor({ state: 'hidden', timeout: 2000 }).catch(() => {})
    }
  }
  await clickOption(page, inputId, optionText)
}

// A filterable select that searches as one types (a person, an occupation, an institution): the
// query typed, then the option clicked as pickOption does.
export async function searchOption(page, inputId, query, optionText) {
  await page.locator('.el-select', { has: page.locator(`#${inputId}`) }).click()
  await page.locator(`#${inputId}`).fill(query)
  await clickOption(page, inputId, optionText)
}

// Clicks the option of the open dropdown until the dropdown closes, then checks the select shows it.
async function clickOption(page, inputId, optionText) {
  const select = page.locator('.el-select', { has: page.locator(`#${inputId}`) })
  const dropdown = page.locator('.el-select-dropdown:visible')
  const option = page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: optionText }).first()
  for (let attempt = 1; ; attempt++) {
    await option.click()
    const closed = await dropdown.waitFor({ state: 'hidden', timeout: 3000 }).then(() => true, () => false)
    if (closed) break
    if (attempt === 3) throw new Error(`the dropdown of #${inputId} stayed open after three clicks on "${optionText}"`)
  }
  const shown = await select.innerText()
  const picked = optionText instanceof RegExp ? optionText.test(shown) : shown.includes(optionText)
  assert.ok(picked, `#${inputId} shows "${shown.trim()}" instead of "${optionText}"`)
}

// --- API set-up for the activity tests ------------------------------------------------------
// A logged-in API client (Node's fetch; the session cookie and the CSRF token kept here), for
// preparing data that the test is not about: api.get(path, query), api.post(path, body),
// api.put(path, body). Answers the parsed JSON; throws with the server's error on failure.
export async function apiSession(username, { base = BASE_URL, password = PASSWORD } = {}) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  const body = await res.json()
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(body)}`)
  const cookie = (res.headers.getSetCookie?.() || [res.headers.get('set-cookie')]).filter(Boolean).map((c) => c.split(';')[0]).join('; ')
  const call = async (method, path, data, query) => {
    const qs = query ? `?${new URLSearchParams(query)}` : ''
    const r = await fetch(`${base}/api/v1${path}${qs}`, {
      method,
      headers: { Accept: 'application/json', Cookie: cookie, [body.csrf_header || 'X-CSRF-Token']: body.csrf_token, ...(data ? { 'Content-Type': 'application/json' } : {}) },
      body: data ? JSON.stringify(data) : undefined,
    })
    const out = r.headers.get('content-type')?.includes('json') ? await r.json() : null
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(out)}`)
    return out
  }
  return {
    user: body.user,
    get: (path, query) => call('GET', path, undefined, query),
    post: (path, data = {}) => call('POST', path, data),
    put: (path, data) => call('PUT', path, data),
    patch: (path, data) => call('PATCH', path, data),
    del: (path, data) => call('DELETE', path, data),
  }
}

// A China-time wall clock 'YYYY-MM-DDTHH:mm' `days` from now at hh:mm (for datetime-local inputs),
// and the same instant as ISO 8601 with +08:00 (for the API).
export function chinaWall(days, hhmm = '09:00') {
  const d = new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10)
  return `${d}T${hhmm}`
}
export const chinaIso = (days, hhmm) => `${chinaWall(days, hhmm)}:00+08:00`

// The skillreg binary the suite runs against: run.sh exports it as $SKILLREG_BIN. Throws when it
// is missing, so a test that needs a server of its own fails instead of passing unrun.
export function serverBinary() {
  const bin = process.env.SKILLREG_BIN
  if (!bin || !existsSync(bin)) throw new Error('SKILLREG_BIN is not set to a skillreg binary (run the tests through tests/e2e/run.sh)')
  return path.resolve(bin)
}

/**
 * A server of the test's own, beside the suite's: its own database (created with `skillreg demo`
 * and `demoArgs`, e.g. ['--scale', '3000'] for the synthetic province, unless `database` is given),
 * a free port, web/dist, and extra environment (e.g. SKILLREG_CLOCK_OFFSET_DAYS).
 * Returns { base, database, dir, stop() }.
 */
export async function startServer({ env = {}, database = null, dir = null, demoArgs = [] } = {}) {
  const bin = serverBinary()
  if (!bin) throw new Error('no skillreg binary (set SKILLREG_BIN)')
  const ownKeys = !database || dir  // a database made here, or one made earlier in the same dir
  dir = dir || mkdtempSync(path.join(tmpdir(), 'skillreg-e2e-own-'))
  const db = database || `sqlite:${path.join(dir, 'own.db')}`
  const fullEnv = {
    ...process.env,
    SKILLREG_SIGNING_KEY_FILE: path.join(dir, 'signing.key'),
    // The identity key lives beside the database it sealed; any other database keeps the inherited key.
    ...(ownKeys ? { SKILLREG_IDENTITY_KEY_FILE: path.join(dir, 'identity.key') } : {}),
    ...env,
  }
  if (!database) execFileSync(bin, ['--database', db, 'demo', ...demoArgs], { env: fullEnv, stdio: 'ignore' })
  const port = await new Promise((resolve, reject) => {
    const srv = createServer()
    srv.listen(0, '127.0.0.1', () => {
      const p = srv.address().port
      srv.close(() => resolve(p))
    })
    srv.on('error', reject)
  })
  const webRoot = path.resolve(new URL('../../web/dist', import.meta.url).pathname)
  const child = spawn(bin, ['--database', db, 'serve', '--listen', `127.0.0.1:${port}`, '--web-root', webRoot], {
    env: fullEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const base = `http://127.0.0.1:${port}`
  // The port was free a moment ago, but another test's server may take it first: only this
  // server's own "listening" line says the port is its. Its output is read until then, and
  // drained after, so the server never blocks writing its log.
  let output = ''
  let listening = false
  const watch = (chunk) => {
    if (listening) return
    output += chunk
    listening = output.includes(`listening on ${base} `)
    if (listening) output = ''
  }
  child.stdout.on('data', watch)
  child.stderr.on('data', watch)
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`the own server exited (${child.exitCode})`)
    try {
      if (listening && (await fetch(`${base}/api/v1/health`)).ok) break
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  return {
    base,
    database: db,
    dir,
    async stop() {
      if (child.exitCode !== null) return
      const done = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      await done
    },
  }
}

// inst's confirmed exam site (M12): requested if it has none, confirmed by hangzhou. `inst` is an
// apiSession of an account of 西湖区's institution (default: inst).
export async function ensureSite(inst) {
  inst ||= await apiSession('inst')
  const iid = inst.user.institution_id
  const sites = (await inst.get(`/institutions/${iid}/exam-sites`)).items
  let site = sites.find((s) => s.status === 'confirmed') || sites.find((s) => s.status === 'pending')
  if (!site) site = await inst.post(`/institutions/${iid}/exam-sites`, { name: '西湖文三路考点', address: '杭州市西湖区文三路 90 号', region_code: '330106' })
  if (site.status === 'pending') site = await (await apiSession('hangzhou')).post(`/institutions/${iid}/exam-sites/${site.id}/confirm`)
  return site
}

// A valid GB 11643 identity number (the check character computed here), different on every run,
// so a test may run against a database used before. `prefix` is the region, `year` the birth year.
const IDENTITY_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
export function identityNumber(prefix = '330106', year = 1975 + Math.floor(Math.random() * 25)) {
  const body = `${prefix}${year}0${1 + Math.floor(Math.random() * 9)}1${Math.floor(Math.random() * 9)}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`
  const sum = [...body].reduce((s, c, i) => s + Number(c) * IDENTITY_WEIGHTS[i], 0)
  return body + '10X98765432'[sum % 11]
}
// The same number with a wrong check character.
export const badCheckDigit = (id) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0')

// Switches the console's language through the header's switch and waits for the page to speak
// it (<html lang>). A click that lands while the dropdown is still opening is tried again.
export async function switchLanguage(page, locale) {
  for (let attempt = 1; ; attempt++) {
    const item = page.locator(`[data-test="lang-${locale}"]`)
    // A retry first lets the last menu finish opening or closing, and opens it only if closed.
    if (attempt > 1) await page.waitForTimeout(500)
    if (attempt === 1 || !(await item.isVisible())) await page.locator('[data-test=lang-switch]').click()
    await item.click()
    try {
      await page.waitForFunction((l) => document.documentElement.lang === l, locale, { timeout: 5000 })
      return
    } catch (e) {
      if (attempt === 3) throw e
    }
  }
}
