#include "core/net_address.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>

namespace skillreg {

namespace {

// An address as 16 bytes; IPv4 as its IPv4-mapped IPv6 form (::ffff:a.b.c.d).
std::optional<std::array<std::uint8_t, 16>> bytes_of(std::string_view ip) {
  const std::string text(ip);
  std::array<std::uint8_t, 16> out{};
  in_addr v4{};
  if (::inet_pton(AF_INET, text.c_str(), &v4) == 1) {
    out[10] = out[11] = 0xff;
    std::memcpy(out.data() + 12, &v4, 4);
    return out;
  }
  in6_addr v6{};
  if (::inet_pton(AF_INET6, text.c_str(), &v6) == 1) {
    std::memcpy(out.data(), &v6, 16);
    return out;
  }
  return std::nullopt;
}

bool prefix_matches(const std::array<std::uint8_t, 16>& a, const std::array<std::uint8_t, 16>& net, int bits) {
  for (int i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    const std::uint8_t mask = bits >= 8 ? 0xff : std::uint8_t(0xff << (8 - bits));
    if ((a[std::size_t(i)] & mask) != (net[std::size_t(i)] & mask)) return false;
  }
  return true;
}

struct Net {
  std::array<std::uint8_t, 16> base;
  int bits;  // over the 128-bit form
};

std::optional<Net> net_of(std::string_view cidr) {
  const auto slash = cidr.find('/');
  const auto base = bytes_of(cidr.substr(0, slash));
  if (!base) return std::nullopt;
  const bool v4 = cidr.substr(0, slash).find(':') == std::string_view::npos;
  int bits = v4 ? 32 : 128;
  if (slash != std::string_view::npos) {
    const auto n = cidr.substr(slash + 1);
    auto [p, ec] = std::from_chars(n.data(), n.data() + n.size(), bits);
    if (ec != std::errc{} || p != n.data() + n.size() || bits < 0 || bits > (v4 ? 32 : 128)) return std::nullopt;
  }
  return Net{*base, v4 ? bits + 96 : bits};
}

// Ranges that are not public (IANA special-purpose registries, RFC 6890 and successors).
constexpr std::array kIpv4NotPublic = {
    "0.0.0.0/8",       "10.0.0.0/8",      "100.64.0.0/10",   "127.0.0.0/8",     "169.254.0.0/16",
    "172.16.0.0/12",   "192.0.0.0/24",    "192.0.2.0/24",    "192.88.99.0/24",  "192.168.0.0/16",
    "198.18.0.0/15",   "198.51.100.0/24", "203.0.113.0/24",  "224.0.0.0/4",     "240.0.0.0/4",
};
constexpr std::array kIpv6NotPublic = {
    "::/128", "::1/128", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8", "2001:db8::/32", "100::/64", "2001::/23",
};

bool in_any(const std::array<std::uint8_t, 16>& a, const auto& ranges) {
  for (const char* r : ranges) {
    auto net = net_of(r);
    if (net && prefix_matches(a, net->base, net->bits)) return true;
  }
  return false;
}

}  // namespace

bool is_public_address(std::string_view ip) {
  auto a = bytes_of(ip);
  if (!a) return false;
  const auto& b = *a;
  const bool mapped = std::all_of(b.begin(), b.begin() + 10, [](auto x) { return x == 0; }) && b[10] == 0xff &&
                      b[11] == 0xff;
  // NAT64 (64:ff9b::/96) and IPv4-compatible (::/96) forms carry an IPv4 address in the last 4 bytes.
  const std::array<std::uint8_t, 12> nat64{0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
  const bool nat = std::equal(nat64.begin(), nat64.end(), b.begin());
  const bool compat = std::all_of(b.begin(), b.begin() + 12, [](auto x) { return x == 0; });
  if (mapped || nat || (compat && ip.find('.') != std::string_view::npos)) {
    std::array<std::uint8_t, 16> v4{};
    v4[10] = v4[11] = 0xff;
    std::copy(b.begin() + 12, b.end(), v4.begin() + 12);
    return !in_any(v4, kIpv4NotPublic);
  }
  if (compat) return false;  // ::, ::1 and the deprecated IPv4-compatible space
  return !in_any(b, kIpv6NotPublic);
}

bool address_in(std::string_view ip, std::string_view cidr) {
  auto a = bytes_of(ip);
  auto net = net_of(cidr);
  return a && net && prefix_matches(*a, net->base, net->bits);
}

bool valid_cidr(std::string_view cidr) { return net_of(cidr).has_value(); }

bool is_address_literal(std::string_view host) { return bytes_of(host).has_value(); }

std::optional<HttpUrl> parse_http_url(std::string_view url) {
  HttpUrl u;
  if (url.starts_with("https://")) {
    u.tls = true;
    url.remove_prefix(8);
  } else if (url.starts_with("http://")) {
    url.remove_prefix(7);
  } else {
    return std::nullopt;
  }
  if (url.find_first_of(" \t\r\n#") != std::string_view::npos) return std::nullopt;
  const auto slash = url.find('/');
  std::string_view authority = url.substr(0, slash);
  u.path = slash == std::string_view::npos ? "/" : std::string(url.substr(slash));
  if (authority.find('@') != std::string_view::npos || authority.empty()) return std::nullopt;
  u.port = u.tls ? "443" : "80";
  if (authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    u.host = std::string(authority.substr(1, close - 1));
    const auto rest = authority.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return std::nullopt;
      u.port = std::string(rest.substr(1));
    }
    if (!is_address_literal(u.host)) return std::nullopt;
  } else {
    const auto colon = authority.rfind(':');
    u.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) u.port = std::string(authority.substr(colon + 1));
  }
  int port = 0;
  auto [p, ec] = std::from_chars(u.port.data(), u.port.data() + u.port.size(), port);
  if (u.host.empty() || ec != std::errc{} || p != u.port.data() + u.port.size() || port < 1 || port > 65535)
    return std::nullopt;
  return u;
}

}  // namespace skillreg
