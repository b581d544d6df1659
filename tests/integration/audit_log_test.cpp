// The audit log: every change recorded in its transaction, scoped reads, and a hash chain that
// names the first entry edited, deleted or reordered behind the server's back.
#include <fstream>
#include <iterator>

#include "support/fixture.hpp"
#include "support/sql.hpp"

namespace skillreg::test {

class AuditLog : public ServerTest {
 protected:
  // A few audited changes: logins and three new accounts.
  void make_history() {
    auto p = as("province");
    for (const auto* name : {"alpha1", "beta22", "gamma3"}) {
      auto r = p.post_json("/api/v1/users", {{"username", name}, {"display_name", name},
                                             {"password", "history-kept-2026"}, {"role", "examiner"},
                                             {"region_code", "330100"}});
      ASSERT_EQ(r.status, 201) << r.body;
    }
  }
  nlohmann::json verify_api() { return as("province").get("/api/v1/audit/verify").json(); }
};

TEST_P(AuditLog, ChangesAreRecordedWithWhoWhatBeforeAndAfter) {
  auto hz = as("hangzhou");
  auto created = hz.post_json("/api/v1/users", {{"username", "fuyang"}, {"display_name", "富阳区"},
                                                {"password", "fy-district-2026!"}, {"role", "county_officer"},
                                                {"region_code", "330111"}});
  ASSERT_EQ(created.status, 201);
  const auto id = std::to_string(created.json()["id"].get<int>());
  hz.post("/api/v1/users/" + id + "/disable", "");
  auto log = hz.get("/api/v1/audit?object_type=user&object_id=" + id).json();
  ASSERT_EQ(log["total"], 2);
  const auto& disable = log["items"][0];  // newest first
  EXPECT_EQ(disable["action"], "user.disable");
  EXPECT_EQ(disable["actor"]["username"], "hangzhou");
  EXPECT_EQ(disable["before"]["disabled"], false);
  EXPECT_EQ(disable["after"]["disabled"], true);
  EXPECT_EQ(log["items"][1]["action"], "user.create");
  EXPECT_TRUE(log["items"][1]["before"].is_null());
  EXPECT_EQ(log.dump().find("argon2"), std::string::npos) << "password hashes never enter the log";
}

TEST_P(AuditLog, ReadsAreScopedToTheRegion) {
  make_history();  // accounts in 330100 (Hangzhou)
  as("yinzhou");   // a login in 330212
  auto xihu = as("xihu").get("/api/v1/audit?page_size=200").json();
  for (const auto& e : xihu["items"]) EXPECT_EQ(e["region_code"], "330106") << e.dump();
  auto ningbo = as("ningbo").get("/api/v1/audit?page_size=200").json();
  bool saw_yinzhou = false;
  for (const auto& e : ningbo["items"]) {
    EXPECT_TRUE(e["region_code"].get<std::string>().starts_with("3302")) << e.dump();
    saw_yinzhou |= e["actor"]["username"] == "yinzhou";
  }
  EXPECT_TRUE(saw_yinzhou);
  EXPECT_EQ(as("inspector").get("/api/v1/audit").status, 403);
}

TEST_P(AuditLog, OnlyTheProvinceVerifiesTheChain) {
  EXPECT_EQ(as("hangzhou").get("/api/v1/audit/verify").status, 403);
  auto j = verify_api();
  EXPECT_EQ(j["valid"], true);
  EXPECT_GE(j["entries"].get<int>(), 12);  // reference data + 11 demo accounts (+ logins)
  EXPECT_TRUE(j["first_bad"].is_null());
}

TEST_P(AuditLog, TheDatabaseRefusesEditsThroughSql) {
  make_history();
  EXPECT_ANY_THROW(exec_sql(*db_, "UPDATE audit_log SET action = 'x' WHERE seq = 2"));
  EXPECT_ANY_THROW(exec_sql(*db_, "DELETE FROM audit_log WHERE seq = 2"));
  EXPECT_EQ(verify_api()["valid"], true);
}

TEST_P(AuditLog, AnEditAroundTheTriggerIsFoundAndNamed) {
  make_history();
  server_->stop();
  const std::string disable = GetParam() == Backend::sqlite
                                  ? "DROP TRIGGER audit_log_no_update;"
                                  : "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change;";
  exec_sql(*db_, disable + "UPDATE audit_log SET after_json = replace(after_json, 'beta22', 'betaXX') "
                           "WHERE action = 'user.create' AND after_json LIKE '%beta22%'");
  const auto seq = query_text(*db_, "SELECT seq FROM audit_log WHERE after_json LIKE '%betaXX%'");
  ASSERT_FALSE(seq.empty());
  auto r = run_skillreg({"audit", "verify"}, db_->url());
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("first bad entry seq=" + seq + " (hash_mismatch)"), std::string::npos) << r.output;
}

