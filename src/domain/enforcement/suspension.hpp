#pragma once
// The suspension of a written notice 暂停评价活动并限期整改 (S20): an institution is suspended
// while at least one notice in force against it still awaits its rectification (not yet verified),
// and no longer once none does — whichever notice was decided first, verified first or reversed
// first.
#include "domain/registry/institution_status.hpp"

namespace skillreg {

// The institution's status given whether a notice in force still awaits its rectification. Only
// active and suspended turn into each other; any other status stands (revoked S21, expired M23,
// terminated M24).
InstitutionStatus status_under_notices(InstitutionStatus current, bool notice_awaits_rectification);

}  // namespace skillreg
