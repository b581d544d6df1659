// Digital monitoring end to end (S13, S14): a plan's score names the records behind each
// deduction and follows the plan's records as they change; the policy is versioned and only the
// province edits it; the key-sampling queue is worked by the plan's area; the detectors find what
// a synthetic province injected; institutions get a rolling score, a rank and stars.
#include <chrono>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "app/bootstrap.hpp"
#include "app/monitoring_service.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/validators.hpp"
#include "store/monitoring_repo.hpp"
#include "support/fixture.hpp"
#include "support/values.hpp"
#include "support/sql.hpp"

namespace skillreg::test {

namespace {

std::string at_day(int days, int hour) { return local_time_in(days, hour); }

std::string identity(int seq) { return identity_number("33010619850101", seq); }

bool has_deduction(const nlohmann::json& score, const std::string& indicator) {
  if (!score.contains("deductions")) return false;
  for (const auto& d : score["deductions"])
    if (d.value("indicator", "") == indicator) return true;
  return false;
}

// Polls `get` until `done` holds (the re-scorer works in the background); the last answer.
template <class Get, class Done>
nlohmann::json wait_for(Get get, Done done) {
  nlohmann::json last = nlohmann::json::object();
  for (int i = 0; i < 300; ++i) {
    last = get();
    if (done(last)) return last;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return last;
}

}  // namespace

class Monitoring : public DemoProvinceTest {
 protected:
  // A published plan of `inst` (西湖区) nine days ahead; returns its id.
  std::int64_t published_plan(HttpClient& inst) {
    const auto me = inst.get("/api/v1/institutions").json()["items"][0]["id"].get<std::int64_t>();
    auto site = inst.post_json("/api/v1/institutions/" + std::to_string(me) + "/exam-sites",
                               {{"name", "监测考点"}, {"address", "文三路1号"}, {"region_code", "330106"}});
    EXPECT_EQ(site.status, 201) << site.body;
    auto plan = inst.post_json(
        "/api/v1/plans", {{"subject_code", "4-01-02-01"},
                          {"level", 4},
                          {"parts", {"theory"}},
                          {"exam_site_id", site.json().value("id", 0)},
                          {"planned_count", 30},
                          {"sessions", {{{"part", "theory"}, {"starts_at", at_day(9, 9)}, {"ends_at", at_day(9, 11)}, {"room", "101"}}}}});
    EXPECT_EQ(plan.status, 201) << plan.body;
    const auto id = plan.json().value("id", std::int64_t{0});
    EXPECT_EQ(inst.post("/api/v1/plans/" + std::to_string(id) + "/publish", "").status, 200);
    return id;
  }

