#include "store/registry_repo.hpp"

#include <nlohmann/json.hpp>

namespace skillreg {

namespace {

using Json = nlohmann::json;

constexpr const char* kInsertAnnouncement =
    "INSERT INTO announcements (region_code, title, kinds, opens_on, closes_on, conditions,"
    " assessment, review_methods, created_by, created_at)"
    " VALUES (:r, :t, :k, :o, :c, :cond, :ass, :m, :by, :at) RETURNING id";
constexpr const char* kAnnouncementColumns =
    "SELECT id, region_code, title, kinds, opens_on, closes_on, conditions, assessment,"
    " review_methods, created_by, created_at FROM announcements";

constexpr const char* kApplicationColumns =
    "SELECT id, kind, status, announcement_id, authority_code, applicant_id, credit_code, name,"
    " address, region_code, contact, phone, ministry_code, scope_json, checklist_json,"
    " subsidiaries_json, reasons, publicity_ends, institution_id, created_at, updated_at,"
    " purpose FROM applications";
constexpr const char* kInsertApplication =
    "INSERT INTO applications (kind, status, announcement_id, authority_code, applicant_id,"
    " credit_code, name, address, region_code, contact, phone, ministry_code, scope_json,"
    " checklist_json, subsidiaries_json, reasons, publicity_ends, institution_id, created_at,"
    " updated_at, purpose) VALUES (:kind, :status, :ann, :auth, :appl, :cc, :name, :addr, :reg,"
    " :contact, :phone, :min, :scope, :check, :subs, :reasons, :pub, :inst, :c, :u, :purpose)"
    " RETURNING id";
constexpr const char* kUpdateApplication =
    "UPDATE applications SET status = :status, name = :name, address = :addr, contact = :contact,"
    " phone = :phone, scope_json = :scope, checklist_json = :check, subsidiaries_json = :subs,"
    " reasons = :reasons, publicity_ends = :pub, institution_id = :inst, updated_at = :u"
    " WHERE id = :id";
constexpr const char* kOpenApplication =
    "SELECT COUNT(*) FROM applications WHERE credit_code = :cc AND id <> :id"
    " AND status NOT IN ('approved', 'rejected', 'filed')";

constexpr const char* kInsertReview =
    "INSERT INTO application_reviews (application_id, reviewer_id, findings_json, conclusion,"
    " comment, created_at) VALUES (:a, :r, :f, :c, :m, :t) RETURNING id";
constexpr const char* kSelectReviews =
    "SELECT id, reviewer_id, findings_json, conclusion, comment, created_at"
    " FROM application_reviews WHERE application_id = :a ORDER BY id";
constexpr const char* kInsertObjection =
    "INSERT INTO application_objections (application_id, content, contact, created_at)"
    " VALUES (:a, :c, :ct, :t) RETURNING id";
constexpr const char* kSelectObjections =
    "SELECT id, content, contact, resolution, created_at FROM application_objections"
    " WHERE application_id = :a ORDER BY id";
constexpr const char* kResolveObjection =
    "UPDATE application_objections SET resolution = :r, resolved_at = :t WHERE id = :id";

constexpr const char* kNextSequence =
    "UPDATE code_sequences SET next_value = next_value + 1 WHERE province = '33'"
    " RETURNING next_value - 1";
constexpr const char* kInstitutionColumns =
    "SELECT id, code, kind, name, credit_code, address, region_code, authority_code, contact,"
    " phone, public_phone, fees, status, approved_on, valid_until, created_at, subsidiaries_json"
    " FROM institutions";
constexpr const char* kInsertInstitution =
    "INSERT INTO institutions (code, kind, name, credit_code, address, region_code,"
    " authority_code, contact, phone, public_phone, fees, status, approved_on, valid_until,"
    " created_at, subsidiaries_json) VALUES (:code, :kind, :name, :cc, :addr, :reg, :auth,"
    " :contact, :phone, :pp, :fees, :status, :ap, :vu, :c, :subs) RETURNING id";
constexpr const char* kInsertScope =
    "INSERT INTO institution_scope (institution_id, subject_code, level) VALUES (:i, :s, :l)";
constexpr const char* kSelectScope =
    "SELECT subject_code, level FROM institution_scope WHERE institution_id = :i"
    " ORDER BY subject_code, level DESC";
constexpr const char* kUpdateStatus = "UPDATE institutions SET status = :s WHERE id = :id";
constexpr const char* kUpdateValidity = "UPDATE institutions SET valid_until = :v WHERE id = :id";
constexpr const char* kRevokedCredit =
    "SELECT COUNT(*) FROM institutions WHERE credit_code = :cc AND status = 'revoked'";
constexpr const char* kDueToExpire =
    " WHERE valid_until <= :d AND status IN ('active', 'suspended') ORDER BY id";
constexpr const char* kLinkUser = "UPDATE users SET institution_id = :i WHERE id = :u";
constexpr const char* kClaimJob =
    "INSERT INTO job_runs (job, as_of, ran_at, summary) VALUES (:j, :d, :t, :s)"
    " ON CONFLICT (job, as_of) DO NOTHING";

std::string kinds_text(const std::vector<InstitutionKind>& kinds) {
  std::string out;
  for (auto k : kinds) out += (out.empty() ? "" : ",") + std::string(to_string(k));
  return out;
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= s.size() && !s.empty()) {
    const auto comma = s.find(',', pos);
    out.push_back(s.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos));
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return out;
}

Json scope_json(const std::vector<ScopeItem>& scope) {
  Json out = Json::array();
  for (const auto& s : scope) out.push_back({{"subject_code", s.subject_code}, {"levels", s.levels}});
  return out;
}

std::vector<ScopeItem> scope_from(const std::string& text) {
  std::vector<ScopeItem> out;
  for (const auto& s : Json::parse(text))
    out.push_back({s.at("subject_code").get<std::string>(), s.at("levels").get<std::vector<int>>()});
  return out;
}

struct AnnouncementRow {
  Announcement a;
  std::string kinds, opens, closes, methods;
  Announcement finish() {
    a.kinds.clear();
    for (const auto& k : split(kinds))
      if (auto kind = parse_institution_kind(k)) a.kinds.push_back(*kind);
    a.opens_on = *Date::parse(opens);
    a.closes_on = *Date::parse(closes);
    a.methods = split(methods);
    return a;
  }
};
#define SKILLREG_ANNOUNCEMENT_INTO(r)                                                           \
  soci::into((r).a.id), soci::into((r).a.region_code), soci::into((r).a.title),                \
      soci::into((r).kinds), soci::into((r).opens), soci::into((r).closes),                    \
      soci::into((r).a.conditions), soci::into((r).a.assessment), soci::into((r).methods),      \
      soci::into((r).a.created_by), soci::into((r).a.created_at)

struct ApplicationRow {
  Application a;
  std::string kind, status, scope, checklist, subsidiaries, publicity, purpose;
  long long announcement = 0, institution = 0;
  soci::indicator ann_ind = soci::i_null, pub_ind = soci::i_null, inst_ind = soci::i_null;
  Application finish() {
    a.kind = *parse_institution_kind(kind);
    a.purpose = purpose == "scope_change" ? ApplicationPurpose::scope_change : ApplicationPurpose::establish;
    a.status = *parse_application_status(status);
    a.announcement_id = opt<std::int64_t>(announcement, ann_ind);
    a.institution_id = opt<std::int64_t>(institution, inst_ind);
    a.publicity_ends = pub_ind == soci::i_ok ? Date::parse(publicity) : std::nullopt;
    a.scope = scope_from(scope);
    a.checklist.clear();
    for (const auto& c : Json::parse(checklist))
      a.checklist.push_back({c.at("key").get<std::string>(), c.at("statement").get<std::string>()});
    a.subsidiaries = Json::parse(subsidiaries).get<std::vector<std::string>>();
    return a;
  }
};
#define SKILLREG_APPLICATION_INTO(r)                                                            \
  soci::into((r).a.id), soci::into((r).kind), soci::into((r).status),                          \
      soci::into((r).announcement, (r).ann_ind), soci::into((r).a.authority_code),              \
      soci::into((r).a.applicant_id), soci::into((r).a.credit_code), soci::into((r).a.name),    \
      soci::into((r).a.address), soci::into((r).a.region_code), soci::into((r).a.contact),      \
      soci::into((r).a.phone), soci::into((r).a.ministry_code), soci::into((r).scope),          \
      soci::into((r).checklist), soci::into((r).subsidiaries), soci::into((r).a.reasons),       \
      soci::into((r).publicity, (r).pub_ind), soci::into((r).institution, (r).inst_ind),        \
      soci::into((r).a.created_at), soci::into((r).a.updated_at), soci::into((r).purpose)

struct InstitutionRow {
  Institution i;
  std::string kind, status, approved, valid, subsidiaries;
  Institution finish() {
    i.kind = *parse_institution_kind(kind);
    i.subsidiaries = Json::parse(subsidiaries).get<std::vector<std::string>>();
    i.status = *parse_institution_status(status);
    i.approved_on = *Date::parse(approved);
    i.valid_until = *Date::parse(valid);
    return i;
  }
};
#define SKILLREG_INSTITUTION_INTO(r)                                                            \
  soci::into((r).i.id), soci::into((r).i.code), soci::into((r).kind), soci::into((r).i.name),  \
      soci::into((r).i.credit_code), soci::into((r).i.address), soci::into((r).i.region_code),  \
      soci::into((r).i.authority_code), soci::into((r).i.contact), soci::into((r).i.phone),     \
      soci::into((r).i.public_phone), soci::into((r).i.fees), soci::into((r).status),           \
      soci::into((r).approved), soci::into((r).valid), soci::into((r).i.created_at),             \
      soci::into((r).subsidiaries)

// The application's columns that insert and update write, in one place.
struct ApplicationValues {
  std::string kind, status, scope, checklist, subsidiaries, publicity, purpose;
  long long announcement, institution;
  soci::indicator ann_ind, pub_ind, inst_ind;
  explicit ApplicationValues(const Application& a)
      : kind(to_string(a.kind)), status(to_string(a.status)), scope(scope_json(a.scope).dump()),
        subsidiaries(Json(a.subsidiaries).dump()),
        publicity(a.publicity_ends ? a.publicity_ends->to_string() : ""),
        announcement(a.announcement_id.value_or(0)), institution(a.institution_id.value_or(0)),
        ann_ind(a.announcement_id ? soci::i_ok : soci::i_null),
        pub_ind(a.publicity_ends ? soci::i_ok : soci::i_null),
        inst_ind(a.institution_id ? soci::i_ok : soci::i_null) {
    purpose = a.purpose == ApplicationPurpose::scope_change ? "scope_change" : "establish";
    Json c = Json::array();
    for (const auto& item : a.checklist) c.push_back({{"key", item.key}, {"statement", item.statement}});
    checklist = c.dump();
  }
};

}  // namespace

