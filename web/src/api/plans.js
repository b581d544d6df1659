// Evaluation plans (评价计划, S19(1), S20(2), M12): listed in the caller's scope, drafted and
// changed by the institution, published at least 7 days ahead, cancelled with a reason.
import { http, request } from './http'

const id = (v) => encodeURIComponent(v)

// The list has no sort parameter; it comes as the server orders it.
export const listPlans = ({ status, subject_code, level, institution_id, from, to, page, page_size } = {}, opts) =>
  http.get('/plans', { status, subject_code, level, institution_id, from, to, page, page_size }, opts)
export const getPlan = (pid) => http.get(`/plans/${id(pid)}`)
// { subject_code, level, parts, exam_site_id, planned_count, question_source, paperless, fee,
//   sessions: [{ id?, part, starts_at, ends_at, room }] }
export const createPlan = (data) => http.post('/plans', data)
// The same fields and the reason for the change.
export const changePlan = (pid, data) => request('PUT', `/plans/${id(pid)}`, { body: data })
export const publishPlan = (pid) => http.post(`/plans/${id(pid)}/publish`)
export const cancelPlan = (pid, reason) => http.post(`/plans/${id(pid)}/cancel`, { reason })
export const listPlanChanges = (pid) => http.get(`/plans/${id(pid)}/changes`)
