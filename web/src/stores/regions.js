// Zhejiang's region tree (province → cities → counties), loaded once from /regions and used for
// names, cascaders and scope checks.
import { defineStore } from 'pinia'
import { listRegions } from '@/api/regions'

export const useRegionsStore = defineStore('regions', {
  state: () => ({ items: [], loaded: false, error: null, pending: null }),
  getters: {
    byCode: (s) => new Map(s.items.map((r) => [r.code, r])),
    childrenOf: (s) => {
      const m = new Map()
      for (const r of s.items) {
        const k = r.parent_code ?? ''
        if (!m.has(k)) m.set(k, [])
        m.get(k).push(r)
      }
      return m
    },
  },
  actions: {
    load() {
      if (this.loaded) return Promise.resolve(this.items)
      if (this.pending) return this.pending
      this.pending = listRegions()
        .then((res) => {
          this.items = res.items || []
          this.loaded = true
          this.error = null
          return this.items
        })
        .catch((e) => {
          this.error = e
          throw e
        })
        .finally(() => {
          this.pending = null
        })
      return this.pending
    },
    name(code) {
      return this.byCode.get(code)?.name ?? code ?? ''
    },
    // "杭州市 西湖区" — the path below the province.
    pathName(code) {
      const parts = []
      let r = this.byCode.get(code)
      while (r) {
        if (r.level !== 'province' || parts.length === 0) parts.unshift(r.name)
        r = r.parent_code ? this.byCode.get(r.parent_code) : null
      }
      return parts.join(' ') || code || ''
    },
    // True when `code` is `root` or lies below it.
    contains(root, code) {
      let r = this.byCode.get(code)
      while (r) {
        if (r.code === root) return true
        r = r.parent_code ? this.byCode.get(r.parent_code) : null
      }
      return false
    },
    // Nested nodes { code, name, level, children } from `root` down.
    tree(root) {
      const build = (r) => {
        const kids = this.childrenOf.get(r.code) || []
        const node = { code: r.code, name: r.name, level: r.level }
        if (kids.length) node.children = kids.map(build)
        return node
      }
      const r = this.byCode.get(root)
      return r ? [build(r)] : []
    },
  },
})
