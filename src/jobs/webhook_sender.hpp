#pragma once
// The webhook sender: takes due rows from the outbox (webhook_deliveries, written in the same
// transaction as the notification) after they commit and POSTs each, as JSON, to its
// authority's URL with `X-Skillreg-Signature: sha256=<hex HMAC-SHA256 of the body>` under the
// webhook's secret. A 2xx answer delivers it; anything else is retried after 1, 2, 4 … minutes
// (at most an hour apart), up to kMaxAttempts, then marked failed. Several nodes may run one:
// each attempt is claimed by a conditional update first.
//
// http:// or https:// (the certificate verified against the system's CA store and the host
// name). Only to addresses the WebhookPolicy allows: public ones unless the operator allows more.
#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "app/context.hpp"

namespace skillreg {

inline constexpr int kMaxWebhookAttempts = 8;

struct HttpPostResult {
  int status = 0;      // 0 when no answer came
  std::string error;   // why, when status is 0
};

// One POST with a timeout; no redirects; only to addresses `policy` allows.
HttpPostResult http_post(const std::string& url, const std::string& body, const std::string& signature,
                         std::chrono::seconds timeout, const WebhookPolicy& policy);

// Sends every due delivery once; the number delivered.
int send_due_webhooks(AppContext& ctx);

class WebhookSender {
 public:
  explicit WebhookSender(AppContext& ctx, std::chrono::milliseconds poll = std::chrono::milliseconds(1000));
  ~WebhookSender();
  WebhookSender(const WebhookSender&) = delete;
  WebhookSender& operator=(const WebhookSender&) = delete;

 private:
  void loop();
  AppContext& ctx_;
  std::chrono::milliseconds poll_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace skillreg
