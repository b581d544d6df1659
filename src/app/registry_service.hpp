#pragma once
// Use cases of the institution registry (M2–M13, M23, S21): selection announcements,
// applications from draft to approval, institutions, renewals, and the public directory.
// Every use case checks the caller's scope first: an authority manages what it received and
// what its subordinate authorities received (S5); applicants see only their own applications.
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/accounts/actor.hpp"
#include "domain/registry/records.hpp"
#include "store/registry_repo.hpp"

namespace skillreg {

struct RegistryPolicy {
  int publicity_working_days = 5;  // M9(2) 公示: policy default 5 working days
};

struct NewAnnouncement {
  std::string title;
  std::vector<std::string> kinds;
  std::string opens_on, closes_on;
  std::string conditions, assessment;
  std::vector<std::string> methods;
};

struct ApplicationDraft {
  std::string kind;
  std::optional<std::int64_t> announcement_id;
  std::string authority_code;  // appraisal filings name their receiving authority (M9(1))
  std::string credit_code, name, address, region_code, contact, phone;
  std::string ministry_code;  // M13 branches only
  std::vector<ScopeItem> scope;
  std::vector<ChecklistAnswer> checklist;
  std::vector<std::string> subsidiaries;
};

// M22: the scope an institution asks to hold from now on (the whole of it, not a difference),
// with the eligibility statements for it and, for employers, the subsidiaries (M11).
struct ScopeChange {
  std::vector<ScopeItem> scope;
  std::vector<ChecklistAnswer> checklist;
  std::vector<std::string> subsidiaries;
  std::string reason;
};

struct ReviewInput {
  std::vector<std::pair<std::string, bool>> findings;
  bool pass = false;
  std::string comment;
};

struct ApplicationView {
  Application application;
  std::vector<Review> reviews;
  std::vector<Objection> objections;
  std::vector<EvidenceFile> evidence;
};

struct Receipt {  // 回执 (M9(2))
  Institution institution;
  std::string authority_name;
};

class RegistryService {
 public:
  RegistryService(AppContext& ctx, RegistryPolicy policy = {}) : ctx_(ctx), policy_(policy) {}

  Result<Announcement> announce(const Actor& actor, const NewAnnouncement& cmd);
  Result<Page<Announcement>> announcements(const PageRequest& page);

  Result<std::vector<std::pair<std::string, std::string>>> specs();
  Status publish_spec(const Actor& actor, const std::string& code, const std::string& name);

  Result<Application> create_application(const Actor& actor, const ApplicationDraft& draft);
  Result<Page<Application>> applications(const Actor& actor, std::optional<std::string> status,
                                         const PageRequest& page);
  Result<ApplicationView> application(const Actor& actor, std::int64_t id);
  Result<Application> submit(const Actor& actor, std::int64_t id);
  // Evidence for one eligibility item (M7, M8), by the applicant while the application is a
  // draft or returned; its SHA-256 is recorded and the file never changes afterwards.
  Result<EvidenceFile> attach_evidence(const Actor& actor, std::int64_t id, const std::string& item_key,
                                       const std::string& file_name, const std::string& content_type,
                                       const std::string& bytes);
  Result<std::pair<EvidenceFile, std::string>> evidence_file(const Actor& actor, std::int64_t id,
                                                             std::int64_t evidence_id);
  Result<Application> return_for_material(const Actor& actor, std::int64_t id, const std::string& reasons);
  Result<Application> review(const Actor& actor, std::int64_t id, const ReviewInput& input);
  Result<Application> start_publicity(const Actor& actor, std::int64_t id);
  Result<Objection> object(std::int64_t id, const std::string& content, const std::string& contact);
  Status resolve_objection(const Actor& actor, std::int64_t id, std::int64_t objection_id,
                           const std::string& resolution);
  Result<Receipt> approve(const Actor& actor, std::int64_t id);
  Result<Application> reject(const Actor& actor, std::int64_t id, const std::string& reasons);

  // M22: a scope change is an application reviewed like the first one; approving it replaces
  // the institution's scope.
  Result<Application> request_scope_change(const Actor& actor, std::int64_t institution_id,
                                           const ScopeChange& change);

  Result<Page<Institution>> institutions(const Actor& actor, InstitutionQuery q);
  Result<Institution> institution(const Actor& actor, std::int64_t id);
  Result<std::int64_t> request_renewal(const Actor& actor, std::int64_t institution_id);
  Result<Institution> approve_renewal(const Actor& actor, std::int64_t institution_id);

  // M21: the institution reports a change of its basic information; applied and kept in history.
  struct BasicInfo {
    std::optional<std::string> name, address, contact, phone, public_phone, fees;
  };
  Result<Institution> change_basic_info(const Actor& actor, std::int64_t institution_id, const BasicInfo& info);
  Result<std::vector<RegistryRepo::BasicInfoChange>> changes(const Actor& actor, std::int64_t institution_id);
  // M24: the institution ends its evaluation work of its own accord.
  Result<Institution> terminate(const Actor& actor, std::int64_t institution_id, const std::string& reason);

  // M12: exam sites. Requested by the institution; one inside its own area is confirmed at once,
  // one outside waits for the authority of the site's county or city.
  Result<ExamSite> request_exam_site(const Actor& actor, std::int64_t institution_id, const std::string& name,
                                     const std::string& address, const std::string& region_code);
  Result<std::vector<ExamSite>> exam_sites(const Actor& actor, std::int64_t institution_id);
  // M12: the exam sites in the official's area, of every institution, with the institutions'
  // codes and names — the work list of sites waiting for this authority's confirmation.
  struct AreaExamSite {
    ExamSite site;
    std::string institution_code, institution_name;
  };
  Result<Page<AreaExamSite>> exam_sites_in_area(const Actor& actor, const std::string& status, PageRequest page);
  Result<ExamSite> decide_exam_site(const Actor& actor, std::int64_t institution_id, std::int64_t site_id,
                                    bool confirm, const std::string& reason);

  Result<Page<Institution>> directory(InstitutionQuery q);
  Result<Institution> directory_entry(const std::string& code);

  // M23: marks institutions whose validity ended by `as_of` expired (the daily job).
  Result<int> expire_institutions(Date as_of);

 private:
  Date today() const;
  bool manages(const Actor& actor, const std::string& authority_code) const;
  Result<Application> load_application(Tx& tx, const Actor& actor, std::int64_t id);
  Result<Application> load_managed_application(Tx& tx, const Actor& actor, std::int64_t id);
  Result<Institution> load_institution(Tx& tx, const Actor& actor, std::int64_t id);
  std::optional<Error> check_requested_scope(Tx& tx, InstitutionKind kind, const std::vector<ScopeItem>& scope,
                                             const std::vector<ChecklistAnswer>& checklist,
                                             const std::vector<std::string>& subsidiaries,
                                             std::vector<FieldProblem>& problems);
  Result<Receipt> apply_scope_change(Tx& tx, const Actor& actor, Application& a, ApplicationStatus next,
                                     Instant now);
  Status check_draft(Tx& tx, const Actor& actor, const ApplicationDraft& d, InstitutionKind kind,
                     std::string& authority_code);
  Result<Application> transition(const Actor& actor, std::int64_t id, ApplicationAction action,
                                 const std::string& reasons, const char* audit_action);

  AppContext& ctx_;
  RegistryPolicy policy_;
};

}  // namespace skillreg