std::int64_t RegistryRepo::insert_announcement(const Announcement& a) {
  const std::string kinds = kinds_text(a.kinds), opens = a.opens_on.to_string(),
                    closes = a.closes_on.to_string();
  std::string methods;
  for (const auto& m : a.methods) methods += (methods.empty() ? "" : ",") + m;
  long long id = 0;
  tx_.sql << kInsertAnnouncement, soci::use(a.region_code), soci::use(a.title), soci::use(kinds),
      soci::use(opens), soci::use(closes), soci::use(a.conditions), soci::use(a.assessment),
      soci::use(methods), soci::use(a.created_by), soci::use(a.created_at), soci::into(id);
  return id;
}

std::optional<Announcement> RegistryRepo::announcement(std::int64_t id) {
  AnnouncementRow row;
  tx_.sql << std::string(kAnnouncementColumns) + " WHERE id = :id", soci::use(id),
      SKILLREG_ANNOUNCEMENT_INTO(row);
  if (!tx_.sql.got_data()) return std::nullopt;
  return row.finish();
}

Page<Announcement> RegistryRepo::announcements(const PageRequest& p) {
  Page<Announcement> page{{}, 0, p.page, p.page_size};
  tx_.sql << "SELECT COUNT(*) FROM announcements", soci::into(page.total);
  AnnouncementRow row;
  const long long limit = p.page_size, offset = p.offset();
  soci::statement st = (tx_.sql.prepare << std::string(kAnnouncementColumns) +
                                               " ORDER BY id DESC LIMIT :l OFFSET :o",
                        SKILLREG_ANNOUNCEMENT_INTO(row), soci::use(limit), soci::use(offset));
  st.execute();
  while (st.fetch()) page.items.push_back(row.finish());
  return page;
}

