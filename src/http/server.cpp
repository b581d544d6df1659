// RESTinio wiring: routes from the table, the pipeline, one place that sends every reply.
#include "http/server.hpp"

#include <restinio/all.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <csignal>
#include <ctime>
#include <future>

#include "core/crypto.hpp"
#include "http/error_translator.hpp"
#include "http/guarded_socket.hpp"
#include "http/list_export.hpp"
#include "http/parser_refusal.hpp"
#include "http/route_matcher.hpp"
#include "http/static_files.hpp"

namespace skillreg::http {

namespace {

// The socket and logger answer a request RESTinio's parser refuses (guarded_socket.hpp).
// Single-thread traits: each server runs its own io_context on one thread (serve() below), so
// a connection's handlers never run concurrently and need no strand; an answer completed on a
// worker thread is posted to that one thread (RESTinio's write_response_parts dispatches to the
// connection's executor). The strand's locking and copies were a few per cent of a certificate
// check (issue 4).
struct Traits : public restinio::default_single_thread_traits_t {
  static constexpr bool use_connection_count_limiter = true;
  using logger_t = RefusalLogger;
  using stream_socket_t = GuardedSocket;
};

// True when every '%' in the path starts a valid escape other than %00. A bad one is answered
// with a 400 before routing; a NUL byte would be cut off by PostgreSQL and turn
// "<number>%00" into "<number>".
bool percent_encoding_ok(std::string_view path) {
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] != '%') continue;
    if (i + 2 >= path.size() || !std::isxdigit(static_cast<unsigned char>(path[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(path[i + 2])) || (path[i + 1] == '0' && path[i + 2] == '0'))
      return false;
    i += 2;
  }
  return true;
}

// The longest path any route can match: our paths and their parameters (numbers, codes, a
// 22-character certificate number) are far shorter, and the parser lets 80 KB through. A longer
// path is no route of ours, and is answered so before it is matched or logged. (When routes were
// std::regex, a path of 10,000 characters overflowed an I/O thread's stack in the sanitizer build.)
constexpr std::size_t kLongestRoutablePath = 1024;

std::string_view reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    default: return status >= 500 ? "Internal Server Error" : "Unknown";
  }
}

// The method of ours a request's method is, if any (HEAD, OPTIONS and the rest have no route).
std::optional<Method> routable_method(const restinio::http_method_id_t& m) {
  if (m == restinio::http_method_get()) return Method::get;
  if (m == restinio::http_method_post()) return Method::post;
  if (m == restinio::http_method_put()) return Method::put;
  if (m == restinio::http_method_patch()) return Method::patch;
  if (m == restinio::http_method_delete()) return Method::del;
  return std::nullopt;
}

// For the access log and the request: a method without a route is logged as GET.
Method our_method(const restinio::http_method_id_t& m) { return routable_method(m).value_or(Method::get); }

std::string new_request_id() {
  static const std::string prefix = crypto::random_hex(4);
  static std::atomic<std::uint64_t> counter{0};
  return prefix + "-" + std::to_string(++counter);
}

