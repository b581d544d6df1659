// Routes. Every console page names the roles that see it (meta.roles, mirrored from the server's
// rules) and its title key; the side menu (config/menu.js) is built from these.
import { createRouter, createWebHistory } from 'vue-router'
import { ElMessage } from 'element-plus'
import i18n from '@/i18n'
import { ACCOUNT_MANAGERS, AUDIT_READERS, AUTHORITIES, ROLES, landingRoute } from '@/config/roles'
import { useSessionStore } from '@/stores/session'
// The evaluation activity (issue 4): institution staff run their plans, officials read them.
const INSTITUTION_ROLES = ['institution_admin', 'institution_staff']
const PLAN_READERS = [...AUTHORITIES, ...INSTITUTION_ROLES]
// Supervision (issue 6): the authorities supervise; inspectors see the inspections they are
// assigned to; institution staff read their own inspections and archive.
const INSPECTION_READERS = [...AUTHORITIES, ...INSTITUTION_ROLES]
const ConsoleLayout = () => import('@/layouts/ConsoleLayout.vue')
const PublicLayout = () => import('@/layouts/PublicLayout.vue')

const routes = [
  { path: '/', name: 'root', component: { render: () => null } },
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/auth/LoginView.vue'),
    meta: { title: 'login.title' },
  },
  {
    path: '/public',
    component: PublicLayout,
    children: [
      { path: '', name: 'public-home', component: () => import('@/views/public/PortalHomeView.vue'), meta: { title: 'portal.title' } },
      { path: 'institutions', name: 'public-institutions', component: () => import('@/views/public/InstitutionDirectoryView.vue'), meta: { title: 'portal.directory.title' } },
      { path: 'institutions/:code', name: 'public-institution', component: () => import('@/views/public/InstitutionPublicView.vue'), meta: { title: 'portal.directory.institution' } },
      { path: 'certificates', name: 'public-certificate-check', component: () => import('@/views/public/CertificateCheckView.vue'), meta: { title: 'portal.certCheck.title' } },
      { path: 'announcements', name: 'public-announcements', component: () => import('@/views/public/AnnouncementsView.vue'), meta: { title: 'portal.announcements.title' } },
      // Supervision in public (双随机、一公开, M27, M28).
      { path: 'draws', name: 'public-draws', component: () => import('@/views/public/PublicDrawListView.vue'), meta: { title: 'supervision.public.drawsTitle' } },
      { path: 'draws/:id(\\d+)', name: 'public-draw', component: () => import('@/views/public/PublicDrawView.vue'), meta: { title: 'supervision.public.drawTitle' } },
      { path: 'inspection-results', name: 'public-inspection-results', component: () => import('@/views/public/InspectionResultsView.vue'), meta: { title: 'supervision.public.resultsTitle' } },
      { path: 'complaints', name: 'public-complaint', component: () => import('@/views/public/ComplaintFormView.vue'), meta: { title: 'supervision.public.complaintTitle' } },
      { path: 'complaints/track', name: 'public-complaint-track', component: () => import('@/views/public/ComplaintTrackView.vue'), meta: { title: 'supervision.public.trackTitle' } },
      // Enforcement in public (S20, S21 对社会公布) and the catalogue of S18–S21.
      { path: 'sanctions', name: 'public-sanctions', component: () => import('@/views/public/PublicSanctionsView.vue'), meta: { title: 'enforcement.public.sanctionsTitle' } },
      { path: 'violations', name: 'public-violations', component: () => import('@/views/public/ViolationCatalogueView.vue'), meta: { title: 'enforcement.public.catalogueTitle' } },
    ],
  },
  {
    path: '/console',
    component: ConsoleLayout,
    meta: { requiresAuth: true },
    children: [
      { path: '', redirect: { name: 'dashboard' } },
      {
        path: 'dashboard',
        name: 'dashboard',
        component: () => import('@/views/dashboard/DashboardView.vue'),
        meta: { title: 'menu.dashboard', icon: 'Odometer', roles: ROLES },
      },
      {
        path: 'institutions',
        name: 'institutions',
        component: () => import('@/views/registry/InstitutionListView.vue'),
        meta: { title: 'menu.institutions', icon: 'OfficeBuilding', roles: AUTHORITIES },
      },
      {
        path: 'institutions/:id',
        name: 'institution-detail',
        component: () => import('@/views/registry/InstitutionDetailView.vue'),
        meta: { title: 'registry.detail', roles: AUTHORITIES, menu: 'institutions' },
      },
      {
        path: 'applications',
        name: 'applications',
        component: () => import('@/views/registry/ApplicationListView.vue'),
        meta: { title: 'menu.applications', icon: 'Document', roles: AUTHORITIES },
      },
      {
        path: 'applications/:id',
        name: 'application-detail',
        component: () => import('@/views/registry/ApplicationDetailView.vue'),
        meta: { title: 'applications.detail', roles: AUTHORITIES, menu: 'applications' },
      },
      // Exam sites awaiting the site authority's confirmation (M12), across institutions.
      {
        path: 'exam-sites',
        name: 'exam-site-confirmations',
        component: () => import('@/views/registry/ExamSiteConfirmView.vue'),
        meta: { title: 'menu.examSites', icon: 'Finished', roles: AUTHORITIES },
      },
      {
        path: 'my-institution',
        name: 'my-institution',
        component: () => import('@/views/registry/InstitutionDetailView.vue'),
        props: { mine: true },
        meta: { title: 'menu.myInstitution', icon: 'House', roles: ['institution_admin', 'institution_staff'] },
      },
      {
        path: 'plans',
        name: 'plans',
        component: () => import('@/views/activity/PlanListView.vue'),
        meta: { title: 'menu.plans', icon: 'Document', roles: PLAN_READERS },
      },
      {
        path: 'plans/new',
        name: 'plan-new',
        component: () => import('@/views/activity/PlanFormView.vue'),
        meta: { title: 'activity.form.createTitle', roles: INSTITUTION_ROLES, menu: 'plans' },
      },
      {
        path: 'plans/:id(\\d+)',
        name: 'plan-detail',
        component: () => import('@/views/activity/PlanDetailView.vue'),
        meta: { title: 'activity.detail.pageTitle', roles: PLAN_READERS, menu: 'plans' },
      },
      {
        path: 'plans/:id(\\d+)/edit',
        name: 'plan-edit',
        component: () => import('@/views/activity/PlanFormView.vue'),
        meta: { title: 'activity.form.editTitle', roles: INSTITUTION_ROLES, menu: 'plans' },
      },
      // People of the activity (M16): institutions register examiners and internal supervisors,
      // the authorities read them and appoint external supervisors.
      {
        path: 'examiners',
        name: 'examiners',
        component: () => import('@/views/activity/ExaminerListView.vue'),
        meta: { title: 'menu.examiners', icon: 'Avatar', roles: PLAN_READERS },
      },
      {
        path: 'supervisors',
        name: 'supervisors',
        component: () => import('@/views/activity/SupervisorListView.vue'),
        meta: { title: 'menu.supervisors', icon: 'View', roles: PLAN_READERS },
      },
      // An examiner's or quality supervisor's own registrations and assignments (M16), through the
      // identity number their account is linked to; their landing page (config/roles.js).
      {
        path: 'my-assignments',
        name: 'my-assignments',
        component: () => import('@/views/activity/MyAssignmentsView.vue'),
        meta: { title: 'menu.myAssignments', icon: 'Memo', roles: ['examiner'] },
      },
      // Bulk reporting 批量上报 of candidates, scores and certificates by the institution.
      {
        path: 'batches',
        name: 'batches',
        component: () => import('@/views/activity/BatchListView.vue'),
        meta: { title: 'menu.batches', icon: 'UploadFilled', roles: INSTITUTION_ROLES },
      },
      {
        path: 'batches/:id(\\d+)',
        name: 'batch-detail',
        component: () => import('@/views/activity/BatchDetailView.vue'),
        meta: { title: 'activity.batch.pageTitle', roles: INSTITUTION_ROLES, menu: 'batches' },
      },
      {
        path: 'certificates',
        name: 'certificates',
        component: () => import('@/views/activity/CertificateListView.vue'),
        meta: { title: 'menu.certificates', icon: 'Tickets', roles: AUTHORITIES },
      },
      // Digital monitoring 数字化监测 (S13, S14).
      {
        path: 'monitoring/sampling',
        name: 'sampling',
        component: () => import('@/views/monitoring/SamplingListView.vue'),
        meta: { title: 'menu.sampling', icon: 'Aim', roles: AUTHORITIES },
      },
      {
        path: 'monitoring/policy',
        name: 'monitoring-policy',
        component: () => import('@/views/monitoring/PolicyView.vue'),
        meta: { title: 'menu.monitoringPolicy', icon: 'SetUp', roles: AUTHORITIES },
      },
      {
        path: 'institutions/:id(\\d+)/monitoring',
        name: 'institution-monitoring',
        component: () => import('@/views/monitoring/InstitutionMonitoringView.vue'),
        meta: { title: 'monitoring.institution.pageTitle', roles: AUTHORITIES, menu: 'institutions' },
      },
      {
        path: 'my-institution/monitoring',
        name: 'my-institution-monitoring',
        component: () => import('@/views/monitoring/InstitutionMonitoringView.vue'),
        props: { mine: true },
        meta: { title: 'monitoring.institution.pageTitle', roles: INSTITUTION_ROLES, menu: 'my-institution' },
      },
      // Supervision 监督检查 (M25–M28, S8–S17).
      {
        path: 'supervision/plans',
        name: 'supervision-plans',
        component: () => import('@/views/supervision/SupervisionPlanListView.vue'),
        meta: { title: 'menu.supervisionPlans', icon: 'Document', roles: AUTHORITIES },
      },
      {
        path: 'supervision/plans/new',
        name: 'supervision-plan-new',
        component: () => import('@/views/supervision/SupervisionPlanFormView.vue'),
        meta: { title: 'supervision.plans.createTitle', roles: AUTHORITIES, menu: 'supervision-plans' },
      },
      {
        path: 'supervision/plans/:id(\\d+)',
        name: 'supervision-plan-detail',
        component: () => import('@/views/supervision/SupervisionPlanDetailView.vue'),
        meta: { title: 'supervision.plans.detailTitle', roles: AUTHORITIES, menu: 'supervision-plans' },
      },
      {
        path: 'supervision/draws',
        name: 'draws',
        component: () => import('@/views/supervision/DrawListView.vue'),
        meta: { title: 'menu.draws', icon: 'Aim', roles: AUTHORITIES },
      },
      {
        path: 'supervision/draws/:id(\\d+)',
        name: 'draw-detail',
        component: () => import('@/views/supervision/DrawDetailView.vue'),
        meta: { title: 'supervision.draws.pageTitle', roles: AUTHORITIES, menu: 'draws' },
      },
      {
        path: 'supervision/inspections',
        name: 'inspections',
        component: () => import('@/views/supervision/InspectionListView.vue'),
        meta: { title: 'menu.inspections', icon: 'Tickets', roles: INSPECTION_READERS },
      },
      {
        path: 'supervision/inspections/:id(\\d+)',
        name: 'inspection-detail',
        component: () => import('@/views/supervision/InspectionDetailView.vue'),
        meta: { title: 'supervision.inspections.pageTitle', roles: INSPECTION_READERS, menu: 'inspections' },
      },
      {
        path: 'supervision/my-inspections',
        name: 'my-inspections',
        component: () => import('@/views/supervision/InspectionListView.vue'),
        meta: { title: 'menu.myInspections', icon: 'Tickets', roles: ['inspector'] },
      },
      {
        path: 'supervision/my-inspections/:id(\\d+)',
        name: 'my-inspection-detail',
        component: () => import('@/views/supervision/InspectionDetailView.vue'),
        meta: { title: 'supervision.inspections.pageTitle', roles: ['inspector'], menu: 'my-inspections' },
      },
      {
        path: 'supervision/complaints',
        name: 'complaints',
        component: () => import('@/views/supervision/ComplaintListView.vue'),
        meta: { title: 'menu.complaints', icon: 'Document', roles: AUTHORITIES },
      },
      {
        path: 'supervision/complaints/:id(\\d+)',
        name: 'complaint-detail',
        component: () => import('@/views/supervision/ComplaintDetailView.vue'),
        meta: { title: 'supervision.complaints.pageTitle', roles: AUTHORITIES, menu: 'complaints' },
      },
      {
        path: 'supervision/inspectors',
        name: 'inspectors',
        component: () => import('@/views/supervision/InspectorListView.vue'),
        meta: { title: 'menu.inspectors', icon: 'User', roles: AUTHORITIES },
      },
      {
        path: 'institutions/:id(\\d+)/archive',
        name: 'institution-archive',
        component: () => import('@/views/supervision/ArchiveView.vue'),
        meta: { title: 'supervision.archive.pageTitle', roles: AUTHORITIES, menu: 'institutions' },
      },
      {
        path: 'my-institution/archive',
        name: 'my-institution-archive',
        component: () => import('@/views/supervision/ArchiveView.vue'),
        props: { mine: true },
        meta: { title: 'menu.myArchive', icon: 'Collection', roles: INSTITUTION_ROLES },
      },
      // Enforcement 监管处理 (S18–S24): the authorities open and decide cases; institution staff
      // read theirs (from the proposal on), state their case and ask for a review.
      {
        path: 'enforcement/cases',
        name: 'cases',
        component: () => import('@/views/enforcement/CaseListView.vue'),
        meta: { title: 'menu.cases', icon: 'Tickets', roles: AUTHORITIES },
      },
      {
        path: 'enforcement/cases/new',
        name: 'case-new',
        component: () => import('@/views/enforcement/CaseFormView.vue'),
        meta: { title: 'enforcement.form.title', roles: AUTHORITIES, menu: 'cases' },
      },
      {
        path: 'enforcement/cases/:id(\\d+)',
        name: 'case-detail',
        component: () => import('@/views/enforcement/CaseDetailView.vue'),
        meta: { title: 'enforcement.detail.pageTitle', roles: AUTHORITIES, menu: 'cases' },
      },
      {
        path: 'enforcement/my-cases',
        name: 'my-cases',
        component: () => import('@/views/enforcement/CaseListView.vue'),
        meta: { title: 'menu.myCases', icon: 'Document', roles: INSTITUTION_ROLES },
      },
      {
        path: 'enforcement/my-cases/:id(\\d+)',
        name: 'my-case-detail',
        component: () => import('@/views/enforcement/CaseDetailView.vue'),
        meta: { title: 'enforcement.detail.pageTitle', roles: INSTITUTION_ROLES, menu: 'my-cases' },
      },
      // Reports 统计报表 (issue 10 §3): the authorities, over their region.
      {
        path: 'reports',
        name: 'reports',
        component: () => import('@/views/reports/ReportsView.vue'),
        meta: { title: 'menu.reports', icon: 'DataAnalysis', roles: AUTHORITIES },
      },
      {
        path: 'users',
        name: 'users',
        component: () => import('@/views/users/UserListView.vue'),
        meta: { title: 'menu.users', icon: 'User', roles: ACCOUNT_MANAGERS },
      },
      {
        path: 'audit',
        name: 'audit',
        component: () => import('@/views/audit/AuditLogView.vue'),
        meta: { title: 'menu.audit', icon: 'Tickets', roles: AUDIT_READERS },
      },
      {
        path: 'reference',
        name: 'reference',
        component: () => import('@/views/reference/ReferenceDataView.vue'),
        meta: { title: 'menu.reference', icon: 'Collection', roles: ROLES },
      },
      // The working-day calendar's upkeep (issue 10 §1): province administrators; everyone else
      // reads it under 基础数据.
      {
        path: 'calendar',
        name: 'calendar',
        component: () => import('@/views/reference/CalendarEditView.vue'),
        meta: { title: 'menu.calendar', icon: 'Calendar', roles: ['province_admin'] },
      },
      // Every user's inbox (issue 10 §2); officials keep their region's webhook there too.
      {
        path: 'notifications',
        name: 'notifications',
        component: () => import('@/views/notifications/NotificationInboxView.vue'),
        meta: { title: 'menu.notifications', icon: 'Bell', roles: ROLES },
      },
      {
        path: 'account',
        name: 'account',
        component: () => import('@/views/account/MyAccountView.vue'),
        meta: { title: 'menu.account', icon: 'Lock', roles: ROLES },
      },
    ],
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/errors/NotFoundView.vue'),
    meta: { title: 'notFound.title' },
  },
]

const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior(to, from, saved) {
    if (saved) return saved
    if (to.hash) return { el: to.hash, top: 12, behavior: 'smooth' }
    if (to.path !== from.path) return { top: 0 }
    return undefined
  },
})

router.beforeEach(async (to) => {
  const session = useSessionStore()
  await session.restore()
  if (to.name === 'root') return session.isLoggedIn ? landingRoute(session.role) : { name: 'public-home' }
  if (to.name === 'login' && session.isLoggedIn) return landingRoute(session.role)
  if (to.matched.some((r) => r.meta.requiresAuth) && !session.isLoggedIn) {
    return { name: 'login', query: to.fullPath !== '/console/dashboard' ? { redirect: to.fullPath } : {} }
  }
  const roles = to.meta.roles
  if (roles && !roles.includes(session.role)) {
    ElMessage.warning(i18n.global.t('errors.forbiddenPage'))
    return { name: 'dashboard' }
  }
  return true
})

export function pageTitle(route) {
  const t = i18n.global.t
  const name = t('app.name')
  return route?.meta?.title ? `${t(route.meta.title)} - ${name}` : name
}

router.afterEach((to) => {
  document.title = pageTitle(to)
})

export default router
