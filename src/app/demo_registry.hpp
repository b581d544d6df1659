#pragma once
// The demo province's registry, built through the real use cases (so every record passed the
// same rules and audit as a real one): announcements, specifications, institutions of every kind
// spread over several cities — among them the `inst` and `inst2` demo accounts' institutions —
// and applications at each stage of the workflow.
#include "app/context.hpp"
#include "core/crypto.hpp"

namespace skillreg {

// Does nothing when the database already has institutions. Returns how many it created.
int load_demo_registry(AppContext& ctx, crypto::PasswordCost cost);

}  // namespace skillreg