std::int64_t RegistryRepo::insert_application(const Application& a) {
  ApplicationValues v(a);
  long long id = 0;
  tx_.sql << kInsertApplication, soci::use(v.kind), soci::use(v.status),
      soci::use(v.announcement, v.ann_ind), soci::use(a.authority_code), soci::use(a.applicant_id),
      soci::use(a.credit_code), soci::use(a.name), soci::use(a.address), soci::use(a.region_code),
      soci::use(a.contact), soci::use(a.phone), soci::use(a.ministry_code), soci::use(v.scope),
      soci::use(v.checklist), soci::use(v.subsidiaries), soci::use(a.reasons),
      soci::use(v.publicity, v.pub_ind), soci::use(v.institution, v.inst_ind),
      soci::use(a.created_at), soci::use(a.updated_at), soci::use(v.purpose), soci::into(id);
  return id;
}

void RegistryRepo::update_application(const Application& a) {
  ApplicationValues v(a);
  tx_.sql << kUpdateApplication, soci::use(v.status), soci::use(a.name), soci::use(a.address),
      soci::use(a.contact), soci::use(a.phone), soci::use(v.scope), soci::use(v.checklist),
      soci::use(v.subsidiaries), soci::use(a.reasons), soci::use(v.publicity, v.pub_ind),
      soci::use(v.institution, v.inst_ind), soci::use(a.updated_at), soci::use(a.id);
}

