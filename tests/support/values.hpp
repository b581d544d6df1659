#pragma once
// Values tests build requests from: local times a number of days from today, valid identity
// numbers (GB 11643, check character computed), and the body that registers a person.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/validators.hpp"

namespace skillreg::test {

// "2026-12-08T09:00:00+08:00": `days` from today in China Standard Time, at `hour`:00.
inline std::string local_time_in(int days, int hour) {
  const Date d = local_date(SystemClock{}.now()).add_days(days);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02d:00:00+08:00", d.to_string().c_str(), hour);
  return buf;
}

// The 18-character identity number "<first14><seq as 3 digits><check>", e.g. first14
// "33010619900101" (region 330106, born 1990-01-01).
inline std::string identity_number(const char* first14, int seq) {
  char serial[4];
  std::snprintf(serial, sizeof serial, "%03u", unsigned(seq) % 1000u);
  const std::string first17 = std::string(first14).substr(0, 14) + serial;
  return first17 + identity_check_char(first17);
}

// A candidates batch of `people` distinct admitted people (30 born on each day from 1980), as CSV
// parts of about 2 MB cut at line ends, the first with the header.
inline std::vector<std::string> candidate_batch_parts(int people) {
  std::vector<std::string> parts{
      "identity_no,name,education,years_in_trade,prior_level,prior_cert_date,apprenticeship,review\n"};
  int n = 0;
  for (int year = 1980; n < people; ++year)
    for (int month = 1; month <= 12 && n < people; ++month)
      for (int day = 1; day <= 28 && n < people; ++day) {
        char first14[32];
        std::snprintf(first14, sizeof first14, "330106%04d%02d%02d", year % 10000, month, day);
        for (int seq = 0; seq < 30 && n < people; ++seq, ++n) {
          if (parts.back().size() > 2'000'000) parts.emplace_back();
          parts.back() += identity_number(first14, seq) + ",考生,high_school,7,,,no,admitted\n";
        }
      }
  return parts;
}

// The body of POST /examiners or /supervisors (M16): one qualification for `subject` at `level`.
inline nlohmann::json person_body(const std::string& identity_no, const std::string& name,
                                  const std::string& subject, int level, const std::string& phone,
                                  const std::string& until = "2030-12-31") {
  return {{"identity_no", identity_no},
          {"name", name},
          {"phone", phone},
          {"qualifications", {{{"subject_code", subject}, {"level", level}, {"valid_until", until}}}}};
}

}  // namespace skillreg::test
