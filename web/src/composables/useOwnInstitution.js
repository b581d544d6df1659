// The status of the caller's own institution (GET /institutions/{id}), for institution staff: a
// status other than 正常 stops new plans, exam-site requests and change reports (S20, S21, M23, M24),
// so the pages say so before a form is filled in.
import { computed, ref, watch } from 'vue'
import { getInstitution } from '@/api/institutions'
import { useSessionStore } from '@/stores/session'

const BLOCKED = ['suspended', 'revoked', 'expired', 'terminated']
export const blockedStatus = (s) => BLOCKED.includes(s)

export function useOwnInstitution() {
  const session = useSessionStore()
  const institution = ref(null)
  watch(
    () => session.user?.institution_id,
    async (id) => {
      institution.value = null
      if (id == null) return
      try {
        institution.value = await getInstitution(id)
      } catch {
        institution.value = null // the server refuses anyway; say nothing we do not know
      }
    },
    { immediate: true },
  )
  const status = computed(() => institution.value?.status || '')
  const blocked = computed(() => blockedStatus(status.value))
  return { institution, status, blocked }
}
