// The one place that talks HTTP to the skillreg API (API.md): JSON in and out, the cookie session
// (credentials same-origin), the CSRF header on every state change, Accept-Language for the
// server's messages, and every error turned into an ApiError with the server's code, message
// and per-field details.

const BASE = '/api/v1'

const hooks = {
  // () => ({ header, token }) — the session store provides the CSRF token it keeps in memory.
  csrf: () => ({ header: 'X-CSRF-Token', token: null }),
  // () => 'zh-CN' | 'en'
  locale: () => 'zh-CN',
  // Called when an authenticated call answers 401 (session ended or expired).
  unauthenticated: () => {},
}

export function configureHttp(next) {
  Object.assign(hooks, next)
}

export class ApiError extends Error {
  constructor({ status, code, message, messages = null, details = [], retryAfter = null, article = null }) {
    super(message || code)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    // The server's message in both languages ({ zh, en }; `message` is in the request's), so that an
    // error still on screen when the user switches language can be said again in the new one.
    this.messages = messages
    this.details = Array.isArray(details) ? details : []
    this.retryAfter = retryAfter
    // The article of the regulations a refusal rests on (e.g. "M9(2)", "M23"), when the server names one.
    this.article = article
  }

  // Field → problem, for the `details` the server names (422 and some 400s).
  get fieldProblems() {
    const out = {}
    for (const d of this.details) if (d && d.field && !(d.field in out)) out[d.field] = d.problem
    return out
  }
}

// The ApiError for an answer with status `status` and (possibly null) JSON body `data`.
export function apiErrorOf(status, data, retryAfter = null) {
  return new ApiError({
    status,
    code: data?.error?.code || `http_${status}`,
    message: data?.error?.message || '',
    messages: data?.error?.messages || null,
    details: data?.error?.details || [],
    retryAfter,
    article: data?.error?.article || null,
  })
}

function queryString(query) {
  if (!query) return ''
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue
    p.append(k, String(v))
  }
  const s = p.toString()
  return s ? `?${s}` : ''
}

function retryAfterOf(res, body) {
  const header = Number(res.headers.get('Retry-After'))
  if (Number.isFinite(header) && header > 0) return header
  const d = body?.error?.details?.find?.((x) => x.field === 'retry_after')
  const n = Number(d?.problem)
  return Number.isFinite(n) && n > 0 ? n : null
}

/**
 * request('GET', '/users', { query: { page: 1 } })
 * Options: query, body (JSON), signal, auth (default true: a 401 ends the client session).
 */
export async function request(method, path, { query, body, signal, auth = true } = {}) {
  const headers = { Accept: 'application/json', 'Accept-Language': hooks.locale() }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (method !== 'GET' && method !== 'HEAD') {
    const { header, token } = hooks.csrf()
    if (token) headers[header || 'X-CSRF-Token'] = token
  }
  let res
  try {
    res = await fetch(BASE + path + queryString(query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal,
    })
  } catch (e) {
    if (e?.name === 'AbortError') throw e
    throw new ApiError({ status: 0, code: 'network', message: '' })
  }
  let data = null
  const type = res.headers.get('Content-Type') || ''
  if (type.includes('application/json')) {
    try {
      data = await res.json()
    } catch {
      data = null
    }
  }
  if (!res.ok) {
    const err = apiErrorOf(res.status, data, res.status === 429 ? retryAfterOf(res, data) : null)
    if (res.status === 401 && auth) hooks.unauthenticated(err)
    throw err
  }
  return data
}

/**
 * A file the server renders (a report as CSV or XLSX): fetched with the session like request(),
 * answered as { blob, filename } with the name from Content-Disposition (RFC 6266: the UTF-8
 * `filename*` first, else `filename`). Errors as request().
 */
export async function fetchFile(path, { query, signal } = {}) {
  let res
  try {
    res = await fetch(BASE + path + queryString(query), {
      headers: { Accept: '*/*', 'Accept-Language': hooks.locale() },
      credentials: 'same-origin',
      cache: 'no-store',
      signal,
    })
  } catch (e) {
    if (e?.name === 'AbortError') throw e
    throw new ApiError({ status: 0, code: 'network', message: '' })
  }
  if (!res.ok) {
    let data = null
    if ((res.headers.get('Content-Type') || '').includes('application/json')) data = await res.json().catch(() => null)
    const err = apiErrorOf(res.status, data)
    if (res.status === 401) hooks.unauthenticated(err)
    throw err
  }
  return { blob: await res.blob(), filename: filenameOf(res.headers.get('Content-Disposition')) }
}

function filenameOf(disposition) {
  if (!disposition) return ''
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition)
  if (star) {
    try {
      return decodeURIComponent(star[1].trim())
    } catch {
      /* fall back to the plain name */
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"/i.exec(disposition) || /filename\s*=\s*([^;]+)/i.exec(disposition)
  return plain ? plain[1].trim() : ''
}

// Hands a fetched file to the browser as a download under the given name.
export function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename || 'download'
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10000)
}

// A list's CSV export (issue 10 §4): the same path and filters as the page, without paging.
export function exportUrl(path, query = {}) {
  const { page: _p, page_size: _s, ...filters } = query
  return BASE + path + queryString({ ...filters, format: 'csv' })
}

export const http = {
  // opts.onRequest(path, query), when given, learns what was asked (a paged list's export link).
  get: (path, query, opts = {}) => {
    opts.onRequest?.(path, query)
    const { onRequest: _, ...rest } = opts
    return request('GET', path, { ...rest, query })
  },
  post: (path, body = {}, opts = {}) => request('POST', path, { ...opts, body }),
}

/**
 * A request whose body is not JSON (a file, CSV lines), sent with XMLHttpRequest so that the
 * upload's progress can be shown: upload('POST', '/plans/3/documents', file,
 * { query, contentType, onProgress: (sent, total) => … }). Same headers, CSRF token and errors
 * as request().
 */
export function upload(method, path, body, { query, contentType, onProgress, signal } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open(method, BASE + path + queryString(query))
    xhr.withCredentials = true
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.setRequestHeader('Accept-Language', hooks.locale())
    xhr.setRequestHeader('Content-Type', contentType || body?.type || 'application/octet-stream')
    const { header, token } = hooks.csrf()
    if (token) xhr.setRequestHeader(header || 'X-CSRF-Token', token)
    if (onProgress) xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : 0)
    if (signal) signal.addEventListener('abort', () => xhr.abort(), { once: true })
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'))
    xhr.onerror = () => reject(new ApiError({ status: 0, code: 'network', message: '' }))
    xhr.onload = () => {
      let data = null
      if ((xhr.getResponseHeader('Content-Type') || '').includes('application/json')) {
        try {
          data = JSON.parse(xhr.responseText)
        } catch {
          data = null
        }
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data)
      const err = apiErrorOf(xhr.status, data)
      if (xhr.status === 401) hooks.unauthenticated(err)
      reject(err)
    }
    xhr.send(body)
  })
}