std::optional<Application> RegistryRepo::application(std::int64_t id) {
  ApplicationRow row;
  tx_.sql << std::string(kApplicationColumns) + " WHERE id = :id", soci::use(id),
      SKILLREG_APPLICATION_INTO(row);
  if (!tx_.sql.got_data()) return std::nullopt;
  return row.finish();
}

Page<Application> RegistryRepo::applications(const ApplicationQuery& q) {
  const std::string auths = delimited_set(q.authorities);
  const int by_applicant = q.applicant_id ? 1 : 0;
  const long long applicant = q.applicant_id.value_or(0);
  const std::string status = q.status ? std::string(to_string(*q.status)) : "";
  const std::string where =
      " WHERE ((:ba1 = 1 AND applicant_id = :appl) OR (:ba2 = 0 AND :auths LIKE '%,' || authority_code || ',%'))"
      " AND (:st1 = '' OR status = :st2)";
  Page<Application> page{{}, 0, q.page.page, q.page.page_size};
  tx_.sql << "SELECT COUNT(*) FROM applications" + where, soci::into(page.total),
      soci::use(by_applicant, "ba1"), soci::use(applicant, "appl"), soci::use(by_applicant, "ba2"),
      soci::use(auths, "auths"), soci::use(status, "st1"), soci::use(status, "st2");
  ApplicationRow row;
  const long long limit = q.page.page_size, offset = q.page.offset();
  soci::statement st =
      (tx_.sql.prepare << kApplicationColumns + where + " ORDER BY id DESC LIMIT :lim OFFSET :off",
       SKILLREG_APPLICATION_INTO(row), soci::use(by_applicant, "ba1"), soci::use(applicant, "appl"),
       soci::use(by_applicant, "ba2"), soci::use(auths, "auths"), soci::use(status, "st1"),
       soci::use(status, "st2"), soci::use(limit, "lim"), soci::use(offset, "off"));
  st.execute();
  while (st.fetch()) page.items.push_back(row.finish());
  return page;
}

bool RegistryRepo::has_open_application(const std::string& credit_code, std::int64_t except_id) {
  long long n = 0;
  tx_.sql << kOpenApplication, soci::use(credit_code), soci::use(except_id), soci::into(n);
  return n > 0;
}

std::int64_t RegistryRepo::insert_review(const Review& r) {
  Json findings = Json::array();
  for (const auto& [key, met] : r.findings) findings.push_back({{"key", key}, {"met", met}});
  const std::string f = findings.dump(), conclusion = r.pass ? "pass" : "fail";
  long long id = 0;
  tx_.sql << kInsertReview, soci::use(r.application_id), soci::use(r.reviewer_id), soci::use(f),
      soci::use(conclusion), soci::use(r.comment), soci::use(r.created_at), soci::into(id);
  return id;
}

std::vector<Review> RegistryRepo::reviews(std::int64_t application_id) {
  std::vector<Review> out;
  Review r;
  std::string findings, conclusion;
  soci::statement st = (tx_.sql.prepare << kSelectReviews, soci::use(application_id), soci::into(r.id),
                        soci::into(r.reviewer_id), soci::into(findings), soci::into(conclusion),
                        soci::into(r.comment), soci::into(r.created_at));
  st.execute();
  while (st.fetch()) {
    r.application_id = application_id;
    r.pass = conclusion == "pass";
    r.findings.clear();
    for (const auto& f : Json::parse(findings))
      r.findings.emplace_back(f.at("key").get<std::string>(), f.at("met").get<bool>());
    out.push_back(r);
  }
  return out;
}

std::int64_t RegistryRepo::insert_objection(const Objection& o) {
  long long id = 0;
  tx_.sql << kInsertObjection, soci::use(o.application_id), soci::use(o.content),
      soci::use(o.contact), soci::use(o.created_at), soci::into(id);
  return id;
}

std::vector<Objection> RegistryRepo::objections(std::int64_t application_id) {
  std::vector<Objection> out;
  Objection o;
  std::string resolution;
  soci::indicator res_ind = soci::i_null;
  soci::statement st = (tx_.sql.prepare << kSelectObjections, soci::use(application_id),
                        soci::into(o.id), soci::into(o.content), soci::into(o.contact),
                        soci::into(resolution, res_ind), soci::into(o.created_at));
  st.execute();
  while (st.fetch()) {
    o.application_id = application_id;
    o.resolution = opt<std::string>(resolution, res_ind);
    out.push_back(o);
  }
  return out;
}

