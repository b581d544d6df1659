// /calendar: public holidays and adjusted working days (调休); working-day arithmetic. Public.
import { http, request } from './http'

// → { items: [{ date, kind: 'holiday' | 'workday', name }], total, years: [covered years] }
export const getCalendar = (year) => http.get('/calendar', { year })
// → { from, n, date, calendar_covers, warning? }
export const addWorkingDays = (from, n) => http.get('/calendar/working-days', { from, n })
// Province administrators: replace a year's entries. entries: [{ date, kind, name }].
// → { year, items, covered, revision }; a 422 names bad entries as `entries[i]`.
export const saveCalendarYear = (year, entries) => request('PUT', `/calendar/${encodeURIComponent(year)}`, { body: { entries } })
