// The registries of examiners and supervisors as they change (M16, issue 8): a person is edited
// and retired by whoever registers that kind (or a province administrator), every change audited
// with before and after; a retired person keeps past assignments and is refused for new ones
// (M16); an institution finds active examiners of other institutions to invite (S19(8) 回避)
// without their phone or full identity number.
#include "core/validators.hpp"
#include <chrono>
#include <thread>

#include "support/fixture.hpp"
#include "support/sql.hpp"
#include "support/values.hpp"

namespace skillreg::test {

namespace {

std::string identity(int seq) {
  return identity_number("33010619810101", seq);
}

nlohmann::json person(int seq, const std::string& name, const std::string& subject, int level,
                      const std::string& until = "2030-12-31") {
  return person_body(identity(seq), name, subject, level, "0571-86666666", until);
}

}  // namespace

class PersonnelRegistry : public DemoProvinceTest {
 protected:
  std::int64_t registered(HttpClient c, const std::string& registry, const nlohmann::json& body) {
    auto r = c.post_json("/api/v1/" + registry, body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", 0);
  }

  // A plan of `inst` in `days` days with a theory and a practical session; returns its path.
  std::string plan(HttpClient& inst, int days) {
    if (site_ == 0) {
      const auto id = inst.get("/api/v1/institutions").json()["items"][0]["id"].get<std::int64_t>();
      auto site =
          inst.post_json("/api/v1/institutions/" + std::to_string(id) + "/exam-sites",
                         {{"name", "考点"}, {"address", "文三路1号"}, {"region_code", "330106"}});
      EXPECT_EQ(site.status, 201) << site.body;
      site_ = site.json().value("id", 0);
    }
    auto r = inst.post_json("/api/v1/plans", {{"subject_code", "4-01-02-01"},
                                              {"level", 4},
                                              {"parts", {"theory", "practical"}},
                                              {"exam_site_id", site_},
                                              {"planned_count", 30},
                                              {"sessions",
                                               {{{"part", "theory"},
                                                 {"starts_at", local_time_in(days, 9)},
                                                 {"ends_at", local_time_in(days, 11)},
                                                 {"room", "101"}},
                                                {{"part", "practical"},
                                                 {"starts_at", local_time_in(days, 13)},
                                                 {"ends_at", local_time_in(days, 16)},
                                                 {"room", "102"}}}}});
    EXPECT_EQ(r.status, 201) << r.body;
    return "/api/v1/plans/" + std::to_string(r.json().value("id", 0));
  }

  std::vector<std::int64_t> sessions(HttpClient& c, const std::string& path) {
    const auto p = c.get(path).json();
    std::vector<std::int64_t> out;
    for (const auto& s : p["sessions"]) out.push_back(s["id"].get<std::int64_t>());
    return out;
  }

  HttpResponse patch(HttpClient c, const std::string& path, const nlohmann::json& body) {
    return c.request("PATCH", path, body.dump(), {{"Content-Type", "application/json"}});
  }
  HttpResponse retire(HttpClient c, const std::string& path, const nlohmann::json& body) {
    return c.request("DELETE", path, body.dump(), {{"Content-Type", "application/json"}});
  }

  std::int64_t site_ = 0;
};

TEST_P(PersonnelRegistry, M16_AnExaminerIsEditedByItsInstitutionAndEveryChangeIsAudited) {
  auto inst = as("inst");
  const auto id = registered(inst, "examiners", person(1, "王考评", "4-01-02-01", 3));
  const auto path = "/api/v1/examiners/" + std::to_string(id);

  auto changed =
      patch(inst, path,
            {{"name", "王考评员"},
             {"phone", "13800000000"},
             {"qualifications",
              {{{"subject_code", "4-01-02-01"}, {"level", 2}, {"valid_until", "2031-06-30"}},
               {{"subject_code", "6-31-01-03"}, {"level", 4}, {"valid_until", "2029-12-31"}}}}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  const auto body = changed.json();
  EXPECT_EQ(body["name"], "王考评员");
  EXPECT_EQ(body["phone"], "13800000000");
  ASSERT_EQ(body["qualifications"].size(), 2u);
  EXPECT_EQ(body["qualifications"][0]["level"], 2);
  EXPECT_EQ(body["identity_no"], mask_identity_number(identity(1)));
  EXPECT_EQ(body["status"], "active");
  EXPECT_FALSE(body["updated_at"].is_null());
  // A partial change keeps the other fields.
  auto renamed = patch(inst, path, {{"name", "王一"}});
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  const auto renamed_body = renamed.json();
  EXPECT_EQ(renamed_body["qualifications"].size(), 2u);
  EXPECT_EQ(renamed_body["phone"], "13800000000");

  // The same checks as registering; the identity number never changes.
  EXPECT_EQ(patch(inst, path, {{"identity_no", identity(2)}}).status, 422);
  EXPECT_EQ(patch(inst, path, {{"name", ""}}).status, 422);
  auto unknown =
      patch(inst, path,
            {{"qualifications",
              {{{"subject_code", "9-99-99-99"}, {"level", 3}, {"valid_until", "2030-01-01"}}}}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_NE(unknown.body.find("unknown_subject"), std::string::npos) << unknown.body;
  EXPECT_EQ(patch(inst, path, {{"qualifications", nlohmann::json::array()}}).status, 422);
  EXPECT_EQ(patch(inst, path, {{"salary", 1}}).status, 400);
  EXPECT_EQ(inst.get(path).json()["name"], "王一") << "a refused change changes nothing";

  // Scope as for registering: other institutions and other regions do not see it; the
  // supervising authority sees it but does not change it; the province administrator may.
  EXPECT_EQ(patch(as("inst2"), path, {{"name", "x"}}).status, 404);
  EXPECT_EQ(patch(as("ningbo"), path, {{"name", "x"}}).status, 404);
  EXPECT_EQ(patch(as("hangzhou"), path, {{"name", "x"}}).status, 403);
  EXPECT_EQ(patch(as("province"), path, {{"name", "王考评"}}).status, 200);
  // The examiners path does not reach a supervisor.
  const auto sup = registered(inst, "supervisors", person(3, "钱内督", "4-01-02-01", 5));
  EXPECT_EQ(patch(inst, "/api/v1/examiners/" + std::to_string(sup), {{"name", "x"}}).status, 404);

  auto log = as("province").get("/api/v1/audit?object_type=person&object_id=" + std::to_string(id));
  ASSERT_EQ(log.status, 200) << log.body;
  const auto entries = log.json();
  ASSERT_EQ(entries["total"], 4);  // register and three changes
  const auto& first_change = entries["items"][2];
  EXPECT_EQ(first_change["action"], "person.update");
  EXPECT_EQ(first_change["before"]["name"], "王考评");
  EXPECT_EQ(first_change["after"]["name"], "王考评员");
  EXPECT_EQ(first_change["after"]["qualifications"].size(), 2u);
  EXPECT_EQ(log.body.find(identity(1)), std::string::npos) << "never the full identity number";
  EXPECT_EQ(as("province").get("/api/v1/audit/verify").json()["valid"], true);
}

TEST_P(PersonnelRegistry, M16_ARetiredExaminerKeepsPastAssignmentsAndIsRefusedNewOnes) {
  auto inst = as("inst");
  auto inst2 = as("inst2");
  const auto outside = registered(inst2, "examiners", person(10, "赵外聘", "4-01-02-01", 3));
  const auto path = "/api/v1/examiners/" + std::to_string(outside);
  const auto p1 = plan(inst, 20), p2 = plan(inst, 21);
  const auto s1 = sessions(inst, p1), s2 = sessions(inst, p2);
  ASSERT_EQ(inst.post_json(p1 + "/assignments",
                           {{"session_id", s1[0]}, {"person_id", outside}, {"role", "examiner"}})
                .status,
            201);

  // Only its institution retires it, with a reason.
  EXPECT_EQ(retire(inst, path, {{"reason", "x"}}).status, 404);
  EXPECT_EQ(retire(as("yinzhou"), path, {{"reason", "x"}}).status, 403);
  EXPECT_EQ(retire(inst2, path, nlohmann::json::object()).status, 400);
  EXPECT_EQ(retire(inst2, path, {{"reason", ""}}).status, 422);
  auto retired = retire(inst2, path, {{"reason", "调离本单位"}});
  ASSERT_EQ(retired.status, 200) << retired.body;
  const auto body = retired.json();
  EXPECT_EQ(body["status"], "retired");
  EXPECT_EQ(body["retire_reason"], "调离本单位");
  EXPECT_FALSE(body["retired_at"].is_null());
  EXPECT_EQ(retire(inst2, path, {{"reason", "again"}}).status, 409);
  EXPECT_EQ(patch(inst2, path, {{"name", "x"}}).status, 409);

  // M16: not assigned again, by id or by identity number; the past assignment stays.
  auto refused = inst.post_json(
      p2 + "/assignments", {{"session_id", s2[0]}, {"person_id", outside}, {"role", "examiner"}});
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_NE(refused.body.find("person_retired"), std::string::npos) << refused.body;
  EXPECT_EQ(refused.json()["error"]["article"], "M16");
  EXPECT_EQ(
      inst.post_json(p2 + "/assignments",
                     {{"session_id", s2[0]}, {"identity_no", identity(10)}, {"role", "examiner"}})
          .status,
      422);
  const auto past = inst.get(p1 + "/assignments").json();
  ASSERT_EQ(past["total"], 1);
  EXPECT_EQ(past["items"][0]["person_name"], "赵外聘");

  // Still in the registry, with its status; the status filter finds either.
  EXPECT_EQ(inst2.get(path).json()["status"], "retired");
  EXPECT_EQ(inst2.get("/api/v1/examiners?status=retired").json()["total"], 1);
  EXPECT_EQ(inst2.get("/api/v1/examiners?status=active").json()["total"], 0);
  EXPECT_EQ(inst2.get("/api/v1/examiners?status=gone").status, 400);
  auto log = as("province").get("/api/v1/audit?action=person.retire").json();
  ASSERT_EQ(log["total"], 1);
  EXPECT_EQ(log["items"][0]["before"]["status"], "active");
  EXPECT_EQ(log["items"][0]["after"]["status"], "retired");
}

// M16, S19(8): an examiner who moves employer is retired by the old institution and registered
// by the new one; one active registration at a time, and each past assignment keeps the
// registration (and so the employer) it was made with, so 回避 is judged as it stood then.
TEST_P(PersonnelRegistry, M16_S19_8_AnExaminerRetiredByOneInstitutionIsRegisteredByTheNext) {
  auto inst = as("inst");
  auto inst2 = as("inst2");
  const auto old_id = registered(inst2, "examiners", person(12, "钱调动", "4-01-02-01", 3));
  const auto p1 = plan(inst, 20), p2 = plan(inst, 22);
  const auto s1 = sessions(inst, p1), s2 = sessions(inst, p2);
  ASSERT_EQ(inst.post_json(p1 + "/assignments", {{"session_id", s1[0]}, {"person_id", old_id}, {"role", "examiner"}}).status,
            201)
      << "inst2's examiner examines at inst";

  auto while_employed = inst.post_json("/api/v1/examiners", person(12, "钱调动", "4-01-02-01", 3));
  EXPECT_EQ(while_employed.status, 409) << while_employed.body;
  EXPECT_NE(while_employed.body.find("registered_elsewhere"), std::string::npos) << while_employed.body;
  ASSERT_EQ(retire(inst2, "/api/v1/examiners/" + std::to_string(old_id), {{"reason", "调离本单位"}}).status, 200);

  auto moved = inst.post_json("/api/v1/examiners", person(12, "钱调动", "4-01-02-01", 3));
  ASSERT_EQ(moved.status, 201) << moved.body;
  const auto new_id = moved.json()["id"].get<std::int64_t>();
  EXPECT_NE(new_id, old_id) << "a new registration; the old one stays retired with its assignments";
  EXPECT_EQ(inst2.get("/api/v1/examiners/" + std::to_string(old_id)).json()["status"], "retired");
  auto back = inst2.post_json("/api/v1/examiners", person(12, "钱调动", "4-01-02-01", 3));
  EXPECT_EQ(back.status, 409);
  EXPECT_NE(back.body.find("registered_elsewhere"), std::string::npos) << back.body;
  EXPECT_EQ(inst.post_json("/api/v1/examiners", person(12, "钱调动", "4-01-02-01", 3)).json()["error"]["details"][0]["problem"],
            "already_registered");

  const auto past = inst.get(p1 + "/assignments").json();
  ASSERT_EQ(past["total"], 1);
  EXPECT_EQ(past["items"][0]["person_id"], old_id) << "the past assignment keeps the old registration";
  // S19(8) 回避: now inst's own employee, not assigned as an examiner at inst, by id or by number.
  auto own = inst.post_json(p2 + "/assignments", {{"session_id", s2[0]}, {"person_id", new_id}, {"role", "examiner"}});
  EXPECT_EQ(own.status, 422) << own.body;
  auto by_number = inst.post_json(p2 + "/assignments", {{"session_id", s2[0]}, {"identity_no", identity(12)}, {"role", "examiner"}});
  EXPECT_EQ(by_number.status, 422) << "the identity number finds the active registration: " << by_number.body;
  EXPECT_EQ(own.json()["error"]["details"], by_number.json()["error"]["details"]);
}

TEST_P(PersonnelRegistry, M16_AnExternalSupervisorIsChangedByTheAuthorityThatAppointedIt) {
  const auto ext = registered(as("xihu"), "supervisors", person(20, "孙外督", "4-01-02-01", 5));
  const auto internal =
      registered(as("inst"), "supervisors", person(21, "钱内督", "4-01-02-01", 5));
  const auto ext_path = "/api/v1/supervisors/" + std::to_string(ext);
  const auto int_path = "/api/v1/supervisors/" + std::to_string(internal);
  EXPECT_EQ(patch(as("inst"), ext_path, {{"name", "x"}}).status, 404);
  EXPECT_EQ(patch(as("hangzhou"), ext_path, {{"name", "x"}}).status, 403)
      << "the city sees it but did not appoint it";
  EXPECT_EQ(patch(as("ningbo"), ext_path, {{"name", "x"}}).status, 404);
  auto ok = patch(as("xihu"), ext_path, {{"phone", "0571-1"}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["phone"], "0571-1");
  EXPECT_EQ(patch(as("hangzhou"), int_path, {{"name", "x"}}).status, 403)
      << "the institution's supervising authority sees it but does not change it";
  EXPECT_EQ(patch(as("inst"), int_path, {{"name", "钱内督员"}}).status, 200);
  EXPECT_EQ(retire(as("province"), ext_path, {{"reason", "任期届满"}}).status, 200);
  EXPECT_EQ(as("xihu").get("/api/v1/supervisors?status=retired").json()["total"], 1);
}

TEST_P(PersonnelRegistry,
       S19_8_AnInstitutionFindsActiveExaminersOfOtherInstitutionsWithoutPrivateData) {
  auto inst = as("inst");
  auto inst2 = as("inst2");
  registered(inst, "examiners", person(30, "本院考评员", "4-01-02-01", 3));
  const auto far = registered(inst2, "examiners", person(31, "甬城考评员", "4-01-02-01", 2));
  registered(inst2, "examiners", person(32, "甬城五级", "4-01-02-01", 5));
  registered(inst2, "examiners", person(33, "甬城别科", "6-31-01-03", 1));
  const auto gone = registered(inst2, "examiners", person(34, "甬城退出", "4-01-02-01", 1));
  ASSERT_EQ(retire(inst2, "/api/v1/examiners/" + std::to_string(gone), {{"reason", "退休"}}).status,
            200);

  // Own scope stays as it was.
  EXPECT_EQ(inst.get("/api/v1/examiners").json()["total"], 1);
  // Province-wide: every institution's active examiners, filtered by subject and level.
  auto all = inst.get("/api/v1/examiners?scope=province&page_size=200");
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.json()["total"], 4) << "the retired one is not offered";
  auto found = inst.get("/api/v1/examiners?scope=province&subject_code=4-01-02-01&level=4");
  ASSERT_EQ(found.status, 200) << found.body;
  const auto items = found.json();
  ASSERT_EQ(items["total"], 2) << items.dump();  // 本院考评员 (3) and 甬城考评员 (2)
  auto by_name = inst.get("/api/v1/examiners?scope=province&q=%E7%94%AC%E5%9F%8E&level=2");
  const auto named = by_name.json();
  ASSERT_EQ(named["total"], 2) << named.dump();  // 甬城考评员 (2) and 甬城别科 (1)
  EXPECT_EQ(named["items"][0]["id"], far);
  const auto& other = named["items"][0];
  EXPECT_FALSE(other.contains("phone")) << "no phone of another institution's people";
  EXPECT_EQ(other["identity_no"], mask_identity_number(identity(31)));
  EXPECT_EQ(other["employer_name"].get<std::string>().empty(), false);
  EXPECT_EQ(by_name.body.find(identity(31)), std::string::npos);
  EXPECT_EQ(by_name.body.find("0571-86666666"), std::string::npos);
  // Its own people keep their phone in the same search.
  const auto own = inst.get("/api/v1/examiners?scope=province&q=%E6%9C%AC%E9%99%A2").json();
  ASSERT_EQ(own["total"], 1);
  EXPECT_EQ(own["items"][0]["phone"], "0571-86666666");
  // Still not readable one by one, nor changeable, outside the own scope.
  EXPECT_EQ(inst.get("/api/v1/examiners/" + std::to_string(far)).status, 404);
  // Officials keep their region's registry: scope=province changes nothing for them.
  EXPECT_EQ(as("yinzhou").get("/api/v1/examiners?scope=province").json()["total"], 4);
  EXPECT_EQ(as("hangzhou").get("/api/v1/examiners?scope=province").json()["total"], 1);
  EXPECT_EQ(inst.get("/api/v1/examiners?scope=world").status, 400);
  EXPECT_EQ(inst.get("/api/v1/examiners?level=9").status, 400);
}

// S5, M16: an examiner's account reads every registration of its person, so an authority links
// an account only to a person it sees one registration of (or to one not registered yet). A
// county officer linked an account to another city's examiner and read their record.
TEST_P(PersonnelRegistry, S5_M16_AnAccountIsLinkedOnlyToAnExaminerTheAuthoritySees) {
  registered(as("inst2"), "examiners", person(15, "孙外市", "4-01-02-01", 3));
  const auto account = [](const std::string& username, std::optional<std::string> number) {
    nlohmann::json body{{"username", username}, {"display_name", username}, {"password", "exam-pass-2026x"},
                        {"role", "examiner"}, {"region_code", "330106"}};
    if (number) body["identity_no"] = *number;
    return body;
  };
  auto xihu = as("xihu");
  auto refused = xihu.post_json("/api/v1/users", account("sun.exam", identity(15)));
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.json()["error"]["details"][0]["field"], "identity_no");
  EXPECT_EQ(refused.json()["error"]["details"][0]["problem"], "outside_your_scope");
  auto unlinked = xihu.post_json("/api/v1/users", account("sun.later", std::nullopt));
  ASSERT_EQ(unlinked.status, 201) << unlinked.body;
  const auto id = std::to_string(unlinked.json()["id"].get<int>());
  EXPECT_EQ(xihu.post_json("/api/v1/users/" + id + "/identity", {{"identity_no", identity(15)}}).status, 422);
  EXPECT_EQ(xihu.post_json("/api/v1/users/" + id + "/identity", {{"identity_no", identity(16)}}).status, 200)
      << "a person registered nowhere yet";
  auto own = as("yinzhou").post_json("/api/v1/users", {{"username", "sun.exam"}, {"display_name", "孙外市"},
                                                        {"password", "exam-pass-2026x"}, {"role", "examiner"},
                                                        {"region_code", "330212"}, {"identity_no", identity(15)}});
  EXPECT_EQ(own.status, 201) << "the authority of the employer links it: " << own.body;
}

// M16 "their own assignments and records": an examiner's account is linked to the person by the
// identity number their institutions register them with, and sees every registration of that
// person and every session they are assigned to, whichever institution employs them.
TEST_P(PersonnelRegistry, M16_AnExaminersOwnAccountSeesTheirAssignmentsAtEveryEmployer) {
  auto city = as("hangzhou");
  auto created = city.post_json("/api/v1/users", {{"username", "qian.exam"},
                                                  {"display_name", "钱考评"},
                                                  {"password", "exam-pass-2026x"},
                                                  {"role", "examiner"},
                                                  {"region_code", "330100"},
                                                  {"identity_no", identity(14)}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["identity_no"], mask_identity_number(identity(14)));
  EXPECT_EQ(created.body.find(identity(14)), std::string::npos) << "shown masked only";
  HttpClient me = anonymous();
  me.set_token(login(me, "qian.exam", "exam-pass-2026x"));
  auto nothing_yet = me.get("/api/v1/examiners/me").json();
  EXPECT_EQ(nothing_yet["linked"], true);
  EXPECT_EQ(nothing_yet["registrations"].size(), 0u);
  EXPECT_EQ(me.get("/api/v1/examiners/me/assignments").json()["total"], 0);

  // Registered by inst2, assigned at inst (S19(8) 回避: not at its own employer).
  auto inst = as("inst");
  auto inst2 = as("inst2");
  const auto first = registered(inst2, "examiners", person(14, "钱考评", "4-01-02-01", 3));
  const auto p1 = plan(inst, 20), p2 = plan(inst, 22);
  const auto s1 = sessions(inst, p1), s2 = sessions(inst, p2);
  ASSERT_EQ(inst.post_json(p1 + "/assignments", {{"session_id", s1[0]}, {"person_id", first}, {"role", "examiner"}}).status,
            201);
  const auto records = me.get("/api/v1/examiners/me").json();
  ASSERT_EQ(records["registrations"].size(), 1u);
  EXPECT_EQ(records["registrations"][0]["id"], first);
  EXPECT_EQ(records["identity_no"], mask_identity_number(identity(14)));
  const auto upcoming = me.get("/api/v1/examiners/me/assignments?when=upcoming").json();
  ASSERT_EQ(upcoming["total"], 1) << upcoming.dump();
  const auto one = upcoming["items"][0];
  EXPECT_EQ("/api/v1/plans/" + std::to_string(one["plan_id"].get<std::int64_t>()), p1);
  EXPECT_EQ(one["session_id"], s1[0]);
  EXPECT_EQ(one["role"], "examiner");
  EXPECT_EQ(one["part"], "theory");
  EXPECT_EQ(one["room"], "101");
  EXPECT_EQ(one["site"]["address"], "文三路1号");
  EXPECT_EQ(one["subject_code"], "4-01-02-01");
  EXPECT_EQ(one["institution_id"], inst.get("/api/v1/institutions").json()["items"][0]["id"]);
  EXPECT_EQ(one["employer_name"], inst2.get("/api/v1/examiners/" + std::to_string(first)).json()["employer_name"]);
  EXPECT_EQ(me.get("/api/v1/examiners/me/assignments?when=past").json()["total"], 0);

  // Moves to inst as its internal supervisor: both registrations, both sessions, soonest first.
  ASSERT_EQ(retire(inst2, "/api/v1/examiners/" + std::to_string(first), {{"reason", "调离本单位"}}).status, 200);
  const auto second = registered(inst, "supervisors", person(14, "钱考评", "4-01-02-01", 3));
  ASSERT_EQ(
      inst.post_json(p2 + "/assignments", {{"session_id", s2[1]}, {"person_id", second}, {"role", "internal_supervisor"}})
          .status,
      201);
  EXPECT_EQ(me.get("/api/v1/examiners/me").json()["registrations"].size(), 2u);
  const auto both = me.get("/api/v1/examiners/me/assignments?when=upcoming").json();
  ASSERT_EQ(both["total"], 2);
  EXPECT_EQ(both["items"][0]["session_id"], s1[0]);
  EXPECT_EQ(both["items"][1]["session_id"], s2[1]);
  EXPECT_EQ(both["items"][1]["role"], "internal_supervisor");
  EXPECT_EQ(me.get("/api/v1/examiners/me/assignments?when=later").status, 400);

  // Told on their own account of each session arranged, and of one taken away before it begins.
  auto kinds_in_inbox = [](HttpClient& who, const std::string& kind) {
    const auto inbox = who.get("/api/v1/notifications?kind=" + kind + "&page_size=50").json();
    std::vector<std::int64_t> sessions;
    for (const auto& n : inbox["items"]) sessions.push_back(n["params"]["session_id"].get<std::int64_t>());
    return sessions;
  };
  EXPECT_EQ(kinds_in_inbox(me, "assignment_made"), (std::vector<std::int64_t>{s2[1], s1[0]}));
  const auto arranged = inst.get(p2 + "/assignments").json();
  ASSERT_EQ(arranged["total"], 1);
  ASSERT_EQ(inst.request("DELETE", p2 + "/assignments/" + std::to_string(arranged["items"][0]["id"].get<std::int64_t>()), "", {})
                .status,
            204);
  EXPECT_EQ(kinds_in_inbox(me, "assignment_removed"), (std::vector<std::int64_t>{s2[1]}));
  EXPECT_TRUE(kinds_in_inbox(inst, "assignment_made").empty()) << "the person's own, nobody else's";

  // Nobody else's: an unlinked examiner sees nothing, other roles may not ask.
  const auto unlinked = as("examiner").get("/api/v1/examiners/me").json();
  EXPECT_EQ(unlinked["linked"], false);
  EXPECT_EQ(as("examiner").get("/api/v1/examiners/me/assignments").json()["total"], 0);
  EXPECT_EQ(inst.get("/api/v1/examiners/me").status, 403);
  EXPECT_EQ(city.get("/api/v1/examiners/me/assignments").status, 403);
}

// M16: who links an examiner's account to a person, and how the number is kept.
TEST_P(PersonnelRegistry, M16_AnExaminersAccountIsLinkedOnceByItsAdministrator) {
  auto city = as("hangzhou");
  const auto examiner_id = city.get("/api/v1/users?q=examiner&role=examiner").json()["items"][0]["id"].get<std::int64_t>();
  const auto link = "/api/v1/users/" + std::to_string(examiner_id) + "/identity";
  EXPECT_EQ(as("ningbo").post_json(link, {{"identity_no", identity(15)}}).status, 404) << "outside its scope";
  EXPECT_EQ(city.post_json(link, {{"identity_no", "330106198101010000"}}).status, 422);
  auto linked = city.post_json(link, {{"identity_no", identity(15)}});
  ASSERT_EQ(linked.status, 200) << linked.body;
  EXPECT_EQ(linked.json()["identity_no"], mask_identity_number(identity(15)));
  EXPECT_EQ(city.get("/api/v1/users/" + std::to_string(examiner_id)).json()["identity_no"],
            mask_identity_number(identity(15)));

  auto twice = city.post_json("/api/v1/users", {{"username", "second.exam"},
                                                {"display_name", "重复"},
                                                {"password", "exam-pass-2026x"},
                                                {"role", "examiner"},
                                                {"region_code", "330100"},
                                                {"identity_no", identity(15)}});
  EXPECT_EQ(twice.status, 409) << "one account per person: " << twice.body;
  EXPECT_EQ(twice.json()["error"]["details"][0]["problem"], "taken");
  auto officer = city.post_json("/api/v1/users", {{"username", "officer.x"},
                                                  {"display_name", "科员"},
                                                  {"password", "exam-pass-2026x"},
                                                  {"role", "county_officer"},
                                                  {"region_code", "330106"},
                                                  {"identity_no", identity(16)}});
  EXPECT_EQ(officer.status, 422) << officer.body;
  EXPECT_EQ(officer.json()["error"]["details"][0]["problem"], "not_applicable");

  auto log = as("province").get("/api/v1/audit?action=user.link_identity");
  ASSERT_EQ(log.json()["total"], 1) << log.body;
  EXPECT_EQ(log.json()["items"][0]["after"]["identity_no"], mask_identity_number(identity(15)));
  EXPECT_EQ(log.body.find(identity(15)), std::string::npos) << "never the full number, not even in the audit log";
}

// S19(8) one person, one place at a time, whichever registration books them: an examiner of
// inst2 who is also inst's internal supervisor is not supervising at inst while examining there.
TEST_P(PersonnelRegistry, S19_8_M16_APersonIsDoubleBookedAcrossTheirRegistrations) {
  auto inst = as("inst");
  auto inst2 = as("inst2");
  const auto examiner = registered(inst2, "examiners", person(17, "周双职", "4-01-02-01", 3));
  const auto supervisor = registered(inst, "supervisors", person(17, "周双职", "4-01-02-01", 3));
  const auto p1 = plan(inst, 20), p2 = plan(inst, 20), p3 = plan(inst, 24);
  const auto s1 = sessions(inst, p1), s2 = sessions(inst, p2), s3 = sessions(inst, p3);
  ASSERT_EQ(inst.post_json(p1 + "/assignments", {{"session_id", s1[0]}, {"person_id", examiner}, {"role", "examiner"}}).status,
            201);
  auto same_time = inst.post_json(p2 + "/assignments",
                                  {{"session_id", s2[0]}, {"person_id", supervisor}, {"role", "internal_supervisor"}});
  EXPECT_EQ(same_time.status, 422) << same_time.body;
  EXPECT_NE(same_time.body.find("double_booked"), std::string::npos) << same_time.body;
  EXPECT_EQ(inst.post_json(p3 + "/assignments", {{"session_id", s3[0]}, {"person_id", supervisor}, {"role", "internal_supervisor"}})
                .status,
            201)
      << "another day is free";

  // Monitoring sees one person too: the same booking written past the check (an older record)
  // is deducted as double booking in the plan's score.
  exec_sql(*db_, "INSERT INTO assignments (session_id, person_id, role, panel, created_at) VALUES (" +
                     std::to_string(s2[0]) + ", " + std::to_string(supervisor) + ", 'internal_supervisor', '', 0)");
  ASSERT_EQ(inst.post(p1 + "/publish", "").status, 200);
  ASSERT_EQ(inst.post(p2 + "/publish", "").status, 200);
  auto province = as("province");
  auto run = province.post("/api/v1/monitoring/runs", "");
  ASSERT_EQ(run.status, 202) << run.body;
  const std::string run_path = "/api/v1/monitoring/runs/" + std::to_string(run.json()["id"].get<std::int64_t>());
  for (int i = 0; i < 300 && province.get(run_path).json().value("status", "") == "running"; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  ASSERT_EQ(province.get(run_path).json().value("status", ""), "done");
  const auto score = province.get("/api/v1/monitoring/plans/" + p2.substr(p2.rfind('/') + 1)).json();
  bool deducted = false;
  for (const auto& d : score.value("deductions", nlohmann::json::array()))
    deducted = deducted || d.value("indicator", "") == "double_booking";
  EXPECT_TRUE(deducted) << score.dump();
}

SKILLREG_ON_BOTH_BACKENDS(PersonnelRegistry);

}  // namespace skillreg::test
