// The signed certificate QR payload (domain/activity/certificate_payload): round trips, tamper
// detection, unknown keys, and refusal of every non-canonical form.
#include "domain/activity/certificate_payload.hpp"

#include <gtest/gtest.h>

#include "core/crypto.hpp"

namespace skillreg {
namespace {

CertificatePublic sample() {
  return {"S000033000123263000042",
          "欧阳|小%7C明.",
          "4-01-02-03",
          "电子商务师",
          3,
          "S000033000123",
          "杭州|某职业技能等级认定中心%",
          "2026-03-01"};
}

class CertificatePayload : public ::testing::Test {
 protected:
  void SetUp() override {
    crypto::init();
    key_ = signing::generate();
    keys_[signing::key_id(key_.public_key)] = key_.public_key;
  }

  // A QR text around arbitrary message bytes, correctly signed, so that a refusal is the
  // parser's and not the signature's.
  std::string signed_raw(const std::string& message) const {
    const std::string sig =
        signing::sign(std::string(kCertificateSigningDomain) + message, key_.secret_key);
    return "SKR1." + signing::base64url_encode(message) + "." + signing::key_id(key_.public_key) +
           "." + signing::base64url_encode(sig);
  }

  std::string problem(std::string_view qr) const {
    const auto r = parse_and_verify(qr, keys_);
    if (r) return "accepted";
    EXPECT_EQ(r.error().kind, ErrorKind::bad_request);
    return r.error().details.at(0).problem;
  }

  signing::KeyPair key_;
  std::map<std::string, std::string> keys_;
};

TEST_F(CertificatePayload, TheMessageEscapesOnlyPercentAndBar) {
  EXPECT_EQ(payload_message(sample()),
            "S000033000123263000042|欧阳%7C小%257C明.|4-01-02-03|电子商务师|3|S000033000123|"
            "杭州%7C某职业技能等级认定中心%25|2026-03-01");
  EXPECT_EQ(payload_signing_input(sample()),
            "skillreg-certificate-v1\n" + payload_message(sample()));
}

TEST_F(CertificatePayload, ASeparatorInAFieldCannotMoveAFieldBoundary) {
  CertificatePublic a = sample();
  CertificatePublic b = sample();
  a.occupation_code = "4-01|电子";
  a.occupation_name = "商务师";
  b.occupation_code = "4-01";
  b.occupation_name = "电子|商务师";
  EXPECT_NE(payload_message(a), payload_message(b));
}

TEST_F(CertificatePayload, RoundTripsAChineseNameHoldingTheSeparators) {
  const std::string qr = signed_qr_payload(sample(), key_);
  EXPECT_TRUE(qr.starts_with("SKR1."));
  const auto r = parse_and_verify(qr, keys_);
  ASSERT_TRUE(r.has_value()) << r.error().details.at(0).problem;
  EXPECT_TRUE(r->verified());
  EXPECT_EQ(r->certificate, sample());
  EXPECT_EQ(r->key_id, signing::key_id(key_.public_key));
}

TEST_F(CertificatePayload, QrPayloadTakesAKeyIdAndARawSignature) {
  const std::string sig = signing::sign(payload_signing_input(sample()), key_.secret_key);
  EXPECT_EQ(qr_payload(sample(), signing::key_id(key_.public_key), sig),
            signed_qr_payload(sample(), key_));
}

TEST_F(CertificatePayload, AChangedFieldFailsVerification) {
  const std::string qr = signed_qr_payload(sample(), key_);
  const std::string sig_part = qr.substr(qr.rfind('.'));
  const std::string kid = signing::key_id(key_.public_key);
  auto forged = [&](CertificatePublic c) {
    return "SKR1." + signing::base64url_encode(payload_message(c)) + "." + kid + sig_part;
  };
  CertificatePublic level = sample();
  level.level = 1;
  CertificatePublic name = sample();
  name.name = "欧阳小明";
  CertificatePublic date = sample();
  date.issued_on = "2026-03-02";
  for (const auto& c : {level, name, date}) {
    const auto r = parse_and_verify(forged(c), keys_);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->signature, SignatureStatus::invalid);
    EXPECT_FALSE(r->verified());
    EXPECT_EQ(r->certificate, c);  // the claim is readable, but not trusted
  }
}

TEST_F(CertificatePayload, AnotherDomainsSignatureFails) {
  // A signature over the bare message (no "skillreg-certificate-v1\n") must not verify.
  const std::string sig = signing::sign(payload_message(sample()), key_.secret_key);
  const auto r =
      parse_and_verify(qr_payload(sample(), signing::key_id(key_.public_key), sig), keys_);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->signature, SignatureStatus::invalid);
}

TEST_F(CertificatePayload, AnUnknownKeyIdFails) {
  const signing::KeyPair stranger = signing::generate();
  const auto r = parse_and_verify(signed_qr_payload(sample(), stranger), keys_);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->signature, SignatureStatus::unknown_key);
  EXPECT_FALSE(r->verified());

  // Claiming a known key id with another key's signature is simply invalid.
  const std::string sig = signing::sign(payload_signing_input(sample()), stranger.secret_key);
  const auto claimed =
      parse_and_verify(qr_payload(sample(), signing::key_id(key_.public_key), sig), keys_);
  ASSERT_TRUE(claimed.has_value());
  EXPECT_EQ(claimed->signature, SignatureStatus::invalid);
}

