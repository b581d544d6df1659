// Vite build of the skillreg front end. The C++ server serves web/dist from the same origin
// (files under /assets/ are cached immutably, so every asset name carries a content hash).
// CSP on pages: default-src 'self'; style-src 'self' 'unsafe-inline' — no inline scripts, no eval,
// nothing from outside: every dependency is bundled.
import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// The framework (needed by every page) and ECharts (only the dashboard) get chunks of their own, so
// that an update of our code does not invalidate them in browsers' caches. Element Plus is left
// to Rollup: each page's chunk carries the components it imports, shared ones go to common chunks.
function vendorChunk(id) {
  if (!id.includes('node_modules')) return undefined
  if (/node_modules\/(echarts|zrender)\//.test(id)) return 'vendor-echarts'
  if (/node_modules\/(vue|@vue\/(runtime-core|runtime-dom|reactivity|shared)|vue-router|pinia|vue-i18n|@intlify)\//.test(id)) return 'vendor-vue'
  return undefined
}

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  define: {
    __VUE_OPTIONS_API__: 'true',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    // vue-i18n: composition API only; messages are compiled to ASTs (no eval, CSP-safe).
    __VUE_I18N_FULL_INSTALL__: 'true',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
    __INTLIFY_JIT_COMPILATION__: 'true',
    __INTLIFY_DROP_MESSAGE_COMPILER__: 'false',
  },
  server: {
    // `npm run dev` against a server started with `make run` (or SKILLREG_API).
    proxy: { '/api': process.env.SKILLREG_API || 'http://127.0.0.1:8080' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2020',
    sourcemap: false,
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      output: { manualChunks: vendorChunk },
    },
  },
})
