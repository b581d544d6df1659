// Codes of digital monitoring 数字化监测 (docs/monitoring.md): the six dimensions, the indicator
// table (mirrors data/monitoring_indicators.csv: dimension, article, default points per case and
// maximum, critical), the policy's fields with the ranges src/domain/monitoring/policy.cpp accepts,
// the browser's check of a policy (the same rules: range, integers, weights adding up to 1 ± 0.001,
// increasing star thresholds, notice cap ≤ interview cap, max ≥ per case), the records a deduction
// names, and the words for the problem codes the monitoring endpoints send.
import { useI18n } from 'vue-i18n'

export const DIMENSIONS = ['plan_validity', 'qualification_accuracy', 'question_usage', 'personnel_compliance', 'result_authenticity', 'traceability']

export const INDICATORS = [
  { key: 'late_publication', dimension: 'plan_validity', article: 'S19(1)', perCase: 5, max: 30, critical: false },
  { key: 'late_cancellation', dimension: 'plan_validity', article: 'S19(1)', perCase: 20, max: 20, critical: false },
  { key: 'sessions_moved', dimension: 'plan_validity', article: 'S19(1)', perCase: 10, max: 30, critical: false },
  { key: 'head_count_off_plan', dimension: 'plan_validity', article: 'S19(1)', perCase: 10, max: 10, critical: false },
  { key: 'out_of_scope', dimension: 'plan_validity', article: 'S20(2)', perCase: 100, max: 100, critical: true },
  { key: 'ineligible_admitted', dimension: 'qualification_accuracy', article: 'S19(2)', perCase: 10, max: 100, critical: true },
  { key: 'duplicate_identity', dimension: 'qualification_accuracy', article: 'S19(2)', perCase: 10, max: 50, critical: true },
  { key: 'not_unified_bank', dimension: 'question_usage', article: 'S19(6)', perCase: 30, max: 30, critical: false },
  { key: 'not_paperless', dimension: 'question_usage', article: 'S19(6)', perCase: 20, max: 20, critical: false },
  { key: 'paper_missing', dimension: 'question_usage', article: 'S19(6)', perCase: 15, max: 30, critical: false },
  { key: 'paper_outside_window', dimension: 'question_usage', article: 'S19(7)', perCase: 10, max: 30, critical: false },
  { key: 'paper_reused', dimension: 'question_usage', article: 'S18(4)', perCase: 20, max: 40, critical: true },
  { key: 'examiner_unqualified', dimension: 'personnel_compliance', article: 'S19(8)', perCase: 15, max: 45, critical: false },
  { key: 'examiner_ratio', dimension: 'personnel_compliance', article: 'S19(8)', perCase: 10, max: 30, critical: false },
  { key: 'panel_too_small', dimension: 'personnel_compliance', article: 'S19(8)', perCase: 10, max: 30, critical: false },
  { key: 'double_booking', dimension: 'personnel_compliance', article: 'S19(8)', perCase: 15, max: 45, critical: true },
  { key: 'avoidance', dimension: 'personnel_compliance', article: 'S19(8)', perCase: 20, max: 40, critical: false },
  { key: 'rotation', dimension: 'personnel_compliance', article: 'S19(8)', perCase: 5, max: 15, critical: false },
  { key: 'internal_supervisor_missing', dimension: 'personnel_compliance', article: 'S19(8)', perCase: 10, max: 20, critical: false },
  { key: 'external_supervisor_missing', dimension: 'personnel_compliance', article: 'S16', perCase: 10, max: 20, critical: false },
  { key: 'pass_rate_outlier', dimension: 'result_authenticity', article: 'S18(3)', perCase: 30, max: 30, critical: false },
  { key: 'bunched_scores', dimension: 'result_authenticity', article: 'S18(3)', perCase: 30, max: 30, critical: true },
  { key: 'identical_score_vectors', dimension: 'result_authenticity', article: 'S18(2)', perCase: 15, max: 30, critical: true },
  { key: 'score_before_exam', dimension: 'result_authenticity', article: 'S18(2)', perCase: 20, max: 40, critical: true },
  { key: 'short_session', dimension: 'result_authenticity', article: 'S19(3)', perCase: 10, max: 20, critical: false },
  { key: 'video_coverage', dimension: 'traceability', article: 'S19(11)', perCase: 15, max: 30, critical: false },
  { key: 'archive_incomplete', dimension: 'traceability', article: 'S19(11)', perCase: 5, max: 30, critical: false },
  { key: 'results_unpublished', dimension: 'traceability', article: 'S19(9)', perCase: 20, max: 20, critical: false },
  { key: 'certificate_report_late', dimension: 'traceability', article: 'S19(10)', perCase: 2, max: 30, critical: false },]
