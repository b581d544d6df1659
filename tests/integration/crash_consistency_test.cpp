// Crash consistency (issue 9 §4): the server is killed with SIGKILL at moments spread over the
// ingestion of a bulk batch, 20 times, and over case decisions, 20 times. After each restart the
// batch is either wholly present or wholly absent (and then marked interrupted), each case is
// either decided with everything a decision writes or not decided at all, and the audit chain
// verifies.
#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/validators.hpp"
#include "support/fixture.hpp"
#include "support/sql.hpp"

namespace skillreg::test {

namespace {

std::string at(int days, int hour) {
  const Date d = local_date(SystemClock{}.now()).add_days(days);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02d:00:00+08:00", d.to_string().c_str(), hour);
  return buf;
}

// `rows` candidate rows with valid identity numbers, distinct per `round`.
std::string batch_csv(int round, int rows) {
  std::string csv = "identity_no,name,education,years_in_trade,prior_level,prior_cert_date,apprenticeship,review\n";
  for (int i = 0; i < rows; ++i) {
    char first17[24];
    std::snprintf(first17, sizeof first17, "3301061985%02d%02d%03d", 1 + i / 28 % 12, 1 + i % 28, (1 + i / 336 + 10 * round) % 1000);
    first17[17] = '\0';
    csv += std::string(first17) + identity_check_char(first17) + ",考生,college,8,,,no,admitted\n";
  }
  return csv;
}

}  // namespace

class CrashConsistency : public DemoProvinceTest {};

TEST_P(CrashConsistency, ABatchIsWhollyPresentOrWhollyAbsentAfterAKillAndTheAuditChainHolds) {
  constexpr int kRounds = 20, kRows = 3000;
  std::int64_t plan = 0;
  {
    auto inst = as("inst");
    const auto id = inst.get("/api/v1/institutions").json()["items"][0]["id"].get<int>();
    auto site = inst.post_json("/api/v1/institutions/" + std::to_string(id) + "/exam-sites",
                               {{"name", "考点"}, {"address", "文三路1号"}, {"region_code", "330106"}});
    auto p = inst.post_json("/api/v1/plans", {{"subject_code", "4-01-02-01"}, {"level", 4}, {"parts", {"theory"}},
                                              {"exam_site_id", site.json()["id"]}, {"planned_count", 30},
                                              {"sessions", {{{"part", "theory"}, {"starts_at", at(9, 9)}, {"ends_at", at(9, 11)}, {"room", "101"}}}}});
    ASSERT_EQ(p.status, 201) << p.body;
    plan = p.json()["id"].get<std::int64_t>();
  }
  int applied = 0, interrupted = 0;
  for (int round = 0; round < kRounds; ++round) {
    std::int64_t batch = 0;
    {
      auto inst = as("inst");
      auto b = inst.post_json("/api/v1/batches", {{"kind", "candidates"}, {"plan_id", plan}});
      ASSERT_EQ(b.status, 201) << b.body;
      batch = b.json()["id"].get<std::int64_t>();
      auto r = inst.post("/api/v1/batches/" + std::to_string(batch) + "/parts?commit=true", batch_csv(round, kRows));
      ASSERT_EQ(r.status, 202) << r.body;
      // Kill at a moment spread over the work: from at once to well after it could finish.
      std::this_thread::sleep_for(std::chrono::milliseconds(round * 150));
    }
    server_->crash();
    server_ = std::make_unique<ServerProcess>(*db_, false);
    const auto present = query_text(*db_, "SELECT COUNT(*) FROM candidates WHERE batch_id = " + std::to_string(batch));
    const auto status = query_text(*db_, "SELECT status FROM batches WHERE id = " + std::to_string(batch));
    if (status == "applied") {
      EXPECT_EQ(present, std::to_string(kRows)) << "round " << round;
      ++applied;
    } else {
      EXPECT_EQ(present, "0") << "round " << round << " status " << status;
      EXPECT_EQ(status, "interrupted") << "round " << round;
      ++interrupted;
    }
    auto verify = run_skillreg({"audit", "verify"}, db_->url());
    EXPECT_EQ(verify.exit_code, 0) << "round " << round << ": " << verify.output;
  }
  // The spread of kill moments must have caught the batch both unfinished and finished.
  EXPECT_GT(interrupted, 0);
  EXPECT_GT(applied, 0);
  EXPECT_EQ(query_text(*db_, "SELECT COUNT(*) FROM batches WHERE status IN ('queued', 'processing')"), "0");
}

// S23, S24: a decision is one transaction — its status, its date, its measure's effects (here the
// interview scheduled, S19) and its audit entry are written together or not at all.
TEST_P(CrashConsistency, S23_ACaseIsWhollyDecidedOrNotDecidedAfterAKillAndTheAuditChainHolds) {
  constexpr int kRounds = 20;
  const std::string today = local_date(SystemClock{}.now()).to_string();
  std::vector<std::string> cases;
  {
    auto yinzhou = as("yinzhou");
    auto inst2 = as("inst2");
    const auto id = inst2.get("/api/v1/auth/me").json()["user"]["institution_id"].get<std::int64_t>();
    for (int i = 0; i < kRounds; ++i) {
      auto opened = yinzhou.post_json("/api/v1/cases", {{"institution_id", id}, {"items", {"S19(10)"}},
                                                        {"facts", "证书数据逾期未上报（第" + std::to_string(i + 1) + "批）"}});
      ASSERT_EQ(opened.status, 201) << opened.body;
      const std::string path = "/api/v1/cases/" + std::to_string(opened.json()["id"].get<int>());
      ASSERT_EQ(yinzhou.post_json(path + "/propose", {{"reasons", "经查属实"}, {"basis", "《办法》第十九条"}}).status, 200);
      ASSERT_EQ(yinzhou.post_json(path + "/serve", {{"method", "written"}, {"served_on", today}}).status, 200);
      ASSERT_EQ(inst2.post_json(path + "/statements", {{"text", "无异议。"}}).status, 200);
      cases.push_back(path);
    }
  }
  int decided = 0, undecided = 0;
  for (int round = 0; round < kRounds; ++round) {
    const std::string path = cases[std::size_t(round)], id = path.substr(path.rfind('/') + 1);
    {
      auto yinzhou = as("yinzhou");
      std::thread request([&] {
        yinzhou.post_json(path + "/decide", {{"outcome", "upheld"}, {"reasons", "情节轻微，约谈"},
                                             {"interview_on", today}, {"interview_place", "鄞州区人社局"}});
      });
      // Kill at a moment spread over the decision: from at once to after it could finish.
      std::this_thread::sleep_for(std::chrono::milliseconds(round * 4));
      server_->crash();
      request.join();
    }
    server_ = std::make_unique<ServerProcess>(*db_, false);
    const auto status = query_text(*db_, "SELECT status FROM cases WHERE id = " + id);
    const auto written = query_text(*db_, "SELECT COALESCE(decided_on, '') || '|' || COALESCE(interview_on, '') || '|' ||"
                                          " interview_place FROM cases WHERE id = " + id);
    const auto audited = query_text(*db_, "SELECT COUNT(*) FROM audit_log WHERE action = 'case.decide' AND object_id = '" +
                                              id + "'");
    if (status == "decided") {
      EXPECT_EQ(written, today + "|" + today + "|鄞州区人社局") << "round " << round;
      EXPECT_EQ(audited, "1") << "round " << round;
      ++decided;
    } else {
      EXPECT_EQ(status, "served") << "round " << round;
      EXPECT_EQ(written, "||") << "round " << round;
      EXPECT_EQ(audited, "0") << "round " << round;
      ++undecided;
    }
    auto verify = run_skillreg({"audit", "verify"}, db_->url());
    EXPECT_EQ(verify.exit_code, 0) << "round " << round << ": " << verify.output;
  }
  EXPECT_GT(decided, 0);
  EXPECT_GT(undecided, 0);
}

SKILLREG_ON_BOTH_BACKENDS(CrashConsistency);

}  // namespace skillreg::test
