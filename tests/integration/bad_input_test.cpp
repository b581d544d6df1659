// Bad input of every kind gets the documented 4xx and error body, changes nothing, and leaves the
// server serving (API.md "Errors": no request ever produces a 5xx because of what the client sent).
#include "support/fixture.hpp"

namespace skillreg::test {

class BadInput : public ServerTest {
 protected:
  void expect_error(const HttpResponse& r, int status, const std::string& code, const std::string& what) {
    EXPECT_EQ(r.status, status) << what << ": " << r.body;
    auto j = r.json();
    ASSERT_TRUE(j.is_object()) << what << ": " << r.body;
    EXPECT_EQ(j["error"]["code"], code) << what;
    EXPECT_TRUE(j["error"]["message"].is_string()) << what;
    EXPECT_TRUE(j["error"]["details"].is_array()) << what;
    EXPECT_EQ(r.header("content-type"), "application/json; charset=utf-8") << what;
  }
};

TEST_P(BadInput, MalformedBodiesAre400WithTheProblemNamed) {
  auto p = as("province");
  const std::string deep = std::string(100, '[') + std::string(100, ']');
  const std::string deep_obj = [] {
    std::string s;
    for (int i = 0; i < 40; ++i) s += R"({"a":)";
    s += "1";
    for (int i = 0; i < 40; ++i) s += "}";
    return s;
  }();
  struct Case {
    std::string name, body, field, problem;
  };
  const std::vector<Case> cases{
      {"broken json", R"({"username": "x",)", "body", "malformed_json"},
      {"not an object", R"(["a","b"])", "body", "must_be_object"},
      {"a bare string", R"("hello")", "body", "must_be_object"},
      {"empty body", "", "body", "empty"},
      {"deep array", deep, "body", "nesting_too_deep"},
      {"deep object", deep_obj, "body", "nesting_too_deep"},
      {"duplicate keys", R"({"username":"a","username":"b","display_name":"x","password":"long-enough-1","role":"examiner","region_code":"330100"})", "username", "duplicate_key"},
      {"invalid utf-8", std::string("{\"username\":\"\xff\xfe\"}"), "body", "malformed_json"},
      {"huge number", R"({"username":"okname","display_name":"x","password":"long-enough-1","role":"examiner","region_code":"330100","institution_id":1e400})", "body", "malformed_json"},
      {"too big integer", R"({"username":"okname","display_name":"x","password":"long-enough-1","role":"examiner","region_code":"330100","institution_id":99999999999999999999})", "institution_id", "must_be_integer"},
      {"fraction for integer", R"({"username":"okname","display_name":"x","password":"long-enough-1","role":"examiner","region_code":"330100","institution_id":1.5})", "institution_id", "must_be_integer"},
      {"wrong type", R"({"username":7,"display_name":"x","password":"long-enough-1","role":"examiner","region_code":"330100"})", "username", "must_be_string"},
      {"unknown field", R"({"username":"okname","display_name":"x","password":"long-enough-1","role":"examiner","region_code":"330100","is_root":true})", "is_root", "unknown_field"},
      {"missing field", R"({"display_name":"x","password":"long-enough-1","role":"examiner","region_code":"330100"})", "username", "required"},
      {"null for required", R"({"username":null,"display_name":"x","password":"long-enough-1","role":"examiner","region_code":"330100"})", "username", "required"},
  };
  for (const auto& c : cases) {
    auto r = p.post("/api/v1/users", c.body);
    expect_error(r, 400, "bad_request", c.name);
    bool named = false;
    const auto body = r.json();
    for (const auto& d : body["error"]["details"])
      named |= d["field"] == c.field && d["problem"] == c.problem;
    EXPECT_TRUE(named) << c.name << ": " << r.body;
  }
  EXPECT_EQ(p.get("/api/v1/users").json()["total"], 11) << "nothing was written";
  EXPECT_EQ(anonymous().get("/api/v1/health").status, 200);
}

TEST_P(BadInput, OversizedBodiesAre413) {
  auto c = anonymous();
  const std::string big = R"({"username":"x","password":")" + std::string(8000, 'a') + "\"}";
  expect_error(c.post("/api/v1/auth/login", big), 413, "payload_too_large", "login over 4 KiB");
  // Over the parser's cap: refused before the body is read, still with the error body, and the
  // rest of what the client sends is read and dropped so that it gets to read the answer.
  auto huge = c.post("/api/v1/auth/login", std::string(9 * 1024 * 1024, 'x'));
  expect_error(huge, 413, "payload_too_large", "login of 9 MiB");
  EXPECT_EQ(huge.json()["error"]["details"][0]["problem"], "max_bytes_8388608");
  EXPECT_EQ(huge.header("connection"), "close");
  EXPECT_EQ(c.get("/api/v1/health").status, 200);
  // Behind sign-in, who asks comes first: an anonymous client is told to sign in, not the limit.
  const std::string part(7 * 1024 * 1024, 'x');  // over the route's 6 MiB, under the parser's cap
  expect_error(c.post("/api/v1/batches/1/parts", part), 401, "unauthenticated", "anonymous part over 6 MiB");
  expect_error(as("inst").post("/api/v1/batches/1/parts", part), 413, "payload_too_large", "signed-in part over 6 MiB");
}