TEST_P(AuditLog, ADeletedEntryIsFoundAndNamed) {
  make_history();
  server_->stop();
  const std::string disable = GetParam() == Backend::sqlite
                                  ? "DROP TRIGGER audit_log_no_delete;"
                                  : "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change;";
  exec_sql(*db_, disable + "DELETE FROM audit_log WHERE seq = 5");
  auto r = run_skillreg({"audit", "verify"}, db_->url());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("first bad entry seq=5 (sequence_gap)"), std::string::npos) << r.output;
}

TEST_P(AuditLog, TheApiReportsTheFirstBadEntry) {
  make_history();
  const std::string disable = GetParam() == Backend::sqlite
                                  ? "DROP TRIGGER audit_log_no_update;"
                                  : "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change;";
  exec_sql(*db_, disable + "UPDATE audit_log SET actor_username = 'nobody' WHERE seq = 3");
  auto j = verify_api();
  EXPECT_EQ(j["valid"], false);
  EXPECT_EQ(j["first_bad"], 3);
  EXPECT_EQ(j["problem"], "hash_mismatch");
}

SKILLREG_ON_BOTH_BACKENDS(AuditLog);

// SQLite only: one byte changed in the database file itself, below SQL and its triggers.
class AuditLogFile : public ServerTest {};

TEST_P(AuditLogFile, ChangingOneByteOfOneRowInTheFileIsFoundAndNamed) {
  auto p = as("province");
  ASSERT_EQ(p.post_json("/api/v1/users", {{"username", "filetamper"}, {"display_name", "x"},
                                          {"password", "history-kept-2026"}, {"role", "examiner"},
                                          {"region_code", "330100"}}).status, 201);
  as("center");  // one more entry after it, so the target is not the chain's head
  const auto seq = query_text(*db_, "SELECT seq FROM audit_log WHERE after_json LIKE '%filetamper%'");
  server_->stop();  // a clean stop checkpoints the WAL into the main file
  ASSERT_EQ(run_skillreg({"audit", "verify"}, db_->url()).exit_code, 0);

  std::string bytes;
  {
    std::ifstream in(db_->sqlite_file(), std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  // The JSON snapshot exists only in that audit row (the users table stores plain columns).
  const std::string fragment = R"("username":"filetamper")";
  const auto at = bytes.find(fragment);
  ASSERT_NE(at, std::string::npos);
  ASSERT_EQ(bytes.find(fragment, at + 1), std::string::npos);
  bytes[at + 12] = 'F';  // "filetamper" → "Filetamper": one byte, same length, same page
  {
    std::ofstream out(db_->sqlite_file(), std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), std::streamsize(bytes.size()));
  }
  auto r = run_skillreg({"audit", "verify"}, db_->url());
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("first bad entry seq=" + seq + " (hash_mismatch)"), std::string::npos) << r.output;
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditLogFile, ::testing::Values(Backend::sqlite),
                         [](const auto&) { return std::string("sqlite"); });

}  // namespace skillreg::test
