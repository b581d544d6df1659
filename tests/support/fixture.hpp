#pragma once
// The integration-test fixture: each test gets a fresh database with the demo accounts and its
// own `skillreg serve`, on SQLite and on PostgreSQL (INSTANTIATE with SKILLREG_ON_BOTH_BACKENDS).
#include <gtest/gtest.h>

#include <memory>

#include "support/http_client.hpp"
#include "support/server_process.hpp"

namespace skillreg::test {

class ServerTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<ScratchDatabase>(GetParam());
    server_ = std::make_unique<ServerProcess>(*db_);
  }
  void TearDown() override {
    server_.reset();
    db_.reset();
  }

  HttpClient anonymous() const { return HttpClient(server_->port()); }
  HttpClient as(const std::string& username) const {
    HttpClient c(server_->port());
    c.set_token(login(c, username));
    return c;
  }

  std::unique_ptr<ScratchDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
};

// The same with the sample registry of `skillreg demo`: `inst` (a social organisation in 西湖区,
// 4-01-02-01 levels 5–3) and `inst2` (an employer in 鄞州区, 6-31-01-03 levels 5–2) are active.
class DemoProvinceTest : public ServerTest {
 protected:
  void SetUp() override {
    db_ = std::make_unique<ScratchDatabase>(GetParam());
    server_ = std::make_unique<ServerProcess>(*db_, true, std::vector<std::string>{}, true);
  }
  // The same database served as if `days` days had passed (the exam held, a publicity run).
  void restart_at(int days, std::vector<std::string> env = {}) {
    server_.reset();
    env.push_back("SKILLREG_CLOCK_OFFSET_DAYS=" + std::to_string(days));
    server_ = std::make_unique<ServerProcess>(*db_, false, std::vector<std::string>{}, false, std::move(env));
  }
};

}  // namespace skillreg::test

#define SKILLREG_ON_BOTH_BACKENDS(Suite)                                                 \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite,                                                \
                           ::testing::ValuesIn(::skillreg::test::all_backends()),          \
                           [](const ::testing::TestParamInfo<::skillreg::Backend>& info) { \
                             return std::string(::skillreg::to_string(info.param));       \
                           })
