#include "app/certificate_service.hpp"

#include <algorithm>
#include <set>

#include "app/activity_access.hpp"
#include "app/audit_trail.hpp"
#include "core/qr_png.hpp"
#include "core/utf8.hpp"
#include "core/validators.hpp"
#include "domain/activity/certificate_payload.hpp"
#include "store/candidate_repo.hpp"
#include "store/registry_repo.hpp"

namespace skillreg {

namespace {

bool in_scope(const Institution& inst, const std::string& subject, int level) {
  for (const auto& item : inst.scope)
    if (item.subject_code == subject) return std::ranges::find(item.levels, level) != item.levels.end();
  return false;
}

nlohmann::json certificate_snapshot(const Certificate& c) {
  return {{"cert_no", c.cert_no}, {"candidate_id", c.candidate_id}, {"level", c.level},
          {"status", to_string(c.status)}, {"void_reason", c.void_reason}};
}

}  // namespace

Result<std::vector<Certificate>> CertificateService::issue(const Actor& actor, std::int64_t plan_id,
                                                           const std::vector<std::int64_t>& candidate_ids) {
  const Instant now = ctx_.clock.now();
  const Date today = local_date(now);
  return ctx_.db.write([&](Tx& tx) -> Result<std::vector<Certificate>> {
    auto plan = load_plan_for_report(tx, ctx_, actor, plan_id);
    if (!plan) return std::unexpected(plan.error());
    auto inst = reporting_institution(tx, actor, plan->institution_id);
    if (!inst) return std::unexpected(inst.error());
    if (auto ok = issue_preconditions(*plan, *inst, today); !ok) return std::unexpected(ok.error());
    CandidateRepo candidates(tx);
    CertificateRepo repo(tx);
    std::vector<Candidate> chosen;
    if (candidate_ids.empty()) {
      for (auto& c : candidates.admitted(plan_id))
        if (c.result == ExamResult::passed && !repo.candidate_has_certificate(c.id)) chosen.push_back(c);
    } else {
      std::vector<FieldProblem> problems;
      std::set<std::int64_t> seen;
      for (std::size_t i = 0; i < candidate_ids.size(); ++i) {
        const std::string f = "candidate_ids[" + std::to_string(i) + "]";
        auto c = candidates.find(candidate_ids[i]);
        if (!c || c->plan_id != plan_id) problems.push_back({f, "not_a_candidate_of_the_plan"});
        // S19(2): an admission withdrawn after the scores keeps its result, which was never
        // published (S19(9)): no certificate.
        else if (c->review != ReviewDecision::admitted) problems.push_back({f, "not_admitted"});
        else if (c->result == ExamResult::voided) problems.push_back({f, "result_voided"});  // S18
        else if (c->result != ExamResult::passed) problems.push_back({f, "did_not_pass"});
        else if (repo.candidate_has_certificate(c->id)) problems.push_back({f, "already_certified"});
        else if (!seen.insert(c->id).second) problems.push_back({f, "duplicate"});
        else chosen.push_back(*c);
      }
      if (!problems.empty()) return invalid(problems);
    }
    std::vector<Certificate> out;
    for (const auto& c : chosen) out.push_back(issue_one(tx, *plan, *inst, c, now));
    if (out.empty()) return out;  // nothing changed, nothing to audit
    record_change(tx, actor, now, {"certificate.issue", "plan", std::to_string(plan_id), plan->authority_code,
                                   plan->institution_id, nullptr,
                                   {{"count", out.size()},
                                    {"first", out.empty() ? "" : out.front().cert_no},
                                    {"last", out.empty() ? "" : out.back().cert_no}}});
    return out;
  });
}

Status CertificateService::issue_preconditions(const Plan& plan, const Institution& inst, Date today) const {
  if (plan.level < 1 || plan.level > 5)
    return invalid({{"plan_id", "not_a_skill_level_plan"}});  // special-ability certificates are not numbered here
  // S20(2): still within the granted scope at the time of issue.
  if (!in_scope(inst, plan.subject_code, plan.level)) {
    auto e = invalid({{"plan_id", plan.subject_code + "/" + std::to_string(plan.level) + ":not_in_scope"}});
    e.error().article = "S20(2)";
    return e;
  }
  // S19(9): certificates only after the results publicity has run.
  if (!plan.results_publicity_ends || today < *plan.results_publicity_ends) {
    auto e = conflict("成绩核定公示期满后方可发证", "Certificates are issued only after the results publicity");
    e.error().article = "S19(9)";
    e.error().details.push_back({"plan_id", "results_publicity_not_over"});
    if (plan.results_publicity_ends) e.error().details.push_back({"publicity_ends", plan.results_publicity_ends->to_string()});
    return e;
  }
  return {};
}

Certificate CertificateService::issue_one(Tx& tx, const Plan& plan, const Institution& inst, const Candidate& c,
                                          Instant now) {
  const Date today = local_date(now);
  CertificateRepo repo(tx);
  // The national number: institution code, year, level, a serial never used before (API.md).
  auto cert = certificate_for(plan, c,
                              make_certificate_number(inst.code, today.year % 100, plan.level,
                                                      repo.next_serial(inst.id, today.year, plan.level)),
                              today, now);
  repo.insert(cert);
  return cert;
}

Result<Page<Certificate>> CertificateService::list(const Actor& actor, const CertificateFilter& f) {
  CertificateQuery q;
  q.page = f.page;
  q.plan_id = f.plan_id;
  q.reported = f.reported;
  if (f.status) {
    if (*f.status == "valid") q.status = CertificateStatus::valid;
    else if (*f.status == "voided") q.status = CertificateStatus::voided;
    else return bad_request({{"status", "unknown_status"}});
  }
  if (f.overdue) q.due_before = local_date(ctx_.clock.now()).add_days(-policy_.certificate_report_days - 1).to_string();
  // The certificates of every plan the caller reads (load_plan_for_read): its institutions' and
  // those of exams held at sites in its area.
  if (is_authority(actor.role)) q.authorities = q.site_regions = ctx_.regions.subtree(actor.region_code);
  else if (is_institution_role(actor.role) && actor.institution_id) q.institution_id = actor.institution_id;
  else return forbidden();
  return ctx_.db.read([&](Tx& tx) -> Result<Page<Certificate>> { return CertificateRepo(tx).list(q); });
}

Result<Certificate> CertificateService::certificate(const Actor& actor, const std::string& cert_no) {
  return ctx_.db.read([&](Tx& tx) -> Result<Certificate> {
    auto c = CertificateRepo(tx).find(cert_no);
    if (!c) return not_found("certificate");
    if (auto p = load_plan_for_read(tx, ctx_, actor, c->plan_id); !p) return not_found("certificate");
    return *c;
  });
}

Result<int> CertificateService::report(const Actor& actor, const std::vector<std::string>& cert_nos,
                                       const std::string& reported_on) {
  auto on = Date::parse(reported_on);
  if (!on) return invalid({{"reported_on", "must_be_date"}});
  if (cert_nos.empty()) return invalid({{"cert_nos", "required"}});
  if (cert_nos.size() > 10000) return invalid({{"cert_nos", "at_most_10000"}});
  const Instant now = ctx_.clock.now();
  if (*on > local_date(now)) return invalid({{"reported_on", "in_the_future"}});
  return ctx_.db.write([&](Tx& tx) -> Result<int> {
    CertificateRepo repo(tx);
    std::vector<FieldProblem> problems;
    std::vector<Certificate> found;
    for (std::size_t i = 0; i < cert_nos.size(); ++i) {
      const std::string f = "cert_nos[" + std::to_string(i) + "]";
      auto c = repo.find(cert_nos[i]);
      if (!c || !is_institution_role(actor.role) || actor.institution_id != c->institution_id) {
        problems.push_back({f, "not_found"});
        continue;
      }
      if (*on < c->issued_on) problems.push_back({f, "reported_before_issue"});
      else found.push_back(*c);
    }
    if (!problems.empty()) return invalid(problems);
    for (const auto& c : found) repo.set_reported(c.cert_no, *on);
    record_change(tx, actor, now, {"certificate.report", "institution", std::to_string(*actor.institution_id), "",
                                   actor.institution_id, nullptr,
                                   {{"count", found.size()}, {"reported_on", reported_on}}});
    return int(found.size());
  });
}

Result<Certificate> CertificateService::void_certificate(const Actor& actor, const std::string& cert_no,
                                                         const std::string& reason) {
  if (reason.empty() || reason.size() > 4000) return invalid({{"reason", reason.empty() ? "required" : "too_long"}});
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<Certificate> {
    CertificateRepo repo(tx);
    auto c = repo.find(cert_no);
    if (!c) return not_found("certificate");
    auto plan = load_plan_for_authority(tx, ctx_, actor, c->plan_id);
    if (!plan) return std::unexpected(plan.error().kind == ErrorKind::forbidden ? plan.error() : not_found("certificate").error());
    if (c->status == CertificateStatus::voided)
      return std::unexpected(conflict("证书已作废", "The certificate is already voided").error());
    const Certificate before = *c;
    repo.void_certificate(cert_no, reason, now);
    c->status = CertificateStatus::voided;
    c->void_reason = reason;
    // S18: the certificate is kept, voided, with its reason.
    record_change(tx, actor, now, {"certificate.void", "certificate", cert_no, plan->authority_code,
                                   plan->institution_id, certificate_snapshot(before), certificate_snapshot(*c)});
    return *c;
  });
}

