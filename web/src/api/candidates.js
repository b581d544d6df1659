// Candidates of a plan with the qualification review (资格审核, S19(2)), scores and the results
// publicity (S19(9)). Identity numbers come masked; the full one needs a reason (audited).
import { http } from './http'

const id = (v) => encodeURIComponent(v)

export const listCandidates = (pid, { review, result, eligible, flagged, q, page, page_size } = {}, opts) =>
  http.get(`/plans/${id(pid)}/candidates`, { review, result, eligible, flagged, q, page, page_size }, opts)
// { identity_no, name, education, years_in_trade, prior_level?, prior_cert_date?, apprenticeship?,
//   review?, review_note? }
export const addCandidate = (pid, data) => http.post(`/plans/${id(pid)}/candidates`, data)
export const reviewCandidate = (pid, cid, decision, note = '') =>
  http.post(`/plans/${id(pid)}/candidates/${id(cid)}/review`, { decision, note })
export const revealIdentity = (pid, cid, reason) => http.post(`/plans/${id(pid)}/candidates/${id(cid)}/identity`, { reason })
// items: [{ candidate_id, part, score }]; reason required once the results are published.
export const recordScores = (pid, items, reason) =>
  http.post(`/plans/${id(pid)}/scores`, reason ? { items, reason } : { items })
export const publishResults = (pid) => http.post(`/plans/${id(pid)}/scores/publish`)
