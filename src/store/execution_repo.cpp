#include "store/execution_repo.hpp"

namespace skillreg {

namespace {

constexpr const char* kPaperColumns =
    "SELECT pa.session_id, s.plan_id, pa.paper_id, pa.generated_at, pa.paperless, pa.created_at"
    " FROM papers pa JOIN plan_sessions s ON s.id = pa.session_id";
constexpr const char* kInsertPaper =
    "INSERT INTO papers (session_id, paper_id, generated_at, paperless, created_at) VALUES (:s, "
    ":p, :g, :pl, :c)";
constexpr const char* kOtherPlansUsing =
    "SELECT DISTINCT s.plan_id FROM papers pa JOIN plan_sessions s ON s.id = pa.session_id"
    " WHERE pa.paper_id = :p AND s.plan_id <> :plan ORDER BY s.plan_id";
constexpr const char* kVideoExists =
    "SELECT COUNT(*) FROM videos WHERE session_id = :s AND storage_id = :st";
constexpr const char* kInsertVideo =
    "INSERT INTO videos (session_id, room, storage_id, starts_at, ends_at, sha256, created_at)"
    " VALUES (:s, :r, :st, :b, :e, :h, :c) RETURNING id";
constexpr const char* kVideosOfPlan =
    "SELECT v.id, v.session_id, v.room, v.storage_id, v.starts_at, v.ends_at, v.sha256, "
    "v.created_at"
    " FROM videos v JOIN plan_sessions s ON s.id = v.session_id WHERE s.plan_id = :p"
    " ORDER BY v.session_id, v.room, v.starts_at, v.id";
constexpr const char* kDocumentColumns =
    "SELECT plan_id, doc_key, file_name, sha256, size_bytes, created_at FROM plan_documents";
constexpr const char* kDeleteDocument =
    "DELETE FROM plan_documents WHERE plan_id = :p AND doc_key = :k";
constexpr const char* kInsertDocument =
    "INSERT INTO plan_documents (plan_id, doc_key, file_name, sha256, size_bytes, created_at)"
    " VALUES (:p, :k, :f, :h, :n, :c)";

}  // namespace

std::optional<Paper> ExecutionRepo::paper_of_session(std::int64_t session_id) {
  Paper p;
  int paperless = 0;
  tx_.sql << std::string(kPaperColumns) + " WHERE pa.session_id = :s", soci::use(session_id),
      soci::into(p.session_id), soci::into(p.plan_id), soci::into(p.paper_id),
      soci::into(p.generated_at), soci::into(paperless), soci::into(p.created_at);
  if (!tx_.sql.got_data()) return std::nullopt;
  p.paperless = paperless != 0;
  return p;
}

void ExecutionRepo::insert_paper(const Paper& p) {
  const int paperless = p.paperless ? 1 : 0;
  tx_.sql << kInsertPaper, soci::use(p.session_id), soci::use(p.paper_id),
      soci::use(p.generated_at), soci::use(paperless), soci::use(p.created_at);
}

std::vector<Paper> ExecutionRepo::papers_of_plan(std::int64_t plan_id) {
  std::vector<Paper> out;
  Paper p;
  int paperless = 0;
  soci::statement st =
      (tx_.sql.prepare << std::string(kPaperColumns) +
                              " WHERE s.plan_id = :p ORDER BY s.starts_at, pa.session_id",
       soci::use(plan_id), soci::into(p.session_id), soci::into(p.plan_id), soci::into(p.paper_id),
       soci::into(p.generated_at), soci::into(paperless), soci::into(p.created_at));
  st.execute();
  while (st.fetch()) {
    p.paperless = paperless != 0;
    out.push_back(p);
  }
  return out;
}

std::vector<std::int64_t> ExecutionRepo::other_plans_using(const std::string& paper_id,
                                                           std::int64_t plan_id) {
  std::vector<std::int64_t> out;
  std::int64_t id = 0;
  soci::statement st = (tx_.sql.prepare << kOtherPlansUsing, soci::use(paper_id, "p"),
                        soci::use(plan_id, "plan"), soci::into(id));
  st.execute();
  while (st.fetch()) out.push_back(id);
  return out;
}

bool ExecutionRepo::video_exists(std::int64_t session_id, const std::string& storage_id) {
  long long n = 0;
  tx_.sql << kVideoExists, soci::use(session_id), soci::use(storage_id), soci::into(n);
  return n > 0;
}

std::int64_t ExecutionRepo::insert_video(const Video& v) {
  long long id = 0;
  tx_.sql << kInsertVideo, soci::use(v.session_id), soci::use(v.room), soci::use(v.storage_id),
      soci::use(v.starts_at), soci::use(v.ends_at), soci::use(v.sha256), soci::use(v.created_at),
      soci::into(id);
  return id;
}

std::vector<Video> ExecutionRepo::videos_of_plan(std::int64_t plan_id) {
  std::vector<Video> out;
  Video v;
  soci::statement st = (tx_.sql.prepare << kVideosOfPlan, soci::use(plan_id), soci::into(v.id),
                        soci::into(v.session_id), soci::into(v.room), soci::into(v.storage_id),
                        soci::into(v.starts_at), soci::into(v.ends_at), soci::into(v.sha256),
                        soci::into(v.created_at));
  st.execute();
  while (st.fetch()) out.push_back(v);
  return out;
}

std::optional<PlanDocument> ExecutionRepo::document(std::int64_t plan_id, const std::string& key) {
  PlanDocument d;
  tx_.sql << std::string(kDocumentColumns) + " WHERE plan_id = :p AND doc_key = :k",
      soci::use(plan_id), soci::use(key), soci::into(d.plan_id), soci::into(d.key),
      soci::into(d.file_name), soci::into(d.sha256), soci::into(d.size), soci::into(d.created_at);
  if (!tx_.sql.got_data()) return std::nullopt;
  return d;
}

void ExecutionRepo::put_document(const PlanDocument& d) {
  tx_.sql << kDeleteDocument, soci::use(d.plan_id), soci::use(d.key);
  tx_.sql << kInsertDocument, soci::use(d.plan_id), soci::use(d.key), soci::use(d.file_name),
      soci::use(d.sha256), soci::use(d.size), soci::use(d.created_at);
}

std::vector<PlanDocument> ExecutionRepo::documents_of_plan(std::int64_t plan_id) {
  std::vector<PlanDocument> out;
  PlanDocument d;
  soci::statement st =
      (tx_.sql.prepare << std::string(kDocumentColumns) + " WHERE plan_id = :p ORDER BY doc_key",
       soci::use(plan_id), soci::into(d.plan_id), soci::into(d.key), soci::into(d.file_name),
       soci::into(d.sha256), soci::into(d.size), soci::into(d.created_at));
  st.execute();
  while (st.fetch()) out.push_back(d);
  return out;
}

}  // namespace skillreg
