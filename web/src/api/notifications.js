// The in-app inbox (issue 10 §2) and an authority's webhook. docs/notifications.md.
import { http, request } from './http'

// → { items: [{ id, kind, object_type, object_id, link, title_zh, title_en, params, article,
//    region_code, due_on, created_at, read, read_at }], total, page, page_size }; newest first.
// kind: one notification kind (e.g. 'calendar_uncovered'), or every kind when absent.
export const listNotifications = ({ unread, kind, page, page_size } = {}, opts) =>
  http.get('/notifications', { unread, kind, page, page_size }, opts)
// → { unread: N }
export const unreadCount = (opts) => http.get('/notifications/unread-count', undefined, opts)
export const markRead = (id) => http.post(`/notifications/${encodeURIComponent(id)}/read`)
// → { marked: N }
export const markAllRead = () => http.post('/notifications/read-all')

// Officials only (403 otherwise). → { configured, region_code?, url, active, has_secret?,
// updated_at?, deliveries: [{ id, kind, event, status, attempts, last_error }] }
export const getWebhook = (opts) => http.get('/webhooks', undefined, opts)
// { url, secret? (16–200; required the first time, never shown back), active }
export const saveWebhook = (data) => request('PUT', '/webhooks', { body: data })
