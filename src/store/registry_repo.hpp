#pragma once
// Persistence of the registry: announcements, applications (with reviews and objections),
// institutions with their scope, renewals, and the unified code sequence.
#include <optional>
#include <string>
#include <vector>

#include "domain/registry/records.hpp"
#include "store/database.hpp"
#include "store/paging.hpp"

namespace skillreg {

struct InstitutionQuery {
  std::vector<std::string> authorities;  // supervising authorities in scope (empty: any)
  std::optional<std::int64_t> only_id;   // an institution's own staff
  bool directory_only = false;           // the public directory: listed statuses only
  std::string q;                         // name substring or code
  std::optional<InstitutionKind> kind;
  std::vector<std::string> regions;      // location filter (a region and all under it)
  std::string occupation;                // scope filter
  int level = 0;                         // scope filter, with occupation
  std::optional<InstitutionStatus> status;
  std::string sort = "code";             // code | name | valid_until
  PageRequest page;
};

struct ApplicationQuery {
  std::vector<std::string> authorities;
  std::optional<std::int64_t> applicant_id;
  std::optional<ApplicationStatus> status;
  PageRequest page;
};

class RegistryRepo {
 public:
  explicit RegistryRepo(Tx& tx) : tx_(tx) {}

  std::int64_t insert_announcement(const Announcement& a);
  std::optional<Announcement> announcement(std::int64_t id);
  Page<Announcement> announcements(const PageRequest& page);

  std::int64_t insert_application(const Application& a);
  void update_application(const Application& a);
  std::optional<Application> application(std::int64_t id);
  Page<Application> applications(const ApplicationQuery& q);
  // An application for this credit code that is not finished yet, other than `except_id`.
  bool has_open_application(const std::string& credit_code, std::int64_t except_id);

  std::int64_t insert_review(const Review& r);
  std::vector<Review> reviews(std::int64_t application_id);
  std::int64_t insert_objection(const Objection& o);
  std::vector<Objection> objections(std::int64_t application_id);
  void resolve_objection(std::int64_t id, const std::string& resolution, Instant at);

  // The next unified-code sequence number for the province; never returns a number twice.
  int next_code_sequence();
  std::int64_t insert_institution(const Institution& i);
  std::optional<Institution> institution(std::int64_t id);
  std::optional<Institution> institution_by_code(const std::string& code);
  Page<Institution> institutions(const InstitutionQuery& q);
  void update_institution_status(std::int64_t id, InstitutionStatus s);
  void update_validity(std::int64_t id, Date valid_until);
  // S21: a credit code that belongs to a revoked institution.
  bool credit_code_revoked(const std::string& credit_code);
  // M23: institutions valid before `as_of` that are still active or suspended.
  std::vector<Institution> due_to_expire(Date as_of);
  void link_user_to_institution(std::int64_t user_id, std::int64_t institution_id);

  // M21: basic information and its change history.
  struct BasicInfoChange {
    std::int64_t id = 0;
    std::int64_t changed_by = 0;
    std::string before_json, after_json;
    Instant at = 0;
  };
  void update_basic_info(const Institution& i);
  void insert_change(std::int64_t institution_id, std::int64_t by, const std::string& before,
                     const std::string& after, Instant at);
  std::vector<BasicInfoChange> changes(std::int64_t institution_id);

  // Evidence files (metadata; the bytes only on demand).
  std::int64_t insert_evidence(const EvidenceFile& e, const std::string& content_base64);
  std::vector<EvidenceFile> evidence(std::int64_t application_id);
  std::optional<std::pair<EvidenceFile, std::string>> evidence_with_content(std::int64_t id);

  // M12: exam sites.
  std::int64_t insert_exam_site(const ExamSite& s);
  std::optional<ExamSite> exam_site(std::int64_t id);
  std::vector<ExamSite> exam_sites(std::int64_t institution_id);
  // Every exam site, or those of one status, oldest first (the caller keeps those of its area).
  std::vector<ExamSite> exam_sites_by_status(const std::string& status);
  void decide_exam_site(std::int64_t id, ExamSiteStatus status, const std::string& reason,
                        std::int64_t by, Instant at);

  // Special-ability specifications (专项职业能力考核规范) published by the province (M6).
  void insert_spec(const std::string& code, const std::string& name, Date published_on);
  bool spec_exists(const std::string& code);
  std::vector<std::pair<std::string, std::string>> specs();

  // M23 renewals: a pending request per institution at most.
  std::int64_t insert_renewal(std::int64_t institution_id, Date requested_on);
  std::optional<std::pair<std::int64_t, std::string>> pending_renewal(std::int64_t institution_id);
  void decide_renewal(std::int64_t id, const std::string& status, Date decided_on, std::optional<Date> new_valid_until);

  // Once-per-day jobs: true when (job, as_of) was not recorded yet (and records it now).
  bool claim_job_run(const std::string& job, Date as_of, Instant at, const std::string& summary);

  // M22: an approved scope change replaces the granted pairs (and an employer's subsidiaries, M11).
  void replace_scope(std::int64_t institution_id, const std::vector<ScopeItem>& scope,
                     const std::vector<std::string>& subsidiaries);

 private:
  void insert_scope(std::int64_t institution_id, const std::vector<ScopeItem>& scope);
  std::vector<ScopeItem> scope_of(std::int64_t institution_id);
  Tx& tx_;
};

}  // namespace skillreg