void RegistryRepo::resolve_objection(std::int64_t id, const std::string& resolution, Instant at) {
  tx_.sql << kResolveObjection, soci::use(resolution), soci::use(at), soci::use(id);
}

int RegistryRepo::next_code_sequence() {
  long long n = 0;
  tx_.sql << kNextSequence, soci::into(n);
  return int(n);
}

std::int64_t RegistryRepo::insert_institution(const Institution& i) {
  const std::string kind(to_string(i.kind)), status(to_string(i.status)),
      approved = i.approved_on.to_string(), valid = i.valid_until.to_string(),
      subsidiaries = Json(i.subsidiaries).dump();
  long long id = 0;
  tx_.sql << kInsertInstitution, soci::use(i.code), soci::use(kind), soci::use(i.name),
      soci::use(i.credit_code), soci::use(i.address), soci::use(i.region_code),
      soci::use(i.authority_code), soci::use(i.contact), soci::use(i.phone),
      soci::use(i.public_phone), soci::use(i.fees), soci::use(status), soci::use(approved),
      soci::use(valid), soci::use(i.created_at), soci::use(subsidiaries), soci::into(id);
  insert_scope(id, i.scope);
  return id;
}

void RegistryRepo::insert_scope(std::int64_t institution_id, const std::vector<ScopeItem>& scope) {
  for (const auto& item : scope) {
    const std::vector<int> levels = item.levels.empty() ? std::vector<int>{0} : item.levels;
    for (int level : levels)
      tx_.sql << kInsertScope, soci::use(institution_id), soci::use(item.subject_code), soci::use(level);
  }
}

void RegistryRepo::replace_scope(std::int64_t institution_id, const std::vector<ScopeItem>& scope,
                                 const std::vector<std::string>& subsidiaries) {
  tx_.sql << "DELETE FROM institution_scope WHERE institution_id = :i", soci::use(institution_id);
  insert_scope(institution_id, scope);
  const std::string subs = Json(subsidiaries).dump();
  tx_.sql << "UPDATE institutions SET subsidiaries_json = :s WHERE id = :i", soci::use(subs),
      soci::use(institution_id);
}

std::vector<ScopeItem> RegistryRepo::scope_of(std::int64_t institution_id) {
  std::vector<ScopeItem> out;
  std::string subject;
  int level = 0;
  soci::statement st = (tx_.sql.prepare << kSelectScope, soci::use(institution_id),
                        soci::into(subject), soci::into(level));
  st.execute();
  while (st.fetch()) {
    if (out.empty() || out.back().subject_code != subject) out.push_back({subject, {}});
    if (level > 0) out.back().levels.push_back(level);
  }
  return out;
}

std::optional<Institution> RegistryRepo::institution(std::int64_t id) {
  InstitutionRow row;
  tx_.sql << std::string(kInstitutionColumns) + " WHERE id = :id", soci::use(id),
      SKILLREG_INSTITUTION_INTO(row);
  if (!tx_.sql.got_data()) return std::nullopt;
  auto i = row.finish();
  i.scope = scope_of(i.id);
  return i;
}

std::optional<Institution> RegistryRepo::institution_by_code(const std::string& code) {
  InstitutionRow row;
  tx_.sql << std::string(kInstitutionColumns) + " WHERE code = :c", soci::use(code),
      SKILLREG_INSTITUTION_INTO(row);
  if (!tx_.sql.got_data()) return std::nullopt;
  auto i = row.finish();
  i.scope = scope_of(i.id);
  return i;
}

