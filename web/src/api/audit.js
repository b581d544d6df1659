// /audit: the hash-chained audit log within the caller's scope, newest first.
import { http } from './http'

export const listAudit = ({ object_type, object_id, action, page, page_size } = {}, opts) =>
  http.get('/audit', { object_type, object_id, action, page, page_size }, opts)
// Province administrators only: { valid, entries, first_bad, problem }
export const verifyAudit = () => http.get('/audit/verify')
