// Webhook delivery (issue 10 §2) over real sockets: https with the peer's certificate verified,
// and never to an address the operator has not allowed, whatever the URL's name resolves to.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include "jobs/webhook_sender.hpp"

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

// Accepts connections on 127.0.0.1 (plain, or TLS with the test certificate), records each
// request's body and answers 200.
class Receiver {
 public:
  explicit Receiver(bool tls) {
    if (tls) {
      ctx_ = SSL_CTX_new(TLS_server_method());
      SSL_CTX_use_certificate_file(ctx_, certificate().cert.c_str(), SSL_FILETYPE_PEM);
      SSL_CTX_use_PrivateKey_file(ctx_, certificate().key.c_str(), SSL_FILETYPE_PEM);
    }
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    ::listen(fd_, 8);
    socklen_t len = sizeof a;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { loop(); });
  }
  ~Receiver() {
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
    if (ctx_) SSL_CTX_free(ctx_);
  }
  std::string port() const { return std::to_string(port_); }
  // The bodies received; waits a little for `expected` of them (the receiver records a request
  // after answering it).
  std::vector<std::string> bodies(std::size_t expected = 0) {
    for (int i = 0; i < 50; ++i) {
      {
        std::lock_guard lock(mutex_);
        if (bodies_.size() >= expected) return bodies_;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    std::lock_guard lock(mutex_);
    return bodies_;
  }
  int connections() const { return connections_; }

 private:
  void loop() {
    while (true) {
      const int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      ++connections_;
      SSL* ssl = nullptr;
      if (ctx_) {
        ssl = SSL_new(ctx_);
        SSL_set_fd(ssl, c);
        if (SSL_accept(ssl) != 1) {  // the client refused our certificate
          SSL_free(ssl);
          ::close(c);
          continue;
        }
      }
      auto read = [&](char* buf, int n) { return ssl ? SSL_read(ssl, buf, n) : int(::recv(c, buf, std::size_t(n), 0)); };
      auto write = [&](const std::string& s) {
        if (ssl) SSL_write(ssl, s.data(), int(s.size()));
        else ::send(c, s.data(), s.size(), MSG_NOSIGNAL);
      };
      std::string data;
      char buf[4096];
      std::size_t need = std::string::npos;
      while (need == std::string::npos || data.size() < need) {
        const int n = read(buf, sizeof buf);
        if (n <= 0) break;
        data.append(buf, std::size_t(n));
        const auto end = data.find("\r\n\r\n");
        if (end != std::string::npos && need == std::string::npos) {
          const auto cl = data.find("Content-Length: ");
          need = end + 4 + (cl == std::string::npos || cl > end ? 0 : std::stoul(data.substr(cl + 16)));
        }
      }
      write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      if (ssl) {
        SSL_shutdown(ssl);
        SSL_free(ssl);
      }
      ::close(c);
      if (const auto end = data.find("\r\n\r\n"); end != std::string::npos) {
        std::lock_guard lock(mutex_);
        bodies_.push_back(data.substr(end + 4));
      }
    }
  }

  SSL_CTX* ctx_ = nullptr;
  int fd_ = -1, port_ = 0;
  std::atomic<int> connections_{0};
  std::thread thread_;
  std::mutex mutex_;
  std::vector<std::string> bodies_;
};

const std::string kBody = R"({"kind":"complaint_received"})";
constexpr auto kTimeout = std::chrono::seconds(5);

WebhookPolicy loopback_allowed(std::string ca_file = "") { return WebhookPolicy{{"127.0.0.0/8"}, std::move(ca_file)}; }

}  // namespace

TEST(WebhookDelivery, Issue10_HttpsDeliversWhenThePeersCertificateVerifies) {
  Receiver r(true);
  const auto sent = http_post("https://127.0.0.1:" + r.port() + "/hook", kBody, "sha256=00", kTimeout,
                              loopback_allowed(certificate().cert.string()));
  EXPECT_EQ(sent.status, 200) << sent.error;
  const auto got = r.bodies(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0], kBody);
}

TEST(WebhookDelivery, Issue10_HttpsRefusesAnUntrustedOrMisnamedCertificate) {
  Receiver r(true);
  // Not signed by a trusted CA: the system's store does not know the test certificate.
  auto sent = http_post("https://127.0.0.1:" + r.port() + "/hook", kBody, "sha256=00", kTimeout, loopback_allowed());
  EXPECT_EQ(sent.status, 0);
  EXPECT_FALSE(sent.error.empty());
  // Trusted, but it names 127.0.0.1, not localhost.
  sent = http_post("https://localhost:" + r.port() + "/hook", kBody, "sha256=00", kTimeout,
                   loopback_allowed(certificate().cert.string()));
  EXPECT_EQ(sent.status, 0);
  EXPECT_TRUE(r.bodies().empty()) << "nothing was sent over an unverified connection";
}

TEST(WebhookDelivery, Issue10_ANameResolvingToAnInternalAddressIsNeverCalled) {
  Receiver r(false);
  // `localhost` resolves to loopback; without the operator's allowance it is not called at all.
  auto sent = http_post("http://localhost:" + r.port() + "/hook", kBody, "sha256=00", kTimeout, WebhookPolicy{});
  EXPECT_EQ(sent.status, 0);
  EXPECT_EQ(sent.error, "address_not_public");
  sent = http_post("http://127.0.0.1:" + r.port() + "/hook", kBody, "sha256=00", kTimeout, WebhookPolicy{});
  EXPECT_EQ(sent.error, "address_not_public");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(r.connections(), 0);
  // Allowed by the operator (a relay inside the network): delivered.
  sent = http_post("http://127.0.0.1:" + r.port() + "/hook", kBody, "sha256=00", kTimeout, loopback_allowed());
  EXPECT_EQ(sent.status, 200) << sent.error;
  EXPECT_EQ(r.bodies(1).size(), 1u);
}

}  // namespace skillreg::test
