// The query string and path parameters, from the raw text to the values handlers use. The input
// is the query part of a request target. It is read the way src/http/server.cpp (make_request)
// reads it: RESTinio's try_parse_query in JavaScript-compatible mode, refusing NUL bytes and
// repeated parameters; then http/query's page_of, id_param, bool_query and query_or_empty run
// on the result. The same text is also decoded as a path parameter (unescape_percent_encoding).
// Checked:
//   - the RESTinio parsers never throw on any input (make_request does not catch);
//   - every decoded name and value is well-formed UTF-8 (they reach SQL and JSON answers);
//   - decoding is exact: percent-encoding the decoded pairs and parsing again gives them back;
//   - page_of accepts exactly decimal integers 1..1000000 (page) and 1..200 (page_size), with
//     their values; id_param accepts exactly decimal integers >= 1 that fit int64, with their
//     value; bool_query exactly true/false/1/0; query_or_empty returns the value or "".
#include <map>
#include <restinio/uri_helpers.hpp>
#include <restinio/utils/percent_encoding.hpp>
#include <vector>

#include "core/utf8.hpp"
#include "fuzz_check.hpp"
#include "http/query.hpp"

namespace {

using namespace skillreg;
using namespace skillreg::http;
using Traits = restinio::parse_query_traits::javascript_compatible;
using Pairs = std::vector<std::pair<std::string, std::string>>;

// The pairs of a query string, or nullopt when RESTinio refuses it; aborts if it throws.
std::optional<Pairs> parse(std::string_view text, bool* tag_only = nullptr) {
  try {
    auto q = restinio::try_parse_query<Traits>(restinio::string_view_t(text.data(), text.size()));
    if (!q) return std::nullopt;
    Pairs out;
    for (const auto& [k, v] : *q) out.emplace_back(std::string(k), std::string(v));
    if (tag_only != nullptr) *tag_only = q->tag().has_value();
    return out;
  } catch (const std::exception& e) {
    FUZZ_CHECK(false, std::string("try_parse_query threw: ") + e.what());
  }
  return std::nullopt;
}

// make_request's reading of the pairs into Request::query (400 on NUL or a repeated name).
std::optional<std::map<std::string, std::string>> query_map(const Pairs& pairs) {
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : pairs) {
    if (k.find('\0') != std::string::npos || v.find('\0') != std::string::npos) return std::nullopt;
    if (!out.emplace(k, v).second) return std::nullopt;
  }
  return out;
}

std::string encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += char(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// A decimal integer as std::from_chars reads one (optional '-', digits), if it fits int64.
std::optional<std::int64_t> reference_int(std::string_view s) {
  std::size_t i = s.starts_with('-') ? 1 : 0;
  if (i == s.size()) return std::nullopt;
  __int128 v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + (s[i] - '0');
    if (v > (__int128(1) << 64)) return std::nullopt;
  }
  if (s.starts_with('-')) v = -v;
  if (v > INT64_MAX || v < INT64_MIN) return std::nullopt;
  return std::int64_t(v);
}

void check_handlers_view(const std::map<std::string, std::string>& query) {
  Request req;
  req.query = query;
  auto in_range = [&](const char* name, std::int64_t lo,
                      std::int64_t hi) -> std::optional<std::int64_t> {
    const auto it = query.find(name);
    if (it == query.end()) return std::nullopt;
    const auto v = reference_int(it->second);
    if (!v || *v < lo || *v > hi) return std::int64_t{-1};
    return v;
  };
  const auto page = in_range("page", 1, 1'000'000);
  const auto size = in_range("page_size", 1, kMaxPageSize);
  const auto p = page_of(req);
  const bool expect_ok = page != std::int64_t{-1} && size != std::int64_t{-1};
  FUZZ_CHECK(bool(p) == expect_ok,
             p ? "page_of accepted a bad page" : "page_of refused " + fuzz::describe(p.error()));
  if (p) {
    FUZZ_CHECK(!page || p->page == *page, "page value");
    FUZZ_CHECK(!size || p->page_size == *size, "page_size value");
    FUZZ_CHECK(p->page >= 1 && p->page_size >= 1 && p->page_size <= kMaxPageSize, "page bounds");
  } else {
    FUZZ_CHECK(p.error().kind == ErrorKind::bad_request && !p.error().details.empty(),
               "page_of error");
  }

  for (const auto& [name, value] : query) {
    FUZZ_CHECK(query_or_empty(req, name) == value, "query_or_empty");
    Request with_id;
    with_id.params = {{"id", value}};
    const auto id = id_param(with_id);
    const auto ref = reference_int(value);
    FUZZ_CHECK(bool(id) == (ref && *ref >= 1), "id_param " + value);
    if (id)
      FUZZ_CHECK(*id == *ref, "id_param value");
    else
      FUZZ_CHECK(id.error().kind == ErrorKind::not_found, "id_param error kind");

    const auto b = bool_query(req, name);
    const bool is_bool = value == "true" || value == "false" || value == "1" || value == "0";
    FUZZ_CHECK(bool(b) == is_bool, "bool_query " + value);
    if (b) FUZZ_CHECK(**b == (value == "true" || value == "1"), "bool_query value");
  }
  FUZZ_CHECK(query_or_empty(req, "\x01 absent") == "", "query_or_empty of an absent name");
  FUZZ_CHECK(!id_param(req, "\x01 absent"), "id_param of an absent name");
}

void check_path_parameter(std::string_view text) {
  try {
    const auto r = restinio::utils::try_unescape_percent_encoding(
        restinio::string_view_t(text.data(), text.size()));
    if (!r) return;
    FUZZ_CHECK(is_valid_utf8(*r), "a path parameter decodes to invalid UTF-8");
    const std::string again = encode(*r);
    const auto back =
        restinio::utils::try_unescape_percent_encoding(restinio::string_view_t(again));
    FUZZ_CHECK(back && *back == *r, "percent-encoding does not round-trip");
  } catch (const std::exception& e) {
    FUZZ_CHECK(false, std::string("try_unescape_percent_encoding threw: ") + e.what());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  check_path_parameter(text);

  bool tag = false;
  const auto pairs = parse(text, &tag);
  if (!pairs) return 0;
  for (const auto& [k, v] : *pairs)
    FUZZ_CHECK(is_valid_utf8(k) && is_valid_utf8(v), "a query parameter decodes to invalid UTF-8");

  if (!tag && !pairs->empty()) {
    std::string again;
    for (const auto& [k, v] : *pairs)
      again += (again.empty() ? "" : "&") + encode(k) + "=" + encode(v);
    const auto back = parse(again);
    FUZZ_CHECK(back && *back == *pairs,
               "re-encoded query string does not parse to the same pairs: " + again);
  }

  const auto query = query_map(*pairs);
  if (query) check_handlers_view(*query);
  return 0;
}
