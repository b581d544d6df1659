#include "domain/activity/certificate_payload.hpp"

#include <array>
#include <optional>
#include <vector>

#include "core/date.hpp"
#include "core/utf8.hpp"

namespace skillreg {

namespace {

constexpr std::size_t kFieldCount = 8;
constexpr std::size_t kKeyIdLength = 16;
constexpr std::size_t kSignatureLength = 64;

void append_escaped(std::string& out, std::string_view field) {
  for (const char ch : field) {
    switch (ch) {
      case '%':
        out += "%25";
        break;
      case '|':
        out += "%7C";
        break;
      default:
        out += ch;
    }
  }
}

// The inverse of append_escaped, and only of it: "%25" and "%7C" exactly, so each field value
// has one encoding and no field can contain a separator that splits it.
std::optional<std::string> unescape(std::string_view field) {
  std::string out;
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (field[i] != '%') {
      out += field[i];
      continue;
    }
    const std::string_view code = field.substr(i + 1, 2);
    if (code != "25" && code != "7C") return std::nullopt;
    out += code == "25" ? '%' : '|';
    i += 2;
  }
  return out;
}

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t at = text.find(sep); at != std::string_view::npos; at = text.find(sep, start)) {
    parts.push_back(text.substr(start, at - start));
    start = at + 1;
  }
  parts.push_back(text.substr(start));
  return parts;
}

bool is_key_id(std::string_view s) {
  if (s.size() != kKeyIdLength) return false;
  for (const char ch : s)
    if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) return false;
  return true;
}

std::unexpected<Error> malformed(std::string problem) {
  return bad_request({{"qr_text", std::move(problem)}});
}

Result<CertificatePublic> parse_message(std::string_view message) {
  const auto raw = split(message, '|');
  if (raw.size() != kFieldCount) return malformed("bad_field_count");
  std::array<std::string, kFieldCount> f;
  for (std::size_t i = 0; i < kFieldCount; ++i) {
    auto value = unescape(raw[i]);
    if (!value) return malformed("bad_escape");
    if (!is_valid_utf8(*value)) return malformed("bad_utf8");
    f[i] = std::move(*value);
  }
  if (f[4].size() != 1 || f[4][0] < '1' || f[4][0] > '5') return malformed("bad_level");
  if (!Date::parse(f[7])) return malformed("bad_date");
  return CertificatePublic{f[0], f[1], f[2], f[3], f[4][0] - '0', f[5], f[6], f[7]};
}

}  // namespace

std::string payload_message(const CertificatePublic& c) {
  std::string out;
  const std::string level = std::to_string(c.level);
  const std::array<std::string_view, kFieldCount> fields{
      c.cert_no,          c.name,     c.occupation_code,
      c.occupation_name,  level,      c.institution_code,
      c.institution_name, c.issued_on};
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += '|';
    append_escaped(out, fields[i]);
  }
  return out;
}

std::string payload_signing_input(const CertificatePublic& c) {
  return std::string(kCertificateSigningDomain) + payload_message(c);
}

std::string qr_payload(const CertificatePublic& c, const std::string& key_id,
                       const std::string& signature) {
  return std::string(kCertificateQrPrefix) + "." + signing::base64url_encode_public(payload_message(c)) +
         "." + key_id + "." + signing::base64url_encode_public(signature);
}

std::string signed_qr_payload(const CertificatePublic& c, const signing::KeyPair& key) {
  return qr_payload(c, signing::key_id(key.public_key),
                    signing::sign(payload_signing_input(c), key.secret_key));
}

Result<VerifiedPayload> parse_and_verify(
    std::string_view qr_text, const std::map<std::string, std::string>& public_keys_by_id) {
  const auto parts = split(qr_text, '.');
  if (parts.size() != 4 || parts[0] != kCertificateQrPrefix) return malformed("bad_format");
  const auto message = signing::base64url_decode(parts[1]);
  const auto signature = signing::base64url_decode(parts[3]);
  if (!message || !signature) return malformed("bad_base64");
  if (!is_key_id(parts[2])) return malformed("bad_key_id");
  if (signature->size() != kSignatureLength) return malformed("bad_signature_length");

  auto certificate = parse_message(*message);
  if (!certificate) return std::unexpected(std::move(certificate.error()));
  // The strict escapes make the message canonical already; re-encoding proves it.
  if (payload_message(*certificate) != *message) return malformed("bad_escape");

  VerifiedPayload out{std::move(*certificate), std::string(parts[2]), SignatureStatus::unknown_key};
  const auto key = public_keys_by_id.find(out.key_id);
  if (key != public_keys_by_id.end()) {
    const std::string signed_bytes = std::string(kCertificateSigningDomain) + *message;
    out.signature = signing::verify(signed_bytes, *signature, key->second)
                        ? SignatureStatus::valid
                        : SignatureStatus::invalid;
  }
  return out;
}

}  // namespace skillreg
