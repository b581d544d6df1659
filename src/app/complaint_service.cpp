#include "app/complaint_service.hpp"

#include <algorithm>

#include "app/audit_trail.hpp"
#include "app/notification_service.hpp"
#include "core/crypto.hpp"
#include "core/utf8.hpp"
#include "store/inspection_repo.hpp"
#include "store/registry_repo.hpp"

namespace skillreg {

namespace {

std::string tracking_number(Date d) {
  std::string hex = crypto::random_hex(8);
  std::ranges::transform(hex, hex.begin(), [](char c) { return static_cast<char>(std::toupper(c)); });
  char date[9];
  std::snprintf(date, sizeof date, "%04d%02d%02d", d.year, d.month, d.day);
  return std::string("TS") + date + hex;
}

Notice complaint_received_notice(const Complaint& c) {
  Notice n;
  n.kind = "complaint_received";
  n.object_type = "complaint";
  n.object_id = std::to_string(c.id);
  n.link = "/api/v1/complaints/" + n.object_id;
  n.title_zh = "收到新的投诉举报";
  n.title_en = "A complaint was received";
  n.params = {{"category", c.category}, {"institution_code", c.institution_code}};
  n.article = "S17";
  n.due_on = c.reply_due;
  n.region_code = c.authority_code;
  n.institution_id = c.institution_id;
  n.audiences = {Audience::authority};
  n.key = "complaint_received|complaint|" + n.object_id;
  return n;
}

}  // namespace

bool ComplaintService::overdue(const Complaint& c) const {
  const bool open = c.status == ComplaintStatus::received || c.status == ComplaintStatus::accepted ||
                    c.status == ComplaintStatus::investigating;
  return open && c.reply_due < local_date(ctx_.clock.now());
}

Result<Complaint> ComplaintService::submit(const ComplaintInput& in, const std::string& client_ip) {
  if (auto ok = check_complaint(in); !ok) return std::unexpected(ok.error());
  if (!in.activity_region_code.empty() && !ctx_.regions.find(in.activity_region_code))
    return invalid({{"activity_region_code", "unknown_region"}});
  const Instant now = ctx_.clock.now();
  const Date today = local_date(now);
  return ctx_.db.write([&](Tx& tx) -> Result<Complaint> {
    auto inst = RegistryRepo(tx).institution_by_code(in.institution_code);
    if (!inst) return invalid({{"institution_code", "unknown_institution"}});
    Complaint c;
    // Only a hash of the address is kept, and only to limit the rate.
    c.source_hash = crypto::sha256_hex("complaint|" + client_ip);
    ComplaintRepo repo(tx);
    if (repo.recent_from(c.source_hash, now - 3600) >= policy_.complaints_per_hour)
      return fail(ErrorKind::rate_limited, "提交过于频繁，请稍后再试", "Too many complaints from this address; try later");
    c.tracking_no = tracking_number(today);
    c.institution_id = inst->id;
    c.institution_code = inst->code;
    c.institution_name = inst->name;
    // S5, S17: routed to the authority that supervises the institution, and visible to the
    // authority where the activity took place.
    c.authority_code = inst->authority_code;
    if (!in.activity_region_code.empty()) c.activity_region_code = in.activity_region_code;
    c.category = in.category;
    c.content = in.content;
    c.contact = in.contact;
    c.received_at = now;
    c.reply_due = ctx_.calendar.add_working_days(today, policy_.complaint_reply_working_days);
    c.id = repo.insert(c);
    record_change(tx, system_actor(), now,
                  {"complaint.receive", "complaint", std::to_string(c.id), c.authority_code, c.institution_id,
                   nullptr, {{"category", c.category}, {"reply_due", c.reply_due.to_string()}}});
    // Issue 10 §2: the officials it is routed to are told at once (S17).
    NotificationService::notify(tx, ctx_, complaint_received_notice(c), now);
    return c;
  });
}

Result<Complaint> ComplaintService::track(const std::string& tracking_no) {
  if (tracking_no.size() > 40) return not_found("complaint");
  return ctx_.db.read([&](Tx& tx) -> Result<Complaint> {
    auto c = ComplaintRepo(tx).by_tracking_no(tracking_no);
    if (!c) return not_found("complaint");
    return *c;
  });
}

Result<Complaint> ComplaintService::load(Tx& tx, const Actor& actor, std::int64_t id) const {
  auto c = ComplaintRepo(tx).find(id);
  if (!c || !is_authority(actor.role)) return not_found("complaint");
  const bool routed = ctx_.regions.contains(actor.region_code, c->authority_code);
  const bool place = c->activity_region_code && ctx_.regions.contains(actor.region_code, *c->activity_region_code);
  if (!routed && !place) return not_found("complaint");
  return *c;
}

Result<Page<Complaint>> ComplaintService::list(const Actor& actor, const ComplaintFilter& f) {
  if (!is_authority(actor.role)) return forbidden();
  return ctx_.db.read([&](Tx& tx) -> Result<Page<Complaint>> {
    return ComplaintRepo(tx).list({ctx_.regions.subtree(actor.region_code), f.status, f.institution_id, f.page});
  });
}

Result<Complaint> ComplaintService::get(const Actor& actor, std::int64_t id) {
  return ctx_.db.read([&](Tx& tx) { return load(tx, actor, id); });
}

Result<Complaint> ComplaintService::move(const Actor& actor, std::int64_t id, ComplaintStatus to,
                                         const std::string& reason) {
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<Complaint> {
    auto c = load(tx, actor, id);
    if (!c) return c;
    if (!complaint_may_become(c->status, to))
      return conflict("投诉当前状态不允许此操作", "The complaint's status does not allow this");
    ComplaintRepo repo(tx);
    repo.set_status(id, to, reason);
    record_change(tx, actor, now, {"complaint." + std::string(to_string(to)), "complaint", std::to_string(id),
                                   c->authority_code, c->institution_id, {{"status", to_string(c->status)}},
                                   {{"status", to_string(to)}, {"reason", reason}}});
    return *repo.find(id);
  });
}

