#include "domain/activity/records.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace skillreg {

namespace {

template <class E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& names, E v) {
  for (const auto& [e, n] : names)
    if (e == v) return n;
  return names.front().second;
}

template <class E, std::size_t N>
std::optional<E> value_of(const std::array<std::pair<E, std::string_view>, N>& names, std::string_view text) {
  for (const auto& [e, n] : names)
    if (n == text) return e;
  return std::nullopt;
}

constexpr std::array<std::pair<Part, std::string_view>, 3> kParts{
    {{Part::theory, "theory"}, {Part::practical, "practical"}, {Part::review, "review"}}};
constexpr std::array<std::pair<PlanStatus, std::string_view>, 3> kPlanStatuses{
    {{PlanStatus::draft, "draft"}, {PlanStatus::published, "published"}, {PlanStatus::cancelled, "cancelled"}}};
constexpr std::array<std::pair<QuestionSource, std::string_view>, 2> kSources{
    {{QuestionSource::unified_bank, "unified_bank"}, {QuestionSource::own_bank, "own_bank"}}};
constexpr std::array<std::pair<ReviewDecision, std::string_view>, 3> kDecisions{
    {{ReviewDecision::pending, "pending"}, {ReviewDecision::admitted, "admitted"}, {ReviewDecision::refused, "refused"}}};
constexpr std::array<std::pair<ExamResult, std::string_view>, 4> kResults{{{ExamResult::pending, "pending"},
                                                                           {ExamResult::passed, "passed"},
                                                                           {ExamResult::failed, "failed"},
                                                                           {ExamResult::voided, "voided"}}};

}  // namespace

std::optional<Part> parse_part(std::string_view text) { return value_of(kParts, text); }
std::string_view to_string(Part p) { return name_of(kParts, p); }
std::optional<PlanStatus> parse_plan_status(std::string_view text) { return value_of(kPlanStatuses, text); }
std::string_view to_string(PlanStatus s) { return name_of(kPlanStatuses, s); }
std::optional<QuestionSource> parse_question_source(std::string_view text) { return value_of(kSources, text); }
std::string_view to_string(QuestionSource s) { return name_of(kSources, s); }
std::optional<ReviewDecision> parse_review_decision(std::string_view text) { return value_of(kDecisions, text); }
std::string_view to_string(ReviewDecision d) { return name_of(kDecisions, d); }
std::optional<ExamResult> parse_exam_result(std::string_view text) { return value_of(kResults, text); }
std::string_view to_string(ExamResult r) { return name_of(kResults, r); }
std::string_view to_string(CertificateStatus s) { return s == CertificateStatus::voided ? "voided" : "valid"; }

std::optional<Instant> Plan::first_session_at() const {
  if (sessions.empty()) return std::nullopt;
  return std::ranges::min(sessions, {}, &PlanSession::starts_at).starts_at;
}

std::vector<Part> parse_part_list(std::string_view text) {
  std::vector<Part> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto comma = text.find(',', pos);
    if (comma == std::string_view::npos) comma = text.size();
    if (auto p = parse_part(text.substr(pos, comma - pos))) out.push_back(*p);
    pos = comma + 1;
  }
  return out;
}

Certificate certificate_for(const Plan& plan, const Candidate& c, std::string cert_no, Date issued_on, Instant created_at) {
  Certificate cert;
  cert.cert_no = std::move(cert_no);
  cert.candidate_id = c.id;
  cert.plan_id = plan.id;
  cert.institution_id = plan.institution_id;
  cert.name = c.name;
  cert.identity_no = c.identity_no;
  cert.subject_code = plan.subject_code;
  cert.level = plan.level;
  cert.issued_on = issued_on;
  cert.created_at = created_at;
  return cert;
}

}  // namespace skillreg
