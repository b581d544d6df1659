import { onBeforeUnmount, ref } from 'vue'

// A reactive matchMedia, e.g. useMediaQuery('(max-width: 767px)') for phone layouts.
export function useMediaQuery(query) {
  const mql = window.matchMedia(query)
  const matches = ref(mql.matches)
  const onChange = (e) => (matches.value = e.matches)
  mql.addEventListener('change', onChange)
  onBeforeUnmount(() => mql.removeEventListener('change', onChange))
  return matches
}