export const INDICATOR_BY_KEY = Object.fromEntries(INDICATORS.map((i) => [i.key, i]))

// The policy's scalar fields in groups: [key, min, max, integer, step].
export const POLICY_GROUPS = [
  { key: 'planning', fields: [['publish_days_before', 0, 90, true], ['cancel_notice_days', 0, 90, true], ['head_count_tolerance', 0, 1, false, 0.05]] },
  { key: 'questions', fields: [['paper_window_hours', 1, 720, true]] },
  {
    key: 'personnel',
    fields: [['candidates_per_examiner', 1, 100, true], ['min_practical_panel', 1, 20, true], ['min_internal_supervisors', 0, 10, true], ['rotation_limit', 1, 366, true]],
  },
  {
    key: 'results',
    fields: [
      ['min_session_minutes', 1, 720, true], ['pass_rate_z_threshold', 1, 20, false, 0.1], ['pass_rate_min_baseline', 3, 10000, true],
      ['pass_rate_min_candidates', 1, 10000, true], ['bunching_band', 0.5, 20, false, 0.5], ['bunching_min_share', 0, 1, false, 0.05],
      ['bunching_ratio', 1, 100, false, 0.5], ['bunching_min_scores', 1, 10000, true], ['identical_min_group', 2, 1000, true], ['identical_min_parts', 1, 10, true],
    ],
  },
  { key: 'traceability', fields: [['video_coverage_min', 0, 1, false, 0.05], ['results_due_days', 1, 365, true], ['certificate_report_days', 1, 365, true]] },
  { key: 'sampling', fields: [['sampling_share', 0, 1, false, 0.05], ['sampling_below', 0, 100, false, 1]] },
  { key: 'rating', fields: [['interview_cap_stars', 1, 5, true], ['notice_cap_stars', 1, 5, true], ['cap_months', 1, 120, true]] },
].map((g) => ({ key: g.key, fields: g.fields.map(([key, min, max, integer, step]) => ({ key, min, max, integer, step: step ?? 1 })) }))
export const POLICY_FIELDS = Object.fromEntries(POLICY_GROUPS.flatMap((g) => g.fields).map((f) => [f.key, f]))
// Shares shown as percentages beside the value.
export const SHARE_FIELDS = new Set(['head_count_tolerance', 'bunching_min_share', 'video_coverage_min', 'sampling_share'])
export const WEIGHT_TOLERANCE = 0.001
export const POINTS_MAX = 100

export const SAMPLING_STATUSES = ['open', 'done']
export const SAMPLING_REASONS = ['critical', 'random']
export const SAMPLING_ACTIONS = ['recheck', 'question', 'visit']
export const SAMPLING_OUTCOMES = ['confirmed', 'cleared']
export const NOTE_MAX_BYTES = 4000
export const POLICY_NOTE_MAX_BYTES = 2000
export const utf8Length = (s) => new TextEncoder().encode(s || '').length

const TAGS = { open: 'warning', done: 'success', critical: 'danger', random: 'info', confirmed: 'danger', cleared: 'success', running: 'warning', failed: 'danger' }
export const monitoringTag = (s) => TAGS[s] || 'info'

// A score's colour: good from 90, fair from 70, poor below (the default star thresholds).
export function scoreClass(v) {
  if (v === null || v === undefined) return 'score--none'
  return v >= 90 ? 'score--good' : v >= 70 ? 'score--fair' : 'score--poor'
}

// "candidate:5" → { type: 'candidate', id: '5' }; a certificate's id is its number.
export function parseRecord(r) {
  const i = String(r).indexOf(':')
  return i < 0 ? { type: 'record', id: String(r) } : { type: r.slice(0, i), id: r.slice(i + 1) }
}

// A deep copy of a policy's editable part (the scalar fields, weights, stars, indicator overrides).
export function editablePolicy(p) {
  const out = {}
  for (const k of Object.keys(POLICY_FIELDS)) out[k] = p?.[k] ?? null
  out.weights = Object.fromEntries(DIMENSIONS.map((d) => [d, p?.weights?.[d] ?? 1 / 6]))
  out.star_thresholds = [...(p?.star_thresholds || [60, 70, 80, 90])]
  out.indicators = Object.fromEntries(
    INDICATORS.map((i) => {
      const o = p?.indicators?.[i.key]
      return [i.key, { deduction_per_case: o ? o.deduction_per_case : null, max_deduction: o ? o.max_deduction : null }]
    }),
  )
  return out
}

