// Notification kinds (docs/notifications.md) and where a notification's `link` (the object's API
// path, e.g. /api/v1/cases/3) leads inside the console for the signed-in role.
import { isInstitutionRole } from '@/config/roles'

export const KINDS = [
  'renewal_window_opened', 'expiry_in_30_days', 'application_publicity_ending', 'results_publicity_ending',
  'statement_window_closing', 'rectification_due', 'rectification_overdue', 'certificate_reports_overdue',
  'complaint_reply_due', 'complaint_reply_overdue', 'sampling_waiting', 'draw_publication_due', 'calendar_uncovered',
  'complaint_received', 'case_served', 'case_decided', 'case_reviewed', 'exam_site_requested',
  'rectification_reported', 'rectification_rejected', 'assignment_made', 'assignment_removed',
]
// Tag colours: overdue red, due soon orange, events blue, the rest grey.
export function kindTag(kind) {
  if (/overdue/.test(kind)) return 'danger'
  if (['complaint_received', 'case_served', 'case_decided', 'case_reviewed', 'exam_site_requested', 'rectification_reported', 'rectification_rejected', 'assignment_made', 'assignment_removed'].includes(kind)) return 'primary'
  if (/due|ending|closing|expiry|uncovered/.test(kind)) return 'warning'
  return 'info'
}

const API = /^\/api\/v1\//

/**
 * The console route of a notification's link for this role, or null when the console has no page
 * for it (the caller then only marks it read). The router still checks meta.roles.
 */
export function linkRoute(link, role) {
  if (!link || !API.test(link)) return null
  const url = new URL(link, 'http://local')
  const path = url.pathname.replace(API, '')
  const q = Object.fromEntries(url.searchParams)
  const inst = isInstitutionRole(role)
  let m
  if ((m = /^institutions\/(\d+)$/.exec(path))) return inst ? { name: 'my-institution' } : { name: 'institution-detail', params: { id: m[1] } }
  if ((m = /^applications\/(\d+)$/.exec(path))) return { name: 'application-detail', params: { id: m[1] } }
  if ((m = /^plans\/(\d+)$/.exec(path))) return { name: 'plan-detail', params: { id: m[1] } }
  if ((m = /^cases\/(\d+)$/.exec(path))) return { name: inst ? 'my-case-detail' : 'case-detail', params: { id: m[1] } }
  if ((m = /^inspections\/(\d+)$/.exec(path))) return { name: role === 'inspector' ? 'my-inspection-detail' : 'inspection-detail', params: { id: m[1] } }
  if ((m = /^complaints\/(\d+)$/.exec(path))) return { name: 'complaint-detail', params: { id: m[1] } }
  // M16: a session arranged for the examiner (or taken away) leads to their own assignments.
  if (path === 'examiners/me/assignments') return { name: 'my-assignments', query: q.when === 'past' ? { when: 'past' } : {} }
  if (/^monitoring\/sampling(\/\d+)?$/.test(path)) return { name: 'sampling' }
  if ((m = /^supervision\/draws\/(\d+)$/.exec(path))) return { name: 'draw-detail', params: { id: m[1] } }
  if (path === 'certificates' && /^\d+$/.test(q.plan_id || '')) return { name: 'plan-detail', params: { id: q.plan_id }, query: { tab: 'certificates' } }
  if (path === 'certificates') return { name: 'certificates' }
  // M12: a requested exam site waits for the area authority's confirmation.
  if (path === 'exam-sites') return inst ? null : { name: 'exam-site-confirmations', query: q.status ? { status: q.status } : {} }
  if (path === 'calendar') {
    const year = /^\d{4}$/.test(q.year || '') ? q.year : undefined
    return role === 'province_admin' ? { name: 'calendar', query: { year } } : { name: 'reference', query: { tab: 'calendar' } }
  }
  return null
}
