// Supervision planning (M27, S8, S12, S15): the inspector roster, supervision plans, the
// verifiable double-random draw and its public data, annual assessments, the archive.
#include "http/handler_helpers.hpp"
#include "http/query.hpp"
#include "http/services.hpp"
#include "http/supervision_presenters.hpp"

namespace skillreg::http {

namespace {

SupervisionPlan read_supervision_plan(Fields& f) {
  SupervisionPlan p;
  p.year = static_cast<int>(std::clamp<std::int64_t>(f.required_int("year"), -1, 100000));
  p.title = f.required_string("title");
  p.content = f.required_string("content");
  p.focus = f.optional_string("focus").value_or("");
  f.nested("pool", [&](Fields& pool) {
    p.pool_kinds = pool.string_array("kinds");
    p.pool_regions = pool.string_array("region_codes");
  });
  p.sampling_share = static_cast<int>(std::clamp<std::int64_t>(f.required_int("sampling_share"), -1, 1000));
  p.key_supervision = f.optional_string("key_supervision").value_or("weight");
  f.nested("weights", [&](Fields& w) {
    p.watch_weight = static_cast<int>(std::clamp<std::int64_t>(w.optional_int("watch").value_or(2), -1, 1000));
    p.key_weight = static_cast<int>(std::clamp<std::int64_t>(w.optional_int("key").value_or(4), -1, 1000));
  });
  p.inspectors_per_target =
      static_cast<int>(std::clamp<std::int64_t>(f.optional_int("inspectors_per_target").value_or(2), -1, 1000));
  p.frequency = f.optional_string("frequency").value_or("");
  if (auto k = f.optional_string("inspection_kind")) {
    if (auto kind = parse_inspection_kind(*k)) p.inspection_kind = *kind;
    else f.problem("inspection_kind", "unknown_kind");
  }
  if (auto m = f.optional_string("inspection_mode")) {
    if (auto mode = parse_inspection_mode(*m)) p.inspection_mode = *mode;
    else f.problem("inspection_mode", "unknown_mode");
  }
  p.checklist = f.string_array("checklist");
  return p;
}

Result<Response> draw_action(Request& req, auto&& action) {
  auto id = id_param(req);
  if (!id) return std::unexpected(id.error());
  if (auto ok = no_fields(req); !ok) return std::unexpected(ok.error());
  return ok_or(action(*req.actor, *id), [](const DrawView& v) { return draw_json(v, true); });
}

void add_roster_and_plan_routes(RouteTable& t, SupervisionService& sup) {
  t.push_back({Method::get, "/api/v1/supervision/checklist", "The inspection checklist over the five areas of S9",
               "supervision", Access::session, Exec::io, {}, kDefaultBodyLimit,
               [](Request& req) -> Result<Response> {
                 Json items = Json::array();
                 for (const auto& i : s9_checklist())
                   items.push_back({{"code", i.code}, {"area", i.area}, {"text", req.lang == Lang::en ? i.en : i.zh},
                                    {"text_zh", i.zh}, {"text_en", i.en}});
                 return Response::ok({{"items", items}});
               }});
  t.push_back({Method::get, "/api/v1/supervision/inspectors", "The inspector roster 执法检查人员名录库 (S10)",
               "supervision", Access::session, Exec::io, {"page", "page_size"}, kDefaultBodyLimit,
               [&sup](Request& req) -> Result<Response> {
                 auto page = page_of(req);
                 if (!page) return std::unexpected(page.error());
                 return ok_or(sup.inspectors(*req.actor, *page),
                              [](const auto& p) { return page_json(p, inspector_json); });
               }});
  t.push_back({Method::post, "/api/v1/supervision/inspectors", "Add an inspector to the caller's roster (S6, S10)",
               "supervision", Access::session, Exec::worker, {}, kDefaultBodyLimit,
               [&sup](Request& req) -> Result<Response> {
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 InspectorInput in;
                 in.name = f.required_string("name");
                 in.identity_no = f.optional_string("identity_no").value_or("");
                 in.organisation = f.optional_string("organisation").value_or("");
                 in.user_id = f.optional_int("user_id");
                 in.employer_institution_id = f.optional_int("employer_institution_id");
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 return ok_or(sup.add_inspector(*req.actor, in), inspector_json, 201);
               }});
  t.push_back({Method::get, "/api/v1/supervision/plans", "Supervision plans 监管计划 in the caller's scope (S12)",
               "supervision", Access::session, Exec::io, {"year", "page", "page_size"}, kDefaultBodyLimit,
               [&sup](Request& req) -> Result<Response> {
                 auto page = page_of(req);
                 if (!page) return std::unexpected(page.error());
                 auto year = id_query(req, "year");
                 if (!year) return std::unexpected(year.error());
                 std::optional<int> y;
                 if (*year) y = static_cast<int>(std::min<std::int64_t>(**year, 100000));
                 return ok_or(sup.plans(*req.actor, y, *page), [](const auto& p) {
                   return page_json(p, [](const SupervisionPlan& x) { return supervision_plan_json(x, {}); });
                 });
               }});
  t.push_back({Method::post, "/api/v1/supervision/plans", "Set a year's supervision plan (S12)", "supervision",
               Access::session, Exec::worker, {}, kDefaultBodyLimit, [&sup](Request& req) -> Result<Response> {
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 auto p = read_supervision_plan(f);
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 return ok_or(sup.create_plan(*req.actor, p),
                              [](const SupervisionPlan& x) { return supervision_plan_json(x, {}); }, 201);
               }});
  t.push_back({Method::get, "/api/v1/supervision/plans/:id", "One supervision plan with its draws", "supervision",
               Access::session, Exec::io, {}, kDefaultBodyLimit, [&sup](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 return ok_or(sup.plan(*req.actor, *id),
                              [](const auto& p) { return supervision_plan_json(p.first, p.second); });
               }});
  t.push_back({Method::post, "/api/v1/supervision/annual-assessments",
               "Open the year's annual assessment 年度考核 of every active institution the caller supervises (S15)",
               "supervision", Access::session, Exec::worker, {}, kDefaultBodyLimit,
               [&sup](Request& req) -> Result<Response> {
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 auto year = f.required_int("year");
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 return ok_or(sup.open_annual_assessments(*req.actor, static_cast<int>(std::clamp<std::int64_t>(year, 0, 100000))),
                              [](const auto& ids) { return Json{{"inspection_ids", ids}}; }, 201);
               }});
}

void add_draw_routes(RouteTable& t, SupervisionService& sup) {
  t.push_back({Method::get, "/api/v1/supervision/draws", "Double-random draws 双随机 in the caller's scope (M27)",
               "supervision", Access::session, Exec::io, {"plan_id", "status", "page", "page_size"}, kDefaultBodyLimit,
               [&sup](Request& req) -> Result<Response> {
                 auto page = page_of(req);
                 if (!page) return std::unexpected(page.error());
                 auto plan = id_query(req, "plan_id");
                 if (!plan) return std::unexpected(plan.error());
                 const auto status = query_or_empty(req, "status");
                 if (!status.empty() && status != "committed" && status != "drawn" && status != "published")
                   return bad_request({{"status", "unknown_status"}});
                 return ok_or(sup.draws(*req.actor, *plan, status, *page), [](const auto& p) {
                   return page_json(p, [](const DrawView& v) { return draw_json(v, true, false); });
                 });
               }});
  t.push_back({Method::post, "/api/v1/supervision/draws",
               "Commit a draw for a plan: the pool and roster snapshot and SHA-256 of a secret seed are fixed (M27)",
               "supervision", Access::session, Exec::worker, {}, kDefaultBodyLimit,
               [&sup](Request& req) -> Result<Response> {
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 auto plan = f.required_int("plan_id");
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 return ok_or(sup.commit_draw(*req.actor, plan), [](const DrawView& v) { return draw_json(v, true); },
                              201);
               }});
  t.push_back({Method::get, "/api/v1/supervision/draws/:id", "One draw; the seed once published", "supervision",
               Access::session, Exec::io, {}, kDefaultBodyLimit, [&sup](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 return ok_or(sup.draw(*req.actor, *id), [](const DrawView& v) { return draw_json(v, true); });
               }});
  t.push_back({Method::post, "/api/v1/supervision/draws/:id/execute",
               "Make the draw: targets and inspectors by the published algorithm; inspections created (M27)",
               "supervision", Access::session, Exec::worker, {}, kDefaultBodyLimit,
               [&sup](Request& req) -> Result<Response> {
                 return draw_action(req, [&sup](const Actor& a, std::int64_t id) { return sup.execute_draw(a, id); });
               }});
  t.push_back({Method::post, "/api/v1/supervision/draws/:id/publish",
               "Publish the results and reveal the seed 一公开 (M27)", "supervision", Access::session, Exec::worker,
               {}, kDefaultBodyLimit, [&sup](Request& req) -> Result<Response> {
                 return draw_action(req, [&sup](const Actor& a, std::int64_t id) { return sup.publish_draw(a, id); });
               }});
  t.push_back({Method::get, "/api/v1/supervision/draws/:id/verify",
               "Re-run the draw from its seed and snapshot and compare (M27)", "supervision", Access::session,
               Exec::io, {}, kDefaultBodyLimit, [&sup](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 return ok_or(sup.verify(*req.actor, *id), verification_json);
               }});
  t.push_back({Method::get, "/api/v1/public/draws", "Draws: commitments at once, seeds and results once published",
               "public", Access::open, Exec::io, {"page", "page_size"}, kDefaultBodyLimit,
               [&sup](Request& req) -> Result<Response> {
                 auto page = page_of(req);
                 if (!page) return std::unexpected(page.error());
                 return ok_or(sup.public_draws(*page), [](const auto& p) {
                   return page_json(p, [](const DrawView& v) { return draw_json(v, false, false); });
                 });
               }});
  t.push_back({Method::get, "/api/v1/public/draws/:id", "Everything needed to re-run a draw (docs/draw.md)", "public",
               Access::open, Exec::io, {}, kDefaultBodyLimit, [&sup](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 return ok_or(sup.public_draw(*id), [](const DrawView& v) { return draw_json(v, false); });
               }});
}

}  // namespace

void add_supervision_routes(RouteTable& t, Services& s) {
  add_roster_and_plan_routes(t, s.supervision);
  add_draw_routes(t, s.supervision);
  t.push_back({Method::get, "/api/v1/institutions/:id/archive",
               "The supervision archive 监管档案 and credit standing of an institution (S8, S11)", "supervision",
               Access::session, Exec::io, {}, kDefaultBodyLimit, [&sup = s.supervision](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 return ok_or(sup.archive(*req.actor, *id), supervision_archive_json);
               }});
}

}  // namespace skillreg::http
