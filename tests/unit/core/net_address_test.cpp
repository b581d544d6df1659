// Webhook targets (issue 10 §2): only public addresses, unless the operator allows a range.
#include "core/net_address.hpp"

#include <gtest/gtest.h>

namespace skillreg {
namespace {

struct AddressCase {
  const char* ip;
  bool is_public;
};

TEST(NetAddress, Issue10_WebhooksGoOnlyToPublicAddresses) {
  const AddressCase cases[] = {
      {"8.8.8.8", true},          {"1.1.1.1", true},         {"203.119.1.1", true},
      {"127.0.0.1", false},       {"127.8.9.10", false},     {"10.1.2.3", false},
      {"172.16.0.1", false},      {"172.31.255.255", false}, {"172.32.0.1", true},
      {"192.168.1.1", false},     {"169.254.169.254", false}, {"100.64.0.1", false},
      {"0.0.0.0", false},         {"255.255.255.255", false}, {"224.0.0.1", false},
      {"198.18.0.1", false},      {"192.0.2.1", false},       {"::1", false},
      {"::", false},              {"fe80::1", false},          {"fd12:3456::1", false},
      {"fc00::1", false},         {"ff02::1", false},          {"2001:db8::1", false},
      {"2400:3200::1", true},     {"::ffff:127.0.0.1", false}, {"::ffff:10.0.0.1", false},
      {"::ffff:8.8.8.8", true},   {"64:ff9b::a00:1", false},   {"64:ff9b::808:808", true},
      {"::127.0.0.1", false},     {"localhost", false},        {"", false},
      {"999.1.1.1", false},
  };
  for (const auto& c : cases) EXPECT_EQ(is_public_address(c.ip), c.is_public) << c.ip;
}

TEST(NetAddress, Issue10_AnOperatorAllowsRangesByCidr) {
  EXPECT_TRUE(address_in("127.0.0.1", "127.0.0.0/8"));
  EXPECT_TRUE(address_in("127.0.0.1", "127.0.0.1"));
  EXPECT_FALSE(address_in("127.0.0.2", "127.0.0.1"));
  EXPECT_TRUE(address_in("10.20.30.40", "10.20.0.0/16"));
  EXPECT_FALSE(address_in("10.21.30.40", "10.20.0.0/16"));
  EXPECT_TRUE(address_in("fd00::5", "fd00::/8"));
  EXPECT_FALSE(address_in("fe00::5", "fd00::/8"));
  EXPECT_TRUE(address_in("::1", "::1/128"));
  EXPECT_FALSE(address_in("::1", "127.0.0.1"));
  EXPECT_TRUE(valid_cidr("0.0.0.0/0"));
  EXPECT_FALSE(valid_cidr("10.0.0.0/33"));
  EXPECT_FALSE(valid_cidr("example.org"));
  EXPECT_FALSE(valid_cidr("10.0.0.0/x"));
}

TEST(NetAddress, Issue10_WebhookUrlsAreHttpOrHttpsWithoutUserInfo) {
  auto u = parse_http_url("https://hooks.example.gov.cn/skillreg?x=1");
  ASSERT_TRUE(u);
  EXPECT_TRUE(u->tls);
  EXPECT_EQ(u->host, "hooks.example.gov.cn");
  EXPECT_EQ(u->port, "443");
  EXPECT_EQ(u->path, "/skillreg?x=1");
  u = parse_http_url("http://127.0.0.1:8081");
  ASSERT_TRUE(u);
  EXPECT_FALSE(u->tls);
  EXPECT_EQ(u->host, "127.0.0.1");
  EXPECT_EQ(u->port, "8081");
  EXPECT_EQ(u->path, "/");
  u = parse_http_url("https://[2400:3200::1]:8443/h");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->host, "2400:3200::1");
  EXPECT_EQ(u->port, "8443");
  for (const char* bad : {"ftp://example.org/", "http://", "http://user:pw@example.org/", "http://example.org:0/",
                          "http://example.org:70000/", "http://example.org:x/", "http://[::1/", "http://[nothost]/",
                          "http://exa mple.org/", "https://example.org/#frag", "example.org"})
    EXPECT_FALSE(parse_http_url(bad).has_value()) << bad;
}

}  // namespace
}  // namespace skillreg
