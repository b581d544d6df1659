#include "support/http_client.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <thread>

namespace skillreg::test {

nlohmann::json HttpResponse::json() const {
  auto j = nlohmann::json::parse(body, nullptr, false);
  return j;
}

std::string HttpResponse::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

namespace {

int connect_loopback(std::uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval tv{30, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

void send_all(int fd, std::string_view bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const auto n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += std::size_t(n);
  }
}

// Everything the server sends until it closes (or 30 s pass without a byte); closes `fd`.
std::string read_to_end(int fd) {
  std::string data;
  char buf[65536];
  for (;;) {
    const auto n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    data.append(buf, std::size_t(n));
  }
  ::close(fd);
  return data;
}

}  // namespace

HttpResponse HttpClient::raw(const std::string& bytes) {
  const int fd = connect_loopback(port_);
  if (fd < 0) return {};
  send_all(fd, bytes);
  return parse(read_to_end(fd));
}

HttpResponse HttpClient::post_after_continue(const std::string& target, const std::string& body,
                                             const std::map<std::string, std::string>& headers, std::string& interim,
                                             const std::string& split_after) {
  const int fd = connect_loopback(port_);
  if (fd < 0) return {};
  auto with_expect = headers;
  with_expect["Expect"] = "100-continue";
  const std::string h = head("POST", target, with_expect, body.size(), true);
  if (const auto at = split_after.empty() ? std::string::npos : h.find(split_after); at != std::string::npos) {
    const auto cut = at + split_after.size();
    send_all(fd, h.substr(0, cut));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    send_all(fd, h.substr(cut));
  } else {
    send_all(fd, h);
  }
  // Wait for the interim answer (a line and an empty line) before sending the body, as curl does
  // (curl gives up after 1 s; this waits up to 5 s).
  timeval tv{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  interim.clear();
  char c = 0;
  while (!interim.ends_with("\r\n\r\n") && ::recv(fd, &c, 1, 0) == 1) interim += c;
  if (interim.ends_with("\r\n\r\n")) interim.resize(interim.size() - 4);
  tv = {30, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  send_all(fd, body);
  return parse(read_to_end(fd));
}

HttpResponse HttpClient::parse(const std::string& data) {
  HttpResponse out;
  const auto head_end = data.find("\r\n\r\n");
  if (head_end == std::string::npos || !data.starts_with("HTTP/1.1 ")) return out;
  out.status = std::stoi(data.substr(9, 3));
  std::size_t pos = data.find("\r\n") + 2;
  while (pos < head_end) {
    const auto eol = data.find("\r\n", pos);
    const auto line = data.substr(pos, eol - pos);
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      std::ranges::transform(name, name.begin(), [](unsigned char c) { return std::tolower(c); });
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      if (out.headers.contains(name)) out.headers[name] += ", " + value;
      else out.headers[name] = value;
    }
    pos = eol + 2;
  }
  out.body = data.substr(head_end + 4);
  // A streamed answer (a list export) arrives in chunks: "<hex size>\r\n<bytes>\r\n" … "0\r\n\r\n".
  if (auto te = out.headers.find("transfer-encoding"); te != out.headers.end() && te->second.find("chunked") != std::string::npos) {
    std::string body;
    std::size_t at = 0;
    for (;;) {
      const auto eol = out.body.find("\r\n", at);
      if (eol == std::string::npos) break;
      const std::size_t size = std::stoul(out.body.substr(at, eol - at), nullptr, 16);
      if (size == 0) break;
      body += out.body.substr(eol + 2, size);
      at = eol + 2 + size + 2;
    }
    out.chunks_decoded = true;
    out.body = std::move(body);
  }
  return out;
}

std::string HttpClient::head(const std::string& method, const std::string& target,
                             const std::map<std::string, std::string>& headers, std::uint64_t content_length,
                             bool has_body) const {
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  if (!token_.empty() && !headers.contains("Authorization"))
    req += "Authorization: Bearer " + token_ + "\r\n";
  for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
  if (has_body) {
    if (!headers.contains("Content-Type")) req += "Content-Type: application/json\r\n";
    req += "Content-Length: " + std::to_string(content_length) + "\r\n";
  }
  return req + "\r\n";
}

HttpResponse HttpClient::request(const std::string& method, const std::string& target,
                                 const std::string& body,
                                 const std::map<std::string, std::string>& headers) {
  const bool has_body = !body.empty() || method == "POST" || method == "PUT" || method == "PATCH";
  return raw(head(method, target, headers, body.size(), has_body) + body);
}

HttpResponse HttpClient::post_announcing(const std::string& target, std::uint64_t announced, const std::string& body,
                                         const std::map<std::string, std::string>& headers) {
  return raw(head("POST", target, headers, announced, true) + body);
}

HttpResponse HttpClient::get(const std::string& target, const std::map<std::string, std::string>& headers) {
  return request("GET", target, "", headers);
}

HttpResponse HttpClient::post(const std::string& target, const std::string& body,
                              const std::map<std::string, std::string>& headers) {
  return request("POST", target, body, headers);
}

HttpResponse HttpClient::post_json(const std::string& target, const nlohmann::json& body) {
  return post(target, body.dump());
}

HttpResponse HttpClient::put_json(const std::string& target, const nlohmann::json& body) {
  return request("PUT", target, body.dump(), {{"Content-Type", "application/json"}});
}

std::string login(HttpClient& c, const std::string& username, const std::string& password) {
  auto r = c.post_json("/api/v1/auth/login", {{"username", username}, {"password", password}});
  EXPECT_EQ(r.status, 200) << "login as " << username << ": " << r.body;
  auto j = r.json();
  return j.is_object() && j.contains("token") ? j["token"].get<std::string>() : std::string();
}

}  // namespace skillreg::test
