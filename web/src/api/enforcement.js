// Enforcement 监管处理 (S18–S24; docs/enforcement.md): the violation catalogue, cases and their due
// process (propose → serve → statements → decide → review → close, rectification verified by a
// passed inspection), the case documents as PDF, and the public list of sanctions.
import { http } from './http'

const id = (v) => encodeURIComponent(v)

// The catalogue 违规行为目录 (open): { items: [{ code, article, item, class, text, text_zh, text_en }], total }.
export const listViolations = (opts) => http.get('/violations', undefined, { ...opts, auth: false })

// Cases in the caller's scope (an institution: its own, from the proposal on).
export const listCases = ({ status, institution_id, page, page_size } = {}, opts) =>
  http.get('/cases', { status, institution_id, page, page_size }, opts)
export const getCase = (cid, opts) => http.get(`/cases/${id(cid)}`, undefined, opts)
// { institution_id, items: ['S19(10)'], serious, facts, evidence: [{ type, id, note }], origin, origin_id }
export const createCase = (data) => http.post('/cases', data)

// The authority's steps.
export const proposeCase = (cid, data) => http.post(`/cases/${id(cid)}/propose`, data) // { reasons, basis }
export const serveCase = (cid, data) => http.post(`/cases/${id(cid)}/serve`, data) // { method, served_on }
// { outcome, reasons, measure?, certificates?, candidates? (ids whose results are void, S18), rectification_due?,
//   interview_on?, interview_place? }
export const decideCase = (cid, data) => http.post(`/cases/${id(cid)}/decide`, data)
export const decideReview = (cid, data) => http.post(`/cases/${id(cid)}/review-decision`, data) // { outcome, reasons, measure? }
export const closeCase = (cid, record) => http.post(`/cases/${id(cid)}/close`, record ? { record } : {})
export const verifyCaseRectification = (cid, inspection_id) => http.post(`/cases/${id(cid)}/rectification`, { inspection_id })

// The institution's steps (S24).
export const submitStatement = (cid, text) => http.post(`/cases/${id(cid)}/statements`, { text })
export const requestReview = (cid, text) => http.post(`/cases/${id(cid)}/review-requests`, { text })

// A case document as PDF (opened in a new tab; the session cookie goes with it).
export const caseDocumentUrl = (cid, kind) => `/api/v1/cases/${id(cid)}/documents/${id(kind)}.pdf`

// Public (no login): written notices and cancellations decided, reversed ones marked.
export const listPublicSanctions = ({ institution_id, page, page_size } = {}, opts) =>
  http.get('/public/sanctions', { institution_id, page, page_size }, { ...opts, auth: false })
