#pragma once
// M23: an institution is established for 3 years; a renewal may be applied for only in the
// 3 months before the validity ends, and an approved one extends it by 3 years from the old end.
//
// `valid_until` is the first day on which the institution is no longer valid: approved on
// 2026-03-10, it is valid through 2029-03-09 and `valid_until` is 2029-03-10.
#include "core/date.hpp"

namespace skillreg {

inline constexpr int kValidityYears = 3;       // M23
inline constexpr int kRenewalWindowMonths = 3;  // M23

Date validity_end(Date approved_on);

enum class RenewalWindow { too_early, open, closed };
RenewalWindow renewal_window(Date valid_until, Date as_of);
Date renewed_until(Date valid_until);
bool has_expired(Date valid_until, Date as_of);

}  // namespace skillreg
