#include "http/guarded_socket.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>

#include "http/parser_refusal.hpp"

namespace skillreg::http {

namespace {

// The refusal RESTinio has just logged on this thread, for the socket it shuts down next.
thread_local std::optional<Error> pending_refusal;

// How long a refused connection is read and dropped before it is closed: until the client ends
// it, stops sending for kIdle, or kTotal has passed (nginx: lingering_timeout 5 s, _time 30 s).
constexpr auto kIdle = std::chrono::seconds(2);
constexpr auto kTotal = std::chrono::seconds(10);

class LingeringClose : public std::enable_shared_from_this<LingeringClose> {
 public:
  explicit LingeringClose(boost::asio::ip::tcp::socket socket)
      : socket_(std::move(socket)), timer_(socket_.get_executor()),
        deadline_(std::chrono::steady_clock::now() + kTotal) {}

  void start() {
    arm();
    read();
  }

 private:
  void read() {
    socket_.async_read_some(boost::asio::buffer(buffer_), [self = shared_from_this()](const boost::system::error_code& ec,
                                                                                       std::size_t) {
      if (ec) return self->finish();  // the client closed, or the timer below did
      self->arm();
      self->read();
    });
  }

  void arm() {
    timer_.expires_at(std::min(std::chrono::steady_clock::now() + kIdle, deadline_));
    timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
      if (!ec) self->finish();  // not re-armed in time: give up on the client
    });
  }

  void finish() {
    boost::system::error_code ignored;
    timer_.cancel();
    socket_.close(ignored);
  }

  boost::asio::ip::tcp::socket socket_;
  boost::asio::steady_timer timer_;
  std::chrono::steady_clock::time_point deadline_;
  std::array<char, 16384> buffer_{};
};

// Whether a read starts with a request line's method and its space ("POST "), not inside a body;
// a read cut within the method ("PO") may be one, too.
bool starts_a_request(std::string_view bytes) {
  std::size_t letters = 0;
  while (letters < bytes.size() && letters < 16 && bytes[letters] >= 'A' && bytes[letters] <= 'Z') ++letters;
  return letters > 0 && (letters == bytes.size() || bytes[letters] == ' ');
}

}  // namespace

bool asks_to_continue(std::string_view bytes) {
  if (bytes.find("100-") == std::string_view::npos) return false;  // digits have no case: a cheap first look
  if (!starts_a_request(bytes)) return false;
  const auto end = bytes.find("\r\n\r\n");
  if (end == std::string_view::npos) return false;
  const auto same = [](std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::ranges::equal(a, b, [](char x, char y) {
             return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
  };
  const auto head = bytes.substr(0, end + 2);
  for (std::size_t pos = head.find("\r\n"); pos != std::string_view::npos && pos + 2 < head.size();) {
    const auto eol = head.find("\r\n", pos + 2);
    auto line = head.substr(pos + 2, eol - pos - 2);
    pos = eol;
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || !same(line.substr(0, colon), "expect")) continue;
    line.remove_prefix(colon + 1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    if (same(line, "100-continue")) return true;
  }
  return false;
}

bool ContinueWatch::feed(std::string_view bytes) {
  if (carry_.empty()) {
    if (bytes.find("\r\n\r\n") != std::string_view::npos) return asks_to_continue(bytes);
    if (!starts_a_request(bytes)) return false;  // a body's bytes, not a head's start
  }
  carry_.append(bytes);
  if (carry_.find("\r\n\r\n") != std::string::npos) {
    const bool asks = asks_to_continue(carry_);
    carry_.clear();
    return asks;
  }
  if (carry_.size() > kHeadCarry) carry_.clear();  // longer than any head RESTinio takes: it refuses it
  return false;
}

void GuardedSocket::send_continue() {
  static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
  // No answer is being written while a request is read (one in flight per connection).
  (void)::send(native_handle(), kContinue.data(), kContinue.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
}

void RefusalLogger::note_error(const std::string& message) {
  if (auto refusal = parser_refusal(message)) pending_refusal = std::move(refusal);
  if (spdlog::should_log(spdlog::level::debug)) spdlog::debug("restinio: {}", message);
}

void GuardedSocket::shutdown(shutdown_type what, boost::system::error_code& ec) {
  if (!pending_refusal) {
    base::shutdown(what, ec);
    return;
  }
  const Error refusal = std::move(*pending_refusal);
  pending_refusal.reset();
  const std::string answer = raw_error_answer(refusal);
  // A few hundred bytes into an empty send buffer: written whole, or the client is gone.
  (void)::send(native_handle(), answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  lingering_ = true;
  base::shutdown(shutdown_send, ec);
}

void GuardedSocket::close() {
  boost::system::error_code ec;
  if (!lingering_) {
    base::close(ec);
    return;
  }
  lingering_ = false;
  const auto protocol = local_endpoint(ec).protocol();
  const auto fd = ec ? -1 : release(ec);
  if (ec || fd < 0) {
    base::close(ec);
    return;
  }
  boost::asio::ip::tcp::socket kept(get_executor());
  kept.assign(protocol, fd, ec);
  if (ec) {
    ::close(fd);
    return;
  }
  std::make_shared<LingeringClose>(std::move(kept))->start();
}

}  // namespace skillreg::http
