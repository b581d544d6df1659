// core/validators and core/date: the checks of identity numbers (GB 11643), unified social credit
// codes (GB 32100), institution codes, certificate numbers, region codes, phone numbers, spec
// codes, control characters, and Date::parse. Beyond "no crash" it checks:
//   - every refusal is one validation_failed detail with the documented field and problem;
//   - an accepted identity number has 17 digits and the right check character, a birth date that
//     is a real date within 1900–2100 and is written in the number, the sex of digit 17's parity;
//   - a number built from any 17 digits with identity_check_char is accepted exactly when its
//     birth date is valid, and changing any one of its 18 characters makes it refused (MOD 11-2
//     catches every single substitution); the same for credit codes and MOD 31;
//   - normalising is idempotent and leaves valid numbers alone, and repairs a lower-case x and
//     surrounding blanks; masking keeps the length and hides the middle (or all) of it;
//   - parse_certificate_number and make_certificate_number are inverse, as are
//     check_institution_code and make_institution_code;
//   - Date::parse accepts only what Date::to_string writes back byte for byte.
#include <algorithm>
#include <cstring>

#include "core/date.hpp"
#include "core/validators.hpp"
#include "fuzz_check.hpp"

namespace {

using namespace skillreg;
using fuzz::single_problem;

constexpr std::string_view kCreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

bool digits_only(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

void check_identity(std::string_view s) {
  const auto r = check_identity_number(s);
  if (!r) {
    FUZZ_CHECK(single_problem(r.error(), ErrorKind::validation_failed, "identity_number",
                              {"length", "charset", "invalid_birth_date", "invalid_check_digit"}),
               fuzz::describe(r.error()));
    const auto& p = r.error().details[0].problem;
    FUZZ_CHECK((p == "length") == (s.size() != 18), "length problem iff not 18 bytes");
    if (s.size() == 18 && digits_only(s.substr(0, 17)) &&
        (digits_only(s.substr(17)) || s[17] == 'X'))
      FUZZ_CHECK(p != "charset", "charset refused for 17 digits and 0-9/X");
    return;
  }
  FUZZ_CHECK(s.size() == 18 && digits_only(s.substr(0, 17)),
             "accepted a non-digit or wrong length");
  FUZZ_CHECK(identity_check_char(s.substr(0, 17)) == s[17], "accepted a wrong check character");
  const Date& b = r->birth_date;
  FUZZ_CHECK(b.is_valid() && b.year >= 1900 && b.year <= 2100,
             "birth date not a real date in range");
  std::string written = b.to_string();
  written.erase(std::remove(written.begin(), written.end(), '-'), written.end());
  FUZZ_CHECK(written == s.substr(6, 8), "birth date differs from digits 7-14");
  FUZZ_CHECK(Date::parse(b.to_string()) == b, "birth date does not round-trip through Date::parse");
  FUZZ_CHECK(r->sex == ((s[16] - '0') % 2 == 1 ? 'M' : 'F'), "sex is not digit 17's parity");
  FUZZ_CHECK(r->region_code == s.substr(0, 6) && is_region_code(r->region_code), "region code");
  FUZZ_CHECK(normalize_identity_number(s) == s, "normalising changed a valid number");
  const std::string masked = mask_identity_number(s);
  FUZZ_CHECK(masked.size() == 18 && masked.substr(0, 6) == s.substr(0, 6) &&
                 masked.substr(6, 8) == "********" && masked.substr(14) == s.substr(14),
             "mask of a valid number");
  if (s[17] == 'X') {
    std::string lower(s);
    lower[17] = 'x';
    FUZZ_CHECK(!check_identity_number(lower), "lower-case x accepted without normalising");
    FUZZ_CHECK(normalize_identity_number(" \t" + lower + "\t ") == s,
               "normalising does not repair x");
  }
}

// An identity number built from the input's bytes, with the right check character.
void check_built_identity(std::string_view s) {
  if (s.size() < 17) return;
  std::string first17;
  for (std::size_t i = 0; i < 17; ++i) first17 += char('0' + static_cast<unsigned char>(s[i]) % 10);
  const char check = identity_check_char(first17);
  FUZZ_CHECK(check != '\0' && (digits_only(std::string_view(&check, 1)) || check == 'X'),
             "check char");
  const std::string number = first17 + check;
  const auto birth =
      Date::parse(number.substr(6, 4) + "-" + number.substr(10, 2) + "-" + number.substr(12, 2));
  const bool birth_ok = birth && birth->year >= 1900 && birth->year <= 2100;
  const auto r = check_identity_number(number);
  FUZZ_CHECK(bool(r) == birth_ok,
             number + (r ? " accepted" : " refused: " + fuzz::describe(r.error())));
  if (!r) return;
  // Any single substitution is caught (the weights 2^k mod 11 are never 0 mod 11).
  const std::size_t pos = s.size() > 17 ? static_cast<unsigned char>(s[17]) % 18 : 0;
  const std::string_view chars = pos == 17 ? "0123456789X" : "0123456789";
  for (char c : chars) {
    if (c == number[pos]) continue;
    std::string changed = number;
    changed[pos] = c;
    FUZZ_CHECK(!check_identity_number(changed), changed + " accepted after one substitution");
  }
}

void check_normalize_and_mask(std::string_view s) {
  const std::string n = normalize_identity_number(s);
  FUZZ_CHECK(normalize_identity_number(n) == n, "normalising is not idempotent");
  FUZZ_CHECK(
      n.empty() || (n.front() != ' ' && n.front() != '\t' && n.back() != ' ' && n.back() != '\t'),
      "normalised text keeps blanks around it");
  FUZZ_CHECK(n.size() <= s.size(), "normalising made it longer");
  const std::string m = mask_identity_number(s);
  FUZZ_CHECK(m.size() == s.size(), "masking changed the length");
  if (s.size() != 18)
    FUZZ_CHECK(m == std::string(s.size(), '*'), "a malformed number leaks through the mask");
}

void check_credit(std::string_view s) {
  const auto r = check_credit_code(s);
  if (!r) {
    FUZZ_CHECK(single_problem(r.error(), ErrorKind::validation_failed, "credit_code",
                              {"length", "charset", "invalid_check_character"}),
               fuzz::describe(r.error()));
    return;
  }
  FUZZ_CHECK(s.size() == 18 && digits_only(s.substr(2, 6)), "accepted credit code shape");
  for (char c : s)
    FUZZ_CHECK(kCreditAlphabet.find(c) != std::string_view::npos, "character outside GB 32100");
  FUZZ_CHECK(credit_code_check_char(s.substr(0, 17)) == s[17], "accepted a wrong check character");
}

void check_built_credit(std::string_view s) {
  if (s.size() < 17) return;
  std::string first17;
  for (std::size_t i = 0; i < 17; ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    first17 +=
        (i >= 2 && i <= 7) ? char('0' + b % 10) : kCreditAlphabet[b % kCreditAlphabet.size()];
  }
  const char check = credit_code_check_char(first17);
  FUZZ_CHECK(check != '\0', "no check character for 17 valid characters");
  const std::string code = first17 + check;
  FUZZ_CHECK(bool(check_credit_code(code)), code + " refused");
  // MOD 31 with weights 3^k (never 0 mod 31) catches every single substitution.
  const std::size_t pos = s.size() > 17 ? static_cast<unsigned char>(s[17]) % 18 : 0;
  const std::string_view chars =
      (pos >= 2 && pos <= 7) ? kCreditAlphabet.substr(0, 10) : kCreditAlphabet;
  for (char c : chars) {
    if (c == code[pos]) continue;
    std::string changed = code;
    changed[pos] = c;
    FUZZ_CHECK(!check_credit_code(changed), changed + " accepted after one substitution");
  }
}

void check_institution_and_certificate(std::string_view s) {
  if (const auto r = check_institution_code(s); !r) {
    FUZZ_CHECK(single_problem(r.error(), ErrorKind::validation_failed, "institution_code",
                              {"length", "kind_letter", "format", "province"}),
               fuzz::describe(r.error()));
  } else {
    FUZZ_CHECK(s.size() == 13 && is_institution_kind_letter(s[0]) && digits_only(s.substr(1)) &&
                   s.substr(5, 2) == "33",
               "accepted institution code shape");
    FUZZ_CHECK(
        make_institution_code(s[0], s.substr(1, 4), std::stoi(std::string(s.substr(7)))) == s,
        "make_institution_code does not rebuild an accepted code");
  }

  const auto c = parse_certificate_number(s);
  if (!c) {
    FUZZ_CHECK(single_problem(c.error(), ErrorKind::validation_failed, "certificate_number",
                              {"length", "kind_letter", "format", "province", "level"}),
               fuzz::describe(c.error()));
    return;
  }
  FUZZ_CHECK(s.size() == 22, "accepted certificate number length");
  FUZZ_CHECK(bool(check_institution_code(c->institution_code)),
             "certificate's institution code is invalid");
  FUZZ_CHECK(c->year2 >= 0 && c->year2 <= 99 && c->level >= 1 && c->level <= 5 && c->serial >= 0 &&
                 c->serial <= 999999,
             "certificate parts out of range");
  FUZZ_CHECK(make_certificate_number(*c) == s,
             "make_certificate_number does not rebuild the number");
  const auto again = parse_certificate_number(make_certificate_number(*c));
  FUZZ_CHECK(again && *again == *c, "parts do not round-trip");
}

// A certificate number built from the input, which must parse back to the same parts.
void check_built_certificate(std::string_view s) {
  if (s.size() < 8) return;
  const auto b = [&](std::size_t i) {
    return static_cast<unsigned>(static_cast<unsigned char>(s[i]));
  };
  constexpr std::string_view kinds = "SYJZ";
  const std::string ministry = std::to_string(1000 + b(1) * 37 % 9000).substr(0, 4);
  const int sequence = int((b(2) << 16 | b(3) << 8 | b(4)) % 1000000);
  const std::string inst = make_institution_code(kinds[b(0) % 4], ministry, sequence);
  FUZZ_CHECK(bool(check_institution_code(inst)), inst + " refused");
  const CertificateNumberParts parts{inst, int(b(5) % 100), int(1 + b(6) % 5),
                                     int(b(7) * 3907 % 1000000)};
  const std::string number = make_certificate_number(parts);
  const auto back = parse_certificate_number(number);
  FUZZ_CHECK(back && *back == parts, number + " does not parse back to its parts");
}

void check_free_text(std::string_view s) {
  if (is_region_code(s)) FUZZ_CHECK(s.size() == 6 && digits_only(s), "region code shape");
  if (is_phone_number(s)) {
    FUZZ_CHECK(s.size() >= 3 && s.size() <= 30, "phone length");
    int digits = 0;
    for (char c : s) {
      FUZZ_CHECK((c >= '0' && c <= '9') || (c != '\0' && std::strchr(" +-()", c) != nullptr),
                 "phone character");
      digits += c >= '0' && c <= '9';
    }
    FUZZ_CHECK(digits >= 3, "phone with fewer than 3 digits");
    FUZZ_CHECK(!has_control_characters(s, false), "a phone number holds control characters");
  }
  if (is_spec_code(s)) {
    FUZZ_CHECK(s.size() >= 2 && s.size() <= 32, "spec code length");
    for (char c : s)
      FUZZ_CHECK((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-', "spec char");
  }
  const bool strict = has_control_characters(s, false);
  const bool lenient = has_control_characters(s, true);
  FUZZ_CHECK(!lenient || strict, "allowing line breaks found more control characters");
  bool any = false, any_not_break = false;
  for (unsigned char c : s) {
    const bool control = c < 0x20 || c == 0x7f;
    any |= control;
    any_not_break |= control && c != '\n' && c != '\r' && c != '\t';
  }
  FUZZ_CHECK(strict == any && lenient == any_not_break, "has_control_characters");
}

void check_date(std::string_view s) {
  const auto d = Date::parse(s);
  if (!d) return;
  FUZZ_CHECK(d->is_valid() && d->year >= 1900 && d->year <= 2200, "parsed date out of range");
  FUZZ_CHECK(d->to_string() == s, "Date::parse accepted what to_string does not write");
  FUZZ_CHECK(d->weekday() >= 1 && d->weekday() <= 7, "weekday");
  const int n = s.size() > 3 ? (static_cast<unsigned char>(s[3]) * 97) % 4000 - 2000 : 1;
  const Date later = d->add_days(n);
  FUZZ_CHECK(later.is_valid() && d->days_until(later) == n && later.add_days(-n) == *d,
             "add_days / days_until");
  const Date next_month = d->add_months(1);
  FUZZ_CHECK(next_month.is_valid() && next_month > *d && d->days_until(next_month) <= 31,
             "add_months");
  const Date next_year = d->add_years(1);
  FUZZ_CHECK(
      next_year.is_valid() && d->days_until(next_year) >= 365 && d->days_until(next_year) <= 366,
      "add_years");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view s = fuzz::as_text(data, size);
  check_identity(s);
  check_identity(normalize_identity_number(s));
  check_built_identity(s);
  check_normalize_and_mask(s);
  check_credit(s);
  check_built_credit(s);
  check_institution_and_certificate(s);
  check_built_certificate(s);
  check_free_text(s);
  check_date(s);
  return 0;
}
