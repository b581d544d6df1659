// The front end is served by the same process and port as the API, with SPA fallback.
#include <fstream>

#include "support/fixture.hpp"

namespace skillreg::test {

class StaticFilesServed : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::make_unique<ScratchDatabase>(Backend::sqlite);
    const auto root = db_->dir() / "dist";
    std::filesystem::create_directories(root / "assets");
    std::ofstream(root / "index.html") << "<!doctype html><title>技能人才评价监管系统</title>";
    std::ofstream(root / "assets" / "app-1a2b.js") << "console.log('app')";
    server_ = std::make_unique<ServerProcess>(*db_, false, std::vector<std::string>{"--web-root", root.string()});
  }
  std::unique_ptr<ScratchDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(StaticFilesServed, IndexAssetsAndSpaFallback) {
  HttpClient c(server_->port());
  auto index = c.get("/");
  ASSERT_EQ(index.status, 200);
  EXPECT_EQ(index.header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(index.body.find("技能人才评价监管系统"), std::string::npos);
  EXPECT_EQ(index.header("cache-control"), "no-cache");
  EXPECT_NE(index.header("content-security-policy").find("style-src 'self' 'unsafe-inline'"),
            std::string::npos);

  auto asset = c.get("/assets/app-1a2b.js");
  ASSERT_EQ(asset.status, 200);
  EXPECT_EQ(asset.header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(asset.header("cache-control"), "public, max-age=31536000, immutable");

  auto page = c.get("/institutions/S0000330000001");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body, index.body);
}

TEST_F(StaticFilesServed, MissingFilesTraversalAndApiPathsAreNotPages) {
  HttpClient c(server_->port());
  EXPECT_EQ(c.get("/assets/missing.js").status, 404);
  for (const auto* evil : {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/assets/..%2f..%2fetc%2fpasswd"}) {
    auto r = c.get(evil);
    EXPECT_EQ(r.body.find("root:"), std::string::npos) << evil;
  }
  auto api = c.get("/api/v1/nothing");
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.json()["error"]["code"], "not_found");
  EXPECT_EQ(c.get("/api/v1/health").status, 200);
}

}  // namespace skillreg::test
