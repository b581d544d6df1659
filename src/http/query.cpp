#include "http/query.hpp"

#include <charconv>

namespace skillreg::http {

namespace {
std::optional<std::int64_t> to_int(const std::string& s) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}
}  // namespace

Result<PageRequest> page_of(const Request& req) {
  PageRequest p;
  std::vector<FieldProblem> problems;
  if (auto it = req.query.find("page"); it != req.query.end()) {
    auto v = to_int(it->second);
    if (!v || *v < 1 || *v > 1'000'000) problems.push_back({"page", "must_be_positive_integer"});
    else p.page = int(*v);
  }
  if (auto it = req.query.find("page_size"); it != req.query.end()) {
    auto v = to_int(it->second);
    if (!v || *v < 1 || *v > req.max_page_size) problems.push_back({"page_size", "must_be_1_to_200"});
    else p.page_size = int(*v);
  }
  if (!problems.empty()) return bad_request(problems);
  p.after = req.page_after;
  p.count = req.page_count;
  return p;
}

std::string query_or_empty(const Request& req, const std::string& name) {
  auto it = req.query.find(name);
  return it == req.query.end() ? std::string() : it->second;
}

Result<std::int64_t> id_param(const Request& req, const std::string& name) {
  auto it = req.params.find(name);
  if (it == req.params.end()) return not_found();
  auto v = to_int(it->second);
  if (!v || *v < 1) return not_found();
  return *v;
}

Result<std::optional<std::int64_t>> id_query(const Request& req, const std::string& name) {
  auto it = req.query.find(name);
  if (it == req.query.end() || it->second.empty()) return std::optional<std::int64_t>{};
  auto v = to_int(it->second);
  if (!v || *v < 1) return bad_request({{name, "must_be_id"}});
  return std::optional<std::int64_t>{*v};
}

Result<std::optional<bool>> bool_query(const Request& req, const std::string& name) {
  auto it = req.query.find(name);
  if (it == req.query.end()) return std::optional<bool>{};
  if (it->second == "true" || it->second == "1") return std::optional<bool>{true};
  if (it->second == "false" || it->second == "0") return std::optional<bool>{false};
  return bad_request({{name, "must_be_boolean"}});
}

}  // namespace skillreg::http
