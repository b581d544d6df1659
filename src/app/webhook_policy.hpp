#pragma once
// Where an authority's webhook may be sent (issue 10 §2). An official types the URL, so the
// server must not become a way into the network behind it: only public addresses, checked both
// when the URL is saved (an address literal) and at every delivery (what the name resolves to
// then), unless the operator allows a range — a relay inside the province's network, or loopback
// in the tests. https is verified against the system's CA store, and `ca_file` if set.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "core/net_address.hpp"

namespace skillreg {

struct WebhookPolicy {
  std::vector<std::string> allow_private;  // CIDRs or addresses (config `[webhooks] allow_private`)
  std::string ca_file;                     // PEM certificates trusted besides the system's

  bool allows(std::string_view ip) const {
    return is_public_address(ip) ||
           std::ranges::any_of(allow_private, [&](const std::string& cidr) { return address_in(ip, cidr); });
  }
};

}  // namespace skillreg
