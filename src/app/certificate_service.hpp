#pragma once
// Use cases of certificates (职业技能等级证书): issued only to candidates who passed, of an active
// institution, within scope, after the results publicity (S19(9), S20(2)); numbered in the national
// 22-character format, serial per institution, year and level, never reused; reported to the
// national database within the policy's days (S19(10)); voided with a reason (S18). The public
// check answers valid / voided / not_found, and each valid certificate has a signed QR code.
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "core/signing.hpp"
#include "domain/accounts/actor.hpp"
#include "domain/activity/activity_policy.hpp"
#include "domain/activity/records.hpp"
#include "domain/registry/records.hpp"
#include "store/certificate_repo.hpp"

namespace skillreg {

struct CertificateFilter {
  std::optional<std::int64_t> plan_id;
  std::optional<std::string> status;
  std::optional<bool> reported;
  bool overdue = false;  // unreported past the policy's days (S19(10))
  PageRequest page;
};

// What the public check answers: found or not, and if found only the public fields.
struct CertificateCheck {
  std::optional<PublicCertificate> certificate;
};

struct PublicKey {
  std::string key_id, public_key;  // raw 32 bytes
};

class CertificateService {
 public:
  CertificateService(AppContext& ctx, ActivityPolicy policy, std::optional<signing::KeyPair> key)
      : ctx_(ctx), policy_(policy), key_(std::move(key)) {}

  // Issues certificates to the passed candidates of the plan that have none yet (all of them,
  // or those named).
  Result<std::vector<Certificate>> issue(const Actor& actor, std::int64_t plan_id,
                                         const std::vector<std::int64_t>& candidate_ids);
  // The plan-level conditions of issue: a skill-level plan, still in scope (S20(2)), after the
  // results publicity (S19(9)). The institution must be able to evaluate (checked by the caller).
  Status issue_preconditions(const Plan& plan, const Institution& inst, Date today) const;
  // Numbers and stores one certificate for a candidate who passed, inside the caller's transaction.
  Certificate issue_one(Tx& tx, const Plan& plan, const Institution& inst, const Candidate& c, Instant now);
  Result<Page<Certificate>> list(const Actor& actor, const CertificateFilter& filter);
  Result<Certificate> certificate(const Actor& actor, const std::string& cert_no);
  // S19(10): the date the certificates were reported to the national database.
  Result<int> report(const Actor& actor, const std::vector<std::string>& cert_nos, const std::string& reported_on);
  // S18: voided by a supervising authority, kept with its status and reason.
  Result<Certificate> void_certificate(const Actor& actor, const std::string& cert_no, const std::string& reason);

  // The public check by number and name; a name that does not match is not_found, so the
  // check never confirms a number to someone who does not know the holder.
  Result<CertificateCheck> verify(const std::string& cert_no, const std::string& name);
  // The signed QR code of a valid certificate, as PNG, to someone who names the holder as the
  // check does: the code carries the holder's name, so a number alone gets not_found.
  Result<std::string> qr_png(const std::string& cert_no, const std::string& name);
  std::vector<PublicKey> public_keys() const;

  Date report_due(const Certificate& c) const { return c.issued_on.add_days(policy_.certificate_report_days); }

 private:
  AppContext& ctx_;
  ActivityPolicy policy_;
  std::optional<signing::KeyPair> key_;
};

}  // namespace skillreg
