#pragma once
// The app-layer services the handlers call, built once per server.
#include "app/audit_service.hpp"
#include "app/auth_service.hpp"
#include "app/context.hpp"
#include "app/batch_service.hpp"
#include "app/calendar_service.hpp"
#include "app/candidate_service.hpp"
#include "app/certificate_service.hpp"
#include "app/complaint_service.hpp"
#include "app/enforcement_service.hpp"
#include "app/execution_service.hpp"
#include "app/inspection_service.hpp"
#include "app/monitoring_service.hpp"
#include "app/notification_service.hpp"
#include "app/personnel_service.hpp"
#include "app/plan_service.hpp"
#include "app/registry_service.hpp"
#include "app/report_service.hpp"
#include "app/supervision_service.hpp"
#include "app/user_service.hpp"
#include "http/types.hpp"

namespace skillreg::http {

struct Services {
  Services(AppContext& c, RegistryPolicy registry_policy = {}, ActivityPolicy activity_policy = {},
           std::optional<signing::KeyPair> signing_key = std::nullopt, BatchPolicy batch_policy = {},
           DueProcessPolicy due_process = {})
      : ctx(c),
        auth(c),
        users(c),
        audit(c),
        registry(c, registry_policy),
        plans(c, activity_policy),
        candidates(c, activity_policy),
        certificates(c, activity_policy, std::move(signing_key)),
        personnel(c, activity_policy),
        execution(c),
        monitoring(c, activity_policy),
        supervision(c),
        inspections(c),
        complaints(c, inspections),
        enforcement(c, due_process),
        reports(c),
        notifications(c, activity_policy),
        calendar(c),
        batches(c, candidates, certificates, activity_policy, batch_policy) {}
  AppContext& ctx;
  AuthService auth;
  UserService users;
  AuditService audit;
  RegistryService registry;
  PlanService plans;
  CandidateService candidates;
  CertificateService certificates;
  PersonnelService personnel;
  ExecutionService execution;
  MonitoringService monitoring;
  SupervisionService supervision;
  InspectionService inspections;
  ComplaintService complaints;
  EnforcementService enforcement;
  ReportService reports;
  NotificationService notifications;
  CalendarService calendar;
  BatchService batches;  // last: its worker stops first
};

struct ServerOptions {
  bool cookie_secure = false;  // set behind TLS so the session cookie is only sent over HTTPS
};

// Every route of the API, in one table: the server registers it and the OpenAPI document
// describes it, so the two cannot disagree.
RouteTable build_routes(Services& s, const ServerOptions& options);

void add_system_routes(RouteTable& t, Services& s);
void add_reference_routes(RouteTable& t, Services& s);
void add_auth_routes(RouteTable& t, Services& s, const ServerOptions& options);
void add_user_routes(RouteTable& t, Services& s);
void add_audit_routes(RouteTable& t, Services& s);
void add_registry_routes(RouteTable& t, Services& s);
void add_plan_routes(RouteTable& t, Services& s);
void add_candidate_routes(RouteTable& t, Services& s);
void add_monitoring_routes(RouteTable& t, Services& s);
// The directory answer's items with `stars` and `period` (S13) for the institutions `ids`.
Json with_ratings(Json directory_items, const std::map<std::int64_t, Rating>& ratings,
                  const std::vector<std::int64_t>& ids);
void add_certificate_routes(RouteTable& t, Services& s);
void add_people_registry_routes(RouteTable& t, Services& s);
void add_personnel_routes(RouteTable& t, Services& s);
void add_batch_routes(RouteTable& t, Services& s);
void add_supervision_routes(RouteTable& t, Services& s);
void add_inspection_routes(RouteTable& t, Services& s);
void add_enforcement_routes(RouteTable& t, Services& s);
void add_report_routes(RouteTable& t, Services& s);
void add_notification_routes(RouteTable& t, Services& s);

// The OpenAPI 3.1 document for a route table, and the same as an HTML page (/api/docs).
Json openapi_document(const RouteTable& routes);
std::string api_docs_page(const RouteTable& routes);

}  // namespace skillreg::http
