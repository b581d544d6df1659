#pragma once
// Where the system may send a request on an official's word (a webhook URL, issue 10 §2): only
// to public addresses, so an account cannot point the server at the machines behind it (the
// database, the cloud's metadata service, an admin port on loopback). Addresses an operator
// allows by configuration (a relay inside the network) are the exception.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skillreg {

// Whether `ip` (dotted IPv4 or IPv6 text) is a public unicast address: not unspecified, loopback,
// private (RFC 1918), shared (100.64/10), link-local (169.254/16, where the metadata service
// lives), benchmarking, documentation, multicast, reserved or broadcast, nor the IPv6
// counterparts (::1, fc00::/7, fe80::/10, ff00::/8, 2001:db8::/32), nor an IPv4-mapped or
// NAT64 form of a non-public IPv4 address. Text that is not an address is not public.
bool is_public_address(std::string_view ip);

// Whether `ip` lies in `cidr` ("10.0.0.0/8", "::1/128"; a bare address means that address).
bool address_in(std::string_view ip, std::string_view cidr);

// Whether a CIDR or address is well formed (for the configuration).
bool valid_cidr(std::string_view cidr);

// A webhook target: http or https, a host (name or address, IPv6 without brackets), a port,
// a path. No user info, no fragment.
struct HttpUrl {
  bool tls = false;
  std::string host, port, path;
};
std::optional<HttpUrl> parse_http_url(std::string_view url);

// Whether the host is an address literal (then it can be judged before anything is resolved).
bool is_address_literal(std::string_view host);

}  // namespace skillreg
