// vue-i18n set-up: Chinese first, English as the second language, switched without a reload.
// Dates and times are shown in China Standard Time whatever the browser's zone, as the server
// and the regulations count days in Beijing time.
import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN.json'
import en from './en.json'

export const LOCALES = ['zh-CN', 'en']
const STORAGE_KEY = 'skillreg.locale'
const TZ = 'Asia/Shanghai'

function initialLocale() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    if (LOCALES.includes(saved)) return saved
  } catch {
    /* storage may be blocked */
  }
  return 'zh-CN'
}

const datetimeFormats = {
  'zh-CN': {
    datetime: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZone: TZ },
    // Calendar dates (YYYY-MM-DD) are built at UTC midnight and shown in UTC, so they never shift.
    date: { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' },
    dateLong: { year: 'numeric', month: 'long', day: 'numeric', weekday: 'short', timeZone: 'UTC' },
    monthDay: { month: 'long', day: 'numeric', timeZone: 'UTC' },
    weekday: { weekday: 'short', timeZone: 'UTC' },
  },
  en: {
    datetime: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZone: TZ },
    date: { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' },
    dateLong: { year: 'numeric', month: 'long', day: 'numeric', weekday: 'short', timeZone: 'UTC' },
    monthDay: { month: 'short', day: 'numeric', timeZone: 'UTC' },
    weekday: { weekday: 'short', timeZone: 'UTC' },
  },
}

const numberFormats = {
  'zh-CN': { integer: { maximumFractionDigits: 0 }, percent: { style: 'percent', maximumFractionDigits: 1 } },
  en: { integer: { maximumFractionDigits: 0 }, percent: { style: 'percent', maximumFractionDigits: 1 } },
}

const i18n = createI18n({
  legacy: false,
  globalInjection: true,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
  datetimeFormats,
  numberFormats,
  missingWarn: false,
  fallbackWarn: false,
})

export function currentLocale() {
  return i18n.global.locale.value
}

export function setLocale(locale) {
  if (!LOCALES.includes(locale)) return
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    /* ignore */
  }
}

document.documentElement.lang = currentLocale()

export default i18n
