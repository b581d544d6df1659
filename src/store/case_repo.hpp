#pragma once
// Named SQL of enforcement cases (migration 0012).
#include <optional>
#include <string>
#include <vector>

#include <map>

#include "domain/enforcement/escalation.hpp"
#include "domain/enforcement/records.hpp"
#include "store/database.hpp"
#include "store/paging.hpp"

namespace skillreg {

struct CaseQuery {
  std::vector<std::string> authorities;     // an authority's scope
  std::optional<std::int64_t> institution;  // institution staff: their own, once proposed
  bool public_only = false;                 // S20, S21 decisions (对社会公布)
  std::string status;
  std::optional<std::int64_t> institution_id;
  PageRequest page;
};

class CaseRepo {
 public:
  explicit CaseRepo(Tx& tx) : tx_(tx) {}

  std::int64_t insert(const CaseRecord& c);
  void save(const CaseRecord& c);  // every mutable column
  std::optional<CaseRecord> find(std::int64_t id);
  Page<CaseRecord> list(const CaseQuery& q);
  void add_statement(std::int64_t case_id, const CaseStatement& s);

  // "<prefix>人社监〔year〕N号", N counting per authority and year.
  std::string next_case_no(const std::string& authority_code, const std::string& prefix, int year);
  // Measures in force against the institution, other than `except` (S20(1), S21(1)).
  int measures_in_force(std::int64_t institution_id, MeasureClass measure, std::int64_t except);
  // S20: written notices in force against the institution whose rectification is not verified yet
  // (each keeps it suspended), other than `except`.
  int notices_awaiting_rectification(std::int64_t institution_id, std::int64_t except);
  // S21: a cancellation in force against this credit code bars new filings and applications.
  bool credit_code_barred(const std::string& credit_code);
  // A case naming `item` of the institution opened since `since`, unless dropped (the daily job
  // opens a case for a due item once a year).
  bool open_case_with_item(std::int64_t institution_id, const std::string& item, Instant since);
  // What the daily job needs of every institution that holds or held a qualification.
  std::map<std::int64_t, DueFacts> due_facts(Date today, Instant now);
  // S13 caps and S8 standing: measures in force decided on or after `since` (YYYY-MM-DD).
  std::map<std::int64_t, std::pair<int, int>> interviews_and_notices_since(const std::string& since);
  std::map<std::int64_t, int> sanctions_since(const std::string& since);

 private:
  void load_statements(CaseRecord& c);
  Tx& tx_;
};

}  // namespace skillreg
