#include "domain/enforcement/suspension.hpp"

namespace skillreg {

InstitutionStatus status_under_notices(InstitutionStatus current,
                                       bool notice_awaits_rectification) {
  if (current == InstitutionStatus::active && notice_awaits_rectification)
    return InstitutionStatus::suspended;
  if (current == InstitutionStatus::suspended && !notice_awaits_rectification)
    return InstitutionStatus::active;
  return current;
}

}  // namespace skillreg
