// The synthetic province (skillreg demo --scale): deterministic from its seed, every injected
// irregularity really is in the data as its ground truth says, and the API serves it.
#include <gmock/gmock.h>

#include <chrono>
#include <map>
#include <sstream>
#include <thread>

#include "core/clock.hpp"
#include "support/fixture.hpp"
#include "support/sql.hpp"

namespace skillreg::test {

class SyntheticProvince : public ::testing::TestWithParam<Backend> {};

namespace {

std::string n(const ScratchDatabase& db, const std::string& sql) { return query_text(db, sql); }

// Every byte of `text` percent-encoded, for a holder's name in the certificate check's query.
std::string percent_encoded(const std::string& text) {
  std::string out;
  for (unsigned char ch : text) {
    char buf[4];
    std::snprintf(buf, sizeof buf, "%%%02X", ch);
    out += buf;
  }
  return out;
}

}  // namespace

TEST_P(SyntheticProvince, TheSameSeedGivesTheSameProvinceAndTheGroundTruthHolds) {
  ScratchDatabase a(GetParam()), b(GetParam());
  for (const auto* db : {&a, &b}) {
    auto r = run_skillreg({"demo", "--scale", "1500", "--seed", "7"}, db->url());
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("injected irregularities"), std::string::npos) << r.output;
  }
  // Deterministic: the same rows with the same values (times of creation aside).
  for (const char* q : {"SELECT COUNT(*) FROM candidates", "SELECT CAST(SUM(score) AS TEXT) FROM scores",
                        "SELECT MIN(cert_no) || MAX(cert_no) FROM certificates",
                        "SELECT COUNT(*) FROM synthetic_truth", "SELECT MAX(identity_index) FROM candidates"})
    EXPECT_EQ(n(a, q), n(b, q)) << q;
  EXPECT_GE(std::stoi(n(a, "SELECT COUNT(*) FROM candidates")), 1000);
  EXPECT_EQ(n(a, "SELECT COUNT(DISTINCT substr(region_code, 1, 4)) FROM institutions"), "11") << "all 11 cities";
  EXPECT_EQ(n(a, "SELECT COUNT(DISTINCT kind) FROM institutions"), "5") << "every kind";

  // S19(2): every injected ineligible candidate fails the conditions and is admitted.
  EXPECT_NE(n(a, "SELECT COUNT(*) FROM synthetic_truth WHERE kind = 'ineligible_candidate'"), "0");
  EXPECT_EQ(n(a, "SELECT COUNT(*) FROM synthetic_truth t JOIN candidates c ON CAST(c.id AS TEXT) = t.object_id"
                 " WHERE t.kind = 'ineligible_candidate' AND (c.eligible <> 0 OR c.review <> 'admitted')"), "0");
  // Reused papers appear in more than one plan.
  EXPECT_EQ(n(a, "SELECT COUNT(*) FROM synthetic_truth t WHERE t.kind = 'reused_paper' AND"
                 " (SELECT COUNT(DISTINCT s.plan_id) FROM papers p JOIN plan_sessions s ON s.id = p.session_id"
                 "  WHERE p.paper_id = t.detail) < 2"), "0");
  // Missing videos are missing.
  EXPECT_EQ(n(a, "SELECT COUNT(*) FROM synthetic_truth t JOIN videos v ON CAST(v.session_id AS TEXT) = t.object_id"
                 " WHERE t.kind = 'missing_video'"), "0");
  // Double-booked examiners sit in two overlapping sessions.
  EXPECT_EQ(n(a, "SELECT COUNT(*) FROM synthetic_truth t WHERE t.kind = 'double_booked_examiner' AND NOT EXISTS ("
                 " SELECT 1 FROM assignments x JOIN plan_sessions sx ON sx.id = x.session_id"
                 " JOIN assignments y ON y.person_id = x.person_id AND y.id <> x.id"
                 " JOIN plan_sessions sy ON sy.id = y.session_id AND sy.plan_id <> sx.plan_id"
                 " WHERE CAST(x.person_id AS TEXT) = t.object_id AND sx.starts_at < sy.ends_at AND sy.starts_at < sx.ends_at)"), "0");
  // Late reports are later than 30 days or missing; on-time ones are not.
  EXPECT_EQ(n(a, "SELECT COUNT(*) FROM synthetic_truth t JOIN certificates c ON c.cert_no = t.object_id"
                 " WHERE t.kind = 'late_certificate_report' AND c.reported_on IS NOT NULL"
                 " AND c.reported_on <= " + std::string(GetParam() == Backend::sqlite
                                                            ? "date(c.issued_on, '+30 days')"
                                                            : "to_char(to_date(c.issued_on, 'YYYY-MM-DD') + 30, 'YYYY-MM-DD')")), "0");
  // S20(2): out-of-scope attempts were refused by the real use case and left no plan behind.
  EXPECT_EQ(n(a, "SELECT COUNT(*) FROM synthetic_truth WHERE kind = 'out_of_scope_attempt' AND detail NOT LIKE 'S20(2)%'"), "0");
  EXPECT_EQ(n(a, "SELECT COUNT(*) FROM plans WHERE subject_code = '2-02-07-04'"), "0");
  // Certificates go only to candidates who passed.
  EXPECT_EQ(n(a, "SELECT COUNT(*) FROM certificates c JOIN candidates k ON k.id = c.candidate_id WHERE k.result <> 'passed'"), "0");

