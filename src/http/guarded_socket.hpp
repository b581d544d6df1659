#pragma once
// The server's connection socket: Asio's TCP socket, plus the answer RESTinio 0.6 leaves out.
// When RESTinio's HTTP parser refuses a request (a body over kParserBodyCap, a broken or huge
// head) it logs the error and closes the connection at once: the client, still sending, sees a
// reset and no reason. With this socket the client gets the API's error first (413 or 400, see
// parser_refusal.hpp), then a gentle close: the server stops sending and reads and drops what
// the client still sends for a while (as nginx's lingering close does), so the client reads the
// answer before the connection goes (issue 4, "Bad input": a 2 GB upload is refused with a
// clear message, and the server keeps serving).
//
// It also answers "Expect: 100-continue" with "100 Continue" as soon as the head that asks for it
// is read (RFC 9110 §10.1.1), which RESTinio 0.6 never does: curl asks before any body over
// 1 MiB and, unanswered, waits a second before each batch part it sends.
//
// How: RESTinio logs the parser's error through the server's logger (RefusalLogger) and, on the
// same thread and in the same call, shuts the socket down; the logger leaves the refusal for the
// socket, which answers it in shutdown() and hands the connection to a LingeringClose in close().
// The answer is written directly: with one request in flight per connection (RESTinio's
// max_pipelined_requests = 1, set in server.cpp), no response is being written while a request
// is parsed.
#include <spdlog/spdlog.h>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace skillreg::http {

// The raw HTTP answer (status line, the headers every answer carries, the JSON error body,
// Connection: close) for an error found before any request was made of the bytes. server.cpp.
std::string raw_error_answer(const Error& e);

// Whether `bytes`, what one read brought, start with a request line and end its head, and the
// head asks "Expect: 100-continue" (the name and the value matched case-insensitively).
bool asks_to_continue(std::string_view bytes);

// Watches what a connection reads for a request head that asks to continue, also when the head
// arrives in more than one read (a slow client, a small first packet): a read that starts a
// request (a method and a space) without ending its head is kept, at most kHeadCarry bytes, and
// judged with the reads that follow. Reads that end a head at once, the usual case, copy nothing.
class ContinueWatch {
 public:
  static constexpr std::size_t kHeadCarry = 64 * 1024;
  // True when the head these bytes complete asks to continue.
  bool feed(std::string_view bytes);

 private:
  std::string carry_;
};

// RESTinio's logger for the server. trace/info are dropped (per-request chatter); warnings and
// errors go to the log at debug level (clients cause them), and a parser's refusal is kept for
// the socket that RESTinio closes next.
class RefusalLogger {
 public:
  template <class Builder>
  void trace(Builder&&) const noexcept {}
  template <class Builder>
  void info(Builder&&) const noexcept {}
  template <class Builder>
  void warn(Builder&& message) const {
    if (spdlog::should_log(spdlog::level::debug)) spdlog::debug("restinio: {}", message());
  }
  template <class Builder>
  void error(Builder&& message) const {
    note_error(message());
  }

 private:
  static void note_error(const std::string& message);
};

class GuardedSocket : public boost::asio::ip::tcp::socket {
  using base = boost::asio::ip::tcp::socket;

 public:
  using base::base;
  GuardedSocket(GuardedSocket&&) = default;
  GuardedSocket& operator=(GuardedSocket&&) = default;

  // Reads as the base socket does; a head asking to continue is answered before RESTinio parses it.
  template <class Handler>
  auto async_read_some(const boost::asio::mutable_buffer& buffer, Handler&& handler) {
    auto executor = boost::asio::get_associated_executor(handler, get_executor());
    return base::async_read_some(
        buffer, boost::asio::bind_executor(executor, [this, data = static_cast<const char*>(buffer.data()),
                                                      h = std::forward<Handler>(handler)](
                                                         const boost::system::error_code& ec, std::size_t n) mutable {
          if (!ec && watch_.feed({data, n})) send_continue();
          h(ec, n);
        }));
  }

  using base::shutdown;
  // A refusal noted on this thread: answer it and shut only the sending side.
  void shutdown(shutdown_type what, boost::system::error_code& ec);

  using base::close;
  // After a refusal: the connection goes to a LingeringClose instead of closing now.
  void close();

 private:
  void send_continue();
  ContinueWatch watch_;
  bool lingering_ = false;
};

}  // namespace skillreg::http
