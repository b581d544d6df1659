#pragma once
// Reading JSON request bodies strictly: a body must be one JSON object, at most 32 levels deep,
// without duplicate keys; fields have the declared types and no unknown field is accepted.
// Every problem found is reported at once (400 bad_request, with one detail per field).
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "http/types.hpp"

namespace skillreg::http {

inline constexpr int kMaxJsonDepth = 32;

// Parses `body` as one JSON object.
Result<Json> parse_json_object(std::string_view body);

class Fields {
 public:
  explicit Fields(const Json& object) : obj_(object) {}

  std::string required_string(const std::string& name);
  std::optional<std::string> optional_string(const std::string& name);
  std::optional<std::int64_t> optional_int(const std::string& name);
  std::int64_t required_int(const std::string& name);
  std::optional<bool> optional_bool(const std::string& name);
  // An array field, or nullptr when absent; "must_be_array" when it is something else.
  const Json* optional_array(const std::string& name);
  std::vector<std::string> string_array(const std::string& name);
  std::vector<std::int64_t> int_array(const std::string& name);
  // An object field, or nullptr when absent; "must_be_object" when it is something else.
  const Json* optional_object(const std::string& name);
  // Reads a nested object with its own Fields; its problems are reported as "name.field".
  template <class F>
  void nested(const std::string& name, F&& read) {
    const Json* o = optional_object(name);
    if (o == nullptr) return;
    Fields sub(*o);
    read(sub);
    if (auto ok = sub.finish(); !ok)
      for (const auto& d : ok.error().details) problem(name + "." + d.field, d.problem);
  }
  // Report a problem found while reading a nested value.
  void problem(const std::string& field, const std::string& what) { problems_.push_back({field, what}); }

  // 400 listing every missing, mistyped or unknown field; ok when there were none.
  Status finish() const;

 private:
  const Json* lookup(const std::string& name);

  const Json& obj_;
  std::set<std::string> seen_;
  std::vector<FieldProblem> problems_;
};

}  // namespace skillreg::http
