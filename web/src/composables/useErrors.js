// Turning API errors into words: the server's own message (already in the user's language),
// and per-field problems from `details` for forms.
import { reactive } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError } from '@/api/http'
import { articleText } from '@/utils/articles'

export function useErrorText() {
  const { t, te, locale } = useI18n()
  function errorText(err) {
    if (!err) return ''
    if (err instanceof ApiError) {
      if (err.code === 'network') return t('errors.network')
      const text = err.message || (te(`errors.codes.${err.code}`) ? t(`errors.codes.${err.code}`) : t('errors.status', { status: err.status }))
      // The article in words (第十九条第（一）项), the codes being for badges.
      return err.article ? t('errors.withArticle', { text, article: articleText(err.article, locale.value) }) : text
    }
    return t('errors.unknown')
  }
  // A field's own words for a problem come first (fieldProblems.<field>.<problem>: an identity
  // number already linked to another account is not just "taken"), then the common ones.
  function problemText(problem, field) {
    if (field && te(`fieldProblems.${field}.${problem}`)) return t(`fieldProblems.${field}.${problem}`, { field: fieldName(field) })
    if (te(`problems.${problem}`)) return t(`problems.${problem}`, { field: fieldName(field) })
    return problem
  }
  function fieldName(field) {
    return te(`fields.${field}`) ? t(`fields.${field}`) : field
  }
  return { errorText, problemText, fieldName }
}

/**
 * Field errors of one form. `fields` names the form's fields; a server detail for another field
 * is reported in `other` (shown above the form) so nothing is silently dropped.
 *   const fe = useFieldErrors(['username', 'password'])
 *   <el-form-item :error="fe.errors.username"> … catch (e) { fe.apply(e) }
 */
export function useFieldErrors(fields) {
  const { errorText, problemText, fieldName } = useErrorText()
  const errors = reactive(Object.fromEntries(fields.map((f) => [f, ''])))
  const state = reactive({ message: '', other: [] })

  function clear(field) {
    if (field) {
      errors[field] = ''
      return
    }
    for (const f of fields) errors[f] = ''
    state.message = ''
    state.other = []
  }

  // Returns true when the error carried field details that are now shown on the form.
  function apply(err) {
    clear()
    state.message = errorText(err)
    if (!(err instanceof ApiError) || !err.details.length) return false
    for (const d of err.details) {
      if (!d?.field) continue
      const text = problemText(d.problem, d.field)
      if (d.field in errors) errors[d.field] = errors[d.field] || text
      else state.other.push(`${fieldName(d.field)}: ${text}`)
    }
    return true
  }

  return { errors, state, clear, apply }
}
