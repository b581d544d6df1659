#pragma once
// The HTTP server: RESTinio on Boost.Asio. I/O threads (one per core by default) parse requests
// and answer quick reads inline; writes and slow work go to a worker pool, so one slow request
// never stalls the others. Every request passes the same pipeline (see server.cpp): body limit,
// query check, authentication and CSRF, the handler, the error translator, security headers and
// one access-log line.
#include <cstdint>
#include <memory>
#include <string>

#include "http/services.hpp"

namespace skillreg::http {

struct ServerConfig {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;
  std::size_t io_threads = 2;
  std::size_t worker_threads = 4;
  std::string web_root = "web/dist";  // the built front end; absent: API only
  ServerOptions options;
};

// Runs until SIGINT or SIGTERM. Throws if the address cannot be bound.
void serve(Services& services, const ServerConfig& config);

// "127.0.0.1:8080" or "[::1]:8080" → address and port.
Result<std::pair<std::string, std::uint16_t>> parse_listen(const std::string& listen);

// The request pipeline without the network: what serve() runs for a matched route.
Response handle(const Route& route, Request& req, Services& services);

}  // namespace skillreg::http
