#pragma once
// The signed QR code on a skill certificate (职业技能等级证书二维码): what it carries and how
// a verifier checks it offline against the province's published Ed25519 keys.
// docs/certificate-qr.md specifies the format byte by byte; in short
//
//   qr text   = "SKR1." base64url(message) "." key_id "." base64url(signature)
//   message   = the 8 public fields, in the order of CertificatePublic, joined by "|", each with
//               "%" written "%25" and "|" written "%7C" (and no other escapes)
//   signature = Ed25519 over "skillreg-certificate-v1\n" + message
//
// Identity numbers are never in the payload. A voided certificate still verifies offline: the
// signature says what was issued, not that it still stands; verifiers must also ask
// /api/v1/public/certificates/verify.
#include <map>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/signing.hpp"

namespace skillreg {

// The fields printed on a certificate that anyone may read.
struct CertificatePublic {
  std::string cert_no;  // 22 characters
  std::string name;     // the holder's name, UTF-8
  std::string occupation_code;
  std::string occupation_name;
  int level = 0;                 // 1 (高级技师) … 5 (初级工)
  std::string institution_code;  // 13 characters
  std::string institution_name;
  std::string issued_on;  // "YYYY-MM-DD"

  bool operator==(const CertificatePublic&) const = default;
};

inline constexpr std::string_view kCertificateQrPrefix = "SKR1";
inline constexpr std::string_view kCertificateSigningDomain = "skillreg-certificate-v1\n";

// The canonical message. `c.level` must be 1–5 and `c.issued_on` a date; names any UTF-8.
std::string payload_message(const CertificatePublic& c);

// The bytes the province signs: kCertificateSigningDomain + payload_message(c).
std::string payload_signing_input(const CertificatePublic& c);

// The QR text from a key id (signing::key_id) and a raw 64-byte signature of
// payload_signing_input(c).
std::string qr_payload(const CertificatePublic& c, const std::string& key_id,
                       const std::string& signature);

// Signs `c` with `key` and returns the QR text.
std::string signed_qr_payload(const CertificatePublic& c, const signing::KeyPair& key);

enum class SignatureStatus {
  valid,        // the named key signed exactly these fields
  invalid,      // the named key is known but did not sign these fields: forged or altered
  unknown_key,  // no published key has this id: the payload cannot be trusted
};

struct VerifiedPayload {
  CertificatePublic certificate;  // as the QR code states it; trust it only when verified()
  std::string key_id;
  SignatureStatus signature = SignatureStatus::invalid;

  bool verified() const { return signature == SignatureStatus::valid; }
};

// Parses a scanned QR text and checks its signature against `public_keys_by_id` (key id → raw
// 32-byte public key). A bad_request error, field "qr_text", when the text is not a well-formed
// SKR1 payload (problem: "bad_format", "bad_base64", "bad_key_id", "bad_signature_length",
// "bad_field_count", "bad_escape", "bad_utf8", "bad_level", "bad_date"); otherwise the fields
// and whether the signature holds.
Result<VerifiedPayload> parse_and_verify(
    std::string_view qr_text, const std::map<std::string, std::string>& public_keys_by_id);

}  // namespace skillreg
