// Rules of the institution registry (M4, M6, M9, M13, M23, S20, S21, M24) for the case tables.
#include <sstream>

#include "core/date.hpp"
#include "domain/registry/application_workflow.hpp"
#include "domain/registry/exam_site_rules.hpp"
#include "domain/registry/institution_status.hpp"
#include "domain/registry/scope_rules.hpp"
#include "domain/registry/validity.hpp"
#include "rules.hpp"

namespace skillreg::cases {
namespace {

InstitutionKind kind_of(const Inputs& in) {
  auto k = parse_institution_kind(require(in, "kind"));
  if (!k) throw CaseInputError("unknown kind " + require(in, "kind"));
  return *k;
}

Date date_of(const Inputs& in, const std::string& key) {
  auto d = Date::parse(require(in, key));
  if (!d) throw CaseInputError("bad date in " + key);
  return *d;
}

std::string outcome(const Status& s) {
  if (s) return "accepted";
  std::string out = "refused:" + std::to_string(s.error().kind == ErrorKind::conflict ? 409 : 422);
  if (!s.error().details.empty()) out += ":" + s.error().details.front().problem;
  return out;
}

// M9: may an authority at `receiver` level receive this kind's application?
std::string receiver(const Inputs& in) {
  const auto level = parse_region_level(require(in, "receiver"));
  if (!level) throw CaseInputError("receiver must be province, city or county");
  return may_receive(kind_of(in), *level) ? "accepted" : "refused";
}

// M4: filed or selected, the code letter, and whether a public notice comes first.
std::string kind_facts(const Inputs& in) {
  const auto& r = rules_of(kind_of(in));
  std::ostringstream out;
  out << (r.filed ? "filed" : "selected") << ":" << r.code_letter << ":"
      << (r.public_notice ? "notice" : "no_notice");
  return out.str();
}

// M7, M8: the eligibility checklist keys.
std::string checklist(const Inputs& in) {
  std::string out;
  for (const auto& item : eligibility_checklist(kind_of(in))) out += (out.empty() ? "" : ",") + item.key;
  return out;
}

// M6: may this kind evaluate a subject with these facts at these levels?
std::string scope(const Inputs& in) {
  SubjectFacts facts;
  facts.known = require(in, "subject") != "unknown";
  facts.is_occupation = require(in, "subject") != "specification";
  facts.in_catalog = require(in, "subject") == "catalogue_occupation";
  ScopeItem item{"X", {}};
  std::istringstream levels(in.count("levels") ? in.at("levels") : "");
  for (std::string l; std::getline(levels, l, ',');)
    if (!l.empty()) item.levels.push_back(std::stoi(l));
  return outcome(check_scope_item(kind_of(in), item, facts, "scope[0]"));
}

// M23: is a renewal accepted on `as_of` for an institution valid until `valid_until`?
std::string renewal(const Inputs& in) {
  switch (renewal_window(date_of(in, "valid_until"), date_of(in, "as_of"))) {
    case RenewalWindow::open: return "accepted:" + renewed_until(date_of(in, "valid_until")).to_string();
    case RenewalWindow::too_early: return "refused:409:too_early";
    case RenewalWindow::closed: return "refused:409:expired";
  }
  return "";
}

std::string validity(const Inputs& in) { return validity_end(date_of(in, "approved_on")).to_string(); }

std::string status_event(const Inputs& in) {
  auto from = parse_institution_status(require(in, "from"));
  auto event = parse_status_event(require(in, "event"));
  if (!from || !event) throw CaseInputError("bad status or event");
  auto to = apply_status_event(*from, *event);
  if (!to) return "refused:409:" + to.error().article;
  return std::string(to_string(*to)) + (listed_in_directory(*to) ? ":listed" : ":unlisted") +
         (may_evaluate(*to) ? ":evaluates" : ":no_evaluation");
}

std::string workflow(const Inputs& in) {
  auto status = parse_application_status(require(in, "from"));
  if (!status) throw CaseInputError("bad status");
  const std::string actions = require(in, "actions");
  std::istringstream steps(actions);
  for (std::string step; std::getline(steps, step, ',');) {
    ApplicationAction a{};
    if (step == "submit") a = ApplicationAction::submit;
    else if (step == "return") a = ApplicationAction::return_it;
    else if (step == "start_review") a = ApplicationAction::start_review;
    else if (step == "pass_review") a = ApplicationAction::pass_review;
    else if (step == "end_publicity") a = ApplicationAction::end_publicity;
    else if (step == "reject") a = ApplicationAction::reject;
    else if (step == "file") a = ApplicationAction::file;
    else throw CaseInputError("unknown action " + step);
    auto next = next_application_status(kind_of(in), *status, a);
    if (!next) return "refused:409:" + step;
    status = *next;
  }
  return std::string(to_string(*status));
}

const RuleRegistration kReceiver{"registry.receiving_authority", receiver};
const RuleRegistration kKind{"registry.kind", kind_facts};
const RuleRegistration kChecklist{"registry.eligibility_checklist", checklist};
const RuleRegistration kScope{"registry.scope", scope};
const RuleRegistration kRenewal{"registry.renewal_window", renewal};
const RuleRegistration kValidity{"registry.validity_end", validity};
const RuleRegistration kStatus{"registry.status_event", status_event};
const RuleRegistration kWorkflow{"registry.application_workflow", workflow};

}  // namespace
}  // namespace skillreg::cases

namespace skillreg::cases {
namespace {

// A small region tree: 浙江省, 杭州市 with 西湖区 and 余杭区, 宁波市 with 鄞州区.
const RegionTree& sample_regions() {
  static const RegionTree tree({{"330000", "浙江省", RegionLevel::province, ""},
                                {"330100", "杭州市", RegionLevel::city, "330000"},
                                {"330106", "西湖区", RegionLevel::county, "330100"},
                                {"330110", "余杭区", RegionLevel::county, "330100"},
                                {"330200", "宁波市", RegionLevel::city, "330000"},
                                {"330212", "鄞州区", RegionLevel::county, "330200"}});
  return tree;
}

// M12: the status a newly requested site starts in.
std::string exam_site_request(const Inputs& in) {
  return std::string(to_string(initial_exam_site_status(sample_regions(), require(in, "institution_region"),
                                                        require(in, "site_region"))));
}

// M12: may an authority of `decider_region` confirm or refuse a site in `site_region`?
std::string exam_site_decider(const Inputs& in) {
  return may_decide_exam_site(sample_regions(), require(in, "decider_region"), require(in, "site_region"))
             ? "accepted"
             : "refused";
}

const RuleRegistration kExamSiteRequest{"registry.exam_site_request", exam_site_request};
const RuleRegistration kExamSiteDecider{"registry.exam_site_decider", exam_site_decider};

}  // namespace
}  // namespace skillreg::cases
