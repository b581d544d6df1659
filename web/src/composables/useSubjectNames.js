// Names of the subjects in an institution's scope: occupation codes are looked up in the 2022
// classification (/occupations?q=<code>), special-ability codes in the published specifications.
// Answers are cached for the page's lifetime.
import { reactive } from 'vue'
import { listOccupations } from '@/api/occupations'
import { listSpecialAbilitySpecs } from '@/api/institutions'

const names = reactive({})
const pending = new Map()
let specs = null

async function lookup(code) {
  if (/^\d-\d{2}/.test(code)) {
    const res = await listOccupations({ q: code, page_size: 20 })
    return res.items?.find((o) => o.code === code)?.name || ''
  }
  specs = specs || listSpecialAbilitySpecs().then((r) => r.items || [])
  return (await specs).find((s) => s.code === code)?.name || ''
}

export function useSubjectNames() {
  function load(codes) {
    for (const c of codes) {
      if (!c || c in names || pending.has(c)) continue
      pending.set(
        c,
        lookup(c)
          .then((n) => (names[c] = n))
          .catch(() => (names[c] = ''))
          .finally(() => pending.delete(c)),
      )
    }
  }
  return { names, load }
}
