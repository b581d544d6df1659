// Enforcement (issue 7) end to end on the demo province: one institution (inst2, 鄞州区's
// employer) from an interview (S19), to a repeated violation escalated to a written notice with
// suspension (S20(1); plans refused during it), to a rectification missed and found by the daily
// job (S20(6)), escalated to cancellation (S21(1)) with statement, decision and a review that
// overturns it and reverses its effects (S23, S24); the public pages follow. And S18: a voided
// certificate shows its reason in the public check until a review restores it.
#include <gmock/gmock.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

#include "core/clock.hpp"
#include "core/validators.hpp"
#include "support/fixture.hpp"
#include "support/sql.hpp"
#include "support/values.hpp"

namespace skillreg::test {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

std::string today_plus(int days) { return local_date(SystemClock{}.now()).add_days(days).to_string(); }

std::string at(int days, int hour) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02d:00:00+08:00", today_plus(days).c_str(), hour);
  return buf;
}

}  // namespace

class Enforcement : public DemoProvinceTest {
 protected:
  // A case against `institution` taken through proposal, service and the institution's statement.
  nlohmann::json open_to_statement(HttpClient& officer, HttpClient& institution, std::int64_t id,
                                   const std::vector<std::string>& items, const std::string& facts) {
    auto opened = officer.post_json("/api/v1/cases", {{"institution_id", id}, {"items", items}, {"facts", facts}});
    EXPECT_EQ(opened.status, 201) << opened.body;
    const auto c = opened.json();
    const std::string path = "/api/v1/cases/" + std::to_string(c["id"].get<int>());
    EXPECT_EQ(institution.get(path).status, 404) << "a draft is the authority's own";
    auto proposed = officer.post_json(path + "/propose", {{"reasons", "经查，" + facts}, {"basis", "《浙江省技能人才评价监督管理办法》"}});
    EXPECT_EQ(proposed.status, 200) << proposed.body;
    auto served = officer.post_json(path + "/serve", {{"method", "written"}, {"served_on", today_plus(0)}});
    EXPECT_EQ(served.status, 200) << served.body;
    auto stated = institution.post_json(path + "/statements", {{"text", "本机构对所述事实无异议，已着手整改。"}});
    EXPECT_EQ(stated.status, 200) << stated.body;
    return stated.json();
  }
  std::string case_path(const nlohmann::json& c) { return "/api/v1/cases/" + std::to_string(c["id"].get<int>()); }

  // The text of a PDF the server answers, through poppler's pdftotext.
  std::string pdf_text(HttpClient& who, const std::string& target) {
    auto r = who.get(target);
    EXPECT_EQ(r.status, 200) << target << ": " << r.body.substr(0, 300);
    EXPECT_EQ(r.header("content-type"), "application/pdf");
    const auto file = db_->dir() / "document.pdf";
    std::ofstream(file, std::ios::binary) << r.body;
    std::string text;
    if (FILE* p = ::popen(("pdftotext -q " + file.string() + " - 2>/dev/null").c_str(), "r")) {
      char buf[4096];
      for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) text.append(buf, n);
      ::pclose(p);
    }
    // pdftotext breaks lines where the page does; the checks read the text as one run.
    std::erase(text, '\n');
    return text;
  }

  // A published plan of the institution with 张三 admitted (identity number from `first17`):
  // the plan's id and the candidate's id.
  struct PlanWithCandidate {
    std::int64_t plan = 0, candidate = 0;
    std::string plan_path() const { return "/api/v1/plans/" + std::to_string(plan); }
  };
  PlanWithCandidate plan_with_candidate(HttpClient& institution, std::int64_t id, const char* first17, std::string& identity) {
    auto plan = institution.post_json("/api/v1/plans", plan_body(institution, id));
    EXPECT_EQ(plan.status, 201) << plan.body;
    PlanWithCandidate out{plan.json().value("id", std::int64_t{0}), 0};
    EXPECT_EQ(institution.post(out.plan_path() + "/publish", "").status, 200);
    identity = std::string(first17) + identity_check_char(first17);
    auto cand = institution.post_json(out.plan_path() + "/candidates", {{"identity_no", identity}, {"name", "张三"}, {"education", "college"},
                                                                        {"years_in_trade", 8}, {"review", "admitted"}});
    EXPECT_EQ(cand.status, 201) << cand.body;
    out.candidate = cand.json().value("id", std::int64_t{0});
    return out;
  }

  // A special inspection of the institution, completed today with a pass: what verifies the
  // rectification of a notice decided up to today (S20). Its id.
  std::int64_t passed_inspection(HttpClient& officer, std::int64_t id) {
    auto check = officer.post_json("/api/v1/inspections", {{"institution_id", id}, {"kind", "special"}, {"mode", "document_review"},
                                                           {"scheduled_on", today_plus(0)}, {"checklist", {"S9(3)-1"}}});
    EXPECT_EQ(check.status, 201) << check.body;
    const auto inspection = check.json().value("id", std::int64_t{0});
    const std::string path = "/api/v1/inspections/" + std::to_string(inspection);
    EXPECT_EQ(officer.post(path + "/start", "").status, 200);
    EXPECT_EQ(officer.put_json(path + "/findings", {{"items", {{{"code", "S9(3)-1"}, {"finding", "compliant"}}}}}).status, 200);
    EXPECT_EQ(officer.post_json(path + "/complete", {{"outcome", "pass"}, {"report", "整改到位"}}).status, 200);
    return inspection;
  }

  // A draft plan of the institution in its first scope item, at a new site of its county.
  nlohmann::json plan_body(HttpClient& institution, std::int64_t id) {
    const auto inst = institution.get("/api/v1/institutions/" + std::to_string(id)).json();
    auto site = institution.post_json("/api/v1/institutions/" + std::to_string(id) + "/exam-sites",
                                      {{"name", "鄞州考点"}, {"address", "鄞州大道1号"}, {"region_code", "330212"}});
    EXPECT_EQ(site.status, 201) << site.body;
    return {{"subject_code", inst["scope"][0]["subject_code"]}, {"level", inst["scope"][0]["levels"][0]},
            {"parts", {"theory"}}, {"exam_site_id", site.json()["id"]}, {"planned_count", 20},
            {"sessions", {{{"part", "theory"}, {"starts_at", at(20, 9)}, {"ends_at", at(20, 11)}, {"room", "101"}}}}};
  }
};

