#include "app/notification_service.hpp"

#include <sodium.h>

#include <set>

#include "app/audit_trail.hpp"
#include "core/crypto.hpp"
#include "core/net_address.hpp"
#include "store/reminder_facts_repo.hpp"

namespace skillreg {

namespace {

constexpr const char* kOfficialRoles = ",province_admin,city_officer,county_officer,";
constexpr const char* kProvince = "330000";

// The officials of `region`, or of the nearest region above it that has any.
std::vector<std::int64_t> officials_for(NotificationRepo& repo, const RegionTree& regions, std::string region) {
  while (!region.empty()) {
    auto found = repo.officials_in(region, kOfficialRoles);
    if (!found.empty()) return found;
    const Region* r = regions.find(region);
    region = r ? r->parent_code : std::string();
  }
  return {};
}

std::string params_of(const Notice& n) {
  return n.params.dump();
}

nlohmann::json payload_of(const Notice& n, Instant now) {
  return {{"event", n.key},
          {"kind", n.kind},
          {"object_type", n.object_type},
          {"object_id", n.object_id},
          {"link", n.link},
          {"title_zh", n.title_zh},
          {"title_en", n.title_en},
          {"params", n.params},
          {"article", n.article},
          {"due_on", n.due_on ? nlohmann::json(n.due_on->to_string()) : nlohmann::json(nullptr)},
          {"region_code", n.region_code},
          {"institution_id", n.institution_id ? nlohmann::json(*n.institution_id) : nlohmann::json(nullptr)},
          {"audiences", [&] {
             nlohmann::json a = nlohmann::json::array();
             if (n.province_admins) a.push_back("province");
             for (auto x : n.audiences) a.push_back(to_string(x));
             return a;
           }()},
          {"created_at", now}};
}

Notice notice_of(const DueReminder& r) {
  Notice n;
  n.kind = std::string(to_string(r.rule->kind));
  n.object_type = r.fact.object_type;
  n.object_id = r.fact.object_id;
  n.link = r.fact.link;
  n.title_zh = std::string(r.rule->title_zh);
  n.title_en = std::string(r.rule->title_en);
  n.params = {{"deadline", r.fact.deadline.to_string()}, {"starts_on", r.starts_on.to_string()}};
  if (r.fact.count != 1) n.params["count"] = r.fact.count;
  n.article = std::string(r.rule->article);
  n.due_on = r.fact.deadline;
  n.region_code = r.fact.region_code;
  n.institution_id = r.fact.institution_id;
  n.audiences = r.rule->audiences;
  // Once per kind, object and deadline: a renewed institution or a new deadline reminds again.
  n.key = n.kind + "|" + n.object_type + "|" + n.object_id + "|" + r.fact.deadline.to_string();
  return n;
}

bool working_day_fact(FactKind f) {
  return f != FactKind::institution_validity && f != FactKind::certificate_report && f != FactKind::sampling_item;
}

}  // namespace

std::string webhook_signature(const std::string& secret, const std::string& body) {
  crypto::init();
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(body.data()), body.size());
  crypto_auth_hmacsha256_final(&st, mac);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out = "sha256=";
  for (unsigned char b : mac) {
    out += hex[b >> 4];
    out += hex[b & 15];
  }
  return out;
}

int NotificationService::notify(Tx& tx, const AppContext& ctx, const Notice& n, Instant now) {
  NotificationRepo repo(tx);
  std::set<std::int64_t> recipients;
  if (n.province_admins)
    for (auto id : repo.officials_in(kProvince, ",province_admin,")) recipients.insert(id);
  if (n.person_id)
    for (auto id : repo.accounts_of_person(*n.person_id)) recipients.insert(id);
  for (auto a : n.audiences) {
    if (a == Audience::institution && n.institution_id)
      for (auto id : repo.institution_staff(*n.institution_id)) recipients.insert(id);
    if (a == Audience::authority)
      for (auto id : officials_for(repo, ctx.regions, n.region_code)) recipients.insert(id);
  }
  int written = 0;
  const std::string params = params_of(n);
  for (auto user : recipients) {
    Notification row;
    row.user_id = user;
    row.kind = n.kind;
    row.object_type = n.object_type;
    row.object_id = n.object_id;
    row.link = n.link;
    row.title_zh = n.title_zh;
    row.title_en = n.title_en;
    row.params_json = params;
    row.article = n.article;
    row.region_code = n.region_code;
    if (n.due_on) row.due_on = n.due_on->to_string();
    row.created_at = now;
    row.dedupe_key = n.key + "|" + std::to_string(user);
    if (repo.insert(row)) ++written;
  }
  // The authority's outside endpoint gets the event once, whoever received it inside.
  if (n.person_id) return written;
  if (auto hook = repo.webhook(n.region_code); hook && hook->active)
    repo.enqueue({0, n.region_code, n.key, n.kind, payload_of(n, now).dump(), "pending", 0, now, ""}, now);
  return written;
}

