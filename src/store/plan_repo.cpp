#include "store/plan_repo.hpp"



namespace skillreg {

namespace {

constexpr const char* kPlanColumns =
    "SELECT id, institution_id, authority_code, site_region_code, subject_code, level, parts,"
    " exam_site_id, planned_count, question_source, paperless, fee, status, published_at,"
    " results_published_on, results_publicity_ends, cancel_reason, created_by, created_at,"
    " updated_at FROM plans";
constexpr const char* kInsertPlan =
    "INSERT INTO plans (institution_id, authority_code, site_region_code, subject_code, level,"
    " parts, exam_site_id, planned_count, question_source, paperless, fee, status,"
    " first_session_at, published_at, results_published_on, results_publicity_ends,"
    " cancel_reason, created_by, created_at, updated_at) VALUES (:inst, :auth, :site_region,"
    " :subject, :level, :parts, :site, :count, :source, :paperless, :fee, :status, :first, :pub,"
    " :rpub, :rends, :cancel, :by, :c, :u) RETURNING id";
constexpr const char* kUpdatePlan =
    "UPDATE plans SET site_region_code = :site_region, parts = :parts, exam_site_id = :site,"
    " planned_count = :count, question_source = :source, paperless = :paperless, fee = :fee,"
    " status = :status, first_session_at = :first, published_at = :pub,"
    " results_published_on = :rpub, results_publicity_ends = :rends, cancel_reason = :cancel,"
    " updated_at = :u WHERE id = :id";
constexpr const char* kInsertSession =
    "INSERT INTO plan_sessions (plan_id, part, starts_at, ends_at, room) VALUES (:p, :part, :s, :e, :r)";
constexpr const char* kSelectSessions =
    "SELECT id, plan_id, part, starts_at, ends_at, room FROM plan_sessions WHERE plan_id = :p"
    " ORDER BY starts_at, id";
constexpr const char* kInsertChange =
    "INSERT INTO plan_changes (plan_id, changed_by, reason, before_json, after_json, created_at)"
    " VALUES (:p, :by, :r, :b, :a, :t)";
constexpr const char* kSelectChanges =
    "SELECT id, changed_by, reason, before_json, after_json, created_at FROM plan_changes"
    " WHERE plan_id = :p ORDER BY id";

std::string parts_text(const std::vector<Part>& parts) {
  std::string out;
  for (Part p : parts) out += (out.empty() ? "" : ",") + std::string(to_string(p));
  return out;
}

struct PlanRow {
  Plan p;
  std::string parts, source, status, rpub, rends;
  int paperless = 0;
  long long published = 0;
  soci::indicator pub_ind = soci::i_null, rpub_ind = soci::i_null, rends_ind = soci::i_null;
  Plan finish() {
    p.parts = parse_part_list(parts);
    p.question_source = parse_question_source(source).value_or(QuestionSource::unified_bank);
    p.status = parse_plan_status(status).value_or(PlanStatus::draft);
    p.paperless = paperless != 0;
    p.published_at = opt<Instant>(published, pub_ind);
    p.results_published_on = rpub_ind == soci::i_ok ? Date::parse(rpub) : std::nullopt;
    p.results_publicity_ends = rends_ind == soci::i_ok ? Date::parse(rends) : std::nullopt;
    return p;
  }
};
#define SKILLREG_PLAN_INTO(r)                                                                         \
  soci::into((r).p.id), soci::into((r).p.institution_id), soci::into((r).p.authority_code),          \
      soci::into((r).p.site_region_code), soci::into((r).p.subject_code), soci::into((r).p.level),   \
      soci::into((r).parts), soci::into((r).p.exam_site_id), soci::into((r).p.planned_count),        \
      soci::into((r).source), soci::into((r).paperless), soci::into((r).p.fee), soci::into((r).status), \
      soci::into((r).published, (r).pub_ind), soci::into((r).rpub, (r).rpub_ind),                    \
      soci::into((r).rends, (r).rends_ind), soci::into((r).p.cancel_reason),                         \
      soci::into((r).p.created_by), soci::into((r).p.created_at), soci::into((r).p.updated_at)

struct PlanValues {
  std::string parts, source, status, rpub, rends;
  int paperless;
  long long first, published;
  soci::indicator first_ind, pub_ind, rpub_ind, rends_ind;
  explicit PlanValues(const Plan& p)
      : parts(parts_text(p.parts)), source(to_string(p.question_source)), status(to_string(p.status)),
        rpub(p.results_published_on ? p.results_published_on->to_string() : ""),
        rends(p.results_publicity_ends ? p.results_publicity_ends->to_string() : ""),
        paperless(p.paperless ? 1 : 0), first(p.first_session_at().value_or(0)),
        published(p.published_at.value_or(0)),
        first_ind(p.first_session_at() ? soci::i_ok : soci::i_null),
        pub_ind(p.published_at ? soci::i_ok : soci::i_null),
        rpub_ind(p.results_published_on ? soci::i_ok : soci::i_null),
        rends_ind(p.results_publicity_ends ? soci::i_ok : soci::i_null) {}
};

}  // namespace

std::int64_t PlanRepo::insert(const Plan& p) {
  PlanValues v(p);
  long long id = 0;
  tx_.sql << kInsertPlan, soci::use(p.institution_id), soci::use(p.authority_code),
      soci::use(p.site_region_code), soci::use(p.subject_code), soci::use(p.level), soci::use(v.parts),
      soci::use(p.exam_site_id), soci::use(p.planned_count), soci::use(v.source), soci::use(v.paperless),
      soci::use(p.fee), soci::use(v.status), soci::use(v.first, v.first_ind),
      soci::use(v.published, v.pub_ind), soci::use(v.rpub, v.rpub_ind), soci::use(v.rends, v.rends_ind),
      soci::use(p.cancel_reason), soci::use(p.created_by), soci::use(p.created_at),
      soci::use(p.updated_at), soci::into(id);
  Plan with_id = p;
  with_id.id = id;
  insert_sessions(with_id);
  return id;
}

void PlanRepo::update(const Plan& p) {
  PlanValues v(p);
  tx_.sql << kUpdatePlan, soci::use(p.site_region_code), soci::use(v.parts), soci::use(p.exam_site_id),
      soci::use(p.planned_count), soci::use(v.source), soci::use(v.paperless), soci::use(p.fee),
      soci::use(v.status), soci::use(v.first, v.first_ind), soci::use(v.published, v.pub_ind),
      soci::use(v.rpub, v.rpub_ind), soci::use(v.rends, v.rends_ind), soci::use(p.cancel_reason),
      soci::use(p.updated_at), soci::use(p.id);
  // Sessions keep their ids when unchanged so assignments and papers stay attached; a session
  // with id 0 is new, and one no longer listed is removed only if nothing refers to it.
  const auto existing = sessions_of(p.id);
  for (const auto& s : p.sessions) {
    const std::string part(to_string(s.part));
    if (s.id == 0) {
      tx_.sql << kInsertSession, soci::use(p.id), soci::use(part), soci::use(s.starts_at),
          soci::use(s.ends_at), soci::use(s.room);
    } else {
      tx_.sql << "UPDATE plan_sessions SET part = :part, starts_at = :s, ends_at = :e, room = :r"
                 " WHERE id = :id AND plan_id = :p",
          soci::use(part), soci::use(s.starts_at), soci::use(s.ends_at), soci::use(s.room), soci::use(s.id),
          soci::use(p.id);
    }
  }
  for (const auto& old : existing) {
    bool kept = false;
    for (const auto& s : p.sessions) kept |= s.id == old.id;
    if (!kept) tx_.sql << "DELETE FROM plan_sessions WHERE id = :id", soci::use(old.id);
  }
}

void PlanRepo::insert_sessions(const Plan& p) {
  for (const auto& s : p.sessions) {
    const std::string part(to_string(s.part));
    tx_.sql << kInsertSession, soci::use(p.id), soci::use(part), soci::use(s.starts_at), soci::use(s.ends_at),
        soci::use(s.room);
  }
}

std::vector<PlanSession> PlanRepo::sessions_of(std::int64_t plan_id) {
  std::vector<PlanSession> out;
  PlanSession s;
  std::string part;
  soci::statement st = (tx_.sql.prepare << kSelectSessions, soci::use(plan_id), soci::into(s.id),
                        soci::into(s.plan_id), soci::into(part), soci::into(s.starts_at), soci::into(s.ends_at),
                        soci::into(s.room));
  st.execute();
  while (st.fetch()) {
    s.part = parse_part(part).value_or(Part::theory);
    out.push_back(s);
  }
  return out;
}

std::optional<PlanSession> PlanRepo::session(std::int64_t session_id) {
  PlanSession s;
  std::string part;
  tx_.sql << "SELECT id, plan_id, part, starts_at, ends_at, room FROM plan_sessions WHERE id = :id",
      soci::use(session_id), soci::into(s.id), soci::into(s.plan_id), soci::into(part), soci::into(s.starts_at),
      soci::into(s.ends_at), soci::into(s.room);
  if (!tx_.sql.got_data()) return std::nullopt;
  s.part = parse_part(part).value_or(Part::theory);
  return s;
}

std::optional<Plan> PlanRepo::find(std::int64_t id) {
  PlanRow row;
  tx_.sql << std::string(kPlanColumns) + " WHERE id = :id", soci::use(id), SKILLREG_PLAN_INTO(row);
  if (!tx_.sql.got_data()) return std::nullopt;
  auto p = row.finish();
  p.sessions = sessions_of(p.id);
  return p;
}

Page<Plan> PlanRepo::list(const PlanQuery& q) {
  const std::string auths = delimited_set(q.authorities), sites = delimited_set(q.site_regions);
  const int any_scope = q.authorities.empty() && q.site_regions.empty() && !q.institution_id ? 1 : 0;
  const long long inst = q.institution_id.value_or(0), only = q.filter_institution_id.value_or(0);
  const std::string status = q.status ? std::string(to_string(*q.status)) : "";
  const long long from = q.from.empty() ? 0 : 1, to = q.to.empty() ? 0 : 1;
  // Dates bound as the first and last instants of those days in China Standard Time.
  const long long from_at = q.from.empty() ? 0 : start_of_local_day(*Date::parse(q.from));
  const long long to_at = q.to.empty() ? 0 : start_of_local_day(Date::parse(q.to)->add_days(1));
  const std::string where =
      " WHERE (:any = 1 OR :auths LIKE '%,' || authority_code || ',%'"
      "        OR :sites LIKE '%,' || site_region_code || ',%' OR institution_id = :inst)"
      " AND (:only1 = 0 OR institution_id = :only2)"
      " AND (:s1 = '' OR status = :s2) AND (:sub1 = '' OR subject_code = :sub2)"
      " AND (:lv1 = 0 OR level = :lv2)"
      " AND (:f1 = 0 OR first_session_at >= :fat) AND (:t1 = 0 OR first_session_at < :tat)";
  Page<Plan> page{{}, 0, q.page.page, q.page.page_size};
  if (q.page.count)
    tx_.sql << "SELECT COUNT(*) FROM plans" + where, soci::into(page.total), soci::use(any_scope, "any"),
        soci::use(auths, "auths"), soci::use(sites, "sites"), soci::use(inst, "inst"), soci::use(only, "only1"),
        soci::use(only, "only2"), soci::use(status, "s1"), soci::use(status, "s2"),
        soci::use(q.subject_code, "sub1"), soci::use(q.subject_code, "sub2"), soci::use(q.level, "lv1"),
        soci::use(q.level, "lv2"), soci::use(from, "f1"), soci::use(from_at, "fat"), soci::use(to, "t1"),
        soci::use(to_at, "tat");
  PlanRow row;
  const long long limit = q.page.page_size, offset = q.page.offset(), before = q.page.before_id();
  soci::statement st =
      (tx_.sql.prepare << std::string(kPlanColumns) + where +
                              " AND id < :before ORDER BY id DESC LIMIT :lim OFFSET :off",
       SKILLREG_PLAN_INTO(row), soci::use(any_scope, "any"), soci::use(auths, "auths"), soci::use(sites, "sites"),
       soci::use(inst, "inst"), soci::use(only, "only1"), soci::use(only, "only2"), soci::use(status, "s1"), soci::use(status, "s2"),
       soci::use(q.subject_code, "sub1"), soci::use(q.subject_code, "sub2"), soci::use(q.level, "lv1"),
       soci::use(q.level, "lv2"), soci::use(from, "f1"), soci::use(from_at, "fat"), soci::use(to, "t1"),
       soci::use(to_at, "tat"), soci::use(before, "before"), soci::use(limit, "lim"), soci::use(offset, "off"));
  st.execute();
  while (st.fetch()) page.items.push_back(row.finish());
  for (auto& p : page.items) p.sessions = sessions_of(p.id);
  return page;
}

void PlanRepo::insert_change(std::int64_t plan_id, std::int64_t by, const std::string& reason,
                             const std::string& before, const std::string& after, Instant at) {
  tx_.sql << kInsertChange, soci::use(plan_id), soci::use(by), soci::use(reason), soci::use(before),
      soci::use(after), soci::use(at);
}

std::vector<PlanChange> PlanRepo::changes(std::int64_t plan_id) {
  std::vector<PlanChange> out;
  PlanChange c;
  soci::statement st = (tx_.sql.prepare << kSelectChanges, soci::use(plan_id), soci::into(c.id),
                        soci::into(c.changed_by), soci::into(c.reason), soci::into(c.before_json),
                        soci::into(c.after_json), soci::into(c.at));
  st.execute();
  while (st.fetch()) out.push_back(c);
  return out;
}

std::vector<std::int64_t> PlanRepo::open_plans_of(std::int64_t institution_id) {
  std::vector<std::int64_t> out;
  long long id = 0;
  soci::statement st = (tx_.sql.prepare << "SELECT id FROM plans WHERE institution_id = :i AND status <> 'cancelled'"
                                           " AND results_published_on IS NULL ORDER BY id",
                        soci::use(institution_id, "i"), soci::into(id));
  st.execute();
  while (st.fetch()) out.push_back(id);
  return out;
}

void PlanRepo::cancel(std::int64_t id, const std::string& reason, Instant at) {
  tx_.sql << "UPDATE plans SET status = 'cancelled', cancel_reason = :r, updated_at = :t WHERE id = :id",
      soci::use(reason, "r"), soci::use(at, "t"), soci::use(id, "id");
}

}  // namespace skillreg
