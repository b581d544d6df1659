#pragma once
// The demo province's enforcement cases, built through the real use cases, against institutions
// the province supervises: every due-process stage (draft, proposed and served with a statement,
// decided, under review, reviewed, closed) and every consequence class — an interview with its
// record, a written notice with the institution suspended and published, a cancellation
// overturned on review (published, marked reversed), and one certificate declared void (S18).
#include "app/context.hpp"
#include "domain/activity/activity_policy.hpp"

namespace skillreg {

// Does nothing when the database already has a case or no demo registry. Returns the number of
// cases created.
int load_demo_enforcement(AppContext& ctx, const ActivityPolicy& activity);

}  // namespace skillreg
