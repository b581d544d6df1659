#pragma once
// Persistence of the people of evaluation activity (M16): examiners and supervisors with their
// qualifications, and their assignments to plan sessions.
#include <optional>
#include <string>
#include <vector>

#include "domain/activity/personnel.hpp"
#include "store/database.hpp"
#include "store/paging.hpp"

namespace skillreg {

struct PersonQuery {
  std::vector<PersonKind> kinds;
  bool any_scope = false;                   // everybody (no scope restriction)
  std::optional<std::int64_t> employer_id;  // or the people this institution employs
  std::vector<std::string> authorities;     // or employed by institutions these regions supervise,
                                            // and external supervisors of these regions
  std::string name_contains;
  std::string subject_code;
  int level = -1;      // a qualification (of subject_code, when given) at this level or higher
  std::string status;  // active | retired; "" for both
  PageRequest page;
};

// M16: one session an examiner's own account sees — the assignment with the plan, session, site
// and institution it was made at, and the employer of the registration it was made with.
struct OwnAssignment {
  std::int64_t id = 0, session_id = 0, plan_id = 0, person_id = 0, institution_id = 0;
  PersonKind role = PersonKind::examiner;
  std::string panel, part, room;
  Instant starts_at = 0, ends_at = 0;
  std::string subject_code;
  int level = 0;
  std::string plan_status;  // draft | published | cancelled
  std::string institution_name, site_name, site_address, site_region_code;
  std::string employer_name;  // "" for an external supervisor
};

struct OwnAssignmentQuery {
  std::string identity_index;  // the person, by the blind index of their number
  std::string when;            // upcoming (not yet ended) | past | "" (both)
  Instant now = 0;
  PageRequest page;
};

class PersonnelRepo {
 public:
  explicit PersonnelRepo(Tx& tx) : tx_(tx) {}

  // The employer (0 for an external supervisor) of the person's active registration of this
  // kind, if there is one (M16: one at a time; a retired registration does not count).
  std::optional<std::int64_t> active_registration(PersonKind kind, const std::string& identity_no);
  std::optional<std::int64_t> person_id_of(PersonKind kind, const std::string& identity_no);
  std::int64_t insert_person(const Person& p);  // with its qualifications
  // Name, phone, updated_at and the qualifications (replaced whole); never the identity number.
  void update_person(const Person& p);
  void retire_person(std::int64_t id, Instant at, const std::string& reason);
  std::optional<Person> person(std::int64_t id);
  // The institution's supervising authority (its authority_code) for a person's employer.
  std::optional<std::string> employer_authority(std::int64_t person_id);
  Page<Person> people(const PersonQuery& q);

  // The person's sessions in plans that are not cancelled, under any of their registrations.
  std::vector<Booking> bookings(std::int64_t person_id);
  bool assigned(std::int64_t session_id, std::int64_t person_id);
  std::int64_t insert_assignment(const Assignment& a);
  std::optional<Assignment> assignment(std::int64_t id);
  std::vector<Assignment> assignments_of_plan(std::int64_t plan_id);
  void delete_assignment(std::int64_t id);
  // Distinct plans (not cancelled) of the institution with a session in [from, to) that have
  // the person as examiner, under any of their registrations.
  int examiner_plans_at(std::int64_t person_id, std::int64_t institution_id, Instant from,
                        Instant to);
  int admitted_candidates(std::int64_t plan_id);

  // M16: every registration of one person (any kind, any employer, active or retired), newest
  // first, and the sessions they are assigned to: upcoming ones soonest first, past ones latest
  // first.
  std::vector<Person> registrations_of_identity(const std::string& identity_index);
  Page<OwnAssignment> assignments_of_identity(const OwnAssignmentQuery& q);

 private:
  std::vector<Qualification> qualifications(std::int64_t person_id);
  Tx& tx_;
};

}  // namespace skillreg
