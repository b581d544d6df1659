// Server-side paged lists: page, page size, filters and sort go to the server; the answer is
// { items, total, page, page_size } (API.md). Optionally mirrored in the URL query so a list can
// be reloaded, bookmarked and shared as it is.
//
//   const filters = reactive({ role: '', q: '' })
//   const list = usePagedList((params, { signal }) => listUsers(params, { signal }), { filters, routeSync: true })
//   <PagedTable :list="list"> … </PagedTable>
//
// `allowed` ({ status: ['open', 'done'], … }) lists the values a filter may take from the URL; any
// other value there (a stale or mistyped link) is ignored and the filter keeps its default.
import { reactive } from 'vue'
import { useRoute, useRouter } from 'vue-router'

export const PAGE_SIZES = [10, 20, 50, 100]

export function usePagedList(fetcher, { filters = reactive({}), pageSize = 20, routeSync = false, immediate = true, allowed = {} } = {}) {
  const route = routeSync ? useRoute() : null
  const router = routeSync ? useRouter() : null
  const defaults = { ...filters }

  const state = reactive({
    items: [],
    total: 0,
    page: 1,
    pageSize,
    sort: null, // { prop, order: 'ascending' | 'descending' }
    loading: false,
    loaded: false,
    error: null,
    request: null, // { path, query } of the last GET the fetcher made (the export link)
  })
  let seq = 0
  let controller = null

  if (routeSync) {
    const q = route.query
    for (const k of Object.keys(filters)) {
      if (typeof q[k] !== 'string') continue
      if (allowed[k] && !allowed[k].includes(q[k])) continue
      filters[k] = q[k]
    }
    const p = Number(q.page)
    const s = Number(q.page_size)
    if (Number.isInteger(p) && p > 0) state.page = p
    if (PAGE_SIZES.includes(s)) state.pageSize = s
  }

  function params() {
    const out = { page: state.page, page_size: state.pageSize }
    for (const [k, v] of Object.entries(filters)) if (v !== '' && v !== null && v !== undefined) out[k] = v
    if (state.sort?.order) {
      out.sort = state.sort.prop
      out.order = state.sort.order === 'descending' ? 'desc' : 'asc'
    }
    return out
  }

  function syncRoute() {
    if (!routeSync) return
    const query = { ...route.query }
    for (const k of Object.keys(filters)) {
      if (filters[k] !== '' && filters[k] !== null && filters[k] !== undefined) query[k] = String(filters[k])
      else delete query[k]
    }
    if (state.page > 1) query.page = String(state.page)
    else delete query.page
    if (state.pageSize !== pageSize) query.page_size = String(state.pageSize)
    else delete query.page_size
    router.replace({ query }).catch(() => {})
  }

  async function load() {
    const mine = ++seq
    controller?.abort()
    controller = new AbortController()
    state.loading = true
    state.error = null
    state.request = null
    syncRoute()
    try {
      const onRequest = (path, query) => {
        if (mine === seq) state.request = { path, query }
      }
      const res = await fetcher(params(), { signal: controller.signal, onRequest })
      if (mine !== seq) return
      state.items = res.items || []
      state.total = res.total ?? state.items.length
      state.loaded = true
      // Past the last page (e.g. after a filter change elsewhere): go to the last one.
      if (!state.items.length && state.total > 0 && state.page > 1) {
        state.page = Math.max(1, Math.ceil(state.total / state.pageSize))
        return load()
      }
    } catch (e) {
      if (e?.name === 'AbortError' || mine !== seq) return
      state.error = e
      state.items = []
      state.total = 0
    } finally {
      if (mine === seq) state.loading = false
    }
  }

  const list = {
    state,
    filters,
    load,
    reload: load,
    // Apply the filters from page one.
    search() {
      state.page = 1
      return load()
    },
    reset() {
      Object.assign(filters, defaults)
      state.page = 1
      state.sort = null
      return load()
    },
    setPage(p) {
      state.page = p
      return load()
    },
    setPageSize(s) {
      state.pageSize = s
      state.page = 1
      return load()
    },
    setSort({ prop, order }) {
      state.sort = order ? { prop, order } : null
      state.page = 1
      return load()
    },
  }
  if (immediate) load()
  return list
}
