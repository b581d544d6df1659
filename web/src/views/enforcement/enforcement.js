// Codes of enforcement 监管处理 (docs/enforcement.md, src/domain/enforcement/*): case statuses and
// the due-process steps, measures (lightest first), outcomes, tag colours, the limits the server
// checks, which documents exist at which stage, and the catalogue text in the current language.
import { reactive, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError } from '@/api/http'
import { listViolations } from '@/api/enforcement'
import { followLanguage, useErrorText } from '@/composables/useErrors'
import { useSupProblem } from '@/views/supervision/supervision'

export const AUTHORITY_ROLES = ['province_admin', 'eval_center', 'city_officer', 'county_officer']
export const INSTITUTION_ROLES = ['institution_admin', 'institution_staff']

export const CASE_STATUSES = ['draft', 'proposed', 'served', 'decided', 'review_requested', 'reviewed', 'closed', 'dropped']
// The due-process line (dropped is the other way out).
export const CASE_STEPS = ['draft', 'proposed', 'served', 'decided', 'review_requested', 'reviewed', 'closed']
// Lightest first, as the server orders them (a review may only lighten).
export const MEASURES = ['void_results', 'interview', 'notice', 'cancellation']
export const MEASURE_ARTICLE = { void_results: 'S18', interview: 'S19', notice: 'S20', cancellation: 'S21' }
export const ARTICLES = ['S18', 'S19', 'S20', 'S21']
export const DECISION_OUTCOMES = ['upheld', 'changed', 'dropped']
export const REVIEW_OUTCOMES = ['upheld', 'changed', 'overturned']
export const SERVICE_METHODS = ['written', 'announcement']
export const EVIDENCE_TYPES = ['inspection', 'complaint', 'sampling', 'plan', 'certificate', 'document']
// How each type is named (domain/enforcement/evidence.cpp): a record of this system by its number,
// a certificate by its 22-character number, a document kept elsewhere by a description (note) and
// its own reference if it has one.
export const EVIDENCE_BY_NUMBER = ['inspection', 'complaint', 'sampling', 'plan']
export const CERT_NO_LENGTH = 22
export const DOCUMENT_REF_MAX = 64
export const ORIGINS = ['manual', 'inspection', 'sampling', 'complaint', 'monitoring']
export const DOCUMENT_KINDS = ['prior-notice', 'decision', 'interview-notice', 'rectification-notice', 'review-decision']

// Limits of enforcement_service.cpp (characters, as utf8_length counts them).
export const FACTS_MAX = 20000
export const REASONS_MAX = 20000
export const BASIS_MAX = 4000
export const TEXT_MAX = 20000
export const NOTE_MAX = 2000
export const PLACE_MAX = 200
export const EVIDENCE_MAX = 50
export const ITEMS_MAX = 40
export const CERTIFICATES_MAX = 1000
// Candidates whose results a decision declares void (S18), at most.
export const CANDIDATES_MAX = 1000
// The national 22-character certificate number (13-character institution code, year, level, serial).
export const CERT_NO_RE = /^[SYJZ]\d{4}33\d{6}\d{2}[1-5]\d{6}$/

const TAGS = {
  draft: 'info', proposed: 'warning', served: 'warning', decided: 'danger', review_requested: 'primary',
  reviewed: 'success', closed: 'info', dropped: 'info',
  void_results: 'warning', interview: 'primary', notice: 'danger', cancellation: 'danger',
}
export const caseTag = (s) => TAGS[s] || 'info'

export const isDecided = (c) => !!c && ['decided', 'review_requested', 'reviewed', 'closed'].includes(c.status) && c.decision !== 'dropped'
// The measure is in force once decided and until a review overturns it (records.hpp in_force).
export const inForce = (c) => (c?.in_force !== undefined ? !!c.in_force : isDecided(c) && c.review_outcome !== 'overturned')

// Which documents exist for the case's stage (case_documents.cpp).
export function availableDocuments(c) {
  if (!c) return []
  const decided = !!c.decided_on && !!c.decision && c.decision !== 'dropped'
  const out = []
  if (c.proposed_on) out.push('prior-notice')
  if (decided) out.push('decision')
  if (decided && c.measure === 'interview' && c.interview_on) out.push('interview-notice')
  if (decided && c.measure === 'notice' && c.rectification_due) out.push('rectification-notice')
  if (c.review_outcome && c.reviewed_on) out.push('review-decision')
  return out
}

// Today in China ('YYYY-MM-DD'): the server counts deadlines in Beijing time.
export const chinaToday = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10)
// A deadline is open through its last day.
export const isOpen = (due) => !due || due >= chinaToday()

