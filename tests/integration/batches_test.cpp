// Bulk reporting end to end: a batch in parts is applied whole, or refused whole with every row's
// errors (row, field, problem); wrong headers, broken UTF-8, duplicates and oversized parts are
// refused; a score batch updates the results; other institutions cannot see it.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
#include <thread>

#include "core/clock.hpp"
#include "core/validators.hpp"
#include "support/fixture.hpp"
#include "support/sql.hpp"
#include "support/values.hpp"

namespace skillreg::test {

namespace {

std::string at(int days, int hour) { return local_time_in(days, hour); }

std::string identity(int seq) { return identity_number("33010619900101", seq); }

std::string row(int seq, const std::string& years = "7") {
  return identity(seq) + ",考生" + std::to_string(seq) + ",high_school," + years + ",,,no,admitted\n";
}

const std::string kHeader = "identity_no,name,education,years_in_trade,prior_level,prior_cert_date,apprenticeship,review\n";

}  // namespace

class Batches : public DemoProvinceTest {
 protected:
  void SetUp() override {
    DemoProvinceTest::SetUp();
    inst_ = std::make_unique<HttpClient>(as("inst"));
    const auto id = inst_->get("/api/v1/institutions").json()["items"][0]["id"].get<int>();
    auto site = inst_->post_json("/api/v1/institutions/" + std::to_string(id) + "/exam-sites",
                                 {{"name", "考点"}, {"address", "文三路1号"}, {"region_code", "330106"}});
    auto plan = inst_->post_json(
        "/api/v1/plans",
        {{"subject_code", "4-01-02-01"}, {"level", 4}, {"parts", {"theory", "practical"}}, {"exam_site_id", site.json()["id"]},
         {"planned_count", 30}, {"sessions", {{{"part", "theory"}, {"starts_at", at(9, 9)}, {"ends_at", at(9, 11)}, {"room", "101"}},
                                              {{"part", "practical"}, {"starts_at", at(9, 13)}, {"ends_at", at(9, 16)}, {"room", "102"}}}}});
    plan_ = plan.json()["id"].get<int>();
    EXPECT_EQ(inst_->post("/api/v1/plans/" + std::to_string(plan_) + "/publish", "").status, 200);
  }

