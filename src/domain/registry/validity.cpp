#include "domain/registry/validity.hpp"

namespace skillreg {

Date validity_end(Date approved_on) { return approved_on.add_years(kValidityYears); }

RenewalWindow renewal_window(Date valid_until, Date as_of) {
  if (as_of >= valid_until) return RenewalWindow::closed;
  if (as_of < valid_until.add_months(-kRenewalWindowMonths)) return RenewalWindow::too_early;
  return RenewalWindow::open;
}

Date renewed_until(Date valid_until) { return valid_until.add_years(kValidityYears); }

bool has_expired(Date valid_until, Date as_of) { return as_of >= valid_until; }

}  // namespace skillreg
