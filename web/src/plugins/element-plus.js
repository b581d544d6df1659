// Element Plus, on demand. Registered globally here: only the few components that the login page
// and both layouts need anyway. Every other component is imported by the file that uses it
// (`import { ElTable } from 'element-plus'` in <script setup>), so it lands in that page's lazy
// chunk. The stylesheets of all components in use are imported here once
// (element-plus/es/components/<name>/style/css brings the component's CSS and that of the
// components it builds on); add a line when a page starts using another component.
import {
  ElAlert, ElButton, ElConfigProvider, ElDropdown, ElDropdownItem, ElDropdownMenu, ElForm,
  ElFormItem, ElIcon, ElInput, ElLoading, ElMessage, ElTag,
} from 'element-plus'

import 'element-plus/es/components/base/style/css'
import 'element-plus/es/components/alert/style/css'
import 'element-plus/es/components/badge/style/css'
import 'element-plus/es/components/breadcrumb/style/css'
import 'element-plus/es/components/breadcrumb-item/style/css'
import 'element-plus/es/components/button/style/css'
import 'element-plus/es/components/calendar/style/css'
import 'element-plus/es/components/cascader/style/css'
import 'element-plus/es/components/config-provider/style/css'
import 'element-plus/es/components/date-picker/style/css'
import 'element-plus/es/components/descriptions/style/css'
import 'element-plus/es/components/descriptions-item/style/css'
import 'element-plus/es/components/dialog/style/css'
import 'element-plus/es/components/divider/style/css'
import 'element-plus/es/components/dropdown/style/css'
import 'element-plus/es/components/dropdown-item/style/css'
import 'element-plus/es/components/dropdown-menu/style/css'
import 'element-plus/es/components/empty/style/css'
import 'element-plus/es/components/form/style/css'
import 'element-plus/es/components/form-item/style/css'
import 'element-plus/es/components/icon/style/css'
import 'element-plus/es/components/input/style/css'
import 'element-plus/es/components/input-number/style/css'
import 'element-plus/es/components/loading/style/css'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import 'element-plus/es/components/option/style/css'
import 'element-plus/es/components/pagination/style/css'
import 'element-plus/es/components/progress/style/css'
import 'element-plus/es/components/radio/style/css'
import 'element-plus/es/components/radio-group/style/css'
import 'element-plus/es/components/radio-button/style/css'
import 'element-plus/es/components/rate/style/css'
import 'element-plus/es/components/result/style/css'
import 'element-plus/es/components/select/style/css'
import 'element-plus/es/components/switch/style/css'
import 'element-plus/es/components/table/style/css'
import 'element-plus/es/components/table-column/style/css'
import 'element-plus/es/components/tab-pane/style/css'
import 'element-plus/es/components/tabs/style/css'
import 'element-plus/es/components/tag/style/css'
import 'element-plus/es/components/tooltip/style/css'
import 'element-plus/es/components/tree/style/css'

const core = [
  ElAlert, ElButton, ElConfigProvider, ElDropdown, ElDropdownItem, ElDropdownMenu, ElForm,
  ElFormItem, ElIcon, ElInput, ElTag,
]

// One toast at a time: every page calls ElMessage.success / .error / … directly, and a workflow of
// several steps would otherwise stack a toast per step. Each new toast closes those still shown.
// (Not `grouping`: it would count up a toast that is already closing instead of showing it again.)
function singleMessages() {
  for (const type of ['success', 'warning', 'info', 'error']) {
    const show = ElMessage[type]
    ElMessage[type] = (options, appContext) => {
      ElMessage.closeAll()
      return show(options, appContext)
    }
  }
}

export default {
  install(app) {
    for (const c of core) app.use(c)
    app.use(ElLoading) // the v-loading directive
    singleMessages()
  },
}
