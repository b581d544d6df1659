#include "store/reminder_facts_repo.hpp"

#include "core/clock.hpp"

namespace skillreg {

namespace {

// M23: active (or suspended) institutions whose validity ends within the renewal window and
// without a pending renewal.
constexpr const char* kValidity =
    "SELECT i.id, i.valid_until, i.authority_code FROM institutions i"
    " WHERE i.status IN ('active', 'suspended') AND i.valid_until > :d1 AND i.valid_until <= :d2"
    " AND NOT EXISTS (SELECT 1 FROM renewals r WHERE r.institution_id = i.id AND r.status = 'pending') ORDER BY i.id";
// M10: applications under public notice.
constexpr const char* kApplicationPublicity =
    "SELECT id, publicity_ends, authority_code FROM applications"
    " WHERE status = 'publicity' AND publicity_ends IS NOT NULL AND publicity_ends >= :d ORDER BY id";
// S19(9): score publicity of published plans.
constexpr const char* kResultsPublicity =
    "SELECT id, results_publicity_ends, authority_code, institution_id FROM plans"
    " WHERE status = 'published' AND results_publicity_ends IS NOT NULL AND results_publicity_ends >= :d ORDER BY id";
// S24: served cases without the institution's statement yet.
constexpr const char* kStatementWindows =
    "SELECT c.id, c.statement_due, c.authority_code, c.institution_id FROM cases c"
    " WHERE c.status = 'served' AND c.statement_due IS NOT NULL AND c.statement_due >= :d"
    " AND NOT EXISTS (SELECT 1 FROM case_statements s WHERE s.case_id = c.id AND s.kind = 'statement') ORDER BY c.id";
// S20: rectification ordered by a decision in force and not yet verified.
constexpr const char* kCaseRectifications =
    "SELECT id, rectification_due, authority_code, institution_id FROM cases"
    " WHERE rectification_due IS NOT NULL AND rectification_verified_on IS NULL"
    " AND status IN ('decided', 'review_requested', 'reviewed', 'closed')"
    " AND (review_outcome IS NULL OR review_outcome <> 'overturned') ORDER BY id";
// S16, S20: rectifications an inspection required, not yet verified.
constexpr const char* kInspectionRectifications =
    "SELECT r.id, r.due_on, i.authority_code, r.institution_id, r.inspection_id FROM rectifications r"
    " JOIN inspections i ON i.id = r.inspection_id WHERE r.verified_on IS NULL ORDER BY r.id";
// S19(10): valid certificates not reported, per plan, from the first issue date.
constexpr const char* kUnreported =
    "SELECT c.plan_id, MIN(c.issued_on), COUNT(*), i.authority_code, c.institution_id FROM certificates c"
    " JOIN institutions i ON i.id = c.institution_id WHERE c.status = 'valid' AND c.reported_on IS NULL"
    " GROUP BY c.plan_id, i.authority_code, c.institution_id ORDER BY c.plan_id";
// S17: complaints not yet answered.
constexpr const char* kComplaints =
    "SELECT id, reply_due, authority_code, institution_id FROM complaints"
    " WHERE status IN ('received', 'accepted', 'investigating') ORDER BY id";
// S14(2): the open key-sampling queue, worked by the authorities of the plan's area.
constexpr const char* kSampling =
    "SELECT id, created_at, site_region_code, institution_id, plan_id FROM sampling_queue WHERE status = 'open'"
    " ORDER BY id";
// M27: draws done and waiting for their results to be published.
constexpr const char* kDraws =
    "SELECT id, publish_due, region_code FROM draws WHERE status = 'drawn' AND publish_due IS NOT NULL"
    " AND publish_due >= :d ORDER BY id";

std::string path(const char* resource, long long id) {
  return std::string("/api/v1/") + resource + "/" + std::to_string(id);
}

}  // namespace

std::vector<ReminderFact> ReminderFactsRepo::facts(Date as_of, int certificate_report_days) {
  std::vector<ReminderFact> out;
  const std::string today = as_of.to_string();
  long long id = 0, inst = 0, extra = 0;
  std::string date, region;
  auto add = [&](FactKind kind, const char* type, std::string link, std::optional<std::int64_t> institution, int count = 1) {
    if (auto d = Date::parse(date))
      out.push_back({kind, type, std::to_string(id), std::move(link), *d, region, institution, count});
  };
  {
    const std::string until = as_of.add_months(3).add_days(1).to_string();
    soci::statement st = (tx_.sql.prepare << kValidity, soci::use(today, "d1"), soci::use(until, "d2"), soci::into(id),
                          soci::into(date), soci::into(region));
    st.execute();
    while (st.fetch()) add(FactKind::institution_validity, "institution", path("institutions", id), id);
  }
  {
    soci::statement st = (tx_.sql.prepare << kApplicationPublicity, soci::use(today, "d"), soci::into(id),
                          soci::into(date), soci::into(region));
    st.execute();
    while (st.fetch()) add(FactKind::application_publicity, "application", path("applications", id), std::nullopt);
  }
  {
    soci::statement st = (tx_.sql.prepare << kResultsPublicity, soci::use(today, "d"), soci::into(id), soci::into(date),
                          soci::into(region), soci::into(inst));
    st.execute();
    while (st.fetch()) add(FactKind::results_publicity, "plan", path("plans", id), inst);
  }
  {
    soci::statement st = (tx_.sql.prepare << kStatementWindows, soci::use(today, "d"), soci::into(id),
                          soci::into(date), soci::into(region), soci::into(inst));
    st.execute();
    while (st.fetch()) add(FactKind::case_statement_window, "case", path("cases", id), inst);
  }
  {
    soci::statement st = (tx_.sql.prepare << kCaseRectifications, soci::into(id), soci::into(date), soci::into(region),
                          soci::into(inst));
    st.execute();
    while (st.fetch()) add(FactKind::case_rectification, "case", path("cases", id), inst);
  }
  {
    soci::statement st = (tx_.sql.prepare << kInspectionRectifications, soci::into(id), soci::into(date),
                          soci::into(region), soci::into(inst), soci::into(extra));
    st.execute();
    while (st.fetch()) add(FactKind::inspection_rectification, "rectification", path("inspections", extra), inst);
  }
  {
    long long count = 0;
    soci::statement st = (tx_.sql.prepare << kUnreported, soci::into(id), soci::into(date), soci::into(count),
                          soci::into(region), soci::into(inst));
    st.execute();
    while (st.fetch()) {
      // The deadline is the last day of the reporting period of the plan's first certificate.
      if (auto first = Date::parse(date)) date = first->add_days(certificate_report_days).to_string();
      add(FactKind::certificate_report, "plan", "/api/v1/certificates?plan_id=" + std::to_string(id) + "&overdue=true",
          inst, int(count));
    }
  }
  {
    soci::statement st = (tx_.sql.prepare << kComplaints, soci::into(id), soci::into(date), soci::into(region),
                          soci::into(inst));
    st.execute();
    while (st.fetch()) add(FactKind::complaint_reply, "complaint", path("complaints", id), inst);
  }
  {
    long long created = 0;
    soci::statement st = (tx_.sql.prepare << kSampling, soci::into(id), soci::into(created), soci::into(region),
                          soci::into(inst), soci::into(extra));
    st.execute();
    while (st.fetch()) {
      date = local_date(created).to_string();
      // The queue has no page per item: the link is the queue, filtered to the institution.
      add(FactKind::sampling_item, "sampling", "/api/v1/monitoring/sampling?institution_id=" + std::to_string(inst),
          inst);
    }
  }
  {
    soci::statement st = (tx_.sql.prepare << kDraws, soci::use(today, "d"), soci::into(id), soci::into(date),
                          soci::into(region));
    st.execute();
    while (st.fetch()) add(FactKind::draw_publication, "draw", path("supervision/draws", id), std::nullopt);
  }
  return out;
}

}  // namespace skillreg