TEST_P(Enforcement, S19_S20_S21_S24_FromInterviewToNoticeToCancellationAndAReviewThatReversesIt) {
  auto yinzhou = as("yinzhou");
  auto inst2 = as("inst2");
  const auto me = inst2.get("/api/v1/auth/me").json();
  const auto id = me["user"]["institution_id"].get<std::int64_t>();
  const auto institution = yinzhou.get("/api/v1/institutions/" + std::to_string(id)).json();
  const std::string code = institution["code"], credit = institution["credit_code"];
  const std::string subject = institution["scope"][0]["subject_code"];
  const int level = institution["scope"][0]["levels"][0];
  ASSERT_EQ(inst2.post_json("/api/v1/cases", {{"institution_id", id}, {"items", {"S19(1)"}}, {"facts", "x"}}).status, 403)
      << "an institution does not open cases";

  // An open plan of inst2, to be closed by a cancellation.
  const auto body = plan_body(inst2, id);
  auto plan = inst2.post_json("/api/v1/plans", body);
  ASSERT_EQ(plan.status, 201) << plan.body;
  const std::string plan_path = "/api/v1/plans/" + std::to_string(plan.json()["id"].get<int>());

  // S19: a minor violation — an interview, with its record.
  auto first = open_to_statement(yinzhou, inst2, id, {"S19(10)"}, "证书数据逾期30日未上报");
  EXPECT_EQ(first["measure"], "interview");
  auto decided = yinzhou.post_json(case_path(first) + "/decide", {{"outcome", "upheld"}, {"reasons", "情节轻微，约谈主要负责人"},
                                                                  {"interview_on", today_plus(3)}, {"interview_place", "鄞州区人社局"}});
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(yinzhou.post_json(case_path(first) + "/close", nlohmann::json::object()).status, 422) << "the interview record";
  ASSERT_EQ(yinzhou.post_json(case_path(first) + "/close", {{"record", "已约谈主要负责人，承诺按时上报证书数据。"}}).status, 200);
  const std::string published = "/api/v1/public/sanctions?institution_id=" + std::to_string(id);
  EXPECT_EQ(anonymous().get(published).json()["total"], 0) << "an interview is not published";

  // S20(1): it happens again after the interview — a written notice, the institution suspended.
  auto second = open_to_statement(yinzhou, inst2, id, {"S19(10)"}, "约谈后证书数据再次逾期未上报");
  EXPECT_EQ(second["measure"], "notice");
  EXPECT_EQ(second["items"], nlohmann::json({"S19(10)", "S20(1)"}));
  auto refused = yinzhou.post_json(case_path(second) + "/decide", {{"outcome", "upheld"}, {"reasons", "约谈后又发生"}});
  EXPECT_EQ(refused.status, 422) << "a notice needs its rectification deadline";
  auto noticed = yinzhou.post_json(case_path(second) + "/decide", {{"outcome", "upheld"}, {"reasons", "约谈后又发生"},
                                                                   {"rectification_due", today_plus(10)}});
  ASSERT_EQ(noticed.status, 200) << noticed.body;
  EXPECT_EQ(yinzhou.get("/api/v1/institutions/" + std::to_string(id)).json()["status"], "suspended");
  auto during = inst2.post_json("/api/v1/plans", body);
  EXPECT_EQ(during.status, 409) << "S20: no plans while suspended";
  EXPECT_EQ(during.json()["error"]["article"], "S20");
  // S20 暂停评价活动: nor does it admit candidates, one by one or in a batch.
  const std::string person = identity_number("33021219900101", 1);
  auto admitting = inst2.post_json(plan_path + "/candidates", {{"identity_no", person}, {"name", "考生"}, {"education", "college"},
                                                               {"years_in_trade", 8}, {"review", "admitted"}});
  EXPECT_EQ(admitting.status, 409) << admitting.body;
  EXPECT_EQ(admitting.json()["error"]["article"], "S20");
  auto batch = inst2.post_json("/api/v1/batches", {{"kind", "candidates"}, {"plan_id", plan.json()["id"]}});
  ASSERT_EQ(batch.status, 201) << batch.body;
  const std::string batch_path = "/api/v1/batches/" + std::to_string(batch.json()["id"].get<int>());
  ASSERT_EQ(inst2.post(batch_path + "/parts?commit=true",
                       "identity_no,name,education,years_in_trade,prior_level,prior_cert_date,apprenticeship,review\n" +
                           person + ",考生,college,8,,,no,admitted\n").status, 202);
  nlohmann::json done = nlohmann::json::object();
  for (int i = 0; i < 200 && done.value("status", "") != "refused" && done.value("status", "") != "applied"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    done = inst2.get(batch_path).json();
  }
  ASSERT_EQ(done["status"], "refused") << done.dump();
  EXPECT_EQ(done["errors"][0], nlohmann::json({{"row", 0}, {"field", "plan_id"}, {"problem", "S20 status:suspended"}}));
  EXPECT_EQ(inst2.get(plan_path + "/candidates").json()["total"], 0);
  auto sanctions = anonymous().get(published).json();
  ASSERT_EQ(sanctions["total"], 1);
  EXPECT_EQ(sanctions["items"][0]["article"], "S20");

  // S20(6): the deadline passes without a verified rectification; the daily job opens a case,
  // escalated to S21(1) by the notice in force.
  auto daily = run_skillreg({"daily", "--as-of", today_plus(11), "--force"}, db_->url());
  ASSERT_EQ(daily.exit_code, 0) << daily.output;
  auto drafts = yinzhou.get("/api/v1/cases?status=draft&institution_id=" + std::to_string(id)).json();
  nlohmann::json third;
  for (const auto& c : drafts["items"])
    if (c["origin"] == "daily_job") third = c;
  ASSERT_FALSE(third.is_null()) << drafts.dump();
  EXPECT_EQ(third["measure"], "cancellation");
  EXPECT_EQ(third["items"], nlohmann::json({"S20(6)", "S21(1)"}));
  ASSERT_EQ(run_skillreg({"daily", "--as-of", today_plus(12), "--force"}, db_->url()).exit_code, 0);
  EXPECT_EQ(yinzhou.get("/api/v1/cases?status=draft&institution_id=" + std::to_string(id)).json()["total"], 1)
      << "a due item is opened once";

  // S23, S24: the cancellation after proposal, service and the statement window.
  const std::string cancel = case_path(third);
  ASSERT_EQ(yinzhou.post_json(cancel + "/propose", {{"reasons", "未按期完成整改"}, {"basis", "第二十一条(一)"}}).status, 200);
  ASSERT_EQ(yinzhou.post_json(cancel + "/serve", {{"method", "announcement"}, {"served_on", today_plus(0)}}).status, 200);
  auto early = yinzhou.post_json(cancel + "/decide", {{"outcome", "upheld"}, {"reasons", "x"}});
  EXPECT_EQ(early.status, 409) << "S24: the statement window is open";
  EXPECT_EQ(early.json()["error"]["article"], "S24");
  ASSERT_EQ(inst2.post_json(cancel + "/statements", {{"text", "整改已完成，请求从轻处理。"}}).status, 200);
  auto cancelled = yinzhou.post_json(cancel + "/decide", {{"outcome", "upheld"}, {"reasons", "整改逾期，取消评价资格"}});
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(yinzhou.get("/api/v1/institutions/" + std::to_string(id)).json()["status"], "revoked");
  EXPECT_EQ(yinzhou.get(plan_path).json()["status"], "cancelled") << "S21: open plans closed";
  EXPECT_EQ(anonymous().get("/api/v1/public/institutions/" + code).status, 404) << "out of the directory";
  auto applicant = as("province").post_json("/api/v1/users", {{"username", "reapply"}, {"display_name", "重新申请"},
                                                              {"password", "apply-as-2026"}, {"role", "institution_admin"},
                                                              {"region_code", "330212"}});
  ASSERT_EQ(applicant.status, 201);
  HttpClient again(server_->port());
  again.set_token(login(again, "reapply", "apply-as-2026"));
  auto barred = again.post_json("/api/v1/applications", {{"kind", "employer"}, {"credit_code", credit}, {"name", "改名后的机构"},
                                                         {"address", "鄞州大道2号"}, {"region_code", "330212"},
                                                         {"contact", "张三"}, {"phone", "0574-1"}, {"checklist", nlohmann::json::array()},
                                                         {"scope", {{{"subject_code", subject}, {"levels", {level}}}}}});
  EXPECT_EQ(barred.status, 409) << barred.body;
  EXPECT_EQ(barred.json()["error"]["article"], "S21");

  // S24: on review the cancellation is overturned; the institution is back (still suspended by
  // the notice), the credit code is no longer barred, and the public list marks it reversed.
  ASSERT_EQ(inst2.post_json(cancel + "/review-requests", {{"text", "整改已于期满前完成，有验收记录为证。"}}).status, 200);
  auto reviewed = yinzhou.post_json(cancel + "/review-decision", {{"outcome", "overturned"}, {"reasons", "经复核，整改已按期完成"}});
  ASSERT_EQ(reviewed.status, 200) << reviewed.body;
  EXPECT_EQ(reviewed.json()["in_force"], false);
  EXPECT_EQ(yinzhou.get("/api/v1/institutions/" + std::to_string(id)).json()["status"], "suspended");
  auto reapplied = again.post_json("/api/v1/applications", {{"kind", "employer"}, {"credit_code", credit}, {"name", "改名后的机构"},
                                                            {"address", "鄞州大道2号"}, {"region_code", "330212"},
                                                            {"contact", "张三"}, {"phone", "0574-1"}, {"checklist", nlohmann::json::array()},
                                                            {"scope", {{{"subject_code", subject}, {"levels", {level}}}}}});
  if (reapplied.status >= 400) {
    EXPECT_NE(reapplied.json()["error"].value("article", ""), "S21") << reapplied.body;
  }
  auto final_list = anonymous().get(published).json();
  ASSERT_EQ(final_list["total"], 2);
  for (const auto& s : final_list["items"]) EXPECT_EQ(s["reversed"], s["article"] == "S21") << s.dump();

  // A case opened from an inspection links it as evidence; another institution's record is refused.
  auto from_inspection = yinzhou.post_json("/api/v1/cases", {{"institution_id", id}, {"items", {"S19(3)"}}, {"facts", "检查发现"},
                                                             {"origin", "inspection"}, {"origin_id", 987654}});
  EXPECT_EQ(from_inspection.status, 422) << from_inspection.body;

  // S20: a passed inspection after the decision verifies the rectification; the suspension ends.
  auto check = yinzhou.post_json("/api/v1/inspections", {{"institution_id", id}, {"kind", "special"}, {"mode", "document_review"},
                                                         {"scheduled_on", today_plus(0)}, {"checklist", {"S9(3)-1"}}});
  ASSERT_EQ(check.status, 201) << check.body;
  const std::string ins = "/api/v1/inspections/" + std::to_string(check.json()["id"].get<int>());
  ASSERT_EQ(yinzhou.post(ins + "/start", "").status, 200);
  ASSERT_EQ(yinzhou.put_json(ins + "/findings", {{"items", {{{"code", "S9(3)-1"}, {"finding", "compliant"}}}}}).status, 200);
  ASSERT_EQ(yinzhou.post_json(ins + "/complete", {{"outcome", "pass"}, {"report", "整改到位"}}).status, 200);
  auto linked = yinzhou.post_json("/api/v1/cases", {{"institution_id", id}, {"items", {"S19(3)"}}, {"facts", "检查发现"},
                                                    {"origin", "inspection"}, {"origin_id", check.json()["id"]}});
  ASSERT_EQ(linked.status, 201) << linked.body;
  EXPECT_EQ(linked.json()["evidence"][0]["type"], "inspection");
  ASSERT_EQ(yinzhou.post_json(case_path(linked.json()) + "/close", nlohmann::json::object()).json()["status"], "dropped");
  auto verified = yinzhou.post_json(case_path(second) + "/rectification", {{"inspection_id", check.json()["id"]}});
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_EQ(yinzhou.get("/api/v1/institutions/" + std::to_string(id)).json()["status"], "active");

  // S8, S11: the archive holds the cases.
  const auto archive = yinzhou.get("/api/v1/institutions/" + std::to_string(id) + "/archive").json();
  int sanctions_seen = 0;
  for (const auto& e : archive["timeline"]) sanctions_seen += e["type"] == "sanction";
  EXPECT_EQ(sanctions_seen, 3);
  EXPECT_EQ(archive["standing"]["level"], "key") << "a written notice in force within 24 months";

  // S19, S20, S23, S24: the documents of each step, as PDF with the Chinese text.
  const std::string name = institution["name"];
  EXPECT_THAT(pdf_text(yinzhou, case_path(first) + "/documents/interview-notice.pdf"),
              AllOf(HasSubstr("约谈通知书"), HasSubstr(first["case_no"].get<std::string>()), HasSubstr(name)));
  EXPECT_THAT(pdf_text(inst2, case_path(second) + "/documents/rectification-notice.pdf"),
              AllOf(HasSubstr("整改通知书"), HasSubstr("暂停"), HasSubstr("第二十条")));
  EXPECT_THAT(pdf_text(yinzhou, cancel + "/documents/prior-notice.pdf"),
              AllOf(HasSubstr("处理决定事先告知书"), HasSubstr("未按期完成整改"), HasSubstr("陈述和申辩")));
  EXPECT_THAT(pdf_text(yinzhou, cancel + "/documents/decision.pdf"), AllOf(HasSubstr("处理决定书"), HasSubstr("取消评价资格")));
  EXPECT_THAT(pdf_text(inst2, cancel + "/documents/review-decision.pdf"),
              AllOf(HasSubstr("复核决定书"), HasSubstr("撤销原处理决定"), HasSubstr("经复核，整改已按期完成")));
  EXPECT_EQ(yinzhou.get(case_path(second) + "/documents/review-decision.pdf").status, 409) << "not reviewed";
  EXPECT_EQ(yinzhou.get(case_path(second) + "/documents/verdict.pdf").status, 404);
  EXPECT_EQ(as("ningbo").get(cancel + "/documents/decision.pdf").status, 200) << "宁波市 is above 鄞州区";
  EXPECT_EQ(as("hangzhou").get(cancel + "/documents/decision.pdf").status, 404);

  auto audit = run_skillreg({"audit", "verify"}, db_->url());
  EXPECT_EQ(audit.exit_code, 0) << audit.output;
}

