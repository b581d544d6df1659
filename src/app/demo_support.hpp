#pragma once
// What the demo loaders share: a use case that must succeed (the demo data is fixed, so a
// failure is a bug and stops the load loudly) and the actor of a demo account.
#include <stdexcept>
#include <string>

#include "app/context.hpp"
#include "domain/accounts/actor.hpp"

namespace skillreg {

template <class T>
T must(Result<T> r, const std::string& what) {
  if (!r) {
    std::string d;
    for (const auto& p : r.error().details) d += " " + p.field + ":" + p.problem;
    throw std::runtime_error("demo: " + what + ": " + r.error().message_en + d);
  }
  return std::move(*r);
}

inline void must(Status s, const std::string& what) {
  if (!s) throw std::runtime_error("demo: " + what + ": " + s.error().message_en);
}

// The actor of an existing account; throws when there is none.
Actor demo_actor(AppContext& ctx, const std::string& username);

}  // namespace skillreg
