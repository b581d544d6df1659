#include "http/registry_presenters.hpp"

namespace skillreg::http {

Json scope_json(const std::vector<ScopeItem>& scope) {
  Json out = Json::array();
  for (const auto& s : scope) out.push_back({{"subject_code", s.subject_code}, {"levels", s.levels}});
  return out;
}

Json announcement_json(const Announcement& a) {
  Json kinds = Json::array();
  for (auto k : a.kinds) kinds.push_back(to_string(k));
  return {{"id", a.id},
          {"region_code", a.region_code},
          {"title", a.title},
          {"kinds", kinds},
          {"opens_on", a.opens_on.to_string()},
          {"closes_on", a.closes_on.to_string()},
          {"conditions", a.conditions},
          {"assessment", a.assessment},
          {"methods", a.methods},
          {"created_at", format_instant(a.created_at)}};
}

Json application_json(const Application& a) {
  Json checklist = Json::array();
  for (const auto& c : a.checklist) checklist.push_back({{"key", c.key}, {"statement", c.statement}});
  return {{"id", a.id},
          {"kind", to_string(a.kind)},
          {"status", to_string(a.status)},
          {"announcement_id", a.announcement_id ? Json(*a.announcement_id) : Json(nullptr)},
          {"authority_code", a.authority_code},
          {"credit_code", a.credit_code},
          {"name", a.name},
          {"address", a.address},
          {"region_code", a.region_code},
          {"contact", a.contact},
          {"phone", a.phone},
          {"ministry_code", a.ministry_code},
          {"scope", scope_json(a.scope)},
          {"checklist", checklist},
          {"subsidiaries", a.subsidiaries},
          {"purpose", to_string(a.purpose)},
          {"reasons", a.reasons},
          {"publicity_ends", a.publicity_ends ? Json(a.publicity_ends->to_string()) : Json(nullptr)},
          {"institution_id", a.institution_id ? Json(*a.institution_id) : Json(nullptr)},
          {"created_at", format_instant(a.created_at)},
          {"updated_at", format_instant(a.updated_at)}};
}

Json application_view_json(const ApplicationView& v) {
  Json out = application_json(v.application);
  Json reviews = Json::array();
  for (const auto& r : v.reviews) {
    Json findings = Json::array();
    for (const auto& [key, met] : r.findings) findings.push_back({{"key", key}, {"met", met}});
    reviews.push_back({{"id", r.id}, {"reviewer_id", r.reviewer_id}, {"findings", findings},
                       {"pass", r.pass}, {"comment", r.comment}, {"at", format_instant(r.created_at)}});
  }
  Json objections = Json::array();
  for (const auto& o : v.objections)
    objections.push_back({{"id", o.id}, {"content", o.content}, {"contact", o.contact},
                          {"resolution", o.resolution ? Json(*o.resolution) : Json(nullptr)},
                          {"at", format_instant(o.created_at)}});
  Json evidence = Json::array();
  for (const auto& e : v.evidence)
    evidence.push_back({{"id", e.id}, {"item", e.item_key}, {"file_name", e.file_name},
                        {"content_type", e.content_type}, {"size", e.size}, {"sha256", e.sha256},
                        {"at", format_instant(e.created_at)}});
  out["evidence"] = evidence;
  out["reviews"] = reviews;
  out["objections"] = objections;
  return out;
}

Json institution_json(const Institution& i) {
  Json out = directory_json(i);
  out["id"] = i.id;
  out["credit_code"] = i.credit_code;
  out["authority_code"] = i.authority_code;
  out["contact"] = i.contact;
  out["phone"] = i.phone;
  out["subsidiaries"] = i.subsidiaries;
  return out;
}

Json directory_json(const Institution& i) {
  return {{"code", i.code},
          {"name", i.name},
          {"kind", to_string(i.kind)},
          {"address", i.address},
          {"region_code", i.region_code},
          {"status", to_string(i.status)},
          {"scope", scope_json(i.scope)},
          {"approved_on", i.approved_on.to_string()},
          {"valid_until", i.valid_until.to_string()},
          {"public_phone", i.public_phone},
          {"fees", i.fees}};
}

Json receipt_json(const Receipt& r) {
  return {{"institution", institution_json(r.institution)},
          {"receipt",
           {{"institution_code", r.institution.code},
            {"institution_name", r.institution.name},
            {"kind", to_string(r.institution.kind)},
            {"authority", r.authority_name},
            {"approved_on", r.institution.approved_on.to_string()},
            {"valid_until", r.institution.valid_until.to_string()}}}};
}

}  // namespace skillreg::http
