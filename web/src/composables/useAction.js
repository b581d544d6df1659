// An action on the record a detail page shows (publish, accept, confirm a site…), with its busy
// state and its error. act(name, fn, { done, then }) sets `busy` to the action's name (for
// :loading on its button, :disabled on the others), clears `error` and awaits fn(); on success it
// shows the `done` message (when given), awaits then(answer) (usually the page's load) and gives
// back { ok: true, value: answer }. A failure, of fn or of then, is kept in `error` (for the
// page's alert, which can read its details) and shown as a message through errorText, and gives
// back { ok: false }. `busy` is cleared either way. A page may set busy and error itself for
// steps that are not simple actions (a dialog's submit).
//
//   const { busy, error: actionError, act } = useAction(errorText)
//   const publish = () => act('publish', () => publishPlan(id), { done: t('activity.detail.published'), then: load })
//   <el-button :loading="busy === 'publish'" @click="publish">
import { ref } from 'vue'
import { ElMessage } from 'element-plus'

export function useAction(errorText) {
  const busy = ref('')
  const error = ref(null)
  async function act(name, fn, { done, then } = {}) {
    busy.value = name
    error.value = null
    try {
      const value = await fn()
      if (done) ElMessage.success(done)
      if (then) await then(value)
      return { ok: true, value }
    } catch (e) {
      error.value = e
      ElMessage.error(errorText(e))
      return { ok: false }
    } finally {
      busy.value = ''
    }
  }
  return { busy, error, act }
}