Result<CertificateCheck> CertificateService::verify(const std::string& cert_no, const std::string& name) {
  std::vector<FieldProblem> problems;
  if (auto ok = parse_certificate_number(cert_no); !ok)
    for (const auto& d : ok.error().details) problems.push_back({"cert_no", d.problem});
  if (name.empty()) problems.push_back({"name", "required"});
  else if (!is_valid_utf8(name) || utf8_length(name) > 50) problems.push_back({"name", "invalid"});
  if (!problems.empty()) return bad_request(problems);
  auto p = lookup_public_certificate(ctx_.db, cert_no);
  if (!p) return std::unexpected(p.error());
  if (!*p || (*p)->name != name) return CertificateCheck{};
  return CertificateCheck{std::move(*p)};
}

Result<std::string> CertificateService::qr_png(const std::string& cert_no, const std::string& name) {
  if (!key_) return fail(ErrorKind::internal, "未配置签名密钥", "No signing key is configured");
  if (name.empty()) return bad_request({{"name", "required"}});
  if (!parse_certificate_number(cert_no)) return not_found("certificate");
  auto p = ctx_.db.read([&](Tx& tx) -> Result<PublicCertificate> {
    auto found = CertificateRepo(tx).public_lookup(cert_no);
    // A voided certificate gets no new QR code; its old one still verifies offline, which is
    // why verifiers check the online status too (docs/certificate-qr.md). The code holds the
    // holder's name (S21(5) 个人信息): like the check, it answers only someone who names them,
    // or certificate numbers, which follow each other, would list every holder's name.
    if (!found || found->status != CertificateStatus::valid || found->name != name) return not_found("certificate");
    return *found;
  });
  if (!p) return std::unexpected(p.error());
  CertificatePublic pub{p->cert_no, p->name, p->subject_code, p->subject_name, p->level,
                        p->institution_code, p->institution_name, p->issued_on.to_string()};
  return skillreg::qr_png(signed_qr_payload(pub, *key_));
}

std::vector<PublicKey> CertificateService::public_keys() const {
  if (!key_) return {};
  return {{signing::key_id(key_->public_key), key_->public_key}};
}

}  // namespace skillreg