Result<ReminderRun> NotificationService::run_reminders(Date as_of) {
  const auto calendar = ctx_.calendar.snapshot();
  auto facts = ctx_.db.read([&](Tx& tx) -> Result<std::vector<ReminderFact>> {
    return ReminderFactsRepo(tx).facts(as_of, activity_.certificate_report_days);
  });
  if (!facts) return std::unexpected(facts.error());
  const auto due = due_reminders(*facts, *calendar, as_of);
  // Issue 10 §1: a deadline in force, or the next 90 days, in a year the calendar does not cover.
  std::set<int> uncovered;
  const auto covered = calendar->years();
  for (int y : uncovered_years(as_of, as_of.add_days(90), covered)) uncovered.insert(y);
  for (const auto& f : *facts)
    if (working_day_fact(f.fact) && f.deadline >= as_of)
      for (int y : uncovered_years(as_of, f.deadline, covered)) uncovered.insert(y);
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<ReminderRun> {
    ReminderRun run;
    for (const auto& r : due) run.created += notify(tx, ctx_, notice_of(r), now);
    for (int y : uncovered) {
      Notice n;
      n.kind = "calendar_uncovered";
      n.object_type = "calendar";
      n.object_id = std::to_string(y);
      n.link = "/api/v1/calendar?year=" + std::to_string(y);
      n.title_zh = std::to_string(y) + "年节假日安排尚未录入，工作日期限仅按周末计算";
      n.title_en = "The " + std::to_string(y) + " holidays are not entered; working-day deadlines count weekends only";
      n.params = {{"year", y}};
      n.region_code = kProvince;
      n.province_admins = true;
      n.key = "calendar_uncovered|" + std::to_string(y);  // once per year
      run.created += notify(tx, ctx_, n, now);
      run.uncovered_years.push_back(y);
    }
    NotificationRepo(tx).record_reminder_run(as_of.to_string(), now,
                                              std::to_string(run.created) + " notifications");
    return run;
  });
}

Result<Page<Notification>> NotificationService::list(const Actor& actor, bool unread_only, const std::string& kind,
                                                     const PageRequest& page) {
  const bool word = kind.size() <= 40 && std::ranges::all_of(kind, [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
  if (!word) return bad_request({{"kind", "must_be_a_kind_name"}});
  return ctx_.db.read([&](Tx& tx) -> Result<Page<Notification>> {
    return NotificationRepo(tx).list(actor.user_id, unread_only, kind, page);
  });
}

Result<std::int64_t> NotificationService::unread_count(const Actor& actor) {
  return ctx_.db.read([&](Tx& tx) -> Result<std::int64_t> { return NotificationRepo(tx).unread_count(actor.user_id); });
}

Result<Notification> NotificationService::mark_read(const Actor& actor, std::int64_t id) {
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<Notification> {
    NotificationRepo repo(tx);
    if (!repo.mark_read(actor.user_id, id, now)) return not_found("notification");
    return *repo.find(actor.user_id, id);
  });
}

Result<int> NotificationService::mark_all_read(const Actor& actor) {
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<int> { return NotificationRepo(tx).mark_all_read(actor.user_id, now); });
}

Result<WebhookView> NotificationService::webhook(const Actor& actor) {
  if (!is_authority(actor.role)) return forbidden();
  return ctx_.db.read([&](Tx& tx) -> Result<WebhookView> {
    NotificationRepo repo(tx);
    return WebhookView{repo.webhook(actor.region_code), repo.deliveries_of(actor.region_code, 20)};
  });
}

Result<WebhookView> NotificationService::save_webhook(const Actor& actor, const WebhookInput& in) {
  if (!is_authority(actor.role)) return forbidden();
  std::vector<FieldProblem> problems;
  const auto url = parse_http_url(in.url);
  if (!url) problems.push_back({"url", "must_be_http_url"});
  else if (in.url.size() > 500) problems.push_back({"url", "too_long"});
  // An address typed into the URL is judged now; a name is judged at each delivery, by what it
  // resolves to then (jobs/webhook_sender.cpp).
  else if (is_address_literal(url->host) && !ctx_.webhooks.allows(url->host))
    problems.push_back({"url", "must_be_public_address"});
  if (in.secret && (in.secret->size() < 16 || in.secret->size() > 200))
    problems.push_back({"secret", "must_be_16_to_200_characters"});
  if (!problems.empty()) return invalid(problems);
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<WebhookView> {
    NotificationRepo repo(tx);
    const auto before = repo.webhook(actor.region_code);
    if (!before && !in.secret) return invalid({{"secret", "required"}});
    Webhook w{actor.region_code, in.url, in.secret ? *in.secret : before->secret, in.active, now};
    repo.save_webhook(w, actor.user_id);
    auto state = [](const std::optional<Webhook>& h) -> nlohmann::json {
      if (!h) return nullptr;
      // The secret is never written to the audit log; only that it changed.
      return {{"url", h->url}, {"active", h->active}, {"secret_sha256", crypto::sha256_hex(h->secret).substr(0, 12)}};
    };
    record_change(tx, actor, now, {"webhook.save", "webhook", actor.region_code, actor.region_code, std::nullopt,
                                   state(before), state(w)});
    return WebhookView{repo.webhook(actor.region_code), repo.deliveries_of(actor.region_code, 20)};
  });
}

}  // namespace skillreg
