// Bulk reporting: batches of candidates or scores in parts, applied whole or refused whole with
// every row's errors; progress while the worker runs.
#include "app/batch_service.hpp"
#include "http/handler_helpers.hpp"
#include "http/query.hpp"
#include "http/services.hpp"

namespace skillreg::http {

namespace {

Json batch_json(const Batch& b, const std::string& phase, double progress) {
  return {{"id", b.id},
          {"plan_id", b.plan_id},
          {"institution_id", b.institution_id},
          {"kind", to_string(b.kind)},
          {"format", to_string(b.format)},
          {"status", to_string(b.status)},
          {"phase", phase},
          {"parts", b.parts},
          {"bytes", b.bytes},
          {"total_rows", b.total_rows},
          {"processed_rows", b.processed_rows},
          {"error_count", b.error_count},
          {"progress", progress},
          {"errors", Json::parse(b.errors_json, nullptr, false)},
          {"created_at", format_instant(b.created_at)},
          {"finished_at", b.finished_at ? Json(format_instant(*b.finished_at)) : Json(nullptr)}};
}

Json view_json(const BatchView& v) { return batch_json(v.batch, v.phase, v.progress); }

// A list row: counts and progress, not the errors.
Json batch_summary_json(const Batch& b) {
  const double progress = b.status == BatchStatus::processing ? b.progress
                          : b.total_rows > 0                   ? double(b.processed_rows) / double(b.total_rows)
                                                               : 0.0;
  Json j = batch_json(b, "", progress);
  j.erase("errors");
  j.erase("phase");
  return j;
}

Result<BatchQuery> read_filter(const Request& req) {
  auto page = page_of(req);
  if (!page) return std::unexpected(page.error());
  BatchQuery q;
  q.page = *page;
  std::vector<FieldProblem> problems;
  if (auto s = query_or_empty(req, "status"); !s.empty()) {
    q.status = parse_batch_status(s);
    if (!q.status) problems.push_back({"status", "unknown_status"});
  }
  if (auto k = query_or_empty(req, "kind"); !k.empty()) {
    q.kind = parse_batch_kind(k);
    if (!q.kind) problems.push_back({"kind", "must_be_candidates_scores_or_certificates"});
  }
  auto inst = id_query(req, "institution_id");
  if (!inst) return std::unexpected(inst.error());
  q.of_institution = *inst;
  if (!problems.empty()) return bad_request(problems);
  return q;
}

}  // namespace

void add_batch_routes(RouteTable& t, Services& s) {
  auto& batches = s.batches;
  t.push_back({Method::post, "/api/v1/batches",
               "Open a batch of candidates, scores or certificates to issue for a plan (CSV or JSON, sent in parts)", "activity",
               Access::session, Exec::worker, {}, 4096, [&batches](Request& req) -> Result<Response> {
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 auto kind = f.required_string("kind");
                 auto plan = f.required_int("plan_id");
                 auto format = f.optional_string("format").value_or("csv");
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 return ok_or(batches.create(*req.actor, kind, plan, format), view_json, 201);
               }});
  t.push_back({Method::post, "/api/v1/batches/:id/parts",
               "Add a part (the body: CSV lines, the first part with the header, or a JSON array of rows; at most "
               "6 MiB); commit=true also commits",
               "activity", Access::session, Exec::worker, {"commit"}, 6 * 1024 * 1024,
               [&batches](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 auto commit = bool_query(req, "commit");
                 if (!commit) return std::unexpected(commit.error());
                 const bool now = commit->value_or(false);
                 return ok_or(batches.add_part(*req.actor, *id, req.body, now), view_json, now ? 202 : 200);
               }});
  t.push_back({Method::post, "/api/v1/batches/:id/commit",
               "Commit the batch: validated row by row, then applied whole or refused whole", "activity",
               Access::session, Exec::worker, {}, 1024, [&batches](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 if (auto ok = no_fields(req); !ok) return std::unexpected(ok.error());
                 return ok_or(batches.commit(*req.actor, *id), view_json, 202);
               }});
  t.push_back({Method::del, "/api/v1/batches/:id",
               "Withdraw an open batch (not yet committed): its parts are dropped and nothing is applied; open "
               "batches not committed within 7 days expire the same way",
               "activity", Access::session, Exec::worker, {}, 1024, [&batches](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 if (auto ok = no_fields(req); !ok) return std::unexpected(ok.error());
                 return ok_or(batches.withdraw(*req.actor, *id), view_json);
               }});
  t.push_back({Method::get, "/api/v1/batches/:id", "A batch with its progress and row errors", "activity",
               Access::session, Exec::io, {}, kDefaultBodyLimit, [&batches](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 return ok_or(batches.batch(*req.actor, *id), view_json);
               }});
  t.push_back({Method::get, "/api/v1/batches",
               "Batches in the caller's scope, newest first, with counts and progress (the row errors are on "
               "/batches/{id}); filters status, kind and, for officials, institution_id",
               "activity", Access::session, Exec::io, {"status", "kind", "institution_id", "page", "page_size"},
               kDefaultBodyLimit, [&batches](Request& req) -> Result<Response> {
                 auto filter = read_filter(req);
                 if (!filter) return std::unexpected(filter.error());
                 return ok_or(batches.list(*req.actor, *filter),
                              [](const auto& p) { return page_json(p, batch_summary_json); });
               }});
}

}  // namespace skillreg::http
