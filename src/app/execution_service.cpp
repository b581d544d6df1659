#include "app/execution_service.hpp"

#include <algorithm>

#include "app/activity_access.hpp"
#include "app/audit_trail.hpp"
#include "core/crypto.hpp"
#include "domain/registry/evidence.hpp"
#include "store/execution_repo.hpp"

namespace skillreg {

namespace {

constexpr const char* kUnifiedQuestions = "S19(6)";

std::unexpected<Error> plan_cancelled() {
  return conflict("计划已取消", "The plan is cancelled");
}

// The plan for the institution's reporting, not cancelled.
Result<Plan> plan_to_report(Tx& tx, const AppContext& ctx, const Actor& actor,
                            std::int64_t plan_id) {
  auto plan = load_plan_for_report(tx, ctx, actor, plan_id);
  if (!plan) return plan;
  if (plan->status == PlanStatus::cancelled) return plan_cancelled();
  return plan;
}

const PlanSession* session_of(const Plan& plan, std::int64_t session_id) {
  const auto it =
      std::ranges::find_if(plan.sessions, [&](const PlanSession& s) { return s.id == session_id; });
  return it == plan.sessions.end() ? nullptr : &*it;
}

PaperView view_of(ExecutionRepo& repo, const Plan& plan, const Paper& p) {
  PaperView v{p, repo.other_plans_using(p.paper_id, plan.id), {}};
  // S19(6) 未按要求使用统一试题资源或拒绝采用无纸化机考.
  if (!v.reused_in_plans.empty()) v.flags.push_back({"paper_reused", kUnifiedQuestions});
  if (plan.paperless && !p.paperless) v.flags.push_back({"not_paperless", kUnifiedQuestions});
  return v;
}

std::string lower(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return s;
}

}  // namespace

Result<PaperView> ExecutionService::record_paper(const Actor& actor, std::int64_t plan_id,
                                                 const PaperInput& in) {
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<PaperView> {
    auto plan = plan_to_report(tx, ctx_, actor, plan_id);
    if (!plan) return std::unexpected(plan.error());
    const auto* session = session_of(*plan, in.session_id);
    const auto generated = parse_instant(in.generated_at);
    std::vector<FieldProblem> problems;
    if (!session) problems.push_back({"session_id", "not_a_session_of_the_plan"});
    if (!generated) problems.push_back({"generated_at", "must_be_date_time"});
    if (!problems.empty()) return invalid(problems);
    if (auto ok = check_paper(*session, in.paper_id, *generated); !ok)
      return std::unexpected(ok.error());
    ExecutionRepo repo(tx);
    if (repo.paper_of_session(session->id))
      return std::unexpected(conflict("该场次已登记试卷", "The session already has its paper")
                                 .error()
                                 .with("session_id", "has_a_paper"));
    Paper p{session->id, plan->id, in.paper_id, *generated, in.paperless, now};
    repo.insert_paper(p);
    record_change(tx, actor, now,
                  {"paper.record",
                   "plan",
                   std::to_string(plan->id),
                   plan->authority_code,
                   plan->institution_id,
                   nullptr,
                   {{"session_id", p.session_id},
                    {"paper_id", p.paper_id},
                    {"generated_at", format_instant(p.generated_at)},
                    {"paperless", p.paperless}}});
    return view_of(repo, *plan, p);
  });
}

Result<std::vector<PaperView>> ExecutionService::papers(const Actor& actor, std::int64_t plan_id) {
  return ctx_.db.read([&](Tx& tx) -> Result<std::vector<PaperView>> {
    auto plan = load_plan_for_read(tx, ctx_, actor, plan_id);
    if (!plan) return std::unexpected(plan.error());
    ExecutionRepo repo(tx);
    std::vector<PaperView> out;
    for (const auto& p : repo.papers_of_plan(plan_id)) out.push_back(view_of(repo, *plan, p));
    return out;
  });
}

