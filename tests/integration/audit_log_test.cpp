// The audit log: every change recorded in its transaction, scoped reads, and a hash chain that
// names the first entry edited, deleted or reordered behind the server's back.
#include <atomic>
#include <fstream>
#include <iterator>
#include <set>
#include <thread>

#include "core/clock.hpp"
#include "core/date.hpp"

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

// The chain is checked while changes are being recorded: the check reads the entries and then the
// head, and on PostgreSQL an entry committed between the two passed for a break in the chain.
TEST_P(AuditLog, Security_TheChainVerifiesWhileEntriesAreAppended) {
  auto created = as("province").post_json("/api/v1/users", {{"username", "busy"}, {"display_name", "busy"},
                                                             {"password", "history-kept-2026"}, {"role", "examiner"},
                                                             {"region_code", "330100"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string account = "/api/v1/users/" + std::to_string(created.json()["id"].get<int>());
  std::atomic<bool> done{false};
  std::thread writer([&] {  // each step one entry, without the cost of hashing a password
    auto p = as("province");
    for (int i = 0; i < 60; ++i) p.post(account + (i % 2 ? "/enable" : "/disable"), "");
    done = true;
  });
  auto p = as("province");
  int checks = 0, broken = 0;
  while (!done) {
    auto v = p.get("/api/v1/audit/verify").json();
    ++checks;
    if (v["valid"] != true) ++broken;
  }
  writer.join();
  EXPECT_GT(checks, 5);
  EXPECT_EQ(broken, 0) << "of " << checks << " checks";
  EXPECT_EQ(verify_api()["valid"], true);
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

// What an institution reads of the audit log: the entries of its own records, not the ones that
// would tell it what it must not know yet. A covert inspection (S10(2) 暗访) and a case still in
// draft showed in its audit log before, tipping off the visit; complaints (S17) and key sampling
// (S14(2)) are the authorities' work.
class InstitutionAudit : public DemoProvinceTest {};

TEST_P(InstitutionAudit, S10_2_S23_AnInstitutionsAuditLogHidesCovertVisitsDraftCasesAndComplaints) {
  auto p = as("province");
  nlohmann::json home;  // inst's institution, supervised by 杭州市
  for (const auto& i : p.get("/api/v1/institutions?page_size=100").json()["items"])
    if (i["region_code"] == "330106" && i["authority_code"] == "330100") home = i;
  ASSERT_FALSE(home.is_null());
  auto hz = as("hangzhou");
  const std::string later = local_date(SystemClock{}.now()).add_days(10).to_string();
  const auto inspection = [&](const char* mode) {
    auto r = hz.post_json("/api/v1/inspections", {{"institution_id", home["id"]}, {"kind", "special"}, {"mode", mode},
                                                  {"scheduled_on", later}, {"checklist", {"S9(3)-2"}}});
    EXPECT_EQ(r.status, 201) << r.body;
    return std::to_string(r.json().value("id", 0));
  };
  const std::string covert = inspection("onsite_covert"), overt = inspection("document_review");
  auto opened = hz.post_json("/api/v1/cases", {{"institution_id", home["id"]}, {"items", {"S19(10)"}},
                                              {"facts", "证书数据逾期报送"}});
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string case_id = std::to_string(opened.json()["id"].get<int>());
  auto complaint = anonymous().post_json("/api/v1/public/complaints", {{"institution_code", home["code"]},
                                                                       {"category", "fees"},
                                                                       {"content", "考试收费高于公示的收费标准"}});
  ASSERT_EQ(complaint.status, 201) << complaint.body;
  ASSERT_NE(query_text(*db_, "SELECT COUNT(*) FROM audit_log WHERE object_type = 'complaint' AND institution_id = " +
                                 home["id"].dump()),
            "0");
  auto inst = as("inst");
  const auto seen = [&] {
    std::set<std::string> out;
    for (const auto& e : inst.get("/api/v1/audit?page_size=200").json()["items"])
      out.insert(e["object_type"].get<std::string>() + ":" + e["object_id"].get<std::string>());
    return out;
  };
  auto before = seen();
  EXPECT_TRUE(before.contains("inspection:" + overt));
  EXPECT_FALSE(before.contains("inspection:" + covert)) << "S10(2): the covert visit is not announced";
  EXPECT_FALSE(before.contains("case:" + case_id)) << "a draft case is the authority's";
  for (const auto& e : before) EXPECT_NE(e.rfind("complaint:", 0), 0u) << e;
  EXPECT_EQ(inst.get("/api/v1/audit?object_type=inspection&object_id=" + covert).json()["total"], 0);
  // Proposed, the case is the institution's to answer (S23 告知): its entries show.
  ASSERT_EQ(hz.post_json("/api/v1/cases/" + case_id + "/propose", {{"reasons", "逾期"}, {"basis", "S19(10)"}}).status,
            200);
  EXPECT_TRUE(seen().contains("case:" + case_id));
}

SKILLREG_ON_BOTH_BACKENDS(InstitutionAudit);

}  // namespace skillreg::test
