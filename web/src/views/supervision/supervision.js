// Codes of supervision 监督检查 (docs/supervision.md) with the tag colour of each status, the
// limits the server checks (mirrored in the forms), and helpers shared by the pages: checklist
// item texts, the words for problem codes, the field errors of a form.
import { reactive } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError } from '@/api/http'
import { followLanguage, useErrorText } from '@/composables/useErrors'

export const AUTHORITY_ROLES = ['province_admin', 'eval_center', 'city_officer', 'county_officer']
export const INSTITUTION_ROLES = ['institution_admin', 'institution_staff']

export const INSTITUTION_KINDS_POOL = ['appraisal', 'employer', 'social_organisation', 'special_ability', 'branch']
export const KEY_SUPERVISION = ['weight', 'always']
export const STANDINGS = ['good', 'watch', 'key']
export const DRAW_STATUSES = ['committed', 'drawn', 'published']
export const INSPECTION_KINDS = ['daily', 'special', 'annual_assessment', 'periodic_evaluation', 'sampling_followup']
export const INSPECTION_MODES = ['onsite_overt', 'onsite_covert', 'interview', 'document_review', 'video_review', 'self_evaluation_review', 'cross_evaluation']
export const INSPECTION_STATUSES = ['planned', 'in_progress', 'completed', 'cancelled']
export const OUTCOMES = ['pass', 'issues_found', 'fail']
export const FINDINGS = ['compliant', 'deficient', 'not_applicable']
export const RECTIFICATION_STATUSES = ['open', 'reported', 'verified']
export const SELF_EVALUATION_KINDS = ['annual_assessment', 'periodic_evaluation']
export const COMPLAINT_CATEGORIES = ['fees', 'qualification_review', 'exam_conduct', 'results', 'certificates', 'personnel', 'other']
export const COMPLAINT_STATUSES = ['received', 'accepted', 'not_accepted', 'investigating', 'replied']
export const TIMELINE_TYPES = ['inspection', 'rectification', 'complaint', 'sampling', 'monitoring', 'sanction']

// Limits the server checks (supervision_service.cpp, inspection_service.cpp, inspection_rules.cpp,
// complaint_rules.cpp, complaint_service.cpp); lengths are in characters (code points).
export const SHARE_MIN = 1
export const SHARE_MAX = 100
export const MIN_INSPECTORS_PER_TARGET = 2
export const MAX_INSPECTORS = 10
export const WEIGHT_MIN = 1
export const WEIGHT_MAX = 10
export const PLAN_TITLE_MAX = 100
export const PLAN_TEXT_MAX = 4000
export const FREQUENCY_MAX = 100
export const INSPECTOR_NAME_MAX = 50
export const ORGANISATION_MAX = 100
export const THIRD_PARTY_MAX = 100
export const NOTE_MAX = 2000
export const REPORT_MAX = 20000
export const REQUIREMENT_MAX = 2000
export const RECTIFICATION_REPORT_MAX = 4000
export const SELF_EVALUATION_MAX = 20000
export const REASON_MAX = 2000
export const REPLY_MAX = 4000
export const COMPLAINT_MIN = 10
export const COMPLAINT_MAX = 2000
export const CONTACT_MAX = 100
export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
export const EVIDENCE_ACCEPT = '.pdf,.png,.jpg,.jpeg,.mp4,application/pdf,image/png,image/jpeg,video/mp4'
// Draw-making inspection kinds of a supervision plan ("not_for_a_draw" otherwise).
export const PLAN_INSPECTION_KINDS = ['daily', 'special', 'annual_assessment']
// Tracking number: TS, the date received (YYYYMMDD), random upper-case hex.
export const TRACKING_RE = /^TS\d{8}[0-9A-F]{8,30}$/

// Characters (code points), as the server counts them.
export const charLength = (s) => [...(s || '')].length
// Control characters other than line breaks and tabs (multiline) are refused.
export const hasControl = (s, multiline = true) => [...(s || '')].some((c) => { const u = c.codePointAt(0); return (u < 0x20 && !(multiline && (c === '\n' || c === '\r' || c === '\t'))) || u === 0x7f })
// An Element Plus rule: at most `max` characters, no control characters.
export const textRule = (t, max, multiline = true) => ({
  trigger: 'blur',
  validator: (_r, v, cb) => (charLength((v || '').trim()) > max ? cb(new Error(t('supervision.problems.too_long_n', { n: max }))) : hasControl(v, multiline) ? cb(new Error(t('supervision.problems.control_characters'))) : cb()),
})
export const utf8Length = (s) => new TextEncoder().encode(s || '').length
export const chinaToday = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10)
export const chinaYear = () => Number(chinaToday().slice(0, 4))

const TAGS = {
  committed: 'info', drawn: 'warning', published: 'success',
  planned: 'info', in_progress: 'warning', completed: 'success', cancelled: 'danger',
  pass: 'success', issues_found: 'warning', fail: 'danger',
  compliant: 'success', deficient: 'danger', not_applicable: 'info',
  open: 'warning', verified: 'success', overdue: 'danger',
  received: 'info', accepted: 'primary', not_accepted: 'danger', investigating: 'warning', replied: 'success',
  good: 'success', watch: 'warning', key: 'danger',
}
export const supTag = (s) => TAGS[s] || 'info'

