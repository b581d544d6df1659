// The OpenAPI document describes exactly the routes the server answers.
#include <regex>

#include "support/fixture.hpp"

namespace skillreg::test {

class OpenApi : public ServerTest {};

TEST_P(OpenApi, EveryDocumentedOperationIsRoutedAndUnknownOnesAreNot) {
  auto c = as("province");
  auto doc = c.get("/api/v1/openapi.json");
  ASSERT_EQ(doc.status, 200);
  auto j = doc.json();
  EXPECT_EQ(j["openapi"], "3.1.0");
  int operations = 0;
  for (const auto& [path, ops] : j["paths"].items()) {
    const std::string target = std::regex_replace(path, std::regex("\\{[^}]+\\}"), "1");
    for (const auto& [method, op] : ops.items()) {
      ++operations;
      std::string m = method;
      for (auto& ch : m) ch = char(std::toupper(ch));
      if (target == "/api/v1/auth/logout" || target == "/api/v1/auth/password") continue;  // would end the session
      auto r = c.request(m, target, m == "GET" ? "" : "{}", {});
      auto body = r.json();
      const bool fallback = r.status == 404 && body.is_object() &&
                            body["error"]["details"].dump().find("no_such_route") != std::string::npos;
      EXPECT_FALSE(fallback) << m << " " << path << " is documented but not routed";
      EXPECT_LT(r.status, 500) << m << " " << path << ": " << r.body;
    }
  }
  EXPECT_GE(operations, 17);
  auto unknown = c.get("/api/v1/not-documented");
  EXPECT_NE(unknown.json()["error"]["details"].dump().find("no_such_route"), std::string::npos);
}

TEST_P(OpenApi, MarksWhichOperationsNeedASession) {
  auto j = anonymous().get("/api/v1/openapi.json").json();
  EXPECT_FALSE(j["paths"]["/api/v1/health"]["get"].contains("security"));
  EXPECT_TRUE(j["paths"]["/api/v1/users/{id}"]["get"].contains("security"));
  EXPECT_EQ(j["paths"]["/api/v1/users/{id}"]["get"]["parameters"][0]["name"], "id");
}

TEST_P(OpenApi, TheDocsPageListsTheSameOperations) {
  auto page = anonymous().get("/api/docs");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
  auto j = anonymous().get("/api/v1/openapi.json").json();
  for (const auto& [path, ops] : j["paths"].items()) {
    const std::string express = std::regex_replace(path, std::regex("\\{([^}]+)\\}"), ":$1");
    EXPECT_NE(page.body.find(express), std::string::npos) << path;
  }
}

SKILLREG_ON_BOTH_BACKENDS(OpenApi);

}  // namespace skillreg::test
