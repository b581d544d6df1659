// Selection applications (M7–M10) and announcements (M9(2)).
import { http } from './http'

const id = (v) => encodeURIComponent(v)

export const listApplications = ({ status, page, page_size } = {}, opts) => http.get('/applications', { status, page, page_size }, opts)
export const getApplication = (aid) => http.get(`/applications/${id(aid)}`)
export const submitApplication = (aid) => http.post(`/applications/${id(aid)}/submit`)
export const returnApplication = (aid, reasons) => http.post(`/applications/${id(aid)}/return`, { reasons })
// { findings: [{ key, met }], pass, comment }
export const reviewApplication = (aid, data) => http.post(`/applications/${id(aid)}/reviews`, data)
export const startPublicity = (aid) => http.post(`/applications/${id(aid)}/publicity`)
// → { institution, receipt: { institution_code, institution_name, kind, authority, approved_on, valid_until } }
export const approveApplication = (aid) => http.post(`/applications/${id(aid)}/approve`)
export const rejectApplication = (aid, reasons) => http.post(`/applications/${id(aid)}/reject`, { reasons })
export const resolveObjection = (aid, oid, resolution) => http.post(`/applications/${id(aid)}/objections/${id(oid)}/resolve`, { resolution })
// Anyone, while the application is in publicity.
export const objectToApplication = (aid, data) => http.post(`/applications/${id(aid)}/objections`, data, { auth: false })

// Announcements: public list; authorities publish.
export const listAnnouncements = ({ page, page_size } = {}, opts) => http.get('/announcements', { page, page_size }, { ...opts, auth: false })
export const createAnnouncement = (data) => http.post('/announcements', data)
