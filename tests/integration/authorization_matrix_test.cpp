// The authorization matrix (S5 谁备案(遴选)、谁监管; issue 9 §1), generated from the server's own
// route table (/api/v1/openapi.json is rendered from it): every operation is called by every
// caller outside the scope of a fixture held by 西湖区 / 杭州市 and by the institution `inst` —
// the other city (ningbo), another city's county (yinzhou), the other institution (inst2), an
// examiner — and anonymously. It fails when
//   - a path parameter has no fixture object (a new route without a row),
//   - an outsider gets a 2xx from a non-public operation that names an inside object, or a 409
//     (which would reveal the object's state),
//   - an outsider's answer from any non-public operation contains a marker of the inside data,
//   - anything at all changes in the database,
//   - an anonymous caller gets anything but 401 from a session operation, or any call gets a 5xx.
#include <regex>
#include <set>

#include "core/clock.hpp"
#include "core/validators.hpp"
#include "support/fixture.hpp"
#include "support/sql.hpp"

namespace skillreg::test {

namespace {

constexpr const char* kMarker = "MATRIX";  // in every inside object's text

std::string at(int days, int hour) {
  const Date d = local_date(SystemClock{}.now()).add_days(days);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02d:00:00+08:00", d.to_string().c_str(), hour);
  return buf;
}

std::string credit_code(const std::string& org9) {
  const std::string first17 = "91330106" + org9;
  return first17 + credit_code_check_char(first17);
}

}  // namespace

class AuthorizationMatrix : public DemoProvinceTest {
 protected:
  // Object ids by path parameter; ":id" depends on the resource the path starts with.
  std::map<std::string, std::string> ids_;

