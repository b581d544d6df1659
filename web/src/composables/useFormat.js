// Dates, instants and numbers formatted for the current language. Chinese uses the
// YYYY-MM-DD HH:mm:ss form of official documents; English uses Intl's medium style. Instants are
// shown in China Standard Time whatever the browser's zone.
import { useI18n } from 'vue-i18n'

const TZ = 'Asia/Shanghai'

// 'YYYY-MM-DD' → a Date at UTC midnight (formatted with timeZone UTC, so it never shifts a day).
export function parseDate(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s || '')
  return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null
}

export function toIsoDate(d) {
  const y = d.getUTCFullYear()
  const m = String(d.getUTCMonth() + 1).padStart(2, '0')
  const day = String(d.getUTCDate()).padStart(2, '0')
  return `${y}-${m}-${day}`
}

const cnParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
})
function chinaIso(t) {
  const p = Object.fromEntries(cnParts.formatToParts(t).map((x) => [x.type, x.value]))
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`
}

// Today's date in China, 'YYYY-MM-DD', whatever the browser's zone (Intl with Asia/Shanghai).
export function chinaToday(now = new Date()) {
  return chinaIso(now).slice(0, 10)
}

export function useFormat() {
  const { d, n, locale } = useI18n()
  const zh = () => locale.value !== 'en'
  return {
    dateTime(iso) {
      if (!iso) return ''
      const t = new Date(iso)
      if (Number.isNaN(t.getTime())) return iso
      return zh() ? chinaIso(t) : d(t, 'datetime')
    },
    date(s, style = 'date') {
      const t = parseDate(s)
      if (!t) return s || ''
      return style === 'date' && zh() ? s : d(t, style)
    },
    weekday(s) {
      const t = parseDate(s)
      return t ? d(t, 'weekday') : ''
    },
    number(v) {
      return typeof v === 'number' ? n(v, 'integer') : v ?? ''
    },
  }
}
