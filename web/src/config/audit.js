// The action codes and object types the server records in the audit log (grep record_change in
// src/app). Their names are in i18n under audit.actions / audit.objectTypes; a code not listed
// here is still shown, as its raw code, and can still be typed into the filter.
export const AUDIT_ACTIONS = [
  'auth.login',
  'user.create',
  'user.disable',
  'user.enable',
  'user.reset_password',
  'user.change_password',
  'institution.create',
  'institution.renewal_request',
  'institution.renew',
  'institution.expire',
  'application.create',
  'application.submit',
  'application.return',
  'application.review',
  'application.publicity',
  'application.objection',
  'application.objection_resolved',
  'application.approve',
  'application.reject',
  'announcement.publish',
  'spec.publish',
  'reference.load',
]

export const AUDIT_OBJECT_TYPES = ['user', 'institution', 'application', 'announcement', 'special_ability_spec', 'reference_data']
