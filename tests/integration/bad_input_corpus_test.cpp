// The bad-input corpus (issue 9 §3; API.md "Errors"): hundreds of malformed and hostile requests,
// kept as data in bad_input/corpus.jsonl, run by this one driver against the real server on the
// demo province. Every one must be answered with its documented 4xx and the error body
// {"error":{"code","message","details"}}, none with a 5xx or a 2xx; afterwards the database is
// exactly as before (row counts of every table, every state column) and the server still serves.
//
// A corpus line is one JSON object:
//   name           unique, shown in every failure
//   family         the endpoint family it attacks (users, plans, query, …), for the counts
//   as             a demo user (province, hangzhou, xihu, ningbo, yinzhou, inst, inst2, examiner,
//                  inspector), "applicant" (the fixture's new applicant) or "anonymous"
//   method, target the request line; target is a string or a list of segments (see below)
//   content_type   optional: absent sends application/json, "" sends no Content-Type at all
//   headers        optional: extra request headers
//   body           optional: a string or a list of segments
//   expect_status, expect_code   the answer API.md documents for it
//   expect_detail  optional {"field","problem"}: one of the error's details
// A segment is a string, {"repeat": "text", "times": n} or {"hex": "ff00…"} (raw bytes: invalid
// UTF-8, NUL). In strings, {plan} {plan_session} {institution} {institution2} {inst_code} {site}
// {candidate} {batch} {application} {evidence} {noticed_application} {objection} {cert_no}
// {user} {announcement} {supervision_plan} {draw} {inspection} {complaint} {case} are replaced
// with the fixture's objects, {token_<user>} with that user's
// session token (for cookie sessions).
//
// To see what the server answers for every line (when adding lines), run the test with
// SKILLREG_BAD_INPUT_RECORD=/some/file.jsonl: it writes one observation per line there, with
// whether that line alone changed the database.
#include <cstdlib>
#include <fstream>
#include <set>

#include "core/clock.hpp"
#include "core/validators.hpp"
#include "support/fixture.hpp"
#include "support/sql.hpp"

#ifndef SKILLREG_TEST_DATA_DIR
#error "the build must define SKILLREG_TEST_DATA_DIR, the folder of tests/integration"
#endif

namespace skillreg::test {

namespace {

using nlohmann::json;

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

std::string from_hex(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out += char(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}

struct CorpusLine {
  std::size_t line_no = 0;
  json spec;
  std::string name() const { return spec.value("name", "line " + std::to_string(line_no)); }
};

std::vector<CorpusLine> load_corpus(const std::string& path) {
  std::vector<CorpusLine> out;
  std::ifstream in(path, std::ios::binary);
  std::string text;
  for (std::size_t n = 1; std::getline(in, text); ++n) {
    if (text.empty() || text.starts_with("//")) continue;
    auto spec = json::parse(text, nullptr, false);
    if (!spec.is_object()) {
      ADD_FAILURE() << path << ":" << n << " is not one JSON object";
      continue;
    }
    out.push_back({n, std::move(spec)});
  }
  return out;
}

}  // namespace

class BadInputCorpus : public DemoProvinceTest {
 protected:
  std::map<std::string, std::string> ids_;     // placeholder → value
  std::map<std::string, std::string> tokens_;  // user → bearer token

