#include "core/validators.hpp"

#include <array>
#include <cassert>
#include <cstdio>

namespace skillreg {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool all_digits(std::string_view s) {
  for (const char c : s)
    if (!is_digit(c)) return false;
  return !s.empty();
}

// GB 11643-1999 / ISO 7064 MOD 11-2: weight of position i (1-based) is 2^(18−i) mod 11.
constexpr std::array<int, 17> kIdentityWeights{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kIdentityCheckChars = "10X98765432";  // indexed by Σ mod 11

constexpr int kMinBirthYear = 1900;
constexpr int kMaxBirthYear = 2100;

// GB 32100-2015 alphabet: the 31 characters whose index is their value.
constexpr std::string_view kCreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static_assert(kCreditAlphabet.size() == 31, "MOD 31 needs 31 symbols: 10 digits, 21 letters");
constexpr std::array<int, 17> kCreditWeights{1,  3,  9,  27, 19, 26, 16, 17, 20,
                                             29, 25, 13, 8,  24, 10, 30, 28};

int credit_value(char c) {
  const auto pos = kCreditAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : int(pos);
}

std::unexpected<Error> problem(std::string field, std::string what) {
  return invalid({{std::move(field), std::move(what)}});
}

// The institution-code problem for `code`, or "" when it is valid.
std::string institution_problem(std::string_view code) {
  if (code.size() != 13) return "length";
  if (!is_institution_kind_letter(code[0])) return "kind_letter";
  if (!all_digits(code.substr(1))) return "format";
  if (code.substr(5, 2) != "33") return "province";
  return {};
}

}  // namespace

char identity_check_char(std::string_view first17) {
  if (first17.size() != 17 || !all_digits(first17)) return '\0';
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kIdentityWeights[i];
  return kIdentityCheckChars[std::size_t(sum % 11)];
}

Result<IdentityInfo> check_identity_number(std::string_view number) {
  const std::string field = "identity_number";
  if (number.size() != 18) return problem(field, "length");
  const char last = number[17];
  if (!all_digits(number.substr(0, 17)) || !(is_digit(last) || last == 'X'))
    return problem(field, "charset");

  const std::string yyyy_mm_dd = std::string(number.substr(6, 4)) + '-' +
                                 std::string(number.substr(10, 2)) + '-' +
                                 std::string(number.substr(12, 2));
  const auto birth = Date::parse(yyyy_mm_dd);
  if (!birth || birth->year < kMinBirthYear || birth->year > kMaxBirthYear)
    return problem(field, "invalid_birth_date");

  if (identity_check_char(number.substr(0, 17)) != last)
    return problem(field, "invalid_check_digit");

  const bool odd = (number[16] - '0') % 2 == 1;
  return IdentityInfo{*birth, odd ? 'M' : 'F', std::string(number.substr(0, 6))};
}

std::string normalize_identity_number(std::string_view number) {
  const auto first = number.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = number.find_last_not_of(" \t");
  std::string out{number.substr(first, last - first + 1)};
  if (!out.empty() && out.back() == 'x') out.back() = 'X';
  return out;
}

std::string mask_identity_number(std::string_view number) {
  if (number.size() != 18) return std::string(number.size(), '*');
  return std::string(number.substr(0, 6)) + std::string(8, '*') + std::string(number.substr(14));
}

char credit_code_check_char(std::string_view first17) {
  if (first17.size() != 17) return '\0';
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) {
    const int v = credit_value(first17[i]);
    if (v < 0) return '\0';
    sum += v * kCreditWeights[i];
  }
  return kCreditAlphabet[std::size_t((31 - sum % 31) % 31)];
}

Status check_credit_code(std::string_view code) {
  const std::string field = "credit_code";
  if (code.size() != 18) return problem(field, "length");
  for (const char c : code)
    if (credit_value(c) < 0) return problem(field, "charset");
  if (!all_digits(code.substr(2, 6))) return problem(field, "charset");
  if (credit_code_check_char(code.substr(0, 17)) != code[17])
    return problem(field, "invalid_check_character");
  return {};
}

bool is_institution_kind_letter(char c) {
  return c == kInstitutionSocialOrganisation || c == kInstitutionEmployer ||
         c == kInstitutionAppraisal || c == kInstitutionSpecialAbility;
}

Status check_institution_code(std::string_view code) {
  if (auto p = institution_problem(code); !p.empty()) return problem("institution_code", p);
  return {};
}

std::string make_institution_code(char kind, std::string_view ministry4, int sequence) {
  assert(is_institution_kind_letter(kind));
  assert(ministry4.size() == 4 && all_digits(ministry4));
  assert(sequence >= 0 && sequence <= 999999);
  char seq[16];
  std::snprintf(seq, sizeof seq, "%06d", sequence);
  return std::string(1, kind) + std::string(ministry4) + "33" + seq;
}

Result<CertificateNumberParts> parse_certificate_number(std::string_view number) {
  const std::string field = "certificate_number";
  if (number.size() != 22) return problem(field, "length");
  const std::string_view inst = number.substr(0, 13);
  if (auto p = institution_problem(inst); !p.empty()) return problem(field, p);
  if (!all_digits(number.substr(13))) return problem(field, "format");
  const int level = number[15] - '0';
  if (level < 1 || level > 5) return problem(field, "level");
  const int year2 = std::stoi(std::string(number.substr(13, 2)));
  const int serial = std::stoi(std::string(number.substr(16, 6)));
  return CertificateNumberParts{std::string(inst), year2, level, serial};
}

std::string make_certificate_number(std::string_view institution_code, int year2, int level,
                                    int serial) {
  assert(institution_problem(institution_code).empty());
  assert(year2 >= 0 && year2 <= 99 && level >= 1 && level <= 5);
  assert(serial >= 0 && serial <= 999999);
  char tail[48];
  std::snprintf(tail, sizeof tail, "%02d%d%06d", year2, level, serial);
  return std::string(institution_code) + tail;
}

std::string make_certificate_number(const CertificateNumberParts& parts) {
  return make_certificate_number(parts.institution_code, parts.year2, parts.level, parts.serial);
}

bool is_region_code(std::string_view code) {
  return code.size() == 6 && all_digits(code);
}

bool is_phone_number(std::string_view text) {
  if (text.size() < 3 || text.size() > 30) return false;
  int digits = 0;
  for (char c : text) {
    if (c >= '0' && c <= '9') ++digits;
    else if (c != ' ' && c != '+' && c != '-' && c != '(' && c != ')') return false;
  }
  return digits >= 3;
}

bool has_control_characters(std::string_view text, bool allow_line_breaks) {
  for (unsigned char c : text) {
    if (allow_line_breaks && (c == '\n' || c == '\r' || c == '\t')) continue;
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

bool is_spec_code(std::string_view code) {
  if (code.size() < 2 || code.size() > 32) return false;
  for (char c : code)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

}  // namespace skillreg
