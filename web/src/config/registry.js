// Codes of the institution registry and the selection workflow (src/domain/registry), with the
// tag colour each status is shown in. Names are in the message files (registry.*).
export const INSTITUTION_KINDS = ['appraisal', 'employer', 'social_organisation', 'special_ability', 'branch']
export const INSTITUTION_STATUSES = ['active', 'suspended', 'revoked', 'expired', 'terminated']
export const APPLICATION_STATUSES = ['draft', 'submitted', 'returned', 'under_review', 'publicity', 'approved', 'rejected', 'filed']
export const EXAM_SITE_STATUSES = ['pending', 'confirmed', 'refused']
export const LEVELS = [1, 2, 3, 4, 5]
export const INSTITUTION_SORTS = ['code', 'name', 'valid_until']

const TAGS = {
  active: 'success', suspended: 'warning', revoked: 'danger', expired: 'info', terminated: 'info',
  draft: 'info', submitted: 'primary', returned: 'warning', under_review: 'primary', publicity: 'warning',
  approved: 'success', rejected: 'danger', filed: 'success',
  pending: 'warning', confirmed: 'success', refused: 'danger',
}
export const statusTag = (s) => TAGS[s] || 'info'

// The fields an institution reports as changes of its basic information (M21, M17, S17).
export const CHANGE_FIELDS = ['name', 'address', 'contact', 'phone', 'public_phone', 'fees']

// Workflow actions an authority may take on an application in each status (mirrors the server;
// it still decides and answers 409 with the article otherwise).
export const APPLICATION_ACTIONS = {
  submitted: ['review', 'return', 'reject'],
  under_review: ['review', 'publicity', 'approve', 'return', 'reject'],
  publicity: ['approve', 'reject'],
}