Result<Video> ExecutionService::record_video(const Actor& actor, std::int64_t plan_id,
                                             const VideoInput& in) {
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<Video> {
    auto plan = plan_to_report(tx, ctx_, actor, plan_id);
    if (!plan) return std::unexpected(plan.error());
    const auto* session = session_of(*plan, in.session_id);
    const auto starts = parse_instant(in.starts_at), ends = parse_instant(in.ends_at);
    std::vector<FieldProblem> problems;
    if (!session) problems.push_back({"session_id", "not_a_session_of_the_plan"});
    if (!starts) problems.push_back({"starts_at", "must_be_date_time"});
    if (!ends) problems.push_back({"ends_at", "must_be_date_time"});
    if (!problems.empty()) return invalid(problems);
    Video v{0, session->id, in.room, in.storage_id, lower(in.sha256), *starts, *ends, now};
    if (auto ok = check_recording(*session, v); !ok) return std::unexpected(ok.error());
    ExecutionRepo repo(tx);
    if (repo.video_exists(v.session_id, v.storage_id))
      return std::unexpected(conflict("该录像已登记", "This recording is already registered")
                                 .error()
                                 .with("storage_id", "already_registered"));
    v.id = repo.insert_video(v);
    record_change(tx, actor, now,
                  {"video.record",
                   "plan",
                   std::to_string(plan->id),
                   plan->authority_code,
                   plan->institution_id,
                   nullptr,
                   {{"video_id", v.id},
                    {"session_id", v.session_id},
                    {"room", v.room},
                    {"storage_id", v.storage_id},
                    {"starts_at", format_instant(v.starts_at)},
                    {"ends_at", format_instant(v.ends_at)},
                    {"sha256", v.sha256}}});
    return v;
  });
}

Result<std::vector<SessionRecordings>> ExecutionService::videos(const Actor& actor,
                                                                std::int64_t plan_id) {
  return ctx_.db.read([&](Tx& tx) -> Result<std::vector<SessionRecordings>> {
    auto plan = load_plan_for_read(tx, ctx_, actor, plan_id);
    if (!plan) return std::unexpected(plan.error());
    const auto all = ExecutionRepo(tx).videos_of_plan(plan_id);
    std::vector<SessionRecordings> out;
    for (const auto& s : plan->sessions) {
      SessionRecordings r{s, {}, session_coverage(s, all), 0};
      for (const auto& v : all)
        if (v.session_id == s.id) r.videos.push_back(v);
      r.coverage = 1;
      for (const auto& room : r.rooms) r.coverage = std::min(r.coverage, room.coverage);
      out.push_back(std::move(r));
    }
    return out;
  });
}

Result<PlanDocument> ExecutionService::put_document(const Actor& actor, std::int64_t plan_id,
                                                    const std::string& key,
                                                    const std::string& file_name,
                                                    const std::string& content_type,
                                                    const std::string& bytes) {
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<PlanDocument> {
    auto plan = plan_to_report(tx, ctx_, actor, plan_id);
    if (!plan) return std::unexpected(plan.error());
    if (!ArchiveCatalogue::required().find(key))
      return invalid({{"key", "not_a_required_document"}});
    if (bytes.size() > kMaxArchiveDocumentBytes)
      return fail(ErrorKind::payload_too_large, "文件过大", "The file is too large");
    if (auto ok = check_evidence(file_name, content_type, bytes); !ok)
      return std::unexpected(ok.error());
    ExecutionRepo repo(tx);
    const auto before = repo.document(plan_id, key);
    PlanDocument d{plan_id, key, file_name, crypto::sha256_hex(bytes), std::int64_t(bytes.size()),
                   now};
    repo.put_document(d);
    auto snapshot = [](const PlanDocument& x) {
      return nlohmann::json{
          {"key", x.key}, {"file_name", x.file_name}, {"sha256", x.sha256}, {"size", x.size}};
    };
    record_change(
        tx, actor, now,
        {"plan.document", "plan", std::to_string(plan_id), plan->authority_code,
         plan->institution_id, before ? snapshot(*before) : nlohmann::json(nullptr), snapshot(d)});
    return d;
  });
}

Result<ArchiveView> ExecutionService::documents(const Actor& actor, std::int64_t plan_id) {
  return ctx_.db.read([&](Tx& tx) -> Result<ArchiveView> {
    auto plan = load_plan_for_read(tx, ctx_, actor, plan_id);
    if (!plan) return std::unexpected(plan.error());
    const auto docs = ExecutionRepo(tx).documents_of_plan(plan_id);
    const auto& catalogue = ArchiveCatalogue::required();
    ArchiveView view;
    std::vector<std::string> keys;
    for (const auto& kind : catalogue.kinds()) {
      ArchiveItem item{kind, std::nullopt};
      for (const auto& d : docs)
        if (d.key == kind.key) item.document = d;
      if (item.document) keys.push_back(kind.key);
      view.items.push_back(std::move(item));
    }
    view.required = int(catalogue.kinds().size());
    view.present = int(keys.size());
    view.completeness = archive_completeness(catalogue, keys);
    return view;
  });
}

}  // namespace skillreg
