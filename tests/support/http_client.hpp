#pragma once
// A small HTTP/1.1 client over a plain socket, for tests against the real server on loopback.
// One connection per request (Connection: close), so each call is independent; raw() sends
// bytes exactly as given, for malformed-request tests.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace skillreg::test {

struct HttpResponse {
  int status = 0;  // 0 when the connection closed without an answer
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  bool chunks_decoded = false;  // the answer came chunked (streamed) and `body` is its joined bytes
  nlohmann::json json() const;
  std::string header(const std::string& lower_name) const;
};

class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port) : port_(port) {}

  // Bearer token for every following request (empty: none).
  void set_token(std::string token) { token_ = std::move(token); }

  HttpResponse get(const std::string& target, const std::map<std::string, std::string>& headers = {});
  HttpResponse post(const std::string& target, const std::string& body,
                    const std::map<std::string, std::string>& headers = {});
  HttpResponse post_json(const std::string& target, const nlohmann::json& body);
  HttpResponse put_json(const std::string& target, const nlohmann::json& body);
  HttpResponse request(const std::string& method, const std::string& target, const std::string& body,
                       const std::map<std::string, std::string>& headers);
  HttpResponse raw(const std::string& bytes);
  // A POST whose head announces `announced` bytes of body but which sends only `body` (the
  // start of a huge upload), then reads the answer.
  HttpResponse post_announcing(const std::string& target, std::uint64_t announced, const std::string& body,
                               const std::map<std::string, std::string>& headers = {});
  // A POST that asks "Expect: 100-continue" and sends its body only after the server's interim
  // answer, or after 5 s without one; `interim` gets that answer's status line ("" if none came).
  // `split_after` given: the head is sent in two writes 100 ms apart, cut right after the first
  // place it holds that text (a slow client).
  HttpResponse post_after_continue(const std::string& target, const std::string& body,
                                   const std::map<std::string, std::string>& headers, std::string& interim,
                                   const std::string& split_after = "");

 private:
  static HttpResponse parse(const std::string& data);
  std::string head(const std::string& method, const std::string& target,
                   const std::map<std::string, std::string>& headers, std::uint64_t content_length, bool has_body) const;

  std::uint16_t port_;
  std::string token_;
};

// Logs in and returns the bearer token; fails the current test if login fails.
std::string login(HttpClient& c, const std::string& username, const std::string& password = "demo-2026");

}  // namespace skillreg::test
