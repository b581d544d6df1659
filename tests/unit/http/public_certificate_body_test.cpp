// The public check's answer written directly (issue 4) is byte for byte the one the presenter's
// JSON object dumps to, whatever the text in its fields.
#include <gtest/gtest.h>

#include "http/activity_presenters.hpp"
#include "http/types.hpp"

namespace skillreg::http {
namespace {

PublicCertificate certificate(std::string name, std::string institution, CertificateStatus status,
                              std::string reason) {
  PublicCertificate p;
  p.cert_no = "S000033000344263000166";
  p.name = std::move(name);
  p.subject_code = "4-05-05-01";
  p.subject_name = "信托业务员";
  p.level = 3;
  p.institution_code = "S000033000344";
  p.institution_name = std::move(institution);
  p.issued_on = *Date::parse("2026-06-16");
  p.status = status;
  p.void_reason = std::move(reason);
  p.identity_masked = "330782********9525";
  return p;
}

struct Case {
  const char* what;
  PublicCertificate p;
};

TEST(PublicCertificateBody, Issue4_IsByteForByteTheDumpOfThePresentersObject) {
  const Case cases[] = {
      {"a valid certificate", certificate("王娟", "义乌市职业技能鉴定所（337）", CertificateStatus::valid, "")},
      {"a voided one carries its reason (S18)",
       certificate("马磊", "杭州市评价中心", CertificateStatus::voided, "S18(1) 考评人员弄虚作假，结果无效")},
      {"quotes, backslashes and slashes", certificate("a\"b\\c/d", "x", CertificateStatus::valid, "")},
      {"every control character",
       certificate(std::string("\x01\x02\b\t\n\x0b\f\r\x1f\x7f", 10), "y", CertificateStatus::voided,
                   std::string("\0z", 2))},
      {"bytes that are not UTF-8", certificate("\xff\xfe", "\xe4\xb8", CertificateStatus::valid, "")},
      {"an encoded surrogate", certificate("\xed\xa0\x80", "z", CertificateStatus::voided, "\xc0\xaf")},
      {"four-byte characters", certificate("𠀀𪚥", "😀", CertificateStatus::valid, "")},
      {"empty fields", certificate("", "", CertificateStatus::voided, "")},
  };
  for (const auto& c : cases)
    EXPECT_EQ(public_certificate_body(c.p), Response::ok(public_certificate_json(c.p)).body) << c.what;
}

}  // namespace
}  // namespace skillreg::http
