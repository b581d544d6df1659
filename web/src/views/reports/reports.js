// The reports page's knowledge of each report (docs/reports.md): how its rows split into tables
// (`section`), which columns a table of a section leaves out, whether the server's totals belong to
// it, and the chart that suits it, built from the rows as the server sends them.
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { listViolations } from '@/api/enforcement'

export const REPORT_NAMES = ['institutions', 'activity', 'monitoring', 'supervision', 'sanctions', 'ratings']

// Reports holding two tables in one: per section the columns left out and whether the totals row
// (the server's `totals`) is shown under it. Monitoring's totals count the score bands.
export const SECTIONS = {
  monitoring: [
    { key: 'band', hide: ['section', 'section_name'], totals: true },
    { key: 'indicator', hide: ['section', 'section_name'], totals: false },
  ],
  supervision: [
    { key: 'inspection', hide: ['section', 'section_name', 'complaints'], totals: true },
    { key: 'complaint', hide: ['section', 'section_name', 'item', 'item_name', 'inspections'], totals: true },
  ],
}

export const COLORS = ['#1d5aa7', '#2e9d6a', '#f0a020', '#c8352b', '#8a5ec4', '#3c8dbc', '#5a6b82', '#98a2b3']

// China's date today, YYYY-MM-DD (the server's periods are China Standard Time dates).
export function chinaToday(now = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

// The violation catalogue (GET /violations, public), read once for the sanctions report's item
// names in English; until it is read (or if it cannot be) the server's Chinese text is shown.
const violations = ref(null)
let violationsRequested = false
export function loadViolations() {
  if (violationsRequested) return
  violationsRequested = true
  listViolations()
    .then((c) => {
      violations.value = new Map((c.items || []).map((i) => [i.code, i]))
    })
    .catch(() => {
      violationsRequested = false
    })
}

// A score band's code as the server sends it ("0-59", "60-69" … "90-100").
const BAND = /^(\d+)-(\d+)$/

export function useReportCharts() {
  const { t, te, n, locale } = useI18n()
  const en = () => locale.value === 'en'

  // A stored value in words: the UI's own translation where it has one, else the server's
  // (Chinese) label. Charts and tables both go through here, so they always agree.
  function label(vocabulary, code, name) {
    if (vocabulary === 'band') {
      const m = BAND.exec(code ?? '')
      if (m) return Number(m[1]) === 0 ? t('reports.bandBelow', { n: Number(m[2]) + 1 }) : t('reports.band', { from: m[1], to: m[2] })
    }
    if (vocabulary === 'violation') {
      const v = violations.value?.get(code)
      const text = v && (en() ? v.text_en : v.text_zh)
      if (text) return text
    }
    const keys = {
      kind: [`registry.kinds.${code}`],
      status: [`registry.statuses.${code}`],
      inspection_kind: [`supervision.kinds.${code}`],
      result: [`supervision.outcomes.${code}`, `supervision.inspectionStatuses.${code}`],
      complaint_status: [`supervision.complaintStatuses.${code}`],
      measure: [`enforcement.measures.${code}`],
      section: [`reports.sections.${code}`],
      indicator: [`monitoring.indicators.${code}`],
    }[vocabulary] || []
    for (const k of keys) if (te(k)) return t(k)
    return name ?? code ?? ''
  }

  // The words of a name column of a report's row (its code is in the row beside it), the same in
  // the table as in the chart.
  function text(report, key, row) {
    switch (key) {
      case 'kind_name': return label('kind', row.kind, row.kind_name)
      case 'status_name': return label('status', row.status, row.status_name)
      case 'measure_name': return label('measure', row.measure, row.measure_name)
      case 'section_name': return label('section', row.section, row.section_name)
      case 'stars_name': return en() ? t('stars.label', { n: row.stars }) : row.stars_name
      case 'item_name':
        if (report.report === 'sanctions') return label('violation', row.item, row.item_name)
        if (row.section === 'band') return label('band', row.item, row.item_name)
        if (row.section === 'indicator') return label('indicator', row.item, row.item_name)
        if (row.section === 'inspection') return label('inspection_kind', row.item, row.item_name)
        return label('section', row.item, row.item_name)
      case 'result_name':
        return label(row.section === 'complaint' ? 'complaint_status' : 'result', row.result, row.result_name)
      default: return row[key]
    }
  }

  const sum = (rows, key) => rows.reduce((a, r) => a + (Number(r[key]) || 0), 0)
  const groupBy = (rows, keyOf) => {
    const m = new Map()
    for (const r of rows) {
      const k = keyOf(r)
      if (!m.has(k)) m.set(k, [])
      m.get(k).push(r)
    }
    return m
  }
  const base = () => ({
    color: COLORS,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
  })
  // Bars of `value` over categories, one stacked series per value of `seriesOf`.
  function stacked(rows, { categoryOf, seriesOf, value, categoryLabel, seriesLabel }) {
    const cats = [...groupBy(rows, categoryOf).keys()]
    const series = [...groupBy(rows, seriesOf).entries()].map(([s, rs]) => ({
      type: 'bar',
      stack: 'all',
      name: seriesLabel(s, rs[0]),
      barMaxWidth: 36,
      data: cats.map((c) => sum(rs.filter((r) => categoryOf(r) === c), value)),
    }))
    return {
      ...base(),
      xAxis: { type: 'category', data: cats.map((c) => categoryLabel(c, rows.find((r) => categoryOf(r) === c))), axisLabel: { interval: 0, width: 120, overflow: 'truncate' } },
      yAxis: { type: 'value', minInterval: 1 },
      series,
    }
  }

  // The charts of one report: [{ key, title, option }] (two for the reports with two tables).
  function charts(report) {
    const rows = report.rows || []
    const col = (key) => report.columns.find((c) => c.key === key)
    const colTitle = (key) => (col(key) ? (en() ? col(key).en : col(key).zh) : key)
    const section = (s) => rows.filter((r) => r.section === s)
    switch (report.report) {
      case 'institutions':
        return [{
          key: 'kind',
          title: t('reports.charts.institutionsByKind'),
          option: stacked(rows, {
            categoryOf: (r) => r.kind, seriesOf: (r) => r.status, value: 'institutions',
            categoryLabel: (c, r) => text(report, 'kind_name', r), seriesLabel: (s, r) => text(report, 'status_name', r),
          }),
        }]
      case 'activity': {
        const cats = rows.map((r) => `${r.subject_name || r.subject_code} · ${t('reports.levelN', { n: r.level })}`)
        return [{
          key: 'pass-rate',
          title: t('reports.charts.passRate'),
          option: {
            ...base(),
            xAxis: { type: 'category', data: cats, axisLabel: { interval: 0, width: 120, overflow: 'truncate' } },
            yAxis: [{ type: 'value', minInterval: 1, name: t('reports.charts.people') }, { type: 'value', min: 0, max: 100, name: '%' }],
            series: [
              { type: 'bar', stack: 'r', name: colTitle('passed'), data: rows.map((r) => r.passed), barMaxWidth: 36 },
              { type: 'bar', stack: 'r', name: colTitle('failed'), data: rows.map((r) => r.failed), barMaxWidth: 36 },
              { type: 'line', yAxisIndex: 1, name: colTitle('pass_rate'), data: rows.map((r) => r.pass_rate), connectNulls: false },
            ],
          },
        }]
      }
      case 'monitoring': {
        const bands = section('band')
        const indicators = section('indicator').filter((r) => r.plans > 0 || r.critical > 0)
        const out = [{
          key: 'band',
          title: t('reports.charts.scoreBands'),
          option: {
            ...base(),
            xAxis: { type: 'category', data: bands.map((r) => text(report, 'item_name', r)) },
            yAxis: { type: 'value', minInterval: 1 },
            series: [
              { type: 'bar', name: colTitle('plans'), data: bands.map((r) => r.plans), barMaxWidth: 40 },
              { type: 'bar', name: colTitle('critical'), data: bands.map((r) => r.critical), barMaxWidth: 40 },
            ],
          },
        }]
        if (indicators.length)
          out.push({
            key: 'indicator',
            title: t('reports.charts.indicators'),
            option: {
              ...base(),
              grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
              xAxis: { type: 'value', minInterval: 1 },
              yAxis: { type: 'category', inverse: true, data: indicators.map((r) => text(report, 'item_name', r)), axisLabel: { width: 220, overflow: 'truncate' } },
              series: [
                { type: 'bar', name: colTitle('plans'), data: indicators.map((r) => r.plans), barMaxWidth: 16 },
                { type: 'bar', name: colTitle('critical'), data: indicators.map((r) => r.critical), barMaxWidth: 16 },
              ],
            },
          })
        return out
      }
      case 'supervision': {
        const out = []
        const insp = section('inspection')
        if (insp.length)
          out.push({
            key: 'inspection',
            title: t('reports.charts.inspectionsByOutcome'),
            option: stacked(insp, {
              categoryOf: (r) => r.item, seriesOf: (r) => r.result, value: 'inspections',
              categoryLabel: (c, r) => text(report, 'item_name', r), seriesLabel: (s, r) => text(report, 'result_name', r),
            }),
          })
        const compl = section('complaint')
        if (compl.length)
          out.push({
            key: 'complaint',
            title: t('reports.charts.complaintsByStatus'),
            option: {
              color: COLORS,
              tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
              legend: { bottom: 0, type: 'scroll' },
              series: [{
                type: 'pie', radius: ['35%', '62%'], center: ['50%', '45%'], name: colTitle('complaints'),
                label: { formatter: '{c}' },
                data: compl.map((r) => ({ name: text(report, 'result_name', r), value: r.complaints })),
              }],
            },
          })
        return out
      }
      case 'sanctions':
        return [{
          key: 'article',
          title: t('reports.charts.sanctionsByArticle'),
          option: stacked(rows, {
            categoryOf: (r) => r.article, seriesOf: (r) => r.measure, value: 'cases',
            categoryLabel: (c) => c, seriesLabel: (s, r) => text(report, 'measure_name', r),
          }),
        }]
      case 'ratings':
        return [{
          key: 'stars',
          title: t('reports.charts.ratings'),
          option: {
            ...base(),
            legend: { show: false },
            xAxis: { type: 'category', data: rows.map((r) => text(report, 'stars_name', r)) },
            yAxis: { type: 'value', minInterval: 1 },
            series: [{ type: 'bar', name: colTitle('institutions'), data: rows.map((r) => r.institutions), barMaxWidth: 48, itemStyle: { color: '#f0a020' }, label: { show: true, position: 'top' } }],
          },
        }]
      default:
        return []
    }
  }

  // A chart's option with its description for screen readers: the heading, then every series with
  // its value per category. (ECharts' own description lists each data item's internal values, so a
  // stacked bar read "0，2，2，NaN": category index, value, stack sum and the NaN it keeps for the
  // lowest series; and it is in ECharts' language, not the page's.)
  function described(option, heading) {
    const en_ = en()
    const axis = [option.xAxis, option.yAxis].find((a) => a && !Array.isArray(a) && a.type === 'category')
    const cats = axis?.data || []
    const valueOf = (d) => {
      const v = d !== null && typeof d === 'object' ? d.value : d
      return v === null || v === undefined || v === '' || !Number.isFinite(Number(v)) ? t('reports.noData') : n(Number(v))
    }
    const nameOf = (d, i) => (d !== null && typeof d === 'object' && d.name != null ? d.name : cats[i] ?? '')
    const series = (option.series || []).map((s) => {
      const items = (s.data || []).map((d, i) => `${nameOf(d, i)} ${valueOf(d)}`.trim()).join(t('common.listSeparator'))
      return s.name ? `${s.name}${en_ ? ': ' : '：'}${items}` : items
    })
    const description = [heading, ...series].filter(Boolean).join(en_ ? '. ' : '。') + (en_ ? '.' : '。')
    return { ...option, aria: { enabled: true, label: { description } } }
  }

  return { charts, label, text, described }
}
