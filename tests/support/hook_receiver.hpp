#pragma once
// A webhook's far end for tests: accepts connections on 127.0.0.1, plain or over TLS with a
// given certificate, reads one request from each, answers 200 and records the request.
#include <openssl/ssl.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace skillreg::test {

class HookReceiver {
 public:
  // Plain HTTP; with a certificate and key (PEM files), HTTPS.
  HookReceiver() : HookReceiver("", "") {}
  HookReceiver(const std::string& cert_file, const std::string& key_file);
  ~HookReceiver();
  HookReceiver(const HookReceiver&) = delete;
  HookReceiver& operator=(const HookReceiver&) = delete;

  int port() const { return port_; }
  int connections() const { return connections_; }

  struct Request {
    std::string head, body;
  };
  // The requests received so far, after waiting up to `within` for at least `expected` of them
  // (a request is recorded after it is answered, so the sender may see 200 before it is here).
  std::vector<Request> received(std::size_t expected = 0,
                                std::chrono::milliseconds within = std::chrono::seconds(1));

 private:
  void loop();

  SSL_CTX* tls_ = nullptr;
  int fd_ = -1, port_ = 0;
  std::atomic<int> connections_{0};
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<Request> requests_;
  std::thread thread_;
};

}  // namespace skillreg::test