  void build_fixture() {
    auto inst = as("inst");
    auto me = inst.get("/api/v1/institutions").json()["items"][0];
    ids_["institutions"] = std::to_string(me["id"].get<int>());
    ids_[":code"] = me["code"];
    auto site = inst.post_json("/api/v1/institutions/" + ids_["institutions"] + "/exam-sites",
                               {{"name", "MATRIX考点"}, {"address", "MATRIX路1号"}, {"region_code", "330106"}});
    ASSERT_EQ(site.status, 201) << site.body;
    ids_[":site"] = std::to_string(site.json()["id"].get<int>());
    auto plan = inst.post_json(
        "/api/v1/plans",
        {{"subject_code", "4-01-02-01"}, {"level", 4}, {"parts", {"theory"}}, {"exam_site_id", site.json()["id"]},
         {"planned_count", 30}, {"sessions", {{{"part", "theory"}, {"starts_at", at(9, 9)}, {"ends_at", at(9, 11)}, {"room", "MATRIX-ROOM"}}}}});
    ASSERT_EQ(plan.status, 201) << plan.body;
    ids_["plans"] = std::to_string(plan.json()["id"].get<int>());
    ASSERT_EQ(inst.post("/api/v1/plans/" + ids_["plans"] + "/publish", "").status, 200);
    char first17[18] = "33010619900101123";
    const std::string identity = std::string(first17) + identity_check_char(first17);
    auto cand = inst.post_json("/api/v1/plans/" + ids_["plans"] + "/candidates",
                               {{"identity_no", identity}, {"name", "MATRIX考生"}, {"education", "college"},
                                {"years_in_trade", 8}, {"review", "admitted"}});
    ASSERT_EQ(cand.status, 201) << cand.body;
    ids_[":candidate"] = std::to_string(cand.json()["id"].get<int>());
    // People of inst: an examiner and an internal supervisor, assigned to the plan's session (M16).
    auto person = [&](const char* path, const char* name, const char* seq) {
      char digits[18];
      std::snprintf(digits, sizeof digits, "3301061980020%s", seq);
      auto r = inst.post_json(path, {{"identity_no", std::string(digits) + identity_check_char(digits)}, {"name", name},
                                     {"qualifications", {{{"subject_code", "4-01-02-01"}, {"level", 2}, {"valid_until", "2030-12-31"}}}}});
      EXPECT_EQ(r.status, 201) << path << ": " << r.body;
      return std::to_string(r.json().value("id", 0));
    };
    ids_["examiners"] = person("/api/v1/examiners", "MATRIX考评员", "1111");
    ids_["supervisors"] = person("/api/v1/supervisors", "MATRIX督导员", "2222");
    const auto session = plan.json()["sessions"][0]["id"].get<int>();
    auto assignment = inst.post_json("/api/v1/plans/" + ids_["plans"] + "/assignments",
                                     {{"session_id", session}, {"person_id", std::stoi(ids_["supervisors"])}, {"role", "internal_supervisor"}});
    ASSERT_EQ(assignment.status, 201) << assignment.body;
    ids_[":assignment"] = std::to_string(assignment.json()["id"].get<int>());
    auto batch = inst.post_json("/api/v1/batches", {{"kind", "candidates"}, {"plan_id", plan.json()["id"]}});
    ASSERT_EQ(batch.status, 201) << batch.body;
    ids_["batches"] = std::to_string(batch.json()["id"].get<int>());
    // A certificate of the plan, written as an operator would restore it (issuing one through
    // the API needs the results publicity to have run).
    const std::string cert = me["code"].get<std::string>() + "264000001";
    insert_restored_certificate(*db_, {cert, std::stoll(ids_[":candidate"]), std::stoll(ids_["plans"]),
                                       std::stoll(ids_["institutions"]), "MATRIX考生", identity, "4-01-02-01", 4});
    ids_[":cert_no"] = cert;
    // Monitoring (S14): the plan's score, the institution's, a finished run and a sampling item of
    // the plan, written as the scorer would.
    ids_["monitoring/plans"] = ids_["plans"];
    ids_["monitoring/institutions"] = ids_["institutions"];
    exec_sql(*db_, "INSERT INTO monitoring_runs (kind, status, policy_version, as_of, started_at) VALUES"
                   " ('full', 'done', 1, '2026-01-01', 0)");
    ids_["monitoring/runs"] = query_text(*db_, "SELECT MAX(id) FROM monitoring_runs");
    exec_sql(*db_, "INSERT INTO sampling_queue (plan_id, institution_id, authority_code, site_region_code, reason,"
                   " overall, indicators, run_id, status, created_at) SELECT id, institution_id, authority_code,"
                   " site_region_code, 'critical', 50, 'MATRIX', 0, 'open', 0 FROM plans WHERE id = " + ids_["plans"]);
    ids_["monitoring/sampling"] = query_text(*db_, "SELECT MAX(id) FROM sampling_queue");

    // A draft application of a new applicant in 西湖区 to 杭州市's announcement, with evidence.
    auto province = as("province");
    auto user = province.post_json("/api/v1/users", {{"username", "matrixapp"}, {"display_name", "MATRIX申请人"},
                                                     {"password", "apply-as-2026"}, {"role", "institution_admin"},
                                                     {"region_code", "330106"}});
    ASSERT_EQ(user.status, 201) << user.body;
    ids_["users"] = std::to_string(user.json()["id"].get<int>());
    HttpClient applicant(server_->port());
    applicant.set_token(login(applicant, "matrixapp", "apply-as-2026"));
    std::int64_t announcement = 0;
    const auto announcements = anonymous().get("/api/v1/announcements?page_size=50").json();
    for (const auto& a : announcements["items"])
      if (a["region_code"] == "330100") announcement = a["id"].get<std::int64_t>();
    ASSERT_NE(announcement, 0);
    nlohmann::json checklist = nlohmann::json::array();
    for (const char* k : {"M7(1)", "M7(2)", "M7(3)", "M7(4)", "M7(5)", "M8(1)1", "M8(1)2", "M8(1)3"})
      checklist.push_back({{"key", k}, {"statement", "MATRIX"}});
    auto app = applicant.post_json("/api/v1/applications",
                                   {{"kind", "employer"}, {"announcement_id", announcement}, {"credit_code", credit_code("MA39MX1A1")},
                                    {"name", "MATRIX申请机构"}, {"address", "MATRIX路2号"}, {"region_code", "330106"},
                                    {"contact", "MATRIX"}, {"phone", "0571-1"}, {"checklist", checklist},
                                    {"scope", {{{"subject_code", "6-31-01-03"}, {"levels", {5}}}}}});
    ASSERT_EQ(app.status, 201) << app.body;
    ids_["applications"] = std::to_string(app.json()["id"].get<int>());
    auto ev = applicant.post("/api/v1/applications/" + ids_["applications"] + "/evidence?item=M7(1)&file_name=a.pdf",
                             "%PDF-1.4\nMATRIX\n%%EOF\n", {{"Content-Type", "application/pdf"}});
    ASSERT_EQ(ev.status, 201) << ev.body;
    ids_[":evidence"] = std::to_string(ev.json()["id"].get<int>());
    // The demo's application under public notice (杭州市) has an objection.
    auto hz = as("hangzhou");
    auto noticed = hz.get("/api/v1/applications?status=publicity").json()["items"][0];
    ids_["applications/objection"] = std::to_string(noticed["id"].get<int>());
    ids_[":objection"] = std::to_string(hz.get("/api/v1/applications/" + ids_["applications/objection"]).json()["objections"][0]["id"].get<int>());

    // Supervision (M27, S10, S17): 杭州市's roster, plan and committed draw, and its completed
    // inspection of `inst` with evidence and a rectification; a public complaint about `inst`.
    for (const char* name : {"MATRIX检查员甲", "MATRIX检查员乙"})
      ASSERT_EQ(hz.post_json("/api/v1/supervision/inspectors", {{"name", name}}).status, 201);
    auto splan = hz.post_json("/api/v1/supervision/plans", {{"year", local_date(SystemClock{}.now()).year},
                                                             {"title", "MATRIX监管计划"}, {"content", "MATRIX"},
                                                             {"sampling_share", 100}});
    ASSERT_EQ(splan.status, 201) << splan.body;
    ids_["supervision/plans"] = std::to_string(splan.json()["id"].get<int>());
    auto draw = hz.post_json("/api/v1/supervision/draws", {{"plan_id", splan.json()["id"]}});
    ASSERT_EQ(draw.status, 201) << draw.body;
    ids_["supervision/draws"] = std::to_string(draw.json()["id"].get<int>());
    ids_["public/draws"] = ids_["supervision/draws"];
    auto inspection = hz.post_json("/api/v1/inspections", {{"institution_id", std::stoi(ids_["institutions"])},
                                                             {"kind", "special"}, {"mode", "document_review"},
                                                             {"scheduled_on", local_date(SystemClock{}.now()).to_string()},
                                                             {"third_party", "MATRIX第三方"},
                                                             {"checklist", {"S9(3)-2"}}});
    ASSERT_EQ(inspection.status, 201) << inspection.body;
    ids_["inspections"] = std::to_string(inspection.json()["id"].get<int>());
    const std::string ins = "/api/v1/inspections/" + ids_["inspections"];
    ASSERT_EQ(hz.post(ins + "/start", "").status, 200);
    auto file = hz.post(ins + "/evidence?file_name=e.pdf", "%PDF-1.4\nMATRIX\n%%EOF\n",
                          {{"Content-Type", "application/pdf"}});
    ASSERT_EQ(file.status, 201) << file.body;
    ASSERT_EQ(hz.put_json(ins + "/findings", {{"items", {{{"code", "S9(3)-2"}, {"finding", "deficient"}, {"note", "MATRIX"}}}}}).status, 200);
    auto done = hz.post_json(ins + "/complete", {{"outcome", "issues_found"}, {"report", "MATRIX报告"},
                                                   {"rectifications", {{{"requirement", "MATRIX整改"},
                                                                        {"due_on", local_date(SystemClock{}.now()).add_days(30).to_string()}}}}});
    ASSERT_EQ(done.status, 200) << done.body;
    ids_[":rectification"] = std::to_string(done.json()["rectifications"][0]["id"].get<int>());
    auto complaint = anonymous().post_json("/api/v1/public/complaints", {{"institution_code", ids_[":code"]}, {"category", "fees"},
                                                                         {"content", "MATRIX 收费高于公示标准"}});
    ASSERT_EQ(complaint.status, 201) << complaint.body;
    ids_[":tracking_no"] = complaint.json()["tracking_no"];
    ids_["complaints"] = query_text(*db_, "SELECT MAX(id) FROM complaints");

    // Enforcement (S18–S24): 杭州市's case against `inst`, proposed and served.
    auto opened = hz.post_json("/api/v1/cases", {{"institution_id", std::stoi(ids_["institutions"])},
                                                {"items", {"S19(10)"}}, {"facts", "MATRIX 证书数据逾期"}});
    ASSERT_EQ(opened.status, 201) << opened.body;
    ids_["cases"] = std::to_string(opened.json()["id"].get<int>());
    ASSERT_EQ(hz.post_json("/api/v1/cases/" + ids_["cases"] + "/propose", {{"reasons", "MATRIX"}, {"basis", "MATRIX"}}).status, 200);
    ASSERT_EQ(hz.post_json("/api/v1/cases/" + ids_["cases"] + "/serve",
                           {{"method", "written"}, {"served_on", local_date(SystemClock{}.now()).to_string()}}).status, 200);
    ids_[":document"] = "prior-notice.pdf";
    // Reports (issue 10 §3): 西湖区's own report; the query names the region, so the other city and
    // county get 404 and the institution and the examiner 403.
    ids_[":name"] = "institutions?region_code=330106";
    // Notifications (issue 10): the served case and the complaint put notices in the inboxes of
    // `inst` and 杭州市; the newest is one of theirs. A calendar year for the province's upkeep.
    ids_["notifications"] = query_text(*db_, "SELECT MAX(id) FROM notifications");
    ASSERT_FALSE(ids_["notifications"].empty());
    ids_[":year"] = "2027";
  }