Result<Complaint> ComplaintService::accept(const Actor& actor, std::int64_t id) {
  return move(actor, id, ComplaintStatus::accepted, "");
}

Result<Complaint> ComplaintService::reject(const Actor& actor, std::int64_t id, const std::string& reason) {
  if (reason.empty()) return invalid({{"reason", "required"}});
  if (utf8_length(reason) > 2000) return invalid({{"reason", "too_long"}});
  return move(actor, id, ComplaintStatus::not_accepted, reason);
}

Result<std::pair<Complaint, Inspection>> ComplaintService::open_inspection(const Actor& actor, std::int64_t id,
                                                                           InspectionInput in) {
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<std::pair<Complaint, Inspection>> {
    auto c = load(tx, actor, id);
    if (!c) return std::unexpected(c.error());
    if (!complaint_may_become(c->status, ComplaintStatus::investigating))
      return conflict("只有已受理的投诉可以启动专项督查", "Only an accepted complaint can open a special inspection");
    in.institution_id = c->institution_id;
    in.kind = InspectionKind::special;  // S15: 发生投诉举报 … 启动专项督查
    in.complaint_id = id;
    auto i = inspections_.create_in(tx, actor, in);
    if (!i) return std::unexpected(i.error());
    ComplaintRepo repo(tx);
    repo.set_inspection(id, i->id);
    record_change(tx, actor, now, {"complaint.investigating", "complaint", std::to_string(id), c->authority_code,
                                   c->institution_id, {{"status", to_string(c->status)}},
                                   {{"status", "investigating"}, {"inspection_id", i->id}}});
    return std::pair{*repo.find(id), *i};
  });
}

Result<Complaint> ComplaintService::reply(const Actor& actor, std::int64_t id, bool substantiated,
                                          const std::string& text) {
  if (text.empty()) return invalid({{"reply", "required"}});
  if (utf8_length(text) > 4000) return invalid({{"reply", "too_long"}});
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<Complaint> {
    auto c = load(tx, actor, id);
    if (!c) return c;
    if (!complaint_may_become(c->status, ComplaintStatus::replied))
      return conflict("投诉当前状态不允许答复", "The complaint's status does not allow a reply");
    // S15: 属实 rests on the completed special inspection the complaint opened.
    const bool inspected = c->inspection_id && InspectionRepo(tx).find(*c->inspection_id).transform([](const auto& i) {
      return i.status == InspectionStatus::completed;
    }).value_or(false);
    if (substantiated && !may_be_found_substantiated(c->status, inspected))
      return invalid({{"substantiated", "requires_a_completed_special_inspection"}});
    ComplaintRepo repo(tx);
    repo.set_reply(id, substantiated, text, now);
    record_change(tx, actor, now, {"complaint.reply", "complaint", std::to_string(id), c->authority_code,
                                   c->institution_id, {{"status", to_string(c->status)}},
                                   {{"status", "replied"}, {"substantiated", substantiated}}});
    return *repo.find(id);
  });
}

}  // namespace skillreg
