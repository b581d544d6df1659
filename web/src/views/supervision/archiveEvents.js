// The words of a supervision-archive timeline entry (S8, S11), built here from the server's
// structured `event` ({ kind, …codes, dates and numbers }; supervision_presenters.cpp) with the
// message files, so the timeline reads wholly in Chinese or wholly in English. Entries from an
// older server without `event` fall back to its `summary`.

// A code through a message group, or the code itself when the group does not know it.
function coded(t, te, group, code) {
  if (code === null || code === undefined || code === '') return ''
  const key = `${group}.${code}`
  return te(key) ? t(key) : String(code)
}

const A = 'supervision.archive.events'

const WORDERS = {
  inspection: (t, te, e) => {
    const params = {
      kind: coded(t, te, 'supervision.kinds', e.inspection_kind),
      mode: coded(t, te, 'supervision.modes', e.mode),
      status: coded(t, te, 'supervision.inspectionStatuses', e.status),
      outcome: coded(t, te, 'supervision.outcomes', e.outcome),
    }
    return t(e.outcome ? `${A}.inspectionOutcome` : `${A}.inspection`, params)
  },
  rectification: (t, te, e, fmt) => {
    const base = t(`${A}.rectification`, { requirement: e.requirement || '', due: fmt.date(e.due_on) })
    return e.verified_on ? base + t(`${A}.rectificationVerified`, { verified: fmt.date(e.verified_on) }) : base
  },
  complaint: (t, te, e) => {
    const base = t(`${A}.complaint`, {
      category: coded(t, te, 'supervision.categories', e.category),
      status: coded(t, te, 'supervision.complaintStatuses', e.status),
    })
    if (e.substantiated === true) return base + t(`${A}.substantiated`)
    if (e.substantiated === false) return base + t(`${A}.unsubstantiated`)
    return base
  },
  sampling: (t, te, e) => {
    const base = t(`${A}.sampling`, {
      plan: e.plan_id,
      reason: coded(t, te, 'monitoring.sampling.reasons', e.reason),
      status: coded(t, te, 'monitoring.sampling.statuses', e.status),
    })
    return e.outcome ? base + t(`${A}.samplingOutcome`, { outcome: coded(t, te, 'monitoring.sampling.outcomes', e.outcome) }) : base
  },
  monitoring: (t, te, e, fmt, n) => {
    if (e.score === null || e.score === undefined) return t(`${A}.monitoringUnscored`, { end: fmt.date(e.period_end), stars: e.stars }, Number(e.stars) || 0)
    return t(`${A}.monitoring`, { end: fmt.date(e.period_end), score: n(e.score, { maximumFractionDigits: 1, minimumFractionDigits: 1 }), stars: e.stars }, Number(e.stars) || 0)
  },
  sanction: (t, te, e) => {
    let text = t(`${A}.sanction`, {
      caseNo: e.case_no,
      measure: coded(t, te, 'enforcement.measures', e.measure),
      status: coded(t, te, 'enforcement.statuses', e.status),
    })
    if (e.decision) text += t(`${A}.sanctionDecision`, { decision: coded(t, te, 'enforcement.decisionOutcomes', e.decision) })
    if (e.review_outcome) text += t(`${A}.sanctionReview`, { review: coded(t, te, 'enforcement.reviewOutcomes', e.review_outcome) })
    return text
  },
}

// (entry) → its sentence in the current language.
export function archiveEventText({ t, te, n }, fmt, entry) {
  const e = entry?.event
  const word = e && WORDERS[e.kind]
  return word ? word(t, te, e, fmt, n) : entry?.summary || ''
}
