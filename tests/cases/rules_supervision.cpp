// Rules of supervision: the credit standing (S8), the draw's weights, target count and avoidance
// (M27, S12), the publication and reply deadlines (M27, S17), covert visits (S10(2)), completion
// of an inspection (S10, S11) and the complaint steps (S17).
#include <algorithm>
#include <sstream>

#include "core/calendar.hpp"
#include "core/crypto.hpp"
#include "domain/supervision/complaint_rules.hpp"
#include "domain/supervision/credit_standing.hpp"
#include "domain/supervision/draw.hpp"
#include "domain/supervision/inspection_rules.hpp"
#include "rules.hpp"

namespace skillreg::cases {

namespace {

int number(const Inputs& in, const std::string& key, int fallback = 0) {
  const auto it = in.find(key);
  if (it == in.end()) return fallback;
  try {
    std::size_t used = 0;
    const int v = std::stoi(it->second, &used);
    if (used != it->second.size()) throw CaseInputError("input '" + key + "' is not an integer");
    return v;
  } catch (const std::logic_error&) {
    throw CaseInputError("input '" + key + "' is not an integer");
  }
}

std::vector<std::string> list(const Inputs& in, const std::string& key) {
  std::vector<std::string> out;
  const auto it = in.find(key);
  if (it == in.end()) return out;
  std::istringstream s(it->second);
  for (std::string item; std::getline(s, item, ',');)
    if (!item.empty()) out.push_back(item);
  return out;
}

Date day(const Inputs& in, const std::string& key) {
  auto d = Date::parse(require(in, key));
  if (!d) throw CaseInputError("input '" + key + "' is not a date");
  return *d;
}

// S8: "<level>" or "<level>:<rule>,<rule>…" naming every rule that holds.
std::string standing(const Inputs& in) {
  StandingFacts f;
  f.failed_inspections_24m = number(in, "failed_24m");
  f.issues_inspections_12m = number(in, "issues_12m");
  f.overdue_rectifications = number(in, "overdue_rectifications");
  f.substantiated_complaints_12m = number(in, "substantiated_complaints_12m");
  f.sampling_issues_12m = number(in, "sampling_issues_12m");
  f.sanctions_24m = number(in, "sanctions_24m");
  if (in.contains("monitoring")) f.monitoring_12m = std::stod(in.at("monitoring"));
  const auto s = credit_standing(f, SupervisionPolicy{});
  std::string out(to_string(s.level));
  for (std::size_t i = 0; i < s.reasons.size(); ++i) out += (i ? "," : ":") + s.reasons[i].rule;
  return out;
}

// S12: the weight a standing draws with, and the stars it allows (S13).
std::string weight(const Inputs& in) {
  auto s = parse_standing(require(in, "standing"));
  if (!s) throw CaseInputError("unknown standing");
  return "weight:" + std::to_string(draw_weight(*s, number(in, "watch_weight", 2), number(in, "key_weight", 4))) +
         ":stars_at_most:" + std::to_string(star_cap(*s, SupervisionPolicy{}));
}

// M27: how many targets a pool gives.
std::string targets(const Inputs& in) {
  return std::to_string(target_count(static_cast<std::size_t>(number(in, "pool")),
                                     static_cast<std::size_t>(number(in, "always")), number(in, "share")));
}

// M27 avoidance: the inspectors drawn for target X from a roster 1..n, where `tied` and `last`
// name the inspectors tied to X or on its last inspection; sorted, with ":short" when too few.
std::string avoidance(const Inputs& in) {
  DrawSnapshot snap;
  snap.params = {100, number(in, "per_target")};
  snap.pool.push_back({1, "X", "X", "good", 1, false});
  const auto tied = list(in, "tied"), last = list(in, "last");
  for (int id = 1; id <= number(in, "roster"); ++id) {
    RosterEntry r{id, "inspector " + std::to_string(id), "", {}, {}};
    if (std::ranges::find(tied, std::to_string(id)) != tied.end()) r.tied.push_back("X");
    if (std::ranges::find(last, std::to_string(id)) != last.end()) r.last.push_back("X");
    snap.roster.push_back(r);
  }
  const auto drawn = run_draw(std::string(64, 'a'), snap);
  auto ids = drawn.at(0).inspector_ids;
  std::ranges::sort(ids);
  std::string out;
  for (auto id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return (out.empty() ? "none" : out) + (drawn.at(0).short_of_inspectors ? ":short" : "");
}

// M27, S12: an institution under key supervision with "always" is drawn whatever its key.
std::string always_drawn(const Inputs& in) {
  DrawSnapshot snap;
  snap.params = {number(in, "share"), 2};
  const int pool = number(in, "pool");
  for (int i = 1; i <= pool; ++i) {
    const std::string code = "I" + std::to_string(100 + i);
    const bool key = i == pool;  // the last institution is under key supervision
    snap.pool.push_back({i, code, code, key ? "key" : "good", 1, key && require(in, "mode") == "always"});
  }
  snap.roster = {{1, "a", "", {}, {}}, {2, "b", "", {}, {}}};
  int drawn_key = 0;
  for (int seed = 0; seed < 200; ++seed) {
    const auto result = run_draw(crypto::sha256_hex(std::to_string(seed)), snap);
    drawn_key += std::ranges::any_of(result, [&](const DrawnTarget& t) { return t.institution_id == pool; });
  }
  return drawn_key == 200 ? "always" : drawn_key == 0 ? "never" : "sometimes";
}

// M27 一公开 / S17: a deadline in working days on the server's calendar.
std::string deadline(const Inputs& in) {
  return real_calendar().add_working_days(day(in, "from"), number(in, "working_days")).to_string();
}

// S10(2): is the inspection shown to the institution?
std::string covert(const Inputs& in) {
  auto mode = parse_inspection_mode(require(in, "mode"));
  auto status = parse_inspection_status(require(in, "status"));
  if (!mode || !status) throw CaseInputError("bad mode or status");
  return visible_to_institution(*mode, *status) ? "visible" : "hidden";
}

// S10, S11: can an inspection be completed with these findings? "ok" or "invalid:<field>:<problem>".
std::string completion(const Inputs& in) {
  std::vector<ItemFinding> items;
  int n = 0;
  for (const auto& f : list(in, "findings")) {
    Finding parsed{};
    // "deficient" carries a note of what was found; "deficient/no_note" has none.
    const bool no_note = f.ends_with("/no_note");
    const std::string name = no_note ? f.substr(0, f.size() - 8) : f;
    ItemFinding item{"S9(1)-" + std::to_string(++n), std::nullopt, no_note ? "" : "发现的问题"};
    if (name != "none" && !parse_finding(name, parsed)) throw CaseInputError("bad finding " + f);
    if (name != "none") item.finding = parsed;
    items.push_back(item);
  }
  auto outcome = parse_inspection_outcome(require(in, "outcome"));
  if (!outcome) throw CaseInputError("bad outcome");
  std::vector<RectificationInput> rect;
  for (int i = 0; i < number(in, "rectifications"); ++i) rect.push_back({"整改", "2027-01-31"});
  auto ok = check_completion(items, *outcome, "报告", rect, Date{2026, 12, 1});
  if (ok) return "ok";
  return "invalid:" + ok.error().details.front().field + ":" + ok.error().details.front().problem;
}

// S17: may a complaint go from one status to another?
std::string complaint_step(const Inputs& in) {
  auto from = parse_complaint_status(require(in, "from"));
  auto to = parse_complaint_status(require(in, "to"));
  if (!from || !to) throw CaseInputError("bad status");
  return complaint_may_become(*from, *to) ? "allowed" : "refused:409";
}

// S15: may a reply find the complaint substantiated (属实)? `inspection` is the state of the
// special inspection it opened: none, planned, in_progress, completed or cancelled.
std::string substantiated(const Inputs& in) {
  auto status = parse_complaint_status(require(in, "status"));
  const std::string& inspection = require(in, "inspection");
  if (!status) throw CaseInputError("bad status");
  if (inspection != "none" && !parse_inspection_status(inspection)) throw CaseInputError("bad inspection " + inspection);
  return may_be_found_substantiated(*status, inspection == "completed") ? "allowed"
                                                                        : "invalid:substantiated:requires_a_completed_special_inspection";
}

const RuleRegistration kStanding{"supervision.credit_standing", standing};
const RuleRegistration kWeight{"supervision.draw_weight", weight};
const RuleRegistration kTargets{"supervision.target_count", targets};
const RuleRegistration kAvoidance{"supervision.avoidance", avoidance};
const RuleRegistration kAlways{"supervision.key_always_drawn", always_drawn};
const RuleRegistration kDeadline{"supervision.deadline", deadline};
const RuleRegistration kCovert{"supervision.covert_visibility", covert};
const RuleRegistration kCompletion{"supervision.completion", completion};
const RuleRegistration kComplaintStep{"supervision.complaint_step", complaint_step};
const RuleRegistration kSubstantiated{"supervision.complaint_substantiated", substantiated};

}  // namespace

}  // namespace skillreg::cases