TEST_P(Enforcement, S18_AVoidedCertificateShowsItsReasonUntilAReviewRestoresIt) {
  auto yinzhou = as("yinzhou");
  auto inst2 = as("inst2");
  const auto id = inst2.get("/api/v1/auth/me").json()["user"]["institution_id"].get<std::int64_t>();
  const std::string code = yinzhou.get("/api/v1/institutions/" + std::to_string(id)).json()["code"];
  // A candidate of an inst2 plan with a certificate, written as an operator would restore one
  // (issuing one through the API needs the results publicity to have run).
  std::string identity;
  const auto placed = plan_with_candidate(inst2, id, "33021219900101123", identity);
  ASSERT_NE(placed.candidate, 0);
  const std::string cert = code + "265000001";
  insert_restored_certificate(*db_, {cert, placed.candidate, placed.plan, id, "张三", identity, "6-31-01-03", 5});
  const std::string check = "/api/v1/public/certificates/verify?cert_no=" + cert + "&name=%E5%BC%A0%E4%B8%89";
  ASSERT_EQ(anonymous().get(check).json()["status"], "valid");

  auto c = open_to_statement(yinzhou, inst2, id, {"S18(1)"}, "考生张三工作年限不符合五级申报条件");
  EXPECT_EQ(c["measure"], "void_results");
  EXPECT_EQ(yinzhou.post_json(case_path(c) + "/decide", {{"outcome", "upheld"}, {"reasons", "资格不符"}}).status, 422)
      << "the certificates to void are named";
  auto decided = yinzhou.post_json(case_path(c) + "/decide", {{"outcome", "upheld"}, {"reasons", "资格不符，证书无效"},
                                                              {"certificates", {cert}}});
  ASSERT_EQ(decided.status, 200) << decided.body;
  auto voided = anonymous().get(check).json();
  EXPECT_EQ(voided["status"], "voided");
  EXPECT_NE(voided["reason"].get<std::string>().find("S18(1)"), std::string::npos) << voided.dump();

  ASSERT_EQ(inst2.post_json(case_path(c) + "/review-requests", {{"text", "该考生另有技工学校毕业证书。"}}).status, 200);
  ASSERT_EQ(yinzhou.post_json(case_path(c) + "/review-decision", {{"outcome", "overturned"}, {"reasons", "符合技工学校毕业路径"}}).status, 200);
  EXPECT_EQ(anonymous().get(check).json()["status"], "valid");
}

