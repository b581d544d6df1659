// The signed-in user's unread notification count, shown by the bell in the console header.
// Refreshed on navigation and every 60 s (NotificationBell), and set by the inbox after it marks
// notifications read. The latest request wins; a failure keeps the last count (the bell is no
// place for an error; a 401 is handled by the HTTP layer).
import { defineStore } from 'pinia'
import { unreadCount } from '@/api/notifications'

let seq = 0

export const useNotificationsStore = defineStore('notifications', {
  state: () => ({ unread: null }),
  actions: {
    async refresh() {
      const mine = ++seq
      try {
        const n = (await unreadCount()).unread ?? 0
        if (mine === seq) this.unread = n
      } catch {
        /* keep the last count */
      }
    },
    // A count known from an action (one marked read, all marked read); outdates requests in flight.
    set(n) {
      ++seq
      this.unread = Math.max(0, n)
    },
    reset() {
      ++seq
      this.unread = null
    },
  },
})
