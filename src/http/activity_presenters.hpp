#pragma once
// JSON shapes of the evaluation activity's records.
#include "domain/activity/records.hpp"
#include "http/types.hpp"
#include "store/plan_repo.hpp"

namespace skillreg::http {

Json opt_date(const std::optional<Date>& d);  // "YYYY-MM-DD" or null
// A plan as the API shows it. Each session says whether it has `begun` and is `over` by `now` (the
// server's clock), which is what closes admission (S19(2)), the sessions held (S19(1)) and their
// arrangement (S19(8)); clients need not judge it by their own clock.
Json plan_json(const Plan& p, Instant now);
// plan_json at the clock's present, for the routes' answers.
struct PlanJson {
  const Clock& clock;
  Json operator()(const Plan& p) const { return plan_json(p, clock.now()); }
};
Json plan_change_json(const PlanChange& c);

}  // namespace skillreg::http

namespace skillreg {
struct CandidateView;
}

namespace skillreg::http {

// Identity numbers are masked in every answer (个人信息保护).
Json candidate_json(const CandidateView& v);
Json certificate_json(const Certificate& c, Date report_due);
Json public_certificate_json(const PublicCertificate& p);
// The same answer already written out, byte for byte what Response::json would send for
// public_certificate_json(p), without building the object first: the check is the busiest
// public endpoint (issue 4), and building and dumping the object was a ninth of its time.
std::string public_certificate_body(const PublicCertificate& p);

}  // namespace skillreg::http
