#pragma once
// Named SQL of inspections, their inspectors, checklist findings, evidence and rectifications
// (migration 0011).
#include <optional>
#include <string>
#include <vector>

#include "domain/supervision/records.hpp"
#include "store/database.hpp"
#include "store/paging.hpp"

namespace skillreg {

struct InspectionQuery {
  // Scope: exactly one of these applies.
  std::vector<std::string> authorities;        // an authority: institutions it supervises
  std::optional<std::int64_t> institution;     // institution staff: their own, covert hidden until completed
  std::optional<std::int64_t> inspector_user;  // an inspector: the inspections they are assigned to
  std::optional<std::int64_t> published_only;  // public: published outcomes (value unused)
  // Filters.
  std::string status, kind;
  std::optional<std::int64_t> institution_id, draw_id;
  PageRequest page;
};

class InspectionRepo {
 public:
  explicit InspectionRepo(Tx& tx) : tx_(tx) {}

  std::int64_t insert(const Inspection& i);  // with its inspectors and checklist items
  std::optional<Inspection> find(std::int64_t id);  // with everything loaded
  Page<Inspection> list(const InspectionQuery& q);  // header rows and inspectors
  std::vector<std::int64_t> of_draw(std::int64_t draw_id);

  void set_started(std::int64_t id, Instant at);
  void set_findings(std::int64_t id, const std::vector<ItemFinding>& items);
  void set_completed(std::int64_t id, InspectionOutcome outcome, const std::string& report, Instant at);
  // `refused`: the institution refused the inspection (S20(3)).
  void set_cancelled(std::int64_t id, const std::string& reason, bool refused, Instant at);
  void set_self_evaluation(std::int64_t id, const std::string& text, Instant at);
  void publish_of_draw(std::int64_t draw_id, Instant at);
  bool assigned(std::int64_t inspection_id, std::int64_t user_id);

  std::int64_t insert_evidence(const EvidenceMeta& e, const std::string& content_base64);
  std::optional<std::pair<EvidenceMeta, std::string>> evidence_with_content(std::int64_t id);

  std::int64_t insert_rectification(const Rectification& r);
  void verify_rectification(std::int64_t id, Date on, std::int64_t by, const std::string& note);
  // S11: the institution's account of what it did; the officer's finding that it was not done.
  void report_rectification(std::int64_t id, const std::string& report, Instant at, std::int64_t by);
  void reject_rectification(std::int64_t id, const std::string& note, Instant at);

  // S15: the periodic evaluation opened for a renewal, if any.
  std::optional<Inspection> periodic_of_renewal(std::int64_t renewal_id);
  // Institutions the authority supervises directly that may evaluate (annual assessment).
  std::vector<std::int64_t> active_institutions_of(const std::string& authority_code);
  bool has_inspection(std::int64_t institution_id, InspectionKind kind, const std::string& from, const std::string& to);

 private:
  void load_details(Inspection& i);
  Tx& tx_;
};

}  // namespace skillreg
