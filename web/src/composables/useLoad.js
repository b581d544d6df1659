// One load of a view's data with its loading and error state, for v-loading and ErrorState:
// load() calls the fetcher and keeps its answer in `data`; a failure goes to `error` (cleared on the
// next load) and leaves `data` as it was. The view decides when to load (onMounted(load), a watch).
//
//   const { data: papers, loading, error, load } = useLoad(() => listPapers(id).then((r) => r.items || []), [])
//   <div v-loading="loading"><ErrorState :error="error" @retry="load" /> …
import { ref } from 'vue'

export function useLoad(fetcher, initial = null) {
  const data = ref(initial)
  const loading = ref(false)
  const error = ref(null)
  async function load() {
    loading.value = true
    error.value = null
    try {
      data.value = await fetcher()
    } catch (e) {
      error.value = e
    } finally {
      loading.value = false
    }
  }
  return { data, loading, error, load }
}
