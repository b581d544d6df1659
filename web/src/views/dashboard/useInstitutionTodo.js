// 待办事项 of an institution on its dashboard: what its own records ask of it and by when, read
// from the list APIs an institution may call (each answers only the institution's own records):
// - /cases: 陈述申辩 while served and none made (S24), 申请复核 while decided and none asked, the 约谈
//   date, and the rectification of a written notice in force until it is verified (S20);
// - /inspections: an inspection's open 整改要求 (S16), the 自评 of an annual assessment or periodic
//   evaluation, and the inspections scheduled (S20(3): an inspection is to be accepted);
// - /plans: a draft's last publication day (≥ 7 days before its first session, S19(1)); a published
//   plan whose sessions are over without 成绩公示 (S19(9)), or whose publicity has ended with no
//   certificate issued;
// - /certificates: valid certificates not yet reported to the national database, per plan, split
//   into those past their report deadline and those still within it (S19(10)).
// collectTodo is pure (records in, items out); useInstitutionTodo loads the records.
import { reactive } from 'vue'
import { getCase, listCases } from '@/api/enforcement'
import { getInspection, listInspections } from '@/api/supervision'
import { listPlans } from '@/api/plans'
import { listCertificates } from '@/api/certificates'
import { PAGE_MAX, chinaToday, daysUntil } from './useSupervisionOverview'

// Cases whose items ask something of the institution (an institution reads its cases from the proposal on).
export const CASE_STATUSES = ['served', 'decided', 'review_requested', 'reviewed']
// Inspections still to come or under way, and completed ones (their rectifications).
export const INSPECTION_STATUSES = ['planned', 'in_progress', 'completed']
// Kinds whose inspection takes the institution's self-evaluation (S16; inspection_rules.cpp).
export const SELF_EVALUATED = ['annual_assessment', 'periodic_evaluation']
// S19(1): a plan is published at least this many days before its first session (activity_policy.hpp).
export const PUBLISH_DAYS_BEFORE = 7
// Due within this many days (today included): marked.
export const URGENT_DAYS = 3
export const TODO_SHOWN = 10

// The order of kinds on the same day.
export const TODO_KINDS = [
  'statement_due',
  'review_due',
  'interview_on',
  'case_rectification',
  'inspection_rectification',
  'self_evaluation',
  'inspection_scheduled',
  'plan_publish',
  'results_publicity',
  'certificates_issue',
  'certificates_overdue',
  'certificates_report',
]

// The China date ('YYYY-MM-DD') of an ISO 8601 instant.
export const chinaDate = (iso) => {
  const t = Date.parse(iso || '')
  return Number.isNaN(t) ? '' : new Date(t + 8 * 3600e3).toISOString().slice(0, 10)
}

/**
 * The institution's to-do items, overdue ones first, then earliest first:
 * [{ key, kind, date, days, overdue, urgent, since, route, ...subject }].
 * `date` is a deadline (overdue once past, urgent within URGENT_DAYS), or with `since` the day from
 * which something may be done (no deadline: never overdue or urgent).
 * Input: { cases, inspections (summaries), details: { [inspectionId]: full inspection },
 *          plans, planCertificates: { [planId]: certificates issued }, certificates (unreported, valid) }.
 */
