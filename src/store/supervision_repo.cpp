#include "store/supervision_repo.hpp"

#include <nlohmann/json.hpp>

#include "store/identity_columns.hpp"

namespace skillreg {

namespace {

constexpr const char* kInsertInspector =
    "INSERT INTO inspectors (region_code, name, user_id, identity_index, identity_sealed, organisation,"
    " employer_institution_id, active, created_at) VALUES (:r, :n, :u, :ix, :i, :o, :e, 1, :c) RETURNING id";
constexpr const char* kInspectorColumns =
    "SELECT id, region_code, name, COALESCE(user_id, 0), identity_sealed, organisation,"
    " COALESCE(employer_institution_id, 0), active, created_at FROM inspectors";
constexpr const char* kInspectorOfUser = "SELECT id FROM inspectors WHERE user_id = :u AND active = 1 ORDER BY id LIMIT 1";

constexpr const char* kInsertPlan =
    "INSERT INTO supervision_plans (region_code, year, title, content, focus, pool_json, sampling_share,"
    " key_supervision, watch_weight, key_weight, inspectors_per_target, frequency, inspection_kind,"
    " inspection_mode, checklist_json, created_by, created_at) VALUES (:r, :y, :t, :co, :f, :p, :s, :k, :ww,"
    " :kw, :ipt, :fr, :ik, :im, :cl, :cb, :ca) RETURNING id";
constexpr const char* kPlanColumns =
    "SELECT id, region_code, year, title, content, focus, pool_json, sampling_share, key_supervision,"
    " watch_weight, key_weight, inspectors_per_target, frequency, inspection_kind, inspection_mode,"
    " checklist_json, created_by, created_at FROM supervision_plans";

constexpr const char* kInsertDraw =
    "INSERT INTO draws (plan_id, region_code, status, seed, commitment, snapshot_json, snapshot_sha256,"
    " committed_at, created_by) VALUES (:p, :r, 'committed', :s, :c, :sj, :sh, :at, :by) RETURNING id";
constexpr const char* kDrawColumns =
    "SELECT id, plan_id, region_code, status, seed, commitment, snapshot_json, snapshot_sha256,"
    " COALESCE(result_json, ''), committed_at, COALESCE(drawn_at, 0), COALESCE(completed_on, ''),"
    " COALESCE(publish_due, ''), COALESCE(published_at, 0), created_by FROM draws";

struct InspectorRow {
  Inspector i;
  std::string sealed;
  long long user = 0, employer = 0;
  int active = 1;
  Inspector finish(const Tx& tx) {
    i.identity_no = opened_identity(tx, sealed);
    i.user_id = user ? std::optional<std::int64_t>(user) : std::nullopt;
    i.employer_institution_id = employer ? std::optional<std::int64_t>(employer) : std::nullopt;
    i.active = active != 0;
    return i;
  }
};
#define SKILLREG_INSPECTOR_INTO(r)                                                                 \
  soci::into((r).i.id), soci::into((r).i.region_code), soci::into((r).i.name), soci::into((r).user), \
      soci::into((r).sealed), soci::into((r).i.organisation)    , soci::into((r).employer),      \
      soci::into((r).active), soci::into((r).i.created_at)

struct PlanRow {
  SupervisionPlan p;
  std::string pool, kind, mode, checklist;
  SupervisionPlan finish() {
    auto pj = nlohmann::json::parse(pool, nullptr, false);
    if (pj.is_object()) {
      p.pool_kinds = pj.value("kinds", std::vector<std::string>{});
      p.pool_regions = pj.value("region_codes", std::vector<std::string>{});
    }
    auto cj = nlohmann::json::parse(checklist, nullptr, false);
    if (cj.is_array()) p.checklist = cj.get<std::vector<std::string>>();
    p.inspection_kind = parse_inspection_kind(kind).value_or(InspectionKind::daily);
    p.inspection_mode = parse_inspection_mode(mode).value_or(InspectionMode::onsite_overt);
    return p;
  }
};
#define SKILLREG_PLAN_INTO(r)                                                                       \
  soci::into((r).p.id), soci::into((r).p.region_code), soci::into((r).p.year), soci::into((r).p.title), \
      soci::into((r).p.content), soci::into((r).p.focus), soci::into((r).pool),                     \
      soci::into((r).p.sampling_share), soci::into((r).p.key_supervision), soci::into((r).p.watch_weight), \
      soci::into((r).p.key_weight), soci::into((r).p.inspectors_per_target), soci::into((r).p.frequency), \
      soci::into((r).kind), soci::into((r).mode), soci::into((r).checklist), soci::into((r).p.created_by), \
      soci::into((r).p.created_at)

struct DrawRow {
  Draw d;
  std::string result, completed, due;
  long long drawn = 0, published = 0;
  Draw finish() {
    d.result_json = result.empty() ? std::nullopt : std::optional<std::string>(result);
    d.drawn_at = drawn ? std::optional<Instant>(drawn) : std::nullopt;
    d.published_at = published ? std::optional<Instant>(published) : std::nullopt;
    d.completed_on = completed.empty() ? std::nullopt : Date::parse(completed);
    d.publish_due = due.empty() ? std::nullopt : Date::parse(due);
    return d;
  }
};
#define SKILLREG_DRAW_INTO(r)                                                                       \
  soci::into((r).d.id), soci::into((r).d.plan_id), soci::into((r).d.region_code), soci::into((r).d.status), \
      soci::into((r).d.seed), soci::into((r).d.commitment), soci::into((r).d.snapshot_json),        \
      soci::into((r).d.snapshot_sha256), soci::into((r).result), soci::into((r).d.committed_at),    \
      soci::into((r).drawn), soci::into((r).completed), soci::into((r).due), soci::into((r).published), \
      soci::into((r).d.created_by)

}  // namespace

std::int64_t SupervisionRepo::insert_inspector(const Inspector& i) {
  NullableId user(i.user_id), employer(i.employer_institution_id);
  long long id = 0;
  const auto identity = stored_identity(tx_, i.identity_no);
  tx_.sql << kInsertInspector, soci::use(i.region_code, "r"), soci::use(i.name, "n"),
      soci::use(user.value, user.ind, "u"), soci::use(identity.index, "ix"), soci::use(identity.sealed, "i"), soci::use(i.organisation, "o"),
      soci::use(employer.value, employer.ind, "e"), soci::use(i.created_at, "c"), soci::into(id);
  return id;
}

std::optional<Inspector> SupervisionRepo::inspector(std::int64_t id) {
  InspectorRow row;
  tx_.sql << std::string(kInspectorColumns) + " WHERE id = :id", soci::use(id, "id"), SKILLREG_INSPECTOR_INTO(row);
  if (!tx_.sql.got_data()) return std::nullopt;
  return row.finish(tx_);
}

Page<Inspector> SupervisionRepo::inspectors(const ScopeQuery& q) {
  const std::string regions = delimited_set(q.regions);
  const long long limit = q.page.page_size, offset = q.page.offset();
  Page<Inspector> page{{}, 0, q.page.page, q.page.page_size};
  const std::string where = " WHERE :regions LIKE '%,' || region_code || ',%'";
  tx_.sql << "SELECT COUNT(*) FROM inspectors" + where, soci::use(regions, "regions"), soci::into(page.total);
  InspectorRow row;
  soci::statement st = (tx_.sql.prepare << kInspectorColumns + where + " ORDER BY id LIMIT :lim OFFSET :off",
                        SKILLREG_INSPECTOR_INTO(row), soci::use(regions, "regions"), soci::use(limit, "lim"),
                        soci::use(offset, "off"));
  st.execute();
  while (st.fetch()) page.items.push_back(row.finish(tx_));
  return page;
}

std::vector<Inspector> SupervisionRepo::roster(const std::string& region_code) {
  std::vector<Inspector> out;
  InspectorRow row;
  soci::statement st = (tx_.sql.prepare << std::string(kInspectorColumns) +
                                               " WHERE region_code = :r AND active = 1 ORDER BY id",
                        SKILLREG_INSPECTOR_INTO(row), soci::use(region_code, "r"));
  st.execute();
  while (st.fetch()) out.push_back(row.finish(tx_));
  return out;
}

std::optional<std::int64_t> SupervisionRepo::inspector_of_user(std::int64_t user_id) {
  long long id = 0;
  tx_.sql << kInspectorOfUser, soci::use(user_id, "u"), soci::into(id);
  if (!tx_.sql.got_data()) return std::nullopt;
  return id;
}

std::int64_t SupervisionRepo::insert_plan(const SupervisionPlan& p) {
  const std::string pool = nlohmann::json{{"kinds", p.pool_kinds}, {"region_codes", p.pool_regions}}.dump();
  const std::string checklist = nlohmann::json(p.checklist).dump();
  const std::string kind(to_string(p.inspection_kind)), mode(to_string(p.inspection_mode));
  long long id = 0;
  tx_.sql << kInsertPlan, soci::use(p.region_code, "r"), soci::use(p.year, "y"), soci::use(p.title, "t"),
      soci::use(p.content, "co"), soci::use(p.focus, "f"), soci::use(pool, "p"), soci::use(p.sampling_share, "s"),
      soci::use(p.key_supervision, "k"), soci::use(p.watch_weight, "ww"), soci::use(p.key_weight, "kw"),
      soci::use(p.inspectors_per_target, "ipt"), soci::use(p.frequency, "fr"), soci::use(kind, "ik"),
      soci::use(mode, "im"), soci::use(checklist, "cl"), soci::use(p.created_by, "cb"),
      soci::use(p.created_at, "ca"), soci::into(id);
  return id;
}

std::optional<SupervisionPlan> SupervisionRepo::plan(std::int64_t id) {
  PlanRow row;
  tx_.sql << std::string(kPlanColumns) + " WHERE id = :id", soci::use(id, "id"), SKILLREG_PLAN_INTO(row);
  if (!tx_.sql.got_data()) return std::nullopt;
  return row.finish();
}

Page<SupervisionPlan> SupervisionRepo::plans(const ScopeQuery& q, std::optional<int> year) {
  const std::string regions = delimited_set(q.regions);
  const int y = year.value_or(0);
  const long long limit = q.page.page_size, offset = q.page.offset();
  const std::string where = " WHERE :regions LIKE '%,' || region_code || ',%' AND (:y1 = 0 OR year = :y2)";
  Page<SupervisionPlan> page{{}, 0, q.page.page, q.page.page_size};
  tx_.sql << "SELECT COUNT(*) FROM supervision_plans" + where, soci::use(regions, "regions"), soci::use(y, "y1"),
      soci::use(y, "y2"), soci::into(page.total);
  PlanRow row;
  soci::statement st =
      (tx_.sql.prepare << kPlanColumns + where + " ORDER BY year DESC, id DESC LIMIT :lim OFFSET :off",
       SKILLREG_PLAN_INTO(row), soci::use(regions, "regions"), soci::use(y, "y1"), soci::use(y, "y2"),
       soci::use(limit, "lim"), soci::use(offset, "off"));
  st.execute();
  while (st.fetch()) page.items.push_back(row.finish());
  return page;
}

std::int64_t SupervisionRepo::insert_draw(const Draw& d) {
  long long id = 0;
  tx_.sql << kInsertDraw, soci::use(d.plan_id, "p"), soci::use(d.region_code, "r"), soci::use(d.seed, "s"),
      soci::use(d.commitment, "c"), soci::use(d.snapshot_json, "sj"), soci::use(d.snapshot_sha256, "sh"),
      soci::use(d.committed_at, "at"), soci::use(d.created_by, "by"), soci::into(id);
  return id;
}

std::optional<Draw> SupervisionRepo::draw(std::int64_t id) {
  DrawRow row;
  tx_.sql << std::string(kDrawColumns) + " WHERE id = :id", soci::use(id, "id"), SKILLREG_DRAW_INTO(row);
  if (!tx_.sql.got_data()) return std::nullopt;
  return row.finish();
}

Page<Draw> SupervisionRepo::draws(const ScopeQuery& q, std::optional<std::int64_t> plan_id,
                                  const std::string& status) {
  const std::string regions = delimited_set(q.regions);
  const long long plan = plan_id.value_or(0);
  const long long limit = q.page.page_size, offset = q.page.offset();
  const std::string where =
      " WHERE :regions LIKE '%,' || region_code || ',%' AND (:p1 = 0 OR plan_id = :p2)"
      " AND (:s1 = '' OR status = :s2)";
  Page<Draw> page{{}, 0, q.page.page, q.page.page_size};
  tx_.sql << "SELECT COUNT(*) FROM draws" + where, soci::use(regions, "regions"), soci::use(plan, "p1"),
      soci::use(plan, "p2"), soci::use(status, "s1"), soci::use(status, "s2"), soci::into(page.total);
  DrawRow row;
  soci::statement st = (tx_.sql.prepare << kDrawColumns + where + " ORDER BY id DESC LIMIT :lim OFFSET :off",
                        SKILLREG_DRAW_INTO(row), soci::use(regions, "regions"), soci::use(plan, "p1"),
                        soci::use(plan, "p2"), soci::use(status, "s1"), soci::use(status, "s2"),
                        soci::use(limit, "lim"), soci::use(offset, "off"));
  st.execute();
  while (st.fetch()) page.items.push_back(row.finish());
  return page;
}

Page<Draw> SupervisionRepo::all_draws(PageRequest p) {
  const long long limit = p.page_size, offset = p.offset();
  Page<Draw> page{{}, 0, p.page, p.page_size};
  tx_.sql << "SELECT COUNT(*) FROM draws", soci::into(page.total);
  DrawRow row;
  soci::statement st = (tx_.sql.prepare << std::string(kDrawColumns) + " ORDER BY id DESC LIMIT :lim OFFSET :off",
                        SKILLREG_DRAW_INTO(row), soci::use(limit, "lim"), soci::use(offset, "off"));
  st.execute();
  while (st.fetch()) page.items.push_back(row.finish());
  return page;
}

std::vector<std::int64_t> SupervisionRepo::draws_of_plan(std::int64_t plan_id) {
  std::vector<std::int64_t> out;
  long long id = 0;
  soci::statement st = (tx_.sql.prepare << "SELECT id FROM draws WHERE plan_id = :p ORDER BY id",
                        soci::use(plan_id, "p"), soci::into(id));
  st.execute();
  while (st.fetch()) out.push_back(id);
  return out;
}

void SupervisionRepo::set_drawn(std::int64_t id, const std::string& result_json, Instant at) {
  tx_.sql << "UPDATE draws SET status = 'drawn', result_json = :r, drawn_at = :at WHERE id = :id",
      soci::use(result_json, "r"), soci::use(at, "at"), soci::use(id, "id");
}

void SupervisionRepo::set_completion(std::int64_t id, Date completed_on, Date publish_due) {
  const std::string c = completed_on.to_string(), d = publish_due.to_string();
  tx_.sql << "UPDATE draws SET completed_on = :c, publish_due = :d WHERE id = :id", soci::use(c, "c"),
      soci::use(d, "d"), soci::use(id, "id");
}

void SupervisionRepo::set_published(std::int64_t id, Instant at) {
  tx_.sql << "UPDATE draws SET status = 'published', published_at = :at WHERE id = :id", soci::use(at, "at"),
      soci::use(id, "id");
}

std::vector<std::int64_t> SupervisionRepo::draws_due(Date today) {
  std::vector<std::int64_t> out;
  const std::string t = today.to_string();
  long long id = 0;
  soci::statement st = (tx_.sql.prepare << "SELECT id FROM draws WHERE status = 'drawn' AND publish_due IS NOT NULL"
                                           " AND publish_due <= :t ORDER BY id",
                        soci::use(t, "t"), soci::into(id));
  st.execute();
  while (st.fetch()) out.push_back(id);
  return out;
}

std::vector<std::string> SupervisionRepo::tied_codes(const Inspector& i, Instant since) {
  std::vector<std::string> out;
  std::string code;
  if (i.employer_institution_id) {
    tx_.sql << "SELECT code FROM institutions WHERE id = :id", soci::use(*i.employer_institution_id, "id"),
        soci::into(code);
    if (tx_.sql.got_data()) out.push_back(code);
  }
  if (i.identity_no.empty()) return out;
  const auto index = identity_index(tx_, i.identity_no);
  soci::statement st =
      (tx_.sql.prepare << "SELECT DISTINCT ins.code FROM people p JOIN institutions ins ON ins.id = p.employer_id"
                          " WHERE p.identity_index = :i1"
                          " UNION SELECT DISTINCT ins.code FROM people p JOIN assignments a ON a.person_id = p.id"
                          " JOIN plan_sessions s ON s.id = a.session_id JOIN plans pl ON pl.id = s.plan_id"
                          " JOIN institutions ins ON ins.id = pl.institution_id"
                          " WHERE p.identity_index = :i2 AND p.kind = 'examiner' AND s.starts_at >= :since",
       soci::use(index, "i1"), soci::use(index, "i2"), soci::use(since, "since"), soci::into(code));
  st.execute();
  while (st.fetch())
    if (std::ranges::find(out, code) == out.end()) out.push_back(code);
  std::ranges::sort(out);
  return out;
}

std::vector<std::pair<std::string, std::int64_t>> SupervisionRepo::last_inspectors(
    const std::vector<std::int64_t>& institutions) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  std::string code;
  long long inspector = 0;
  for (auto inst : institutions) {
    soci::statement st = (tx_.sql.prepare
                              << "SELECT ins.code, ii.inspector_id FROM inspection_inspectors ii"
                                 " JOIN institutions ins ON ins.id = :i1"
                                 " WHERE ii.inspection_id = (SELECT MAX(x.id) FROM inspections x"
                                 "   WHERE x.institution_id = :i2 AND x.status <> 'cancelled'"
                                 "   AND EXISTS (SELECT 1 FROM inspection_inspectors y WHERE y.inspection_id = x.id))",
                          soci::use(inst, "i1"), soci::use(inst, "i2"), soci::into(code), soci::into(inspector));
    st.execute();
    while (st.fetch()) out.emplace_back(code, inspector);
  }
  return out;
}

}  // namespace skillreg
