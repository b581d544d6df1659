#pragma once
// The registry's records as values: a selection announcement (遴选公告), an application, an
// institution (评价机构) with its scope, and the unified code sequence.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/date.hpp"
#include "domain/registry/application_workflow.hpp"
#include "domain/registry/institution_kind.hpp"
#include "domain/registry/institution_status.hpp"
#include "domain/registry/scope_rules.hpp"

namespace skillreg {

// M9(2): the eight review methods an announcement may name.
inline const std::vector<std::string>& review_methods() {
  static const std::vector<std::string> m{"听汇报", "访谈咨询", "质询答辩", "现场察看",
                                          "视频连线", "资料审核", "技术核查", "集中路演"};
  return m;
}

struct Announcement {
  std::int64_t id = 0;
  std::string region_code;  // the issuing authority's region
  std::string title;
  std::vector<InstitutionKind> kinds;  // 申报对象
  Date opens_on{}, closes_on{};        // 申报时间, inclusive
  std::string conditions;              // 遴选条件
  std::string assessment;              // 评估要求
  std::vector<std::string> methods;    // 评审方式
  std::int64_t created_by = 0;
  Instant created_at = 0;
};

struct ChecklistAnswer {
  std::string key;        // "M7(1)" …
  std::string statement;  // the applicant's statement of how it meets the condition
};

// M22: an application either establishes an institution or changes the scope of one.
enum class ApplicationPurpose { establish, scope_change };
inline std::string_view to_string(ApplicationPurpose p) {
  return p == ApplicationPurpose::scope_change ? "scope_change" : "establish";
}

struct Application {
  std::int64_t id = 0;
  ApplicationPurpose purpose = ApplicationPurpose::establish;
  InstitutionKind kind = InstitutionKind::employer;
  ApplicationStatus status = ApplicationStatus::draft;
  std::optional<std::int64_t> announcement_id;
  std::string authority_code;  // the receiving authority's region (M9)
  std::int64_t applicant_id = 0;
  std::string credit_code;  // GB 32100
  std::string name, address, region_code, contact, phone;
  std::string ministry_code = "0000";  // M13 branches: the ministry's 4 digits
  std::vector<ScopeItem> scope;
  std::vector<ChecklistAnswer> checklist;
  std::vector<std::string> subsidiaries;  // M11: employers' subsidiaries
  std::string reasons;                    // for returning or rejecting
  std::optional<Date> publicity_ends;     // M9(2): the last day of the public notice
  std::optional<std::int64_t> institution_id;  // the institution created, or the one changed (M22)
  Instant created_at = 0, updated_at = 0;
};

struct Institution {
  std::int64_t id = 0;
  std::string code;  // unified code, 13 characters (API.md)
  InstitutionKind kind = InstitutionKind::employer;
  std::string name, credit_code, address, region_code;
  std::string authority_code;  // who selected or filed it, and so supervises it (S5)
  std::string contact, phone, public_phone, fees;
  InstitutionStatus status = InstitutionStatus::active;
  Date approved_on{}, valid_until{};
  std::vector<ScopeItem> scope;
  std::vector<std::string> subsidiaries;  // M11: an employer's subsidiaries whose workers it evaluates
  Instant created_at = 0;
};

// M12: an exam site (考点). Inside the institution's own area it needs no confirmation; outside
// it, the authority of the site's county or city confirms or refuses it before it may be used.
enum class ExamSiteStatus { pending, confirmed, refused };
struct ExamSite {
  std::int64_t id = 0;
  std::int64_t institution_id = 0;
  std::string name, address, region_code;
  ExamSiteStatus status = ExamSiteStatus::pending;
  std::string reason;
  Instant created_at = 0;
};
inline std::string_view to_string(ExamSiteStatus s) {
  switch (s) {
    case ExamSiteStatus::pending: return "pending";
    case ExamSiteStatus::confirmed: return "confirmed";
    case ExamSiteStatus::refused: return "refused";
  }
  return "pending";
}

struct EvidenceFile {
  std::int64_t id = 0;
  std::int64_t application_id = 0;
  std::string item_key;  // the eligibility item it supports, "M7(3)"
  std::string file_name, content_type, sha256;
  std::int64_t size = 0;
  std::int64_t uploaded_by = 0;
  Instant created_at = 0;
};

struct Review {
  std::int64_t id = 0;
  std::int64_t application_id = 0;
  std::int64_t reviewer_id = 0;
  std::vector<std::pair<std::string, bool>> findings;  // checklist key → met
  bool pass = false;
  std::string comment;
  Instant created_at = 0;
};

struct Objection {
  std::int64_t id = 0;
  std::int64_t application_id = 0;
  std::string content, contact;
  std::optional<std::string> resolution;
  Instant created_at = 0;
};

}  // namespace skillreg