export function collectTodo(
  { cases = [], inspections = [], details = {}, plans = [], planCertificates = {}, certificates = [] },
  today = chinaToday(),
) {
  const out = []
  const add = (kind, key, date, route, extra = {}, { pastAllowed = false, since = false } = {}) => {
    if (!date) return
    const days = daysUntil(date, today)
    if (days < 0 && !pastAllowed && !since) return
    const overdue = !since && days < 0
    out.push({ key: `${kind}-${key}`, kind, date, days, overdue, urgent: !since && !overdue && days <= URGENT_DAYS, since, route, ...extra })
  }

  for (const c of cases) {
    const route = { name: 'my-case-detail', params: { id: String(c.id) } }
    const extra = { caseNo: c.case_no, measure: c.measure }
    const said = (kind) => (c.statements || []).some((s) => s.kind === kind)
    if (c.status === 'served' && !said('statement')) add('statement_due', c.id, c.statement_due, route, extra)
    if (c.status === 'decided' && !said('review_request')) add('review_due', c.id, c.review_due, route, extra)
    if (c.in_force && ['decided', 'review_requested', 'reviewed'].includes(c.status)) {
      if (c.measure === 'interview') add('interview_on', c.id, c.interview_on, route, { ...extra, place: c.interview_place })
      if (c.measure === 'notice' && !c.rectification_verified_on) add('case_rectification', c.id, c.rectification_due, route, extra, { pastAllowed: true })
    }
  }

  for (const i of inspections) {
    const route = { name: 'inspection-detail', params: { id: String(i.id) } }
    const extra = { inspectionId: i.id, inspectionKind: i.kind }
    const full = details[i.id]
    if (i.status === 'completed') {
      for (const r of full?.rectifications || [])
        if (r.status === 'open') add('inspection_rectification', `${i.id}-${r.id}`, r.due_on, route, { ...extra, requirement: r.requirement }, { pastAllowed: true })
      continue
    }
    if (i.status !== 'planned' && i.status !== 'in_progress') continue
    if (SELF_EVALUATED.includes(i.kind) && full && !full.self_evaluation) add('self_evaluation', i.id, i.scheduled_on, route, extra, { pastAllowed: true })
    else if (i.status === 'planned') add('inspection_scheduled', i.id, i.scheduled_on, route, extra)
  }

  for (const p of plans) {
    const route = (tab) => ({ name: 'plan-detail', params: { id: String(p.id) }, ...(tab ? { query: { tab } } : {}) })
    const extra = { planId: p.id, subject: p.subject_code, level: p.level }
    const starts = (p.sessions || []).map((s) => chinaDate(s.starts_at)).filter(Boolean).sort()
    const ends = (p.sessions || []).map((s) => chinaDate(s.ends_at)).filter(Boolean).sort()
    if (p.status === 'draft' && starts.length) {
      const latest = new Date(Date.parse(`${starts[0]}T00:00:00Z`) - PUBLISH_DAYS_BEFORE * 86400e3).toISOString().slice(0, 10)
      add('plan_publish', p.id, latest, route(), { ...extra, firstSession: starts[0] }, { pastAllowed: true })
    }
    if (p.status !== 'published') continue
    const over = (p.sessions || []).length > 0 && p.sessions.every((s) => s.over)
    if (over && !p.results_published_on) add('results_publicity', p.id, ends[ends.length - 1], route('scores'), extra, { since: true })
    if (p.results_publicity_ends && p.results_publicity_ends <= today && planCertificates[p.id] === 0)
      add('certificates_issue', p.id, p.results_publicity_ends, route('certificates'), extra, { since: true })
  }

  // Unreported certificates per plan: those past their report deadline, and those still within it.
  const groups = new Map()
  for (const c of certificates) {
    if (c.status !== 'valid' || c.reported_on || !c.report_due) continue
    const late = c.report_due < today
    const k = `${c.plan_id}-${late ? 'late' : 'open'}`
    const g = groups.get(k) || { planId: c.plan_id, late, count: 0, due: c.report_due, subject: c.subject_code, level: c.level }
    g.count++
    if (c.report_due < g.due) g.due = c.report_due
    groups.set(k, g)
  }
  for (const g of groups.values()) {
    const route = { name: 'plan-detail', params: { id: String(g.planId) }, query: { tab: 'certificates' } }
    add(g.late ? 'certificates_overdue' : 'certificates_report', g.planId, g.due, route, { planId: g.planId, subject: g.subject, level: g.level, count: g.count }, { pastAllowed: true })
  }

  out.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      a.date.localeCompare(b.date) ||
      TODO_KINDS.indexOf(a.kind) - TODO_KINDS.indexOf(b.kind) ||
      a.key.localeCompare(b.key),
  )
  return out
}

// Every item of one list page per status (up to 200 each): [items, partial].
async function pages(fetch, statuses, query = {}) {
  const res = await Promise.all(statuses.map((status) => fetch({ ...query, status, page_size: PAGE_MAX })))
  return [res.flatMap((r) => r.items || []), res.some((r) => (r.total ?? 0) > (r.items || []).length)]
}

export function useInstitutionTodo() {
  // partial: some list had more than one page, so items may be missing.
  const todo = reactive({ items: [], loaded: false, loading: false, error: null, partial: false })

  async function load() {
    todo.loading = true
    todo.error = null
    try {
      const [[cases, p1], [inspections, p2], [plans, p3], certs] = await Promise.all([
        pages(listCases, CASE_STATUSES),
        pages(listInspections, INSPECTION_STATUSES),
        pages(listPlans, ['draft', 'published']),
        listCertificates({ status: 'valid', reported: 'false', page_size: PAGE_MAX }),
      ])
      const today = chinaToday()
      // The full record of served and decided cases: the list leaves out the statements and review requests made.
      const asked = cases.filter((c) => c.status === 'served' || c.status === 'decided')
      // The full record of the inspections that may hold open rectifications or await a self-evaluation.
      const wanted = inspections.filter(
        (i) => (i.status === 'completed' && i.outcome && i.outcome !== 'pass') || (i.status !== 'completed' && SELF_EVALUATED.includes(i.kind)),
      )
      // Plans whose results publicity has ended: have any certificates been issued?
      const publicized = plans.filter((p) => p.status === 'published' && p.results_publicity_ends && p.results_publicity_ends <= today)
      const [full, details, issued] = await Promise.all([
        Promise.all(asked.map((c) => getCase(c.id))).then((list) => new Map(list.map((x) => [x.id, x]))),
        Promise.all(wanted.map((i) => getInspection(i.id))).then((list) => Object.fromEntries(list.map((x) => [x.id, x]))),
        Promise.all(publicized.map((p) => listCertificates({ plan_id: p.id, page_size: 1 }).then((r) => [p.id, r.total ?? 0]))).then(Object.fromEntries),
      ])
      todo.items = collectTodo({ cases: cases.map((c) => full.get(c.id) || c), inspections, details, plans, planCertificates: issued, certificates: certs.items || [] }, today)
      todo.partial = p1 || p2 || p3 || (certs.total ?? 0) > (certs.items || []).length
      todo.loaded = true
    } catch (e) {
      todo.error = e
    } finally {
      todo.loading = false
    }
  }

  return { todo, load }
}
