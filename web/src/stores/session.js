// The signed-in user and the CSRF token of the cookie session. The token lives only in memory:
// after a reload it is fetched again from /auth/me, which also tells whether the session cookie
// is still good.
import { defineStore } from 'pinia'
import * as authApi from '@/api/auth'
import { ApiError } from '@/api/http'

export const useSessionStore = defineStore('session', {
  state: () => ({
    user: null,
    csrfToken: null,
    csrfHeader: 'X-CSRF-Token',
    restored: false,
  }),
  getters: {
    isLoggedIn: (s) => s.user !== null,
    role: (s) => s.user?.role ?? null,
  },
  actions: {
    accept(answer) {
      this.user = answer.user
      this.csrfToken = answer.csrf_token ?? null
      this.csrfHeader = answer.csrf_header || 'X-CSRF-Token'
    },
    clear() {
      this.user = null
      this.csrfToken = null
    },
    // Once per page load: is there a session cookie the server still honours?
    async restore() {
      if (this.restored) return
      try {
        this.accept(await authApi.me())
      } catch (e) {
        if (!(e instanceof ApiError) || e.status !== 401) console.warn('session restore failed', e)
        this.clear()
      } finally {
        this.restored = true
      }
    },
    async login(username, password) {
      const answer = await authApi.login(username, password)
      this.accept(answer)
      this.restored = true
      return answer.user
    },
    async logout() {
      try {
        await authApi.logout()
      } catch {
        /* the session may already be gone; forget it anyway */
      }
      this.clear()
    },
  },
})
