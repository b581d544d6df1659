#include "store/inspection_repo.hpp"

#include "store/supervision_repo.hpp"

namespace skillreg {

namespace {

constexpr const char* kInsertInspection =
    "INSERT INTO inspections (institution_id, authority_code, kind, mode, status, draw_id, supervision_plan_id,"
    " complaint_id, evaluation_plan_id, peer_institution_id, renewal_id, third_party, scheduled_on, created_by,"
    " created_at) VALUES (:i, :a, :k, :m, 'planned', :d, :sp, :c, :ep, :pi, :rn, :tp, :so, :cb, :ca) RETURNING id";
constexpr const char* kInspectionColumns =
    "SELECT x.id, x.institution_id, ins.code, ins.name, x.authority_code, x.kind, x.mode, x.status,"
    " COALESCE(x.draw_id, 0), COALESCE(x.supervision_plan_id, 0), COALESCE(x.complaint_id, 0),"
    " COALESCE(x.evaluation_plan_id, 0), COALESCE(x.peer_institution_id, 0), COALESCE(x.renewal_id, 0),"
    " x.third_party, x.scheduled_on, COALESCE(x.started_at, 0), COALESCE(x.completed_at, 0),"
    " COALESCE(x.published_at, 0), x.report, COALESCE(x.outcome, ''), COALESCE(x.self_evaluation, ''),"
    " COALESCE(x.self_evaluated_at, 0), x.cancel_reason, x.refused, COALESCE(x.cancelled_at, 0), x.created_by,"
    " x.created_at"
    " FROM inspections x JOIN institutions ins ON ins.id = x.institution_id";
constexpr const char* kListWhere =
    " WHERE ((:auths <> ',' AND :auths2 LIKE '%,' || x.authority_code || ',%')"
    "   OR (x.institution_id = :own AND (x.mode <> 'onsite_covert' OR x.status = 'completed'))"
    "   OR (:user > 0 AND EXISTS (SELECT 1 FROM inspection_inspectors ii JOIN inspectors r ON r.id = ii.inspector_id"
    "       WHERE ii.inspection_id = x.id AND r.user_id = :user2))"
    "   OR (:pub = 1 AND x.published_at IS NOT NULL))"
    " AND (:st1 = '' OR x.status = :st2) AND (:k1 = '' OR x.kind = :k2)"
    " AND (:inst1 = 0 OR x.institution_id = :inst2) AND (:d1 = 0 OR x.draw_id = :d2)";

std::optional<std::int64_t> id_or_none(long long v) { return v ? std::optional<std::int64_t>(v) : std::nullopt; }
std::optional<Instant> at_or_none(long long v) { return v ? std::optional<Instant>(v) : std::nullopt; }

struct InspectionRow {
  Inspection i;
  std::string kind, mode, status, scheduled, outcome, self_eval;
  long long draw = 0, plan = 0, complaint = 0, eval_plan = 0, peer = 0, renewal = 0, started = 0, completed = 0,
            published = 0, self_at = 0, refused = 0, cancelled = 0;
  Inspection finish() {
    i.kind = parse_inspection_kind(kind).value_or(InspectionKind::daily);
    i.mode = parse_inspection_mode(mode).value_or(InspectionMode::onsite_overt);
    i.status = parse_inspection_status(status).value_or(InspectionStatus::planned);
    i.scheduled_on = Date::parse(scheduled).value_or(Date{});
    i.outcome = outcome.empty() ? std::nullopt : parse_inspection_outcome(outcome);
    i.self_evaluation = self_at ? std::optional<std::string>(self_eval) : std::nullopt;
    i.self_evaluated_at = at_or_none(self_at);
    i.draw_id = id_or_none(draw);
    i.supervision_plan_id = id_or_none(plan);
    i.complaint_id = id_or_none(complaint);
    i.evaluation_plan_id = id_or_none(eval_plan);
    i.peer_institution_id = id_or_none(peer);
    i.renewal_id = id_or_none(renewal);
    i.started_at = at_or_none(started);
    i.completed_at = at_or_none(completed);
    i.published_at = at_or_none(published);
    i.refused = refused != 0;
    i.cancelled_at = at_or_none(cancelled);
    return i;
  }
};
#define SKILLREG_INSPECTION_INTO(r)                                                                      \
  soci::into((r).i.id), soci::into((r).i.institution_id), soci::into((r).i.institution_code),           \
      soci::into((r).i.institution_name), soci::into((r).i.authority_code), soci::into((r).kind),       \
      soci::into((r).mode), soci::into((r).status), soci::into((r).draw), soci::into((r).plan),          \
      soci::into((r).complaint), soci::into((r).eval_plan), soci::into((r).peer), soci::into((r).renewal), \
      soci::into((r).i.third_party), soci::into((r).scheduled), soci::into((r).started),                \
      soci::into((r).completed), soci::into((r).published), soci::into((r).i.report), soci::into((r).outcome), \
      soci::into((r).self_eval), soci::into((r).self_at), soci::into((r).i.cancel_reason),             \
      soci::into((r).refused), soci::into((r).cancelled), soci::into((r).i.created_by), soci::into((r).i.created_at)

}  // namespace

std::int64_t InspectionRepo::insert(const Inspection& i) {
  NullableId draw(i.draw_id), plan(i.supervision_plan_id), complaint(i.complaint_id),
      eval_plan(i.evaluation_plan_id), peer(i.peer_institution_id), renewal(i.renewal_id);
  const std::string kind(to_string(i.kind)), mode(to_string(i.mode)), scheduled = i.scheduled_on.to_string();
  long long id = 0;
  tx_.sql << kInsertInspection, soci::use(i.institution_id, "i"), soci::use(i.authority_code, "a"),
      soci::use(kind, "k"), soci::use(mode, "m"), soci::use(draw.value, draw.ind, "d"),
      soci::use(plan.value, plan.ind, "sp"), soci::use(complaint.value, complaint.ind, "c"),
      soci::use(eval_plan.value, eval_plan.ind, "ep"), soci::use(peer.value, peer.ind, "pi"),
      soci::use(renewal.value, renewal.ind, "rn"), soci::use(i.third_party, "tp"), soci::use(scheduled, "so"),
      soci::use(i.created_by, "cb"), soci::use(i.created_at, "ca"), soci::into(id);
  for (const auto& r : i.inspectors)
    tx_.sql << "INSERT INTO inspection_inspectors (inspection_id, inspector_id) VALUES (:i, :r)",
        soci::use(id, "i"), soci::use(r.id, "r");
  int ordinal = 0;
  for (const auto& item : i.items)
    tx_.sql << "INSERT INTO inspection_items (inspection_id, ordinal, code, note) VALUES (:i, :o, :c, '')",
        soci::use(id, "i"), soci::use(++ordinal, "o"), soci::use(item.code, "c");
  return id;
}

void InspectionRepo::load_details(Inspection& i) {
  {
    InspectorRef r;
    long long user = 0;
    soci::statement st = (tx_.sql.prepare << "SELECT r.id, r.name, COALESCE(r.user_id, 0) FROM inspection_inspectors ii"
                                             " JOIN inspectors r ON r.id = ii.inspector_id WHERE ii.inspection_id = :i"
                                             " ORDER BY r.id",
                          soci::use(i.id, "i"), soci::into(r.id), soci::into(r.name), soci::into(user));
    st.execute();
    while (st.fetch()) {
      r.user_id = id_or_none(user);
      i.inspectors.push_back(r);
    }
  }
  {
    ItemFinding f;
    std::string finding;
    soci::statement st = (tx_.sql.prepare << "SELECT code, COALESCE(finding, ''), note FROM inspection_items"
                                             " WHERE inspection_id = :i ORDER BY ordinal",
                          soci::use(i.id, "i"), soci::into(f.code), soci::into(finding), soci::into(f.note));
    st.execute();
    while (st.fetch()) {
      Finding parsed{};
      f.finding = parse_finding(finding, parsed) ? std::optional<Finding>(parsed) : std::nullopt;
      i.items.push_back(f);
    }
  }
  {
    EvidenceMeta e;
    soci::statement st = (tx_.sql.prepare << "SELECT id, inspection_id, file_name, content_type, sha256, size_bytes,"
                                             " uploaded_by, created_at FROM inspection_evidence WHERE inspection_id = :i"
                                             " ORDER BY id",
                          soci::use(i.id, "i"), soci::into(e.id), soci::into(e.inspection_id), soci::into(e.file_name),
                          soci::into(e.content_type), soci::into(e.sha256), soci::into(e.size),
                          soci::into(e.uploaded_by), soci::into(e.created_at));
    st.execute();
    while (st.fetch()) i.evidence.push_back(e);
  }
  {
    Rectification r;
    std::string due, verified;
    long long reported_at = 0, rejected_at = 0;
    soci::statement st = (tx_.sql.prepare << "SELECT id, inspection_id, institution_id, requirement, due_on,"
                                             " COALESCE(verified_on, ''), note, report, COALESCE(reported_at, 0),"
                                             " COALESCE(rejected_at, 0), rejection_note FROM rectifications"
                                             " WHERE inspection_id = :i ORDER BY id",
                          soci::use(i.id, "i"), soci::into(r.id), soci::into(r.inspection_id),
                          soci::into(r.institution_id), soci::into(r.requirement), soci::into(due),
                          soci::into(verified), soci::into(r.note), soci::into(r.report), soci::into(reported_at),
                          soci::into(rejected_at), soci::into(r.rejection_note));
    st.execute();
    while (st.fetch()) {
      r.due_on = Date::parse(due).value_or(Date{});
      r.verified_on = verified.empty() ? std::nullopt : Date::parse(verified);
      r.reported_at = reported_at ? std::optional<Instant>(reported_at) : std::nullopt;
      r.rejected_at = rejected_at ? std::optional<Instant>(rejected_at) : std::nullopt;
      i.rectifications.push_back(r);
    }
  }
}

std::optional<Inspection> InspectionRepo::find(std::int64_t id) {
  InspectionRow row;
  tx_.sql << std::string(kInspectionColumns) + " WHERE x.id = :id", soci::use(id, "id"),
      SKILLREG_INSPECTION_INTO(row);
  if (!tx_.sql.got_data()) return std::nullopt;
  Inspection i = row.finish();
  load_details(i);
  return i;
}

Page<Inspection> InspectionRepo::list(const InspectionQuery& q) {
  const std::string auths = q.authorities.empty() ? "," : delimited_set(q.authorities);
  const long long own = q.institution.value_or(-1), user = q.inspector_user.value_or(0);
  const int pub = q.published_only ? 1 : 0;
  const long long inst = q.institution_id.value_or(0), draw = q.draw_id.value_or(0);
  const long long limit = q.page.page_size, offset = q.page.offset();
  Page<Inspection> page{{}, 0, q.page.page, q.page.page_size};
  tx_.sql << std::string("SELECT COUNT(*) FROM inspections x") + kListWhere, soci::use(auths, "auths"),
      soci::use(auths, "auths2"), soci::use(own, "own"), soci::use(user, "user"), soci::use(user, "user2"),
      soci::use(pub, "pub"), soci::use(q.status, "st1"), soci::use(q.status, "st2"), soci::use(q.kind, "k1"),
      soci::use(q.kind, "k2"), soci::use(inst, "inst1"), soci::use(inst, "inst2"), soci::use(draw, "d1"),
      soci::use(draw, "d2"), soci::into(page.total);
  InspectionRow row;
  soci::statement st =
      (tx_.sql.prepare << std::string(kInspectionColumns) + kListWhere + " ORDER BY x.id DESC LIMIT :lim OFFSET :off",
       SKILLREG_INSPECTION_INTO(row), soci::use(auths, "auths"), soci::use(auths, "auths2"), soci::use(own, "own"),
       soci::use(user, "user"), soci::use(user, "user2"), soci::use(pub, "pub"), soci::use(q.status, "st1"),
       soci::use(q.status, "st2"), soci::use(q.kind, "k1"), soci::use(q.kind, "k2"), soci::use(inst, "inst1"),
       soci::use(inst, "inst2"), soci::use(draw, "d1"), soci::use(draw, "d2"), soci::use(limit, "lim"),
       soci::use(offset, "off"));
  st.execute();
  while (st.fetch()) page.items.push_back(row.finish());
  for (auto& i : page.items) {
    InspectorRef r;
    long long u = 0;
    soci::statement s2 = (tx_.sql.prepare << "SELECT r.id, r.name, COALESCE(r.user_id, 0) FROM inspection_inspectors ii"
                                             " JOIN inspectors r ON r.id = ii.inspector_id WHERE ii.inspection_id = :i"
                                             " ORDER BY r.id",
                          soci::use(i.id, "i"), soci::into(r.id), soci::into(r.name), soci::into(u));
    s2.execute();
    while (s2.fetch()) {
      r.user_id = id_or_none(u);
      i.inspectors.push_back(r);
    }
  }
  return page;
}

std::vector<std::int64_t> InspectionRepo::of_draw(std::int64_t draw_id) {
  std::vector<std::int64_t> out;
  long long id = 0;
  soci::statement st = (tx_.sql.prepare << "SELECT id FROM inspections WHERE draw_id = :d ORDER BY id",
                        soci::use(draw_id, "d"), soci::into(id));
  st.execute();
  while (st.fetch()) out.push_back(id);
  return out;
}

void InspectionRepo::set_started(std::int64_t id, Instant at) {
  tx_.sql << "UPDATE inspections SET status = 'in_progress', started_at = :at WHERE id = :id", soci::use(at, "at"),
      soci::use(id, "id");
}

void InspectionRepo::set_findings(std::int64_t id, const std::vector<ItemFinding>& items) {
  for (const auto& f : items) {
    const std::string finding = f.finding ? std::string(to_string(*f.finding)) : std::string();
    soci::indicator ind = f.finding ? soci::i_ok : soci::i_null;
    tx_.sql << "UPDATE inspection_items SET finding = :f, note = :n WHERE inspection_id = :i AND code = :c",
        soci::use(finding, ind, "f"), soci::use(f.note, "n"), soci::use(id, "i"), soci::use(f.code, "c");
  }
}

void InspectionRepo::set_completed(std::int64_t id, InspectionOutcome outcome, const std::string& report,
                                   Instant at) {
  const std::string o(to_string(outcome));
  tx_.sql << "UPDATE inspections SET status = 'completed', outcome = :o, report = :r, completed_at = :at"
             " WHERE id = :id",
      soci::use(o, "o"), soci::use(report, "r"), soci::use(at, "at"), soci::use(id, "id");
}

void InspectionRepo::set_cancelled(std::int64_t id, const std::string& reason, bool refused, Instant at) {
  const int r = refused ? 1 : 0;
  tx_.sql << "UPDATE inspections SET status = 'cancelled', cancel_reason = :r, refused = :f, cancelled_at = :at"
             " WHERE id = :id",
      soci::use(reason, "r"), soci::use(r, "f"), soci::use(at, "at"), soci::use(id, "id");
}

void InspectionRepo::set_self_evaluation(std::int64_t id, const std::string& text, Instant at) {
  tx_.sql << "UPDATE inspections SET self_evaluation = :t, self_evaluated_at = :at WHERE id = :id",
      soci::use(text, "t"), soci::use(at, "at"), soci::use(id, "id");
}

void InspectionRepo::publish_of_draw(std::int64_t draw_id, Instant at) {
  tx_.sql << "UPDATE inspections SET published_at = :at WHERE draw_id = :d AND status = 'completed'",
      soci::use(at, "at"), soci::use(draw_id, "d");
}

bool InspectionRepo::assigned(std::int64_t inspection_id, std::int64_t user_id) {
  long long n = 0;
  tx_.sql << "SELECT COUNT(*) FROM inspection_inspectors ii JOIN inspectors r ON r.id = ii.inspector_id"
             " WHERE ii.inspection_id = :i AND r.user_id = :u",
      soci::use(inspection_id, "i"), soci::use(user_id, "u"), soci::into(n);
  return n > 0;
}

std::int64_t InspectionRepo::insert_evidence(const EvidenceMeta& e, const std::string& content_base64) {
  long long id = 0;
  tx_.sql << "INSERT INTO inspection_evidence (inspection_id, file_name, content_type, size_bytes, sha256,"
             " content_base64, uploaded_by, created_at) VALUES (:i, :n, :t, :s, :h, :c, :u, :at) RETURNING id",
      soci::use(e.inspection_id, "i"), soci::use(e.file_name, "n"), soci::use(e.content_type, "t"),
      soci::use(e.size, "s"), soci::use(e.sha256, "h"), soci::use(content_base64, "c"),
      soci::use(e.uploaded_by, "u"), soci::use(e.created_at, "at"), soci::into(id);
  return id;
}

std::optional<std::pair<EvidenceMeta, std::string>> InspectionRepo::evidence_with_content(std::int64_t id) {
  EvidenceMeta e;
  std::string content;
  tx_.sql << "SELECT id, inspection_id, file_name, content_type, sha256, size_bytes, uploaded_by, created_at,"
             " content_base64 FROM inspection_evidence WHERE id = :id",
      soci::use(id, "id"), soci::into(e.id), soci::into(e.inspection_id), soci::into(e.file_name),
      soci::into(e.content_type), soci::into(e.sha256), soci::into(e.size), soci::into(e.uploaded_by),
      soci::into(e.created_at), soci::into(content);
  if (!tx_.sql.got_data()) return std::nullopt;
  return std::pair{e, std::move(content)};
}

std::int64_t InspectionRepo::insert_rectification(const Rectification& r) {
  const std::string due = r.due_on.to_string();
  long long id = 0;
  tx_.sql << "INSERT INTO rectifications (inspection_id, institution_id, requirement, due_on, note)"
             " VALUES (:i, :inst, :r, :d, '') RETURNING id",
      soci::use(r.inspection_id, "i"), soci::use(r.institution_id, "inst"), soci::use(r.requirement, "r"),
      soci::use(due, "d"), soci::into(id);
  return id;
}

void InspectionRepo::verify_rectification(std::int64_t id, Date on, std::int64_t by, const std::string& note) {
  const std::string d = on.to_string();
  tx_.sql << "UPDATE rectifications SET verified_on = :d, verified_by = :b, note = :n WHERE id = :id",
      soci::use(d, "d"), soci::use(by, "b"), soci::use(note, "n"), soci::use(id, "id");
}

void InspectionRepo::report_rectification(std::int64_t id, const std::string& report, Instant at, std::int64_t by) {
  const long long when = at;
  tx_.sql << "UPDATE rectifications SET report = :r, reported_at = :a, reported_by = :b WHERE id = :id",
      soci::use(report, "r"), soci::use(when, "a"), soci::use(by, "b"), soci::use(id, "id");
}

void InspectionRepo::reject_rectification(std::int64_t id, const std::string& note, Instant at) {
  const long long when = at;
  tx_.sql << "UPDATE rectifications SET reported_at = NULL, rejected_at = :a, rejection_note = :n WHERE id = :id",
      soci::use(when, "a"), soci::use(note, "n"), soci::use(id, "id");
}

std::optional<Inspection> InspectionRepo::periodic_of_renewal(std::int64_t renewal_id) {
  long long id = 0;
  tx_.sql << "SELECT id FROM inspections WHERE renewal_id = :r AND kind = 'periodic_evaluation'"
             " AND status <> 'cancelled' ORDER BY id DESC LIMIT 1",
      soci::use(renewal_id, "r"), soci::into(id);
  if (!tx_.sql.got_data()) return std::nullopt;
  return find(id);
}

std::vector<std::int64_t> InspectionRepo::active_institutions_of(const std::string& authority_code) {
  std::vector<std::int64_t> out;
  long long id = 0;
  soci::statement st = (tx_.sql.prepare << "SELECT id FROM institutions WHERE authority_code = :a AND status = 'active'"
                                           " ORDER BY id",
                        soci::use(authority_code, "a"), soci::into(id));
  st.execute();
  while (st.fetch()) out.push_back(id);
  return out;
}

bool InspectionRepo::has_inspection(std::int64_t institution_id, InspectionKind kind, const std::string& from,
                                    const std::string& to) {
  long long n = 0;
  const std::string k(to_string(kind));
  tx_.sql << "SELECT COUNT(*) FROM inspections WHERE institution_id = :i AND kind = :k AND status <> 'cancelled'"
             " AND scheduled_on >= :f AND scheduled_on <= :t",
      soci::use(institution_id, "i"), soci::use(k, "k"), soci::use(from, "f"), soci::use(to, "t"), soci::into(n);
  return n > 0;
}

}  // namespace skillreg
