// The roles of REQUIREMENTS.md §1 and what the front end shows each of them. The server decides
// every permission; these tables only mirror it so that nobody is offered a button that would
// answer 403 (src/domain/accounts/user_policy.cpp, src/app/audit_service.cpp).

export const ROLES = [
  'province_admin',
  'eval_center',
  'qualification_dept',
  'city_officer',
  'county_officer',
  'inspector',
  'institution_admin',
  'institution_staff',
  'examiner',
]

// HR authorities: read data of their region and below (S5).
export const AUTHORITIES = ['province_admin', 'eval_center', 'city_officer', 'county_officer']

// Which roles each administrator may create and manage (user_policy.cpp, manage_table).
export const MANAGEABLE_ROLES = {
  province_admin: [
    'province_admin',
    'eval_center',
    'city_officer',
    'county_officer',
    'qualification_dept',
    'inspector',
    'institution_admin',
    'institution_staff',
    'examiner',
  ],
  eval_center: ['inspector', 'institution_admin', 'institution_staff', 'examiner'],
  city_officer: ['county_officer', 'inspector', 'institution_admin', 'institution_staff', 'examiner'],
  county_officer: ['inspector', 'institution_admin', 'institution_staff', 'examiner'],
  institution_admin: ['institution_staff'],
}

export const ACCOUNT_MANAGERS = Object.keys(MANAGEABLE_ROLES)
export const AUDIT_READERS = [...AUTHORITIES, 'institution_admin']
export const AUDIT_VERIFIERS = ['province_admin']

export const isAuthority = (role) => AUTHORITIES.includes(role)
export const isInstitutionRole = (role) => role === 'institution_admin' || role === 'institution_staff'
export const manageableRoles = (role) => MANAGEABLE_ROLES[role] || []
export const mayManageAccounts = (role) => manageableRoles(role).length > 0

// The page a role starts on after login (and at /): the examiner's own assignments (M16),
// everyone else's dashboard. The dashboard stays in every menu.
const LANDING = { examiner: 'my-assignments' }
export const landingRoute = (role) => ({ name: LANDING[role] || 'dashboard' })

// The region level an account of this role must sit at (check_account_placement); null: any.
export function requiredRegionLevel(role) {
  if (role === 'province_admin' || role === 'eval_center' || role === 'qualification_dept') return 'province'
  if (role === 'city_officer') return 'city'
  if (role === 'county_officer') return 'county'
  return null
}

// Username and password rules (user_service.cpp check_new_user, auth_service.cpp).
export const USERNAME_PATTERN = /^[a-z][a-z0-9_.-]{2,31}$/
export const PASSWORD_MIN = 8
export const PASSWORD_MAX = 128
export const DISPLAY_NAME_MAX = 200