// S18 宣布有关参评人员证书或评价成绩无效 before any certificate was issued: the decision names the
// candidates, whose results become void (no score changes them, no certificate is issued on
// them) until a review overturns it and gives the results back.
TEST_P(Enforcement, S18_ResultsDeclaredVoidWithoutACertificateHoldUntilAReviewRestoresThem) {
  auto yinzhou = as("yinzhou");
  auto inst2 = as("inst2");
  const auto id = inst2.get("/api/v1/auth/me").json()["user"]["institution_id"].get<std::int64_t>();
  std::string identity;
  const auto placed = plan_with_candidate(inst2, id, "33021219900101124", identity);
  const std::string plan_path = placed.plan_path();
  const auto zhang = placed.candidate;
  ASSERT_NE(zhang, 0);
  // The exam is held and scored (written as the session's record would be; the session is ahead).
  exec_sql(*db_, "INSERT INTO scores (candidate_id, part, score, recorded_at) VALUES (" + std::to_string(zhang) +
                     ", 'theory', 75, 0)");
  exec_sql(*db_, "UPDATE candidates SET result = 'passed' WHERE id = " + std::to_string(zhang));
  auto result_of_zhang = [&] {
    const auto list = inst2.get(plan_path + "/candidates").json();
    for (const auto& c : list["items"])
      if (c["id"] == zhang) return c["result"].get<std::string>();
    return std::string("absent");
  };
  ASSERT_EQ(result_of_zhang(), "passed");

  auto c = open_to_statement(yinzhou, inst2, id, {"S18(2)"}, "考生张三在理论考试中舞弊");
  auto stranger = yinzhou.post_json(case_path(c) + "/decide", {{"outcome", "upheld"}, {"reasons", "舞弊属实"},
                                                              {"candidates", {zhang, 999999}}});
  EXPECT_EQ(stranger.status, 422) << stranger.body;
  EXPECT_THAT(stranger.body, HasSubstr("not_a_candidate_of_the_institution"));
  EXPECT_EQ(result_of_zhang(), "passed") << "a refused decision changes nothing";
  auto twice = yinzhou.post_json(case_path(c) + "/decide", {{"outcome", "upheld"}, {"reasons", "舞弊属实"},
                                                           {"candidates", {zhang, zhang}}});
  EXPECT_EQ(twice.status, 422) << twice.body;
  EXPECT_EQ(twice.json()["error"]["details"][0]["field"], "candidates[1]");
  EXPECT_EQ(twice.json()["error"]["details"][0]["problem"], "duplicate");

  auto decided = yinzhou.post_json(case_path(c) + "/decide", {{"outcome", "upheld"}, {"reasons", "舞弊属实，成绩无效"},
                                                              {"candidates", {zhang}}});
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(decided.json()["candidates"][0]["name"], "张三");
  EXPECT_EQ(decided.json()["effects"]["results_voided"][0]["prior"], "passed");
  EXPECT_EQ(result_of_zhang(), "voided");
  EXPECT_THAT(pdf_text(yinzhou, case_path(c) + "/documents/decision.pdf"), HasSubstr("宣布下列参评人员评价成绩无效：张三"));
  // No score changes a voided result, not even after the publication rules would allow one.
  auto rescored = inst2.post_json(plan_path + "/scores", {{"items", {{{"candidate_id", zhang}, {"part", "theory"}, {"score", 90}}}}});
  EXPECT_EQ(rescored.status, 422) << rescored.body;
  EXPECT_THAT(rescored.body, HasSubstr("result_voided"));
  EXPECT_EQ(result_of_zhang(), "voided");

  ASSERT_EQ(inst2.post_json(case_path(c) + "/review-requests", {{"text", "监控录像显示该考生并无舞弊行为。"}}).status, 200);
  ASSERT_EQ(yinzhou.post_json(case_path(c) + "/review-decision", {{"outcome", "overturned"}, {"reasons", "录像不能证明舞弊"}}).status, 200);
  EXPECT_EQ(result_of_zhang(), "passed") << "the review gives the result back";
}

