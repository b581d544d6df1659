// Identity numbers at rest (issue 9 §6; S21(5) 泄露考生信息): sealed with a key kept outside the
// database and found through a keyed blind index; masked in every answer; shown whole only for a
// reason the audit log keeps; rows from before the change sealed at the next start; a start with
// another key refused. Checked on the database itself, as an attacker with a copy would see it.
#include <gmock/gmock.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "core/clock.hpp"
#include "core/identity_vault.hpp"
#include "core/validators.hpp"
#include "support/fixture.hpp"
#include "support/sql.hpp"

namespace skillreg::test {

namespace {

std::string at(int days, int hour) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02d:00:00+08:00", local_date(SystemClock{}.now()).add_days(days).to_string().c_str(),
                hour);
  return buf;
}

}  // namespace

class IdentityPrivacy : public DemoProvinceTest {
 protected:
  // A plan of inst2's (institution `inst`), at a new exam site in its county: its path.
  std::string new_plan(HttpClient& inst2, nlohmann::json& inst) {
    const auto id = inst2.get("/api/v1/auth/me").json()["user"]["institution_id"].get<std::int64_t>();
    inst = inst2.get("/api/v1/institutions/" + std::to_string(id)).json();
    auto site = inst2.post_json("/api/v1/institutions/" + std::to_string(id) + "/exam-sites",
                                {{"name", "隐私考点"}, {"address", "鄞州大道2号"}, {"region_code", "330212"}});
    EXPECT_EQ(site.status, 201) << site.body;
    auto plan = inst2.post_json("/api/v1/plans", {{"subject_code", inst["scope"][0]["subject_code"]},
                                                  {"level", inst["scope"][0]["levels"][0]}, {"parts", {"theory"}},
                                                  {"exam_site_id", site.json()["id"]}, {"planned_count", 20},
                                                  {"sessions", {{{"part", "theory"}, {"starts_at", at(20, 9)},
                                                                 {"ends_at", at(20, 11)}, {"room", "101"}}}}});
    EXPECT_EQ(plan.status, 201) << plan.body;
    return "/api/v1/plans/" + std::to_string(plan.json().value("id", 0));
  }
};

