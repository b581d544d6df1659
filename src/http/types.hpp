#pragma once
// The HTTP layer's own request, response and route types, free of the server library, so
// handlers are plain functions: parse → one app use case → JSON.
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "domain/accounts/actor.hpp"

namespace skillreg::http {

using Json = nlohmann::json;

enum class Method { get, post, put, patch, del };
std::string_view to_string(Method m);

enum class Lang { zh, en };

struct Request {
  Method method = Method::get;
  std::string path;
  std::map<std::string, std::string> params;  // path parameters, percent-decoded
  std::map<std::string, std::string> query;   // query parameters, percent-decoded
  std::string body;
  std::string content_type;
  std::string request_id;
  std::string client_ip;
  Lang lang = Lang::zh;
  std::optional<Actor> actor;  // set on routes that need a session
  std::string session_token;   // the token the caller presented, if any
  bool via_cookie = false;
  std::string csrf_header;  // X-CSRF-Token as sent
  int max_page_size = 200;  // API.md's limit; a list export pages internally in bigger pages
  // Set by a list export only (never from the query string): read the page after this sort key,
  // and whether to count the total again. See PageRequest.
  std::optional<std::string> page_after;
  bool page_count = true;
};

// A body produced piece by piece (a list export): the server sends each piece as an HTTP chunk
// once the one before has been written, so at most one piece is held at a time.
struct BodyStream {
  virtual ~BodyStream() = default;
  // The next piece, or nothing at the end. Called on a worker thread, one call at a time.
  virtual std::optional<std::string> next() = 0;
};

struct Response {
  int status = 200;
  std::string body;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  bool cacheable = false;  // public, unchanging data may be cached briefly by clients
  std::shared_ptr<BodyStream> stream;  // when set, the body is streamed from it (chunked), not `body`

  static Response json(int status, const Json& body);
  static Response ok(const Json& body) { return json(200, body); }
  static Response created(const Json& body) { return json(201, body); }
  static Response no_content();
};

enum class Access { open, session };
// Where the handler runs: on the I/O thread (quick reads) or the worker pool (writes, slow work).
enum class Exec { io, worker };

inline constexpr std::size_t kDefaultBodyLimit = 64 * 1024;

struct Route {
  Method method = Method::get;
  std::string path;  // express syntax, "/api/v1/users/:id"
  std::string summary;
  std::string tag;
  Access access = Access::session;
  Exec exec = Exec::io;
  std::vector<std::string> query;  // the query parameters it accepts; others are a 400
  std::size_t body_limit = kDefaultBodyLimit;
  std::function<Result<Response>(Request&)> handler;
};

using RouteTable = std::vector<Route>;

}  // namespace skillreg::http
