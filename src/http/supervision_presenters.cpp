#include "http/supervision_presenters.hpp"

#include "core/validators.hpp"

namespace skillreg::http {

namespace {

Json opt_id(const std::optional<std::int64_t>& v) { return v ? Json(*v) : Json(nullptr); }
Json opt_at(const std::optional<Instant>& v) { return v ? Json(format_instant(*v)) : Json(nullptr); }
Json opt_date(const std::optional<Date>& v) { return v ? Json(v->to_string()) : Json(nullptr); }

}  // namespace

Json inspector_json(const Inspector& i) {
  return {{"id", i.id},
          {"name", i.name},
          {"region_code", i.region_code},
          {"user_id", opt_id(i.user_id)},
          {"organisation", i.organisation},
          {"employer_institution_id", opt_id(i.employer_institution_id)},
          {"identity_no", i.identity_no.empty() ? Json("") : Json(mask_identity_number(i.identity_no))},
          {"active", i.active},
          {"created_at", format_instant(i.created_at)}};
}

Json supervision_plan_json(const SupervisionPlan& p, const std::vector<std::int64_t>& draws) {
  return {{"id", p.id},
          {"region_code", p.region_code},
          {"year", p.year},
          {"title", p.title},
          {"content", p.content},
          {"focus", p.focus},
          {"pool", {{"kinds", p.pool_kinds}, {"region_codes", p.pool_regions}}},
          {"sampling_share", p.sampling_share},
          {"key_supervision", p.key_supervision},
          {"weights", {{"watch", p.watch_weight}, {"key", p.key_weight}}},
          {"inspectors_per_target", p.inspectors_per_target},
          {"frequency", p.frequency},
          {"inspection_kind", to_string(p.inspection_kind)},
          {"inspection_mode", to_string(p.inspection_mode)},
          {"checklist", p.checklist},
          {"draws", draws},
          {"created_at", format_instant(p.created_at)}};
}

Json draw_json(const DrawView& v, bool officials, bool full) {
  const auto& d = v.draw;
  Json snapshot = Json::parse(d.snapshot_json, nullptr, false);
  Json result = d.result_json ? Json::parse(*d.result_json, nullptr, false) : Json(nullptr);
  Json j = {{"id", d.id},
            {"region_code", d.region_code},
            {"status", d.status},
            {"algorithm", kDrawAlgorithm},
            {"commitment", d.commitment},
            {"snapshot_sha256", d.snapshot_sha256},
            {"seed", d.seed.empty() ? Json(nullptr) : Json(d.seed)},
            {"committed_at", format_instant(d.committed_at)},
            {"drawn_at", opt_at(d.drawn_at)},
            {"published_at", opt_at(d.published_at)},
            {"completed_on", opt_date(d.completed_on)},
            {"publish_due", opt_date(d.publish_due)},
            {"snapshot", snapshot},
            {"result", result}};
  if (officials) {
    j["plan_id"] = d.plan_id;
    j["inspection_ids"] = v.inspection_ids;
  }
  if (!full) {
    j["pool_size"] = snapshot.is_object() ? snapshot.value("pool", Json::array()).size() : 0;
    j["roster_size"] = snapshot.is_object() ? snapshot.value("roster", Json::array()).size() : 0;
    j["targets"] = result.is_object() ? Json(result.value("targets", Json::array()).size()) : Json(nullptr);
    j.erase("snapshot");
    j.erase("result");
  }
  return j;
}

Json verification_json(const DrawVerification& v) {
  return {{"verified", v.verified()},
          {"commitment_matches", v.commitment_matches},
          {"snapshot_matches", v.snapshot_matches},
          {"result_matches", v.result_matches}};
}

Json evidence_json(const EvidenceMeta& e) {
  return {{"id", e.id},
          {"file_name", e.file_name},
          {"content_type", e.content_type},
          {"size", e.size},
          {"sha256", e.sha256},
          {"uploaded_at", format_instant(e.created_at)}};
}

Json inspection_summary_json(const Inspection& i) {
  Json inspectors = Json::array();
  for (const auto& r : i.inspectors) inspectors.push_back({{"id", r.id}, {"name", r.name}});
  return {{"id", i.id},
          {"institution_id", i.institution_id},
          {"institution_code", i.institution_code},
          {"institution_name", i.institution_name},
          {"authority_code", i.authority_code},
          {"kind", to_string(i.kind)},
          {"mode", to_string(i.mode)},
          {"covert", i.mode == InspectionMode::onsite_covert},
          {"status", to_string(i.status)},
          {"draw_id", opt_id(i.draw_id)},
          {"supervision_plan_id", opt_id(i.supervision_plan_id)},
          {"complaint_id", opt_id(i.complaint_id)},
          {"evaluation_plan_id", opt_id(i.evaluation_plan_id)},
          {"peer_institution_id", opt_id(i.peer_institution_id)},
          {"renewal_id", opt_id(i.renewal_id)},
          {"third_party", i.third_party},
          {"scheduled_on", i.scheduled_on.to_string()},
          {"started_at", opt_at(i.started_at)},
          {"completed_at", opt_at(i.completed_at)},
          {"published_at", opt_at(i.published_at)},
          {"outcome", i.outcome ? Json(to_string(*i.outcome)) : Json(nullptr)},
          {"inspectors", inspectors}};
}

Json inspection_json(const Inspection& i, Lang lang) {
  Json j = inspection_summary_json(i);
  Json items = Json::array();
  for (const auto& f : i.items) {
    const auto* item = checklist_item(f.code);
    items.push_back({{"code", f.code},
                     {"area", item ? item->area : 0},
                     {"text", item ? (lang == Lang::en ? item->en : item->zh) : f.code},
                     {"finding", f.finding ? Json(to_string(*f.finding)) : Json(nullptr)},
                     {"note", f.note}});
  }
  Json evidence = Json::array();
  for (const auto& e : i.evidence) evidence.push_back(evidence_json(e));
  Json rect = Json::array();
  for (const auto& r : i.rectifications)
    rect.push_back({{"id", r.id},
                    {"requirement", r.requirement},
                    {"due_on", r.due_on.to_string()},
                    {"status", to_string(rectification_status(r))},
                    {"verified_on", opt_date(r.verified_on)},
                    {"note", r.note},
                    {"report", r.report},
                    {"reported_on", r.reported_at ? Json(local_date(*r.reported_at).to_string()) : Json(nullptr)},
                    {"rejected_on", r.rejected_at ? Json(local_date(*r.rejected_at).to_string()) : Json(nullptr)},
                    {"rejection_note", r.rejection_note}});
  j["checklist"] = items;
  j["evidence"] = evidence;
  j["rectifications"] = rect;
  j["report"] = i.report;
  j["cancel_reason"] = i.cancel_reason;
  j["refused"] = i.refused;
  j["cancelled_at"] = opt_at(i.cancelled_at);
  j["self_evaluation"] = i.self_evaluation
                             ? Json{{"text", *i.self_evaluation}, {"submitted_at", opt_at(i.self_evaluated_at)}}
                             : Json(nullptr);
  j["created_at"] = format_instant(i.created_at);
  return j;
}

Json public_inspection_json(const Inspection& i) {
  return {{"id", i.id},
          {"institution_code", i.institution_code},
          {"institution_name", i.institution_name},
          {"kind", to_string(i.kind)},
          {"mode", to_string(i.mode)},
          {"draw_id", opt_id(i.draw_id)},
          {"completed_at", opt_at(i.completed_at)},
          {"outcome", i.outcome ? Json(to_string(*i.outcome)) : Json(nullptr)},
          {"published_at", opt_at(i.published_at)}};
}

Json complaint_json(const Complaint& c, bool overdue) {
  return {{"id", c.id},
          {"tracking_no", c.tracking_no},
          {"institution_id", c.institution_id},
          {"institution_code", c.institution_code},
          {"institution_name", c.institution_name},
          {"authority_code", c.authority_code},
          {"activity_region_code", c.activity_region_code ? Json(*c.activity_region_code) : Json(nullptr)},
          {"category", c.category},
          {"content", c.content},
          {"contact", c.contact},
          {"anonymous", c.contact.empty()},
          {"status", to_string(c.status)},
          {"received_at", format_instant(c.received_at)},
          {"reply_due", c.reply_due.to_string()},
          {"overdue", overdue},
          {"reason", c.reason},
          {"substantiated", c.substantiated ? Json(*c.substantiated) : Json(nullptr)},
          {"reply", c.reply},
          {"replied_at", opt_at(c.replied_at)},
          {"inspection_id", opt_id(c.inspection_id)}};
}

Json public_complaint_json(const Complaint& c) {
  return {{"tracking_no", c.tracking_no},
          {"status", to_string(c.status)},
          {"category", c.category},
          {"institution_name", c.institution_name},
          {"received_at", format_instant(c.received_at)},
          {"reply_due", c.reply_due.to_string()},
          {"reason", c.reason},
          {"reply", c.reply},
          {"replied_at", opt_at(c.replied_at)}};
}

Json supervision_archive_json(const SupervisionArchive& v) {
  Json reasons = Json::array();
  for (const auto& r : v.standing.reasons)
    reasons.push_back({{"rule", r.rule}, {"article", r.article}, {"level", to_string(r.level)}});
  Json timeline = Json::array();
  for (const auto& e : v.timeline)
    timeline.push_back({{"at", format_instant(e.at)},
                        {"type", e.type},
                        {"article", e.article},
                        {"summary", e.summary},
                        {"event", e.event},
                        {"ref", {{"type", e.ref_type}, {"id", e.ref_id}}}});
  const auto& f = v.facts;
  return {{"institution_id", v.institution_id},
          {"standing", {{"level", to_string(v.standing.level)}, {"reasons", reasons}}},
          {"facts",
           {{"failed_inspections_24m", f.failed_inspections_24m},
            {"issues_inspections_12m", f.issues_inspections_12m},
            {"overdue_rectifications", f.overdue_rectifications},
            {"substantiated_complaints_12m", f.substantiated_complaints_12m},
            {"sampling_issues_12m", f.sampling_issues_12m},
            {"sanctions_24m", f.sanctions_24m},
            {"monitoring_12m", f.monitoring_12m ? Json(*f.monitoring_12m) : Json(nullptr)}}},
          {"timeline", timeline}};
}

}  // namespace skillreg::http
