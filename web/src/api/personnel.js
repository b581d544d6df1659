// The people of evaluation activity (M16, S19(8)): the registries of examiners 考评人员 and quality
// supervisors 质量督导员 (内督 registered by an institution, 外督 appointed by an authority), their
// assignments to a plan's sessions with the server's checks, the staffing answer, and the plan's
// execution records: papers from the unified bank (S19(6)), video recordings and the archive's
// documents (M18, S19(11)).
import { http, request, upload } from './http'

const id = (v) => encodeURIComponent(v)

// Registries: { identity_no, name, phone?, qualifications: [{ subject_code, level, valid_until }] };
// supervisors also { kind: internal_supervisor | external_supervisor } (the caller's role decides
// by default). A person is changed with PATCH { name?, phone?, qualifications? } (never the identity
// number) and retired with DELETE { reason }: kept with past assignments, never assigned again.
// Lists filter by q (name), subject_code, level (qualified at it or higher), status (active |
// retired); scope=province lets an institution find active examiners of every institution
// (masked identity number, no phone of other institutions' people).
export const listExaminers = ({ q, subject_code, level, status, scope, page, page_size } = {}, opts) =>
  http.get('/examiners', { q, subject_code, level, status, scope, page, page_size }, opts)
export const getExaminer = (pid) => http.get(`/examiners/${id(pid)}`)
export const createExaminer = (data) => http.post('/examiners', data)
export const updateExaminer = (pid, data) => request('PATCH', `/examiners/${id(pid)}`, { body: data })
export const retireExaminer = (pid, reason) => request('DELETE', `/examiners/${id(pid)}`, { body: { reason } })
export const listSupervisors = ({ kind, q, subject_code, level, status, page, page_size } = {}, opts) =>
  http.get('/supervisors', { kind, q, subject_code, level, status, page, page_size }, opts)
export const getSupervisor = (pid) => http.get(`/supervisors/${id(pid)}`)
export const createSupervisor = (data) => http.post('/supervisors', data)
export const updateSupervisor = (pid, data) => request('PATCH', `/supervisors/${id(pid)}`, { body: data })
export const retireSupervisor = (pid, reason) => request('DELETE', `/supervisors/${id(pid)}`, { body: { reason } })

// The caller's own (role examiner): through the identity number the account is linked to,
// { linked, identity_no (masked) | null, registrations: [person…] }, and the sessions those
// registrations are assigned to, paged: when=upcoming (not yet ended, soonest first) | past (latest
// first); each with the plan's status, institution and site.
export const getMyRegistrations = (opts) => http.get('/examiners/me', undefined, opts)
export const listMyAssignments = ({ when, page, page_size } = {}, opts) =>
  http.get('/examiners/me/assignments', { when, page, page_size }, opts)

// The subjects an institution may evaluate (its scope), to seed the subject pickers.
export const getInstitutionScope = (iid, opts) => http.get(`/institutions/${id(iid)}/scope`, undefined, opts)

// Assignments: { session_id, role: examiner | internal_supervisor | external_supervisor,
// person_id | identity_no, panel? } → the assignment with rotation flags.
export const listAssignments = (pid, opts) => http.get(`/plans/${id(pid)}/assignments`, undefined, opts)
export const assignPerson = (pid, data) => http.post(`/plans/${id(pid)}/assignments`, data)
export const withdrawAssignment = (pid, aid) => request('DELETE', `/plans/${id(pid)}/assignments/${id(aid)}`)
export const getStaffing = (pid, opts) => http.get(`/plans/${id(pid)}/staffing`, undefined, opts)

// Papers: { session_id, paper_id, generated_at, paperless }, one per session.
export const listPapers = (pid, opts) => http.get(`/plans/${id(pid)}/papers`, undefined, opts)
export const recordPaper = (pid, data) => http.post(`/plans/${id(pid)}/papers`, data)
// Videos: { session_id, room, storage_id, starts_at, ends_at, sha256 }; the list is per session
// with each room's coverage.
export const listVideos = (pid, opts) => http.get(`/plans/${id(pid)}/videos`, undefined, opts)
export const recordVideo = (pid, data) => http.post(`/plans/${id(pid)}/videos`, data)
// The archive's required documents; one is put as the raw file (PDF, PNG, JPEG ≤ 20 MiB).
export const listDocuments = (pid, opts) => http.get(`/plans/${id(pid)}/documents`, undefined, opts)
export const uploadDocument = (pid, key, file, { onProgress, signal } = {}) =>
  upload('POST', `/plans/${id(pid)}/documents`, file, { query: { key, file_name: file.name }, contentType: file.type || 'application/octet-stream', onProgress, signal })
