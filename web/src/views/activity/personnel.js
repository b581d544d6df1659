// Codes of the people and execution records of evaluation activity (src/domain/activity/
// personnel.hpp, assignment_rules.cpp, execution_rules.cpp, src/app/batch_service.cpp), the limits
// the server checks, and the translation of their parameterised problem codes
// ("qualified_only_to_level:5", "double_booked:plan:3/session:7", "unknown_field:x"). Texts are in
// the message files (activity.people.*, activity.staff.*, activity.exec.*, activity.batch.*).
import { reactive } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError } from '@/api/http'
import { followLanguage, useErrorText } from '@/composables/useErrors'
import { articleText } from '@/utils/articles'
import { isoToWall, useProblemText } from './activity'

export const PERSON_KINDS = ['examiner', 'internal_supervisor', 'external_supervisor']
export const SUPERVISOR_KINDS = ['internal_supervisor', 'external_supervisor']
// A registration is active or retired (kept, never assigned again); a retirement has a reason of
// at most 200 characters (personnel_service.cpp kMaxRetireReason).
export const PERSON_STATUSES = ['active', 'retired']
export const RETIRE_REASON_MAX = 200
// personnel_service.cpp build(): name ≤ 50 characters, phone ≤ 30 of digits, +, - and spaces,
// 1–50 qualifications, each subject once; an occupation at levels 1–5, a specification at 0.
export const PERSON_NAME_MAX = 50
export const PHONE_MAX = 30
export const PHONE_RE = /^[0-9+\- ]*$/
export const QUALIFICATIONS_MAX = 50
export const PANEL_MAX = 50
// execution_rules.cpp: a paper id of printable ASCII ≤ 64; a room ≤ 100 bytes, a storage id ≤ 200,
// the recording's SHA-256 as 64 hex digits.
export const PAPER_ID_MAX = 64
export const PAPER_ID_RE = /^[\x21-\x7e]+$/
export const ROOM_MAX = 100
export const STORAGE_ID_MAX = 200
export const SHA256_RE = /^[0-9a-fA-F]{64}$/
// Plan archive documents: PDF, PNG or JPEG up to 20 MiB (kMaxArchiveDocumentBytes).
export const DOCUMENT_ACCEPT = '.pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg'
export const DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
// Batches (batch_service.cpp): kinds, formats, columns, statuses; a part ≤ 6 MiB ending at a line end.
export const BATCH_KINDS = ['candidates', 'scores', 'certificates']
export const BATCH_FORMATS = ['csv', 'json']
export const BATCH_COLUMNS = {
  candidates: ['identity_no', 'name', 'education', 'years_in_trade', 'prior_level', 'prior_cert_date', 'apprenticeship', 'review'],
  scores: ['identity_no', 'part', 'score'],
  certificates: ['identity_no'],
}
export const BATCH_STATUSES = ['open', 'queued', 'processing', 'applied', 'refused', 'interrupted', 'withdrawn', 'expired']
export const BATCH_PART_BYTES = 4 * 1024 * 1024
const TAGS = {
  examiner: 'primary', internal_supervisor: 'success', external_supervisor: 'warning',
  open: 'info', queued: 'warning', processing: 'warning', applied: 'success', refused: 'danger', interrupted: 'danger', withdrawn: 'info', expired: 'info',
}
export const peopleTag = (s) => TAGS[s] || 'info'
export const batchRunning = (b) => b && (b.status === 'queued' || b.status === 'processing')
export const batchDone = (b) => b && ['applied', 'refused', 'interrupted', 'withdrawn', 'expired'].includes(b.status)

// Today in China and a date's expiry against it.
export const chinaToday = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10)
export const expired = (validUntil, day = chinaToday()) => Boolean(validUntil) && validUntil < day
// Still valid but ending within `days` (the holder should renew before being assigned past it).
export const EXPIRY_WARNING_DAYS = 90
export function expiresWithin(validUntil, days = EXPIRY_WARNING_DAYS, day = chinaToday()) {
  if (!validUntil || expired(validUntil, day)) return false
  const limit = new Date(Date.parse(`${day}T00:00:00Z`) + days * 86400e3).toISOString().slice(0, 10)
  return validUntil <= limit
}

