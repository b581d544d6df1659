import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import router from './router'
import i18n, { currentLocale } from './i18n'
import elementPlus from './plugins/element-plus'
import { configureHttp } from './api/http'
import { useSessionStore } from './stores/session'
import './styles/main.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)
app.use(elementPlus)

const session = useSessionStore(pinia)
configureHttp({
  locale: currentLocale,
  csrf: () => ({ header: session.csrfHeader, token: session.csrfToken }),
  // The session ended on the server (expired, logged out elsewhere, password changed, disabled).
  unauthenticated: () => {
    if (!session.isLoggedIn) return
    session.clear()
    const here = router.currentRoute.value
    if (here.matched.some((r) => r.meta.requiresAuth))
      router.push({ name: 'login', query: { redirect: here.fullPath, expired: '1' } })
  },
})

app.use(router)
app.mount('#app')
