// The action codes and object types the server records in the audit log (grep record_change in
// src/app; complaint.accepted / complaint.not_accepted are built from the status a complaint moves
// to, and the case.* steps pass through EnforcementService::save_step). Their names are in i18n under
// audit.actions / audit.objectTypes; a code not listed here is still shown, as its raw code, and can
// still be typed into the filter.
export const AUDIT_ACTIONS = [
  'auth.login',
  'user.create', 'user.disable', 'user.enable', 'user.reset_password', 'user.change_password',
  'institution.create', 'institution.renewal_request', 'institution.renew', 'institution.expire',
  'institution.change_basic_info', 'institution.change_scope', 'institution.terminate',
  'application.create', 'application.submit', 'application.evidence', 'application.return',
  'application.review', 'application.publicity', 'application.objection', 'application.objection_resolved',
  'application.approve', 'application.reject',
  'announcement.publish',
  'spec.publish',
  'reference.load',
  'calendar.replace_year',
  'exam_site.request', 'exam_site.confirm', 'exam_site.refuse',
  'person.register', 'person.update', 'person.retire',
  'plan.create', 'plan.change', 'plan.publish', 'plan.cancel', 'plan.document', 'plan.results_publish',
  'assignment.create', 'assignment.delete',
  'candidate.register', 'candidate.review', 'candidate.identity_view',
  'paper.record',
  'video.record',
  'score.record', 'score.change',
  'certificate.issue', 'certificate.report', 'certificate.void',
  'batch.commit', 'batch.withdraw', 'batch.apply', 'batch.refuse', 'batch.expire',
  'monitoring.policy', 'monitoring.recompute', 'monitoring.sampling',
  'inspector.add',
  'supervision_plan.create',
  'draw.commit', 'draw.execute', 'draw.publish',
  'inspection.create', 'inspection.start', 'inspection.findings', 'inspection.evidence',
  'inspection.self_evaluation', 'inspection.complete', 'inspection.cancel',
  'rectification.verify',
  'complaint.receive', 'complaint.accepted', 'complaint.not_accepted', 'complaint.investigating',
  'complaint.reply',
  'case.open', 'case.propose', 'case.serve', 'case.statement', 'case.decide', 'case.review_request',
  'case.review_decision', 'case.close', 'case.rectification_verified',
  'webhook.save',
]

export const AUDIT_OBJECT_TYPES = [
  'user', 'institution', 'application', 'announcement', 'special_ability_spec', 'reference_data', 'calendar',
  'exam_site', 'person', 'plan', 'assignment', 'candidate', 'certificate', 'batch', 'monitoring_policy',
  'monitoring_run', 'sampling_item', 'inspector', 'supervision_plan', 'draw', 'inspection', 'complaint',
  'case', 'webhook',
]
