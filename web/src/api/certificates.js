// Certificates (S18, S19(9), S19(10)) and the public certificate check with its signed QR code.
import { http } from './http'

const id = (v) => encodeURIComponent(v)

export const listCertificates = ({ plan_id, status, reported, overdue, page, page_size } = {}, opts) =>
  http.get('/certificates', { plan_id, status, reported, overdue, page, page_size }, opts)
// Without candidate_ids: every passed candidate of the plan without a certificate.
export const issueCertificates = (plan_id, candidate_ids) =>
  http.post('/certificates', candidate_ids?.length ? { plan_id, candidate_ids } : { plan_id })
export const reportCertificates = (cert_nos, reported_on) => http.post('/certificates/report', { cert_nos, reported_on })
export const voidCertificate = (no, reason) => http.post(`/certificates/${id(no)}/void`, { reason })

// Public: { status: valid | voided | not_found, cert_no, name, identity_no (masked), occupation_code,
// occupation_name, level, institution_code, institution_name, issued_on, reason? }
export const verifyCertificate = (cert_no, name, opts) =>
  http.get('/public/certificates/verify', { cert_no, name }, { ...opts, auth: false })
// The QR code carries the holder's name, so the server answers only someone who names them.
export const certificateQrUrl = (no, name) => `/api/v1/public/certificates/${id(no)}/qr.png?name=${encodeURIComponent(name)}`