// The policy as the API takes it: overrides only for the indicators given both numbers.
export function policyBody(e) {
  const body = {}
  for (const k of Object.keys(POLICY_FIELDS)) body[k] = e[k]
  body.weights = { ...e.weights }
  body.star_thresholds = [...e.star_thresholds]
  body.indicators = {}
  for (const [k, o] of Object.entries(e.indicators)) {
    if (o.deduction_per_case === null && o.max_deduction === null) continue
    body.indicators[k] = { deduction_per_case: o.deduction_per_case, max_deduction: o.max_deduction }
  }
  return body
}

export const weightSum = (weights) => DIMENSIONS.reduce((s, d) => s + (Number(weights?.[d]) || 0), 0)

// The server's checks, in the browser: field → problem code (with the field's range for the words).
export function validatePolicy(e) {
  const problems = {}
  const num = (v) => typeof v === 'number' && Number.isFinite(v)
  const range = (field, v, min, max, integer) => {
    if (!num(v)) problems[field] = integer ? 'must_be_integer' : 'must_be_number'
    else if (integer && !Number.isInteger(v)) problems[field] = 'must_be_integer'
    else if (v < min || v > max) problems[field] = 'out_of_range'
  }
  for (const f of Object.values(POLICY_FIELDS)) range(f.key, e[f.key], f.min, f.max, f.integer)
  let weightsOk = true
  for (const d of DIMENSIONS) {
    range(`weights.${d}`, e.weights[d], 0, 1, false)
    if (problems[`weights.${d}`]) weightsOk = false
  }
  if (weightsOk && Math.abs(weightSum(e.weights) - 1) > WEIGHT_TOLERANCE) problems.weights = 'weights_must_sum_to_1'
  let starsOk = true
  e.star_thresholds.forEach((v, i) => {
    range(`star_thresholds[${i}]`, v, 0, 100, false)
    if (problems[`star_thresholds[${i}]`]) starsOk = false
  })
  if (starsOk && e.star_thresholds.some((v, i) => i > 0 && v <= e.star_thresholds[i - 1])) problems.star_thresholds = 'not_increasing'
  if (!problems.notice_cap_stars && !problems.interview_cap_stars && e.notice_cap_stars > e.interview_cap_stars) problems.notice_cap_stars = 'above_interview_cap'
  for (const [k, o] of Object.entries(e.indicators)) {
    const a = o.deduction_per_case
    const b = o.max_deduction
    if (a === null && b === null) continue
    if (a === null) problems[`indicators.${k}.deduction_per_case`] = 'required'
    else range(`indicators.${k}.deduction_per_case`, a, 0, POINTS_MAX, false)
    if (b === null) problems[`indicators.${k}.max_deduction`] = 'required'
    else range(`indicators.${k}.max_deduction`, b, 0, POINTS_MAX, false)
    if (a !== null && b !== null && !problems[`indicators.${k}.deduction_per_case`] && !problems[`indicators.${k}.max_deduction`] && b < a)
      problems[`indicators.${k}`] = 'max_below_per_case'
  }
  return problems
}

// Words for the monitoring problem codes (parameters after ':' dropped, ranges from the field
// table), and the indicator and dimension names in the current language.
export function useMonitoringText() {
  const { t, te, locale } = useI18n()
  function rangeOf(field) {
    if (POLICY_FIELDS[field]) return POLICY_FIELDS[field]
    if (field.startsWith('weights.')) return { min: 0, max: 1 }
    if (field.startsWith('star_thresholds')) return { min: 0, max: 100 }
    if (field.startsWith('indicators.')) return { min: 0, max: POINTS_MAX }
    return null
  }
  function problem(code, field = '') {
    const key = String(code).split(':')[0]
    const r = rangeOf(field)
    if (te(`monitoring.problems.${key}`)) return t(`monitoring.problems.${key}`, { min: r?.min ?? '', max: r?.max ?? '' })
    if (te(`problems.${key}`)) return t(`problems.${key}`, { field: '' })
    return code
  }
  const indicator = (key, d) => {
    if (d && (locale.value === 'en' ? d.text_en : d.text_zh)) return locale.value === 'en' ? d.text_en : d.text_zh
    return te(`monitoring.indicators.${key}`) ? t(`monitoring.indicators.${key}`) : key
  }
  const dimension = (key) => t(`monitoring.dimensions.${key}`)
  // Why a deduction, a note or a rating is what it is: the server says it in both languages
  // (explanation, explanation_zh); a score stored before it spoke Chinese has only the English.
  const explanation = (x) => (locale.value !== 'en' && x?.explanation_zh) || x?.explanation || ''
  return { problem, indicator, dimension, explanation }
}
