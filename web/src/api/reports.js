// Reports 统计报表 (issue 10 §3, docs/reports.md): the catalogue and one report over the caller's
// region (or a region within it) for a period, as JSON for the page or CSV / XLSX to download.
import { fetchFile, http } from './http'

const id = (v) => encodeURIComponent(v)

// { items: [{ name, title, title_zh, title_en, articles, formats, columns: [{ key, title, zh, en, type }] }] }
export const listReports = (opts) => http.get('/reports', undefined, opts)
// { from, to, region_code } (each optional): 400 for a malformed date or region code, 404 for a
// region outside the caller's, 422 { field: 'to', problem: 'before_from' }.
export const getReport = (name, { from, to, region_code } = {}, opts) =>
  http.get(`/reports/${id(name)}`, { format: 'json', from, to, region_code }, opts)
// format 'csv' | 'xlsx' → { blob, filename }
export const downloadReport = (name, format, { from, to, region_code } = {}, opts) =>
  fetchFile(`/reports/${id(name)}`, { ...opts, query: { format, from, to, region_code } })