TEST_P(Enforcement, S20_3_AnInspectionTheInstitutionRefusedProposesANoticeThroughTheDailyJob) {
  auto yinzhou = as("yinzhou");
  auto inst2 = as("inst2");
  const auto id = inst2.get("/api/v1/auth/me").json()["user"]["institution_id"].get<std::int64_t>();
  const std::string cases = "/api/v1/cases?status=draft&institution_id=" + std::to_string(id);
  const auto s20_3_drafts = [&] {
    const auto drafts = yinzhou.get(cases).json();
    int n = 0;
    for (const auto& c : drafts["items"])
      for (const auto& item : c["items"]) n += c["origin"] == "daily_job" && item == "S20(3)";
    return n;
  };
  ASSERT_EQ(run_skillreg({"daily", "--as-of", today_plus(1), "--force"}, db_->url()).exit_code, 0);
  ASSERT_EQ(s20_3_drafts(), 0);

  auto check = yinzhou.post_json("/api/v1/inspections", {{"institution_id", id}, {"kind", "special"}, {"mode", "onsite_overt"},
                                                         {"scheduled_on", today_plus(0)}, {"checklist", {"S9(3)-1"}}});
  ASSERT_EQ(check.status, 201) << check.body;
  const std::string ins = "/api/v1/inspections/" + std::to_string(check.json()["id"].get<int>());
  EXPECT_EQ(inst2.post_json(ins + "/cancel", {{"reason", "不需要"}, {"refused", true}}).status, 403)
      << "only the authority records a refusal";
  EXPECT_EQ(yinzhou.post_json(ins + "/cancel", {{"reason", "x"}, {"refused", "yes"}}).status, 400) << "a wrong type";
  auto cancelled = yinzhou.post_json(ins + "/cancel", {{"reason", "机构拒绝检查组进入评价场所"}, {"refused", true}});
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(cancelled.json()["refused"], true);
  EXPECT_FALSE(cancelled.json()["cancelled_at"].is_null());

  ASSERT_EQ(run_skillreg({"daily", "--as-of", today_plus(2), "--force"}, db_->url()).exit_code, 0);
  EXPECT_EQ(s20_3_drafts(), 1) << yinzhou.get(cases).body;
  ASSERT_EQ(run_skillreg({"daily", "--as-of", today_plus(3), "--force"}, db_->url()).exit_code, 0);
  EXPECT_EQ(s20_3_drafts(), 1) << "a due item is opened once";
}

// S20 暂停评价活动并限期整改: the institution stays suspended while any written notice in force
// still awaits its rectification and is active again once none does — whichever notice is
// verified or reversed on review (S24) first, and whether or not it was already suspended when a
// notice was decided. Every step is the institution's status after it.
TEST_P(Enforcement, S20_S24_TheSuspensionLastsWhileAnyNoticeInForceAwaitsItsRectification) {
  auto yinzhou = as("yinzhou");
  auto inst2 = as("inst2");
  const auto id = inst2.get("/api/v1/auth/me").json()["user"]["institution_id"].get<std::int64_t>();
  const auto status = [&] { return yinzhou.get("/api/v1/institutions/" + std::to_string(id)).json()["status"]; };
  const auto decide_notice = [&](const nlohmann::json& c, const std::string& outcome) {
    nlohmann::json body{{"outcome", outcome}, {"reasons", "暂停评价活动，限期整改"}, {"rectification_due", today_plus(10)}};
    if (outcome == "changed") body["measure"] = "notice";
    auto r = yinzhou.post_json(case_path(c) + "/decide", body);
    EXPECT_EQ(r.status, 200) << r.body;
  };
  const auto review = [&](const nlohmann::json& c, nlohmann::json decision) {
    ASSERT_EQ(inst2.post_json(case_path(c) + "/review-requests", {{"text", "请求复核。"}}).status, 200);
    auto r = yinzhou.post_json(case_path(c) + "/review-decision", decision);
    ASSERT_EQ(r.status, 200) << r.body;
  };
  std::int64_t inspection = 0;
  const auto verify = [&](const nlohmann::json& c) {
    auto r = yinzhou.post_json(case_path(c) + "/rectification", {{"inspection_id", inspection}});
    ASSERT_EQ(r.status, 200) << r.body;
  };
  ASSERT_EQ(status(), "active");

  // Two notices at once, both proposed before either is decided; the second finds the
  // institution suspended already.
  const auto a = open_to_statement(yinzhou, inst2, id, {"S20(2)"}, "超出备案地域范围开展评价");
  const auto b = open_to_statement(yinzhou, inst2, id, {"S20(7)"}, "招生简章宣传“包过”");
  ASSERT_EQ(a["measure"], "notice");
  ASSERT_EQ(b["measure"], "notice");
  decide_notice(a, "upheld");
  decide_notice(b, "upheld");
  EXPECT_EQ(status(), "suspended");
  inspection = passed_inspection(yinzhou, id);
  verify(a);
  EXPECT_EQ(status(), "suspended") << "the second notice still awaits its rectification";
  verify(b);
  EXPECT_EQ(status(), "active") << "no notice awaits its rectification";

  // S21(1) after those notices, lightened on review to a notice: only its own rectification
  // keeps the institution suspended; the notices verified before do not.
  const auto c = open_to_statement(yinzhou, inst2, id, {"S20(5)"}, "投诉举报未及时处理");
  ASSERT_EQ(c["measure"], "cancellation");
  ASSERT_EQ(yinzhou.post_json(case_path(c) + "/decide", {{"outcome", "upheld"}, {"reasons", "书面通知后再次违反"}}).status, 200);
  EXPECT_EQ(status(), "revoked");
  review(c, {{"outcome", "changed"}, {"measure", "notice"}, {"reasons", "情节较轻，改为书面通知"}});
  EXPECT_EQ(status(), "suspended");
  verify(c);
  EXPECT_EQ(status(), "active") << "the notices verified before hold nothing";

  // Two notices again: one verified, then the other (decided while suspended) overturned on review.
  const auto d = open_to_statement(yinzhou, inst2, id, {"S20(2)"}, "再次超出备案地域范围开展评价");
  const auto e = open_to_statement(yinzhou, inst2, id, {"S20(7)"}, "再次宣传“包过”");
  decide_notice(d, "changed");
  decide_notice(e, "changed");
  EXPECT_EQ(status(), "suspended");
  verify(d);
  EXPECT_EQ(status(), "suspended") << "the other notice still awaits its rectification";
  review(e, {{"outcome", "overturned"}, {"reasons", "宣传材料非本机构发布"}});
  EXPECT_EQ(status(), "active") << "the notice overturned held the last suspension";
  // The notice verified is reversed too: nothing changes, nothing is left suspended.
  review(d, {{"outcome", "overturned"}, {"reasons", "经复核，未超出范围"}});
  EXPECT_EQ(status(), "active");

  auto audit = run_skillreg({"audit", "verify"}, db_->url());
  EXPECT_EQ(audit.exit_code, 0) << audit.output;
}

