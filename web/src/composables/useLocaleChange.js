// Runs `fn(locale)` whenever the language is switched in place (LanguageSwitch → setLocale). Views
// that show text the server translated by Accept-Language (an inspection's checklist items, …)
// fetch it again here; texts from the i18n messages follow the locale by themselves.
//
//   onLocaleChange(() => refreshTexts())
import { watch } from 'vue'
import { useI18n } from 'vue-i18n'

export function onLocaleChange(fn) {
  const { locale } = useI18n({ useScope: 'global' })
  return watch(locale, (now, before) => {
    if (now !== before) fn(now)
  })
}
