#pragma once
// Which route answers a request: the routes' paths ("/api/v1/plans/:id/sessions") matched segment
// by segment, in the order the routes were added, as RESTinio's express router matched them
// (case-sensitive, one trailing slash allowed, a ":name" segment takes any non-empty segment)
// but without a std::regex per route. Compiling those cost half a second of every start in the
// sanitizer build, and libstdc++'s regex matcher recurses once per character of the path.
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "http/types.hpp"

namespace skillreg::http {

// A ":name" segment's value as it came in the path, still percent-encoded.
struct PathParam {
  std::string_view name;
  std::string_view value;
};

// The names of a route path's ":name" segments, in order: "/plans/:id/sessions/:n" → {id, n}.
std::vector<std::string_view> path_parameters(std::string_view pattern);

// The path in OpenAPI's form: "/plans/:id" → "/plans/{id}".
std::string openapi_path(std::string_view pattern);

class RouteMatcher {
 public:
  struct Match {
    std::size_t route = 0;  // the order in which add() was called, from 0
    std::vector<PathParam> params;
  };

  // Adds the next route. A segment is a literal or ":name" (letters and '_'). Anything else the
  // express router understood (groups, modifiers, regular expressions) would be taken literally
  // here, so it throws std::invalid_argument: a route table that uses it fails at start.
  void add(Method method, std::string_view pattern);

  // The first route, in the order added, whose method is `method` and whose pattern matches
  // `path` (without query string); its parameters point into `path`.
  std::optional<Match> find(Method method, std::string_view path) const;

 private:
  struct Segment {
    std::string text;  // a literal, or the parameter's name
    bool parameter = false;
  };
  struct Pattern {
    Method method;
    std::vector<Segment> segments;
  };

  std::optional<Match> scan(Method method, std::string_view path) const;

  std::vector<Pattern> patterns_;
  // "GET /api/v1/health" → the route answering it, for a path without parameters that no earlier
  // route also matches: the busy routes (the certificate check) need no scan.
  std::unordered_map<std::string, std::size_t> exact_;
};

}  // namespace skillreg::http
