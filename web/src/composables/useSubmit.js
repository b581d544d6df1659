// A form's submit with its busy state, for :loading on the submit button: submitting(fn) sets
// `busy`, awaits fn() and gives back its answer; a failure is put on the form's errors (fe.apply:
// the server's message, its details beside the fields) and gives back undefined. `busy` is
// cleared either way. What follows a success goes in fn (still busy) or after the call.
//
//   const fe = useFieldErrors(['username', 'password'])
//   const { busy, submitting } = useSubmit(fe)
//   async function submit() {
//     if (!check()) return
//     await submitting(async () => {
//       const u = await createUser(body)
//       open.value = false
//       emit('created', u)
//     })
//   }
//   <el-button :loading="busy" @click="submit">
//
// A form that does more with a failure passes onError, called with the error after fe.apply:
//   submitting(save, { onError: () => ElMessage.error(fe.state.message) })
import { ref } from 'vue'

export function useSubmit(fe) {
  const busy = ref(false)
  async function submitting(fn, { onError } = {}) {
    busy.value = true
    try {
      return await fn()
    } catch (e) {
      fe.apply(e)
      onError?.(e)
      return undefined
    } finally {
      busy.value = false
    }
  }
  return { busy, submitting }
}