export const charLength = (s) => [...(s || '')].length

// The catalogue, fetched once per page load; text in the current language (the answer has both).
let catalogue = null
export function useCatalogue() {
  const { locale } = useI18n()
  const items = ref(catalogue?.items || [])
  const loading = ref(!catalogue)
  const error = ref(null)
  async function load(force = false) {
    if (catalogue && !force) {
      items.value = catalogue.items
      loading.value = false
      return
    }
    loading.value = true
    error.value = null
    try {
      catalogue = await listViolations()
      items.value = catalogue.items || []
    } catch (e) {
      error.value = e
    } finally {
      loading.value = false
    }
  }
  load()
  const text = (item) => (item ? (locale.value === 'en' ? item.text_en : item.text_zh) || item.text || '' : '')
  const find = (code) => items.value.find((i) => i.code === code) || null
  const textOf = (code) => text(find(code))
  return { items, loading, error, load, text, find, textOf }
}

// Problem codes in words: enforcement.problems.* first, then those of supervision and the shared ones.
export function useCaseProblem() {
  const { t, te } = useI18n()
  const sup = useSupProblem()
  return (problem, field = '') => {
    const p = String(problem || '')
    if (te(`enforcement.problems.${p}`)) return t(`enforcement.problems.${p}`, { field })
    return sup(p, field)
  }
}

const fieldLabel = (t, te, f) => (te(`enforcement.fields.${f}`) ? t(`enforcement.fields.${f}`) : te(`fields.${f}`) ? t(`fields.${f}`) : f)

/**
 * Field errors of an enforcement form: a detail on one of `fields` lands beside it; on a row
 * (`evidence[1].note`, `certificates[0]`) in rows[prefix][i][key] and, for a bare `certificates[2]`
 * or `candidates[2]`, on the field too (naming the row's value when `rowValue(prefix, i)` gives one);
 * anything else is listed above the form with the server's message.
 */
export function useCaseErrors(fields, { rowValue = () => '' } = {}) {
  const { t, te } = useI18n()
  const { errorText } = useErrorText()
  const problemText = useCaseProblem()
  const errors = reactive(Object.fromEntries(fields.map((f) => [f, ''])))
  const state = reactive({ message: '', other: [], rows: {} })
  function clear() {
    for (const f of fields) errors[f] = ''
    state.message = ''
    state.other = []
    state.rows = {}
  }
  const put = (f, text) => (errors[f] = errors[f] ? `${errors[f]}；${text}` : text)
  function apply(err) {
    clear()
    state.message = errorText(err)
    if (!(err instanceof ApiError)) return false
    for (const d of err.details) {
      if (!d?.field) continue
      const base = d.field.replace(/\[\d+\]/g, '')
      const text = problemText(d.problem, fieldLabel(t, te, base))
      const row = /^(\w+)\[(\d+)\](?:\.(\w+))?$/.exec(d.field)
      if (d.field in errors) put(d.field, text)
      else if (row) {
        const r = ((state.rows[row[1]] ||= {})[row[2]] ||= {})
        r[row[3] || 'row'] = r[row[3] || 'row'] || text
        if (row[1] in errors && !row[3]) {
          const v = rowValue(row[1], Number(row[2]))
          put(row[1], v ? `${v}：${text}` : text)
        }
      } else if (base in errors) put(base, text)
      else if (err.status === 422 || err.status === 400) state.other.push(`${fieldLabel(t, te, d.field)}: ${text}`)
    }
    return true
  }
  const rowError = (prefix, i, key) => state.rows[prefix]?.[i]?.[key] || ''
  const said = followLanguage(apply, clear)
  return { errors, state, clear: said.clear, apply: said.apply, rowError }
}

// A refused step in words: the server's message (with its article, e.g. S24), and the deadline it
// names (statement_due, review_due); the status/step pair of a 409 is already in the message.
export function useCaseErrorText() {
  const { t, te } = useI18n()
  const { errorText } = useErrorText()
  const problemText = useCaseProblem()
  return (err) => {
    const base = errorText(err)
    if (!(err instanceof ApiError) || !err.details?.length) return base
    const parts = []
    for (const d of err.details) {
      if (!d?.field || d.field === 'status' || d.field === 'step' || d.field === 'kind') continue
      if (/_due$|_on$/.test(d.field) && /^\d{4}-\d{2}-\d{2}$/.test(d.problem)) parts.push(`${fieldLabel(t, te, d.field)} ${d.problem}`)
      else parts.push(problemText(d.problem, fieldLabel(t, te, d.field)))
    }
    return parts.length ? `${base}：${parts.join('；')}` : base
  }
}