TEST_P(IdentityPrivacy, S21_5_IdentityNumbersAreSealedIndexedMaskedAndRevealedOnlyWithAReason) {
  auto inst2 = as("inst2");
  nlohmann::json inst;
  const std::string plan_path = new_plan(inst2, inst);
  char first17[18] = "33021219880808456";
  const std::string number = std::string(first17) + identity_check_char(first17);
  auto cand = inst2.post_json(plan_path + "/candidates", {{"identity_no", number}, {"name", "李四"},
                                                          {"education", "college"}, {"years_in_trade", 8}});
  ASSERT_EQ(cand.status, 201) << cand.body;
  const std::string cid = std::to_string(cand.json()["id"].get<int>());

  char examiner17[18] = "33021219700505321";
  const std::string examiner = std::string(examiner17) + identity_check_char(examiner17);
  auto person = inst2.post_json("/api/v1/examiners",
                                {{"identity_no", examiner}, {"name", "赵考评"}, {"phone", "0574-88888888"},
                                 {"qualifications", {{{"subject_code", inst["scope"][0]["subject_code"]},
                                                      {"level", 3}, {"valid_until", "2030-12-31"}}}}});
  ASSERT_EQ(person.status, 201) << person.body;

  // The database holds the index and the sealed number, never the number.
  const auto& vault = test_identity_vault();
  EXPECT_EQ(query_text(*db_, "SELECT identity_index FROM candidates WHERE id = " + cid), vault.index(number));
  const auto sealed = query_text(*db_, "SELECT identity_sealed FROM candidates WHERE id = " + cid);
  EXPECT_EQ(vault.open(sealed), std::optional<std::string>(number));
  for (const char* table : {"candidates", "certificates", "people", "inspectors"}) {
    const std::string t = table;
    EXPECT_EQ(query_text(*db_, "SELECT COUNT(*) FROM " + t + " WHERE identity_index LIKE '%" + number.substr(6, 8) +
                                   "%' OR identity_sealed LIKE '%" + number.substr(6, 8) + "%'"),
              "0")
        << t;
    EXPECT_EQ(query_text(*db_, "SELECT COUNT(*) FROM " + t + " WHERE identity_index <> '' AND (LENGTH(identity_index)"
                                   " <> 32 OR identity_sealed NOT LIKE '1.%')"),
              "0")
        << t << ": every demo row is sealed";
  }
  EXPECT_EQ(query_text(*db_, "SELECT COUNT(*) FROM people WHERE identity_index = '" + vault.index(examiner) + "'"), "1");
  EXPECT_NE(query_text(*db_, "SELECT COUNT(*) FROM certificates"), "0");

  // The same person again on the plan is found through the index.
  EXPECT_EQ(inst2.post_json(plan_path + "/candidates", {{"identity_no", number}, {"name", "李四"},
                                                        {"education", "college"}, {"years_in_trade", 8}})
                .status,
            409);

  // Masked in answers; whole only with a reason, which the audit log keeps.
  const auto listed = inst2.get(plan_path + "/candidates").json();
  ASSERT_EQ(listed["items"].size(), 1u);
  EXPECT_EQ(listed["items"][0]["identity_no"], mask_identity_number(number));
  EXPECT_EQ(inst2.get(plan_path + "/candidates").body.find(number), std::string::npos);
  const std::string reveal = plan_path + "/candidates/" + cid + "/identity";
  EXPECT_EQ(inst2.post_json(reveal, nlohmann::json::object()).status, 400) << "a reason is required";
  EXPECT_EQ(as("xihu").post_json(reveal, {{"reason", "核对考生身份"}}).status, 404) << "another region's plan";
  auto shown = inst2.post_json(reveal, {{"reason", "核对考生身份信息"}});
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_EQ(shown.json()["identity_no"], number);
  const auto trail = as("yinzhou").get("/api/v1/audit?object_type=candidate&object_id=" + cid).json();
  bool kept = false;
  for (const auto& e : trail["items"]) kept |= e["action"] == "candidate.identity_view" && e.dump().find("核对考生身份信息") != std::string::npos;
  EXPECT_TRUE(kept) << trail.dump();
  EXPECT_EQ(trail.dump().find(number), std::string::npos) << "the audit log masks it too";
}

