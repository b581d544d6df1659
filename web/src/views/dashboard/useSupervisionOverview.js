// The officials' supervision overview on the dashboard (issue 8 §2): inspections, complaints and
// open cases counted by status, and the deadlines coming up. Every list API scopes by the caller's
// region, so the counts are the region's. A count is the `total` of a one-item page; the lists the
// deadlines and overdue complaints need are read in one page of 200 each (their totals double as
// the counts of those statuses).
import { reactive } from 'vue'
import { listInspections, listDraws } from '@/api/supervision'
import { listComplaints } from '@/api/complaints'
import { listCases } from '@/api/enforcement'

export const INSPECTION_COUNTED = ['planned', 'in_progress', 'completed']
export const COMPLAINT_COUNTED = ['received', 'accepted', 'investigating', 'replied', 'not_accepted']
// Complaints still waiting for a reply (their items carry `overdue` and `reply_due`).
export const COMPLAINT_OPEN = ['received', 'accepted', 'investigating']
export const CASE_OPEN = ['draft', 'proposed', 'served', 'decided', 'review_requested']
// Cases whose items give deadlines: served (statement), decided (review request, rectification).
const CASE_WITH_DEADLINES = ['served', 'decided']
export const PAGE_MAX = 200
export const DEADLINES_SHOWN = 10

// Today in China ('YYYY-MM-DD'): the server counts deadlines in Beijing time.
export const chinaToday = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10)

// Whole days from today (China) to a 'YYYY-MM-DD' date.
export function daysUntil(date, today = chinaToday()) {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86400e3)
}

const statusTotals = (fetch, statuses) =>
  Promise.all(statuses.map((status) => fetch({ status, page_size: 1 }).then((r) => [status, r.total ?? 0]))).then(Object.fromEntries)

// { status: { items, total } } for each status, one page of up to 200 items.
const statusPages = (fetch, statuses) =>
  Promise.all(statuses.map((status) => fetch({ status, page_size: PAGE_MAX }).then((r) => [status, { items: r.items || [], total: r.total ?? 0 }]))).then(
    Object.fromEntries,
  )

/**
 * The deadlines (upcoming, today included) of served and decided cases, drawn draws and complaints
 * waiting for a reply, earliest first: [{ key, kind, date, days, route, subject, ... }].
 */
export function collectDeadlines({ cases, draws, complaints }, today = chinaToday()) {
  const out = []
  const add = (kind, date, route, extra) => {
    if (!date || date < today) return
    out.push({ key: `${kind}-${route.params.id}`, kind, date, days: daysUntil(date, today), route, ...extra })
  }
  for (const c of cases) {
    const route = { name: 'case-detail', params: { id: String(c.id) } }
    const extra = { caseNo: c.case_no, institution: c.institution_name }
    if (c.status === 'served') add('statement_due', c.statement_due, route, extra)
    if (c.status === 'decided') {
      add('review_due', c.review_due, route, extra)
      if (!c.rectification_verified_on) add('rectification_due', c.rectification_due, route, extra)
    }
  }
  for (const d of draws) if (d.status === 'drawn') add('publish_due', d.publish_due, { name: 'draw-detail', params: { id: String(d.id) } }, { drawId: d.id, planId: d.plan_id })
  for (const c of complaints) {
    if (COMPLAINT_OPEN.includes(c.status) && !c.overdue)
      add('reply_due', c.reply_due, { name: 'complaint-detail', params: { id: String(c.id) } }, { institution: c.institution_name, category: c.category })
  }
  const order = ['statement_due', 'review_due', 'rectification_due', 'publish_due', 'reply_due']
  out.sort((a, b) => a.date.localeCompare(b.date) || order.indexOf(a.kind) - order.indexOf(b.kind) || a.key.localeCompare(b.key))
  return out
}

export function useSupervisionOverview() {
  const inspections = reactive({ counts: null, loading: false, error: null })
  // overdue: complaints past their reply date among the open ones read (partial when a status has more than 200).
  const complaints = reactive({ counts: null, overdue: [], partial: false, loading: false, error: null })
  const cases = reactive({ counts: null, loading: false, error: null })
  const deadlines = reactive({ items: [], total: 0, loaded: false, loading: false, error: null })

  async function run(state, job) {
    state.loading = true
    state.error = null
    try {
      await job()
    } catch (e) {
      state.error = e
    } finally {
      state.loading = false
    }
  }

  const fetchOpenComplaints = () => statusPages(listComplaints, COMPLAINT_OPEN)
  const fetchDueCases = () => statusPages(listCases, CASE_WITH_DEADLINES)
  const fetchDrawn = () => listDraws({ status: 'drawn', page_size: PAGE_MAX }).then((r) => r.items || [])

  const loadInspections = () =>
    run(inspections, async () => {
      inspections.counts = await statusTotals(listInspections, INSPECTION_COUNTED)
    })

  const loadComplaints = (open = fetchOpenComplaints()) =>
    run(complaints, async () => {
      const [pages, rest] = await Promise.all([open, statusTotals(listComplaints, COMPLAINT_COUNTED.filter((s) => !COMPLAINT_OPEN.includes(s)))])
      const counts = { ...rest }
      const overdue = []
      let partial = false
      for (const [status, page] of Object.entries(pages)) {
        counts[status] = page.total
        if (page.total > page.items.length) partial = true
        overdue.push(...page.items.filter((c) => c.overdue))
      }
      overdue.sort((a, b) => (a.reply_due || '').localeCompare(b.reply_due || '') || a.id - b.id)
      complaints.counts = counts
      complaints.overdue = overdue
      complaints.partial = partial
    })

  const loadCases = (due = fetchDueCases()) =>
    run(cases, async () => {
      const [pages, rest] = await Promise.all([due, statusTotals(listCases, CASE_OPEN.filter((s) => !CASE_WITH_DEADLINES.includes(s)))])
      const counts = { ...rest }
      for (const [status, page] of Object.entries(pages)) counts[status] = page.total
      cases.counts = counts
    })

  const loadDeadlines = (due = fetchDueCases(), drawn = fetchDrawn(), open = fetchOpenComplaints()) =>
    run(deadlines, async () => {
      const [casePages, draws, complaintPages] = await Promise.all([due, drawn, open])
      const all = collectDeadlines({
        cases: Object.values(casePages).flatMap((p) => p.items),
        draws,
        complaints: Object.values(complaintPages).flatMap((p) => p.items),
      })
      deadlines.total = all.length
      deadlines.items = all.slice(0, DEADLINES_SHOWN)
      deadlines.loaded = true
    })

  // The first load shares the pages the complaints and cases cards and the deadlines all need.
  function loadAll() {
    const open = fetchOpenComplaints()
    const due = fetchDueCases()
    // Each is awaited by the loaders below; keep a rejection from also being reported as unhandled.
    open.catch(() => {})
    due.catch(() => {})
    loadInspections()
    loadComplaints(open)
    loadCases(due)
    loadDeadlines(due, fetchDrawn(), open)
  }

  return {
    inspections,
    complaints,
    cases,
    deadlines,
    loadAll,
    loadInspections: () => loadInspections(),
    loadComplaints: () => loadComplaints(),
    loadCases: () => loadCases(),
    loadDeadlines: () => loadDeadlines(),
  }
}
