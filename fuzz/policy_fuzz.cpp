// domain/monitoring/policy: policy_from_json, the reader of the monitoring policy the province
// authority edits (S13, S14). The input is JSON text; an object is read as given and once more
// laid over the default policy's record (so the fuzzer reaches deep fields without writing all
// of them). Checked:
//   - refusals are validation_failed with at least one detail, each naming a field;
//   - an accepted policy keeps every documented bound: weights in [0,1] summing to 1 (±0.001),
//     star thresholds strictly increasing in [0,100], notice cap not above interview cap,
//     indicator overrides only for indicators of the table, with max >= per-case, all in [0,100];
//   - to_json of an accepted policy is read back to the same policy, also after dump and parse.
#include <cmath>

#include "domain/monitoring/policy.hpp"
#include "fuzz_check.hpp"

namespace {

using namespace skillreg;
using Json = nlohmann::json;

void check_policy(const Json& input) {
  const auto& table = IndicatorTable::standard();
  const auto r = policy_from_json(input, table);
  if (!r) {
    FUZZ_CHECK(r.error().kind == ErrorKind::validation_failed && !r.error().details.empty(),
               "refusal shape");
    for (const auto& d : r.error().details)  // an unknown key "" is named as sent
      FUZZ_CHECK((!d.field.empty() || d.problem == "unknown_field") && !d.problem.empty(),
                 "empty detail");
    if (!input.is_object())
      FUZZ_CHECK(fuzz::single_problem(r.error(), ErrorKind::validation_failed, "policy",
                                      {"must_be_object"}),
                 fuzz::describe(r.error()));
    return;
  }
  FUZZ_CHECK(input.is_object(), "accepted something other than an object");
  const MonitoringPolicy& p = *r;
  double sum = 0;
  for (double w : p.weights) {
    FUZZ_CHECK(std::isfinite(w) && w >= 0 && w <= 1, "weight out of range");
    sum += w;
  }
  FUZZ_CHECK(std::abs(sum - 1) <= 0.001 + 1e-12, "weights do not sum to 1");
  for (std::size_t i = 0; i < p.star_thresholds.size(); ++i) {
    FUZZ_CHECK(p.star_thresholds[i] >= 0 && p.star_thresholds[i] <= 100,
               "star threshold out of range");
    if (i > 0)
      FUZZ_CHECK(p.star_thresholds[i] > p.star_thresholds[i - 1], "star thresholds not increasing");
  }
  FUZZ_CHECK(p.notice_cap_stars <= p.interview_cap_stars, "notice cap above interview cap");
  FUZZ_CHECK(p.version >= 1, "version below 1");
  FUZZ_CHECK(std::isfinite(p.head_count_tolerance) && std::isfinite(p.video_coverage_min) &&
                 std::isfinite(p.sampling_share) && std::isfinite(p.sampling_below),
             "a non-finite number accepted");
  for (const auto& [key, o] : p.indicators) {
    FUZZ_CHECK(table.find(key) != nullptr, "override for an unknown indicator " + key);
    FUZZ_CHECK(o.deduction_per_case >= 0 && o.max_deduction <= 100 &&
                   o.max_deduction >= o.deduction_per_case,
               "indicator override out of range: " + key);
  }

  const Json written = to_json(p);
  const auto back = policy_from_json(written, table);
  FUZZ_CHECK(back && *back == p,
             "to_json of an accepted policy is not read back to the same policy");
  const auto reparsed = Json::parse(written.dump(), nullptr, false);
  const auto back2 = policy_from_json(reparsed, table);
  FUZZ_CHECK(back2 && *back2 == p, "the dumped policy is not read back to the same policy");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = fuzz::as_text(data, size);
  const Json input = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (input.is_discarded()) return 0;
  check_policy(input);
  if (input.is_object()) {
    static const Json defaults = to_json(MonitoringPolicy{});
    Json laid = defaults;
    for (const auto& [key, value] : input.items()) laid[key] = value;
    check_policy(laid);
  }
  return 0;
}
