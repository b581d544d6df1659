#pragma once
// Escalation 升级 (S20(1), S21(1), S20(3), S20(4), S20(6), S21(6), S21(7)): what measure the
// system proposes for a case, and which items the daily job finds due. The system proposes; an
// officer decides (REQUIREMENTS.md 6).
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "domain/enforcement/catalogue.hpp"

namespace skillreg {

// What the case names and what the institution's record holds.
struct CaseFacts {
  std::vector<std::string> items;  // catalogue codes
  bool serious = false;            // 情节严重, as the officer judges it
  int prior_interviews = 0;        // S19 interviews decided before (and not overturned)
  int prior_notices = 0;           // S20 written notices decided before (and not overturned)
};

struct ProposedMeasure {
  MeasureClass measure = MeasureClass::interview;
  bool voids_results = false;       // an S18 item: the named results are declared void as well
  std::vector<std::string> items;   // the case's items plus those escalation adds (S20(1), S21(1))
  std::vector<std::string> reasons; // the articles that escalated it, in order
};

// The gravest class of the items, after escalation:
//   an S19 item that is serious, or after an interview, is S20(1);
//   an S20 item (S20(1) included) after a written notice is S21(1).
// 422 when an item is not in the catalogue or there is none.
Result<ProposedMeasure> propose_measure(const CaseFacts& facts, const ViolationCatalogue& catalogue);

// The institution's standing facts the daily job looks at.
struct DueFacts {
  Date approved_on{};
  bool expired_without_renewal = false;     // M23 validity ended, no renewal
  std::optional<Date> last_evaluation;      // the last session held
  bool failed_periodic_evaluation = false;  // S15
  bool failed_annual_assessment = false;    // S15
  bool refused_inspection = false;          // S20(3): an inspection refused within the year
  bool overdue_rectification = false;       // an inspection's or a case's rectification past due
  bool overdue_hardware_rectification = false;  // of an S9(5)-1 (hardware and software) finding
};

// The catalogue items that are due on `today` (S20(3), S20(4), S20(6), S21(6), S21(7)).
std::vector<std::string> due_items(const DueFacts& facts, Date today);

}  // namespace skillreg