Page<Institution> RegistryRepo::institutions(const InstitutionQuery& q) {
  const std::string auths = delimited_set(q.authorities), regions = delimited_set(q.regions);
  const int any_auth = q.authorities.empty() ? 1 : 0, any_region = q.regions.empty() ? 1 : 0;
  const int by_id = q.only_id ? 1 : 0, directory = q.directory_only ? 1 : 0;
  const long long only = q.only_id.value_or(0);
  const std::string kind = q.kind ? std::string(to_string(*q.kind)) : "";
  const std::string status = q.status ? std::string(to_string(*q.status)) : "";
  const std::string name_like = like_contains(q.q);
  const std::string where =
      " WHERE (:any_auth = 1 OR :auths LIKE '%,' || authority_code || ',%')"
      " AND (:by_id = 0 OR id = :only)"
      " AND (:dir = 0 OR status IN ('active', 'suspended'))"
      " AND (name LIKE :nl ESCAPE '\\' OR code = :code)"
      " AND (:k1 = '' OR kind = :k2) AND (:s1 = '' OR status = :s2)"
      " AND (:any_region = 1 OR :regions LIKE '%,' || region_code || ',%')"
      " AND (:occ1 = '' OR id IN (SELECT institution_id FROM institution_scope"
      "      WHERE subject_code = :occ2 AND (:lv1 = 0 OR level = :lv2)))";
  const std::string order = q.sort == "name" ? " ORDER BY name, id"
                            : q.sort == "valid_until" ? " ORDER BY valid_until, id"
                                                      : " ORDER BY code";
  Page<Institution> page{{}, 0, q.page.page, q.page.page_size};
  tx_.sql << "SELECT COUNT(*) FROM institutions" + where, soci::into(page.total),
      soci::use(any_auth, "any_auth"), soci::use(auths, "auths"), soci::use(by_id, "by_id"),
      soci::use(only, "only"), soci::use(directory, "dir"), soci::use(name_like, "nl"),
      soci::use(q.q, "code"), soci::use(kind, "k1"), soci::use(kind, "k2"),
      soci::use(status, "s1"), soci::use(status, "s2"), soci::use(any_region, "any_region"),
      soci::use(regions, "regions"), soci::use(q.occupation, "occ1"),
      soci::use(q.occupation, "occ2"), soci::use(q.level, "lv1"), soci::use(q.level, "lv2");
  InstitutionRow row;
  const long long limit = q.page.page_size, offset = q.page.offset();
  soci::statement st =
      (tx_.sql.prepare << kInstitutionColumns + where + order + " LIMIT :lim OFFSET :off",
       SKILLREG_INSTITUTION_INTO(row), soci::use(any_auth, "any_auth"), soci::use(auths, "auths"),
       soci::use(by_id, "by_id"), soci::use(only, "only"), soci::use(directory, "dir"),
       soci::use(name_like, "nl"), soci::use(q.q, "code"), soci::use(kind, "k1"),
       soci::use(kind, "k2"), soci::use(status, "s1"), soci::use(status, "s2"),
       soci::use(any_region, "any_region"), soci::use(regions, "regions"),
       soci::use(q.occupation, "occ1"), soci::use(q.occupation, "occ2"),
       soci::use(q.level, "lv1"), soci::use(q.level, "lv2"), soci::use(limit, "lim"),
       soci::use(offset, "off"));
  st.execute();
  while (st.fetch()) page.items.push_back(row.finish());
  for (auto& i : page.items) i.scope = scope_of(i.id);
  return page;
}

void RegistryRepo::update_institution_status(std::int64_t id, InstitutionStatus s) {
  const std::string status(to_string(s));
  tx_.sql << kUpdateStatus, soci::use(status), soci::use(id);
}

void RegistryRepo::update_validity(std::int64_t id, Date valid_until) {
  const std::string v = valid_until.to_string();
  tx_.sql << kUpdateValidity, soci::use(v), soci::use(id);
}

bool RegistryRepo::credit_code_revoked(const std::string& credit_code) {
  long long n = 0;
  tx_.sql << kRevokedCredit, soci::use(credit_code), soci::into(n);
  return n > 0;
}

std::vector<Institution> RegistryRepo::due_to_expire(Date as_of) {
  std::vector<Institution> out;
  const std::string d = as_of.to_string();
  InstitutionRow row;
  soci::statement st = (tx_.sql.prepare << std::string(kInstitutionColumns) + kDueToExpire,
                        SKILLREG_INSTITUTION_INTO(row), soci::use(d));
  st.execute();
  while (st.fetch()) out.push_back(row.finish());
  return out;
}

void RegistryRepo::link_user_to_institution(std::int64_t user_id, std::int64_t institution_id) {
  tx_.sql << kLinkUser, soci::use(institution_id), soci::use(user_id);
}

