// Digital monitoring 数字化监测 (S13, S14): plan scores with their deductions, institution scores
// (rolling 12 months, trend, rank, stars), the key-sampling queue 重点抽查, the versioned policy
// 监测规则 and full recomputes with progress.
import { http, request } from './http'

const id = (v) => encodeURIComponent(v)

// 409 for a draft plan (not monitored).
export const getPlanScore = (pid, opts) => http.get(`/monitoring/plans/${id(pid)}`, undefined, opts)
// summary_only for the institution's own staff; trend and rank for the supervising authorities.
export const getInstitutionScore = (iid, opts) => http.get(`/monitoring/institutions/${id(iid)}`, undefined, opts)

// Authorities, their region: { status: open|done, reason: critical|random, institution_id, page, page_size }
export const listSampling = ({ status, reason, institution_id, page, page_size } = {}, opts) =>
  http.get('/monitoring/sampling', { status, reason, institution_id, page, page_size }, opts)
// { action: recheck|question|visit, outcome: confirmed|cleared, note }; 409 once done.
export const recordSamplingOutcome = (sid, data) => http.post(`/monitoring/sampling/${id(sid)}/outcome`, data)

// The policy in force (or ?version=N), every version, and a new version (province authority).
export const getPolicy = (version, opts) => http.get('/monitoring/policy', { version }, opts)
export const listPolicyVersions = (opts) => http.get('/monitoring/policy/versions', undefined, opts)
export const putPolicy = (policy, note) => request('PUT', '/monitoring/policy', { body: { policy, note } })

// A full recompute (province authority): 202 with the run; 409 while another one runs.
export const startRun = () => http.post('/monitoring/runs')
export const getRun = (rid, opts) => http.get(`/monitoring/runs/${id(rid)}`, undefined, opts)
