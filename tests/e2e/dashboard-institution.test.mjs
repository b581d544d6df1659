// The institution's 待办事项 on its dashboard, on the suite's demo server. The demo gives inst
// (西湖区, S000033000001) only its scheduled inspections, so the test adds through the API what an
// institution has to deal with: hangzhou completes an inspection of it with a rectification due in
// two days and serves it a case (陈述申辩 open), and inst drafts a plan whose first session is three
// days away (too late to publish: S19(1), overdue). The card lists what the list APIs give inst
// (computed here from the same APIs), overdue first and marked, then earliest first; the links lead
// to the case, the inspection and the plan; a failed load offers a retry; inst2 sees what it has (or
// the empty state); an authority has no such card; English; a phone.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, PHONE, apiSession, assertNoProblems, chinaIso, ensureSite, launch, login, newPage, shot, switchLanguage } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

// China's date `n` days from today, 'YYYY-MM-DD'.
const chinaDay = (n = 0) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10)
const chinaDateOf = (iso) => new Date(Date.parse(iso) + 8 * 3600e3).toISOString().slice(0, 10)
const minusDays = (date, n) => new Date(Date.parse(`${date}T00:00:00Z`) - n * 86400e3).toISOString().slice(0, 10)

// What the institution has to do, from the list APIs it may call (and the records behind them):
// [{ kind, date, overdue }], the rules of the card (useInstitutionTodo.js) written out again.
async function expectedTodo(api) {
  const today = chinaDay()
  const out = []
  const push = (kind, date, { past = false, since = false } = {}) => {
    if (!date || (date < today && !past && !since)) return
    out.push({ kind, date, overdue: !since && date < today })
  }
  const all = async (path, statuses, query = {}) =>
    (await Promise.all(statuses.map((status) => api.get(path, { ...query, status, page_size: '200' })))).flatMap((r) => r.items)

  for (const listed of await all('/cases', ['served', 'decided', 'review_requested', 'reviewed'])) {
    // The list leaves out the statements; the case itself has them.
    const c = ['served', 'decided'].includes(listed.status) ? await api.get(`/cases/${listed.id}`) : listed
    const made = (kind) => (c.statements || []).some((s) => s.kind === kind)
    if (c.status === 'served' && !made('statement')) push('statement_due', c.statement_due)
    if (c.status === 'decided' && !made('review_request')) push('review_due', c.review_due)
    if (c.in_force && c.measure === 'interview') push('interview_on', c.interview_on)
    if (c.in_force && c.measure === 'notice' && !c.rectification_verified_on) push('case_rectification', c.rectification_due, { past: true })
  }
  for (const i of await all('/inspections', ['planned', 'in_progress', 'completed'])) {
    const selfEvaluated = ['annual_assessment', 'periodic_evaluation'].includes(i.kind)
    if (i.status === 'completed') {
      if (i.outcome === 'pass') continue
      for (const r of (await api.get(`/inspections/${i.id}`)).rectifications) if (r.status === 'open') push('inspection_rectification', r.due_on, { past: true })
    } else if (selfEvaluated && !(await api.get(`/inspections/${i.id}`)).self_evaluation) push('self_evaluation', i.scheduled_on, { past: true })
    else if (i.status === 'planned') push('inspection_scheduled', i.scheduled_on)
  }
  for (const p of await all('/plans', ['draft', 'published'])) {
    const starts = p.sessions.map((s) => chinaDateOf(s.starts_at)).sort()
    const ends = p.sessions.map((s) => chinaDateOf(s.ends_at)).sort()
    if (p.status === 'draft' && starts.length) push('plan_publish', minusDays(starts[0], 7), { past: true })
    if (p.status !== 'published') continue
    if (p.sessions.length && p.sessions.every((s) => s.over) && !p.results_published_on) push('results_publicity', ends.at(-1), { since: true })
    if (p.results_publicity_ends && p.results_publicity_ends <= today && (await api.get('/certificates', { plan_id: String(p.id), page_size: '1' })).total === 0)
      push('certificates_issue', p.results_publicity_ends, { since: true })
  }
  const groups = {}
  for (const c of (await api.get('/certificates', { status: 'valid', reported: 'false', page_size: '200' })).items) {
    const kind = c.report_due < today ? 'certificates_overdue' : 'certificates_report'
    const k = `${kind}-${c.plan_id}`
    groups[k] = { kind, date: groups[k] && groups[k].date < c.report_due ? groups[k].date : c.report_due }
  }
  for (const g of Object.values(groups)) push(g.kind, g.date, { past: true })
  return out
}

// The items the card shows (all of them: "show all" opened when there are more than ten).
async function shownItems(page) {
  const card = page.locator('[data-test=institution-todo][data-state=ready]')
  await card.waitFor()
  const toggle = card.locator('[data-test=todo-toggle]')
  if (await toggle.count()) await toggle.click()
  return card.locator('[data-test=todo-item]').evaluateAll((els) =>
    els.map((e) => ({ kind: e.dataset.kind, date: e.dataset.date, overdue: e.dataset.overdue === 'true', urgent: e.dataset.urgent === 'true' })),
  )
}

