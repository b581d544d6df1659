// Which route answers a path: the express router's rules, kept after it was replaced.
#include "http/route_matcher.hpp"

#include <gtest/gtest.h>

namespace skillreg::http {

namespace {

RouteMatcher table() {
  RouteMatcher m;
  m.add(Method::get, "/api/v1/health");                          // 0
  m.add(Method::get, "/api/v1/plans/:id");                       // 1
  m.add(Method::get, "/api/v1/plans/summary");                   // 2: the route before takes it
  m.add(Method::post, "/api/v1/plans/:id/sessions");             // 3
  m.add(Method::get, "/api/v1/plans/:plan_id/sessions/:number"); // 4
  m.add(Method::get, "/api/v1/public/certificates/verify");     // 5
  m.add(Method::put, "/api/v1/plans/:id");                       // 6
  return m;
}

std::string answer(const RouteMatcher& m, Method method, std::string_view path) {
  auto found = m.find(method, path);
  if (!found) return "none";
  std::string out = std::to_string(found->route);
  for (const auto& p : found->params) out += " " + std::string(p.name) + "=" + std::string(p.value);
  return out;
}

}  // namespace

TEST(RouteMatcher, AnswersAsTheExpressRouterDid) {
  const RouteMatcher m = table();
  struct Case {
    Method method;
    std::string path;
    std::string expected;
  };
  const std::vector<Case> cases{
      {Method::get, "/api/v1/health", "0"},
      {Method::get, "/api/v1/health/", "0"},             // one trailing slash is allowed
      {Method::get, "/api/v1/health//", "none"},         // two are not
      {Method::get, "/API/V1/HEALTH", "none"},           // case matters
      {Method::get, "/api/v1//health", "none"},
      {Method::get, "api/v1/health", "none"},
      {Method::get, "", "none"},
      {Method::get, "/", "none"},
      {Method::post, "/api/v1/health", "none"},          // no such route for POST
      {Method::get, "/api/v1/%68ealth", "none"},         // literals are compared as sent
      {Method::get, "/api/v1/plans/7", "1 id=7"},
      {Method::get, "/api/v1/plans/7/", "1 id=7"},
      {Method::get, "/api/v1/plans/", "none"},           // a parameter is never empty
      {Method::get, "/api/v1/plans/summary", "1 id=summary"},  // routes are tried in order
      {Method::put, "/api/v1/plans/7", "6 id=7"},
      {Method::post, "/api/v1/plans/7/sessions", "3 id=7"},
      {Method::get, "/api/v1/plans/7/sessions", "none"},
      {Method::get, "/api/v1/plans/7/sessions/2", "4 plan_id=7 number=2"},
      {Method::get, "/api/v1/plans/a%2Fb/sessions/%E4%B8%80", "4 plan_id=a%2Fb number=%E4%B8%80"},  // still encoded
      {Method::get, "/api/v1/plans/7/sessions/2/x", "none"},
      {Method::get, "/api/v1/public/certificates/verify", "5"},
      {Method::get, "/api/v1/public/certificates/verify/", "5"},
  };
  for (const auto& c : cases) EXPECT_EQ(answer(m, c.method, c.path), c.expected) << to_string(c.method) << " " << c.path;
}

// A path without parameters found by its exact text must still go to an earlier route that
// takes it, as the scan does.
TEST(RouteMatcher, AnExactPathShadowedByAnEarlierRouteGoesToThatRoute) {
  const RouteMatcher m = table();
  EXPECT_EQ(answer(m, Method::get, "/api/v1/plans/summary"), "1 id=summary");
  RouteMatcher alone;
  alone.add(Method::get, "/api/v1/plans/summary");
  alone.add(Method::get, "/api/v1/plans/:id");
  EXPECT_EQ(answer(alone, Method::get, "/api/v1/plans/summary"), "0");
  EXPECT_EQ(answer(alone, Method::get, "/api/v1/plans/summary/"), "0");
}

// The old router's regular expressions recursed once per character; segments do not.
TEST(RouteMatcher, AVeryLongPathIsMatchedWithoutRecursion) {
  const RouteMatcher m = table();
  EXPECT_EQ(answer(m, Method::get, "/api/v1/plans/" + std::string(1'000'000, 'x')), "1 id=" + std::string(1'000'000, 'x'));
  EXPECT_EQ(answer(m, Method::get, std::string(1'000'000, '/')), "none");
}

// What the express router read as groups, modifiers or regular expressions would be literal
// text here: such a route is refused when the table is built, not matched wrongly.
TEST(RouteMatcher, ARouteOfAnyOtherSyntaxIsRefused) {
  for (const std::string pattern : {"/api/v1/plans/:id?", "/api/v1/plans/:id(\\d+)", "/api/v1/files/*", "/api/v1/a+",
                                    "/api/v1/plans/:", "/api/v1/plans/:id.json", "/api/v1/plans/:plan-id", "api/v1/health"}) {
    RouteMatcher m;
    EXPECT_THROW(m.add(Method::get, pattern), std::invalid_argument) << pattern;
  }
  RouteMatcher m;
  EXPECT_NO_THROW(m.add(Method::get, "/public/certificates/:cert_no/qr.png"));
  EXPECT_NO_THROW(m.add(Method::get, "/api/v1/plans/:plan_id/sessions/:number"));
}

TEST(RouteMatcher, PathParametersAndTheirOpenApiForm) {
  struct Case {
    std::string pattern;
    std::vector<std::string_view> names;
    std::string openapi;
  };
  const std::vector<Case> cases{
      {"/api/v1/health", {}, "/api/v1/health"},
      {"/api/v1/plans/:id", {"id"}, "/api/v1/plans/{id}"},
      {"/api/v1/plans/:plan_id/sessions/:number", {"plan_id", "number"}, "/api/v1/plans/{plan_id}/sessions/{number}"},
      {"/public/certificates/:cert_no/qr.png", {"cert_no"}, "/public/certificates/{cert_no}/qr.png"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(path_parameters(c.pattern), c.names) << c.pattern;
    EXPECT_EQ(openapi_path(c.pattern), c.openapi) << c.pattern;
  }
}

}  // namespace skillreg::http
