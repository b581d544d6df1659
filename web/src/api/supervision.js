// Supervision 监督检查 (M25–M28, S8–S17; docs/supervision.md): the inspector roster, supervision
// plans, the verifiable double-random draws 双随机, inspections with their checklist, evidence and
// rectifications, annual assessments, an institution's supervision archive, and the public side
// (committed and published draws, published inspection results).
import { ApiError, apiErrorOf, http, request } from './http'
import { useSessionStore } from '@/stores/session'
import { currentLocale } from '@/i18n'

const id = (v) => encodeURIComponent(v)

// Checklist items of S9's five areas: [{ code, area, text }].
export const listChecklist = (opts) => http.get('/supervision/checklist', undefined, opts)

// Roster 执法检查人员名录库 (S10): { name, user_id, organisation, employer_institution_id, identity_no }.
export const listInspectors = ({ page, page_size } = {}, opts) => http.get('/supervision/inspectors', { page, page_size }, opts)
export const createInspector = (data) => http.post('/supervision/inspectors', data)

// Plans 监管计划 (S12).
export const listSupervisionPlans = ({ year, page, page_size } = {}, opts) => http.get('/supervision/plans', { year, page, page_size }, opts)
export const getSupervisionPlan = (pid, opts) => http.get(`/supervision/plans/${id(pid)}`, undefined, opts)
export const createSupervisionPlan = (data) => http.post('/supervision/plans', data)

// Draws 双随机 (M27): commit → execute → publish; verify re-runs it on the server.
export const listDraws = ({ plan_id, status, page, page_size } = {}, opts) => http.get('/supervision/draws', { plan_id, status, page, page_size }, opts)
export const getDraw = (did, opts) => http.get(`/supervision/draws/${id(did)}`, undefined, opts)
export const commitDraw = (plan_id) => http.post('/supervision/draws', { plan_id })
export const executeDraw = (did) => http.post(`/supervision/draws/${id(did)}/execute`)
export const publishDraw = (did) => http.post(`/supervision/draws/${id(did)}/publish`)
export const verifyDraw = (did) => http.get(`/supervision/draws/${id(did)}/verify`)

// Inspections 监督检查 (S10, S13, S15, S16).
export const listInspections = ({ status, kind, institution_id, draw_id, page, page_size } = {}, opts) =>
  http.get('/inspections', { status, kind, institution_id, draw_id, page, page_size }, opts)
export const getInspection = (iid, opts) => http.get(`/inspections/${id(iid)}`, undefined, opts)
export const createInspection = (data) => http.post('/inspections', data)
export const startInspection = (iid) => http.post(`/inspections/${id(iid)}/start`)
// items: [{ code, finding: compliant|deficient|not_applicable, note }]
export const putFindings = (iid, items) => request('PUT', `/inspections/${id(iid)}/findings`, { body: { items } })
export const submitSelfEvaluation = (iid, text) => http.post(`/inspections/${id(iid)}/self-evaluation`, { text })
// { outcome: pass|issues_found|fail, report, rectifications: [{ requirement, due_on }] }
export const completeInspection = (iid, data) => http.post(`/inspections/${id(iid)}/complete`, data)
// The institution reports what it did on a rectification (S11; ≤ 4000 characters); again after a
// refused verification. 409 once verified.
export const reportRectification = (iid, rid, report) => http.post(`/inspections/${id(iid)}/rectifications/${id(rid)}/report`, { report })
// 验收: accepted (通过), or not (不通过: a note is required, and only for a reported rectification).
export const verifyRectification = (iid, rid, note, accepted = true) => http.post(`/inspections/${id(iid)}/rectifications/${id(rid)}/verify`, { accepted, note })
// refused: the institution refused the inspection (S20(3) 未按规定接受重点抽查、专项督查), counted by the
// daily job towards a written notice.
export const cancelInspection = (iid, reason, refused = false) => http.post(`/inspections/${id(iid)}/cancel`, { reason, refused })
export const evidenceUrl = (iid, eid) => `/api/v1/inspections/${id(iid)}/evidence/${id(eid)}`
export const createAnnualAssessments = (year) => http.post('/supervision/annual-assessments', { year })

// Evidence: the file itself is the request body (PDF, PNG, JPEG, MP4; ≤ 20 MiB), its name in the
// query. Not JSON, so it bypasses http.request, with the same CSRF header and error shape.
export async function uploadEvidence(iid, file, { signal } = {}) {
  const session = useSessionStore()
  const headers = { Accept: 'application/json', 'Accept-Language': currentLocale(), 'Content-Type': file.type || 'application/octet-stream' }
  if (session.csrfToken) headers[session.csrfHeader || 'X-CSRF-Token'] = session.csrfToken
  let res
  try {
    res = await fetch(`/api/v1/inspections/${id(iid)}/evidence?file_name=${encodeURIComponent(file.name)}`, {
      method: 'POST', headers, body: file, credentials: 'same-origin', cache: 'no-store', signal,
    })
  } catch (e) {
    if (e?.name === 'AbortError') throw e
    throw new ApiError({ status: 0, code: 'network', message: '' })
  }
  const data = (res.headers.get('Content-Type') || '').includes('application/json') ? await res.json().catch(() => null) : null
  if (!res.ok) {
    throw apiErrorOf(res.status, data)
  }
  return data
}

// Archive 监管档案 and credit standing (S8, S11).
export const getArchive = (iid, opts) => http.get(`/institutions/${id(iid)}/archive`, undefined, opts)

// Public (no login).
export const listPublicDraws = ({ page, page_size } = {}, opts) => http.get('/public/draws', { page, page_size }, { ...opts, auth: false })
export const getPublicDraw = (did, opts) => http.get(`/public/draws/${id(did)}`, undefined, { ...opts, auth: false })
export const publicDrawUrl = (did) => `/api/v1/public/draws/${id(did)}`
export const listInspectionResults = ({ institution_code, page, page_size } = {}, opts) =>
  http.get('/public/inspection-results', { institution_code, page, page_size }, { ...opts, auth: false })