  // Issue 4 §7: every certificate has its public-check row, equal to the join it stands for.
  const std::string joined =
      "SELECT c.cert_no, c.name, COALESCE(o.name, s.name, c.subject_code), c.level, i.code, i.name, c.issued_on,"
      " c.status FROM certificates c JOIN institutions i ON i.id = c.institution_id"
      " LEFT JOIN occupations o ON o.code = c.subject_code LEFT JOIN special_ability_specs s ON s.code = c.subject_code";
  const std::string kept =
      "SELECT cert_no, name, subject_name, level, institution_code, institution_name, issued_on, status"
      " FROM certificate_checks";
  EXPECT_EQ(n(a, "SELECT COUNT(*) FROM certificate_checks"), n(a, "SELECT COUNT(*) FROM certificates"));
  EXPECT_EQ(n(a, "SELECT COUNT(*) FROM (" + joined + " EXCEPT " + kept + ") d"), "0");
  EXPECT_EQ(n(a, "SELECT COUNT(*) FROM certificate_checks WHERE identity_masked NOT LIKE '______********____'"), "0");
  // Certificates written before that table have no mask yet: the next start fills it from the
  // sealed number (checked below through the server's answer).
  exec_sql(a, "UPDATE certificates SET identity_masked = ''");
  EXPECT_EQ(n(a, "SELECT COUNT(*) FROM certificate_checks WHERE identity_masked = ''"),
            n(a, "SELECT COUNT(*) FROM certificates"));

  // The API serves it: a city sees its plans, and the public check finds a certificate.
  ServerProcess server(a, false);
  HttpClient officer(server.port());
  officer.set_token(login(officer, "hangzhou"));
  EXPECT_GT(officer.get("/api/v1/plans").json()["total"].get<int>(), 0);
  const auto cert = n(a, "SELECT cert_no FROM certificates WHERE status = 'valid' ORDER BY cert_no LIMIT 1");
  const auto name = n(a, "SELECT name FROM certificates WHERE cert_no = '" + cert + "'");
  const std::string encoded = percent_encoded(name);
  auto check = HttpClient(server.port()).get("/api/v1/public/certificates/verify?cert_no=" + cert + "&name=" + encoded);
  EXPECT_EQ(check.json()["status"], "valid") << check.body;
  EXPECT_THAT(check.json()["identity_no"].get<std::string>(), ::testing::MatchesRegex("[0-9]{6}\\*{8}[0-9]{3}[0-9X]"));
  EXPECT_EQ(n(a, "SELECT COUNT(*) FROM certificate_checks WHERE identity_masked NOT LIKE '______********____'"), "0");
}

