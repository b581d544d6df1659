// Backup and restore (issue 9 §8): a backup taken while the server serves, later writes, the
// server stopped, the backup restored: the database is as it was at the backup, the audit chain
// verifies, and the server serves it again. On SQLite (online backup API) and PostgreSQL
// (pg_dump / pg_restore).
#include <filesystem>

#include "support/fixture.hpp"

namespace skillreg::test {

class Backup : public DemoProvinceTest {
 protected:
  void add_user(HttpClient& province, const std::string& name) {
    auto r = province.post_json("/api/v1/users", {{"username", name}, {"display_name", name}, {"password", "backup-kept-2026"},
                                                  {"role", "examiner"}, {"region_code", "330100"}});
    ASSERT_EQ(r.status, 201) << r.body;
  }
  int users_named(const std::string& name) {
    return as("province").get("/api/v1/users?q=" + name).json()["total"].get<int>();
  }
};

TEST_P(Backup, Issue9_8_ABackupTakenWhileServingRestoresItsMomentWithTheAuditChainIntact) {
  auto province = as("province");
  add_user(province, "beforebackup");
  const auto file = db_->dir() / "skillreg.backup";
  auto backed = run_skillreg({"backup", "--to", file.string()}, db_->url());
  ASSERT_EQ(backed.exit_code, 0) << backed.output;
  ASSERT_TRUE(std::filesystem::exists(file));
  if (GetParam() == Backend::sqlite) {
    EXPECT_NE(run_skillreg({"backup", "--to", file.string()}, db_->url()).exit_code, 0) << "never overwrites";
  }
  add_user(province, "afterbackup");
  ASSERT_EQ(users_named("afterbackup"), 1);

  server_.reset();  // a restore replaces everything: the server is stopped first
  EXPECT_EQ(run_skillreg({"restore", "--from", file.string()}, db_->url()).exit_code, 2) << "asks for --yes";
  auto restored = run_skillreg({"restore", "--from", file.string(), "--yes"}, db_->url());
  ASSERT_EQ(restored.exit_code, 0) << restored.output;
  EXPECT_NE(restored.output.find("audit log valid"), std::string::npos) << restored.output;

  server_ = std::make_unique<ServerProcess>(*db_, false);
  EXPECT_EQ(users_named("beforebackup"), 1);
  EXPECT_EQ(users_named("afterbackup"), 0) << "the later write is gone with the restore";
  auto audit = run_skillreg({"audit", "verify"}, db_->url());
  EXPECT_EQ(audit.exit_code, 0) << audit.output;
  EXPECT_NE(run_skillreg({"restore", "--from", (db_->dir() / "missing").string(), "--yes"}, db_->url()).exit_code, 0);
}

SKILLREG_ON_BOTH_BACKENDS(Backup);

}  // namespace skillreg::test
