// http/json_input and http/handler_helpers: how every handler reads its JSON body. The input is
// the raw request body. Checked:
//   - parse_json_object agrees with an independent reading (nlohmann without callback plus our
//     own SAX pass for duplicate keys, depth and NUL bytes): what it accepts is exactly the JSON
//     objects without duplicate keys, nested at most 32 deep, with no NUL in any key or string;
//     every refusal is one bad_request detail with a documented problem; what it accepts
//     re-serialises to text it accepts again as the same value, and every string in it is
//     well-formed UTF-8 (so presenters can dump it back);
//   - for the field list of every handler that reads a body (the kHandlers table below, read in
//     the handler's order), Fields returns the body's values and finish() succeeds exactly when
//     the body has no unknown field, every field has its declared type, integers fit int64 and
//     required fields are present; every problem names a field of the body or of the list;
//   - no_fields and reasons_of (the bodies of actions without parameters and with a reason).
// Nested element readers (plan sessions, scope items, checklists, qualifications, score items)
// live in the route files next to the services they call and are not reached here.
#include <algorithm>
#include <functional>
#include <set>
#include <vector>

#include "core/utf8.hpp"
#include "fuzz_check.hpp"
#include "http/handler_helpers.hpp"
#include "http/json_input.hpp"

namespace {

using namespace skillreg;
using namespace skillreg::http;

// ---- an independent reading of the body --------------------------------------------------------

struct Shape {
  bool duplicate = false;
  bool nul = false;
  int max_depth = 0;  // deepest nesting of objects and arrays, the outermost counting 1
};

class ShapeSax : public nlohmann::json_sax<Json> {
 public:
  Shape shape;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t& s) override {
    shape.nul |= s.find('\0') != std::string::npos;
    return true;
  }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override {
    open_.emplace_back();
    open_.back().is_object = true;
    shape.max_depth = std::max(shape.max_depth, int(open_.size()));
    return true;
  }
  bool key(string_t& k) override {
    shape.nul |= k.find('\0') != std::string::npos;
    shape.duplicate |= !open_.back().keys.insert(k).second;
    return true;
  }
  bool end_object() override {
    open_.pop_back();
    return true;
  }
  bool start_array(std::size_t) override {
    open_.emplace_back();
    shape.max_depth = std::max(shape.max_depth, int(open_.size()));
    return true;
  }
  bool end_array() override {
    open_.pop_back();
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

 private:
  struct Level {
    bool is_object = false;
    std::set<std::string> keys;
  };
  std::vector<Level> open_;
};

void check_strings_utf8(const Json& j) {
  if (j.is_string())
    FUZZ_CHECK(is_valid_utf8(j.get_ref<const std::string&>()), "invalid UTF-8 string accepted");
  if (j.is_object())
    for (const auto& [k, v] : j.items()) {
      FUZZ_CHECK(is_valid_utf8(k), "invalid UTF-8 key accepted");
      check_strings_utf8(v);
    }
  if (j.is_array())
    for (const auto& v : j) check_strings_utf8(v);
}

// ---- the handlers' field lists ----------------------------------------------------------------

enum class Kind { string, opt_string, integer, opt_integer, opt_bool, string_array, array };
struct FieldSpec {
  const char* name;
  Kind kind;
};
struct Handler {
  const char* route;
  std::vector<FieldSpec> fields;
};

// The top-level fields each handler reads, as src/http/routes_*.cpp read them.
const std::vector<Handler>& handlers() {
  using K = Kind;
  const std::vector<FieldSpec> plan{
      {"subject_code", K::string},   {"level", K::integer},
      {"parts", K::string_array},    {"exam_site_id", K::integer},
      {"planned_count", K::integer}, {"question_source", K::opt_string},
      {"paperless", K::opt_bool},    {"fee", K::opt_integer},
      {"sessions", K::array}};
  const std::vector<FieldSpec> person{{"identity_no", K::string},
                                      {"name", K::string},
                                      {"phone", K::opt_string},
                                      {"qualifications", K::array}};
  auto with = [](std::vector<FieldSpec> base, std::vector<FieldSpec> more) {
    base.insert(base.end(), more.begin(), more.end());
    return base;
  };
  static const std::vector<Handler> all{
      {"POST /auth/login", {{"username", K::string}, {"password", K::string}}},
      {"POST /auth/password", {{"old_password", K::string}, {"new_password", K::string}}},
      {"POST /users",
       {{"username", K::string},
        {"display_name", K::string},
        {"password", K::string},
        {"role", K::string},
        {"region_code", K::string},
        {"institution_id", K::opt_integer}}},
      {"POST /users/:id/password", {{"password", K::string}}},
      {"POST /special-ability-specs", {{"code", K::string}, {"name", K::string}}},
      {"POST /announcements",
       {{"title", K::string},
        {"kinds", K::string_array},
        {"opens_on", K::string},
        {"closes_on", K::string},
        {"conditions", K::string},
        {"assessment", K::string},
        {"methods", K::string_array}}},
      {"POST /applications",
       {{"kind", K::string},
        {"announcement_id", K::opt_integer},
        {"authority_code", K::opt_string},
        {"credit_code", K::string},
        {"name", K::string},
        {"address", K::string},
        {"region_code", K::string},
        {"contact", K::string},
        {"phone", K::string},
        {"ministry_code", K::opt_string},
        {"scope", K::array},
        {"checklist", K::array},
        {"subsidiaries", K::string_array}}},
      {"POST /applications/:id/reviews",
       {{"findings", K::array}, {"pass", K::opt_bool}, {"comment", K::opt_string}}},
      {"POST /applications/:id/objections", {{"content", K::string}, {"contact", K::opt_string}}},
      {"POST /institutions/:id/changes",
       {{"name", K::opt_string},
        {"address", K::opt_string},
        {"contact", K::opt_string},
        {"phone", K::opt_string},
        {"public_phone", K::opt_string},
        {"fees", K::opt_string}}},
      {"POST /institutions/:id/scope",
       {{"scope", K::array},
        {"checklist", K::array},
        {"subsidiaries", K::string_array},
        {"reason", K::string}}},
      {"POST /institutions/:id/exam-sites",
       {{"name", K::string}, {"address", K::string}, {"region_code", K::string}}},
      {"POST /plans", plan},
      {"PUT /plans/:id", with(plan, {{"reason", K::string}})},
      {"POST /plans/:id/candidates",
       {{"identity_no", K::string},
        {"name", K::string},
        {"education", K::string},
        {"years_in_trade", K::integer},
        {"prior_level", K::opt_integer},
        {"prior_cert_date", K::opt_string},
        {"apprenticeship", K::opt_bool},
        {"review", K::opt_string},
        {"review_note", K::opt_string}}},
      {"POST /plans/:id/candidates/:c/review", {{"decision", K::string}, {"note", K::opt_string}}},
      {"POST /plans/:id/scores", {{"items", K::array}, {"reason", K::opt_string}}},
      {"POST /certificates", {{"plan_id", K::integer}, {"candidate_ids", K::array}}},
      {"POST /certificates/report", {{"cert_nos", K::string_array}, {"reported_on", K::string}}},
      {"POST /batches", {{"kind", K::string}, {"plan_id", K::integer}, {"format", K::opt_string}}},
      {"POST /examiners", person},
      {"POST /supervisors", with(person, {{"kind", K::opt_string}})},
      {"POST /plans/:id/assignments",
       {{"session_id", K::integer},
        {"person_id", K::opt_integer},
        {"identity_no", K::opt_string},
        {"role", K::string},
        {"panel", K::opt_string}}},
      {"POST /plans/:id/papers",
       {{"session_id", K::integer},
        {"paper_id", K::string},
        {"generated_at", K::string},
        {"paperless", K::opt_bool}}},
      {"POST /plans/:id/videos",
       {{"session_id", K::integer},
        {"room", K::string},
        {"storage_id", K::string},
        {"starts_at", K::string},
        {"ends_at", K::string},
        {"sha256", K::string}}},
  };
  return all;
}

bool fits_int64(const Json& v) {
  return v.is_number_integer() && !(v.is_number_unsigned() && v.get<std::uint64_t>() > INT64_MAX);
}

bool has_type(const Json& v, Kind kind) {
  switch (kind) {
    case Kind::string:
    case Kind::opt_string:
      return v.is_string();
    case Kind::integer:
    case Kind::opt_integer:
      return fits_int64(v);
    case Kind::opt_bool:
      return v.is_boolean();
    case Kind::array:
      return v.is_array();
    case Kind::string_array:
      return v.is_array() &&
             std::all_of(v.begin(), v.end(), [](const Json& e) { return e.is_string(); });
  }
  return false;
}

void check_handler(const Json& body, const Handler& h) {
  Fields f(body);
  std::set<std::string> names;
  bool expect_ok = true;
  for (const auto& spec : h.fields) {
    const std::string name = spec.name;
    names.insert(name);
    const auto it = body.find(name);
    const bool present = it != body.end() && !it->is_null();
    const bool required = spec.kind == Kind::string || spec.kind == Kind::integer;
    if ((required && !present) || (present && !has_type(*it, spec.kind))) expect_ok = false;
    const std::string at = std::string(h.route) + " ." + name;
    switch (spec.kind) {
      case Kind::string: {
        const auto v = f.required_string(name);
        if (present && it->is_string())
          FUZZ_CHECK(v == it->get<std::string>(), at);
        else
          FUZZ_CHECK(v.empty(), at);
        break;
      }
      case Kind::opt_string: {
        const auto v = f.optional_string(name);
        FUZZ_CHECK(v.has_value() == (present && it->is_string()), at);
        if (v) FUZZ_CHECK(*v == it->get<std::string>(), at);
        break;
      }
      case Kind::integer: {
        const auto v = f.required_int(name);
        FUZZ_CHECK(v == (present && fits_int64(*it) ? it->get<std::int64_t>() : 0), at);
        break;
      }
      case Kind::opt_integer: {
        const auto v = f.optional_int(name);
        FUZZ_CHECK(v.has_value() == (present && fits_int64(*it)), at);
        if (v) FUZZ_CHECK(*v == it->get<std::int64_t>(), at);
        break;
      }
      case Kind::opt_bool: {
        const auto v = f.optional_bool(name);
        FUZZ_CHECK(v.has_value() == (present && it->is_boolean()), at);
        if (v) FUZZ_CHECK(*v == it->get<bool>(), at);
        break;
      }
      case Kind::string_array: {
        const auto v = f.string_array(name);
        if (present && it->is_array()) {
          std::size_t strings = 0;
          for (const auto& e : *it) strings += e.is_string();
          FUZZ_CHECK(v.size() == strings, at);
        } else {
          FUZZ_CHECK(v.empty(), at);
        }
        break;
      }
      case Kind::array: {
        const Json* v = f.optional_array(name);
        FUZZ_CHECK((v != nullptr) == (present && it->is_array()), at);
        if (v) FUZZ_CHECK(v == &*it, at);
        break;
      }
    }
  }
  for (const auto& [key, value] : body.items())
    if (!names.contains(key)) expect_ok = false;

  const auto done = f.finish();
  FUZZ_CHECK(bool(done) == expect_ok,
             std::string(h.route) +
                 (done ? ": accepted a bad body" : ": refused " + fuzz::describe(done.error())));
  if (done) return;
  FUZZ_CHECK(done.error().kind == ErrorKind::bad_request && !done.error().details.empty(), h.route);
  for (const auto& d : done.error().details) {
    const std::string base = d.field.substr(0, d.field.find('['));
    FUZZ_CHECK(names.contains(base) || body.contains(d.field),
               std::string(h.route) + ": problem for " + d.field);
    FUZZ_CHECK(d.problem == "required" || d.problem == "unknown_field" ||
                   d.problem.starts_with("must_be_"),
               d.problem);
  }
}

void check_helpers(std::string_view text, const Result<Json>& parsed) {
  Request req;
  req.body = std::string(text);
  const auto none = no_fields(req);
  FUZZ_CHECK(bool(none) == (text.empty() || (parsed && parsed->empty())), "no_fields");
  for (const char* name : {"reason", "reasons", "resolution"}) {
    const auto r = reasons_of(req, name);
    if (!r) continue;
    FUZZ_CHECK(parsed && parsed->size() == 1 && parsed->contains(name) &&
                   (*parsed)[name].is_string() && (*parsed)[name].get<std::string>() == *r &&
                   r->size() <= 4000,
               std::string("reasons_of accepted a body that is not {\"") + name + "\": text}");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  const auto parsed = parse_json_object(text);

  ShapeSax sax;
  const bool well_formed = Json::sax_parse(text.begin(), text.end(), &sax);
  const Json plain = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  FUZZ_CHECK(well_formed == !plain.is_discarded(), "SAX and DOM parsing disagree");
  const Shape& shape = sax.shape;
  const bool expect = !text.empty() && well_formed && plain.is_object() && !shape.duplicate &&
                      !shape.nul && shape.max_depth <= kMaxJsonDepth;

  if (!parsed) {
    FUZZ_CHECK(parsed.error().kind == ErrorKind::bad_request && parsed.error().details.size() == 1,
               fuzz::describe(parsed.error()));
    const auto& p = parsed.error().details[0].problem;
    FUZZ_CHECK(p == "empty" || p == "nesting_too_deep" || p == "malformed_json" ||
                   p == "duplicate_key" || p == "must_be_object" || p == "nul_character",
               p);
    FUZZ_CHECK(!expect, "refused a good body: " + fuzz::describe(parsed.error()));
    check_helpers(text, parsed);
    return 0;
  }
  FUZZ_CHECK(expect, "accepted a body the independent reading refuses");
  FUZZ_CHECK(parsed->is_object() && *parsed == plain, "accepted body differs from the plain parse");
  check_strings_utf8(*parsed);
  const std::string again = parsed->dump();
  const auto reparsed = parse_json_object(again);
  FUZZ_CHECK(reparsed && *reparsed == *parsed,
             "the dump of an accepted body is not accepted as the same value");

  for (const auto& h : handlers()) check_handler(*parsed, h);
  check_helpers(text, parsed);
  return 0;
}
