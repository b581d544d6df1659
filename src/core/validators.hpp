#pragma once
// Checks for the numbers that identify people, organisations, institutions and certificates
// (API.md "Codes and numbers"). Each check names the first problem it finds as a FieldProblem so
// the HTTP layer can answer 422 with a machine-readable reason. No normalisation happens inside a
// check: the caller decides whether to normalise (see normalize_identity_number) and stores what
// it checked.
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/error.hpp"

namespace skillreg {

// --- Resident identity number (公民身份号码), GB 11643-1999 --------------------------------------
// 6-digit region code (address at first registration), 8-digit birth date YYYYMMDD, 3-digit
// sequence (odd for men, even for women), 1 check character (0–9 or X) by ISO 7064 MOD 11-2.

struct IdentityInfo {
  Date birth_date;
  char sex = 'M';           // 'M' or 'F', from the parity of the 17th digit
  std::string region_code;  // the first six digits; not checked against the region table
};

// Errors: invalid({{"identity_number", p}}) with p, checked in this order:
//   length              not exactly 18 bytes
//   charset             a non-digit among the first 17, or a last character other than 0–9 / X
//                       (lower-case x is refused: call normalize_identity_number first)
//   invalid_birth_date  not a real date between 1900-01-01 and 2100-12-31 (whether it is in the
//                       future depends on "today", which the caller passes to its own rule)
//   invalid_check_digit the 18th character does not match
Result<IdentityInfo> check_identity_number(std::string_view number);

// The GB 11643 check character for 17 digits, or '\0' if `first17` is not 17 ASCII digits.
char identity_check_char(std::string_view first17);

// Trims ASCII spaces and tabs around the number and upper-cases a trailing x, the two slips
// people make when typing a valid number. Nothing else is changed.
std::string normalize_identity_number(std::string_view number);

// For display and logs (个人信息保护): first 6 + 8 '*' + last 4, "330102********1234". Anything
// that is not 18 bytes long becomes '*' of the same length, so nothing of a malformed number leaks.
std::string mask_identity_number(std::string_view number);

// --- Unified social credit code (统一社会信用代码), GB 32100-2015 --------------------------------
// 18 characters from 0123456789ABCDEFGHJKLMNPQRTUWXY (no I, O, Z, S, V): 1 registration authority,
// 1 organisation type, 6-digit region code of the registration authority, 9-character
// organisation code, 1 check character (position i weighs 3^(i−1) mod 31; the check value is
// (31 − Σ mod 31) mod 31, written with the same alphabet).

// Errors: invalid({{"credit_code", p}}) with p one of
//   length                    not exactly 18 bytes
//   charset                   a character outside the set (lower case included), or a non-digit
//                             in the region code (positions 3–8)
//   invalid_check_character   the 18th character does not match
// The authority and type characters (positions 1–2) are not checked against the code tables.
Status check_credit_code(std::string_view code);

// The GB 32100 check character for the first 17 characters, or '\0' if `first17` is not 17
// characters of the set.
char credit_code_check_char(std::string_view first17);

// --- Institution unified code (机构统一编码), this system ---------------------------------------
// 13 characters: kind letter, 4-digit ministry code ("0000" when registered in the province),
// "33" (Zhejiang), 6-digit sequence.
inline constexpr char kInstitutionSocialOrganisation = 'S';  // 社会培训评价组织
inline constexpr char kInstitutionEmployer = 'Y';            // 用人单位
inline constexpr char kInstitutionAppraisal = 'J';       // 职业技能考核鉴定机构 (鉴定)
inline constexpr char kInstitutionSpecialAbility = 'Z';  // 专项职业能力考核机构 (专项)

bool is_institution_kind_letter(char c);

// Errors: invalid({{"institution_code", p}}) with p, checked in this order:
//   length       not exactly 13 bytes
//   kind_letter  the first character is not S, Y, J or Z
//   format       a non-digit among characters 2–13
//   province     characters 6–7 are not "33"
Status check_institution_code(std::string_view code);

// Precondition (asserted in debug builds): kind is a kind letter, ministry4 is 4 digits,
// 0 <= sequence <= 999999. The result passes check_institution_code.
std::string make_institution_code(char kind, std::string_view ministry4, int sequence);

// --- Level-recognition certificate number (职业技能等级证书编号) -------------------------------
// 22 characters: 13-character institution code, 2-digit year, 1-digit level (1 = 一级/高级技师 …
// 5 = 五级/初级工), 6-digit serial.

struct CertificateNumberParts {
  std::string institution_code;
  int year2 = 0;  // 0–99
  int level = 5;  // 1–5
  int serial = 0;
  bool operator==(const CertificateNumberParts&) const = default;
};

// Errors: invalid({{"certificate_number", p}}) with p one of length; the institution-code
// problems kind_letter, format, province; format (a non-digit in characters 14–22); level (the
// level digit is not 1–5).
Result<CertificateNumberParts> parse_certificate_number(std::string_view number);

// Precondition (asserted in debug builds): institution_code passes check_institution_code,
// 0 <= year2 <= 99, 1 <= level <= 5, 0 <= serial <= 999999.
std::string make_certificate_number(std::string_view institution_code, int year2, int level,
                                    int serial);
std::string make_certificate_number(const CertificateNumberParts& parts);

// --- Region code (行政区划代码), GB/T 2260 ------------------------------------------------------
// Exactly 6 ASCII digits; whether the region exists is the region table's business.
bool is_region_code(std::string_view code);

// --- Free text ----------------------------------------------------------------------------------
// A telephone number as people write them in China: 3–30 characters of digits, spaces and
// + - ( ), with at least 3 digits ("0571-88880000", "+86 571 8888 0000", "400-123-4567").
bool is_phone_number(std::string_view text);
// True when the text holds a C0 control character or DEL (terminal escapes, bells, NUL…);
// `allow_line_breaks` lets \n, \r and \t through for multi-line fields.
bool has_control_characters(std::string_view text, bool allow_line_breaks = false);
// A special-ability specification code (M6): 2–32 characters of A–Z, 0–9 and '-' ("ZJ-ZX-0001").
bool is_spec_code(std::string_view code);

}  // namespace skillreg