  // An admitted candidate who meets no route of the level-4 conditions (S19(2)).
  std::int64_t ineligible_candidate(HttpClient& inst, std::int64_t plan, int seq) {
    auto r = inst.post_json("/api/v1/plans/" + std::to_string(plan) + "/candidates",
                            {{"identity_no", identity(seq)}, {"name", "张三"}, {"education", "junior_high"},
                             {"years_in_trade", 1}, {"review", "admitted"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", std::int64_t{0});
  }
};

TEST_P(Monitoring, S14_1_APlanScoreNamesTheRecordsOfEachDeductionAndFollowsItsRecords) {
  auto inst = as("inst");
  const auto plan = published_plan(inst);
  const std::string path = "/api/v1/monitoring/plans/" + std::to_string(plan);
  auto xihu = as("xihu");
  auto first = xihu.get(path);
  ASSERT_EQ(first.status, 200) << first.body;
  const auto score = first.json();
  for (const char* key : {"plan_validity", "qualification_accuracy", "question_usage", "personnel_compliance",
                          "result_authenticity", "traceability", "overall", "policy_version", "deductions"})
    EXPECT_TRUE(score.contains(key)) << key;
  EXPECT_FALSE(has_deduction(score, "ineligible_admitted"));

  // S19(2): an ineligible candidate admitted: the plan is re-scored without being asked.
  const auto candidate = ineligible_candidate(inst, plan, 1);
  const auto rescored = wait_for([&] { return xihu.get(path).json(); },
                                 [](const nlohmann::json& s) { return has_deduction(s, "ineligible_admitted"); });
  ASSERT_TRUE(has_deduction(rescored, "ineligible_admitted")) << rescored.dump();
  for (const auto& d : rescored["deductions"])
    if (d["indicator"] == "ineligible_admitted") {
      EXPECT_EQ(d["article"], "S19(2)");
      EXPECT_TRUE(d["critical"].get<bool>());
      EXPECT_EQ(d["records"], nlohmann::json::array({"candidate:" + std::to_string(candidate)}));
      EXPECT_GT(d["amount"].get<double>(), 0);
      EXPECT_FALSE(d["text_zh"].get<std::string>().empty());
    }
  EXPECT_LT(rescored["qualification_accuracy"].get<double>(), 100);
  EXPECT_TRUE(rescored["critical"].get<bool>());

  // The institution itself reads its plan's score; other regions and institutions get 404.
  EXPECT_EQ(inst.get(path).status, 200);
  EXPECT_EQ(as("ningbo").get(path).status, 404);
  EXPECT_EQ(as("inst2").get(path).status, 404);
  EXPECT_EQ(anonymous().get(path).status, 401);
}

// S14(1): candidates added by a batch mark their plan for re-scoring too (once per plan of the
// batch since migration 0017, not by a trigger per row): the score follows the batch.
TEST_P(Monitoring, S14_1_ABatchOfCandidatesHasItsPlanRescored) {
  auto inst = as("inst");
  const auto plan = published_plan(inst);
  const std::string path = "/api/v1/monitoring/plans/" + std::to_string(plan);
  auto xihu = as("xihu");
  ASSERT_EQ(xihu.get(path).status, 200);
  const auto ineligible_records = [](const nlohmann::json& s) {
    for (const auto& d : s.value("deductions", nlohmann::json::array()))
      if (d.value("indicator", "") == "ineligible_admitted") return d["records"].size();
    return std::size_t{0};
  };
  // One candidate added alone first: once its deduction shows, every earlier mark was consumed.
  ineligible_candidate(inst, plan, 21);
  auto first = wait_for([&] { return xihu.get(path).json(); },
                        [&](const nlohmann::json& s) { return ineligible_records(s) == 1; });
  ASSERT_EQ(ineligible_records(first), 1u) << first.dump();

  auto opened = inst.post_json("/api/v1/batches", {{"kind", "candidates"}, {"plan_id", plan}, {"format", "csv"}});
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string batch = "/api/v1/batches/" + std::to_string(opened.json()["id"].get<std::int64_t>());
  const std::string csv = "identity_no,name,education,years_in_trade,prior_level,prior_cert_date,apprenticeship,review\n" +
                          identity(22) + ",李四,junior_high,1,,,no,admitted\n" + identity(23) + ",王五,junior_high,1,,,no,pending\n";
  auto part = inst.post(batch + "/parts?commit=true", csv, {{"Content-Type", "text/csv"}});
  ASSERT_LT(part.status, 300) << part.body;
  const auto applied = wait_for([&] { return inst.get(batch).json(); },
                                [](const nlohmann::json& b) {
                                  const auto status = b.value("status", "");
                                  return status == "applied" || status == "refused" || status == "interrupted";
                                });
  ASSERT_EQ(applied.value("status", ""), "applied") << applied.dump();
  const auto rescored = wait_for([&] { return xihu.get(path).json(); },
                                 [&](const nlohmann::json& s) { return ineligible_records(s) == 2; });
  EXPECT_EQ(ineligible_records(rescored), 2u) << rescored.dump();
}

// S18(2), S14(1): recording refuses a score before its part's exam began, so such a score can only
// come from records written around the API (an import, a legacy system): the monitoring finds it.
TEST_P(Monitoring, S18_2_S14_1_AScoreRecordedBeforeTheExamBeganIsFlaggedAndOnlyThatOne) {
  auto inst = as("inst");
  const auto plan = published_plan(inst);
  const std::string base = "/api/v1/plans/" + std::to_string(plan);
  std::vector<std::int64_t> ids;
  for (int seq : {31, 32}) {
    auto c = inst.post_json(base + "/candidates", {{"identity_no", identity(seq)}, {"name", "考生"},
                                                   {"education", "high_school"}, {"years_in_trade", 7},
                                                   {"review", "admitted"}});
    ASSERT_EQ(c.status, 201) << c.body;
    ids.push_back(c.json()["id"].get<std::int64_t>());
  }
  restart_at(10);  // the exam was yesterday
  inst = as("inst");
  auto scored = inst.post_json(base + "/scores", {{"items", {{{"candidate_id", ids[0]}, {"part", "theory"}, {"score", 75}},
                                                             {{"candidate_id", ids[1]}, {"part", "theory"}, {"score", 82}}}}});
  ASSERT_EQ(scored.status, 200) << scored.body;
  // The first candidate's score as an import would have left it: recorded the day before the exam.
  const std::string starts = query_text(*db_, "SELECT starts_at FROM plan_sessions WHERE plan_id = " + std::to_string(plan));
  exec_sql(*db_, "UPDATE scores SET recorded_at = " + std::to_string(std::stoll(starts) - 86400) +
                     " WHERE candidate_id = " + std::to_string(ids[0]));

  auto xihu = as("xihu");
  const auto path = "/api/v1/monitoring/plans/" + std::to_string(plan);
  const auto score = wait_for([&] { return xihu.get(path).json(); },
                              [](const nlohmann::json& s) { return has_deduction(s, "score_before_exam"); });
  ASSERT_TRUE(has_deduction(score, "score_before_exam")) << score.dump();
  for (const auto& d : score["deductions"])
    if (d["indicator"] == "score_before_exam") {
      EXPECT_EQ(d["article"], "S18(2)");
      EXPECT_TRUE(d["critical"].get<bool>());
      EXPECT_EQ(d["records"], nlohmann::json::array({"candidate:" + std::to_string(ids[0])}));
      EXPECT_EQ(d["amount"].get<double>(), 20);
    }
  EXPECT_TRUE(score["critical"].get<bool>());
}

TEST_P(Monitoring, S14_2_ACriticalPlanEntersTheSamplingQueueWorkedByItsArea) {
  auto inst = as("inst");
  const auto plan = published_plan(inst);
  ineligible_candidate(inst, plan, 2);
  auto hz = as("hangzhou");
  const auto queue = wait_for([&] { return hz.get("/api/v1/monitoring/sampling?status=open").json(); },
                              [&](const nlohmann::json& q) {
                                for (const auto& i : q.value("items", nlohmann::json::array()))
                                  if (i["plan_id"] == plan) return true;
                                return false;
                              });
  nlohmann::json item;
  for (const auto& i : queue.value("items", nlohmann::json::array()))
    if (i["plan_id"] == plan) item = i;
  ASSERT_TRUE(item.is_object()) << queue.dump();
  EXPECT_EQ(item["reason"], "critical");
  EXPECT_EQ(item["article"], "S14(2)");
  EXPECT_NE(item["indicators"].get<std::string>().find("ineligible_admitted"), std::string::npos);
  // Another city's officials do not see it and cannot work it.
  auto ningbo = as("ningbo");
  const auto theirs = ningbo.get("/api/v1/monitoring/sampling").json();
  for (const auto& i : theirs["items"]) EXPECT_NE(i["plan_id"], plan);
  const std::string outcome = "/api/v1/monitoring/sampling/" + std::to_string(item["id"].get<std::int64_t>()) + "/outcome";
  EXPECT_EQ(ningbo.post_json(outcome, {{"action", "recheck"}, {"outcome", "confirmed"}, {"note", "x"}}).status, 404);
  EXPECT_EQ(inst.post_json(outcome, {{"action", "recheck"}, {"outcome", "confirmed"}, {"note", "x"}}).status, 403);
  EXPECT_EQ(as("hangzhou").get("/api/v1/monitoring/sampling?status=maybe").status, 422);
  auto bad = hz.post_json(outcome, {{"action", "guess"}, {"outcome", "confirmed"}, {"note", ""}});
  EXPECT_EQ(bad.status, 422) << bad.body;
  auto done = hz.post_json(outcome, {{"action", "recheck"}, {"outcome", "confirmed"}, {"note", "资格复核：工作年限不足"}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json()["status"], "done");
  EXPECT_EQ(done.json()["outcome"], "confirmed");
  EXPECT_EQ(hz.post_json(outcome, {{"action", "recheck"}, {"outcome", "cleared"}, {"note", "again"}}).status, 409);
}

TEST_P(Monitoring, S13_S14_ThePolicyIsVersionedEditedByTheProvinceAndABadOneIsRefused) {
  auto province = as("province");
  auto current = province.get("/api/v1/monitoring/policy");
  ASSERT_EQ(current.status, 200) << current.body;
  EXPECT_EQ(current.json()["version"], 1);
  auto policy = current.json()["policy"];

  // Weights that do not add up, a negative threshold, an unknown indicator: 422, policy unchanged.
  auto bad = policy;
  bad["weights"]["plan_validity"] = 0.9;
  bad["pass_rate_z_threshold"] = -1;
  bad["indicators"] = {{"no_such_indicator", {{"deduction_per_case", 1}, {"max_deduction", 2}}}};
  auto refused = province.put_json("/api/v1/monitoring/policy", {{"policy", bad}});
  ASSERT_EQ(refused.status, 422) << refused.body;
  std::set<std::string> fields;
  const auto problems = refused.json();
  for (const auto& d : problems["error"]["details"]) fields.insert(d["field"].get<std::string>());
  EXPECT_TRUE(fields.contains("weights"));
  EXPECT_TRUE(fields.contains("pass_rate_z_threshold"));
  EXPECT_TRUE(fields.contains("indicators.no_such_indicator"));
  EXPECT_EQ(province.get("/api/v1/monitoring/policy").json()["version"], 1);

  // A city may read the policy but not change it.
  EXPECT_EQ(as("hangzhou").get("/api/v1/monitoring/policy").status, 200);
  EXPECT_EQ(as("hangzhou").put_json("/api/v1/monitoring/policy", {{"policy", policy}}).status, 403);
  EXPECT_EQ(as("inst").get("/api/v1/monitoring/policy").status, 403);

  // A plan scored under version 1 keeps it until a recompute is asked for.
  auto inst = as("inst");
  const auto plan = published_plan(inst);
  const std::string path = "/api/v1/monitoring/plans/" + std::to_string(plan);
  ASSERT_EQ(province.get(path).json()["policy_version"], 1);
  auto edited = policy;
  edited["sampling_share"] = 0.5;
  auto created = province.put_json("/api/v1/monitoring/policy", {{"policy", edited}, {"note", "抽查比例调整"}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["version"], 2);
  EXPECT_EQ(province.get("/api/v1/monitoring/policy").json()["policy"]["sampling_share"], 0.5);
  EXPECT_EQ(province.get("/api/v1/monitoring/policy?version=1").json()["policy"]["sampling_share"], 0.2);
  EXPECT_EQ(province.get(path).json()["policy_version"], 1) << "an edit never rewrites old scores by itself";

  auto run = province.post("/api/v1/monitoring/runs", "");
  ASSERT_EQ(run.status, 202) << run.body;
  const std::string run_path = "/api/v1/monitoring/runs/" + std::to_string(run.json()["id"].get<std::int64_t>());
  const auto finished = wait_for([&] { return province.get(run_path).json(); },
                                 [](const nlohmann::json& r) { return r.value("status", "") != "running"; });
  ASSERT_EQ(finished.value("status", ""), "done") << finished.dump();
  EXPECT_EQ(finished["policy_version"], 2);
  EXPECT_GE(finished["total"].get<int>(), 1);
  EXPECT_EQ(finished["done"], finished["total"]);
  EXPECT_EQ(province.get(path).json()["policy_version"], 2);
  EXPECT_EQ(as("hangzhou").post("/api/v1/monitoring/runs", "").status, 403);
}

SKILLREG_ON_BOTH_BACKENDS(Monitoring);

// The detectors against the ground truth of a synthetic province (docs/monitoring.md): every
// injected kind is found with recall ≥ 0.95 and precision ≥ 0.9 at the default policy.
class MonitoringAccuracy : public ::testing::TestWithParam<Backend> {};

// The monitoring service in this process, on a database the command line built.
struct InProcessMonitoring {
  explicit InProcessMonitoring(const ScratchDatabase& scratch)
      : db(prepared(scratch, clock)), ctx(make_context(*db, clock, AccountPolicy{})), monitoring(*ctx, ActivityPolicy{}) {}
  static std::unique_ptr<Database> prepared(const ScratchDatabase& scratch, const Clock& clock) {
    crypto::init();
    auto db = Database::open(scratch.url(), 2);
    prepare_database(*db, clock);
    return db;
  }
  SystemClock clock;
  std::unique_ptr<Database> db;
  std::unique_ptr<AppContext> ctx;
  MonitoringService monitoring;
};

TEST_P(MonitoringAccuracy, S14_1_EveryInjectedKindIsFoundWithRecallAndPrecisionOnTarget) {
  ScratchDatabase db(GetParam());
  auto demo = run_skillreg({"demo", "--scale", "2500", "--seed", "20220420"}, db.url());
  ASSERT_EQ(demo.exit_code, 0) << demo.output;
  EXPECT_NE(demo.output.find("plans scored with policy version 1"), std::string::npos) << demo.output;
  auto r = run_skillreg({"monitor", "--accuracy", "--json"}, db.url());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto line = r.output.substr(r.output.rfind('['));
  const auto kinds = nlohmann::json::parse(line);
  ASSERT_EQ(kinds.size(), 7u) << r.output;
  for (const auto& k : kinds) {
    const std::string kind = k["kind"];
    EXPECT_GT(k["injected"].get<int>(), 0) << kind << " was not injected: the test would prove nothing";
    EXPECT_GE(k["recall"].get<double>(), 0.95) << kind;
    EXPECT_GE(k["precision"].get<double>(), 0.9) << kind;
  }
  // S13: the demo rates institutions and the server shows their rolling score, rank and stars.
  EXPECT_NE(query_text(db, "SELECT COUNT(*) FROM institution_ratings"), "0");
  EXPECT_NE(query_text(db, "SELECT COUNT(*) FROM sampling_queue WHERE reason = 'critical'"), "0");
  // A synthetic institution (the demo registry's plans are few and not yet held).
  const std::string inst_id = query_text(db, "SELECT MAX(institution_id) FROM plan_scores");
  ServerProcess server(db, true);
  HttpClient province(server.port());
  province.set_token(login(province, "province"));
  auto score = province.get("/api/v1/monitoring/institutions/" + inst_id);
  ASSERT_EQ(score.status, 200) << score.body;
  const auto j = score.json();
  EXPECT_FALSE(j["summary_only"].get<bool>());
  EXPECT_GT(j["plans"].get<int>(), 0);
  EXPECT_GE(j["rank"]["province"].get<int>(), 1);
  EXPECT_LE(j["rank"]["province"].get<int>(), j["rank"]["province_of"].get<int>());
  EXPECT_GE(j["rank"]["city"].get<int>(), 1);
  EXPECT_FALSE(j["trend"].empty());
  EXPECT_GE(j["rating"]["stars"].get<int>(), 1);
  EXPECT_LE(j["rating"]["stars"].get<int>(), 5);

  // S13: the public directory shows the stars with their period; the authorities list them.
  const auto directory = HttpClient(server.port()).get("/api/v1/public/institutions?page_size=200").json();
  int rated = 0;
  for (const auto& i : directory["items"])
    if (!i["stars"].is_null()) {
      ++rated;
      EXPECT_GE(i["stars"].get<int>(), 1);
      EXPECT_LE(i["stars"].get<int>(), 5);
      EXPECT_FALSE(i["period"]["end"].get<std::string>().empty());
    }
  EXPECT_GT(rated, 0) << directory.dump().substr(0, 500);
  const auto ratings = province.get("/api/v1/ratings?page_size=5").json();
  EXPECT_GT(ratings["total"].get<int>(), 0);
  EXPECT_EQ(province.get("/api/v1/ratings?stars=9").status, 422);
}

TEST_P(MonitoringAccuracy, S14_1_TheDailyJobRescoresEveryPlan) {
  ScratchDatabase db(GetParam());
  ASSERT_EQ(run_skillreg({"demo", "--scale", "600", "--seed", "3"}, db.url()).exit_code, 0);
  const auto runs = query_text(db, "SELECT COUNT(*) FROM monitoring_runs");
  auto r = run_skillreg({"daily", "--force"}, db.url());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("plans scored"), std::string::npos) << r.output;
  EXPECT_EQ(std::stoi(query_text(db, "SELECT COUNT(*) FROM monitoring_runs")), std::stoi(runs) + 1);
  EXPECT_EQ(query_text(db, "SELECT COUNT(*) FROM plan_scores"),
            query_text(db, "SELECT COUNT(*) FROM plans WHERE status <> 'draft'"));
  EXPECT_EQ(query_text(db, "SELECT status FROM monitoring_runs ORDER BY id DESC LIMIT 1"), "done");
}

// S14(1): the daily full run on the command line (or on another node) while a server re-scores
// changed plans. On PostgreSQL, whose writers run side by side, the two took the scores and the
// marks of changed plans in opposite orders and one of them died of a deadlock.
TEST_P(MonitoringAccuracy, S14_1_AFullRunBesideAServerRescoringChangedPlansBothFinish) {
  ScratchDatabase db(GetParam());
  ASSERT_EQ(run_skillreg({"demo", "--scale", "600", "--seed", "3"}, db.url()).exit_code, 0);
  const std::string plans = query_text(db, "SELECT COUNT(*) FROM plans WHERE status <> 'draft'");
  ServerProcess server(db, false);
  for (int round = 0; round < 4; ++round) {
    exec_sql(db, "INSERT INTO monitoring_dirty (plan_id) SELECT id FROM plans WHERE status <> 'draft'"
                 " ON CONFLICT DO NOTHING");
    auto r = run_skillreg({"monitor", "--all"}, db.url());
    EXPECT_EQ(r.exit_code, 0) << "round " << round << ": " << r.output;
  }
  for (int i = 0; i < 300 && query_text(db, "SELECT COUNT(*) FROM monitoring_dirty") != "0"; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(query_text(db, "SELECT COUNT(*) FROM monitoring_dirty"), "0") << "the server's re-scoring stopped";
  EXPECT_EQ(query_text(db, "SELECT COUNT(*) FROM plan_scores"), plans);
  EXPECT_EQ(server.log().find("re-scoring changed plans failed"), std::string::npos) << server.log();
}

// S14(1) 实时监测: a full run scores every plan from one read. A plan changed while it scores stays
// marked even when it was marked before the run began (the run cleared that older mark with the
// plans it had read, and the change waited for the next day's run), and a score another process
// computed while the run scored is not overwritten by the run's older read.
TEST_P(MonitoringAccuracy, S14_1_APlanChangedWhileAFullRunScoresIsScoredAgainAfterIt) {
  ScratchDatabase scratch(GetParam());
  ASSERT_EQ(run_skillreg({"demo", "--scale", "600", "--seed", "3"}, scratch.url()).exit_code, 0);
  InProcessMonitoring in_process(scratch);
  auto& monitoring = in_process.monitoring;
  const auto published = [&](int nth) {
    return query_text(scratch, "SELECT id FROM plans WHERE status <> 'draft' ORDER BY id LIMIT 1 OFFSET " +
                                   std::to_string(nth));
  };
  const std::string changed = published(0), unchanged = published(1), rescored = published(2);
  ASSERT_FALSE(rescored.empty());
  const auto touch = [&](const std::string& plan) {
    exec_sql(scratch, "UPDATE plans SET status = status WHERE id = " + plan);
  };
  exec_sql(scratch, "DELETE FROM monitoring_dirty");
  touch(changed);
  touch(unchanged);
  int changes = 0;
  monitoring.observe_stages([&](const std::string& stage) {
    if (stage != "scoring") return;
    touch(changed);  // the run has read the plans and not yet written a score
    ASSERT_TRUE(monitoring.rescore(std::stoll(rescored)));  // as a server beside the run would
    ++changes;
  });
  auto run = monitoring.recompute_all(std::nullopt);
  ASSERT_TRUE(run);
  ASSERT_EQ(changes, 1);
  const auto marked = [&](const std::string& plan) {
    return query_text(scratch, "SELECT COUNT(*) FROM (SELECT plan_id FROM monitoring_dirty UNION ALL SELECT plan_id"
                               " FROM monitoring_claims) x WHERE plan_id = " + plan);
  };
  EXPECT_EQ(marked(changed), "1") << "the change made while the run scored waits for the re-scorer";
  EXPECT_EQ(marked(unchanged), "0") << "the run scored the marked plan it read";
  EXPECT_EQ(query_text(scratch, "SELECT COUNT(*) FROM monitoring_claims WHERE run_id = " + std::to_string(run->id)),
            "0");
  EXPECT_EQ(query_text(scratch, "SELECT COALESCE(run_id, 0) FROM plan_scores WHERE plan_id = " + rescored), "0")
      << "the score computed while the run scored stands";
  EXPECT_EQ(query_text(scratch, "SELECT run_id FROM plan_scores WHERE plan_id = " + unchanged),
            std::to_string(run->id));
  ASSERT_TRUE(monitoring.rescore_dirty());
  EXPECT_EQ(query_text(scratch, "SELECT COALESCE(run_id, 0) FROM plan_scores WHERE plan_id = " + changed), "0")
      << "the re-scorer scored the change";
  EXPECT_EQ(marked(changed), "0");
}

// S14(1), issue 5 "Bad input": a full recompute killed at any moment leaves the previous complete
// set of scores, never a half-written one.
TEST_P(MonitoringAccuracy, S14_1_AKilledRecomputeLeavesThePreviousCompleteScores) {
  ScratchDatabase db(GetParam());
  ASSERT_EQ(run_skillreg({"demo", "--scale", "1500", "--seed", "5"}, db.url()).exit_code, 0);
  const std::string plans = query_text(db, "SELECT COUNT(*) FROM plans WHERE status <> 'draft'");
  ASSERT_NE(plans, "0");
  std::mt19937 rng(7);
  int killed = 0;
  for (int i = 0; i < 8; ++i) {
    const auto delay = std::chrono::milliseconds(std::uniform_int_distribution<int>(50, 1500)(rng));
    killed += run_skillreg_killed_after({"monitor", "--all"}, db.url(), delay) ? 1 : 0;
    EXPECT_EQ(query_text(db, "SELECT COUNT(*) FROM plan_scores"), plans) << "after a kill at " << delay.count() << " ms";
    EXPECT_EQ(query_text(db, "SELECT COUNT(DISTINCT COALESCE(run_id, 0)) FROM plan_scores"), "1")
        << "the scores come from one complete run";
  }
  EXPECT_GT(killed, 0) << "no run was killed while running: the test proved nothing";
  // A run to its end still replaces the set.
  ASSERT_EQ(run_skillreg({"monitor", "--all"}, db.url()).exit_code, 0);
  EXPECT_EQ(query_text(db, "SELECT COUNT(*) FROM plan_scores WHERE run_id = (SELECT MAX(id) FROM monitoring_runs"
                           " WHERE status = 'done')"), plans);
}

// S14(1): re-scoring one plan reads only that plan and the plans related to it (the same person
// admitted elsewhere, the same examiner, the same paper); its score must be the one a full run
// gives it, for every plan of a synthetic province with every kind of irregularity injected.
TEST_P(MonitoringAccuracy, S14_1_ReScoringOnePlanGivesTheScoreOfTheFullRun) {
  ScratchDatabase scratch(GetParam());
  ASSERT_EQ(run_skillreg({"demo", "--scale", "1500", "--seed", "5"}, scratch.url()).exit_code, 0);
  InProcessMonitoring in_process(scratch);
  auto& monitoring = in_process.monitoring;
  auto& db = in_process.db;
  // The synthetic province injects no person admitted to two plans: give the first admitted
  // candidate of a few plans the identity of one admitted to a plan with a session at the same time.
  auto shared = db->write([](Tx& tx) -> Result<int> {
    std::vector<std::pair<long long, long long>> pairs;
    long long a = 0, b = 0;
    soci::statement st =
        (tx.sql.prepare << "SELECT DISTINCT s1.plan_id, s2.plan_id FROM plan_sessions s1 JOIN plan_sessions s2"
                           " ON s1.plan_id < s2.plan_id AND s1.starts_at < s2.ends_at AND s2.starts_at < s1.ends_at"
                           " ORDER BY s1.plan_id, s2.plan_id",
         soci::into(a), soci::into(b));
    st.execute();
    while (st.fetch() && pairs.size() < 8) pairs.emplace_back(a, b);
    int n = 0;
    for (const auto& [from, to] : pairs) {
      const std::string first = "(SELECT MIN(id) FROM candidates WHERE review = 'admitted' AND plan_id = ";
      tx.sql << "UPDATE candidates SET identity_index = (SELECT identity_index FROM candidates WHERE id = " + first +
                    std::to_string(from) + ")) WHERE id = " + first + std::to_string(to) + ")";
      ++n;
    }
    return n;
  });
  ASSERT_TRUE(shared);
  ASSERT_GT(*shared, 0);
  ASSERT_TRUE(monitoring.recompute_all(std::nullopt));
  auto full = db->read([](Tx& tx) -> Result<std::map<std::int64_t, nlohmann::json>> {
    std::vector<std::int64_t> ids;
    long long id = 0;
    soci::statement st = (tx.sql.prepare << "SELECT plan_id FROM plan_scores ORDER BY plan_id", soci::into(id));
    st.execute();
    while (st.fetch()) ids.push_back(id);
    std::map<std::int64_t, nlohmann::json> out;
    MonitoringRepo repo(tx);
    for (auto plan : ids) out[plan] = to_json(repo.score(plan)->score);
    return out;
  });
  ASSERT_TRUE(full);
  ASSERT_GT(full->size(), 50u);
  EXPECT_NE(query_text(scratch, "SELECT COUNT(*) FROM (SELECT identity_index FROM candidates WHERE review = 'admitted'"
                                " GROUP BY identity_index HAVING COUNT(DISTINCT plan_id) > 1) x"), "0")
      << "no person is admitted to two plans: the plans related through candidates go untested";
  int duplicate_identities = 0;
  for (const auto& [plan, expected] : *full) {
    auto one = monitoring.rescore(plan);
    ASSERT_TRUE(one) << "plan " << plan;
    EXPECT_EQ(to_json(one->score), expected) << "plan " << plan;
    for (const auto& d : expected["deductions"]) duplicate_identities += d["indicator"] == "duplicate_identity";
  }
  EXPECT_GT(duplicate_identities, 0) << "S19(2): no plan admits a person also admitted to a plan at the same time";
}

SKILLREG_ON_BOTH_BACKENDS(MonitoringAccuracy);

}  // namespace skillreg::test