std::optional<std::string> decode(std::string_view s) {
  try {
    return restinio::utils::unescape_percent_encoding(s);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::string cookie_value(std::string_view cookies, std::string_view name) {
  while (!cookies.empty()) {
    const auto semi = cookies.find(';');
    auto part = cookies.substr(0, semi);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.starts_with(name) && part.size() > name.size() && part[name.size()] == '=')
      return std::string(part.substr(name.size() + 1));
    if (semi == std::string_view::npos) break;
    cookies.remove_prefix(semi + 1);
  }
  return {};
}

// Builds our Request from RESTinio's; a malformed query string or path parameter is a 400.
Result<Request> make_request(const restinio::request_handle_t& raw, const std::vector<PathParam>& params) {
  Request req;
  const auto& h = raw->header();
  req.method = our_method(h.method());
  req.path = std::string(h.path());
  req.request_id = new_request_id();
  req.lang = h.get_field_or("Accept-Language", "").starts_with("en") ? Lang::en : Lang::zh;
  req.body = raw->body();
  req.client_ip = raw->remote_endpoint().address().to_string();
  req.csrf_header = h.get_field_or("X-CSRF-Token", "");
  req.content_type = h.get_field_or(restinio::http_field::content_type, "");
  const std::string authz = h.get_field_or(restinio::http_field::authorization, "");
  if (authz.starts_with("Bearer ")) req.session_token = authz.substr(7);
  else if (authz.empty()) {
    req.session_token = cookie_value(h.get_field_or(restinio::http_field::cookie, ""), "skillreg_session");
    req.via_cookie = !req.session_token.empty();
  }
  for (const auto& [name, value] : params) {
    auto v = decode(value);
    if (!v) return bad_request({{std::string(name), "bad_percent_encoding"}});
    req.params.emplace(std::string(name), std::move(*v));
  }
  auto query = restinio::try_parse_query<restinio::parse_query_traits::javascript_compatible>(h.query());
  if (!query) return bad_request({{"query", "malformed_query_string"}});
  for (const auto& [k, v] : *query) {
    if (k.find('\0') != std::string_view::npos || v.find('\0') != std::string_view::npos)
      return bad_request({{std::string(k.substr(0, k.find('\0'))), "nul_character"}});
    if (!req.query.emplace(std::string(k), std::string(v)).second)
      return bad_request({{std::string(k), "repeated_query_parameter"}});
  }
  return req;
}

// RFC 9110 §6.6.1: an origin server with a clock sends Date, as IMF-fixdate. Each thread
// formats it once per second, not once per answer.
const std::string& http_date() {
  thread_local std::time_t formatted_at = -1;
  thread_local std::string text;
  const std::time_t now = std::time(nullptr);
  if (now != formatted_at) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    text = buf;
    formatted_at = now;
  }
  return text;
}

// Sends a streamed body (a list export) as chunks, each once the one before has been written,
// so a slow reader holds the export back instead of the server buffering it. Worker thread only.
std::uint64_t send_stream(restinio::response_builder_t<restinio::chunked_output_t>& out, BodyStream& stream) {
  std::uint64_t bytes = 0;
  while (auto piece = stream.next()) {
    if (piece->empty()) continue;
    bytes += piece->size();
    out.append_chunk(std::move(*piece));
    std::promise<bool> written;
    auto done = written.get_future();
    out.flush([&written](const restinio::asio_ns::error_code& ec) { written.set_value(!ec); });
    if (!done.get()) break;  // the client went away
  }
  return bytes;
}

// The headers every reply carries.
template <class Builder>
void append_headers(Builder& out, const Request& req, const Response& resp) {
  if (!resp.content_type.empty()) out.append_header(restinio::http_field::content_type, resp.content_type);
  out.append_header("X-Request-Id", req.request_id);
  out.append_header(restinio::http_field::date, http_date());
  out.append_header("X-Content-Type-Options", "nosniff");
  out.append_header("X-Frame-Options", "DENY");
  out.append_header("Referrer-Policy", "no-referrer");
  // Pages of the front end need inline styles (Element Plus sets them); API answers need nothing.
  out.append_header("Content-Security-Policy",
                    resp.content_type.starts_with("text/html")
                        ? "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                          "font-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
                        : "default-src 'none'; frame-ancestors 'none'");
  const bool has_cache_control = std::ranges::any_of(
      resp.headers, [](const auto& h) { return h.first == "Cache-Control"; });
  if (!has_cache_control)
    out.append_header(restinio::http_field::cache_control,
                      resp.cacheable ? "public, max-age=300" : "no-store");
  for (const auto& [name, value] : resp.headers) out.append_header(name, value);
}

// The one place every reply leaves through: headers, body, and the access-log line.
void send(const restinio::request_handle_t& raw, const Request& req, Response resp,
          std::chrono::steady_clock::time_point started) {
  const restinio::http_status_line_t status{restinio::http_status_code_t{static_cast<std::uint16_t>(resp.status)},
                                            std::string(reason_phrase(resp.status))};
  std::uint64_t bytes = resp.body.size();
  if (resp.stream) {
    auto out = raw->create_response<restinio::chunked_output_t>(status);
    append_headers(out, req, resp);
    bytes = send_stream(out, *resp.stream);
    out.done();
  } else {
    auto out = raw->create_response(status);
    append_headers(out, req, resp);
    out.set_body(std::move(resp.body));
    out.done();
  }
  if (!spdlog::should_log(spdlog::level::info)) return;  // its arguments cost a few allocations
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now() - started).count();
  // The path only, never the query string: queries can hold names and numbers of people.
  spdlog::info("{} {} {} {} {}B {}us user={}", req.request_id, to_string(req.method), req.path,
               resp.status, bytes, micros, req.actor ? std::to_string(req.actor->user_id) : "-");
}