// Issue 4 §7 with S18: the check answers from a read snapshot the server keeps between requests
// (Database::sqlite_cached), yet a certificate voided by another process on the same database is
// seen voided (within a second on SQLite), and an idle server keeps no snapshot that would stop
// a checkpoint from emptying the WAL.
TEST_P(SyntheticProvince, Issue4_S18_TheCheckSeesAVoidMadeElsewhereAndKeepsNoSnapshotWhenIdle) {
  ScratchDatabase db(GetParam());
  auto built = run_skillreg({"demo", "--scale", "300", "--seed", "11"}, db.url());
  ASSERT_EQ(built.exit_code, 0) << built.output;
  const auto cert = n(db, "SELECT cert_no FROM certificates WHERE status = 'valid' ORDER BY cert_no LIMIT 1");
  ASSERT_FALSE(cert.empty());
  const std::string encoded = percent_encoded(n(db, "SELECT name FROM certificates WHERE cert_no = '" + cert + "'"));
  ServerProcess server(db, false);
  HttpClient pub(server.port());
  const std::string path = "/api/v1/public/certificates/verify?cert_no=" + cert + "&name=" + encoded;
  for (int i = 0; i < 20; ++i) ASSERT_EQ(pub.get(path).json()["status"], "valid");

  exec_sql(db, "UPDATE certificates SET status = 'voided', void_reason = 'S18 另一进程作废' WHERE cert_no = '" + cert + "'");
  nlohmann::json seen;
  for (int i = 0; i < 100; ++i) {  // up to 5 s; the snapshot ends after at most 1 s
    seen = pub.get(path).json();
    if (seen["status"] == "voided") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(seen["status"], "voided") << seen.dump();
  EXPECT_EQ(seen["reason"], "S18 另一进程作废");

  if (GetParam() == Backend::sqlite) {
    // RESTART/TRUNCATE waits (busy timeout 10 s) for every reader of the WAL and reports 1 when
    // one still reads it: a snapshot kept for ever would hold it.
    EXPECT_EQ(n(db, "PRAGMA wal_checkpoint(TRUNCATE)"), "0");
  }
}

// `make run`'s demo institution (the `inst` login) has a plan at each stage, so every step of an
// evaluation can be seen and carried on in the demo: a finished plan whose certificate the public
// check finds, a held plan that takes its scores now (S14(1): after the exam), a published plan
// taking candidates with an ineligible one flagged (S19(2)), and a draft.
TEST_P(SyntheticProvince, Issue4_S14_1_S19_2_TheDemoInstitutionHasAPlanAtEachStage) {
  ScratchDatabase db(GetParam());
  auto built = run_skillreg({"demo", "--scale", "300", "--seed", "11"}, db.url());
  ASSERT_EQ(built.exit_code, 0) << built.output;
  const auto at = built.output.find("try the certificate check with ");
  ASSERT_NE(at, std::string::npos) << built.output;
  std::istringstream printed(built.output.substr(at + 30));
  std::string cert, slash, holder;
  printed >> cert >> slash >> holder;
  ASSERT_EQ(cert.size(), 22u) << built.output;

  ServerProcess server(db, false);
  HttpClient inst(server.port());
  inst.set_token(login(inst, "inst"));
  const auto plans = inst.get("/api/v1/plans").json();
  ASSERT_EQ(plans["total"], 4) << plans.dump().substr(0, 400);
  const auto now = format_instant(SystemClock{}.now());
  std::map<std::string, int> stage;  // stage → plan id
  for (const auto& p : plans["items"]) {
    const bool held = p["sessions"][0]["starts_at"].get<std::string>() < now;
    stage[p["status"] == "draft" ? "draft" : !held ? "upcoming" : p["results_published_on"].is_null() ? "held" : "finished"] =
        p["id"].get<int>();
  }
  ASSERT_EQ(stage.size(), 4u) << plans.dump().substr(0, 400);

  auto first_candidate = [&](int plan) {
    return inst.get("/api/v1/plans/" + std::to_string(plan) + "/candidates").json()["items"][0]["id"].get<int>();
  };
  auto score = [&](int plan) {
    nlohmann::json items = nlohmann::json::array({{{"candidate_id", first_candidate(plan)}, {"part", "theory"}, {"score", 81}}});
    return inst.post_json("/api/v1/plans/" + std::to_string(plan) + "/scores", {{"items", items}});
  };
  auto held = score(stage["held"]);
  EXPECT_EQ(held.status, 200) << held.body;
  auto early = score(stage["upcoming"]);
  EXPECT_EQ(early.status, 422);
  EXPECT_NE(early.body.find("not_yet_examined"), std::string::npos) << early.body;
  int flagged = 0;
  const auto upcoming = inst.get("/api/v1/plans/" + std::to_string(stage["upcoming"]) + "/candidates").json();
  for (const auto& c : upcoming["items"])
    for (const auto& f : c["flags"]) flagged += f == "ineligible_admitted";
  EXPECT_EQ(flagged, 1);

  auto check = HttpClient(server.port()).get("/api/v1/public/certificates/verify?cert_no=" + cert + "&name=" + percent_encoded(holder));
  EXPECT_EQ(check.json()["status"], "valid") << check.body;
  EXPECT_EQ(check.json()["institution_code"], "S000033000001");
}

// S5: an authority reads the plans of the institutions it supervises and those held at exam sites
// in its area (load_plan_for_read); the certificates it lists are those of the same plans. The demo
// institution is supervised by 杭州市 and holds its exams in 西湖区.
TEST_P(SyntheticProvince, S5_TheAuthorityOfTheExamSitesAreaListsTheCertificatesOfThePlansItReads) {
  ScratchDatabase db(GetParam());
  auto built = run_skillreg({"demo", "--scale", "300", "--seed", "11"}, db.url());
  ASSERT_EQ(built.exit_code, 0) << built.output;
  ServerProcess server(db, false);
  auto client = [&](const char* user) {
    HttpClient c(server.port());
    c.set_token(login(c, user));
    return c;
  };
  auto inst = client("inst"), xihu = client("xihu"), yinzhou = client("yinzhou");
  const auto own = inst.get("/api/v1/certificates?page_size=100").json();
  ASSERT_GT(own["total"].get<int>(), 0) << own.dump().substr(0, 300);
  const auto plan = std::to_string(own["items"][0]["plan_id"].get<int>());
  const auto institution = std::to_string(own["items"][0]["institution_id"].get<int>());
  ASSERT_EQ(xihu.get("/api/v1/institutions/" + institution).status, 404) << "not supervised by 西湖区";
  ASSERT_EQ(xihu.get("/api/v1/plans/" + plan).status, 200) << "held in 西湖区";

  const auto of_plan = "/api/v1/certificates?plan_id=" + plan;
  const auto expected = inst.get(of_plan).json()["total"];
  EXPECT_EQ(xihu.get(of_plan).json()["total"], expected);
  EXPECT_EQ(xihu.get("/api/v1/certificates/" + own["items"][0]["cert_no"].get<std::string>()).status, 200);
  EXPECT_EQ(yinzhou.get("/api/v1/plans/" + plan).status, 404);
  EXPECT_EQ(yinzhou.get(of_plan).json()["total"], 0);
  EXPECT_EQ(client("hangzhou").get(of_plan).json()["total"], expected);
}

SKILLREG_ON_BOTH_BACKENDS(SyntheticProvince);

}  // namespace skillreg::test
