#include "store/notification_repo.hpp"

namespace skillreg {

namespace {

constexpr const char* kInsert =
    "INSERT INTO notifications (user_id, kind, object_type, object_id, link, title_zh, title_en, params_json,"
    " article, region_code, due_on, created_at, dedupe_key) VALUES (:u, :k, :ot, :oi, :l, :tz, :te, :p, :a, :r,"
    " :d, :c, :key) ON CONFLICT (dedupe_key) DO NOTHING";
constexpr const char* kColumns =
    "SELECT id, user_id, kind, object_type, object_id, link, title_zh, title_en, params_json, article, region_code,"
    " COALESCE(due_on, ''), created_at, COALESCE(read_at, 0), dedupe_key FROM notifications";
constexpr const char* kListWhere =
    " WHERE user_id = :u AND (:unread = 0 OR read_at IS NULL) AND (:k1 = '' OR kind = :k2)";
constexpr const char* kUnreadCount = "SELECT COUNT(*) FROM notifications WHERE user_id = :u AND read_at IS NULL";
constexpr const char* kMarkRead =
    "UPDATE notifications SET read_at = COALESCE(read_at, :t) WHERE id = :id AND user_id = :u";
constexpr const char* kMarkAllRead =
    "UPDATE notifications SET read_at = :t WHERE user_id = :u AND read_at IS NULL";
constexpr const char* kOfficials =
    "SELECT id FROM users WHERE region_code = :r AND disabled = 0 AND :roles LIKE '%,' || role || ',%' ORDER BY id";
constexpr const char* kInstitutionStaff =
    "SELECT id FROM users WHERE institution_id = :i AND disabled = 0"
    " AND role IN ('institution_admin', 'institution_staff') ORDER BY id";
constexpr const char* kAccountsOfPerson =
    "SELECT u.id FROM users u JOIN people p ON p.identity_index = u.identity_index"
    " WHERE p.id = :p AND u.identity_index <> '' AND u.disabled = 0 ORDER BY u.id";
constexpr const char* kReminderRun =
    "INSERT INTO job_runs (job, as_of, ran_at, summary) VALUES ('reminders', :d, :t, :s)"
    " ON CONFLICT (job, as_of) DO UPDATE SET ran_at = excluded.ran_at, summary = excluded.summary";
constexpr const char* kWebhook = "SELECT region_code, url, secret, active, updated_at FROM webhooks WHERE region_code = :r";
constexpr const char* kSaveWebhook =
    "INSERT INTO webhooks (region_code, url, secret, active, updated_by, updated_at) VALUES (:r, :u, :s, :a, :b, :t)"
    " ON CONFLICT (region_code) DO UPDATE SET url = excluded.url, secret = excluded.secret, active = excluded.active,"
    " updated_by = excluded.updated_by, updated_at = excluded.updated_at";
constexpr const char* kEnqueue =
    "INSERT INTO webhook_deliveries (region_code, event_key, kind, payload_json, status, attempts, next_attempt_at,"
    " created_at) VALUES (:r, :k, :kind, :p, 'pending', 0, :n, :c) ON CONFLICT (event_key) DO NOTHING";
constexpr const char* kDeliveryColumns =
    "SELECT id, region_code, event_key, kind, payload_json, status, attempts, next_attempt_at, last_error"
    " FROM webhook_deliveries";
constexpr const char* kClaim =
    "UPDATE webhook_deliveries SET attempts = attempts + 1, next_attempt_at = :lease"
    " WHERE id = :id AND status = 'pending' AND next_attempt_at = :was";
constexpr const char* kDelivered =
    "UPDATE webhook_deliveries SET status = 'delivered', delivered_at = :t, last_error = '' WHERE id = :id";
constexpr const char* kFailed =
    "UPDATE webhook_deliveries SET status = :s, next_attempt_at = :n, last_error = :e WHERE id = :id";

struct Row {
  Notification n;
  std::string due;
  long long read = 0;
  Notification finish() {
    n.due_on = due.empty() ? std::nullopt : std::optional<std::string>(due);
    n.read_at = read ? std::optional<Instant>(read) : std::nullopt;
    return n;
  }
};
#define SKILLREG_NOTIFICATION_INTO(r)                                                                      \
  soci::into((r).n.id), soci::into((r).n.user_id), soci::into((r).n.kind), soci::into((r).n.object_type), \
      soci::into((r).n.object_id), soci::into((r).n.link), soci::into((r).n.title_zh),                     \
      soci::into((r).n.title_en), soci::into((r).n.params_json), soci::into((r).n.article),                \
      soci::into((r).n.region_code), soci::into((r).due), soci::into((r).n.created_at), soci::into((r).read), \
      soci::into((r).n.dedupe_key)

struct DeliveryRow {
  WebhookDelivery d;
  long long attempts = 0;
  WebhookDelivery finish() {
    d.attempts = int(attempts);
    return d;
  }
};
#define SKILLREG_DELIVERY_INTO(r)                                                                          \
  soci::into((r).d.id), soci::into((r).d.region_code), soci::into((r).d.event_key), soci::into((r).d.kind), \
      soci::into((r).d.payload_json), soci::into((r).d.status), soci::into((r).attempts),                  \
      soci::into((r).d.next_attempt_at), soci::into((r).d.last_error)

std::vector<std::int64_t> ids(soci::statement st, long long& id) {
  std::vector<std::int64_t> out;
  st.execute();
  while (st.fetch()) out.push_back(id);
  return out;
}

std::vector<WebhookDelivery> fetch_deliveries(soci::statement& st, DeliveryRow& row) {
  std::vector<WebhookDelivery> out;
  st.execute();
  while (st.fetch()) out.push_back(row.finish());
  return out;
}

}  // namespace

bool NotificationRepo::insert(const Notification& n) {
  const std::string due = n.due_on.value_or("");
  soci::indicator due_ind = n.due_on ? soci::i_ok : soci::i_null;
  soci::statement st = (tx_.sql.prepare << kInsert, soci::use(n.user_id, "u"), soci::use(n.kind, "k"),
                        soci::use(n.object_type, "ot"), soci::use(n.object_id, "oi"), soci::use(n.link, "l"),
                        soci::use(n.title_zh, "tz"), soci::use(n.title_en, "te"), soci::use(n.params_json, "p"),
                        soci::use(n.article, "a"), soci::use(n.region_code, "r"), soci::use(due, due_ind, "d"),
                        soci::use(n.created_at, "c"), soci::use(n.dedupe_key, "key"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::optional<Notification> NotificationRepo::find(std::int64_t user_id, std::int64_t id) {
  Row row;
  tx_.sql << std::string(kColumns) + " WHERE id = :id AND user_id = :u", soci::use(id, "id"), soci::use(user_id, "u"),
      SKILLREG_NOTIFICATION_INTO(row);
  if (!tx_.sql.got_data()) return std::nullopt;
  return row.finish();
}

Page<Notification> NotificationRepo::list(std::int64_t user_id, bool unread_only, const std::string& kind,
                                          const PageRequest& page) {
  const int unread = unread_only ? 1 : 0;
  const long long limit = page.page_size, offset = page.offset();
  Page<Notification> out{{}, 0, page.page, page.page_size};
  tx_.sql << std::string("SELECT COUNT(*) FROM notifications") + kListWhere, soci::use(user_id, "u"),
      soci::use(unread, "unread"), soci::use(kind, "k1"), soci::use(kind, "k2"), soci::into(out.total);
  Row row;
  soci::statement st = (tx_.sql.prepare << std::string(kColumns) + kListWhere +
                                               " ORDER BY created_at DESC, id DESC LIMIT :lim OFFSET :off",
                        soci::use(user_id, "u"), soci::use(unread, "unread"), soci::use(kind, "k1"),
                        soci::use(kind, "k2"), soci::use(limit, "lim"),
                        soci::use(offset, "off"), SKILLREG_NOTIFICATION_INTO(row));
  st.execute();
  while (st.fetch()) out.items.push_back(row.finish());
  return out;
}

std::int64_t NotificationRepo::unread_count(std::int64_t user_id) {
  long long n = 0;
  tx_.sql << kUnreadCount, soci::use(user_id, "u"), soci::into(n);
  return n;
}

bool NotificationRepo::mark_read(std::int64_t user_id, std::int64_t id, Instant at) {
  soci::statement st =
      (tx_.sql.prepare << kMarkRead, soci::use(at, "t"), soci::use(id, "id"), soci::use(user_id, "u"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

int NotificationRepo::mark_all_read(std::int64_t user_id, Instant at) {
  soci::statement st = (tx_.sql.prepare << kMarkAllRead, soci::use(at, "t"), soci::use(user_id, "u"));
  st.execute(true);
  return int(st.get_affected_rows());
}

std::vector<std::int64_t> NotificationRepo::officials_in(const std::string& region, const std::string& roles) {
  long long id = 0;
  return ids((tx_.sql.prepare << kOfficials, soci::use(region, "r"), soci::use(roles, "roles"), soci::into(id)),
             id);
}

std::vector<std::int64_t> NotificationRepo::institution_staff(std::int64_t institution_id) {
  long long id = 0;
  return ids((tx_.sql.prepare << kInstitutionStaff, soci::use(institution_id, "i"), soci::into(id)), id);
}

std::vector<std::int64_t> NotificationRepo::accounts_of_person(std::int64_t person_id) {
  long long id = 0;
  return ids((tx_.sql.prepare << kAccountsOfPerson, soci::use(person_id, "p"), soci::into(id)), id);
}

void NotificationRepo::record_reminder_run(const std::string& as_of, Instant at, const std::string& summary) {
  tx_.sql << kReminderRun, soci::use(as_of, "d"), soci::use(at, "t"), soci::use(summary, "s");
}

std::optional<Webhook> NotificationRepo::webhook(const std::string& region) {
  Webhook w;
  long long active = 0;
  tx_.sql << kWebhook, soci::use(region, "r"), soci::into(w.region_code), soci::into(w.url), soci::into(w.secret),
      soci::into(active), soci::into(w.updated_at);
  if (!tx_.sql.got_data()) return std::nullopt;
  w.active = active != 0;
  return w;
}

void NotificationRepo::save_webhook(const Webhook& w, std::int64_t by) {
  const int active = w.active ? 1 : 0;
  tx_.sql << kSaveWebhook, soci::use(w.region_code, "r"), soci::use(w.url, "u"), soci::use(w.secret, "s"),
      soci::use(active, "a"), soci::use(by, "b"), soci::use(w.updated_at, "t");
}

bool NotificationRepo::enqueue(const WebhookDelivery& d, Instant now) {
  soci::statement st = (tx_.sql.prepare << kEnqueue, soci::use(d.region_code, "r"), soci::use(d.event_key, "k"),
                        soci::use(d.kind, "kind"), soci::use(d.payload_json, "p"), soci::use(now, "n"),
                        soci::use(now, "c"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::vector<WebhookDelivery> NotificationRepo::deliveries_due(Instant now, int limit) {
  DeliveryRow row;
  const long long lim = limit;
  soci::statement st = (tx_.sql.prepare << std::string(kDeliveryColumns) +
                                               " WHERE status = 'pending' AND next_attempt_at <= :n ORDER BY id LIMIT :lim",
                        soci::use(now, "n"), soci::use(lim, "lim"), SKILLREG_DELIVERY_INTO(row));
  return fetch_deliveries(st, row);
}

bool NotificationRepo::claim(std::int64_t id, Instant next_attempt_at, Instant lease_until) {
  soci::statement st = (tx_.sql.prepare << kClaim, soci::use(lease_until, "lease"), soci::use(id, "id"),
                        soci::use(next_attempt_at, "was"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void NotificationRepo::delivered(std::int64_t id, Instant at) {
  tx_.sql << kDelivered, soci::use(at, "t"), soci::use(id, "id");
}

void NotificationRepo::attempt_failed(std::int64_t id, const std::string& error, Instant retry_at, bool give_up) {
  const std::string status = give_up ? "failed" : "pending";
  tx_.sql << kFailed, soci::use(status, "s"), soci::use(retry_at, "n"), soci::use(error, "e"), soci::use(id, "id");
}

std::vector<WebhookDelivery> NotificationRepo::deliveries_of(const std::string& region, int limit) {
  DeliveryRow row;
  const long long lim = limit;
  soci::statement st =
      (tx_.sql.prepare << std::string(kDeliveryColumns) + " WHERE region_code = :r ORDER BY id DESC LIMIT :lim",
       soci::use(region, "r"), soci::use(lim, "lim"), SKILLREG_DELIVERY_INTO(row));
  return fetch_deliveries(st, row);
}

}  // namespace skillreg
