// Check digits below are worked by hand in the comments (GB 11643: weights
// 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, Σ mod 11 → "10X98765432"; GB 32100: alphabet
// 0123456789ABCDEFGHJKLMNPQRTUWXY, weights 3^(i−1) mod 31, check (31 − Σ mod 31) mod 31).
#include "core/validators.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace skillreg {
namespace {

std::string problem_of(const Error& e) {
  return e.details.empty() ? "" : e.details[0].problem;
}

TEST(IdentityNumber, AcceptsValidNumbers) {
  struct Row {
    const char* number;
    Date birth;
    char sex;
    const char* region;
  };
  const std::vector<Row> rows{
      // Published example. Σ = 167, 167 mod 11 = 2 → X; 17th digit 2 → F.
      {"11010519491231002X", {1949, 12, 31}, 'F', "110105"},
      // Σ = 21+27+0+5+0+24+2+9+54+0+0+9+0+5+8+8+6 = 178, mod 11 = 2 → X; 3 → M.
      {"33010619900101123X", {1990, 1, 1}, 'M', "330106"},
      // Σ = 21+27+0+5+0+8+4+0+0+0+0+18+20+45+0+0+4 = 152, mod 11 = 9 → 3; 2 → F.
      {"330102200002290023", {2000, 2, 29}, 'F', "330102"},
      // Σ = 21+27+0+5+0+24+2+9+48+15+0+63+10+25+0+0+2 = 251, mod 11 = 9 → 3; 1 → M.
      {"330106198507150013", {1985, 7, 15}, 'M', "330106"},
  };
  for (const auto& r : rows) {
    const auto info = check_identity_number(r.number);
    ASSERT_TRUE(info.has_value()) << r.number << ": " << problem_of(info.error());
    EXPECT_EQ(info->birth_date, r.birth) << r.number;
    EXPECT_EQ(info->sex, r.sex) << r.number;
    EXPECT_EQ(info->region_code, r.region) << r.number;
  }
}

TEST(IdentityNumber, NamesTheFirstProblem) {
  struct Row {
    std::string number;
    const char* problem;
  };
  const std::vector<Row> rows{
      {"", "length"},
      {"11010519491231002", "length"},
      {"11010519491231002X0", "length"},
      {"110105491231002", "length"},      // the old 15-digit format
      {"11010519491231002x", "charset"},  // lower case: normalise first
      {"1101051949123100AX", "charset"},
      {"11010519491231002Y", "charset"},
      {"11010519491231002 ", "charset"},
      {std::string("1101051949\0"
                   "231002X",
                   18),
       "charset"},                                   // NUL byte
      {"110105194913310020", "invalid_birth_date"},  // month 13
      {"110105194902300020", "invalid_birth_date"},  // 02-30
      {"330102190002290020", "invalid_birth_date"},  // 1900 is not a leap year
      {"110105189912310020", "invalid_birth_date"},  // before 1900
      {"110105210101010020", "invalid_birth_date"},  // after 2100
      {"110105194912310029", "invalid_check_digit"},
      {"330106198507150012", "invalid_check_digit"},
      {"330106199001011230", "invalid_check_digit"},  // should be X
  };
  for (const auto& r : rows) {
    const auto info = check_identity_number(r.number);
    ASSERT_FALSE(info.has_value()) << r.number;
    EXPECT_EQ(info.error().kind, ErrorKind::validation_failed);
    EXPECT_EQ(info.error().details, (std::vector<FieldProblem>{{"identity_number", r.problem}}))
        << r.number;
  }
}

TEST(IdentityNumber, BirthDateRangeEnds) {
  // The check digit is the code's own, so these rows test only the date range.
  for (const char* first17 : {"33010619000101001", "33010621001231001"}) {
    const std::string number = std::string(first17) + identity_check_char(first17);
    EXPECT_TRUE(check_identity_number(number).has_value()) << number;
  }
}

TEST(IdentityNumber, CheckChar) {
  EXPECT_EQ(identity_check_char("11010519491231002"), 'X');
  EXPECT_EQ(identity_check_char("33010619850715001"), '3');
  EXPECT_EQ(identity_check_char("3301061985071500"), '\0');
  EXPECT_EQ(identity_check_char("3301061985071500A"), '\0');
}

TEST(IdentityNumber, Normalize) {
  EXPECT_EQ(normalize_identity_number(" 11010519491231002x\t"), "11010519491231002X");
  EXPECT_EQ(normalize_identity_number("330106198507150013"), "330106198507150013");
  EXPECT_EQ(normalize_identity_number("   "), "");
  EXPECT_EQ(normalize_identity_number("x1"), "x1");  // only a trailing x
}

TEST(IdentityNumber, Mask) {
  EXPECT_EQ(mask_identity_number("330102198507151234"), "330102********1234");
  EXPECT_EQ(mask_identity_number("11010519491231002X"), "110105********002X");
  EXPECT_EQ(mask_identity_number("12345"), "*****");
  EXPECT_EQ(mask_identity_number("3301021985071512345"), std::string(19, '*'));
  EXPECT_EQ(mask_identity_number(""), "");
}

TEST(CreditCode, AcceptsValidCodes) {
  // Published example: Σ = 9 + 3 + 27 + 135 + 26 + M21·20 + 8 + Y30·30 + 4·28 = 1640;
  // 1640 mod 31 = 28 → 31 − 28 = 3.
  EXPECT_TRUE(check_credit_code("91350100M000100Y43").has_value());
  // Σ = 9+3+27+81+0+26+0+102+20+58+75+52+40+144+70+240+252 = 1199, mod 31 = 21 → 10 = A.
  EXPECT_TRUE(check_credit_code("91330106123456789A").has_value());
  // Σ to position 16 = 947, + G16·28 = 1395 = 45·31 → check value 0.
  EXPECT_TRUE(check_credit_code("9133010612345678G0").has_value());
}

TEST(CreditCode, NamesTheProblem) {
  struct Row {
    const char* code;
    const char* problem;
  };
  const std::vector<Row> rows{
      {"", "length"},
      {"91350100M000100Y4", "length"},
      {"91350100M000100Y430", "length"},
      {"91350100M000100I43", "charset"},  // I, O, S, V, Z are not in the alphabet
      {"91350100M000100O43", "charset"},
      {"91350100M000100S43", "charset"},
      {"91350100M000100V43", "charset"},
      {"91350100M000100Z43", "charset"},
      {"91350100m000100Y43", "charset"},  // lower case
      {"913501A0M000100Y43", "charset"},  // region code must be digits
      {"91350100M000100Y44", "invalid_check_character"},
      {"91330106123456789B", "invalid_check_character"},
      {"9133010612345678G1", "invalid_check_character"},
  };
  for (const auto& r : rows) {
    const auto status = check_credit_code(r.code);
    ASSERT_FALSE(status.has_value()) << r.code;
    EXPECT_EQ(status.error().details, (std::vector<FieldProblem>{{"credit_code", r.problem}}))
        << r.code;
  }
}

TEST(CreditCode, CheckChar) {
  EXPECT_EQ(credit_code_check_char("91350100M000100Y4"), '3');
  EXPECT_EQ(credit_code_check_char("91330106123456789"), 'A');
  EXPECT_EQ(credit_code_check_char("9133010612345678G"), '0');
  EXPECT_EQ(credit_code_check_char("9133010612345678"), '\0');
  EXPECT_EQ(credit_code_check_char("9133010612345678I"), '\0');
}

TEST(InstitutionCode, MakeAndCheck) {
  EXPECT_EQ(make_institution_code(kInstitutionSocialOrganisation, "0000", 1), "S000033000001");
  EXPECT_EQ(make_institution_code(kInstitutionEmployer, "1234", 999999), "Y123433999999");
  EXPECT_EQ(make_institution_code(kInstitutionAppraisal, "0000", 42), "J000033000042");
  EXPECT_EQ(make_institution_code(kInstitutionSpecialAbility, "0000", 0), "Z000033000000");
  for (const char* code : {"S000033000001", "Y123433999999", "J000033000042", "Z000033000000"})
    EXPECT_TRUE(check_institution_code(code).has_value()) << code;
}

TEST(InstitutionCode, NamesTheProblem) {
  struct Row {
    const char* code;
    const char* problem;
  };
  const std::vector<Row> rows{
      {"S00003300001", "length"},
      {"S0000330000011", "length"},
      {"", "length"},
      {"A000033000001", "kind_letter"},
      {"s000033000001", "kind_letter"},
      {"0000033000001", "kind_letter"},
      {"S00A033000001", "format"},
      {"S000033 00001", "format"},
      {"S000032000001", "province"},
      {"Y123434000001", "province"},
  };
  for (const auto& r : rows) {
    const auto status = check_institution_code(r.code);
    ASSERT_FALSE(status.has_value()) << r.code;
    EXPECT_EQ(status.error().details, (std::vector<FieldProblem>{{"institution_code", r.problem}}))
        << r.code;
  }
}

TEST(CertificateNumber, MakeAndParseRoundTrip) {
  const std::string number = make_certificate_number("S000033000001", 26, 3, 42);
  EXPECT_EQ(number, "S000033000001263000042");
  const auto parts = parse_certificate_number(number);
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(*parts, (CertificateNumberParts{"S000033000001", 26, 3, 42}));
  EXPECT_EQ(make_certificate_number(*parts), number);
  EXPECT_EQ(make_certificate_number("J000033000007", 5, 1, 999999), "J000033000007051999999");
}

TEST(CertificateNumber, NamesTheProblem) {
  struct Row {
    const char* number;
    const char* problem;
  };
  const std::vector<Row> rows{
      {"S00003300000126300004", "length"},       {"S0000330000012630000420", "length"},
      {"A000033000001263000042", "kind_letter"}, {"S000032000001263000042", "province"},
      {"S00A033000001263000042", "format"},      {"S0000330000012A3000042", "format"},
      {"S00003300000126300004X", "format"},      {"S000033000001260000042", "level"},
      {"S000033000001266000042", "level"},
  };
  for (const auto& r : rows) {
    const auto parts = parse_certificate_number(r.number);
    ASSERT_FALSE(parts.has_value()) << r.number;
    EXPECT_EQ(parts.error().details, (std::vector<FieldProblem>{{"certificate_number", r.problem}}))
        << r.number;
  }
}

TEST(RegionCode, SixDigits) {
  EXPECT_TRUE(is_region_code("330106"));
  EXPECT_TRUE(is_region_code("330000"));
  EXPECT_FALSE(is_region_code("33010"));
  EXPECT_FALSE(is_region_code("3301066"));
  EXPECT_FALSE(is_region_code("33010a"));
  EXPECT_FALSE(is_region_code(""));
}

}  // namespace
}  // namespace skillreg