TEST_F(CertificatePayload, RefusesMalformedFrames) {
  const std::string good = signed_qr_payload(sample(), key_);
  const std::string body = good.substr(5);
  EXPECT_EQ(problem(good), "accepted");
  EXPECT_EQ(problem("SKR2." + body), "bad_format");
  EXPECT_EQ(problem("skr1." + body), "bad_format");
  EXPECT_EQ(problem(good + ".x"), "bad_format");
  EXPECT_EQ(problem(good.substr(0, good.rfind('.'))), "bad_format");
  EXPECT_EQ(problem(" " + good), "bad_format");
  EXPECT_EQ(problem(good + "="), "bad_base64");
  EXPECT_EQ(problem(good + "\n"), "bad_base64");

  const std::string kid = signing::key_id(key_.public_key);
  std::string upper = good;
  upper.replace(upper.find(kid), kid.size(), "ABCDEF0123456789");
  EXPECT_EQ(problem(upper), "bad_key_id");
  std::string short_sig =
      good.substr(0, good.rfind('.') + 1) + signing::base64url_encode(std::string(63, 'x'));
  EXPECT_EQ(problem(short_sig), "bad_signature_length");
}

TEST_F(CertificatePayload, RefusesNonCanonicalMessages) {
  const std::string rest = "|4-01-02-03|电子商务师|3|S000033000123|某中心|2026-03-01";
  EXPECT_EQ(problem(signed_raw("S000033000123263000042|张三" + rest)), "accepted");
  EXPECT_EQ(problem(signed_raw("S000033000123263000042|张%7c三" + rest)), "bad_escape");
  EXPECT_EQ(problem(signed_raw("S000033000123263000042|张%41三" + rest)), "bad_escape");
  EXPECT_EQ(problem(signed_raw("S000033000123263000042|张三%" + rest)), "bad_escape");
  EXPECT_EQ(problem(signed_raw("S000033000123263000042|张|三" + rest)), "bad_field_count");
  EXPECT_EQ(problem(signed_raw("S000033000123263000042" + rest)), "bad_field_count");
  EXPECT_EQ(problem(signed_raw("S000033000123263000042|\xff" + rest)), "bad_utf8");
  EXPECT_EQ(problem(signed_raw("x|张三|4-01|电子商务师|6|S000033000123|某中心|2026-03-01")),
            "bad_level");
  EXPECT_EQ(problem(signed_raw("x|张三|4-01|电子商务师|03|S000033000123|某中心|2026-03-01")),
            "bad_level");
  EXPECT_EQ(problem(signed_raw("x|张三|4-01|电子商务师|3|S000033000123|某中心|2026-02-30")),
            "bad_date");
  EXPECT_EQ(problem(signed_raw("x|张三|4-01|电子商务师|3|S000033000123|某中心|2026-3-1")),
            "bad_date");
}

TEST_F(CertificatePayload, ALongCertificateStaysWellInsideAQrCode) {
  // Generous names: 6-character name, 20-character occupation, 40-character institution.
  CertificatePublic c = sample();
  c.name = "阿依古丽·买买提";
  c.occupation_name = std::string("职业技能等级认定考评员").append("职业技能等级认定考评员");
  c.institution_name.clear();
  for (int i = 0; i < 4; ++i) c.institution_name += "浙江省某某职业技能鉴定";
  const std::string qr = signed_qr_payload(c, key_);
  EXPECT_LT(qr.size(), 800u);  // version 21 at level M holds 715 bytes; 40 holds 2 331
}

// The worked example of docs/certificate-qr.md: if this fails, the document is wrong.
TEST_F(CertificatePayload, TheDocumentedExampleVerifies) {
  const auto public_key = signing::base64url_decode("I_V9x_pIzGXZIE2KwdP-cAos_O2RLzGma-lrwoWNZ4Q");
  ASSERT_TRUE(public_key.has_value());
  EXPECT_EQ(signing::key_id(*public_key), "a66d4167c2a2cc14");
  const std::map<std::string, std::string> published{{"a66d4167c2a2cc14", *public_key}};
  const std::string qr =
      "SKR1.UzAwMDAzMzAwMDEyMzI2MzAwMDAxN3zlvKAlN0PkuIklMjV8NC0wNC0wNS0wM3znlLXlrZDllYb"
      "liqHluIh8M3xTMDAwMDMzMDAwMTIzfOadreW3nuW4guafkOiBjOS4muaKgOiDveetiee6p-iupOWumuS"
      "4reW_g3wyMDI2LTAzLTAx.a66d4167c2a2cc14.i2MXyaPF0KT212TYUEY6ogUKzObP7cfPeHEpJAon6"
      "FzHex0Zp3bdcjgZQqGRXgssB85uwHP3R8Ab9UrgOGWmCQ";
  const auto r = parse_and_verify(qr, published);
  ASSERT_TRUE(r.has_value());
  EXPECT_TRUE(r->verified());
  EXPECT_EQ(r->certificate,
            (CertificatePublic{"S000033000123263000017", "张|三%", "4-04-05-03", "电子商务师", 3,
                               "S000033000123", "杭州市某职业技能等级认定中心", "2026-03-01"}));
}

}  // namespace
}  // namespace skillreg
