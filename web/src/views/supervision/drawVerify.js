// The double-random draw skillreg-draw-v1 (docs/draw.md) re-run in the browser over a published
// draw's public data: SHA-256 of the seed against the commitment, SHA-256 of the snapshot's
// canonical text (keys in ascending order, no whitespace, non-ASCII unescaped) against
// snapshot_sha256, and the algorithm's result against the published one. Needs crypto.subtle
// (a secure context: https or localhost); answers null without it.

const enc = new TextEncoder()

async function sha256Hex(text) {
  const h = await crypto.subtle.digest('SHA-256', enc.encode(text))
  return [...new Uint8Array(h)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

// JSON with object keys sorted, no whitespace: the snapshot's canonical text.
export function canonicalJson(v) {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`
  if (v && typeof v === 'object') {
    const keys = Object.keys(v).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`).join(',')}}`
  }
  return JSON.stringify(v)
}

// H(t): the first 16 hex digits of SHA-256(seed + "|" + t); fixed width, so they order as numbers.
const H = async (seed, t) => (await sha256Hex(`${seed}|${t}`)).slice(0, 16)
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0)

export async function runDraw(seed, snapshot) {
  const pool = snapshot.pool || []
  const roster = snapshot.roster || []
  const { sampling_share: share, inspectors_per_target: per } = snapshot.params
  const keyed = await Promise.all(
    pool.map(async (e) => {
      const tickets = await Promise.all(Array.from({ length: Math.max(1, e.weight) }, (_, k) => H(seed, `target|${e.code}|${k + 1}`)))
      return { e, key: tickets.sort(cmp)[0] }
    }),
  )
  keyed.sort((x, y) => Number(!x.e.always) - Number(!y.e.always) || cmp(x.key, y.key) || cmp(x.e.code, y.e.code))
  const always = pool.filter((e) => e.always).length
  const n = Math.min(pool.length, Math.max(always, Math.floor((pool.length * share + 99) / 100)))
  const load = new Map()
  const targets = []
  for (const { e, key } of keyed.slice(0, n)) {
    const eligible = roster.filter((r) => !(r.tied || []).includes(e.code) && !(r.last || []).includes(e.code))
    const ranked = await Promise.all(eligible.map(async (r) => ({ r, h: await H(seed, `inspector|${e.code}|${r.inspector_id}`) })))
    ranked.sort((x, y) => (load.get(x.r.inspector_id) || 0) - (load.get(y.r.inspector_id) || 0) || cmp(x.h, y.h) || x.r.inspector_id - y.r.inspector_id)
    const take = ranked.slice(0, per).map((x) => x.r.inspector_id)
    for (const i of take) load.set(i, (load.get(i) || 0) + 1)
    targets.push({ code: e.code, institution_id: e.institution_id, key, inspector_ids: take, short: take.length < per })
  }
  return { targets }
}

export async function verifyInBrowser(draw) {
  if (!globalThis.crypto?.subtle || !draw?.seed || !draw.snapshot) return null
  const commitment_matches = (await sha256Hex(draw.seed)) === String(draw.commitment).toLowerCase()
  const snapshot_matches = (await sha256Hex(canonicalJson(draw.snapshot))) === String(draw.snapshot_sha256).toLowerCase()
  let result_matches = false
  try {
    result_matches = canonicalJson(await runDraw(draw.seed, draw.snapshot)) === canonicalJson(draw.result)
  } catch {
    result_matches = false
  }
  return { verified: commitment_matches && snapshot_matches && result_matches, commitment_matches, snapshot_matches, result_matches }
}
