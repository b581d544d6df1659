// Webhook delivery (issue 10 §2) over real sockets: https with the peer's certificate verified,
// and never to an address the operator has not allowed, whatever the URL's name resolves to.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <thread>

#include <gtest/gtest.h>

#include "jobs/webhook_sender.hpp"
#include "support/hook_receiver.hpp"

namespace skillreg::test {

namespace {

namespace fs = std::filesystem;

// A self-signed certificate for 127.0.0.1 (and no name), made once with the openssl tool.
struct TestCertificate {
  fs::path dir, cert, key;
  TestCertificate() {
    dir = fs::temp_directory_path() / ("skillreg-tls-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    cert = dir / "cert.pem";
    key = dir / "key.pem";
    const std::string cmd = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2"
                            " -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout " +
                            key.string() + " -out " + cert.string() + " 2>/dev/null";
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("openssl req failed");
  }
  ~TestCertificate() { fs::remove_all(dir); }
};

const TestCertificate& certificate() {
  static TestCertificate c;
  return c;
}

// The test certificate's receiver (HTTPS), or a plain one.
std::unique_ptr<HookReceiver> receiver(bool tls) {
  return tls ? std::make_unique<HookReceiver>(certificate().cert.string(), certificate().key.string())
             : std::make_unique<HookReceiver>();
}
std::string port_of(const HookReceiver& r) { return std::to_string(r.port()); }

const std::string kBody = R"({"kind":"complaint_received"})";
constexpr auto kTimeout = std::chrono::seconds(5);

WebhookPolicy loopback_allowed(std::string ca_file = "") { return WebhookPolicy{{"127.0.0.0/8"}, std::move(ca_file)}; }

}  // namespace

TEST(WebhookDelivery, Issue10_HttpsDeliversWhenThePeersCertificateVerifies) {
  auto r = receiver(true);
  const auto sent = http_post("https://127.0.0.1:" + port_of(*r) + "/hook", kBody, "sha256=00", kTimeout,
                              loopback_allowed(certificate().cert.string()));
  EXPECT_EQ(sent.status, 200) << sent.error;
  const auto got = r->received(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].body, kBody);
}

TEST(WebhookDelivery, Issue10_HttpsRefusesAnUntrustedOrMisnamedCertificate) {
  auto r = receiver(true);
  // Not signed by a trusted CA: the system's store does not know the test certificate.
  auto sent = http_post("https://127.0.0.1:" + port_of(*r) + "/hook", kBody, "sha256=00", kTimeout, loopback_allowed());
  EXPECT_EQ(sent.status, 0);
  EXPECT_FALSE(sent.error.empty());
  // Trusted, but it names 127.0.0.1, not localhost.
  sent = http_post("https://localhost:" + port_of(*r) + "/hook", kBody, "sha256=00", kTimeout,
                   loopback_allowed(certificate().cert.string()));
  EXPECT_EQ(sent.status, 0);
  EXPECT_TRUE(r->received().empty()) << "nothing was sent over an unverified connection";
}

TEST(WebhookDelivery, Issue10_ANameResolvingToAnInternalAddressIsNeverCalled) {
  auto r = receiver(false);
  // `localhost` resolves to loopback; without the operator's allowance it is not called at all.
  auto sent = http_post("http://localhost:" + port_of(*r) + "/hook", kBody, "sha256=00", kTimeout, WebhookPolicy{});
  EXPECT_EQ(sent.status, 0);
  EXPECT_EQ(sent.error, "address_not_public");
  sent = http_post("http://127.0.0.1:" + port_of(*r) + "/hook", kBody, "sha256=00", kTimeout, WebhookPolicy{});
  EXPECT_EQ(sent.error, "address_not_public");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(r->connections(), 0);
  // Allowed by the operator (a relay inside the network): delivered.
  sent = http_post("http://127.0.0.1:" + port_of(*r) + "/hook", kBody, "sha256=00", kTimeout, loopback_allowed());
  EXPECT_EQ(sent.status, 200) << sent.error;
  EXPECT_EQ(r->received(1).size(), 1u);
}

}  // namespace skillreg::test
