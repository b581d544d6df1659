// Bulk reporting 批量上报: a batch of candidates, scores or certificates to issue for one plan, sent
// in parts (CSV lines, the first part with the header, or JSON arrays; ≤ 6 MiB each), committed,
// then validated row by row by the server's worker and applied whole or refused whole with every
// row's errors. GET /batches/{id} shows the progress (phase, processed rows, the share of the bytes checked) while it runs.
import { http, request, upload } from './http'

const id = (v) => encodeURIComponent(v)

// The list carries counts and progress only (error_count, rows, status, kind); the row errors are
// on GET /batches/{id}. Filters: status, kind, and for officials institution_id.
export const listBatches = ({ status, kind, institution_id, page, page_size } = {}, opts) =>
  http.get('/batches', { status, kind, institution_id, page, page_size }, opts)
export const getBatch = (bid, opts) => http.get(`/batches/${id(bid)}`, undefined, opts)
// { kind: candidates | scores | certificates, plan_id, format: csv | json }
export const createBatch = (data) => http.post('/batches', data)
export const uploadBatchPart = (bid, text, { format = 'csv', onProgress, signal } = {}) =>
  upload('POST', `/batches/${id(bid)}/parts`, text, { contentType: format === 'json' ? 'application/json' : 'text/csv; charset=utf-8', onProgress, signal })
export const commitBatch = (bid) => http.post(`/batches/${id(bid)}/commit`)
// An open batch not to be committed: withdrawn, its parts dropped (open batches also expire after 7 days).
export const withdrawBatch = (bid) => request('DELETE', `/batches/${id(bid)}`)
