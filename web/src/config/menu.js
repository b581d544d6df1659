// The console's side menu: groups of route names. An entry appears only when the route exists
// and the user's role is in the route's meta.roles. A detail page names its entry in meta.menu.
export const MENU = [
  { items: ['dashboard'] },
  { group: 'menu.groups.registry', items: ['institutions', 'applications', 'exam-site-confirmations', 'my-institution'] },
  { group: 'menu.groups.activity', items: ['plans', 'batches', 'examiners', 'supervisors', 'certificates', 'my-assignments'] },
  { group: 'menu.groups.monitoring', items: ['sampling', 'monitoring-policy'] },
  {
    group: 'menu.groups.supervision',
    items: ['supervision-plans', 'draws', 'inspections', 'my-inspections', 'complaints', 'inspectors', 'my-institution-archive'],
  },
  { group: 'menu.groups.enforcement', items: ['cases', 'my-cases'] },
  { group: 'menu.groups.reports', items: ['reports'] },
  { group: 'menu.groups.system', items: ['users', 'audit'] },
  { group: 'menu.groups.data', items: ['reference', 'calendar'] },
  { group: 'menu.groups.personal', items: ['notifications', 'account'] },
]
