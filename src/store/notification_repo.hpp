#pragma once
// Named SQL of the inbox, the authorities' webhooks and their outbox (migration 0015).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "store/database.hpp"
#include "store/paging.hpp"

namespace skillreg {

struct Notification {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string kind;
  std::string object_type;
  std::string object_id;
  std::string link;
  std::string title_zh;
  std::string title_en;
  std::string params_json = "{}";
  std::string article;
  std::string region_code;
  std::optional<std::string> due_on;
  Instant created_at = 0;
  std::optional<Instant> read_at;
  std::string dedupe_key;
};

struct Webhook {
  std::string region_code;
  std::string url;
  std::string secret;
  bool active = true;
  Instant updated_at = 0;
};

struct WebhookDelivery {
  std::int64_t id = 0;
  std::string region_code;
  std::string event_key;
  std::string kind;
  std::string payload_json;
  std::string status;  // pending | delivered | failed
  int attempts = 0;
  Instant next_attempt_at = 0;
  std::string last_error;
};

class NotificationRepo {
 public:
  explicit NotificationRepo(Tx& tx) : tx_(tx) {}

  // False when a notification with the same dedupe key exists (nothing is written).
  bool insert(const Notification& n);
  // The user's own notification; nullopt for anyone else's.
  std::optional<Notification> find(std::int64_t user_id, std::int64_t id);
  // `kind` empty: every kind.
  Page<Notification> list(std::int64_t user_id, bool unread_only, const std::string& kind, const PageRequest& page);
  std::int64_t unread_count(std::int64_t user_id);
  // False when the user has no such notification. Reading twice keeps the first time.
  bool mark_read(std::int64_t user_id, std::int64_t id, Instant at);
  int mark_all_read(std::int64_t user_id, Instant at);

  // Active officials with one of `roles` (comma-separated, e.g. ",city_officer,") in `region`.
  std::vector<std::int64_t> officials_in(const std::string& region, const std::string& roles);
  // Active institution_admin / institution_staff accounts of an institution.
  std::vector<std::int64_t> institution_staff(std::int64_t institution_id);
  // M16: the active account linked to a registered person (by the identity number's index).
  std::vector<std::int64_t> accounts_of_person(std::int64_t person_id);

  // Records that the reminders for `as_of` were made (job_runs, job "reminders"; the last run
  // wins), so operators and tests can tell a day's run has finished.
  void record_reminder_run(const std::string& as_of, Instant at, const std::string& summary);

  std::optional<Webhook> webhook(const std::string& region);
  void save_webhook(const Webhook& w, std::int64_t by);
  // False when the event was already queued.
  bool enqueue(const WebhookDelivery& d, Instant now);
  std::vector<WebhookDelivery> deliveries_due(Instant now, int limit);
  // Takes a due delivery for one attempt (another node may race for it); true when taken.
  bool claim(std::int64_t id, Instant next_attempt_at, Instant lease_until);
  void delivered(std::int64_t id, Instant at);
  void attempt_failed(std::int64_t id, const std::string& error, Instant retry_at, bool give_up);
  std::vector<WebhookDelivery> deliveries_of(const std::string& region, int limit);

 private:
  Tx& tx_;
};

}  // namespace skillreg
