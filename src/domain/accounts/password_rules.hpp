#pragma once
// What a password must not be (security; NIST SP 800-63B §5.1.1.2): shorter than 8 characters or
// longer than 128, or one an attacker tries first — the account's username, one character or a
// short unit repeated, a run of consecutive characters or of a keyboard row, or a well-known
// password with digits or symbols around it. No composition rules: they make passwords harder to
// remember, not to guess.
#include <optional>
#include <string>
#include <string_view>

namespace skillreg {

// nullopt when the password may be used; else the problem: "too_short", "too_long",
// "contains_username" or "too_common". `username` may be empty (no account yet named).
std::optional<std::string> password_problem(std::string_view password, std::string_view username);

}  // namespace skillreg