// A checklist item's text in the current language (the server may send text, text_zh/text_en).
export function useChecklistText() {
  const { locale } = useI18n()
  return (item) => {
    if (!item) return ''
    if (locale.value === 'en' && item.text_en) return item.text_en
    return item.text_zh || item.text || item.text_en || ''
  }
}

// A self-evaluation may come as text or as { text, submitted_at }.
export const selfEvaluationText = (s) => (s == null ? '' : typeof s === 'string' ? s : s.text || '')
export const selfEvaluationAt = (s) => (s && typeof s === 'object' ? s.submitted_at || s.at || '' : '')

// Problem codes in words: supervision.problems.* first, then the shared problems.*.
export function useSupProblem() {
  const { t, te } = useI18n()
  return (problem, field = '') => {
    const p = String(problem || '')
    let m
    if ((m = /^at_least_(\d+)$/.exec(p))) return t('supervision.problems.at_least', { n: m[1] })
    if ((m = /^at_most_(\d+)$/.exec(p))) return t('supervision.problems.at_most', { n: m[1] })
    if ((m = /^must_be_at_least_(\d+)$/.exec(p))) return t('supervision.problems.at_least', { n: m[1] })
    if ((m = /^must_be_(\d+)_to_(\d+)$/.exec(p))) return t('supervision.problems.range', { min: m[1], max: m[2] })
    if (te(`supervision.problems.${p}`)) return t(`supervision.problems.${p}`, { field })
    if (te(`problems.${p}`)) return t(`problems.${p}`, { field })
    return p
  }
}

/**
 * Field errors of a supervision form. `fields` are the form's fields; `aliases` send a server field
 * (indexes dropped: `pool.kinds[0]` → `pool.kinds`) to one of them. A detail on `items[2].note` or
 * `rectifications[0].due_on` lands in rows[prefix][i][key] (and a bare `inspector_ids[1]` on its
 * field as well); `checklist.S9(1)-1` lands on `checklist` naming the item; anything else is
 * listed above the form.
 */
export function useSupErrors(fields, labels = {}, aliases = {}) {
  const { errorText, fieldName: known } = useErrorText()
  const fieldName = (f) => labels[f] || known(f)
  const problemText = useSupProblem()
  const errors = reactive(Object.fromEntries(fields.map((f) => [f, ''])))
  const state = reactive({ message: '', other: [], rows: {} })
  function clear() {
    for (const f of fields) errors[f] = ''
    state.message = ''
    state.other = []
    state.rows = {}
  }
  const put = (f, text) => (errors[f] = errors[f] || text)
  function apply(err) {
    clear()
    state.message = errorText(err)
    if (!(err instanceof ApiError)) return false
    for (const d of err.details) {
      if (!d?.field) continue
      const base = d.field.replace(/\[\d+\]/g, '')
      const text = problemText(d.problem, fieldName(aliases[base] || base))
      const row = /^(\w+)\[(\d+)\](?:\.(\w+))?$/.exec(d.field)
      const head = d.field.split('.')[0]
      if (d.field in errors) put(d.field, text)
      else if (aliases[base]) put(aliases[base], text)
      else if (row) {
        const rows = (state.rows[row[1]] ||= {})
        const r = (rows[row[2]] ||= {})
        r[row[3] || 'row'] = r[row[3] || 'row'] || text
        if (row[1] in errors && !row[3]) put(row[1], text)
      } else if (base in errors) put(base, text)
      else if (head in errors) put(head, `${d.field.slice(head.length + 1)}: ${text}`)
      else state.other.push(`${fieldName(d.field)}: ${text}`)
    }
    return true
  }
  const rowError = (prefix, i, key) => state.rows[prefix]?.[i]?.[key] || ''
  const said = followLanguage(apply, clear)
  return { errors, state, clear: said.clear, apply: said.apply, rowError }
}

// Short hex for tables: the first and last characters of a hash.
export const shortHash = (h, n = 10) => (h && h.length > 2 * n ? `${h.slice(0, n)}…${h.slice(-4)}` : h || '')

// The detail route of an inspection for this role: the inspector's own menu keeps its entry lit.
export const inspectionRoute = (role, id) => ({ name: role === 'inspector' ? 'my-inspection-detail' : 'inspection-detail', params: { id } })

// A date picker's Date (local midnight) as 'YYYY-MM-DD', for disabled-date checks.
export const localIsoDate = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`

// A refused action in words: the server's message, then each field problem it names
// (e.g. committing a draw: plan_id pool_is_empty, roster fewer_inspectors_than_needed_per_target).
export function useActionErrorText() {
  const { errorText, fieldName } = useErrorText()
  const problemText = useSupProblem()
  return (err) => {
    const base = errorText(err)
    if (!(err instanceof ApiError) || !err.details?.length) return base
    const parts = err.details.filter((d) => d?.problem).map((d) => problemText(d.problem, fieldName(d.field)))
    return parts.length ? `${base}：${parts.join('；')}` : base
  }
}
