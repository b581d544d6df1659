// Codes of the evaluation activity (src/domain/activity/records.hpp) with the tag colour of each
// status, the time conversions of plan sessions, and the translation of the problem codes the
// activity endpoints send with parameters ("4-01-02-01/2:not_in_scope", "no_session_for:theory",
// "years_total<6", "overlapping_plan:12"). Names are in the message files (activity.*).
import { reactive } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError } from '@/api/http'
import { followLanguage, useErrorText } from '@/composables/useErrors'

export const PLAN_STATUSES = ['draft', 'published', 'cancelled']
export const PARTS = ['theory', 'practical', 'review']
export const QUESTION_SOURCES = ['unified_bank', 'own_bank']
export const EDUCATIONS = ['none', 'junior_high', 'high_school', 'technical_school', 'college', 'bachelor', 'master', 'doctor']
export const REVIEW_DECISIONS = ['pending', 'admitted', 'refused']
// voided: declared void by an enforcement decision (S18), no score or certificate after it.
export const RESULTS = ['pending', 'passed', 'failed', 'voided']
export const SKILL_LEVELS = [5, 4, 3, 2, 1]
export const CERT_STATUSES = ['valid', 'voided']
export const INSTITUTION_ROLES = ['institution_admin', 'institution_staff']
// Mirrors ActivityPolicy (activity_policy.hpp): the defaults the server checks against.
export const MAX_SESSION_HOURS = 12
export const PUBLISH_DAYS_BEFORE = 7
export const PLANNED_MIN = 1
export const PLANNED_MAX = 100000
export const FEE_MAX = 100000

const TAGS = {
  draft: 'info', published: 'success', cancelled: 'danger',
  pending: 'warning', admitted: 'success', refused: 'danger',
  passed: 'success', failed: 'danger',
  // A void certificate, or a result declared void (S18): a sanction.
  valid: 'success', voided: 'danger',
}
export const activityTag = (s) => TAGS[s] || 'info'

// Sessions are edited as China-time wall clock ('YYYY-MM-DDTHH:mm', a datetime-local input) and
// sent as ISO 8601 with +08:00, whatever the browser's own zone.
export function wallToIso(wall) {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(wall || '') ? `${wall}:00+08:00` : wall || ''
}
export function isoToWall(iso) {
  const t = new Date(iso)
  if (!iso || Number.isNaN(t.getTime())) return ''
  return new Date(t.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16)
}
// Milliseconds of a wall-clock value (as if UTC; only differences and order matter).
export const wallMs = (wall) => (wall ? Date.parse(`${wall}:00Z`) : NaN)
// Today's date in China, 'YYYY-MM-DD'.
export const chinaToday = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10)

// A problem code → [message key, params]. Unknown codes stay as they are.
export function problemKey(problem) {
  const p = String(problem || '')
  let m
  if ((m = /^(.+)\/(\d):not_in_scope$/.exec(p))) return ['problems.not_in_scope', { subject: m[1], level: m[2] }]
  if ((m = /^longer_than_(\d+)_hours$/.exec(p))) return ['problems.longer_than_hours', { n: m[1] }]
  if ((m = /^overlaps:sessions\[(\d+)\]$/.exec(p))) return ['problems.overlaps_session', { n: Number(m[1]) + 1 }]
  if ((m = /^no_session_for:(\w+)$/.exec(p))) return ['problems.no_session_for', { part: m[1] }]
  if ((m = /^unknown_session_id:(\d+)$/.exec(p))) return ['problems.unknown_session_id', { id: m[1] }]
  if ((m = /^held_session_removed:(\d+)$/.exec(p))) return ['problems.held_session_removed', { id: m[1] }]
  return [`problems.${p}`, {}]
}

export function useProblemText() {
  const { t, te } = useI18n()
  return (problem, field = '') => {
    const [key, params] = problemKey(problem)
    if (!te(key)) return problem
    if (params.part) params.part = t('activity.parts.' + params.part)
    return t(key, { field, ...params })
  }
}

/**
 * Field errors of an activity form, nested fields included: `sessions[2].ends_at` lands in
 * rows[2].ends_at, `fields` are top-level fields, anything else goes to `other` (shown above).
 */
export function useActivityErrors(fields, labels = {}) {
  const { t } = useI18n()
  const { errorText, fieldName: known } = useErrorText()
  const fieldName = (f) => labels[f] || known(f)
  const problemText = useProblemText()
  const errors = reactive(Object.fromEntries(fields.map((f) => [f, ''])))
  const state = reactive({ message: '', article: '', other: [], rows: {} })
  function clear() {
    for (const f of fields) errors[f] = ''
    state.message = ''
    state.article = ''
    state.other = []
    state.rows = {}
  }
  function apply(err, rowPrefix = 'sessions') {
    clear()
    state.message = errorText(err)
    state.article = err?.article || ''
    if (!(err instanceof ApiError)) return
    const rowRe = new RegExp(`^${rowPrefix}\\[(\\d+)\\](?:\\.(\\w+))?$`)
    for (const d of err.details) {
      if (!d?.field) continue
      // S19(1): the date the plan had to be published by, sent as the detail's value.
      if (d.field === 'latest_publication_date') {
        state.other.push(t('activity.detail.latestPublication', { date: d.problem }))
        continue
      }
      const text = problemText(d.problem, fieldName(d.field))
      const m = rowRe.exec(d.field)
      const top = d.field.replace(/\[\d+\]$/, '')
      if (m) {
        const row = (state.rows[m[1]] ||= {})
        const key = m[2] || 'row'
        row[key] = row[key] || text
      } else if (top in errors) {
        errors[top] = errors[top] || text
      } else {
        state.other.push(`${fieldName(d.field)}: ${text}`)
      }
    }
  }
  const said = followLanguage(apply, clear)
  return { errors, state, clear: said.clear, apply: said.apply }
}

// An unmet key of a route (application_conditions.hpp RouteCheck::unmet) in words.
export function useUnmetText() {
  const { t, te } = useI18n()
  return (key) => {
    const m = /^(\w+)<(\d+)$/.exec(key)
    if (m) return t(`activity.unmet.${m[1]}`, { n: m[2] })
    return te(`activity.unmet.${key}`) ? t(`activity.unmet.${key}`) : key
  }
}

// A candidate flag → { text, type }.
export function useFlagText() {
  const { t } = useI18n()
  return (flag) => {
    const m = /^overlapping_plan:(\d+)$/.exec(flag)
    if (m) return { text: t('activity.flags.overlapping_plan', { id: m[1] }), type: 'warning', plan: Number(m[1]) }
    if (flag === 'ineligible_admitted') return { text: t('activity.flags.ineligible_admitted'), type: 'danger' }
    return { text: flag, type: 'info' }
  }
}