// S18, S20: a case naming an S18 item beside an S20 one voids the certificates it names and
// suspends the institution. Verifying the rectification ends the suspension only: the
// certificates stay void until a review says otherwise.
TEST_P(Enforcement, S18_S20_VerifyingTheRectificationLeavesTheCertificatesVoid) {
  auto yinzhou = as("yinzhou");
  auto inst2 = as("inst2");
  const auto id = inst2.get("/api/v1/auth/me").json()["user"]["institution_id"].get<std::int64_t>();
  const std::string code = yinzhou.get("/api/v1/institutions/" + std::to_string(id)).json()["code"];
  std::string identity;
  const auto placed = plan_with_candidate(inst2, id, "33021219900101125", identity);
  ASSERT_NE(placed.candidate, 0);
  const std::string cert = code + "265000002";
  insert_restored_certificate(*db_, {cert, placed.candidate, placed.plan, id, "张三", identity, "6-31-01-03", 5});
  const std::string check = "/api/v1/public/certificates/verify?cert_no=" + cert + "&name=%E5%BC%A0%E4%B8%89";
  ASSERT_EQ(anonymous().get(check).json()["status"], "valid");

  const auto c = open_to_statement(yinzhou, inst2, id, {"S18(1)", "S20(2)"}, "超出备案等级范围评价，考生张三不符合申报条件");
  ASSERT_EQ(c["measure"], "notice");
  ASSERT_EQ(c["voids_results"], true);
  auto decided = yinzhou.post_json(case_path(c) + "/decide", {{"outcome", "upheld"}, {"reasons", "证书无效，暂停评价活动"},
                                                              {"certificates", {cert}}, {"rectification_due", today_plus(10)}});
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(anonymous().get(check).json()["status"], "voided");
  EXPECT_EQ(yinzhou.get("/api/v1/institutions/" + std::to_string(id)).json()["status"], "suspended");

  auto verified = yinzhou.post_json(case_path(c) + "/rectification", {{"inspection_id", passed_inspection(yinzhou, id)}});
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_EQ(yinzhou.get("/api/v1/institutions/" + std::to_string(id)).json()["status"], "active");
  EXPECT_EQ(anonymous().get(check).json()["status"], "voided") << "S18: the rectification does not make it valid again";
  EXPECT_EQ(verified.json()["effects"]["voided"], nlohmann::json::array({cert})) << "a review can still restore it";
}

// S23 告知拟作出的处理决定: the decision imposes the measure the institution was told of and heard
// on, or a lighter one. A heavier one is refused (422 naming S23) and takes no effect; it would
// need a new prior notice.
TEST_P(Enforcement, S23_TheDecisionImposesNoHeavierMeasureThanTheOneNotified) {
  auto yinzhou = as("yinzhou");
  auto inst2 = as("inst2");
  const auto id = inst2.get("/api/v1/auth/me").json()["user"]["institution_id"].get<std::int64_t>();
  const std::string institution = "/api/v1/institutions/" + std::to_string(id);
  const auto refused_as_heavier = [&](const nlohmann::json& c, const std::string& outcome, const std::string& measure) {
    auto r = yinzhou.post_json(case_path(c) + "/decide", {{"outcome", outcome}, {"measure", measure}, {"reasons", "从重处理"},
                                                          {"rectification_due", today_plus(10)}});
    EXPECT_EQ(r.status, 422) << outcome << " " << measure << ": " << r.body;
    const auto error = r.json()["error"];
    EXPECT_EQ(error["code"], "validation_failed");
    EXPECT_EQ(error["article"], "S23");
    EXPECT_EQ(error["details"], nlohmann::json::array({{{"field", "measure"}, {"problem", "heavier_than_notified"}}}));
  };

  // An interview notified: neither a notice nor a cancellation may be decided instead.
  const auto interview = open_to_statement(yinzhou, inst2, id, {"S19(10)"}, "证书数据逾期30日未上报");
  ASSERT_EQ(interview["measure"], "interview");
  refused_as_heavier(interview, "changed", "notice");
  refused_as_heavier(interview, "changed", "cancellation");
  refused_as_heavier(interview, "upheld", "cancellation");
  const auto unchanged = yinzhou.get(case_path(interview)).json();
  EXPECT_EQ(unchanged["status"], "served");
  EXPECT_EQ(unchanged["measure"], "interview");
  EXPECT_TRUE(unchanged["decision"].is_null());
  EXPECT_EQ(yinzhou.get(institution).json()["status"], "active") << "nothing took effect";
  // The measure notified itself may be decided.
  auto same = yinzhou.post_json(case_path(interview) + "/decide", {{"outcome", "upheld"}, {"measure", "interview"}, {"reasons", "约谈"},
                                                                   {"interview_on", today_plus(3)}});
  ASSERT_EQ(same.status, 200) << same.body;
  EXPECT_EQ(same.json()["measure"], "interview");

  // A notice notified: not a cancellation, but an interview.
  const auto notice = open_to_statement(yinzhou, inst2, id, {"S20(2)"}, "超出备案地域范围开展评价");
  ASSERT_EQ(notice["measure"], "notice");
  refused_as_heavier(notice, "changed", "cancellation");
  EXPECT_EQ(yinzhou.get(institution).json()["status"], "active");
  auto lighter = yinzhou.post_json(case_path(notice) + "/decide", {{"outcome", "changed"}, {"measure", "interview"}, {"reasons", "情节轻微"},
                                                                   {"interview_on", today_plus(3)}});
  ASSERT_EQ(lighter.status, 200) << lighter.body;
  EXPECT_EQ(lighter.json()["measure"], "interview");
  EXPECT_EQ(yinzhou.get(institution).json()["status"], "active") << "an interview suspends nothing";
}

