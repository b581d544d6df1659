// Candidates, the qualification review (资格审核, S19(2)), scores and the results publicity (S19(9)).
#include "app/candidate_service.hpp"
#include "http/activity_presenters.hpp"
#include "http/handler_helpers.hpp"
#include "http/query.hpp"
#include "http/services.hpp"

namespace skillreg::http {

namespace {

CandidateInput read_candidate(Fields& f) {
  CandidateInput in;
  in.identity_no = f.required_string("identity_no");
  in.name = f.required_string("name");
  in.education = f.required_string("education");
  in.years_in_trade = int(std::clamp<std::int64_t>(f.required_int("years_in_trade"), -1, 1000));
  if (auto p = f.optional_int("prior_level")) in.prior_level = int(std::clamp<std::int64_t>(*p, -1, 1000));
  in.prior_cert_date = f.optional_string("prior_cert_date").value_or("");
  in.apprenticeship = f.optional_bool("apprenticeship").value_or(false);
  in.review = f.optional_string("review");
  in.review_note = f.optional_string("review_note").value_or("");
  return in;
}

}  // namespace

void add_candidate_routes(RouteTable& t, Services& s) {
  auto& cands = s.candidates;
  const PlanJson plan_json{s.ctx.clock};
  t.push_back({Method::get, "/api/v1/plans/:id/candidates",
               "Candidates of a plan with the system's re-check and flags (S19(2)); identity numbers masked",
               "activity", Access::session, Exec::io,
               {"review", "result", "eligible", "flagged", "q", "page", "page_size"}, kDefaultBodyLimit,
               [&cands](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 auto page = page_of(req);
                 if (!page) return std::unexpected(page.error());
                 CandidateQuery q;
                 q.page = *page;
                 if (auto r = query_or_empty(req, "review"); !r.empty()) {
                   q.review = parse_review_decision(r);
                   if (!q.review) return bad_request({{"review", "unknown_decision"}});
                 }
                 if (auto r = query_or_empty(req, "result"); !r.empty()) {
                   q.result = parse_exam_result(r);
                   if (!q.result) return bad_request({{"result", "unknown_result"}});
                 }
                 auto eligible = bool_query(req, "eligible");
                 if (!eligible) return std::unexpected(eligible.error());
                 q.eligible = *eligible;
                 auto flagged = bool_query(req, "flagged");
                 if (!flagged) return std::unexpected(flagged.error());
                 q.q = query_or_empty(req, "q");
                 if (q.q.size() > 100) return bad_request({{"q", "too_long"}});
                 return ok_or(cands.list(*req.actor, *id, q, flagged->value_or(false)),
                              [](const auto& p) { return page_json(p, candidate_json); });
               }});
  t.push_back({Method::post, "/api/v1/plans/:id/candidates",
               "Register a candidate (GB 11643 identity number) with the institution's review decision", "activity",
               Access::session, Exec::worker, {}, 16 * 1024, [&cands](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 auto in = read_candidate(f);
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 return ok_or(cands.add(*req.actor, *id, in), candidate_json, 201);
               }});
  t.push_back({Method::post, "/api/v1/plans/:id/candidates/:candidate/review",
               "Record the institution's qualification review decision (资格审核)", "activity", Access::session,
               Exec::worker, {}, 8192, [&cands](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 auto cid = id_param(req, "candidate");
                 if (!id || !cid) return not_found("candidate");
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 auto decision = f.required_string("decision");
                 auto note = f.optional_string("note").value_or("");
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 return ok_or(cands.review(*req.actor, *id, *cid, decision, note), candidate_json);
               }});
  t.push_back({Method::post, "/api/v1/plans/:id/candidates/:candidate/identity",
               "The full identity number, for a reason kept in the audit log", "activity", Access::session,
               Exec::worker, {}, 4096, [&cands](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 auto cid = id_param(req, "candidate");
                 if (!id || !cid) return not_found("candidate");
                 auto reason = reasons_of(req, "reason");
                 if (!reason) return std::unexpected(reason.error());
                 return ok_or(cands.reveal_identity(*req.actor, *id, *cid, *reason),
                              [](const std::string& no) { return Json{{"identity_no", no}}; });
               }});
  t.push_back({Method::post, "/api/v1/plans/:id/scores",
               "Record scores per candidate and part (all or none); after publication a reason is required (S19(9))",
               "activity", Access::session, Exec::worker, {}, 2 * 1024 * 1024,
               [&cands](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 std::vector<ScoreInput> items;
                 if (const Json* arr = f.optional_array("items")) {
                   for (std::size_t i = 0; i < arr->size(); ++i) {
                     const auto& it = (*arr)[i];
                     const std::string field = "items[" + std::to_string(i) + "]";
                     if (!it.is_object() || !it.contains("candidate_id") || !it["candidate_id"].is_number_integer() ||
                         !it.contains("part") || !it["part"].is_string() || !it.contains("score") ||
                         !it["score"].is_number() || it.size() != 3) {
                       f.problem(field, "must_be_candidate_id_part_score");
                       continue;
                     }
                     items.push_back({it["candidate_id"].get<std::int64_t>(), it["part"].get<std::string>(),
                                      it["score"].get<double>()});
                   }
                 } else {
                   f.problem("items", "required");
                 }
                 auto reason = f.optional_string("reason").value_or("");
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 return ok_or(cands.record_scores(*req.actor, *id, items, reason), [](const auto& list) {
                   Json out = Json::array();
                   for (const auto& v : list) out.push_back(candidate_json(v));
                   return Json{{"items", out}, {"total", list.size()}};
                 });
               }});
  t.push_back({Method::post, "/api/v1/plans/:id/scores/publish",
               "Publish the results (成绩核定公示) for the policy's working days before certificates (S19(9))",
               "activity", Access::session, Exec::worker, {}, 1024, [&cands, plan_json](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 if (auto ok = no_fields(req); !ok) return std::unexpected(ok.error());
                 return ok_or(cands.publish_results(*req.actor, *id), plan_json);
               }});
}

}  // namespace skillreg::http
