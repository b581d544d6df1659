#pragma once
// The evaluation activity's records as values (M14–M20, S9, S14, S19): plans (评价计划) with their
// sessions, candidates with the qualification review (资格审核), scores, certificates, the people
// who examine and supervise, papers, videos and archive documents, and bulk batches.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/date.hpp"

namespace skillreg {

// The parts of an evaluation (考核方式): theory 理论知识考试, practical 操作技能考核,
// review 综合评审. A plan names the parts it holds; each session is one part.
enum class Part { theory, practical, review };
std::optional<Part> parse_part(std::string_view text);
// "theory,practical" → the parts in that order; unknown names are skipped.
std::vector<Part> parse_part_list(std::string_view text);
std::string_view to_string(Part p);

enum class PlanStatus { draft, published, cancelled };
std::optional<PlanStatus> parse_plan_status(std::string_view text);
std::string_view to_string(PlanStatus s);

enum class QuestionSource { unified_bank, own_bank };
std::optional<QuestionSource> parse_question_source(std::string_view text);
std::string_view to_string(QuestionSource s);

struct PlanSession {
  std::int64_t id = 0;
  std::int64_t plan_id = 0;
  Part part = Part::theory;
  Instant starts_at = 0, ends_at = 0;
  std::string room;
};

struct Plan {
  std::int64_t id = 0;
  std::int64_t institution_id = 0;
  std::string authority_code;    // the institution's supervising authority (S5)
  std::string site_region_code;  // the exam site's county (M12 属地化管理)
  std::string subject_code;      // occupation, or special-ability specification
  int level = 5;                 // 1..5; 0 for a specification
  std::vector<Part> parts;
  std::int64_t exam_site_id = 0;
  int planned_count = 0;
  QuestionSource question_source = QuestionSource::unified_bank;
  bool paperless = false;
  int fee = 0;  // yuan per candidate (M17)
  PlanStatus status = PlanStatus::draft;
  std::optional<Instant> published_at;
  std::optional<Date> results_published_on, results_publicity_ends;
  std::string cancel_reason;
  std::vector<PlanSession> sessions;
  std::int64_t created_by = 0;
  Instant created_at = 0, updated_at = 0;

  // The first session's start, if the plan has sessions.
  std::optional<Instant> first_session_at() const;
};

enum class ReviewDecision { pending, admitted, refused };
std::optional<ReviewDecision> parse_review_decision(std::string_view text);
std::string_view to_string(ReviewDecision d);

// voided: declared void by an enforcement decision (S18 评价成绩无效) until a review restores it;
// no score changes it and no certificate is issued on it.
enum class ExamResult { pending, passed, failed, voided };
std::string_view to_string(ExamResult r);
std::optional<ExamResult> parse_exam_result(std::string_view text);

struct Candidate {
  std::int64_t id = 0;
  std::int64_t plan_id = 0;
  std::string identity_no;  // GB 11643; shown masked unless a reason is recorded
  std::string name;
  Date birth_date{};
  std::string sex;  // "M" | "F", from the identity number
  std::string education;
  int years_in_trade = 0;
  std::optional<int> prior_level;
  std::optional<Date> prior_cert_date;
  bool apprenticeship = false;
  ReviewDecision review = ReviewDecision::pending;
  std::string review_note;
  bool eligible = false;         // the system's re-check (S19(2))
  std::string eligibility_json;  // every route of the level with what it lacked
  ExamResult result = ExamResult::pending;
  Instant created_at = 0;
};

struct Score {
  std::int64_t candidate_id = 0;
  Part part = Part::theory;
  double score = 0;
  Instant recorded_at = 0;
};

enum class CertificateStatus { valid, voided };
std::string_view to_string(CertificateStatus s);

struct Certificate {
  std::string cert_no;  // 22 characters (API.md)
  std::int64_t candidate_id = 0, plan_id = 0, institution_id = 0;
  std::string name, identity_no, subject_code;
  int level = 5;
  Date issued_on{};
  CertificateStatus status = CertificateStatus::valid;
  std::string void_reason;
  std::optional<Date> reported_on;
  Instant created_at = 0;
};

// The certificate of candidate `c` of `plan`, numbered `cert_no` and issued on `issued_on`: the
// holder, occupation and level as the plan and the candidate have them. Not yet reported; created
// at `created_at`.
Certificate certificate_for(const Plan& plan, const Candidate& c, std::string cert_no, Date issued_on, Instant created_at);

// What the public certificate check may show, and no more (S17, privacy).
struct PublicCertificate {
  std::string cert_no, name, subject_code, subject_name;
  int level = 5;
  std::string institution_code, institution_name;
  Date issued_on{};
  CertificateStatus status = CertificateStatus::valid;
  std::string void_reason;
  std::string identity_masked;
};

}  // namespace skillreg