bool RegistryRepo::claim_job_run(const std::string& job, Date as_of, Instant at,
                                 const std::string& summary) {
  // The insert is the lock: on PostgreSQL a second node's insert waits for the first to commit
  // and then inserts nothing, so exactly one node runs the job for a date.
  const std::string d = as_of.to_string();
  soci::statement st = (tx_.sql.prepare << kClaimJob, soci::use(job), soci::use(d), soci::use(at),
                        soci::use(summary));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void RegistryRepo::update_basic_info(const Institution& i) {
  tx_.sql << "UPDATE institutions SET name = :n, address = :a, contact = :c, phone = :p,"
             " public_phone = :pp, fees = :f WHERE id = :id",
      soci::use(i.name), soci::use(i.address), soci::use(i.contact), soci::use(i.phone),
      soci::use(i.public_phone), soci::use(i.fees), soci::use(i.id);
}

void RegistryRepo::insert_change(std::int64_t institution_id, std::int64_t by, const std::string& before,
                                 const std::string& after, Instant at) {
  tx_.sql << "INSERT INTO institution_changes (institution_id, changed_by, before_json, after_json,"
             " created_at) VALUES (:i, :b, :bj, :aj, :t)",
      soci::use(institution_id), soci::use(by), soci::use(before), soci::use(after), soci::use(at);
}

std::vector<RegistryRepo::BasicInfoChange> RegistryRepo::changes(std::int64_t institution_id) {
  std::vector<BasicInfoChange> out;
  BasicInfoChange c;
  soci::statement st = (tx_.sql.prepare << "SELECT id, changed_by, before_json, after_json, created_at"
                                           " FROM institution_changes WHERE institution_id = :i ORDER BY id DESC",
                        soci::use(institution_id), soci::into(c.id), soci::into(c.changed_by),
                        soci::into(c.before_json), soci::into(c.after_json), soci::into(c.at));
  st.execute();
  while (st.fetch()) out.push_back(c);
  return out;
}

std::int64_t RegistryRepo::insert_evidence(const EvidenceFile& e, const std::string& content_base64) {
  long long id = 0;
  tx_.sql << "INSERT INTO evidence_files (application_id, item_key, file_name, content_type, size_bytes,"
             " sha256, content_base64, uploaded_by, created_at) VALUES (:a, :k, :n, :t, :s, :h, :c, :u, :at)"
             " RETURNING id",
      soci::use(e.application_id), soci::use(e.item_key), soci::use(e.file_name), soci::use(e.content_type),
      soci::use(e.size), soci::use(e.sha256), soci::use(content_base64), soci::use(e.uploaded_by),
      soci::use(e.created_at), soci::into(id);
  return id;
}

std::vector<EvidenceFile> RegistryRepo::evidence(std::int64_t application_id) {
  std::vector<EvidenceFile> out;
  EvidenceFile e;
  soci::statement st = (tx_.sql.prepare << "SELECT id, application_id, item_key, file_name, content_type,"
                                           " size_bytes, sha256, uploaded_by, created_at FROM evidence_files"
                                           " WHERE application_id = :a ORDER BY id",
                        soci::use(application_id), soci::into(e.id), soci::into(e.application_id),
                        soci::into(e.item_key), soci::into(e.file_name), soci::into(e.content_type),
                        soci::into(e.size), soci::into(e.sha256), soci::into(e.uploaded_by), soci::into(e.created_at));
  st.execute();
  while (st.fetch()) out.push_back(e);
  return out;
}

std::optional<std::pair<EvidenceFile, std::string>> RegistryRepo::evidence_with_content(std::int64_t id) {
  EvidenceFile e;
  std::string content;
  tx_.sql << "SELECT id, application_id, item_key, file_name, content_type, size_bytes, sha256, uploaded_by,"
             " created_at, content_base64 FROM evidence_files WHERE id = :id",
      soci::use(id), soci::into(e.id), soci::into(e.application_id), soci::into(e.item_key),
      soci::into(e.file_name), soci::into(e.content_type), soci::into(e.size), soci::into(e.sha256),
      soci::into(e.uploaded_by), soci::into(e.created_at), soci::into(content);
  if (!tx_.sql.got_data()) return std::nullopt;
  return std::pair{e, content};
}

namespace {
constexpr const char* kExamSiteColumns =
    "SELECT id, institution_id, name, address, region_code, status, reason, created_at FROM exam_sites";
ExamSiteStatus site_status(const std::string& s) {
  return s == "confirmed" ? ExamSiteStatus::confirmed : s == "refused" ? ExamSiteStatus::refused : ExamSiteStatus::pending;
}
}  // namespace

std::int64_t RegistryRepo::insert_exam_site(const ExamSite& s) {
  const std::string status(to_string(s.status));
  long long id = 0;
  tx_.sql << "INSERT INTO exam_sites (institution_id, name, address, region_code, status, reason, created_at)"
             " VALUES (:i, :n, :a, :r, :s, :why, :t) RETURNING id",
      soci::use(s.institution_id), soci::use(s.name), soci::use(s.address), soci::use(s.region_code),
      soci::use(status), soci::use(s.reason), soci::use(s.created_at), soci::into(id);
  return id;
}

std::optional<ExamSite> RegistryRepo::exam_site(std::int64_t id) {
  ExamSite s;
  std::string status;
  tx_.sql << std::string(kExamSiteColumns) + " WHERE id = :id", soci::use(id), soci::into(s.id),
      soci::into(s.institution_id), soci::into(s.name), soci::into(s.address), soci::into(s.region_code),
      soci::into(status), soci::into(s.reason), soci::into(s.created_at);
  if (!tx_.sql.got_data()) return std::nullopt;
  s.status = site_status(status);
  return s;
}

std::vector<ExamSite> RegistryRepo::exam_sites(std::int64_t institution_id) {
  std::vector<ExamSite> out;
  ExamSite s;
  std::string status;
  soci::statement st = (tx_.sql.prepare << std::string(kExamSiteColumns) + " WHERE institution_id = :i ORDER BY id",
                        soci::use(institution_id), soci::into(s.id), soci::into(s.institution_id),
                        soci::into(s.name), soci::into(s.address), soci::into(s.region_code),
                        soci::into(status), soci::into(s.reason), soci::into(s.created_at));
  st.execute();
  while (st.fetch()) {
    s.status = site_status(status);
    out.push_back(s);
  }
  return out;
}

std::vector<ExamSite> RegistryRepo::exam_sites_by_status(const std::string& status) {
  std::vector<ExamSite> out;
  ExamSite s;
  std::string st_text;
  soci::statement st =
      (tx_.sql.prepare << std::string(kExamSiteColumns) + " WHERE (:s1 = '' OR status = :s2) ORDER BY id",
       soci::use(status, "s1"), soci::use(status, "s2"), soci::into(s.id), soci::into(s.institution_id),
       soci::into(s.name), soci::into(s.address), soci::into(s.region_code), soci::into(st_text), soci::into(s.reason),
       soci::into(s.created_at));
  st.execute();
  while (st.fetch()) {
    s.status = site_status(st_text);
    out.push_back(s);
  }
  return out;
}

void RegistryRepo::decide_exam_site(std::int64_t id, ExamSiteStatus status, const std::string& reason,
                                    std::int64_t by, Instant at) {
  const std::string st(to_string(status));
  tx_.sql << "UPDATE exam_sites SET status = :s, reason = :r, decided_by = :b, decided_at = :t WHERE id = :id",
      soci::use(st), soci::use(reason), soci::use(by), soci::use(at), soci::use(id);
}

void RegistryRepo::insert_spec(const std::string& code, const std::string& name, Date published_on) {
  const std::string d = published_on.to_string();
  tx_.sql << "INSERT INTO special_ability_specs (code, name, published_on) VALUES (:c, :n, :d)",
      soci::use(code), soci::use(name), soci::use(d);
}

bool RegistryRepo::spec_exists(const std::string& code) {
  long long n = 0;
  tx_.sql << "SELECT COUNT(*) FROM special_ability_specs WHERE code = :c", soci::use(code), soci::into(n);
  return n > 0;
}

std::vector<std::pair<std::string, std::string>> RegistryRepo::specs() {
  std::vector<std::pair<std::string, std::string>> out;
  std::string code, name;
  soci::statement st = (tx_.sql.prepare << "SELECT code, name FROM special_ability_specs ORDER BY code",
                        soci::into(code), soci::into(name));
  st.execute();
  while (st.fetch()) out.emplace_back(code, name);
  return out;
}

std::int64_t RegistryRepo::insert_renewal(std::int64_t institution_id, Date requested_on) {
  const std::string d = requested_on.to_string();
  long long id = 0;
  tx_.sql << "INSERT INTO renewals (institution_id, status, requested_on) VALUES (:i, 'pending', :d)"
             " RETURNING id",
      soci::use(institution_id), soci::use(d), soci::into(id);
  return id;
}

std::optional<std::pair<std::int64_t, std::string>> RegistryRepo::pending_renewal(std::int64_t institution_id) {
  long long id = 0;
  std::string requested;
  tx_.sql << "SELECT id, requested_on FROM renewals WHERE institution_id = :i AND status = 'pending'",
      soci::use(institution_id), soci::into(id), soci::into(requested);
  if (!tx_.sql.got_data()) return std::nullopt;
  return std::pair<std::int64_t, std::string>{id, requested};
}

void RegistryRepo::decide_renewal(std::int64_t id, const std::string& status, Date decided_on,
                                  std::optional<Date> new_valid_until) {
  const std::string d = decided_on.to_string();
  std::string v = new_valid_until ? new_valid_until->to_string() : "";
  soci::indicator ind = new_valid_until ? soci::i_ok : soci::i_null;
  tx_.sql << "UPDATE renewals SET status = :s, decided_on = :d, new_valid_until = :v WHERE id = :id",
      soci::use(status), soci::use(d), soci::use(v, ind), soci::use(id);
}

}  // namespace skillreg
