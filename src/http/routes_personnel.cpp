// The execution records of evaluation activity: assignments of examiners and supervisors to
// sessions with their checks and the staffing answer (S19(8)), papers (S19(6)), video recordings
// and the plan archive (M18, S19(11)). The registries themselves are in routes_people.cpp.
#include "app/execution_service.hpp"
#include "app/personnel_service.hpp"
#include "http/handler_helpers.hpp"
#include "http/query.hpp"
#include "http/services.hpp"

namespace skillreg::http {

namespace {

Json assignment_json(const Assignment& a) {
  return {{"id", a.id},
          {"plan_id", a.plan_id},
          {"session_id", a.session_id},
          {"person_id", a.person_id},
          {"person_name", a.person_name},
          {"role", to_string(a.role)},
          {"panel", a.panel},
          {"created_at", format_instant(a.created_at)}};
}

Json rotation_json(const RotationFlag& f) {
  return {{"rule", "rotation"},
          {"article", "S19(8)"},
          {"person_id", f.person_id},
          {"year", f.year},
          {"plans_at_institution", f.count},
          {"limit", f.limit}};
}

Json assignment_view_json(const AssignmentView& v) {
  Json j = assignment_json(v.assignment);
  Json flags = Json::array();
  for (const auto& f : v.flags) flags.push_back(rotation_json(f));
  j["flags"] = flags;
  return j;
}

Json people_json(const std::vector<Assignment>& list) {
  Json out = Json::array();
  for (const auto& a : list)
    out.push_back({{"assignment_id", a.id},
                   {"person_id", a.person_id},
                   {"name", a.person_name},
                   {"panel", a.panel}});
  return out;
}

Json staffing_json(const StaffingView& v) {
  Json sessions = Json::array();
  for (const auto& s : v.staffing.sessions) {
    Json panels = Json::array();
    for (const auto& [label, n] : s.panels) panels.push_back({{"panel", label}, {"examiners", n}});
    sessions.push_back(
        {{"session_id", s.session.id},
         {"part", to_string(s.session.part)},
         {"starts_at", format_instant(s.session.starts_at)},
         {"ends_at", format_instant(s.session.ends_at)},
         {"room", s.session.room},
         {"examiners", people_json(s.examiners)},
         {"internal_supervisors", people_json(s.internal_supervisors)},
         {"external_supervisors", people_json(s.external_supervisors)},
         {"required_examiners", s.required_examiners},
         {"candidates_per_examiner",
          s.candidates_per_examiner ? Json(*s.candidates_per_examiner) : Json(nullptr)},
         {"panels", panels}});
  }
  Json unmet = Json::array();
  for (const auto& u : v.staffing.unmet)
    unmet.push_back(
        {{"session_id", u.session_id ? Json(*u.session_id) : Json(nullptr)},
         {"rule", u.rule},
         {"article", u.article},
         {"required", u.numbers.required},
         {"actual", u.numbers.actual},
         {"candidates", u.numbers.candidates ? Json(*u.numbers.candidates) : Json(nullptr)},
         {"panel", u.rule == "panel_size" ? Json(u.numbers.panel) : Json(nullptr)},
         {"detail", u.detail}});
  Json flags = Json::array();
  for (const auto& f : v.flags) flags.push_back(rotation_json(f));
  return {{"candidates", v.staffing.candidates},
          {"sessions", sessions},
          {"unmet", unmet},
          {"flags", flags},
          {"complete", v.staffing.unmet.empty()},
          {"policy",
           {{"candidates_per_examiner", v.policy.candidates_per_examiner},
            {"min_practical_panel", v.policy.min_practical_panel},
            {"min_internal_supervisors", v.policy.min_internal_supervisors},
            {"max_examiner_visits_per_year", v.policy.max_examiner_visits_per_year}}}};
}

Json paper_json(const PaperView& v) {
  Json flags = Json::array();
  for (const auto& f : v.flags) flags.push_back({{"rule", f.rule}, {"article", f.article}});
  return {{"session_id", v.paper.session_id},
          {"plan_id", v.paper.plan_id},
          {"paper_id", v.paper.paper_id},
          {"generated_at", format_instant(v.paper.generated_at)},
          {"paperless", v.paper.paperless},
          {"reused_in_plans", v.reused_in_plans},
          {"flags", flags},
          {"created_at", format_instant(v.paper.created_at)}};
}

Json video_json(const Video& v) {
  return {{"id", v.id},
          {"session_id", v.session_id},
          {"room", v.room},
          {"storage_id", v.storage_id},
          {"starts_at", format_instant(v.starts_at)},
          {"ends_at", format_instant(v.ends_at)},
          {"sha256", v.sha256},
          {"created_at", format_instant(v.created_at)}};
}

Json recordings_json(const SessionRecordings& r) {
  Json videos = Json::array();
  for (const auto& v : r.videos) videos.push_back(video_json(v));
  Json rooms = Json::array();
  for (const auto& c : r.rooms)
    rooms.push_back({{"room", c.room}, {"recordings", c.recordings}, {"coverage", c.coverage}});
  return {{"session_id", r.session.id},
          {"part", to_string(r.session.part)},
          {"room", r.session.room},
          {"starts_at", format_instant(r.session.starts_at)},
          {"ends_at", format_instant(r.session.ends_at)},
          {"recordings", videos},
          {"rooms", rooms},
          {"coverage", r.coverage}};
}

Json document_json(const PlanDocument& d) {
  return {{"key", d.key},
          {"file_name", d.file_name},
          {"sha256", d.sha256},
          {"size", d.size},
          {"uploaded_at", format_instant(d.created_at)}};
}

Json archive_json(const ArchiveView& v) {
  Json items = Json::array();
  for (const auto& i : v.items) {
    Json j{{"key", i.kind.key},
           {"text_zh", i.kind.text_zh},
           {"text_en", i.kind.text_en},
           {"present", i.document.has_value()}};
    if (i.document) j["document"] = document_json(*i.document);
    items.push_back(j);
  }
  return {{"items", items},       {"total", v.items.size()},        {"required", v.required},
          {"present", v.present}, {"completeness", v.completeness}, {"article", "S19(11)"}};
}

template <class T, class F>
Json list_json(const std::vector<T>& list, F&& item_json) {
  Json items = Json::array();
  for (const auto& x : list) items.push_back(item_json(x));
  return {{"items", items}, {"total", list.size()}};
}

void add_assignment_routes(RouteTable& t, PersonnelService& people) {
  t.push_back({Method::post,
               "/api/v1/plans/:id/assignments",
               "Assign an examiner or supervisor to a session: qualified (M16), not double-booked, "
               "avoidance (S19(8))",
               "activity",
               Access::session,
               Exec::worker,
               {},
               8192,
               [&people](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 AssignmentInput in;
                 in.session_id = f.required_int("session_id");
                 in.person_id = f.optional_int("person_id");
                 in.identity_no = f.optional_string("identity_no");
                 in.role = f.required_string("role");
                 in.panel = f.optional_string("panel").value_or("");
                 if (!body->contains("person_id") && !body->contains("identity_no"))
                   f.problem("person_id", "required");
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 return ok_or(people.assign(*req.actor, *id, in), assignment_view_json, 201);
               }});
  t.push_back({Method::get,
               "/api/v1/plans/:id/assignments",
               "The plan's assignments",
               "activity",
               Access::session,
               Exec::io,
               {},
               kDefaultBodyLimit,
               [&people](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 return ok_or(people.assignments(*req.actor, *id),
                              [](const auto& list) { return list_json(list, assignment_json); });
               }});
  t.push_back({Method::del,
               "/api/v1/plans/:id/assignments/:assignment",
               "Withdraw an assignment",
               "activity",
               Access::session,
               Exec::worker,
               {},
               kDefaultBodyLimit,
               [&people](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 auto aid = id_param(req, "assignment");
                 if (!id || !aid) return not_found("assignment");
                 if (auto ok = people.unassign(*req.actor, *id, *aid); !ok)
                   return std::unexpected(ok.error());
                 return Response::no_content();
               }});
  t.push_back(
      {Method::get,
       "/api/v1/plans/:id/staffing",
       "Each session's staff against the ratio rules, every unmet rule and rotation flags (S19(8))",
       "activity",
       Access::session,
       Exec::io,
       {},
       kDefaultBodyLimit,
       [&people](Request& req) -> Result<Response> {
         auto id = id_param(req);
         if (!id) return std::unexpected(id.error());
         return ok_or(people.staffing(*req.actor, *id), staffing_json);
       }});
}

void add_execution_routes(RouteTable& t, ExecutionService& exec) {
  t.push_back({Method::post,
               "/api/v1/plans/:id/papers",
               "Record a session's paper from the unified bank (S19(6)); one per session",
               "activity",
               Access::session,
               Exec::worker,
               {},
               8192,
               [&exec](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 PaperInput in;
                 in.session_id = f.required_int("session_id");
                 in.paper_id = f.required_string("paper_id");
                 in.generated_at = f.required_string("generated_at");
                 auto paperless = f.optional_bool("paperless");
                 if (!body->contains("paperless")) f.problem("paperless", "required");
                 in.paperless = paperless.value_or(false);
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 return ok_or(exec.record_paper(*req.actor, *id, in), paper_json, 201);
               }});
  t.push_back({Method::get,
               "/api/v1/plans/:id/papers",
               "The plan's papers, a paper reused by another plan flagged (S19(6))",
               "activity",
               Access::session,
               Exec::io,
               {},
               kDefaultBodyLimit,
               [&exec](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 return ok_or(exec.papers(*req.actor, *id),
                              [](const auto& list) { return list_json(list, paper_json); });
               }});
  t.push_back({Method::post,
               "/api/v1/plans/:id/videos",
               "Record a video recording of a session's room",
               "activity",
               Access::session,
               Exec::worker,
               {},
               8192,
               [&exec](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 VideoInput in;
                 in.session_id = f.required_int("session_id");
                 in.room = f.required_string("room");
                 in.storage_id = f.required_string("storage_id");
                 in.starts_at = f.required_string("starts_at");
                 in.ends_at = f.required_string("ends_at");
                 in.sha256 = f.required_string("sha256");
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 return ok_or(exec.record_video(*req.actor, *id, in), video_json, 201);
               }});
  t.push_back({Method::get,
               "/api/v1/plans/:id/videos",
               "Recordings per session with each room's coverage (0..1)",
               "activity",
               Access::session,
               Exec::io,
               {},
               kDefaultBodyLimit,
               [&exec](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 return ok_or(exec.videos(*req.actor, *id),
                              [](const auto& list) { return list_json(list, recordings_json); });
               }});
  t.push_back({Method::post,
               "/api/v1/plans/:id/documents",
               "Put one required archive document (PDF, PNG or JPEG, at most 20 MiB; M18, "
               "S19(11)); the body is the file",
               "activity",
               Access::session,
               Exec::worker,
               {"key", "file_name"},
               kMaxArchiveDocumentBytes,
               [&exec](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 const auto key = query_or_empty(req, "key");
                 if (key.empty()) return bad_request({{"key", "required"}});
                 const auto name = query_or_empty(req, "file_name");
                 const auto type = req.content_type.substr(0, req.content_type.find(';'));
                 return ok_or(exec.put_document(*req.actor, *id, key, name, type, req.body),
                              document_json, 201);
               }});
  t.push_back({Method::get,
               "/api/v1/plans/:id/documents",
               "The archive's required documents with presence and completeness (M18, S19(11))",
               "activity",
               Access::session,
               Exec::io,
               {},
               kDefaultBodyLimit,
               [&exec](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 return ok_or(exec.documents(*req.actor, *id), archive_json);
               }});
}

}  // namespace

void add_personnel_routes(RouteTable& t, Services& s) {
  add_assignment_routes(t, s.personnel);
  add_execution_routes(t, s.execution);
}

}  // namespace skillreg::http