// S23, S24: the prior notice and the decision say what they announced when they were issued. A
// change at the decision and another on review put other measures in force without rewriting
// either document; the review decision names the measure it changed to.
TEST_P(Enforcement, S23_S24_ThePriorNoticeAndTheDecisionKeepTheMeasureTheyAnnounced) {
  auto yinzhou = as("yinzhou");
  auto inst2 = as("inst2");
  const auto id = inst2.get("/api/v1/auth/me").json()["user"]["institution_id"].get<std::int64_t>();
  const auto c = open_to_statement(yinzhou, inst2, id, {"S20(2)"}, "超出备案地域范围开展评价");
  ASSERT_EQ(c["measure"], "notice");
  const std::string path = case_path(c);
  auto decided = yinzhou.post_json(path + "/decide", {{"outcome", "changed"}, {"measure", "interview"}, {"reasons", "情节轻微，改为约谈"},
                                                      {"interview_on", today_plus(3)}, {"interview_place", "鄞州区人社局"}});
  ASSERT_EQ(decided.status, 200) << decided.body;
  ASSERT_EQ(inst2.post_json(path + "/review-requests", {{"text", "请求进一步从轻处理。"}}).status, 200);
  auto reviewed = yinzhou.post_json(path + "/review-decision", {{"outcome", "changed"}, {"measure", "void_results"},
                                                                {"reasons", "经复核，仅涉及个别考生"}});
  ASSERT_EQ(reviewed.status, 200) << reviewed.body;
  EXPECT_EQ(reviewed.json()["proposed_measure"], "notice");
  EXPECT_EQ(reviewed.json()["decided_measure"], "interview");
  EXPECT_EQ(reviewed.json()["measure"], "void_results");

  const std::string notice_words = "出具书面通知，暂停评价活动并限期整改";
  const std::string interview_words = "对你机构主要负责人进行约谈";
  const std::string void_words = "宣布有关参评人员证书或评价成绩无效";
  EXPECT_THAT(pdf_text(inst2, path + "/documents/prior-notice.pdf"),
              AllOf(HasSubstr("第二十条，本机关拟对你机构作出如下处理：" + notice_words), Not(HasSubstr(interview_words)),
                    Not(HasSubstr(void_words))));
  EXPECT_THAT(pdf_text(inst2, path + "/documents/decision.pdf"),
              AllOf(HasSubstr("第十九条，决定：" + interview_words), Not(HasSubstr(notice_words)), Not(HasSubstr(void_words))));
  EXPECT_THAT(pdf_text(inst2, path + "/documents/review-decision.pdf"),
              AllOf(HasSubstr("变更原处理决定"), HasSubstr("变更后的处理为：" + void_words)));
}

// S23 相关事实、理由和依据: the evidence a case names by number is an existing record of the
// institution the case is against, so the case page's links lead somewhere and the notice cites it.
TEST_P(Enforcement, S23_EvidenceNamedByNumberIsAnExistingRecordOfTheInstitution) {
  auto yinzhou = as("yinzhou");
  auto inst2 = as("inst2");
  const auto id = inst2.get("/api/v1/auth/me").json()["user"]["institution_id"].get<std::int64_t>();
  auto plan = inst2.post_json("/api/v1/plans", plan_body(inst2, id));
  ASSERT_EQ(plan.status, 201) << plan.body;
  const auto own_plan = plan.json()["id"].get<std::int64_t>();
  auto open = [&](nlohmann::json evidence) {
    return yinzhou.post_json("/api/v1/cases", {{"institution_id", id}, {"items", {"S19(1)"}}, {"facts", "计划未按规定公布"},
                                               {"evidence", std::move(evidence)}});
  };
  const auto cases_before = yinzhou.get("/api/v1/cases").json()["total"];
  auto missing = open({{{"type", "inspection"}, {"id", 999999}, {"note", ""}}, {{"type", "plan"}, {"id", own_plan}, {"note", ""}}});
  ASSERT_EQ(missing.status, 422) << missing.body;
  EXPECT_EQ(missing.json()["error"]["details"],
            nlohmann::json::array({{{"field", "evidence[0].id"}, {"problem", "not_a_record_of_the_institution"}}}));
  const auto others = as("hangzhou").get("/api/v1/inspections").json();  // the demo's draw in 杭州市
  ASSERT_GT(others["total"].get<int>(), 0) << others.dump().substr(0, 300);
  ASSERT_NE(others["items"][0]["institution_id"].get<std::int64_t>(), id);
  auto elsewhere = open({{{"type", "inspection"}, {"id", others["items"][0]["id"]}, {"note", ""}}});
  EXPECT_EQ(elsewhere.status, 422) << elsewhere.body;
  EXPECT_EQ(yinzhou.get("/api/v1/cases").json()["total"], cases_before) << "nothing opened";

  // A certificate is named by its number, and must be one the institution issued. The demo's one
  // certificate is of an institution the province supervises directly.
  auto province = as("province");
  const auto certs = province.get("/api/v1/certificates?page_size=1").json();
  ASSERT_GT(certs["total"].get<int>(), 0) << certs.dump().substr(0, 300);
  const std::string other_cert = certs["items"][0]["cert_no"];
  const auto cert_holder = certs["items"][0]["institution_id"].get<std::int64_t>();
  ASSERT_NE(cert_holder, id);
  auto foreign = open({{{"type", "certificate"}, {"ref", other_cert}, {"note", ""}},
                       {{"type", "certificate"}, {"ref", other_cert.substr(0, 16) + "999999"}, {"note", ""}},
                       {{"type", "certificate"}, {"ref", "12345"}, {"note", ""}},
                       {{"type", "certificate"}, {"id", 3}, {"note", ""}},
                       {{"type", "document"}, {"id", 7}, {"note", ""}},
                       {{"type", "plan"}, {"note", "没有编号"}}});
  ASSERT_EQ(foreign.status, 422) << foreign.body;
  EXPECT_EQ(foreign.json()["error"]["details"],
            nlohmann::json::array({{{"field", "evidence[2].ref"}, {"problem", "length"}},
                                   {{"field", "evidence[3].id"}, {"problem", "not_applicable"}},
                                   {{"field", "evidence[3].ref"}, {"problem", "required"}},
                                   {{"field", "evidence[4].id"}, {"problem", "not_applicable"}},
                                   {{"field", "evidence[4].note"}, {"problem", "required"}},
                                   {{"field", "evidence[5].id"}, {"problem", "required"}},
                                   {{"field", "evidence[0].ref"}, {"problem", "not_a_record_of_the_institution"}},
                                   {{"field", "evidence[1].ref"}, {"problem", "not_a_record_of_the_institution"}}}))
      << "another institution's certificate and an unissued number are refused like a stranger's inspection";
  EXPECT_EQ(yinzhou.get("/api/v1/cases").json()["total"], cases_before) << "nothing opened";

  auto ok = open({{{"type", "plan"}, {"id", own_plan}, {"note", "计划公布记录"}},
                  {{"type", "document"}, {"ref", "鄞人社询〔2026〕3号"}, {"note", "现场笔录"}}});
  ASSERT_EQ(ok.status, 201) << ok.body;
  ASSERT_EQ(ok.json()["evidence"].size(), 2u);
  EXPECT_EQ(ok.json()["evidence"][1]["ref"], "鄞人社询〔2026〕3号");
  EXPECT_TRUE(ok.json()["evidence"][1]["id"].is_null());
  auto own = province.post_json("/api/v1/cases", {{"institution_id", cert_holder}, {"items", {"S19(10)"}},
                                                  {"facts", "证书数据逾期未上报"},
                                                  {"evidence", {{{"type", "certificate"}, {"ref", other_cert}, {"note", "发证后45日仍未上报"}}}}});
  ASSERT_EQ(own.status, 201) << own.body;
  const auto evidence = own.json()["evidence"];
  ASSERT_EQ(evidence.size(), 1u);
  EXPECT_EQ(evidence[0]["ref"], other_cert);
  EXPECT_EQ(province.get("/api/v1/cases/" + std::to_string(own.json()["id"].get<int>())).json()["evidence"], evidence)
      << "the links are kept as cited";
}

