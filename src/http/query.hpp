#pragma once
// Query-string and path-parameter reading shared by handlers.
#include <cstdint>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "http/types.hpp"
#include "store/paging.hpp"

namespace skillreg::http {

inline constexpr int kMaxPageSize = 200;

// page (from 1) and page_size (1..200, default 20); 400 on anything else.
Result<PageRequest> page_of(const Request& req);
// An optional query parameter's value, or "" when absent.
std::string query_or_empty(const Request& req, const std::string& name);
// A numeric id from the path; not_found when it is not one (ids are opaque to clients).
Result<std::int64_t> id_param(const Request& req, const std::string& name = "id");
// An optional boolean query parameter: "true"/"false"/"1"/"0".
// An optional positive id in the query string; 400 when present and not one.
Result<std::optional<std::int64_t>> id_query(const Request& req, const std::string& name);

Result<std::optional<bool>> bool_query(const Request& req, const std::string& name);

// {"items":[…],"total":N,"page":P,"page_size":S}
template <class T, class F>
Json page_json(const Page<T>& page, F&& item_json) {
  Json items = Json::array();
  for (const auto& item : page.items) items.push_back(item_json(item));
  return {{"items", items}, {"total", page.total}, {"page", page.page}, {"page_size", page.page_size}};
}

}  // namespace skillreg::http
