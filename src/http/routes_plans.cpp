// Evaluation plans (评价计划): draft, publish (S19(1)), change and cancel with reasons (S20(2), M12).
#include "http/activity_presenters.hpp"
#include "http/handler_helpers.hpp"
#include "http/query.hpp"
#include "http/services.hpp"

namespace skillreg::http {

namespace {

PlanInput read_plan(Fields& f) {
  PlanInput in;
  in.subject_code = f.required_string("subject_code");
  // Clamped before narrowing so a huge number is refused by the rule, never wrapped into range.
  auto small = [](std::int64_t v) { return int(std::clamp<std::int64_t>(v, -1, 10'000'000)); };
  in.level = small(f.required_int("level"));
  in.parts = f.string_array("parts");
  in.exam_site_id = f.required_int("exam_site_id");
  in.planned_count = small(f.required_int("planned_count"));
  in.question_source = f.optional_string("question_source").value_or("unified_bank");
  in.paperless = f.optional_bool("paperless").value_or(false);
  in.fee = small(f.optional_int("fee").value_or(0));
  if (const Json* sessions = f.optional_array("sessions")) {
    for (std::size_t i = 0; i < sessions->size(); ++i) {
      const auto& s = (*sessions)[i];
      const std::string field = "sessions[" + std::to_string(i) + "]";
      if (!s.is_object()) {
        f.problem(field, "must_be_object");
        continue;
      }
      PlanInput::SessionInput out;
      for (const auto& [key, v] : s.items()) {
        if (key == "id" && v.is_number_integer()) out.id = v.get<std::int64_t>();
        else if ((key == "part" || key == "starts_at" || key == "ends_at" || key == "room") && v.is_string()) {
          const auto text = v.get<std::string>();
          if (key == "part") out.part = text;
          else if (key == "starts_at") out.starts_at = text;
          else if (key == "ends_at") out.ends_at = text;
          else out.room = text;
        } else if (key == "id" || key == "part" || key == "starts_at" || key == "ends_at" || key == "room") {
          f.problem(field + "." + key, key == "id" ? "must_be_integer" : "must_be_string");
        } else {
          f.problem(field + "." + key, "unknown_field");
        }
      }
      for (const char* key : {"part", "starts_at", "ends_at", "room"})
        if (!s.contains(key)) f.problem(field + "." + key, "required");
      in.sessions.push_back(out);
    }
  }
  return in;
}

}  // namespace

void add_plan_routes(RouteTable& t, Services& s) {
  auto& plans = s.plans;
  const PlanJson plan_json{s.ctx.clock};
  t.push_back({Method::get, "/api/v1/plans", "Evaluation plans in the caller's scope", "activity", Access::session,
               Exec::io, {"status", "subject_code", "level", "institution_id", "from", "to", "page", "page_size"},
               kDefaultBodyLimit, [&plans, plan_json](Request& req) -> Result<Response> {
                 auto page = page_of(req);
                 if (!page) return std::unexpected(page.error());
                 PlanFilter f;
                 f.page = *page;
                 if (auto st = query_or_empty(req, "status"); !st.empty()) f.status = st;
                 f.subject_code = query_or_empty(req, "subject_code");
                 if (auto lv = query_or_empty(req, "level"); !lv.empty()) {
                   if (lv.size() != 1 || lv[0] < '0' || lv[0] > '5') return bad_request({{"level", "must_be_0_to_5"}});
                   f.level = lv[0] - '0';
                 }
                 if (auto inst = query_or_empty(req, "institution_id"); !inst.empty()) {
                   if (inst.size() > 18 || inst.find_first_not_of("0123456789") != std::string::npos)
                     return bad_request({{"institution_id", "must_be_id"}});
                   f.institution_id = std::stoll(inst);
                 }
                 f.from = query_or_empty(req, "from");
                 f.to = query_or_empty(req, "to");
                 return ok_or(plans.plans(*req.actor, f), [&](const auto& p) { return page_json(p, plan_json); });
               }});
  t.push_back({Method::post, "/api/v1/plans", "Draft a plan inside the scope at a confirmed site (S20(2), M12)",
               "activity", Access::session, Exec::worker, {}, 64 * 1024, [&plans, plan_json](Request& req) -> Result<Response> {
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 auto in = read_plan(f);
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 return ok_or(plans.create(*req.actor, in), plan_json, 201);
               }});
  t.push_back({Method::get, "/api/v1/plans/:id", "One plan with its sessions", "activity", Access::session,
               Exec::io, {}, kDefaultBodyLimit, [&plans, plan_json](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 return ok_or(plans.plan(*req.actor, *id), plan_json);
               }});
  t.push_back({Method::put, "/api/v1/plans/:id", "Change a plan, with a reason that is kept (S19(1))", "activity",
               Access::session, Exec::worker, {}, 64 * 1024, [&plans, plan_json](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 auto in = read_plan(f);
                 auto reason = f.required_string("reason");
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 return ok_or(plans.change(*req.actor, *id, in, reason), plan_json);
               }});
  t.push_back({Method::post, "/api/v1/plans/:id/publish",
               "Publish the plan, at least the policy's days before its first session (S19(1))", "activity",
               Access::session, Exec::worker, {}, 1024, [&plans, plan_json](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 if (auto ok = no_fields(req); !ok) return std::unexpected(ok.error());
                 return ok_or(plans.publish(*req.actor, *id), plan_json);
               }});
  t.push_back({Method::post, "/api/v1/plans/:id/cancel", "Cancel the plan with a reason", "activity",
               Access::session, Exec::worker, {}, 8192, [&plans, plan_json](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 auto reason = reasons_of(req, "reason");
                 if (!reason) return std::unexpected(reason.error());
                 return ok_or(plans.cancel(*req.actor, *id, *reason), plan_json);
               }});
  t.push_back({Method::get, "/api/v1/plans/:id/changes", "Every change and cancellation of the plan", "activity",
               Access::session, Exec::io, {}, kDefaultBodyLimit, [&plans](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 return ok_or(plans.changes(*req.actor, *id), [](const auto& list) {
                   Json items = Json::array();
                   for (const auto& c : list) items.push_back(plan_change_json(c));
                   return Json{{"items", items}, {"total", list.size()}};
                 });
               }});
}

}  // namespace skillreg::http