// S5 谁备案（遴选）、谁监管、谁负责: the office an institution is registered with carries its cases
// and every notice goes out in that office's name; the city above reads them but takes no step.
TEST_P(Enforcement, S5_S23_TheOfficeTheInstitutionIsRegisteredWithCarriesItsCases) {
  auto ningbo = as("ningbo");
  auto yinzhou = as("yinzhou");
  const auto id = as("inst2").get("/api/v1/auth/me").json()["user"]["institution_id"].get<std::int64_t>();
  ASSERT_EQ(yinzhou.get("/api/v1/institutions/" + std::to_string(id)).json()["authority_code"], "330212");
  const auto before = ningbo.get("/api/v1/cases").json()["total"];

  auto by_city = ningbo.post_json("/api/v1/cases", {{"institution_id", id}, {"items", {"S19(1)"}}, {"facts", "计划未按规定公布"}});
  ASSERT_EQ(by_city.status, 422) << by_city.body;
  EXPECT_EQ(by_city.json()["error"]["details"],
            nlohmann::json::array({{{"field", "institution_id"}, {"problem", "registered_with_another_office"}}}));
  EXPECT_EQ(ningbo.get("/api/v1/cases").json()["total"], before) << "nothing opened";

  auto opened = yinzhou.post_json("/api/v1/cases", {{"institution_id", id}, {"items", {"S19(1)"}}, {"facts", "计划未按规定公布"}});
  ASSERT_EQ(opened.status, 201) << opened.body;
  EXPECT_THAT(opened.json()["case_no"].get<std::string>(), HasSubstr("鄞"));
  const std::string path = case_path(opened.json());
  auto read = ningbo.get(path);
  EXPECT_EQ(read.status, 200) << "the city reads the county's case";
  auto step = ningbo.post_json(path + "/propose", {{"reasons", "经查属实"}, {"basis", "第十九条"}});
  EXPECT_EQ(step.status, 403) << step.body;
  EXPECT_THAT(step.body, HasSubstr("备案（遴选）机关"));
  EXPECT_EQ(ningbo.post_json(path + "/close", {{"record", "x"}}).status, 403);
  EXPECT_EQ(yinzhou.get(path).json()["status"], "draft") << "the city's attempts changed nothing";
  EXPECT_EQ(yinzhou.post_json(path + "/propose", {{"reasons", "经查属实"}, {"basis", "第十九条"}}).status, 200);
}

// S24 陈述申辩: the window after service is the province's policy (REQUIREMENTS.md §6, *default* 5
// working days), not a number in the code: a server told 2 days gives the institution 2.
TEST_P(Enforcement, S24_TheStatementWindowIsThePolicysNumberOfWorkingDays) {
  const auto window = [&](int days) {
    auto officer = as("yinzhou");
    const auto id = officer.get("/api/v1/institutions?page_size=1").json()["items"][0]["id"].get<std::int64_t>();
    auto opened = officer.post_json("/api/v1/cases", {{"institution_id", id}, {"items", {"S19(10)"}}, {"facts", "证书数据逾期"}});
    EXPECT_EQ(opened.status, 201) << opened.body;
    const std::string path = case_path(opened.json());
    EXPECT_EQ(officer.post_json(path + "/propose", {{"reasons", "逾期"}, {"basis", "第十九条"}}).status, 200);
    auto served = officer.post_json(path + "/serve", {{"method", "written"}, {"served_on", today_plus(0)}});
    EXPECT_EQ(served.status, 200) << served.body;
    const auto expected =
        anonymous().get("/api/v1/calendar/working-days?from=" + today_plus(0) + "&n=" + std::to_string(days)).json();
    EXPECT_EQ(served.json()["statement_due"], expected["date"]) << days << " working days";
  };
  window(5);
  restart_at(0, {"SKILLREG_STATEMENT_WORKING_DAYS=2"});
  window(2);
}

SKILLREG_ON_BOTH_BACKENDS(Enforcement);

}  // namespace skillreg::test