TEST_P(IdentityPrivacy, S21_5_ABatchPartWaitingToBeAppliedIsSealedToo) {
  auto inst2 = as("inst2");
  nlohmann::json inst;
  const std::string plan_path = new_plan(inst2, inst);
  ASSERT_EQ(inst2.post(plan_path + "/publish", "").status, 200);
  char first17[18] = "33021219910909123";
  const std::string number = std::string(first17) + identity_check_char(first17);
  auto batch = inst2.post_json("/api/v1/batches", {{"kind", "candidates"}, {"plan_id", std::stoi(plan_path.substr(14))},
                                                   {"format", "csv"}});
  ASSERT_EQ(batch.status, 201) << batch.body;
  const std::string path = "/api/v1/batches/" + std::to_string(batch.json()["id"].get<int>());
  const std::string part =
      "identity_no,name,education,years_in_trade,prior_level,prior_cert_date,apprenticeship,review\n" + number +
      ",王五,college,8,,,no,admitted\n";
  ASSERT_EQ(inst2.post(path + "/parts", part, {{"Content-Type", "text/csv"}}).status, 200);

  // Uploaded, not yet applied: the part is at rest sealed (bytes on SQLite, text on PostgreSQL;
  // searched byte by byte), and still counted by its size as sent.
  const bool sqlite = GetParam() == Backend::sqlite;
  for (const std::string& clear : {number.substr(6, 8), std::string("identity_no"), std::string("王五")})
    EXPECT_EQ(query_text(*db_, "SELECT COUNT(*) FROM batch_parts WHERE " +
                                   (sqlite ? "instr(content, CAST('" + clear + "' AS BLOB)) > 0"
                                           : "strpos(content, '" + clear + "') > 0")),
              "0")
        << clear;
  EXPECT_EQ(query_text(*db_, "SELECT COUNT(*) FROM batch_parts"), "1");
  EXPECT_EQ(inst2.get(path).json()["bytes"], part.size());

  // Opened again for the rows: the candidate is there, with the number, and the part is gone.
  ASSERT_EQ(inst2.post(path + "/commit", "").status, 202);
  nlohmann::json done = nlohmann::json::object();
  for (int i = 0; i < 300 && done.value("status", "") != "applied" && done.value("status", "") != "refused"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    done = inst2.get(path).json();
  }
  ASSERT_EQ(done["status"], "applied") << done.dump();
  const auto listed = inst2.get(plan_path + "/candidates").json();
  ASSERT_EQ(listed["total"], 1);
  EXPECT_EQ(listed["items"][0]["identity_no"], mask_identity_number(number));
  EXPECT_EQ(query_text(*db_, "SELECT COUNT(*) FROM batch_parts"), "0");
}

TEST_P(IdentityPrivacy, RowsFromBeforeTheChangeAreSealedAtTheNextStartAndAnotherKeyIsRefused) {
  // A person written as before migration 0014: the number itself in the index column.
  char first17[18] = "33010219750101001";
  const std::string number = std::string(first17) + identity_check_char(first17);
  exec_sql(*db_, "INSERT INTO people (kind, identity_index, name, phone, region_code, created_at) VALUES ('examiner', '" +
                     number + "', '王五', '', '330100', 0)");
  const auto daily = run_skillreg({"daily", "--as-of", local_date(SystemClock{}.now()).to_string(), "--force"}, db_->url());
  ASSERT_EQ(daily.exit_code, 0) << daily.output;
  const auto& vault = test_identity_vault();
  EXPECT_EQ(query_text(*db_, "SELECT COUNT(*) FROM people WHERE identity_index = '" + number + "'"), "0");
  const auto sealed = query_text(*db_, "SELECT identity_sealed FROM people WHERE identity_index = '" +
                                           vault.index(number) + "'");
  EXPECT_EQ(vault.open(sealed), std::optional<std::string>(number));

  // Another key would leave every sealed number unreadable: the start is refused, nothing written.
  const auto other = db_->dir() / "other-identity.key";
  const auto refused =
      run_skillreg({"daily", "--as-of", local_date(SystemClock{}.now()).to_string(), "--force"}, db_->url(),
                   {"SKILLREG_IDENTITY_KEY_FILE=" + other.string()});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_THAT(refused.output, ::testing::HasSubstr("identity key does not match"));
  EXPECT_EQ(query_text(*db_, "SELECT key_check FROM identity_key"), vault.key_check());
}

// The check every test's server log goes through (support/server_process.cpp) finds a number
// standing alone and nothing in longer runs of digits.
TEST(IdentityLogCheck, FindsAnIdentityNumberStandingAloneInALogLine) {
  char first17[18] = "33021219880808456";
  const std::string number = std::string(first17) + identity_check_char(first17);
  EXPECT_EQ(identity_numbers_in("[info] candidate " + number + " admitted"), std::vector<std::string>{number});
  EXPECT_TRUE(identity_numbers_in("t=1" + number + "7 id=" + number.substr(0, 17)).empty());
  EXPECT_TRUE(identity_numbers_in("masked " + mask_identity_number(number)).empty());
}

SKILLREG_ON_BOTH_BACKENDS(IdentityPrivacy);

}  // namespace skillreg::test
