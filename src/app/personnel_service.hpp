#pragma once
// Use cases of the people of evaluation activity (M16, S19(8)): the registries of examiners
// 考评人员 and quality supervisors 质量督导人员 — examiners and internal supervisors 内督
// registered by their institution, external supervisors 外督 appointed by an authority — and their
// assignment to plan sessions with the checks of assignment_rules, the staffing a plan still
// lacks, and rotation flags.
//
// Scope: an institution sees the people it employs; an authority sees the people employed by
// institutions it supervises and the external supervisors of its regions. Identity numbers are
// stored whole and shown masked only.
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/accounts/actor.hpp"
#include "domain/activity/activity_policy.hpp"
#include "domain/activity/assignment_rules.hpp"
#include "domain/activity/personnel.hpp"
#include "store/paging.hpp"
#include "store/personnel_repo.hpp"

namespace skillreg {

struct QualificationInput {
  std::string subject_code;
  int level = 0;
  std::string valid_until;  // YYYY-MM-DD
};

struct PersonInput {
  std::string identity_no, name, phone;
  std::vector<QualificationInput> qualifications;
};

// A change of a registered person: the fields given are replaced (the qualifications whole);
// the identity number never changes.
struct PersonPatch {
  std::optional<std::string> name, phone;
  std::optional<std::vector<QualificationInput>> qualifications;
};

struct PersonFilter {
  std::vector<PersonKind> kinds;  // the registry asked for
  std::string q;                  // name contains
  std::string subject_code;
  int level = -1;      // qualified at this level or higher (0: a specification)
  std::string status;  // active | retired | "" (both)
  // Institutions only: active examiners of every institution in the province, to invite one from
  // outside (S19(8) 回避); other institutions' people come without their phone.
  bool province_wide = false;
  PageRequest page;
};

struct AssignmentInput {
  std::int64_t session_id = 0;
  std::optional<std::int64_t> person_id;
  std::optional<std::string>
      identity_no;  // alternative to person_id: the registered person of `role`
  std::string role, panel;
};

struct AssignmentView {
  Assignment assignment;
  std::vector<RotationFlag> flags;
};

struct StaffingView {
  Staffing staffing;
  std::vector<RotationFlag> flags;
  ActivityPolicy policy;
};

// M16: what an examiner's own account sees of the person it is.
struct OwnRecords {
  bool linked = false;          // the account carries an identity number
  std::string identity_masked;  // shown masked only
  std::vector<Person> registrations;
};

struct OwnAssignmentFilter {
  std::string when;  // upcoming | past | "" (both)
  PageRequest page;
};

class PersonnelService {
 public:
  PersonnelService(AppContext& ctx, ActivityPolicy policy = {}) : ctx_(ctx), policy_(policy) {}

  // An examiner or internal supervisor of the caller's institution (institution staff), or an
  // external supervisor of the caller's region (authority). 409 when the kind and identity exist.
  Result<Person> register_person(const Actor& actor, PersonKind kind, const PersonInput& input);
  Result<Page<Person>> people(const Actor& actor, const PersonFilter& filter);
  // 404 outside the caller's scope or when the person is not one of `kinds`.
  Result<Person> person(const Actor& actor, std::int64_t id, const std::vector<PersonKind>& kinds);
  // Changed or retired by whoever registers that kind (the employing institution; the appointing
  // authority for external supervisors) or a province administrator: 404 outside the caller's
  // scope, 403 in scope but not theirs to change, 409 once retired.
  Result<Person> update_person(const Actor& actor, std::int64_t id,
                               const std::vector<PersonKind>& kinds, const PersonPatch& patch);
  Result<Person> retire_person(const Actor& actor, std::int64_t id,
                               const std::vector<PersonKind>& kinds, const std::string& reason);

  Result<AssignmentView> assign(const Actor& actor, std::int64_t plan_id,
                                const AssignmentInput& input);
  Result<std::vector<Assignment>> assignments(const Actor& actor, std::int64_t plan_id);
  Status unassign(const Actor& actor, std::int64_t plan_id, std::int64_t assignment_id);
  Result<StaffingView> staffing(const Actor& actor, std::int64_t plan_id);

  // M16 "their own assignments and records": an examiner's account (role examiner) sees every
  // registration of the person it is linked to, at whatever institution, and the sessions they
  // are assigned to. 403 for any other role; nothing when the account is not linked yet.
  Result<OwnRecords> own_records(const Actor& actor);
  Result<Page<OwnAssignment>> own_assignments(const Actor& actor, const OwnAssignmentFilter& filter);

 private:
  Result<Person> build(Tx& tx, PersonKind kind, const PersonInput& input) const;
  // The person of `kinds` in the caller's scope that the caller may change (see update_person).
  Result<Person> changeable(Tx& tx, const Actor& actor, std::int64_t id,
                            const std::vector<PersonKind>& kinds) const;

  AppContext& ctx_;
  ActivityPolicy policy_;
};

}  // namespace skillreg
