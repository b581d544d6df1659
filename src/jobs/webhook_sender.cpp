#include "jobs/webhook_sender.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "app/notification_service.hpp"
#include "store/notification_repo.hpp"

namespace skillreg {

namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;

struct Target {
  std::string host, port, path;
};

std::optional<Target> parse_http_url(const std::string& url) {
  const std::string scheme = "http://";
  if (!url.starts_with(scheme)) return std::nullopt;
  const std::string rest = url.substr(scheme.size());
  const auto slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  Target t{authority, "80", slash == std::string::npos ? "/" : rest.substr(slash)};
  if (const auto colon = authority.rfind(':'); colon != std::string::npos && authority.find(']') == std::string::npos) {
    t.host = authority.substr(0, colon);
    t.port = authority.substr(colon + 1);
  }
  if (t.host.empty() || t.port.empty()) return std::nullopt;
  return t;
}

Instant retry_delay(int attempts) {
  Instant d = 60;
  for (int i = 1; i < attempts && d < 3600; ++i) d *= 2;
  return std::min<Instant>(d, 3600);
}

}  // namespace

HttpPostResult http_post(const std::string& url, const std::string& body, const std::string& signature,
                         std::chrono::seconds timeout) {
  if (url.starts_with("https://")) return {0, "https_not_supported"};
  auto target = parse_http_url(url);
  if (!target) return {0, "bad_url"};
  try {
    boost::asio::io_context io;
    tcp::resolver resolver(io);
    beast::tcp_stream stream(io);
    stream.expires_after(timeout);
    stream.connect(resolver.resolve(target->host, target->port));
    bhttp::request<bhttp::string_body> req{bhttp::verb::post, target->path, 11};
    req.set(bhttp::field::host, target->host);
    req.set(bhttp::field::user_agent, "skillreg-webhook");
    req.set(bhttp::field::content_type, "application/json; charset=utf-8");
    req.set("X-Skillreg-Signature", signature);
    req.body() = body;
    req.prepare_payload();
    bhttp::write(stream, req);
    beast::flat_buffer buffer;
    bhttp::response<bhttp::string_body> res;
    bhttp::read(stream, buffer, res);
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    return {int(res.result_int()), ""};
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
    if (hook.active) r = http_post(hook.url, d.payload_json, webhook_signature(hook.secret, d.payload_json),
                                   std::chrono::seconds(10));
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
