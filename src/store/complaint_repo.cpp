#include "store/complaint_repo.hpp"

#include "store/supervision_repo.hpp"

namespace skillreg {

namespace {

constexpr const char* kColumns =
    "SELECT c.id, c.tracking_no, c.institution_id, i.code, i.name, c.authority_code,"
    " COALESCE(c.activity_region_code, ''), c.category, c.content, c.contact, c.status, c.received_at, c.reply_due,"
    " c.reason, COALESCE(c.substantiated, -1), c.reply, COALESCE(c.replied_at, 0), COALESCE(c.inspection_id, 0),"
    " c.source_hash FROM complaints c JOIN institutions i ON i.id = c.institution_id";
constexpr const char* kListWhere =
    " WHERE (:r1 LIKE '%,' || c.authority_code || ',%' OR :r2 LIKE '%,' || c.activity_region_code || ',%')"
    " AND (:s1 = '' OR c.status = :s2) AND (:i1 = 0 OR c.institution_id = :i2)";

struct Row {
  Complaint c;
  std::string activity, status, due;
  int substantiated = -1;
  long long replied = 0, inspection = 0;
  Complaint finish() {
    c.activity_region_code = activity.empty() ? std::nullopt : std::optional<std::string>(activity);
    c.status = parse_complaint_status(status).value_or(ComplaintStatus::received);
    c.reply_due = Date::parse(due).value_or(Date{});
    c.substantiated = substantiated < 0 ? std::nullopt : std::optional<bool>(substantiated != 0);
    c.replied_at = replied ? std::optional<Instant>(replied) : std::nullopt;
    c.inspection_id = inspection ? std::optional<std::int64_t>(inspection) : std::nullopt;
    return c;
  }
};
#define SKILLREG_COMPLAINT_INTO(r)                                                                        \
  soci::into((r).c.id), soci::into((r).c.tracking_no), soci::into((r).c.institution_id),                 \
      soci::into((r).c.institution_code), soci::into((r).c.institution_name), soci::into((r).c.authority_code), \
      soci::into((r).activity), soci::into((r).c.category), soci::into((r).c.content), soci::into((r).c.contact), \
      soci::into((r).status), soci::into((r).c.received_at), soci::into((r).due), soci::into((r).c.reason), \
      soci::into((r).substantiated), soci::into((r).c.reply), soci::into((r).replied), soci::into((r).inspection), \
      soci::into((r).c.source_hash)

}  // namespace

std::int64_t ComplaintRepo::insert(const Complaint& c) {
  const std::string status(to_string(c.status)), due = c.reply_due.to_string();
  const std::string activity = c.activity_region_code.value_or("");
  soci::indicator activity_ind = c.activity_region_code ? soci::i_ok : soci::i_null;
  long long id = 0;
  tx_.sql << "INSERT INTO complaints (tracking_no, institution_id, authority_code, activity_region_code, category,"
             " content, contact, status, received_at, reply_due, source_hash) VALUES (:t, :i, :a, :ar, :cat, :co,"
             " :ct, :s, :at, :due, :h) RETURNING id",
      soci::use(c.tracking_no, "t"), soci::use(c.institution_id, "i"), soci::use(c.authority_code, "a"),
      soci::use(activity, activity_ind, "ar"), soci::use(c.category, "cat"), soci::use(c.content, "co"),
      soci::use(c.contact, "ct"), soci::use(status, "s"), soci::use(c.received_at, "at"), soci::use(due, "due"),
      soci::use(c.source_hash, "h"), soci::into(id);
  return id;
}

std::optional<Complaint> ComplaintRepo::find(std::int64_t id) {
  Row row;
  tx_.sql << std::string(kColumns) + " WHERE c.id = :id", soci::use(id, "id"), SKILLREG_COMPLAINT_INTO(row);
  if (!tx_.sql.got_data()) return std::nullopt;
  return row.finish();
}

std::optional<Complaint> ComplaintRepo::by_tracking_no(const std::string& tracking_no) {
  Row row;
  tx_.sql << std::string(kColumns) + " WHERE c.tracking_no = :t", soci::use(tracking_no, "t"),
      SKILLREG_COMPLAINT_INTO(row);
  if (!tx_.sql.got_data()) return std::nullopt;
  return row.finish();
}

Page<Complaint> ComplaintRepo::list(const ComplaintQuery& q) {
  const std::string regions = delimited_set(q.regions);
  const long long inst = q.institution_id.value_or(0);
  const long long limit = q.page.page_size, offset = q.page.offset();
  Page<Complaint> page{{}, 0, q.page.page, q.page.page_size};
  tx_.sql << std::string("SELECT COUNT(*) FROM complaints c") + kListWhere, soci::use(regions, "r1"),
      soci::use(regions, "r2"), soci::use(q.status, "s1"), soci::use(q.status, "s2"), soci::use(inst, "i1"),
      soci::use(inst, "i2"), soci::into(page.total);
  Row row;
  soci::statement st =
      (tx_.sql.prepare << std::string(kColumns) + kListWhere + " ORDER BY c.id DESC LIMIT :lim OFFSET :off",
       SKILLREG_COMPLAINT_INTO(row), soci::use(regions, "r1"), soci::use(regions, "r2"), soci::use(q.status, "s1"),
       soci::use(q.status, "s2"), soci::use(inst, "i1"), soci::use(inst, "i2"), soci::use(limit, "lim"),
       soci::use(offset, "off"));
  st.execute();
  while (st.fetch()) page.items.push_back(row.finish());
  return page;
}

int ComplaintRepo::recent_from(const std::string& source_hash, Instant since) {
  long long n = 0;
  tx_.sql << "SELECT COUNT(*) FROM complaints WHERE source_hash = :h AND received_at >= :s", soci::use(source_hash, "h"),
      soci::use(since, "s"), soci::into(n);
  return static_cast<int>(n);
}

void ComplaintRepo::set_status(std::int64_t id, ComplaintStatus s, const std::string& reason) {
  const std::string st(to_string(s));
  tx_.sql << "UPDATE complaints SET status = :s, reason = :r WHERE id = :id", soci::use(st, "s"),
      soci::use(reason, "r"), soci::use(id, "id");
}

void ComplaintRepo::set_inspection(std::int64_t id, std::int64_t inspection_id) {
  tx_.sql << "UPDATE complaints SET status = 'investigating', inspection_id = :x WHERE id = :id",
      soci::use(inspection_id, "x"), soci::use(id, "id");
}

void ComplaintRepo::set_reply(std::int64_t id, bool substantiated, const std::string& reply, Instant at) {
  const int s = substantiated ? 1 : 0;
  tx_.sql << "UPDATE complaints SET status = 'replied', substantiated = :s, reply = :r, replied_at = :at WHERE id = :id",
      soci::use(s, "s"), soci::use(reply, "r"), soci::use(at, "at"), soci::use(id, "id");
}

}  // namespace skillreg