  // The concrete target of a documented path, or "" with a failure when a parameter has no row.
  std::string target_of(const std::string& path) {
    static const std::regex param("\\{([^}]+)\\}");
    const std::string resource = path.substr(std::string("/api/v1/").size(), path.find('/', 8) - 8);
    std::string out;
    std::size_t last = 0;
    for (std::sregex_iterator it(path.begin(), path.end(), param), end; it != end; ++it) {
      out += path.substr(last, std::size_t(it->position()) - last);
      const std::string name = (*it)[1].str();
      std::string value;
      if (name == "id") {
        std::string key = path.find("{objection}") != std::string::npos ? resource + "/objection" : resource;
        if (resource == "monitoring" || resource == "supervision" || resource == "public") {
          // /<resource>/<kind>/{id}: one object per kind
          const auto kind_start = std::string("/api/v1/").size() + resource.size() + 1;
          key += "/" + path.substr(kind_start, path.find('/', kind_start) - kind_start);
        }
        if (ids_.contains(key)) value = ids_.at(key);
      } else if (ids_.contains(":" + name)) {
        value = ids_.at(":" + name);
      }
      if (value.empty()) {
        ADD_FAILURE() << "no fixture object for {" << name << "} in " << path
                      << ": add a row to AuthorizationMatrix::build_fixture";
        return "";
      }
      out += value;
      last = std::size_t(it->position() + it->length());
    }
    return out + path.substr(last);
  }

