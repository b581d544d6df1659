#pragma once
// The application (申请) for filing or selection, M9:
//
//   draft → submitted → under_review → approved            (employer, special-ability, branch)
//                     ↘ returned → submitted               (more material asked for)
//   under_review → publicity → approved                    (social organisation: 公示, M9(2))
//   under_review | publicity → rejected                     (with reasons)
//   draft → submitted → filed                               (appraisal: 备案 by the qualification
//                                                            department, M9(1))
#include <optional>
#include <string_view>

#include "core/error.hpp"
#include "domain/registry/institution_kind.hpp"

namespace skillreg {

enum class ApplicationStatus { draft, submitted, returned, under_review, publicity, approved, rejected, filed };
enum class ApplicationAction {
  submit,          // the applicant sends it (again)
  return_it,       // the authority asks for more material, with reasons
  start_review,    // the authority begins the assessment
  pass_review,     // the reviewers conclude it meets the conditions
  end_publicity,   // the notice period has run and every objection is resolved
  reject,          // the authority refuses it, with reasons
  file,            // the authority files an appraisal institution (备案)
};

std::string_view to_string(ApplicationStatus s);
std::optional<ApplicationStatus> parse_application_status(std::string_view s);
std::string_view to_string(ApplicationAction a);

// The status after `action`, or 409 when the workflow does not allow it for this kind.
Result<ApplicationStatus> next_application_status(InstitutionKind kind, ApplicationStatus from,
                                                  ApplicationAction action);

// Finished applications can no longer change.
bool is_final(ApplicationStatus s);

}  // namespace skillreg
