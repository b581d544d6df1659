#include "jobs/webhook_sender.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "app/notification_service.hpp"
#include "core/net_address.hpp"
#include "store/notification_repo.hpp"

namespace skillreg {

namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace ssl = boost::asio::ssl;
using tcp = boost::asio::ip::tcp;

Instant retry_delay(int attempts) {
  Instant d = 60;
  for (int i = 1; i < attempts && d < 3600; ++i) d *= 2;
  return std::min<Instant>(d, 3600);
}

// The addresses the host resolves to that the policy allows; the others are never connected to,
// so a name that resolves to an internal address (now, or after the URL was saved) goes nowhere.
std::vector<tcp::endpoint> allowed_endpoints(boost::asio::io_context& io, const HttpUrl& url,
                                             const WebhookPolicy& policy) {
  tcp::resolver resolver(io);
  std::vector<tcp::endpoint> out;
  for (const auto& entry : resolver.resolve(url.host, url.port))
    if (policy.allows(entry.endpoint().address().to_string())) out.push_back(entry.endpoint());
  return out;
}

template <class Stream>
HttpPostResult exchange(Stream& stream, const HttpUrl& url, const std::string& body, const std::string& signature) {
  bhttp::request<bhttp::string_body> req{bhttp::verb::post, url.path, 11};
  const bool default_port = url.port == (url.tls ? "443" : "80");
  const std::string host = url.host.find(':') != std::string::npos ? "[" + url.host + "]" : url.host;
  req.set(bhttp::field::host, default_port ? host : host + ":" + url.port);
  req.set(bhttp::field::user_agent, "skillreg-webhook");
  req.set(bhttp::field::content_type, "application/json; charset=utf-8");
  req.set("X-Skillreg-Signature", signature);
  req.body() = body;
  req.prepare_payload();
  bhttp::write(stream, req);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024);  // the answer is not used; a huge one is not read
  bhttp::read(stream, buffer, parser);
  return {int(parser.get().result_int()), ""};
}

}  // namespace

HttpPostResult http_post(const std::string& url_text, const std::string& body, const std::string& signature,
                         std::chrono::seconds timeout, const WebhookPolicy& policy) {
  auto url = parse_http_url(url_text);
  if (!url) return {0, "bad_url"};
  try {
    boost::asio::io_context io;
    const auto endpoints = allowed_endpoints(io, *url, policy);
    if (endpoints.empty()) return {0, "address_not_public"};
    if (!url->tls) {
      beast::tcp_stream stream(io);
      stream.expires_after(timeout);
      stream.connect(endpoints);
      auto r = exchange(stream, *url, body, signature);
      beast::error_code ec;
      stream.socket().shutdown(tcp::socket::shutdown_both, ec);
      return r;
    }
    // https: the peer's certificate must chain to a trusted CA and name the host (RFC 2818).
    ssl::context tls(ssl::context::tls_client);
    tls.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                    ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
    tls.set_default_verify_paths();
    if (!policy.ca_file.empty()) tls.load_verify_file(policy.ca_file);
    tls.set_verify_mode(ssl::verify_peer);
    beast::ssl_stream<beast::tcp_stream> stream(io, tls);
    if (!is_address_literal(url->host) && !SSL_set_tlsext_host_name(stream.native_handle(), url->host.c_str()))
      return {0, "tls_sni_failed"};
    stream.set_verify_callback(ssl::rfc2818_verification(url->host));
    beast::get_lowest_layer(stream).expires_after(timeout);
    beast::get_lowest_layer(stream).connect(endpoints);
    stream.handshake(ssl::stream_base::client);
    auto r = exchange(stream, *url, body, signature);
    beast::error_code ec;
    stream.shutdown(ec);  // the peer may just close; the answer is in already
    return r;
  } catch (const std::exception& e) {
    return {0, e.what()};
  }
}

int send_due_webhooks(AppContext& ctx) {
  const Instant now = ctx.clock.now();
  auto due = ctx.db.read([&](Tx& tx) -> Result<std::vector<WebhookDelivery>> {
    return NotificationRepo(tx).deliveries_due(now, 50);
  });
  if (!due) return 0;
  int delivered = 0;
  for (const auto& d : *due) {
    // Claim the attempt; the lease keeps other nodes off it while this one sends.
    auto claimed = ctx.db.write([&](Tx& tx) -> Result<std::optional<Webhook>> {
      NotificationRepo repo(tx);
      if (!repo.claim(d.id, d.next_attempt_at, now + 300)) return std::optional<Webhook>{};
      return repo.webhook(d.region_code);
    });
    if (!claimed || !*claimed) continue;
    const auto& hook = **claimed;
    HttpPostResult r{0, "webhook_inactive"};
    if (hook.active)
      r = http_post(hook.url, d.payload_json, webhook_signature(hook.secret, d.payload_json), std::chrono::seconds(10),
                    ctx.webhooks);
    const bool ok = r.status >= 200 && r.status < 300;
    const int attempts = d.attempts + 1;
    (void)ctx.db.write([&](Tx& tx) -> Status {
      NotificationRepo repo(tx);
      if (ok) repo.delivered(d.id, ctx.clock.now());
      else
        repo.attempt_failed(d.id, r.status ? "http_status_" + std::to_string(r.status) : r.error.substr(0, 200),
                            ctx.clock.now() + retry_delay(attempts), attempts >= kMaxWebhookAttempts);
      return {};
    });
    if (ok) ++delivered;
    else spdlog::warn("webhook delivery {} to {} failed (attempt {})", d.id, d.region_code, attempts);
  }
  return delivered;
}

WebhookSender::WebhookSender(AppContext& ctx, std::chrono::milliseconds poll)
    : ctx_(ctx), poll_(poll), thread_([this] { loop(); }) {}

WebhookSender::~WebhookSender() {
  stop_ = true;
  thread_.join();
}

void WebhookSender::loop() {
  using namespace std::chrono_literals;
  while (!stop_) {
    send_due_webhooks(ctx_);
    for (auto waited = 0ms; waited < poll_ && !stop_; waited += 100ms) std::this_thread::sleep_for(100ms);
  }
}

}  // namespace skillreg
