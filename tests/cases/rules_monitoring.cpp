// Rules of digital monitoring 数字化监测 (S14(1)) for the case tables: one plan's facts scored
// under the default policy (or one edited by the case's `policy:` JSON) against the standard
// indicator table.
//
// A case starts from a clean plan that scores 100 everywhere (published 10 days ahead, 28 planned
// and admitted, a held theory session 11 of 120 min and a held practical session 12 of 180 min,
// each fully recorded, with a paper 20 h ahead, 3 examiners and an internal supervisor, results
// published 5 days after the exam 40 days ago) and changes what its inputs name.
#include <cmath>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "domain/monitoring/scoring.hpp"
#include "rules.hpp"

namespace skillreg::cases {
namespace {

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in(text);
  while (std::getline(in, item, sep)) {
    const auto b = item.find_first_not_of(' ');
    const auto e = item.find_last_not_of(' ');
    if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
  }
  return out;
}

double number_of(const std::string& text, const std::string& what) {
  try {
    std::size_t used = 0;
    const double d = std::stod(text, &used);
    if (used == text.size()) return d;
  } catch (const std::exception&) {
  }
  throw CaseInputError("bad number in " + what + ": " + text);
}

int int_of(const std::string& text, const std::string& what) {
  const double d = number_of(text, what);
  if (d != double(int(d))) throw CaseInputError("not a whole number in " + what + ": " + text);
  return int(d);
}

bool yes_no(const std::string& text, const std::string& what) {
  if (text != "yes" && text != "no") throw CaseInputError(what + " must be yes or no");
  return text == "yes";
}

std::optional<int> optional_int(const std::string& text, const std::string& what) {
  if (text == "none") return std::nullopt;
  return int_of(text, what);
}

std::vector<std::int64_t> ids_of(const std::string& text, const std::string& what) {
  std::vector<std::int64_t> out;
  if (text == "none") return out;
  for (const auto& item : split(text, ',')) out.push_back(int_of(item, what));
  return out;
}

std::vector<std::string> keys_of(const std::string& text) {
  return text == "none" ? std::vector<std::string>{} : split(text, ',');
}

// "id=12 part=practical minutes=180 video=0.5 paper=30 examiners=2 panels=3+2 external=0
//  held=yes moved=no"; `paper=none` for no paper.
SessionFacts session_of(const std::string& spec) {
  SessionFacts s;
  s.held = true;
  s.duration_minutes = 120;
  s.video_coverage = 1;
  s.paper_lead_hours = 20;
  s.examiners = 3;
  for (const auto& token : split(spec, ' ')) {
    const auto eq = token.find('=');
    if (eq == std::string::npos) throw CaseInputError("session token without '=': " + token);
    const std::string key = token.substr(0, eq), value = token.substr(eq + 1);
    if (key == "id") s.session_id = int_of(value, key);
    else if (key == "part") {
      const auto part = parse_part(value);
      if (!part) throw CaseInputError("unknown part " + value);
      s.part = *part;
    } else if (key == "minutes") s.duration_minutes = int_of(value, key);
    else if (key == "video") s.video_coverage = number_of(value, key);
    else if (key == "paper") s.paper_lead_hours = value == "none" ? std::nullopt : std::optional(number_of(value, key));
    else if (key == "examiners") s.examiners = int_of(value, key);
    else if (key == "panels") {
      for (const auto& p : split(value, '+')) s.panel_sizes.push_back(int_of(p, key));
    } else if (key == "external") s.external_supervisors = int_of(value, key);
    else if (key == "held") s.held = yes_no(value, key);
    else if (key == "moved") s.moved = yes_no(value, key);
    else throw CaseInputError("unknown session key " + key);
  }
  return s;
}

// "60/61*10; 75/80*3": vectors of part scores, each repeated; candidates numbered from 101.
std::vector<ScoreVector> scores_of(const std::string& text) {
  std::vector<ScoreVector> out;
  std::int64_t next = 101;
  for (const auto& item : split(text, ';')) {
    const auto star = item.find('*');
    const int times = star == std::string::npos ? 1 : int_of(item.substr(star + 1), "scores");
    std::vector<double> scores;
    for (const auto& x : split(item.substr(0, star), '/')) scores.push_back(number_of(x, "scores"));
    for (int i = 0; i < times; ++i) out.push_back({next++, scores});
  }
  return out;
}

PlanFacts clean_plan() {
  PlanFacts f;
  f.plan_id = 1;
  f.publication_lead_days = 10;
  f.planned_count = 28;
  f.admitted_count = 28;
  SessionFacts theory = session_of("id=11 part=theory minutes=120 examiners=2");
  SessionFacts practical = session_of("id=12 part=practical minutes=180 examiners=3 panels=3");
  f.sessions = {theory, practical};
  f.internal_supervisors = 1;
  f.days_since_exam = 40;
  f.results_published_after_days = 5;
  return f;
}

PlanFacts facts_of(const Inputs& in) {
  PlanFacts f = clean_plan();
  for (const auto& [key, v] : in) {
    if (key == "publication_lead_days") f.publication_lead_days = optional_int(v, key);
    else if (key == "cancelled_days_before") f.cancelled_days_before = optional_int(v, key);
    else if (key == "planned") f.planned_count = int_of(v, key);
    else if (key == "admitted") f.admitted_count = int_of(v, key);
    else if (key == "out_of_scope") f.out_of_scope = yes_no(v, key);
    else if (key == "ineligible") f.ineligible_admitted = ids_of(v, key);
    else if (key == "duplicate_identity") f.duplicate_identity = ids_of(v, key);
    else if (key == "unified_bank") f.unified_bank = yes_no(v, key);
    else if (key == "paperless") f.paperless = yes_no(v, key);
    else if (key == "paperless_required") f.paperless_required = yes_no(v, key);
    else if (key == "reused_papers") f.reused_paper_sessions = ids_of(v, key);
    else if (key == "sessions") {
      f.sessions.clear();
      for (const auto& spec : split(v, ';')) f.sessions.push_back(session_of(spec));
    } else if (key == "unqualified") f.unqualified_assignments = ids_of(v, key);
    else if (key == "double_booked") f.double_booked_assignments = ids_of(v, key);
    else if (key == "own_employer") f.own_employer_assignments = ids_of(v, key);
    else if (key == "internal_supervisors") f.internal_supervisors = int_of(v, key);
    else if (key == "examiner_loads") {
      for (const auto& item : split(v, ',')) {
        const auto eq = item.find('=');
        if (eq == std::string::npos) throw CaseInputError("examiner_loads needs person=plans");
        f.examiner_loads.push_back({int_of(item.substr(0, eq), key), int_of(item.substr(eq + 1), key)});
      }
    } else if (key == "external_required") f.external_supervisor_required = yes_no(v, key);
    else if (key == "pass_line") f.pass_line = number_of(v, key);
    else if (key == "results") {
      const auto parts = split(v, '/');
      if (parts.size() != 2) throw CaseInputError("results must be passed/total");
      f.pass_count = int_of(parts[0], key);
      f.result_count = int_of(parts[1], key);
    } else if (key == "baseline") {
      f.baseline_pass_rates.clear();
      if (v != "none")
        for (const auto& x : split(v, ',')) f.baseline_pass_rates.push_back(number_of(x, key));
    } else if (key == "scores") f.score_vectors = scores_of(v);
    else if (key == "scored_before_exam") f.scored_before_exam = ids_of(v, key);
    else if (key == "days_since_exam") f.days_since_exam = optional_int(v, key);
    else if (key == "results_published_after") f.results_published_after_days = optional_int(v, key);
    else if (key == "archive_required") f.archive_required = keys_of(v);
    else if (key == "archive_present") f.archive_present = keys_of(v);
    else if (key == "certificates") {
      for (const auto& item : split(v, ',')) {
        const auto eq = item.find('=');
        if (eq == std::string::npos) throw CaseInputError("certificates need no=days[u]");
        std::string days = item.substr(eq + 1);
        const bool unreported = !days.empty() && days.back() == 'u';
        if (unreported) days.pop_back();
        f.certificates.push_back({item.substr(0, eq), int_of(days, key), !unreported});
      }
    } else if (key != "show" && key != "policy")
      throw CaseInputError("unknown input '" + key + "'");
  }
  return f;
}

MonitoringPolicy policy_of(const Inputs& in) {
  const auto it = in.find("policy");
  if (it == in.end()) return {};
  const auto json = nlohmann::json::parse(it->second, nullptr, false);
  auto policy = policy_from_json(json);
  if (!policy) throw CaseInputError("policy refused: " + it->second);
  return *policy;
}

std::string amount(double x) {
  std::ostringstream s;
  s << x;
  return s.str();
}

std::string deduction_line(const Deduction& d) {
  return d.indicator + " -" + amount(d.amount) + " x" + std::to_string(d.count) + ": " + d.explanation;
}

// show: a dimension key → "<score> | <deduction> | …" for that dimension's deductions;
// "overall"; "deductions" (every one); "records:<indicator>"; "notes"; "critical"; "zh"
// (every deduction's and note's Chinese explanation).
// Every case also requires each deduction and note to say why in Chinese as well.
std::string score_plan_rule(const Inputs& in) {
  const std::string& show = require(in, "show");
  const PlanScore score = score_plan(facts_of(in), policy_of(in), IndicatorTable::standard());
  for (const auto& x : score.deductions)
    if (x.explanation_zh.empty()) throw CaseInputError(x.indicator + ": no Chinese explanation");
  for (const auto& n : score.notes)
    if (n.explanation_zh.empty()) throw CaseInputError(n.indicator + " (note): no Chinese explanation");
  if (const auto d = parse_dimension(show)) {
    std::string out = amount(score.dimension(*d));
    for (const auto& x : score.deductions)
      if (x.dimension == *d) out += " | " + deduction_line(x);
    return out;
  }
  if (show == "overall") return amount(std::round(score.overall * 100) / 100);
  if (show == "critical") return score.critical ? "yes" : "no";
  std::string out;
  if (show == "deductions") {
    for (const auto& x : score.deductions) out += (out.empty() ? "" : " | ") + deduction_line(x);
    return out.empty() ? "none" : out;
  }
  if (show == "notes") {
    for (const auto& n : score.notes) out += (out.empty() ? "" : " | ") + n.indicator + ": " + n.explanation;
    return out.empty() ? "none" : out;
  }
  if (show == "zh") {
    for (const auto& x : score.deductions) out += (out.empty() ? "" : " | ") + x.indicator + ": " + x.explanation_zh;
    for (const auto& n : score.notes) out += (out.empty() ? "" : " | ") + n.indicator + ": " + n.explanation_zh;
    return out.empty() ? "none" : out;
  }
  if (show.starts_with("records:")) {
    for (const auto& x : score.deductions)
      if (x.indicator == show.substr(8))
        for (const auto& r : x.records) out += (out.empty() ? "" : ",") + r;
    return out.empty() ? "none" : out;
  }
  throw CaseInputError("unknown show " + show);
}

const RuleRegistration kScorePlan{"monitoring.score_plan", score_plan_rule};

}  // namespace
}  // namespace skillreg::cases
