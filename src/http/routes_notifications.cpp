// The inbox (issue 10 §2): a user's own notifications, and an authority's webhook.
#include "http/handler_helpers.hpp"
#include "http/query.hpp"
#include "http/services.hpp"

namespace skillreg::http {

namespace {

Json notification_json(const Notification& n) {
  Json params = Json::parse(n.params_json, nullptr, false);
  if (params.is_discarded()) params = Json::object();
  return {{"id", n.id},
          {"kind", n.kind},
          {"object_type", n.object_type},
          {"object_id", n.object_id},
          {"link", n.link},
          {"title_zh", n.title_zh},
          {"title_en", n.title_en},
          {"params", params},
          {"article", n.article},
          {"region_code", n.region_code},
          {"due_on", n.due_on ? Json(*n.due_on) : Json(nullptr)},
          {"created_at", format_instant(n.created_at)},
          {"read", n.read_at.has_value()},
          {"read_at", n.read_at ? Json(format_instant(*n.read_at)) : Json(nullptr)}};
}

Json webhook_json(const WebhookView& v) {
  Json recent = Json::array();
  for (const auto& d : v.recent)
    recent.push_back({{"id", d.id}, {"kind", d.kind}, {"event", d.event_key}, {"status", d.status},
                      {"attempts", d.attempts}, {"last_error", d.last_error}});
  if (!v.webhook) return {{"configured", false}, {"url", nullptr}, {"active", false}, {"deliveries", recent}};
  return {{"configured", true},
          {"region_code", v.webhook->region_code},
          {"url", v.webhook->url},
          {"active", v.webhook->active},
          {"has_secret", !v.webhook->secret.empty()},
          {"updated_at", format_instant(v.webhook->updated_at)},
          {"deliveries", recent}};
}

}  // namespace

void add_notification_routes(RouteTable& t, Services& s) {
  t.push_back({Method::get, "/api/v1/notifications", "The caller's own notifications, newest first",
               "notifications", Access::session, Exec::io, {"unread", "kind", "page", "page_size"}, kDefaultBodyLimit,
               [&s](Request& req) -> Result<Response> {
                 auto page = page_of(req);
                 if (!page) return std::unexpected(page.error());
                 auto unread = bool_query(req, "unread");
                 if (!unread) return std::unexpected(unread.error());
                 return ok_or(s.notifications.list(*req.actor, unread->value_or(false), query_or_empty(req, "kind"), *page),
                              [](const Page<Notification>& p) { return page_json(p, notification_json); });
               }});

  t.push_back({Method::get, "/api/v1/notifications/unread-count", "How many of the caller's notifications are unread",
               "notifications", Access::session, Exec::io, {}, kDefaultBodyLimit,
               [&s](Request& req) -> Result<Response> {
                 return ok_or(s.notifications.unread_count(*req.actor),
                              [](std::int64_t n) { return Json{{"unread", n}}; });
               }});

  t.push_back({Method::post, "/api/v1/notifications/:id/read", "Mark one of the caller's notifications read",
               "notifications", Access::session, Exec::worker, {}, kDefaultBodyLimit,
               [&s](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 if (auto ok = no_fields(req); !ok) return std::unexpected(ok.error());
                 return ok_or(s.notifications.mark_read(*req.actor, *id), notification_json);
               }});

  t.push_back({Method::post, "/api/v1/notifications/read-all", "Mark all the caller's notifications read",
               "notifications", Access::session, Exec::worker, {}, kDefaultBodyLimit,
               [&s](Request& req) -> Result<Response> {
                 if (auto ok = no_fields(req); !ok) return std::unexpected(ok.error());
                 return ok_or(s.notifications.mark_all_read(*req.actor), [](int n) { return Json{{"marked", n}}; });
               }});

  t.push_back({Method::get, "/api/v1/webhooks", "The caller's authority's webhook and its recent deliveries",
               "notifications", Access::session, Exec::io, {}, kDefaultBodyLimit,
               [&s](Request& req) -> Result<Response> {
                 return ok_or(s.notifications.webhook(*req.actor), webhook_json);
               }});

  t.push_back({Method::put, "/api/v1/webhooks",
               "Set the caller's authority's webhook: url, secret (HMAC-SHA256 key), active", "notifications",
               Access::session, Exec::worker, {}, 8192, [&s](Request& req) -> Result<Response> {
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 WebhookInput in;
                 in.url = f.required_string("url");
                 in.secret = f.optional_string("secret");
                 in.active = f.optional_bool("active").value_or(true);
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 return ok_or(s.notifications.save_webhook(*req.actor, in), webhook_json);
               }});
}

}  // namespace skillreg::http
