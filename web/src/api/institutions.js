// The institution registry (M2–M24): the public directory (no login) and the console's
// institutions with their changes, exam sites, renewals and termination.
import { http } from './http'

const id = (v) => encodeURIComponent(v)

// Public directory. params: { q, kind, region, occupation, level, status, sort, page, page_size }
export const listPublicInstitutions = ({ q, kind, region, occupation, level, status, sort, page, page_size } = {}, opts) =>
  http.get('/public/institutions', { q, kind, region, occupation, level, status, sort, page, page_size }, { ...opts, auth: false })
export const getPublicInstitution = (code, opts) => http.get(`/public/institutions/${id(code)}`, undefined, { ...opts, auth: false })

// Console (scoped by the server): the same filters.
export const listInstitutions = ({ q, kind, region, occupation, level, status, sort, page, page_size } = {}, opts) =>
  http.get('/institutions', { q, kind, region, occupation, level, status, sort, page, page_size }, opts)
export const getInstitution = (iid) => http.get(`/institutions/${id(iid)}`)
export const listChanges = (iid) => http.get(`/institutions/${id(iid)}/changes`)
// { name?, address?, contact?, phone?, public_phone?, fees? }
export const reportChange = (iid, data) => http.post(`/institutions/${id(iid)}/changes`, data)
export const terminateInstitution = (iid, reason) => http.post(`/institutions/${id(iid)}/termination`, { reason })
export const listExamSites = (iid) => http.get(`/institutions/${id(iid)}/exam-sites`)
// { name, address, region_code }
export const requestExamSite = (iid, data) => http.post(`/institutions/${id(iid)}/exam-sites`, data)
// Officials: the exam sites in their area across institutions (M12); status pending | confirmed | refused.
// → { items: [{ id, institution_id, institution_code, institution_name, name, address, region_code, status, reason, created_at }], total, page, page_size }
export const listAreaExamSites = ({ status, page, page_size } = {}, opts) => http.get('/exam-sites', { status, page, page_size }, opts)
export const confirmExamSite = (iid, site) => http.post(`/institutions/${id(iid)}/exam-sites/${id(site)}/confirm`)
export const refuseExamSite = (iid, site, reason) => http.post(`/institutions/${id(iid)}/exam-sites/${id(site)}/refuse`, { reason })
export const applyRenewal = (iid) => http.post(`/institutions/${id(iid)}/renewals`)
export const approveRenewal = (iid) => http.post(`/institutions/${id(iid)}/renewals/approve`)

// Published special-ability specifications (M6): subject codes of special_ability scopes. Public.
export const listSpecialAbilitySpecs = (opts) => http.get('/special-ability-specs', undefined, { ...opts, auth: false })