  int open(const std::string& kind, const std::string& format = "csv") {
    auto r = inst_->post_json("/api/v1/batches", {{"kind", kind}, {"plan_id", plan_}, {"format", format}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", 0);
  }

  HttpResponse part(int batch, const std::string& body, bool commit = false) {
    return inst_->post("/api/v1/batches/" + std::to_string(batch) + "/parts" + (commit ? "?commit=true" : ""), body,
                       {{"Content-Type", "text/csv"}});
  }

  nlohmann::json finished(int batch) {
    for (int i = 0; i < 600; ++i) {
      auto b = inst_->get("/api/v1/batches/" + std::to_string(batch)).json();
      if (b["status"] == "applied" || b["status"] == "refused") return b;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "batch " << batch << " did not finish";
    return {};
  }

  std::vector<int> only_ids(const std::string& query) {
    std::vector<int> ids;
    const auto list = inst_->get("/api/v1/batches?" + query).json();
    for (const auto& b : list["items"]) ids.push_back(b["id"].get<int>());
    return ids;
  }

  int candidates() {
    return inst_->get("/api/v1/plans/" + std::to_string(plan_) + "/candidates").json()["total"].get<int>();
  }

  std::unique_ptr<HttpClient> inst_;
  int plan_ = 0;
};

TEST_P(Batches, S19_2_ABatchWithABadRowInTheMiddleIsRefusedWholeWithEveryRowsError) {
  const int b = open("candidates");
  ASSERT_EQ(part(b, kHeader + row(1) + row(2) + row(3)).status, 200);
  auto bad = identity(4);
  bad.back() = bad.back() == '0' ? '1' : '0';
  ASSERT_EQ(part(b, bad + ",坏行,high_school,7,,,no,admitted\n" + row(5, "seven") + row(2), true).status, 202);
  auto done = finished(b);
  EXPECT_EQ(done["status"], "refused") << done.dump();
  EXPECT_EQ(done["total_rows"], 6);
  EXPECT_EQ(done["error_count"], 3);
  EXPECT_EQ(done["errors"][0], nlohmann::json({{"row", 4}, {"field", "identity_no"}, {"problem", "invalid_check_digit"}}));
  EXPECT_EQ(done["errors"][1], nlohmann::json({{"row", 5}, {"field", "years_in_trade"}, {"problem", "must_be_integer"}}));
  EXPECT_EQ(done["errors"][2], nlohmann::json({{"row", 6}, {"field", "identity_no"}, {"problem", "duplicate_in_batch"}}));
  EXPECT_EQ(candidates(), 0) << "nothing half-applied";

  // The same rows without the bad ones: applied whole, in one transaction.
  const int ok = open("candidates");
  ASSERT_EQ(part(ok, kHeader + row(1) + row(2) + row(3)).status, 200);
  ASSERT_EQ(part(ok, row(5) + row(6, "1"), true).status, 202);
  auto applied = finished(ok);
  EXPECT_EQ(applied["status"], "applied") << applied.dump();
  EXPECT_EQ(applied["processed_rows"], 5);
  EXPECT_EQ(candidates(), 5);
  auto flagged = inst_->get("/api/v1/plans/" + std::to_string(plan_) + "/candidates?flagged=true").json();
  EXPECT_EQ(flagged["total"], 1) << "the re-check runs on batch rows too";
  // Rows already on the plan are refused, not duplicated.
  const int again = open("candidates");
  part(again, kHeader + row(1), true);
  EXPECT_EQ(finished(again)["errors"][0]["problem"], "already_on_the_plan");
}

// S19(2) 资格审核: a certificate held was issued already, and in the holder's lifetime; a row that
// says otherwise refuses the batch, by hand as in a batch (one check, CandidateService::build).
TEST_P(Batches, S19_2_APriorCertificateDatedInTheFutureOrBeforeBirthIsRefused) {
  const std::string tomorrow = local_date(SystemClock{}.now() + 86400).to_string();
  const auto b = open("candidates");
  ASSERT_EQ(part(b, kHeader + identity(11) + ",甲,high_school,7,5," + tomorrow + ",no,admitted\n" +
                        identity(13) + ",乙,high_school,7,5,1989-12-31,no,admitted\n" + row(3), true)
                .status, 202);
  const auto done = finished(b);
  EXPECT_EQ(done["status"], "refused") << done.dump();
  EXPECT_EQ(done["errors"][0], nlohmann::json({{"row", 1}, {"field", "prior_cert_date"}, {"problem", "in_the_future"}}));
  EXPECT_EQ(done["errors"][1], nlohmann::json({{"row", 2}, {"field", "prior_cert_date"}, {"problem", "before_birth"}}));

  const auto base = "/api/v1/plans/" + std::to_string(plan_) + "/candidates";
  auto by_hand = inst_->post_json(base, {{"identity_no", identity(15)}, {"name", "丙"}, {"education", "high_school"},
                                         {"years_in_trade", 7}, {"prior_level", 5}, {"prior_cert_date", tomorrow},
                                         {"review", "admitted"}});
  EXPECT_EQ(by_hand.status, 422) << by_hand.body;
  EXPECT_NE(by_hand.body.find("in_the_future"), std::string::npos) << by_hand.body;
  EXPECT_EQ(inst_->get(base).json()["total"], 0) << "nothing stored";
}

TEST_P(Batches, APartSentAfterExpectContinueIsAskedForAtOnceAndApplied) {
  // curl asks before a body over 1 MiB; unanswered, it waits a second before every part.
  const int b = open("candidates");
  std::string interim;
  auto r = inst_->post_after_continue("/api/v1/batches/" + std::to_string(b) + "/parts?commit=true",
                                      kHeader + row(1) + row(2), {{"Content-Type", "text/csv"}}, interim);
  EXPECT_EQ(interim, "HTTP/1.1 100 Continue");
  EXPECT_EQ(r.status, 202) << r.body;
  EXPECT_EQ(finished(b)["status"], "applied");
  EXPECT_EQ(candidates(), 2);
  // A head that arrives in two reads (cut inside the Expect line, 100 ms apart) is answered all the same.
  const int split = open("candidates");
  auto s = inst_->post_after_continue("/api/v1/batches/" + std::to_string(split) + "/parts?commit=true",
                                      kHeader + row(3), {{"Content-Type", "text/csv"}}, interim, "Expect: 100-");
  EXPECT_EQ(interim, "HTTP/1.1 100 Continue") << "the head came in two reads";
  EXPECT_EQ(s.status, 202) << s.body;
  EXPECT_EQ(finished(split)["status"], "applied");
}

TEST_P(Batches, ABigBatchShowsHowFarItHasGotWhileItRuns) {
  const auto parts = candidate_batch_parts(120000);
  const int b = open("candidates");
  for (std::size_t i = 0; i < parts.size(); ++i) ASSERT_LT(part(b, parts[i], i + 1 == parts.size()).status, 300);
  // Polled until applied: while it runs, the share of its bytes checked grows from 0 to 1.
  std::vector<double> seen;
  nlohmann::json last;
  for (int i = 0; i < 6000; ++i) {
    last = inst_->get("/api/v1/batches/" + std::to_string(b)).json();
    if (last["status"] == "applied" || last["status"] == "refused") break;
    if (last["status"] == "processing" && last["phase"] == "validating") seen.push_back(last["progress"].get<double>());
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(last["status"], "applied") << last.dump().substr(0, 500);
  EXPECT_EQ(last["progress"], 1.0);
  ASSERT_FALSE(seen.empty()) << "the batch was never seen validating";
  EXPECT_TRUE(std::ranges::is_sorted(seen)) << "progress never goes back";
  EXPECT_TRUE(std::ranges::any_of(seen, [](double p) { return p > 0.0 && p < 1.0; }))
      << "a share between 0 and 1 while it runs, not 0 then 1: " << seen.front() << " … " << seen.back();
  EXPECT_EQ(candidates(), 120000);
}

TEST_P(Batches, BadFilesAreRefusedWithAClearMessage) {
  auto refused = [&](const std::string& body, const std::string& problem) {
    const int b = open("candidates");
    ASSERT_EQ(part(b, body, true).status, 202);
    auto done = finished(b);
    EXPECT_EQ(done["status"], "refused") << problem;
    EXPECT_NE(done["errors"].dump().find(problem), std::string::npos) << done.dump();
  };
  refused("id,name\n" + row(1), "wrong_header");
  refused(kHeader + identity(8) + ",只有三列,high_school\n", "wrong_field_count");
  refused(kHeader, "no_rows");
  const int b = open("candidates");
  EXPECT_EQ(part(b, kHeader + identity(9) + ",无换行,high_school,7,,,no,admitted").status, 422);
  EXPECT_EQ(part(b, std::string(7 * 1024 * 1024, 'x')).status, 413);
  // A 2 GB part: refused with the message as soon as its head is read; nothing of it is kept.
  auto huge = inst_->post_announcing("/api/v1/batches/" + std::to_string(b) + "/parts", 2ULL << 30,
                                     std::string(1 << 20, 'x'), {{"Content-Type", "text/csv"}});
  EXPECT_EQ(huge.status, 413) << huge.body;
  EXPECT_EQ(huge.json()["error"]["code"], "payload_too_large");
  auto broken = part(b, kHeader + row(1) + identity(7) + ",\xff\xfe,high_school,7,,,no,admitted\n");
  EXPECT_EQ(broken.status, 422);
  EXPECT_NE(broken.body.find("invalid_utf8_at_line:3"), std::string::npos) << broken.body;
  EXPECT_EQ(inst_->post("/api/v1/batches/" + std::to_string(b) + "/commit", "").status, 422) << "no part yet";
  EXPECT_EQ(inst_->post_json("/api/v1/batches", {{"kind", "diplomas"}, {"plan_id", plan_}}).status, 422);
  EXPECT_EQ(as("inst2").get("/api/v1/batches/" + std::to_string(b)).status, 404);
  EXPECT_EQ(as("inst2").post_json("/api/v1/batches", {{"kind", "candidates"}, {"plan_id", plan_}}).status, 404);
  EXPECT_EQ(as("hangzhou").get("/api/v1/batches/" + std::to_string(b)).status, 200) << "the supervisor reads it";
  EXPECT_EQ(candidates(), 0);
}

// A batch hands each row's verdict to its writer by the address its cache keeps it at (issue 4
// bulk ingest), not as the candidate's own text: the stored verdict must still be the one the
// same facts get when the candidate is added by hand, route by route.
TEST_P(Batches, S19_2_ABatchRowCarriesTheSameEligibilityVerdictAsACandidateAddedByHand) {
  const std::string base = "/api/v1/plans/" + std::to_string(plan_) + "/candidates";
  auto add = [&](int seq, int years, std::optional<int> prior_level, const std::string& prior_date) {
    nlohmann::json body{{"identity_no", identity(seq)}, {"name", "考生" + std::to_string(seq)},
                        {"education", "high_school"}, {"years_in_trade", years}, {"review", "admitted"}};
    if (prior_level) body["prior_level"] = *prior_level;
    if (!prior_date.empty()) body["prior_cert_date"] = prior_date;
    EXPECT_EQ(inst_->post_json(base, body).status, 201);
  };
  add(1, 7, std::nullopt, "");  // 四级: 6 years in total
  add(2, 1, std::nullopt, "");  // no route
  add(3, 5, 5, "2020-03-01");   // 4 years after 五级
  const int b = open("candidates");
  ASSERT_EQ(part(b, kHeader + identity(11) + ",考生11,high_school,7,,,no,admitted\n" +
                        identity(12) + ",考生12,high_school,1,,,no,admitted\n" +
                        identity(13) + ",考生13,high_school,5,5,2020-03-01,no,admitted\n" +
                        identity(14) + ",考生14,high_school,1,,,no,admitted\n",
                    true)
                .status,
            202);
  ASSERT_EQ(finished(b)["status"], "applied");
  std::map<std::string, nlohmann::json> by_name;
  const auto list = inst_->get(base + "?page_size=100").json();
  for (const auto& c : list["items"]) by_name[c["name"]] = c;
  ASSERT_EQ(by_name.size(), 7U);
  EXPECT_EQ(by_name["考生1"]["eligible"], true);
  EXPECT_EQ(by_name["考生2"]["eligible"], false);
  EXPECT_EQ(by_name["考生3"]["eligible"], true);
  for (int seq : {1, 2, 3}) {
    const auto& by_hand = by_name["考生" + std::to_string(seq)];
    const auto& batched = by_name["考生" + std::to_string(seq + 10)];
    EXPECT_EQ(batched["eligible"], by_hand["eligible"]) << seq;
    EXPECT_EQ(batched["eligibility"], by_hand["eligibility"]) << seq;
  }
  EXPECT_EQ(by_name["考生14"]["eligibility"], by_name["考生2"]["eligibility"]) << "a verdict met again";
}

// S19(2) 资格审核: registration closes when the exam begins, so a candidate batch sent after it is
// refused whole, the reason on row 0; scores of the exam are still taken (S14(1)).
TEST_P(Batches, S19_2_ACandidateBatchAfterTheExamBeganIsRefusedWhole) {
  restart_at(10);  // the plan's exam was yesterday
  inst_ = std::make_unique<HttpClient>(as("inst"));
  const int b = open("candidates");
  ASSERT_EQ(part(b, kHeader + row(1) + row(2), true).status, 202);
  const auto late = finished(b);
  EXPECT_EQ(late["status"], "refused");
  EXPECT_EQ(late["errors"][0], nlohmann::json({{"row", 0}, {"field", "plan_id"}, {"problem", "S19(2) exam_begun"}}));
  EXPECT_EQ(late["error_count"], 1) << "the rows themselves are sound";
  EXPECT_EQ(candidates(), 0);
}

TEST_P(Batches, S14_1_ScoreBatchesComeAfterTheExamAndUpdateTheResultsAsJsonBatchesDo) {
  const int b = open("candidates", "json");
  nlohmann::json rows = nlohmann::json::array();
  for (int i = 1; i <= 3; ++i)
    rows.push_back({{"identity_no", identity(i)}, {"name", "考生" + std::to_string(i)}, {"education", "college"},
                    {"years_in_trade", 8}, {"review", "admitted"}});
  ASSERT_EQ(part(b, rows.dump(), true).status, 202);
  ASSERT_EQ(finished(b)["status"], "applied");
  ASSERT_EQ(candidates(), 3);

  // S14(1): before the exam (nine days away) no part has been examined.
  const int early = open("scores");
  ASSERT_EQ(part(early, "identity_no,part,score\n" + identity(1) + ",theory,75\n", true).status, 202);
  const auto too_early = finished(early);
  EXPECT_EQ(too_early["status"], "refused");
  EXPECT_EQ(too_early["errors"][0], nlohmann::json({{"row", 1}, {"field", "part"}, {"problem", "not_yet_examined"}}));

  restart_at(10);
  inst_ = std::make_unique<HttpClient>(as("inst"));
  const int s = open("scores");
  std::string csv = "identity_no,part,score\n";
  csv += identity(1) + ",theory,75\n" + identity(1) + ",practical,60\n";
  // Spaces around a number are read as in a candidate batch (trimmed), not as another person.
  csv += " " + identity(2) + " ,theory,80\n" + identity(2) + ",practical,59.5\n";
  csv += identity(3) + ",theory,101\n";
  ASSERT_EQ(part(s, csv, true).status, 202);
  auto refused = finished(s);
  EXPECT_EQ(refused["status"], "refused");
  EXPECT_EQ(refused["errors"][0], nlohmann::json({{"row", 5}, {"field", "score"}, {"problem", "must_be_0_to_100_one_decimal"}}));
  const int s2 = open("scores");
  csv.erase(csv.rfind(identity(3)));
  ASSERT_EQ(part(s2, csv, true).status, 202);
  ASSERT_EQ(finished(s2)["status"], "applied");
  auto list = inst_->get("/api/v1/plans/" + std::to_string(plan_) + "/candidates?result=passed").json();
  ASSERT_EQ(list["total"], 1);
  EXPECT_EQ(list["items"][0]["name"], "考生1");
  EXPECT_EQ(inst_->get("/api/v1/plans/" + std::to_string(plan_) + "/candidates?result=failed").json()["total"], 1);
  EXPECT_EQ(inst_->get("/api/v1/batches").json()["total"], 4);
  EXPECT_EQ(as("province").get("/api/v1/audit/verify").json()["valid"], true);
}

// Issue 4's faster paths keep their answers: a batch is checked and written in one pass (a bad
// row late in a later part still refuses it whole, with the errors of the rows after it too), a
// JSON row may leave optional fields null, a batch reports the bytes of its parts, and routes
// without parameters answered before the router still behave as the router would.
TEST_P(Batches, ABadRowInALaterPartRefusesTheWholeBatchWithTheErrorsAfterIt) {
  const int b = open("candidates");
  std::string first = kHeader, second;
  for (int i = 1; i <= 40; ++i) first += row(i);
  for (int i = 41; i <= 60; ++i) second += row(i, i == 45 || i == 58 ? "x" : "3");
  second += row(7);  // row 61: the same person as row 7
  ASSERT_EQ(part(b, first).status, 200);
  ASSERT_EQ(part(b, second, true).status, 202);
  auto done = finished(b);
  EXPECT_EQ(done["status"], "refused") << done.dump();
  EXPECT_EQ(done["total_rows"], 61);
  EXPECT_EQ(done["error_count"], 3);
  EXPECT_EQ(done["errors"][0], nlohmann::json({{"row", 45}, {"field", "years_in_trade"}, {"problem", "must_be_integer"}}));
  EXPECT_EQ(done["errors"][1], nlohmann::json({{"row", 58}, {"field", "years_in_trade"}, {"problem", "must_be_integer"}}));
  EXPECT_EQ(done["errors"][2], nlohmann::json({{"row", 61}, {"field", "identity_no"}, {"problem", "duplicate_in_batch"}}));
  EXPECT_EQ(candidates(), 0) << "the rows written before the bad one were rolled back";

  // The same people again, without the bad rows: applied whole.
  const int ok = open("candidates");
  std::string all = kHeader;
  for (int i = 1; i <= 60; ++i) all += row(i);
  ASSERT_EQ(part(ok, all, true).status, 202);
  auto applied = finished(ok);
  EXPECT_EQ(applied["status"], "applied") << applied.dump();
  EXPECT_EQ(applied["total_rows"], 60);
  EXPECT_EQ(applied["processed_rows"], 60);
  EXPECT_EQ(candidates(), 60);
  EXPECT_EQ(as("province").get("/api/v1/audit/verify").json()["valid"], true);
}

// S19(2) 资格审核: the review is the institution's act, so a row that leaves it out waits for it
// as a candidate added by hand does; no one is admitted by a blank.
TEST_P(Batches, S19_2_JsonRowsMayLeaveOptionalFieldsNullAndAnUnreviewedRowWaitsForItsReview) {
  const int b = open("candidates", "json");
  nlohmann::json rows = nlohmann::json::array();
  rows.push_back({{"identity_no", identity(1)}, {"name", "考生1"}, {"education", "college"}, {"years_in_trade", 8},
                  {"prior_level", nullptr}, {"prior_cert_date", nullptr}, {"apprenticeship", false}, {"review", nullptr}});
  rows.push_back({{"identity_no", identity(2)}, {"name", "考生2"}, {"education", "college"}, {"years_in_trade", 8}});
  ASSERT_EQ(part(b, rows.dump(), true).status, 202);
  auto done = finished(b);
  EXPECT_EQ(done["status"], "applied") << done.dump();
  EXPECT_EQ(candidates(), 2);
  auto list = inst_->get("/api/v1/plans/" + std::to_string(plan_) + "/candidates").json();
  for (const auto& c : list["items"]) EXPECT_EQ(c["review"], "pending") << c.dump();
}

// The console's words for education and the review, as staff type them into a spreadsheet, are
// taken as the codes; a word the format does not know is refused like an unknown code, and a
// blank review admits no one (S19(2)).
TEST_P(Batches, S19_2_TheConsolesChineseWordsAreTakenAndABlankReviewAdmitsNoOne) {
  const int bad = open("candidates");
  ASSERT_EQ(part(bad, kHeader + identity(1) + ",考生1,本科,8,,,否,同意\n", true).status, 202);
  auto refused = finished(bad);
  EXPECT_EQ(refused["status"], "refused");
  EXPECT_EQ(refused["errors"], nlohmann::json::array({{{"row", 1}, {"field", "review"}, {"problem", "unknown_decision"}}}))
      << refused.dump();
  const int b = open("candidates");
  ASSERT_EQ(part(b, kHeader + identity(1) + ",考生1,本科,8,,,否,通过\n" + identity(2) + ",考生2,高中/中专,8,,,否,不通过\n" +
                        identity(3) + ",考生3,技校,8,,,是,\n" + identity(4) + ",考生4,大专,8,,,否,待审核\n",
                    true)
                .status,
            202);
  auto done = finished(b);
  ASSERT_EQ(done["status"], "applied") << done.dump();
  std::map<std::string, std::string> seen;  // name → "education/review"
  const auto list = inst_->get("/api/v1/plans/" + std::to_string(plan_) + "/candidates").json();
  for (const auto& c : list["items"])
    seen[c["name"]] = c["education"].get<std::string>() + "/" + c["review"].get<std::string>();
  EXPECT_EQ(seen["考生1"], "bachelor/admitted");
  EXPECT_EQ(seen["考生2"], "high_school/refused");
  EXPECT_EQ(seen["考生3"], "technical_school/pending");
  EXPECT_EQ(seen["考生4"], "college/pending");
}

TEST_P(Batches, AnOpenBatchCountsTheBytesOfItsParts) {
  const int b = open("candidates");
  const std::string first = kHeader + row(1), second = row(2);  // Chinese names: more bytes than characters
  ASSERT_EQ(part(b, first).json()["bytes"], first.size());
  auto r = part(b, second);
  EXPECT_EQ(r.json()["bytes"], first.size() + second.size()) << r.body;
  auto view = inst_->get("/api/v1/batches/" + std::to_string(b)).json();
  EXPECT_EQ(view["parts"], 2);
  EXPECT_EQ(view["bytes"], first.size() + second.size()) << view.dump();
}

TEST_P(Batches, TheListCarriesCountsNotErrorsAndFiltersByStatusKindAndInstitution) {
  auto bad = identity(7);
  bad.back() = bad.back() == '0' ? '1' : '0';
  const int refused = open("candidates");
  ASSERT_EQ(part(refused, kHeader + row(1) + bad + ",坏行,high_school,7,,,no,admitted\n", true).status, 202);
  EXPECT_EQ(finished(refused)["status"], "refused");
  const int waiting = open("candidates");
  const int scores = open("scores");

  auto all = inst_->get("/api/v1/batches");
  ASSERT_EQ(all.status, 200) << all.body;
  const auto list = all.json();
  ASSERT_EQ(list["total"], 3);
  for (const auto& b : list["items"]) {
    EXPECT_FALSE(b.contains("errors")) << "the row errors are on the batch's own page: " << b.dump();
    EXPECT_TRUE(b.contains("error_count") && b.contains("total_rows") && b.contains("progress")) << b.dump();
  }
  EXPECT_EQ(list["items"][0]["id"], scores) << "newest first";
  EXPECT_EQ(list["items"][2]["error_count"], 1);
  EXPECT_EQ(list["items"][2]["progress"], 1.0);
  auto detail = inst_->get("/api/v1/batches/" + std::to_string(refused)).json();
  ASSERT_EQ(detail["errors"].size(), 1u) << detail.dump();
  EXPECT_EQ(detail["errors"][0]["problem"], "invalid_check_digit");

  auto only = [&](HttpClient& c, const std::string& query) {
    auto r = c.get("/api/v1/batches?" + query);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    std::vector<int> ids;
    const auto j = r.json();
    for (const auto& b : j["items"]) ids.push_back(b["id"].get<int>());
    return ids;
  };
  EXPECT_EQ(only(*inst_, "status=refused"), std::vector<int>{refused});
  EXPECT_EQ(only(*inst_, "kind=scores"), std::vector<int>{scores});
  EXPECT_EQ(only(*inst_, "status=open&kind=candidates"), std::vector<int>{waiting});
  EXPECT_EQ(only(*inst_, "status=applied"), std::vector<int>{});
  EXPECT_EQ(inst_->get("/api/v1/batches?status=done").status, 400);
  EXPECT_EQ(inst_->get("/api/v1/batches?kind=people").status, 400);
  EXPECT_EQ(inst_->get("/api/v1/batches?institution_id=x").status, 400);

  // Officials: the institutions they supervise, narrowed to one.
  const auto own_id = inst_->get("/api/v1/institutions").json()["items"][0]["id"].get<int>();
  const auto other_id = as("inst2").get("/api/v1/institutions").json()["items"][0]["id"].get<int>();
  auto hangzhou = as("hangzhou");
  EXPECT_EQ(only(hangzhou, "institution_id=" + std::to_string(own_id) + "&kind=candidates").size(), 2u);
  EXPECT_EQ(only(hangzhou, "institution_id=" + std::to_string(other_id)).size(), 0u);
  auto ningbo = as("ningbo");
  EXPECT_EQ(only(ningbo, "institution_id=" + std::to_string(own_id)).size(), 0u) << "outside its region";
}

// An open batch its institution will not commit is withdrawn, or expires after the policy's days
// (7 unless set otherwise): its parts, which hold identity numbers, do not stay for ever, and nothing of it is applied.
TEST_P(Batches, AnOpenBatchIsWithdrawnOrExpiresAndItsPartsGoWithIt) {
  auto parts_of = [&](int b) {
    return query_text(*db_, "SELECT COUNT(*) FROM batch_parts WHERE batch_id = " + std::to_string(b));
  };
  const int b = open("candidates");
  ASSERT_EQ(part(b, kHeader + row(1)).status, 200);
  const std::string path = "/api/v1/batches/" + std::to_string(b);
  EXPECT_EQ(as("inst2").request("DELETE", path, "", {}).status, 404) << "another institution's batch is not revealed";
  EXPECT_EQ(as("hangzhou").request("DELETE", path, "", {}).status, 403) << "officials read batches, they do not withdraw them";
  auto withdrawn = inst_->request("DELETE", path, "", {});
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_EQ(withdrawn.json()["status"], "withdrawn");
  EXPECT_EQ(parts_of(b), "0");
  auto again = inst_->request("DELETE", path, "", {});
  EXPECT_EQ(again.status, 409);
  auto late_part = part(b, row(2));
  EXPECT_EQ(late_part.status, 409);
  EXPECT_EQ(late_part.json()["error"]["details"][0], nlohmann::json({{"field", "status"}, {"problem", "withdrawn"}}));
  EXPECT_EQ(inst_->post(path + "/commit", "").status, 409);
  EXPECT_EQ(candidates(), 0);
  const int applied = open("candidates");
  ASSERT_EQ(part(applied, kHeader + row(3), true).status, 202);
  ASSERT_EQ(finished(applied)["status"], "applied");
  EXPECT_EQ(inst_->request("DELETE", "/api/v1/batches/" + std::to_string(applied), "", {}).status, 409) << "only an open batch";

  const int left = open("scores");
  ASSERT_EQ(part(left, "identity_no,part,score\n" + identity(3) + ",theory,80\n").status, 200);
  restart_at(3);  // within the 7 days by default: still open
  inst_ = std::make_unique<HttpClient>(as("inst"));
  EXPECT_EQ(inst_->get("/api/v1/batches/" + std::to_string(left)).json()["status"], "open");
  restart_at(3, {"SKILLREG_BATCH_OPEN_DAYS=2"});  // the policy's days are a setting ([batches] open_days)
  inst_ = std::make_unique<HttpClient>(as("inst"));
  auto expired = inst_->get("/api/v1/batches/" + std::to_string(left)).json();
  EXPECT_EQ(expired["status"], "expired") << expired.dump();
  EXPECT_EQ(parts_of(left), "0");
  EXPECT_EQ(only_ids("status=withdrawn"), std::vector<int>{b});
  EXPECT_EQ(as("province").get("/api/v1/audit?action=batch.expire").json()["total"], 1);
  EXPECT_EQ(as("province").get("/api/v1/audit?action=batch.withdraw").json()["total"], 1);
}

// M12 属地化管理: the county of the exam site supervises what happens there, so the batches of a
// plan held in its county are on its list as they are readable one by one.
TEST_P(Batches, M12_TheExamSitesCountyListsTheBatchesOfPlansHeldThere) {
  const int b = open("candidates");
  auto xihu = as("xihu");  // the site's county; the institution answers to the city (hangzhou)
  ASSERT_EQ(xihu.get("/api/v1/batches/" + std::to_string(b)).status, 200);
  const auto listed = xihu.get("/api/v1/batches").json();
  ASSERT_EQ(listed["total"], 1) << listed.dump();
  EXPECT_EQ(listed["items"][0]["id"], b);
  auto yinzhou = as("yinzhou");  // another city's county: neither
  EXPECT_EQ(yinzhou.get("/api/v1/batches/" + std::to_string(b)).status, 404);
  EXPECT_EQ(yinzhou.get("/api/v1/batches").json()["total"], 0);
}

TEST_P(Batches, RoutesWithoutParametersAnswerAsTheRouterDoes) {
  auto anon = anonymous();
  EXPECT_EQ(anon.get("/api/v1/health").status, 200);
  EXPECT_EQ(anon.get("/api/v1/health/").status, 200) << "a trailing slash still matches";
  EXPECT_EQ(anon.get("/API/V1/HEALTH").status, 404) << "case matters";
  EXPECT_EQ(anon.post("/api/v1/health", "", {}).status, 404) << "no such route for POST";
  EXPECT_EQ(anon.get("/api/v1/health?x=1").status, 400) << "unknown query parameters are refused";
  auto bad = anon.get("/api/v1/public/certificates/verify?cert_no=1&name=");
  EXPECT_EQ(bad.status, 400) << bad.body;
}

SKILLREG_ON_BOTH_BACKENDS(Batches);

// Several nodes on one PostgreSQL database (docs/deploy.md): each node's batch worker queues the
// batches committed to it; a node that starts, as in a rolling restart, must not interrupt them.
class BatchesOnSeveralNodes : public Batches {
 protected:
  int send(const std::vector<std::string>& parts) {
    const int b = open("candidates");
    for (std::size_t i = 0; i < parts.size(); ++i) EXPECT_LT(part(b, parts[i], i + 1 == parts.size()).status, 300);
    return b;
  }
  // Ends the sessions holding batch workers' locks ("SRBW") in this test's database, as a
  // PostgreSQL restart would (other tests' databases on the same server are left alone).
  std::string cut_worker_sessions() {
    return query_text(*db_, "SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_locks"
                            " WHERE locktype = 'advisory' AND classid = 1397899863"
                            " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())) t");
  }
  std::string status(int b) { return query_text(*db_, "SELECT status FROM batches WHERE id = " + std::to_string(b)); }
  // Once node A works through batch `b`, its worker's session is cut and node B starts, finds the
  // lock free and takes the batch for an orphan (interrupted, parts dropped); returns once node A
  // is done with it.
  void take_for_an_orphan_midway(int b) {
    const std::string path = "/api/v1/batches/" + std::to_string(b);
    auto phase = [&] { return inst_->get(path).json().value("phase", std::string()); };
    for (int i = 0; i < 600 && phase() != "validating"; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ASSERT_EQ(phase(), "validating");
    ASSERT_EQ(cut_worker_sessions(), "1");
    ServerProcess node_b(*db_, false);
    EXPECT_EQ(outcome(b), "interrupted");
    for (int i = 0; i < 1200 && phase() != ""; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ASSERT_EQ(phase(), "") << "node A is done with it";
  }
  std::string outcome(int b) {
    for (int i = 0; i < 1200; ++i) {
      if (auto s = status(b); s == "applied" || s == "refused" || s == "interrupted") return s;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return status(b);
  }
};

TEST_P(BatchesOnSeveralNodes, ANodeStartingLeavesALiveNodesBatchesAloneAndInterruptsADeadNodes) {
  const auto big = candidate_batch_parts(120000);
  const int first = send(big);                             // node A works on it for seconds
  const int second = send({kHeader + row(90) + row(91)});  // and queues this one behind it
  ASSERT_EQ(status(second), "queued");
  {
    ServerProcess node_b(*db_, false);  // starts meanwhile on the same database
    EXPECT_EQ(status(second), "queued") << "node A is alive: its queue is its own";
    EXPECT_EQ(outcome(first), "applied");
    EXPECT_EQ(outcome(second), "applied");
  }
  // Node A dies with a batch committed; the next node to start marks it interrupted.
  const int third = send(big);
  server_->crash();
  server_ = std::make_unique<ServerProcess>(*db_, false);
  EXPECT_EQ(outcome(third), "interrupted");
  EXPECT_EQ(query_text(*db_, "SELECT COUNT(*) FROM batch_parts WHERE batch_id = " + std::to_string(third)), "0");
}

// Progress lives in the memory of the node doing the work; it also publishes it to the batch's
// row every half second, so a client polling another node behind the same balancer sees it grow.
TEST_P(BatchesOnSeveralNodes, ABatchRunningOnOneNodeShowsItsProgressOnAnother) {
  ServerProcess node_b(*db_, false);
  HttpClient b_client(node_b.port());
  b_client.set_token(login(b_client, "inst"));
  const int b = send(candidate_batch_parts(240000));
  std::vector<double> seen;
  nlohmann::json last;
  for (int i = 0; i < 6000; ++i) {
    last = b_client.get("/api/v1/batches/" + std::to_string(b)).json();
    if (last["status"] == "applied" || last["status"] == "refused") break;
    if (last["status"] == "processing") seen.push_back(last["progress"].get<double>());
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(last["status"], "applied") << last.dump().substr(0, 500);
  EXPECT_EQ(last["progress"], 1.0);
  EXPECT_TRUE(std::ranges::any_of(seen, [](double p) { return p > 0.0 && p < 1.0; }))
      << "node B saw only 0 while node A worked: " << seen.size() << " polls";
  EXPECT_TRUE(std::ranges::is_sorted(seen)) << "progress never goes back";
}

// A PostgreSQL restart (here: the worker's backend terminated) ends the session that held the
// node's lock. The node takes it again before it queues the next batch, so a node starting then
// does not take that batch for an orphan of a dead node.
TEST_P(BatchesOnSeveralNodes, ANodeWhoseLockWasLostTakesItAgainBeforeQueueing) {
  const int first = send(candidate_batch_parts(120000));  // node A busy for seconds
  ASSERT_EQ(cut_worker_sessions(), "1");
  const int second = send({kHeader + row(90) + row(91)});
  ASSERT_EQ(status(second), "queued");
  {
    ServerProcess node_b(*db_, false);
    EXPECT_EQ(status(second), "queued") << "node A took its lock again: its queue is still its own";
    EXPECT_EQ(outcome(first), "applied");
    EXPECT_EQ(outcome(second), "applied");
  }
}

// If a node's lock is lost while it works on a batch and another node starts, that node takes the
// batch for an orphan: marks it interrupted and drops its parts. The first node then finds a part
// gone and applies nothing, rather than the rows of the parts it had read.
TEST_P(BatchesOnSeveralNodes, ABatchTakenForAnOrphanWhileItRunsIsNotAppliedInPart) {
  const int b = send(candidate_batch_parts(240000));  // about eight parts of 2 MB
  take_for_an_orphan_midway(b);
  if (HasFatalFailure()) return;
  EXPECT_EQ(status(b), "interrupted");
  EXPECT_EQ(candidates(), 0) << "not the rows of the parts read before the others were dropped";
}

// The same while a refused batch's remaining rows are only read for their errors: a part gone
// midway would make a partial list of errors, so the batch stays interrupted, not refused.
TEST_P(BatchesOnSeveralNodes, ARefusedBatchTakenForAnOrphanWhileItsErrorsAreListedStaysInterrupted) {
  auto parts = candidate_batch_parts(480000);  // about sixteen parts of 2 MB
  parts[0].insert(kHeader.size(), "330106198001011234,考生,high_school,7,,,no,admitted\n");  // bad check digit
  const int b = send(parts);
  take_for_an_orphan_midway(b);
  if (HasFatalFailure()) return;
  EXPECT_EQ(status(b), "interrupted") << "not refused with the errors of the parts read before the others were dropped";
  EXPECT_EQ(query_text(*db_, "SELECT COUNT(*) FROM audit_log WHERE action = 'batch.refuse'"), "0");
  EXPECT_EQ(candidates(), 0);
}

INSTANTIATE_TEST_SUITE_P(PostgreSQL, BatchesOnSeveralNodes, ::testing::Values(Backend::postgresql),
                         [](const ::testing::TestParamInfo<Backend>& info) { return std::string(to_string(info.param)); });

}  // namespace skillreg::test