  void build_fixture() {
    auto inst = as("inst");
    auto me = inst.get("/api/v1/institutions").json()["items"][0];
    ids_["institution"] = std::to_string(me["id"].get<int>());
    ids_["valid_until"] = me["valid_until"].get<std::string>();  // moves with the day the demo is loaded
    ids_["inst_code"] = me["code"];
    auto other = as("inst2").get("/api/v1/institutions").json()["items"][0];
    ids_["institution2"] = std::to_string(other["id"].get<int>());
    auto site = inst.post_json("/api/v1/institutions/" + ids_["institution"] + "/exam-sites",
                               {{"name", "语料考点"}, {"address", "语料路1号"}, {"region_code", "330106"}});
    ASSERT_EQ(site.status, 201) << site.body;
    ids_["site"] = std::to_string(site.json()["id"].get<int>());
    auto plan = inst.post_json(
        "/api/v1/plans",
        {{"subject_code", "4-01-02-01"}, {"level", 4}, {"parts", {"theory"}}, {"exam_site_id", site.json()["id"]},
         {"planned_count", 30},
         {"sessions", {{{"part", "theory"}, {"starts_at", at(9, 9)}, {"ends_at", at(9, 11)}, {"room", "语料-ROOM"}}}}});
    ASSERT_EQ(plan.status, 201) << plan.body;
    const auto plan_json = plan.json();
    ids_["plan"] = std::to_string(plan_json["id"].get<int>());
    ids_["plan_session"] = std::to_string(plan_json["sessions"][0]["id"].get<int>());
    ASSERT_EQ(inst.post("/api/v1/plans/" + ids_["plan"] + "/publish", "").status, 200);
    char first17[18] = "33010619900101123";
    const std::string identity = std::string(first17) + identity_check_char(first17);
    auto cand = inst.post_json("/api/v1/plans/" + ids_["plan"] + "/candidates",
                               {{"identity_no", identity}, {"name", "语料考生"}, {"education", "college"},
                                {"years_in_trade", 8}, {"review", "admitted"}});
    ASSERT_EQ(cand.status, 201) << cand.body;
    ids_["candidate"] = std::to_string(cand.json()["id"].get<int>());
    auto batch = inst.post_json("/api/v1/batches", {{"kind", "candidates"}, {"plan_id", plan_json["id"]}});
    ASSERT_EQ(batch.status, 201) << batch.body;
    ids_["batch"] = std::to_string(batch.json()["id"].get<int>());
    // A certificate of the plan, written as an operator would restore it (issuing one through
    // the API needs the results publicity to have run).
    const std::string cert = me["code"].get<std::string>() + "264000001";
    insert_restored_certificate(*db_, {cert, std::stoll(ids_["candidate"]), std::stoll(ids_["plan"]),
                                       std::stoll(ids_["institution"]), "语料考生", identity, "4-01-02-01", 4});
    ids_["cert_no"] = cert;

    // A draft application of a new applicant in 西湖区 to 杭州市's announcement, with evidence.
    auto province = as("province");
    auto user = province.post_json("/api/v1/users", {{"username", "corpusapp"}, {"display_name", "语料申请人"},
                                                     {"password", "apply-as-2026"}, {"role", "institution_admin"},
                                                     {"region_code", "330106"}});
    ASSERT_EQ(user.status, 201) << user.body;
    ids_["user"] = std::to_string(user.json()["id"].get<int>());
    HttpClient applicant(server_->port());
    tokens_["applicant"] = login(applicant, "corpusapp", "apply-as-2026");
    applicant.set_token(tokens_["applicant"]);
    std::int64_t announcement = 0;
    const auto announcements = anonymous().get("/api/v1/announcements?page_size=50").json();
    for (const auto& a : announcements["items"])
      if (a["region_code"] == "330100") announcement = a["id"].get<std::int64_t>();
    ASSERT_NE(announcement, 0);
    ids_["announcement"] = std::to_string(announcement);
    json checklist = json::array();
    for (const char* k : {"M7(1)", "M7(2)", "M7(3)", "M7(4)", "M7(5)", "M8(1)1", "M8(1)2", "M8(1)3"})
      checklist.push_back({{"key", k}, {"statement", "语料"}});
    auto app = applicant.post_json("/api/v1/applications",
                                   {{"kind", "employer"}, {"announcement_id", announcement},
                                    {"credit_code", credit_code("MA39CP1A1")}, {"name", "语料申请机构"},
                                    {"address", "语料路2号"}, {"region_code", "330106"}, {"contact", "语料"},
                                    {"phone", "0571-1"}, {"checklist", checklist},
                                    {"scope", {{{"subject_code", "6-31-01-03"}, {"levels", {5}}}}}});
    ASSERT_EQ(app.status, 201) << app.body;
    ids_["application"] = std::to_string(app.json()["id"].get<int>());
    auto ev = applicant.post("/api/v1/applications/" + ids_["application"] + "/evidence?item=M7(1)&file_name=a.pdf",
                             "%PDF-1.4\n语料\n%%EOF\n", {{"Content-Type", "application/pdf"}});
    ASSERT_EQ(ev.status, 201) << ev.body;
    ids_["evidence"] = std::to_string(ev.json()["id"].get<int>());
    // The demo's application under public notice (杭州市) and its objection.
    auto hz = as("hangzhou");
    auto noticed = hz.get("/api/v1/applications?status=publicity").json()["items"][0];
    ids_["noticed_application"] = std::to_string(noticed["id"].get<int>());
    ids_["objection"] = std::to_string(
        hz.get("/api/v1/applications/" + ids_["noticed_application"]).json()["objections"][0]["id"].get<int>());

    // Supervision (issue 6): the demo's first plan, its committed draw, the covert visit under
    // way (杭州市's) and a complaint received.
    ids_["supervision_plan"] = query_text(*db_, "SELECT MIN(id) FROM supervision_plans");
    ids_["draw"] = query_text(*db_, "SELECT MAX(id) FROM draws WHERE status = 'committed'");
    ids_["inspection"] = query_text(*db_, "SELECT MIN(id) FROM inspections WHERE status = 'in_progress'");
    ids_["complaint"] = query_text(*db_, "SELECT MIN(id) FROM complaints WHERE status = 'received'");
    // Enforcement (issue 7): the demo's case served and waiting for the decision (the province's).
    ids_["case"] = query_text(*db_, "SELECT MIN(id) FROM cases WHERE status = 'served'");

    for (const char* who : {"province", "hangzhou", "xihu", "ningbo", "yinzhou", "inst", "inst2", "examiner", "inspector"}) {
      HttpClient c(server_->port());
      tokens_[who] = login(c, who);
    }
    for (const auto& [who, token] : tokens_) ids_["token_" + who] = token;
  }

