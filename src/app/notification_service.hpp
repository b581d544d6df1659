#pragma once
// Notifications 通知提醒 (issue 10 §2): the in-app inbox of every user, the authorities'
// webhooks, and the reminders the daily job makes from the deadlines in force
// (domain/notifications/reminders.hpp). Each notification is written once per recipient (its
// dedupe key), in the transaction of the event or of the daily run that made it, together with
// the webhook outbox row of the authority concerned; WebhookSender (jobs/) sends after commit.
//
// Recipients by role and scope (S5): an institution-facing notice goes to the institution's
// institution_admin and institution_staff accounts; an authority-facing one to the officials
// (province_admin, city_officer, county_officer) of the supervising region, or of the nearest
// region above it that has officials; calendar warnings to the province administrators.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/accounts/actor.hpp"
#include "domain/activity/activity_policy.hpp"
#include "domain/notifications/reminders.hpp"
#include "store/notification_repo.hpp"

namespace skillreg {

// One event or reminder to deliver.
struct Notice {
  std::string kind;  // a ReminderKind name, or an event: case_served, case_decided, case_reviewed,
                    // complaint_received, exam_site_requested, assignment_made, assignment_removed
  std::string object_type;
  std::string object_id;
  std::string link;  // the object's API path
  std::string title_zh;
  std::string title_en;
  nlohmann::json params = nlohmann::json::object();
  std::string article;
  std::optional<Date> due_on;
  std::string region_code;  // the supervising authority's region
  std::optional<std::int64_t> institution_id;
  std::vector<Audience> audiences;
  bool province_admins = false;  // instead of audiences
  // M16: the account of this registered person (an examiner's own), instead of audiences; such
  // a notice concerns one person and goes to no authority's webhook.
  std::optional<std::int64_t> person_id;
  std::string key;               // the event's identity; once per key and recipient
};

struct ReminderRun {
  int created = 0;                     // notifications written (recipients × reminders)
  std::vector<int> uncovered_years;    // years the deadlines in force reach without a calendar
};

struct WebhookInput {
  std::string url;
  std::optional<std::string> secret;  // kept when absent on an update
  bool active = true;
};

struct WebhookView {
  std::optional<Webhook> webhook;
  std::vector<WebhookDelivery> recent;
};

class NotificationService {
 public:
  explicit NotificationService(AppContext& ctx, ActivityPolicy activity = {}) : ctx_(ctx), activity_(activity) {}

  // Writes `n` for its recipients inside the caller's transaction; the number written (0 when
  // every recipient already had it).
  static int notify(Tx& tx, const AppContext& ctx, const Notice& n, Instant now);

  // The daily job: every reminder due on `as_of`, and the calendar warnings.
  Result<ReminderRun> run_reminders(Date as_of);

  // `kind` empty: every kind.
  Result<Page<Notification>> list(const Actor& actor, bool unread_only, const std::string& kind,
                                  const PageRequest& page);
  Result<std::int64_t> unread_count(const Actor& actor);
  Result<Notification> mark_read(const Actor& actor, std::int64_t id);
  Result<int> mark_all_read(const Actor& actor);

  // The caller's own authority's webhook (officials only).
  Result<WebhookView> webhook(const Actor& actor);
  Result<WebhookView> save_webhook(const Actor& actor, const WebhookInput& in);

 private:
  AppContext& ctx_;
  ActivityPolicy activity_;
};

// The HMAC-SHA256 signature header value of a webhook body: "sha256=<hex>".
std::string webhook_signature(const std::string& secret, const std::string& body);

}  // namespace skillreg