const key = (x) => `${x.kind}|${x.date}|${x.overdue}`

// Overdue first, then by date.
function assertOrdered(items) {
  const firstOnTime = items.findIndex((x) => !x.overdue)
  if (firstOnTime >= 0) assert.ok(items.slice(firstOnTime).every((x) => !x.overdue), 'overdue items come first')
  for (const group of [items.filter((x) => x.overdue), items.filter((x) => !x.overdue)])
    for (let i = 1; i < group.length; i++) assert.ok(group[i - 1].date <= group[i].date, `earliest first: ${group[i - 1].date} before ${group[i].date}`)
}


describe("the institution's to-do card", () => {
  const made = {}

  before(async () => {
    const inst = await apiSession('inst')
    const hz = await apiSession('hangzhou')
    const iid = inst.user.institution_id
    // An inspection completed with issues: one rectification due in two days.
    const ins = await hz.post('/inspections', { institution_id: iid, kind: 'special', mode: 'onsite_overt', scheduled_on: chinaDay(0), inspector_ids: [] })
    await hz.post(`/inspections/${ins.id}/start`)
    const checklist = (await hz.get(`/inspections/${ins.id}`)).checklist
    await hz.put(`/inspections/${ins.id}/findings`, {
      items: checklist.map((c, n) => ({ code: c.code, finding: n === 0 ? 'deficient' : 'compliant', note: n === 0 ? '考务管理制度未上墙' : '' })),
    })
    made.requirement = `补齐并公示考务管理制度（${String(Date.now()).slice(-5)}）`
    made.inspection = await hz.post(`/inspections/${ins.id}/complete`, {
      outcome: 'issues_found', report: '发现问题，限期整改。', rectifications: [{ requirement: made.requirement, due_on: chinaDay(2) }],
    })
    // A case served today: the statement window is open.
    const opened = await hz.post('/cases', { institution_id: iid, items: ['S19(11)'], serious: false, facts: '评价档案缺少考场视频。', evidence: [], origin: 'manual' })
    await hz.post(`/cases/${opened.id}/propose`, { reasons: '评价档案资料不完整。', basis: '《浙江省技能人才评价监督管理办法》第十九条' })
    made.case = await hz.post(`/cases/${opened.id}/serve`, { method: 'written', served_on: chinaDay(0) })
    // A draft plan whose first session is a few days away: its last publication day has passed.
    const site = await ensureSite(inst)
    const days = 2 + Math.floor(Math.random() * 4)
    const hour = String(8 + Math.floor(Math.random() * 8)).padStart(2, '0')
    made.plan = await inst.post('/plans', {
      subject_code: '4-01-02-01', level: 4, parts: ['theory'], exam_site_id: site.id, planned_count: 30, question_source: 'unified_bank', paperless: true, fee: 100,
      sessions: [{ part: 'theory', starts_at: chinaIso(days, `${hour}:00`), ends_at: chinaIso(days, `${hour}:50`), room: '理论一室' }],
    })
  })

  test('inst: what the APIs say is due, overdue first and marked, each linking to its page', async () => {
    const api = await apiSession('inst')
    const expected = await expectedTodo(api)
    const page = await newPage(browser)
    await login(page, 'inst')
    await page.locator('[data-test=scope-card]').waitFor()
    const shown = await shownItems(page)
    assert.deepEqual(shown.map(key).sort(), expected.map(key).sort(), 'the card lists what the APIs give')
    assertOrdered(shown)
    for (const x of shown) assert.equal(x.urgent, !x.overdue && x.date <= chinaDay(3) && !['results_publicity', 'certificates_issue'].includes(x.kind), `${x.kind} ${x.date} marked when due within 3 days`)

    const card = page.locator('[data-test=institution-todo]')
    // What the test added: the plan overdue (red, first), the rectification due in two days, the statement.
    const overdue = card.locator('[data-test=todo-item][data-kind=plan_publish][data-overdue=true]').filter({ has: page.locator(`a[href$="/console/plans/${made.plan.id}"]`) })
    await overdue.waitFor()
    assert.match(await overdue.locator('[data-test=todo-left]').innerText(), /^已逾期 \d+ 天$/)
    assert.equal(await card.locator('[data-test=todo-item]').first().getAttribute('data-overdue'), 'true')
    assert.equal(await card.locator('[data-test=todo-overdue-count]').innerText(), `${shown.filter((x) => x.overdue).length} 项已逾期`)
    const rect = card.locator(`[data-test=todo-item][data-kind=inspection_rectification][data-date="${chinaDay(2)}"]`, { hasText: made.requirement })
    assert.equal(await rect.getAttribute('data-urgent'), 'true')
    assert.equal((await rect.locator('[data-test=todo-left]').innerText()).trim(), '还剩 2 天')
    const statement = card.locator(`[data-test=todo-item][data-kind=statement_due][data-date="${made.case.statement_due}"]`, { hasText: made.case.case_no })
    await statement.waitFor()
    assert.match(await statement.innerText(), /陈述申辩截止/)
    await shot(page, 'dashboard-institution', { fullPage: true })

    // The statement item leads to the case, where the statement is made.
    await statement.locator('[data-test=todo-link]').click()
    await page.waitForURL((u) => u.pathname === `/console/enforcement/my-cases/${made.case.id}`)
    assert.equal((await page.locator('[data-test=case-no]').innerText()).trim(), made.case.case_no)
    await page.locator('[data-test=statement-form]').waitFor()
    // The rectification to the inspection, which shows it.
    await page.goBack()
    await rect.locator('[data-test=todo-link]').click()
    await page.waitForURL((u) => u.pathname === `/console/supervision/inspections/${made.inspection.id}`)
    await page.getByText(made.requirement).first().waitFor()
    // The plan to the plan.
    await page.goBack()
    await overdue.locator('[data-test=todo-link]').click()
    await page.waitForURL((u) => u.pathname === `/console/plans/${made.plan.id}`)

    // In English.
    await page.goBack()
    await card.locator('[data-test=todo-item]').first().waitFor()
    await switchLanguage(page, 'en')
    await page.waitForFunction(() => document.documentElement.lang === 'en')
    assert.equal((await card.locator('h2').innerText()).trim(), 'To do')
    assert.match(await overdue.locator('[data-test=todo-left]').innerText(), /^\d+ days? overdue$/)
    assert.match(await overdue.innerText(), /Publish the plan by/)
    assert.equal((await rect.locator('[data-test=todo-left]').innerText()).trim(), 'in 2 days')
    assert.match(await rect.innerText(), /Rectification due \(inspection\)/)
    assert.match(await statement.innerText(), /Statement due/)
    assert.match(await card.locator('[data-test=todo-overdue-count]').innerText(), /^\d+ overdue$/)
    await shot(page, 'dashboard-institution-en', { fullPage: true })
    assertNoProblems(page)
    await page.context().close()
  })

  test('inst on a phone', async () => {
    // Logged in at the desktop size (the header's account menu folds away on a phone), then narrowed.
    const page = await newPage(browser)
    await login(page, 'inst')
    await page.setViewportSize(PHONE)
    await page.reload()
    const card = page.locator('[data-test=institution-todo][data-state=ready]')
    await card.waitFor()
    await card.locator('[data-test=todo-item]').first().waitFor()
    await card.scrollIntoViewIfNeeded()
    // The card fits the screen: nothing in it wider than itself, and it ends inside the viewport.
    const fit = await card.evaluate((el) => ({ inner: el.scrollWidth - el.clientWidth, right: el.getBoundingClientRect().right, width: window.innerWidth }))
    assert.ok(fit.inner <= 1 && fit.right <= fit.width, `the card fits a phone: ${JSON.stringify(fit)}`)
    await shot(page, 'dashboard-institution-phone')
    assertNoProblems(page)
    await page.context().close()
  })

  test('a failed load says so and retries', async () => {
    const page = await newPage(browser)
    await login(page, 'inst')
    await page.route('**/api/v1/cases?**', (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'internal', message: '服务器内部错误', details: [] } }) }),
    )
    await page.goto(`${BASE_URL}/console/dashboard`)
    const card = page.locator('[data-test=institution-todo][data-state=error]')
    await card.waitFor()
    await card.locator('[role=alert]').waitFor()
    await shot(page, 'dashboard-institution-error')
    await page.unroute('**/api/v1/cases?**')
    await card.getByRole('button', { name: '重试' }).click()
    await page.locator('[data-test=institution-todo][data-state=ready] [data-test=todo-item]').first().waitFor()
    assertNoProblems(page, { allow: [/status of 500/] })
    await page.context().close()
  })

  test('inst2: its own items, or the empty state', async () => {
    const expected = await expectedTodo(await apiSession('inst2'))
    const page = await newPage(browser)
    await login(page, 'inst2')
    const shown = await shownItems(page)
    assert.deepEqual(shown.map(key).sort(), expected.map(key).sort())
    if (!expected.length) {
      const empty = page.locator('[data-test=institution-todo] [data-test=todo-empty]')
      assert.match(await empty.innerText(), /暂无待办事项/)
      await shot(page, 'dashboard-institution-empty')
    }
    assertNoProblems(page)
    await page.context().close()
  })

  for (const user of ['province', 'hangzhou']) {
    test(`${user} (an authority) has no to-do card`, async () => {
      const page = await newPage(browser)
      await login(page, user)
      await page.locator('[data-test=supervision-overview]').waitFor()
      await page.locator('[data-test=sup-deadlines][data-state=ready]').waitFor()
      assert.equal(await page.locator('[data-test=institution-todo]').count(), 0)
      assertNoProblems(page)
      await page.context().close()
    })
  }
})