  // Every table's row count and every state-like column's values (as a sorted list), on either
  // backend. login_throttle is left out: a failed login is recorded there by design (issue 9 §7);
// so are the tables the monitoring worker derives in the background.
  std::string database_state() {
    const bool pg = db_->backend() == Backend::postgresql;
    const std::string tables = query_text(
        *db_, pg ? "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables"
                   " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
                 : "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'table'"
                   " AND name NOT LIKE 'sqlite_%' ORDER BY name)");
    std::string state;
    std::size_t start = 0;
    while (start < tables.size()) {
      auto end = tables.find(',', start);
      if (end == std::string::npos) end = tables.size();
      const std::string t = tables.substr(start, end - start);
      start = end + 1;
      if (t == "login_throttle") continue;
      // Scores, ratings and the marks of plans to re-score are derived by the monitoring worker
      // in the background (S14(1)), whenever it gets to the plans the fixture created.
      if (t == "plan_scores" || t == "monitoring_dirty" || t == "monitoring_claims" || t == "institution_ratings" ||
          t == "sampling_queue" || t == "sampling_considered")
        continue;
      state += t + "=" + query_text(*db_, "SELECT COUNT(*) FROM " + t) + ";";
    }
    for (const char* tc : {"users.disabled", "users.password_hash", "institutions.status", "institutions.name",
                           "institutions.phone", "institutions.valid_until", "applications.status", "renewals.status",
                           "exam_sites.status", "plans.status", "plans.planned_count", "candidates.review",
                           "certificates.status", "certificates.reported_on", "batches.status", "batches.total_rows"}) {
      const std::string s = tc;
      const std::string t = s.substr(0, s.find('.'));
      const std::string c = s.substr(s.find('.') + 1);
      const std::string v = "COALESCE(CAST(" + c + " AS TEXT), '~')";
      state += s + "=" +
               query_text(*db_, pg ? "SELECT string_agg(" + v + ", ',' ORDER BY " + v + ") FROM " + t
                                   : "SELECT group_concat(v, ',') FROM (SELECT " + v + " AS v FROM " + t + " ORDER BY v)") +
               ";";
    }
    return state;
  }

  std::string expand(const json& v) {
    std::string out;
    if (v.is_string()) {
      out = v.get<std::string>();
    } else if (v.is_array()) {
      for (const auto& seg : v) {
        if (seg.is_string()) out += seg.get<std::string>();
        else if (seg.contains("hex")) out += from_hex(seg["hex"].get<std::string>());
        else
          for (int i = 0; i < seg.value("times", 0); ++i) out += seg.value("repeat", "");
      }
    }
    for (const auto& [key, value] : ids_) {
      const std::string token = "{" + key + "}";
      for (auto pos = out.find(token); pos != std::string::npos; pos = out.find(token, pos + value.size()))
        out.replace(pos, token.size(), value);
    }
    return out;
  }

