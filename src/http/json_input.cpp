#include "http/json_input.hpp"

#include <optional>

#include <vector>

namespace skillreg::http {

namespace {

// The path of the first string (key or value) holding a NUL byte, or "" when none does.
// PostgreSQL cuts text at NUL, so "province\u0000x" would become "province" there.
// Where the first NUL character is (a string value, or a key), as the field to name; nullopt when
// there is none. An optional, not "": the value of the key "" at the top is at the path "".
std::optional<std::string> nul_path(const Json& j, const std::string& at) {
  if (j.is_string())
    return j.get_ref<const std::string&>().find('\0') != std::string::npos ? std::optional(at) : std::nullopt;
  if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i)
      if (auto p = nul_path(j[i], at + "[" + std::to_string(i) + "]")) return p;
  } else if (j.is_object()) {
    for (const auto& [key, v] : j.items()) {
      const std::string here = at.empty() ? key : at + "." + key;
      if (key.find('\0') != std::string::npos) return at.empty() ? "body" : at;
      if (auto p = nul_path(v, here)) return p;
    }
  }
  return std::nullopt;
}

}  // namespace

Result<Json> parse_json_object(std::string_view body) {
  if (body.empty()) return bad_request({{"body", "empty"}});
  bool too_deep = false;
  std::optional<std::string> duplicate;     // the first repeated key ("" is one too)
  std::vector<std::set<std::string>> keys;  // one set per open object
  auto cb = [&](int depth, Json::parse_event_t event, Json& parsed) {
    switch (event) {
      case Json::parse_event_t::object_start:
        keys.emplace_back();
        [[fallthrough]];
      case Json::parse_event_t::array_start:
        if (depth >= kMaxJsonDepth) too_deep = true;
        break;
      case Json::parse_event_t::object_end:
        if (!keys.empty()) keys.pop_back();
        break;
      case Json::parse_event_t::key:
        if (!keys.empty() && parsed.is_string() &&
            !keys.back().insert(parsed.get<std::string>()).second && !duplicate)
          duplicate = parsed.get<std::string>();
        break;
      default:
        break;
    }
    return !too_deep;
  };
  Json j = Json::parse(body.begin(), body.end(), cb, /*allow_exceptions=*/false);
  if (too_deep) return bad_request({{"body", "nesting_too_deep"}});
  if (j.is_discarded()) return bad_request({{"body", "malformed_json"}});
  if (duplicate) return bad_request({{*duplicate, "duplicate_key"}});
  if (!j.is_object()) return bad_request({{"body", "must_be_object"}});
  if (auto at = nul_path(j, "")) return bad_request({{*at, "nul_character"}});
  return j;
}

const Json* Fields::lookup(const std::string& name) {
  seen_.insert(name);
  auto it = obj_.find(name);
  if (it == obj_.end() || it->is_null()) return nullptr;
  return &*it;
}

std::string Fields::required_string(const std::string& name) {
  const bool present = obj_.contains(name) && !obj_.at(name).is_null();
  auto v = optional_string(name);
  if (!present) problem(name, "required");
  return v.value_or("");
}

std::optional<std::string> Fields::optional_string(const std::string& name) {
  const Json* v = lookup(name);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) {
    problem(name, "must_be_string");
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<std::int64_t> Fields::optional_int(const std::string& name) {
  const Json* v = lookup(name);
  if (v == nullptr) return std::nullopt;
  if (v->is_number_integer() && !(v->is_number_unsigned() && v->get<std::uint64_t>() > INT64_MAX))
    return v->get<std::int64_t>();
  problem(name, "must_be_integer");
  return std::nullopt;
}

std::int64_t Fields::required_int(const std::string& name) {
  const bool present = obj_.contains(name) && !obj_.at(name).is_null();
  auto v = optional_int(name);
  if (!present) problem(name, "required");
  return v.value_or(0);
}

std::optional<bool> Fields::optional_bool(const std::string& name) {
  const Json* v = lookup(name);
  if (v == nullptr) return std::nullopt;
  if (!v->is_boolean()) {
    problem(name, "must_be_boolean");
    return std::nullopt;
  }
  return v->get<bool>();
}

const Json* Fields::optional_array(const std::string& name) {
  const Json* v = lookup(name);
  if (v == nullptr) return nullptr;
  if (!v->is_array()) {
    problem(name, "must_be_array");
    return nullptr;
  }
  return v;
}

const Json* Fields::optional_object(const std::string& name) {
  const Json* v = lookup(name);
  if (v == nullptr) return nullptr;
  if (!v->is_object()) {
    problem(name, "must_be_object");
    return nullptr;
  }
  return v;
}

std::vector<std::string> Fields::string_array(const std::string& name) {
  std::vector<std::string> out;
  const Json* v = optional_array(name);
  if (v == nullptr) return out;
  for (std::size_t i = 0; i < v->size(); ++i) {
    if ((*v)[i].is_string()) out.push_back((*v)[i].get<std::string>());
    else problem(name + "[" + std::to_string(i) + "]", "must_be_string");
  }
  return out;
}

std::vector<std::int64_t> Fields::int_array(const std::string& name) {
  std::vector<std::int64_t> out;
  const Json* v = optional_array(name);
  if (v == nullptr) return out;
  for (std::size_t i = 0; i < v->size(); ++i) {
    const Json& e = (*v)[i];
    if (e.is_number_integer() && (e.is_number_unsigned() ? e.get<std::uint64_t>() <= INT64_MAX : true))
      out.push_back(e.get<std::int64_t>());
    else problem(name + "[" + std::to_string(i) + "]", "must_be_integer");
  }
  return out;
}

Status Fields::finish() const {
  std::vector<FieldProblem> all = problems_;
  for (const auto& [key, value] : obj_.items())
    if (!seen_.contains(key)) all.push_back({key, "unknown_field"});
  if (all.empty()) return {};
  return bad_request(all);
}

}  // namespace skillreg::http
