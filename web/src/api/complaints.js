// Complaints 投诉举报 (M28, S17; docs/supervision.md): the public files one and follows it by its
// tracking number; the authorities accept or reject it, open a special inspection and reply.
import { http } from './http'

const id = (v) => encodeURIComponent(v)

// Public. { institution_code, category, content, contact?, activity_region_code? } → { tracking_no, reply_due }
export const submitComplaint = (data) => http.post('/public/complaints', data, { auth: false })
export const trackComplaint = (no, opts) => http.get(`/public/complaints/${id(no)}`, undefined, { ...opts, auth: false })

// Officials, their region (and complaints about activities in it).
export const listComplaints = ({ status, institution_id, category, page, page_size } = {}, opts) =>
  http.get('/complaints', { status, institution_id, category, page, page_size }, opts)
export const getComplaint = (cid, opts) => http.get(`/complaints/${id(cid)}`, undefined, opts)
export const acceptComplaint = (cid) => http.post(`/complaints/${id(cid)}/accept`)
export const rejectComplaint = (cid, reason) => http.post(`/complaints/${id(cid)}/reject`, { reason })
// { mode, scheduled_on, inspector_ids } → the complaint (status investigating) or the inspection
export const openComplaintInspection = (cid, data) => http.post(`/complaints/${id(cid)}/inspection`, data)
export const replyComplaint = (cid, substantiated, reply) => http.post(`/complaints/${id(cid)}/reply`, { substantiated, reply })