TEST_P(BadInput, A2GBUploadIsAnsweredAt413AtOnceAndTheServerKeepsServing) {
  auto c = anonymous();
  // The head announces 2 GiB; the answer comes after the first MiB, before the client is done.
  auto r = c.post_announcing("/api/v1/auth/login", 2ULL * 1024 * 1024 * 1024, std::string(1024 * 1024, 'x'));
  expect_error(r, 413, "payload_too_large", "2 GiB announced");
  // Sent in chunks, with no length announced: refused once the chunks pass the cap.
  std::string chunked = "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 10; ++i) chunked += "100000\r\n" + std::string(0x100000, 'x') + "\r\n";
  expect_error(c.raw(chunked), 413, "payload_too_large", "10 MiB in chunks");
  for (int i = 0; i < 3; ++i) EXPECT_EQ(c.get("/api/v1/health").status, 200);
}

TEST_P(BadInput, PathsQueriesAndRoutes) {
  auto p = as("province");
  expect_error(p.get("/api/v1/users/abc"), 404, "not_found", "non-numeric id");
  expect_error(p.get("/api/v1/users/-1"), 404, "not_found", "negative id");
  expect_error(p.get("/api/v1/users/99999999999999999999999"), 404, "not_found", "overflowing id");
  expect_error(p.get("/api/v1/users/%zz"), 400, "bad_request", "bad percent encoding");
  expect_error(p.get("/api/v1/users/%"), 400, "bad_request", "truncated percent encoding");
  expect_error(p.get("/api/v1/nothing-here"), 404, "not_found", "unknown route");
  expect_error(p.request("DELETE", "/api/v1/health", "", {}), 404, "not_found", "wrong method");
  expect_error(p.get("/api/v1/users?page=1&page=2"), 400, "bad_request", "repeated parameter");
  expect_error(p.get("/api/v1/users?sort=;DROP%20TABLE%20users"), 400, "bad_request", "unknown parameter");
  expect_error(p.get("/api/v1/users?q=" + std::string(300, 'a')), 422, "validation_failed", "long search");
  auto injection = p.get("/api/v1/users?q=%27%20OR%201%3D1%20--");
  EXPECT_EQ(injection.status, 200);
  EXPECT_EQ(injection.json()["total"], 0);
  EXPECT_EQ(p.get("/api/v1/users").json()["total"], 11);
}

TEST_P(BadInput, RawProtocolGarbageDoesNotHurtTheServer) {
  auto c = anonymous();
  for (const std::string& junk : {std::string("GARBAGE\r\n\r\n"),
                                 std::string("GET /api/v1/health HTTP/9.9\r\nConnection: close\r\n\r\n"),
                                 std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11),
                                 std::string("POST /api/v1/auth/login HTTP/1.1\r\nContent-Length: -5\r\n\r\n")}) {
    auto r = c.raw(junk);
    EXPECT_LT(r.status, 500) << junk;  // refused, answered or dropped: never a server error
  }
  // What the HTTP parser cannot read is answered with the API's error, not a silent close.
  auto garbage = c.raw("GARBAGE\r\n\r\n");
  expect_error(garbage, 400, "bad_request", "not HTTP");
  EXPECT_EQ(garbage.json()["error"]["details"][0]["problem"], "malformed_http");
  auto long_header = c.raw("GET /api/v1/health HTTP/1.1\r\nX-Big: " + std::string(100 * 1024, 'a') + "\r\n\r\n");
  expect_error(long_header, 400, "bad_request", "a 100 KiB header");
  EXPECT_EQ(long_header.json()["error"]["details"][0]["field"], "headers");
  EXPECT_EQ(c.get("/api/v1/health").status, 200);
}

TEST_P(BadInput, ErrorsSpeakEnglishWhenAsked) {
  auto c = anonymous();
  auto zh = c.get("/api/v1/users");
  auto en = c.get("/api/v1/users", {{"Accept-Language", "en-GB,en;q=0.9"}});
  EXPECT_EQ(zh.json()["error"]["message"], "请先登录");
  EXPECT_EQ(en.json()["error"]["message"], "Please sign in first");
  // Both languages ride along, for a page that switches language with the error on screen.
  for (const auto* r : {&zh, &en}) {
    EXPECT_EQ(r->json()["error"]["messages"]["zh"], "请先登录");
    EXPECT_EQ(r->json()["error"]["messages"]["en"], "Please sign in first");
  }
}

TEST_P(BadInput, EveryAnswerCarriesTheSecurityHeaders) {
  auto r = anonymous().get("/api/v1/health");
  EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(r.header("x-frame-options"), "DENY");
  EXPECT_NE(r.header("content-security-policy").find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_FALSE(r.header("x-request-id").empty());
  EXPECT_EQ(r.header("cache-control"), "no-store");
  EXPECT_TRUE(r.header("date").ends_with(" GMT")) << r.header("date");
}

SKILLREG_ON_BOTH_BACKENDS(BadInput);

}  // namespace skillreg::test