restinio::request_handling_status_t no_such_route(const restinio::request_handle_t& raw) {
  const auto started = std::chrono::steady_clock::now();
  Request req;
  req.request_id = new_request_id();
  req.method = our_method(raw->header().method());
  req.path = std::string(raw->header().path().substr(0, kLongestRoutablePath));
  req.lang = raw->header().get_field_or("Accept-Language", "").starts_with("en") ? Lang::en : Lang::zh;
  auto e = fail(ErrorKind::not_found, "没有这个接口", "No such route", {{"path", "no_such_route"}});
  send(raw, req, error_response(e.error(), req.lang), started);
  return restinio::request_accepted();
}

// append_headers' builder for an answer written straight to the socket (raw_error_answer).
struct RawHead {
  std::string text;
  void append_header(restinio::http_field_t field, std::string_view value) {
    append_header(restinio::field_to_string(field), value);
  }
  void append_header(std::string_view name, std::string_view value) {
    text.append(name).append(": ").append(value).append("\r\n");
  }
};

}  // namespace

std::string raw_error_answer(const Error& e) {
  Request req;
  req.request_id = new_request_id();
  const Response resp = error_response(e, Lang::zh);  // the head was not read: no Accept-Language
  RawHead head;
  head.text = fmt::format("HTTP/1.1 {} {}\r\n", resp.status, reason_phrase(resp.status));
  append_headers(head, req, resp);
  head.append_header("Content-Length", std::to_string(resp.body.size()));
  head.append_header("Connection", "close");
  spdlog::info("{} - - {} {}B refused by the HTTP parser ({})", req.request_id, resp.status, resp.body.size(),
               e.details.empty() ? std::string("-") : e.details.front().field + " " + e.details.front().problem);
  return head.text + "\r\n" + resp.body;
}

Result<std::pair<std::string, std::uint16_t>> parse_listen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) return invalid({{"listen", "expected_host_colon_port"}});
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  int port = 0;
  try {
    std::size_t used = 0;
    port = std::stoi(listen.substr(colon + 1), &used);
    if (used != listen.size() - colon - 1) port = -1;
  } catch (const std::exception&) {
    port = -1;
  }
  if (port < 1 || port > 65535) return invalid({{"listen", "bad_port"}});
  return std::pair{host, static_cast<std::uint16_t>(port)};
}