// A problem code of these endpoints → [message key, params]; anything else goes to the activity's
// own translation (problems.*).
export function peopleProblemKey(problem) {
  const p = String(problem || '')
  let m
  if ((m = /^no_qualification_for:(.+)$/.exec(p))) return ['activity.people.problems.no_qualification_for', { subject: m[1] }]
  if ((m = /^qualified_only_to_level:(\d)$/.exec(p))) return ['activity.people.problems.qualified_only_to_level', { level: m[1] }]
  if ((m = /^qualification_expired:(.+)$/.exec(p))) return ['activity.people.problems.qualification_expired', { date: m[1] }]
  if ((m = /^double_booked:plan:(\d+)\/session:(\d+)$/.exec(p))) return ['activity.people.problems.double_booked', { plan: m[1], session: m[2] }]
  if ((m = /^person_is:(\w+)$/.exec(p))) return ['activity.people.problems.person_is', { kind: m[1] }]
  if ((m = /^unknown_field:(.+)$/.exec(p))) return ['activity.batch.problems.unknown_field', { name: m[1] }]
  if ((m = /^bad_type:(.+)$/.exec(p))) return ['activity.batch.problems.bad_type', { name: m[1] }]
  if ((m = /^invalid_utf8_at_line:(\d+)$/.exec(p))) return ['activity.batch.problems.invalid_utf8_at_line', { line: m[1] }]
  if ((m = /^status:(\w+)$/.exec(p))) return ['activity.batch.problems.status', { status: m[1] }]
  if (/^[a-z_0-9]+$/.test(p)) {
    for (const area of ['people', 'exec', 'batch']) {
      const key = `activity.${area}.problems.${p}`
      if (KNOWN[area].has(p)) return [key, {}]
    }
  }
  return null
}
const KNOWN = {
  people: new Set([
    'examiner_employed_by_the_institution', 'external_supervisor_employed_by_the_institution', 'internal_supervisor_of_another_institution',
    'unknown_person', 'already_assigned', 'already_registered', 'registered_elsewhere', 'not_a_session_of_the_plan', 'must_be_0_for_a_specification', 'unknown_subject',
    'must_be_a_phone_number', 'control_characters', 'too_many', 'unknown_kind', 'unknown_role', 'person_retired', 'cannot_be_changed',
  ]),
  exec: new Set(['must_be_printable_ascii', 'not_before_session_end', 'has_a_paper', 'outside_the_session', 'must_be_64_hex_digits', 'not_a_required_document']),
  batch: new Set([
    'wrong_header', 'bad_csv', 'wrong_field_count', 'duplicate_in_batch', 'must_be_yes_or_no', 'plan_cancelled', 'no_rows',
    'scores_only_for_a_published_plan_before_results', 'empty_part', 'part_must_end_at_a_line_end', 'no_part_uploaded',
    'must_be_candidates_scores_or_certificates', 'must_be_csv_or_json', 'not_admitted', 'not_a_candidate_of_the_plan',
    'exam_begun', 'results_publicity_not_over', 'not_issuable',
  ]),
}

// (problem, fieldLabel) → words, for every problem these pages meet.
export function usePeopleProblemText({ sessionName } = {}) {
  const { t, locale } = useI18n()
  const activityText = useProblemText()
  const text = (problem, field = '') => {
    // A whole batch's problem on row 0 leads with its article: "S19(2) exam_begun", "S20 status:suspended".
    const article = /^([SM]\d+(?:\(\d+\))?) (.+)$/.exec(String(problem || ''))
    if (article) return t('errors.withArticle', { text: text(article[2], field), article: articleText(article[1], locale.value) })
    const hit = peopleProblemKey(problem)
    if (!hit) return activityText(problem, field)
    const [key, params] = hit
    if (params.kind) params.kind = t('activity.people.kinds.' + params.kind)
    if (params.status) params.status = t('registry.statuses.' + params.status)
    // A double booking names the other session as the pages do (its number, part and time), when known.
    if (key === 'activity.people.problems.double_booked') {
      const named = sessionName?.(Number(params.plan), Number(params.session))
      if (named) return t('activity.people.problems.double_booked_named', { session: named })
    }
    return t(key, { field, ...params })
  }
  return text
}

// Server errors of a form: `details` on the form's fields, rows of a list field (e.g.
// `qualifications[1].level`) in `rows`, the rest above the form with the message and article.

export function usePeopleErrors(fields, labels = {}, rowPrefix = 'qualifications', { sessionName } = {}) {
  const { t } = useI18n()
  const { errorText, fieldName: known } = useErrorText()
  const fieldName = (f) => labels[f] || known(f)
  const problemText = usePeopleProblemText({ sessionName })
  const errors = reactive(Object.fromEntries(fields.map((f) => [f, ''])))
  const state = reactive({ message: '', article: '', other: [], rows: {} })
  // Every reason of a field is shown (a person may be both under-qualified and employed here).
  const add = (a, b) => (!a ? b : a.split(t('common.reasonSeparator')).includes(b) ? a : a + t('common.reasonSeparator') + b)
  function clear() {
    for (const f of fields) errors[f] = ''
    Object.assign(state, { message: '', article: '', other: [], rows: {} })
  }
  function apply(err) {
    clear()
    state.message = errorText(err)
    state.article = err?.article || ''
    if (!(err instanceof ApiError)) return
    const rowRe = new RegExp(`^${rowPrefix}\\[(\\d+)\\](?:\\.(\\w+))?$`)
    for (const d of err.details) {
      if (!d?.field) continue
      const m = rowRe.exec(d.field)
      const text = problemText(d.problem, m ? labels[m[2]] || fieldName(m[2] || rowPrefix) : fieldName(d.field))
      if (m) {
        const row = (state.rows[m[1]] ||= {})
        const key = m[2] || 'row'
        row[key] = add(row[key], text)
      } else if (d.field in errors) {
        errors[d.field] = add(errors[d.field], text)
      } else {
        state.other.push(`${fieldName(d.field)}: ${text}`)
      }
    }
  }
  const said = followLanguage(apply, clear)
  return { errors, state, clear: said.clear, apply: said.apply }
}

// A session in words: its part, China-time date and hours, and room ("理论知识考试 2026-12-09
// 09:00–11:00 第一考场"); dates stay in the numeric form in both languages.
export function sessionLabel(t, s) {
  if (!s) return ''
  const a = isoToWall(s.starts_at)
  const b = isoToWall(s.ends_at)
  const end = a.slice(0, 10) === b.slice(0, 10) ? b.slice(11) : b.replace('T', ' ')
  return `${t('activity.parts.' + s.part)} ${a.replace('T', ' ')}–${end} ${s.room || ''}`.trim()
}
