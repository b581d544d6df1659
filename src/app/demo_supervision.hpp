#pragma once
// The demo province's supervision, built through the real use cases: 杭州市's inspector roster
// (with the `inspector` account), a year's plan with a completed, published and verifiable draw,
// a second draw under way with a covert visit, inspections at every stage, an annual assessment
// awaiting the self-evaluation, and complaints in every status.
#include "app/context.hpp"

namespace skillreg {

// Does nothing when the database already has a supervision plan, or no demo registry. Returns
// the number of inspections created.
int load_demo_supervision(AppContext& ctx);

}  // namespace skillreg
