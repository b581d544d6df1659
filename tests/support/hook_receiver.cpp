#include "support/hook_receiver.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>

namespace skillreg::test {

HookReceiver::HookReceiver(const std::string& cert_file, const std::string& key_file) {
  if (!cert_file.empty()) {
    tls_ = SSL_CTX_new(TLS_server_method());
    SSL_CTX_use_certificate_file(tls_, cert_file.c_str(), SSL_FILETYPE_PEM);
    SSL_CTX_use_PrivateKey_file(tls_, key_file.c_str(), SSL_FILETYPE_PEM);
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

HookReceiver::~HookReceiver() {
  ::shutdown(fd_, SHUT_RDWR);
  ::close(fd_);
  thread_.join();
  if (tls_) SSL_CTX_free(tls_);
}

std::vector<HookReceiver::Request> HookReceiver::received(std::size_t expected, std::chrono::milliseconds within) {
  std::unique_lock lock(mutex_);
  arrived_.wait_for(lock, within, [&] { return requests_.size() >= expected; });
  return requests_;
}

void HookReceiver::loop() {
  while (true) {
    const int c = ::accept(fd_, nullptr, nullptr);
    if (c < 0) return;  // closed by the destructor
    ++connections_;
    SSL* ssl = nullptr;
    if (tls_) {
      ssl = SSL_new(tls_);
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
    // Up to the end of the head, then as many bytes as its Content-Length says.
    std::string data;
    char buf[4096];
    std::size_t need = std::string::npos, end = std::string::npos;
    while (need == std::string::npos || data.size() < need) {
      const int n = read(buf, sizeof buf);
      if (n <= 0) break;
      data.append(buf, std::size_t(n));
      if (need != std::string::npos || (end = data.find("\r\n\r\n")) == std::string::npos) continue;
      std::string head = data.substr(0, end);
      std::ranges::transform(head, head.begin(), [](char ch) { return char(std::tolower(ch)); });
      const auto cl = head.find("content-length:");
      need = end + 4 + (cl == std::string::npos ? 0 : std::stoul(head.substr(cl + 15)));
    }
    write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    if (ssl) {
      SSL_shutdown(ssl);
      SSL_free(ssl);
    }
    ::close(c);
    if (end == std::string::npos) continue;
    std::lock_guard lock(mutex_);
    requests_.push_back({data.substr(0, end), data.substr(end + 4)});
    arrived_.notify_all();
  }
}

}  // namespace skillreg::test
