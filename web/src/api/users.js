// /users: accounts within the caller's scope.
import { http } from './http'

// params: { role, q, page, page_size }
export const listUsers = ({ role, q, page, page_size } = {}, opts) =>
  http.get('/users', { role, q, page, page_size }, opts)
export const getUser = (id) => http.get(`/users/${encodeURIComponent(id)}`)
// { username, display_name, password, role, region_code, institution_id?, identity_no? } — the
// identity number (GB 11643) only for an examiner account: it links the account to the person's
// examiner and supervisor registrations. Users carry it masked, or null.
export const createUser = (data) => http.post('/users', data)
// Links (or corrects) an examiner account's identity number.
export const linkUserIdentity = (id, identityNo) =>
  http.post(`/users/${encodeURIComponent(id)}/identity`, { identity_no: identityNo })
export const disableUser = (id) => http.post(`/users/${encodeURIComponent(id)}/disable`)
export const enableUser = (id) => http.post(`/users/${encodeURIComponent(id)}/enable`)
export const resetUserPassword = (id, password) =>
  http.post(`/users/${encodeURIComponent(id)}/password`, { password })
