// Rules of personnel arrangement and execution records for the case tables: assignment checks
// (M16 qualification, S19(8) avoidance and double booking), the staffing a plan lacks (S19(8)),
// rotation, video coverage and the archive's completeness (M18, S19(11)).
#include <cmath>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/date.hpp"
#include "domain/activity/assignment_rules.hpp"
#include "domain/activity/execution_rules.hpp"
#include "rules.hpp"

namespace skillreg::cases {
namespace {

constexpr std::int64_t kPlanInstitution = 1;
constexpr std::int64_t kOtherInstitution = 2;

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  if (text.empty() || text == "none") return out;
  std::size_t pos = 0;
  while (true) {
    const auto next = text.find(sep, pos);
    std::string part = text.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
    while (!part.empty() && part.front() == ' ') part.erase(part.begin());
    while (!part.empty() && part.back() == ' ') part.pop_back();
    out.push_back(part);
    if (next == std::string::npos) return out;
    pos = next + 1;
  }
}

int int_of(const std::string& text, const std::string& what) {
  try {
    std::size_t used = 0;
    const int n = std::stoi(text, &used);
    if (used == text.size()) return n;
  } catch (const std::exception&) {
  }
  throw CaseInputError("bad number in " + what + ": " + text);
}

void only_known_inputs(const Inputs& in, const std::set<std::string>& known) {
  for (const auto& [key, value] : in)
    if (!known.contains(key)) throw CaseInputError("unknown input '" + key + "'");
}

Date date_of(const std::string& text) {
  auto d = Date::parse(text);
  if (!d) throw CaseInputError("bad date " + text);
  return *d;
}

// "09:00-11:30" on `day` in China Standard Time.
std::pair<Instant, Instant> times_of(Date day, const std::string& text) {
  int h1 = 0, m1 = 0, h2 = 0, m2 = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%d:%d-%d:%d%c", &h1, &m1, &h2, &m2, &tail) != 4)
    throw CaseInputError("bad times " + text + " (want HH:MM-HH:MM)");
  const Instant base = start_of_local_day(day);
  return {base + h1 * 3600 + m1 * 60, base + h2 * 3600 + m2 * 60};
}

PersonKind kind_of(const std::string& text) {
  auto k = parse_person_kind(text);
  if (!k) throw CaseInputError("unknown kind " + text);
  return *k;
}

// "refused:<article>:<field>=<problem>,..." or "accepted".
std::string outcome_of(const Status& s) {
  if (s) return "accepted";
  std::string out =
      "refused:" + (s.error().article.empty() ? std::string("-") : s.error().article) + ":";
  for (std::size_t i = 0; i < s.error().details.size(); ++i)
    out += (i == 0 ? "" : ",") + s.error().details[i].field + "=" + s.error().details[i].problem;
  return out;
}

// One assignment of one person to one session of a plan of institution 1.
//   qualifications: "<subject>/<level>/<valid until>;..." or none
//   plan: "<subject>/<level>";  session: "HH:MM-HH:MM" on session_day
//   bookings: "<plan id>@HH:MM-HH:MM;..." on session_day, or none
//   employer: plan_institution | other | none
//   status (optional): active | retired
std::string assignment(const Inputs& in) {
  only_known_inputs(in, {"role", "person_kind", "employer", "qualifications", "plan", "session_day",
                         "session", "bookings", "status"});
  Person person;
  person.id = 100;
  person.kind = kind_of(require(in, "person_kind"));
  if (auto s = in.find("status"); s != in.end()) {
    auto status = parse_person_status(s->second);
    if (!status) throw CaseInputError("status must be active or retired");
    person.status = *status;
  }
  const auto& employer = require(in, "employer");
  if (employer == "plan_institution")
    person.employer_id = kPlanInstitution;
  else if (employer == "other")
    person.employer_id = kOtherInstitution;
  else if (employer != "none")
    throw CaseInputError("employer must be plan_institution, other or none");
  for (const auto& q : split(require(in, "qualifications"), ';')) {
    const auto parts = split(q, '/');
    if (parts.size() != 3) throw CaseInputError("bad qualification " + q);
    person.qualifications.push_back(
        {parts[0], int_of(parts[1], "qualification level"), date_of(parts[2])});
  }
  const auto plan_parts = split(require(in, "plan"), '/');
  if (plan_parts.size() != 2) throw CaseInputError("plan must be <subject>/<level>");
  Plan plan;
  plan.id = 1;
  plan.institution_id = kPlanInstitution;
  plan.subject_code = plan_parts[0];
  plan.level = int_of(plan_parts[1], "plan level");
  const Date day = date_of(require(in, "session_day"));
  PlanSession session;
  session.id = 10;
  session.plan_id = plan.id;
  std::tie(session.starts_at, session.ends_at) = times_of(day, require(in, "session"));
  std::vector<Booking> bookings;
  std::int64_t next_session = 20;
  for (const auto& b : split(require(in, "bookings"), ';')) {
    const auto at = b.find('@');
    if (at == std::string::npos) throw CaseInputError("booking must be <plan>@HH:MM-HH:MM");
    Booking booking{next_session++, int_of(b.substr(0, at), "booking plan"), 0, 0};
    std::tie(booking.starts_at, booking.ends_at) = times_of(day, b.substr(at + 1));
    bookings.push_back(booking);
  }
  return outcome_of(
      check_assignment(person, kind_of(require(in, "role")), plan, session, bookings));
}

// The staffing of a plan with sessions `parts` ("theory,practical"), `candidates` admitted, and
// assignments "<session index>:<role>:<person>[:<panel>];...". Outcome "complete" or
// "unmet:<rule>@<session index>|plan,..."; with `numbers: yes` each rule carries its numbers
// "(<actual>/<required>[ for <candidates>][ panel '<label>'])".
std::string staffing(const Inputs& in) {
  only_known_inputs(in, {"parts", "candidates", "assignments", "numbers"});
  Plan plan;
  plan.id = 1;
  const Date day{2026, 6, 15};
  int hour = 8;
  for (const auto& p : split(require(in, "parts"), ',')) {
    auto part = parse_part(p);
    if (!part) throw CaseInputError("unknown part " + p);
    PlanSession s;
    s.id = std::int64_t(plan.sessions.size()) + 1;
    s.part = *part;
    s.starts_at = start_of_local_day(day) + hour * 3600;
    s.ends_at = s.starts_at + 2 * 3600;
    hour += 3;
    plan.sessions.push_back(s);
    plan.parts.push_back(*part);
  }
  std::vector<Assignment> assignments;
  for (const auto& a : split(require(in, "assignments"), ';')) {
    const auto f = split(a, ':');
    if (f.size() < 3 || f.size() > 4) throw CaseInputError("bad assignment " + a);
    Assignment x;
    x.session_id = int_of(f[0], "session index") + 1;
    x.role = kind_of(f[1]);
    x.person_id = int_of(f[2], "person");
    if (f.size() == 4) x.panel = f[3];
    assignments.push_back(x);
  }
  const auto result = assess_staffing(
      plan, assignments, int_of(require(in, "candidates"), "candidates"), ActivityPolicy{});
  if (result.unmet.empty()) return "complete";
  const bool numbers = in.contains("numbers") && require(in, "numbers") == "yes";
  std::string out = "unmet:";
  for (std::size_t i = 0; i < result.unmet.size(); ++i) {
    const auto& u = result.unmet[i];
    out += (i == 0 ? "" : ",") + u.rule + "@" +
           (u.session_id ? std::to_string(*u.session_id - 1) : "plan");
    if (numbers) {
      const auto& n = u.numbers;
      out += "(" + std::to_string(n.actual) + "/" + std::to_string(n.required) +
             (n.candidates ? " for " + std::to_string(*n.candidates) : std::string()) +
             (u.rule == "panel_size" ? " panel '" + n.panel + "'" : std::string()) + ")";
    }
  }
  return out;
}

std::string rotation(const Inputs& in) {
  only_known_inputs(in, {"plans_in_year", "limit"});
  const auto flag = rotation_flag(1, 2026, int_of(require(in, "plans_in_year"), "plans_in_year"),
                                  int_of(require(in, "limit"), "limit"));
  return flag ? "flagged" : "not_flagged";
}

// Coverage of the session "HH:MM-HH:MM" by recordings "HH:MM-HH:MM;...", to 3 decimals.
std::string video_coverage(const Inputs& in) {
  only_known_inputs(in, {"session", "recordings"});
  const Date day{2026, 6, 15};
  const auto [start, end] = times_of(day, require(in, "session"));
  std::vector<std::pair<Instant, Instant>> recs;
  for (const auto& r : split(require(in, "recordings"), ';')) recs.push_back(times_of(day, r));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", coverage(start, end, recs));
  return buf;
}

// "<present>/<required>" over the embedded catalogue for the keys given.
std::string archive_completeness_rule(const Inputs& in) {
  only_known_inputs(in, {"present"});
  const auto& catalogue = ArchiveCatalogue::required();
  const auto keys = split(require(in, "present"), ',');
  for (const auto& k : keys)
    if (!catalogue.find(k)) return "unknown_key:" + k;
  const double share = archive_completeness(catalogue, keys);
  return std::to_string(int(std::lround(share * double(catalogue.kinds().size())))) + "/" +
         std::to_string(catalogue.kinds().size());
}

const RuleRegistration kAssignment{"activity.assignment", assignment};
const RuleRegistration kStaffing{"activity.staffing", staffing};
const RuleRegistration kRotation{"activity.rotation", rotation};
const RuleRegistration kVideoCoverage{"activity.video_coverage", video_coverage};
const RuleRegistration kArchiveCompleteness{"activity.archive_completeness",
                                            archive_completeness_rule};

}  // namespace
}  // namespace skillreg::cases
