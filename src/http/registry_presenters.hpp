#pragma once
// How the registry's records look in API answers.
#include "app/registry_service.hpp"
#include "http/types.hpp"

namespace skillreg::http {

Json scope_json(const std::vector<ScopeItem>& scope);
Json announcement_json(const Announcement& a);
Json application_json(const Application& a);
Json application_view_json(const ApplicationView& v);
Json institution_json(const Institution& i);
// The public directory entry (M10, M17, S17): no internal contact or credit code.
Json directory_json(const Institution& i);
Json receipt_json(const Receipt& r);

}  // namespace skillreg::http
