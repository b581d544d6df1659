// Turning API errors into words: the server's own message (in the language of the request),
// and per-field problems from `details` for forms. Both follow a switch of language while the
// error is on screen: the problems are translated here, and the message is taken from the
// server's `messages` in both languages.
import { nextTick, reactive, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError } from '@/api/http'
import { articleText } from '@/utils/articles'

// Runs `fn` once the forms have reacted to a switch of language: Element Plus validates a form
// again when its rules change (their messages are translated), and a field that passes this
// side's rules then hides the error the server gave it. Saying the server's errors again after
// that validation (which settles within the tick) shows them in the new language.
function afterRevalidation(fn) {
  nextTick(() => setTimeout(fn, 0))
}

export function useErrorText() {
  const { t, te, locale } = useI18n()
  function errorText(err) {
    if (!err) return ''
    if (err instanceof ApiError) {
      if (err.code === 'network') return t('errors.network')
      const inLanguage = err.messages?.[locale.value.startsWith('en') ? 'en' : 'zh']
      const text = inLanguage || err.message || (te(`errors.codes.${err.code}`) ? t(`errors.codes.${err.code}`) : t('errors.status', { status: err.status }))
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
  return { errorText, problemText, fieldName, locale }
}

/**
 * Field errors of one form. `fields` names the form's fields; a server detail for another field
 * is reported in `other` (shown above the form) so nothing is silently dropped.
 *   const fe = useFieldErrors(['username', 'password'])
 *   <el-form-item :error="fe.errors.username"> … catch (e) { fe.apply(e) }
 */
export function useFieldErrors(fields) {
  const { errorText, problemText, fieldName, locale } = useErrorText()
  const errors = reactive(Object.fromEntries(fields.map((f) => [f, ''])))
  const state = reactive({ message: '', other: [] })
  // What is on screen, as codes, so that a switch of language can say it again.
  let shown = { err: null, fields: {}, other: [] }

  function clear(field) {
    if (field) {
      errors[field] = ''
      delete shown.fields[field]
      return
    }
    for (const f of fields) errors[f] = ''
    state.message = ''
    state.other = []
    shown = { err: null, fields: {}, other: [] }
  }

  function render() {
    for (const f of fields) errors[f] = shown.fields[f] ? problemText(shown.fields[f], f) : ''
    state.message = shown.err ? errorText(shown.err) : ''
    state.other = shown.other.map((d) => `${fieldName(d.field)}: ${problemText(d.problem, d.field)}`)
  }

  // Returns true when the error carried field details that are now shown on the form.
  function apply(err) {
    clear()
    shown.err = err
    const details = err instanceof ApiError ? err.details.filter((d) => d?.field) : []
    for (const d of details) {
      if (d.field in errors) shown.fields[d.field] ??= d.problem
      else shown.other.push(d)
    }
    render()
    return err instanceof ApiError && err.details.length > 0
  }

  watch(locale, () => {
    if (!shown.err) return
    for (const f of fields) errors[f] = ''
    afterRevalidation(() => shown.err && render())
  })

  return { errors, state, clear, apply }
}

/**
 * For a form's own error helper (apply(err, …) and clear()): the error last applied is applied
 * again when the user switches language, so what the form shows follows the page's language.
 *   const said = followLanguage(apply, clear)
 *   return { errors, state, apply: said.apply, clear: said.clear }
 */
export function followLanguage(apply, clear) {
  const { locale } = useI18n()
  let last = null
  watch(locale, () => {
    if (!last) return
    const again = last
    clear()
    afterRevalidation(() => {
      if (last === again) apply(...again)  // unless the form was cleared or failed again meanwhile
    })
  })
  return {
    apply: (...args) => {
      const result = apply(...args)
      last = args
      return result
    },
    clear: (...args) => {
      clear(...args)
      last = null
    },
  }
}