  HttpResponse send(const json& spec) {
    const std::string who = spec.value("as", "anonymous");
    const std::string method = spec.value("method", "GET");
    const std::string body = spec.contains("body") ? expand(spec["body"]) : std::string();
    std::string req = method + " " + expand(spec.value("target", json("/"))) +
                      " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (who != "anonymous") {
      if (!tokens_.contains(who)) ADD_FAILURE() << "no such corpus user: " << who;
      req += "Authorization: Bearer " + tokens_[who] + "\r\n";
    }
    if (spec.contains("headers"))
      for (const auto& [k, v] : spec["headers"].items()) req += k + ": " + expand(v) + "\r\n";
    const std::string type = spec.value("content_type", "application/json");
    if (!type.empty() && (method != "GET" || !body.empty())) req += "Content-Type: " + type + "\r\n";
    if (method != "GET" || !body.empty()) req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    return anonymous().raw(req + "\r\n" + body);
  }

  void check(const CorpusLine& line, const HttpResponse& r) {
    const auto& spec = line.spec;
    const std::string what = line.name() + " (corpus line " + std::to_string(line.line_no) + ")";
    const int expected = spec.value("expect_status", 0);
    EXPECT_EQ(r.status, expected) << what << ": " << r.body.substr(0, 400);
    EXPECT_TRUE(r.status >= 400 && r.status < 500) << what << " answered " << r.status;
    const auto j = r.json();
    if (!j.is_object() || !j.contains("error") || !j["error"].is_object()) {
      ADD_FAILURE() << what << ": not the error body: " << r.body.substr(0, 400);
      return;
    }
    const auto& e = j["error"];
    EXPECT_EQ(e.value("code", ""), spec.value("expect_code", "")) << what << ": " << r.body.substr(0, 400);
    EXPECT_TRUE(e.contains("message") && e["message"].is_string()) << what;
    EXPECT_TRUE(e.contains("details") && e["details"].is_array()) << what;
    EXPECT_EQ(r.header("content-type"), "application/json; charset=utf-8") << what;
    if (spec.contains("expect_detail") && e.contains("details") && e["details"].is_array()) {
      auto want = spec["expect_detail"];
      if (want.contains("problem") && want["problem"].is_string()) want["problem"] = expand(want["problem"]);
      bool named = false;
      for (const auto& d : e["details"]) named |= d == want;
      EXPECT_TRUE(named) << what << ": no detail " << want.dump() << " in " << r.body.substr(0, 400);
    }
  }
};

TEST_P(BadInputCorpus, EveryHostileRequestIsA4xxWithTheErrorBodyAndChangesNothing) {
  build_fixture();
  if (HasFailure()) return;
  const auto corpus = load_corpus(std::string(SKILLREG_TEST_DATA_DIR) + "/bad_input/corpus.jsonl");
  EXPECT_GE(corpus.size(), 300u);
  std::set<std::string> names;
  for (const auto& line : corpus)
    EXPECT_TRUE(names.insert(line.name()).second) << "two corpus lines are named " << line.name();

  const char* record_to = std::getenv("SKILLREG_BAD_INPUT_RECORD");
  std::ofstream record;
  if (record_to != nullptr) record.open(record_to);

  const auto before = database_state();
  std::string last = before;
  for (const auto& line : corpus) {
    const auto r = send(line.spec);
    if (record.is_open()) {
      const auto j = r.json();
      json obs = {{"name", line.name()}, {"status", r.status}, {"body", r.body.substr(0, 300)}};
      if (j.is_object() && j.contains("error")) {
        obs["code"] = j["error"].value("code", "");
        obs["details"] = j["error"].value("details", json::array());
      }
      const auto now = database_state();
      obs["changed"] = now != last;
      last = now;
      record << obs.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
    }
    check(line, r);
  }
  EXPECT_EQ(database_state(), before) << "a corpus request changed the database";
  EXPECT_EQ(anonymous().get("/api/v1/health").status, 200) << "the server stopped serving";
  EXPECT_TRUE(server_->alive());
  // The fixture's objects are still readable: the refusals did not break them.
  HttpClient inst(server_->port());
  inst.set_token(tokens_["inst"]);
  EXPECT_EQ(inst.get("/api/v1/plans/" + ids_["plan"]).status, 200);
}

SKILLREG_ON_BOTH_BACKENDS(BadInputCorpus);

}  // namespace skillreg::test