  // Every table's row count and the state of the objects that have one.
  std::string database_state() {
    std::string state;
    for (const char* q : {"SELECT COUNT(*) FROM audit_log", "SELECT COUNT(*) FROM users", "SELECT COUNT(*) FROM sessions",
                          "SELECT COUNT(*) FROM plans", "SELECT COUNT(*) FROM plan_sessions", "SELECT COUNT(*) FROM candidates",
                          "SELECT COUNT(*) FROM scores", "SELECT COUNT(*) FROM batch_parts", "SELECT COUNT(*) FROM applications",
                          "SELECT COUNT(*) FROM application_reviews", "SELECT COUNT(*) FROM exam_sites",
                          "SELECT COUNT(*) FROM institution_changes", "SELECT COUNT(*) FROM renewals",
                          "SELECT COUNT(*) FROM evidence_files", "SELECT COUNT(*) FROM application_objections",
                          "SELECT COUNT(*) FROM certificates WHERE status = 'voided'", "SELECT COUNT(*) FROM people",
                          "SELECT COUNT(*) FROM assignments", "SELECT COUNT(*) FROM papers", "SELECT COUNT(*) FROM videos",
                          "SELECT COUNT(*) FROM plan_documents", "SELECT COUNT(*) FROM person_qualifications",
                          "SELECT COUNT(*) FROM monitoring_policies",
                          "SELECT COUNT(*) FROM sampling_queue WHERE status = 'done'",
                          "SELECT COUNT(*) FROM inspectors", "SELECT COUNT(*) FROM supervision_plans",
                          "SELECT COUNT(*) FROM draws", "SELECT COUNT(*) FROM inspections",
                          "SELECT COUNT(*) FROM inspection_evidence", "SELECT COUNT(*) FROM complaints",
                          "SELECT COUNT(*) FROM rectifications WHERE verified_on IS NOT NULL",
                          "SELECT COUNT(*) FROM cases", "SELECT COUNT(*) FROM case_statements"})
      state += query_text(*db_, q) + "/";
    for (const char* t : {"plans", "batches", "applications", "institutions", "exam_sites", "certificates", "candidates",
                          "draws", "inspections", "complaints", "cases"}) {
      const std::string col = std::string(t) == "candidates" ? "review" : "status";
      state += t + std::string(":");
      state += query_text(*db_, "SELECT COUNT(*) || '-' || COALESCE(MAX(" + col + "), '') || '-' || COALESCE(MIN(" + col +
                                    "), '') FROM " + t) + "/";
    }
    return state;
  }
};

TEST_P(AuthorizationMatrix, S5_NoCallerOutsideTheScopeReadsOrChangesAnything) {
  build_fixture();
  if (HasFailure()) return;
  const auto doc = anonymous().get("/api/v1/openapi.json").json();
  std::vector<std::pair<std::string, HttpClient>> outsiders;
  for (const char* who : {"ningbo", "yinzhou", "inst2", "examiner"}) outsiders.emplace_back(who, as(who));
  const auto before = database_state();
  int calls = 0;
  for (const auto& [path, ops] : doc["paths"].items()) {
    const std::string target = target_of(path);
    if (target.empty()) continue;
    for (const auto& [method, op] : ops.items()) {
      std::string m = method;
      for (auto& ch : m) ch = char(std::toupper(ch));
      const bool session = op.contains("security");
      const bool names_object = path.find('{') != std::string::npos;
      if (path == "/api/v1/auth/logout" || path == "/api/v1/auth/password" || path == "/api/v1/auth/login") continue;
      const std::string body = m == "GET" ? "" : "{}";
      // Anonymous: a session operation answers 401 and nothing else.
      auto anon = anonymous().request(m, target, body, {{"Content-Type", "application/json"}});
      if (session) {
        EXPECT_EQ(anon.status, 401) << m << " " << path;
      }
      EXPECT_LT(anon.status, 500) << m << " " << path << ": " << anon.body;
      if (!session) continue;
      for (auto& [who, client] : outsiders) {
        ++calls;
        auto r = client.request(m, target, body, {{"Content-Type", "application/json"}});
        EXPECT_LT(r.status, 500) << who << " " << m << " " << path << ": " << r.body;
        if (names_object) {
          EXPECT_TRUE(r.status == 400 || r.status == 403 || r.status == 404 || r.status == 422)
              << who << " " << m << " " << target << " answered " << r.status << ": " << r.body.substr(0, 300);
        }
        EXPECT_EQ(r.body.find(kMarker), std::string::npos)
            << who << " " << m << " " << target << " leaked inside data: " << r.body.substr(0, 300);
      }
    }
  }
  EXPECT_GT(calls, 200);
  EXPECT_EQ(database_state(), before) << "an outsider's call changed the database";
  // The inside callers do see the objects (the fixture is not empty by accident).
  EXPECT_NE(as("xihu").get("/api/v1/plans/" + ids_["plans"]).body.find(kMarker), std::string::npos);
  EXPECT_NE(as("hangzhou").get("/api/v1/plans/" + ids_["plans"] + "/candidates").body.find(kMarker), std::string::npos);
}

SKILLREG_ON_BOTH_BACKENDS(AuthorizationMatrix);

}  // namespace skillreg::test
