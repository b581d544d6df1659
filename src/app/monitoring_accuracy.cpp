#include "app/monitoring_accuracy.hpp"

#include <set>

#include "store/monitoring_repo.hpp"

namespace skillreg {

namespace {

// Which indicator finds each injected kind, and the unit both sides are compared in.
struct KindRule {
  const char* kind;
  const char* indicator;
  const char* unit;           // the truth's object is one of these
  const char* record_prefix;  // the deduction's records that name it ("" = the plan itself)
};
constexpr KindRule kRules[] = {
    {"ineligible_candidate", "ineligible_admitted", "candidate", "candidate:"},       // S19(2)
    {"double_booked_examiner", "double_booking", "person", "assignment:"},            // S19(8)
    {"reused_paper", "paper_reused", "session", "session:"},                           // S18(4)
    {"bunched_scores", "bunched_scores", "plan", ""},                                  // S18(3)
    {"missing_video", "video_coverage", "session", "session:"},                        // S19(11)
    {"late_certificate_report", "certificate_report_late", "certificate", "certificate:"},  // S19(10)
    {"late_publication", "late_publication", "plan", ""},                              // S19(1)
};

}  // namespace

Result<std::vector<DetectionAccuracy>> measure_detection(AppContext& ctx) {
  return ctx.db.read([&](Tx& tx) -> Result<std::vector<DetectionAccuracy>> {
    MonitoringRepo repo(tx);
    const auto truth = repo.synthetic_truth();
    const auto scores = repo.score_documents();
    const auto people = repo.assignment_people();
    std::vector<DetectionAccuracy> out;
    for (const auto& rule : kRules) {
      std::set<std::string> injected, detected;
      for (const auto& [kind, object] : truth)
        if (kind == rule.kind) injected.insert(object);
      for (const auto& s : scores) {
        if (!s.is_object()) continue;
        for (const auto& d : s.value("deductions", nlohmann::json::array())) {
          if (d.value("indicator", "") != rule.indicator) continue;
          if (*rule.record_prefix == '\0') {
            detected.insert(std::to_string(s.value("plan_id", std::int64_t{0})));
            continue;
          }
          const std::string prefix = rule.record_prefix;
          for (const auto& r : d.value("records", std::vector<std::string>{})) {
            if (!r.starts_with(prefix)) continue;
            std::string id = r.substr(prefix.size());
            if (std::string_view(rule.unit) == "person") {
              auto it = people.find(std::stoll(id));
              if (it == people.end()) continue;
              id = std::to_string(it->second);
            }
            detected.insert(id);
          }
        }
      }
      DetectionAccuracy a{rule.kind, rule.indicator, rule.unit, int(injected.size()), int(detected.size()), 0};
      for (const auto& x : injected) a.found += detected.contains(x) ? 1 : 0;
      out.push_back(a);
    }
    return out;
  });
}

}  // namespace skillreg