void serve(Services& services, const ServerConfig& config) {
  // Block the stop signals before any thread starts, so every thread inherits the mask and
  // this one alone receives them in sigwait below.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);

  auto routes = std::make_shared<RouteTable>(build_routes(services, config.options));
  boost::asio::thread_pool workers(config.worker_threads);
  // Paths are matched exactly, case included: /API/V1/USERS is not /api/v1/users, so a
  // path-based rule in front of the server (a proxy, a firewall) cannot be sidestepped.
  auto matcher = std::make_shared<RouteMatcher>();
  for (const Route& route : *routes) matcher->add(route.method, route.path);

  // Runs route `index` for a request whose path it matched.
  auto dispatch = [&services, &workers, routes](const restinio::request_handle_t& raw, const RouteMatcher::Match& match) {
    const auto started = std::chrono::steady_clock::now();
    const Route& route = (*routes)[match.route];
    auto req = make_request(raw, match.params);
    if (!req) {
      Request blank;
      blank.request_id = new_request_id();
      blank.path = std::string(raw->header().path());
      send(raw, blank, error_response(req.error(), Lang::zh), started);
      return restinio::request_accepted();
    }
    // An export streams and waits for each chunk to be written: never on an I/O thread.
    if (route.exec == Exec::worker || wants_export(*req)) {
      boost::asio::post(workers, [&services, &route, raw, r = std::move(*req), started]() mutable {
        send(raw, r, handle(route, r, services), started);
      });
    } else {
      send(raw, *req, handle(route, *req, services), started);
    }
    return restinio::request_accepted();
  };

  auto statics = std::make_shared<const StaticFiles>(config.web_root);
  if (statics->empty())
    spdlog::warn("no front end at '{}': only the API is served (build it with `make web`)", config.web_root);
  auto handler = [matcher, dispatch, statics](const restinio::request_handle_t& raw) {
    const auto& h = raw->header();
    if (h.method() == restinio::http_method_get() && !statics->empty()) {
      if (auto page = statics->lookup(std::string(h.path()))) {
        Request req;
        req.request_id = new_request_id();
        req.path = std::string(h.path());
        send(raw, req, std::move(*page), std::chrono::steady_clock::now());
        return restinio::request_accepted();
      }
    }
    if (h.path().size() > kLongestRoutablePath) return no_such_route(raw);
    if (!percent_encoding_ok(h.path())) {
      Request req;
      req.request_id = new_request_id();
      req.method = our_method(h.method());
      req.path = std::string(h.path());
      auto e = bad_request({{"path", "bad_percent_encoding"}});
      send(raw, req, error_response(e.error(), Lang::zh), std::chrono::steady_clock::now());
      return restinio::request_accepted();
    }
    const auto method = routable_method(h.method());
    if (!method) return no_such_route(raw);
    if (auto match = matcher->find(*method, h.path())) return dispatch(raw, *match);
    return no_such_route(raw);
  };

  // One server per I/O thread, each with its own io_context, all listening on the same port
  // (SO_REUSEPORT; the kernel spreads the connections): threads that shared one io_context
  // handed every completion through its lock and woke each other (issue 4). The port is first
  // bound once without SO_REUSEPORT, so a port another process listens on still fails the start.
  {
    boost::asio::io_context probe_io;
    boost::asio::ip::tcp::resolver resolver(probe_io);
    const auto endpoints = resolver.resolve(config.address, std::to_string(config.port));
    boost::asio::ip::tcp::acceptor probe(probe_io);
    const auto endpoint = endpoints.begin()->endpoint();
    probe.open(endpoint.protocol());
    probe.set_option(boost::asio::ip::tcp::acceptor::reuse_address(true));
    probe.bind(endpoint);
  }
  using settings_t = restinio::server_settings_t<Traits>;
  using reuse_port = boost::asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;
  const std::size_t io_threads = std::max<std::size_t>(1, config.io_threads);
  std::vector<restinio::running_server_handle_t<Traits>> servers;
  for (std::size_t i = 0; i < io_threads; ++i)
    servers.push_back(restinio::run_async<Traits>(
        restinio::own_io_context(),
        settings_t{}
            .address(config.address)
            .port(config.port)
            .request_handler(handler)
            .acceptor_options_setter([](restinio::acceptor_options_t& o) {
              o.set_option(boost::asio::ip::tcp::acceptor::reuse_address(true));
              o.set_option(reuse_port(true));
            })
            .read_next_http_message_timelimit(std::chrono::seconds(60))
            .write_http_response_timelimit(std::chrono::seconds(60))
            .handle_request_timeout(std::chrono::seconds(120))
            .max_parallel_connections(std::max<std::size_t>(1, 10000 / io_threads))
            // One request in flight per connection: GuardedSocket answers a refused request
            // directly, which is safe only while no response to an earlier one is being written.
            .max_pipelined_requests(1)
            .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}.max_body_size(kParserBodyCap)),
        1));

  spdlog::info("skillreg {} listening on http://{}:{} ({} I/O threads, {} workers)", SKILLREG_VERSION,
               config.address, config.port, io_threads, config.worker_threads);

  // Wait for SIGINT or SIGTERM on this thread, then stop accepting and finish in-flight work.
  int sig = 0;
  sigwait(&set, &sig);
  spdlog::info("signal {} received, stopping", sig);
  for (auto& server : servers) server->stop();
  for (auto& server : servers) server->wait();
  workers.join();
}

}  // namespace skillreg::http
