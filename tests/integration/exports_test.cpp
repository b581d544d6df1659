// Exports (issue 10 §4): every paged list also answers ?format=csv with its own filters and
// scope, the whole list streamed in chunks while it is read page by page.
#include <gmock/gmock.h>

#include "core/csv.hpp"
#include "http/list_export.hpp"
#include "core/identity_vault.hpp"
#include "store/audit_repo.hpp"
#include "store/database.hpp"
#include "store/candidate_repo.hpp"
#include "store/certificate_repo.hpp"
#include "store/plan_repo.hpp"
#include "support/fixture.hpp"
#include "support/sql.hpp"

namespace skillreg::test {

namespace {

// The records of a CSV export: the header, then one vector per row.
std::vector<std::vector<std::string>> records(const std::string& body) {
  std::vector<std::vector<std::string>> out;
  EXPECT_TRUE(body.starts_with("\xEF\xBB\xBF")) << "a BOM, so spreadsheets read UTF-8";
  CsvReader reader(std::string_view(body).substr(3));
  while (auto row = reader.next()) {
    EXPECT_TRUE(row->has_value());
    if (!row->has_value()) break;
    out.push_back((*row)->fields);
  }
  return out;
}

}  // namespace

class Exports : public DemoProvinceTest {};

TEST_P(Exports, EveryPagedListExportsWholeAsCsvWithItsFiltersAndScope) {
  auto province = as("province");
  // More audit entries than one internal page, so the export reads several: copies of the first
  // entry written straight into the table (the chain no longer verifies; this test reads lists).
  exec_sql(*db_, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2100)"
                 " INSERT INTO audit_log (seq, at, actor_user_id, actor_username, action, object_type, object_id,"
                 " region_code, institution_id, before_json, after_json, prev_hash, hash)"
                 " SELECT m.top + n.i, a.at, a.actor_user_id, a.actor_username, 'export.copy', a.object_type, a.object_id,"
                 " a.region_code, a.institution_id, a.before_json, a.after_json, a.prev_hash, a.hash"
                 " FROM audit_log a, n, (SELECT MAX(seq) AS top FROM audit_log) m WHERE a.seq = (SELECT MIN(seq) FROM audit_log);"
                 " UPDATE audit_head SET seq = (SELECT MAX(seq) FROM audit_log)");
  const auto audit = province.get("/api/v1/audit?page_size=1").json();
  const std::int64_t total = audit["total"];
  ASSERT_GT(total, http::kExportPageSize) << "the demo province's audit log spans several export pages";
  auto csv = province.get("/api/v1/audit?format=csv");
  ASSERT_EQ(csv.status, 200) << csv.body.substr(0, 300);
  EXPECT_TRUE(csv.chunks_decoded) << "streamed as chunks";
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.header("content-disposition"), "attachment; filename=\"audit.csv\"");
  const auto rows = records(csv.body);
  ASSERT_EQ(std::int64_t(rows.size()), total + 1) << "the header and every entry, each once";
  ASSERT_THAT(rows[0], ::testing::IsSupersetOf({"seq", "action", "object_type"}));
  std::set<std::string> ids;
  const auto id_column = std::ranges::find(rows[0], "seq") - rows[0].begin();
  for (std::size_t i = 1; i < rows.size(); ++i) ids.insert(rows[i][id_column]);
  EXPECT_EQ(std::int64_t(ids.size()), total) << "no entry twice across pages";

  // The list's own filters and scope.
  for (const std::string who : {"province", "hangzhou", "yinzhou"}) {
    auto c = as(who);
    for (const std::string list : {"/api/v1/institutions?status=active", "/api/v1/institutions", "/api/v1/cases",
                                   "/api/v1/inspections", "/api/v1/complaints", "/api/v1/users"}) {
      const auto page = c.get(list + (list.find('?') == std::string::npos ? "?" : "&") + "page_size=1");
      ASSERT_EQ(page.status, 200) << who << " " << list;
      const auto exported = c.get(list + (list.find('?') == std::string::npos ? "?" : "&") + "format=csv");
      ASSERT_EQ(exported.status, 200) << who << " " << list << ": " << exported.body.substr(0, 200);
      const auto lines = records(exported.body);
      const std::int64_t n = page.json()["total"];
      EXPECT_EQ(std::int64_t(lines.size()) - (lines.empty() ? 0 : 1), n) << who << " " << list;
    }
  }
  const auto active = records(province.get("/api/v1/institutions?status=active&format=csv").body);
  ASSERT_GT(active.size(), 1u);
  ASSERT_THAT(active[0], ::testing::Contains("status"));
  const auto status_column = std::ranges::find(active[0], "status") - active[0].begin();
  for (std::size_t i = 1; i < active.size(); ++i) EXPECT_EQ(active[i][status_column], "active");
  EXPECT_LT(records(as("yinzhou").get("/api/v1/institutions?format=csv").body).size(),
            records(province.get("/api/v1/institutions?format=csv").body).size())
      << "a county exports its own institutions only";

  // Bad requests are answered as the list answers them, before anything streams.
  EXPECT_EQ(province.get("/api/v1/institutions?format=xml").status, 400);
  EXPECT_EQ(province.get("/api/v1/institutions?format=csv&page=2").status, 400);
  EXPECT_EQ(province.get("/api/v1/institutions?format=csv&status=bogus").status,
            province.get("/api/v1/institutions?status=bogus").status);
  EXPECT_EQ(anonymous().get("/api/v1/audit?format=csv").status, 401);
  EXPECT_EQ(as("inst").get("/api/v1/users?format=csv").status, as("inst").get("/api/v1/users").status);
  EXPECT_EQ(province.get("/api/v1/institutions?format=json&page_size=1").json()["items"].size(), 1u);
}

// A long export reads its list by key (PageRequest::after), not by offset: every such list's
// keyed pages are exactly its offset pages, in the same order, and the total is not recounted.
class ExportKeyset : public ::testing::TestWithParam<Backend> {};

TEST_P(ExportKeyset, Issue10_KeysetPagesOfEachLongListEqualItsOffsetPages) {
  // A small synthetic province: a dozen plans, hundreds of candidates and certificates.
  ScratchDatabase scratch(GetParam());
  const auto demo = run_skillreg({"demo", "--scale", "300", "--seed", "7"}, scratch.url());
  ASSERT_EQ(demo.exit_code, 0) << demo.output;
  auto db = Database::open(scratch.url(), 1);
  db->set_identities(std::shared_ptr<const IdentityVault>(&test_identity_vault(), [](const IdentityVault*) {}));
  // Every region that has audit entries, so the audit list sees them all.
  const auto regions = *db->read([](Tx& tx) -> Result<std::vector<std::string>> {
    std::vector<std::string> out;
    soci::rowset<std::string> rows = (tx.sql.prepare << "SELECT DISTINCT region_code FROM audit_log");
    for (const auto& r : rows) out.push_back(r);
    return out;
  });
  const auto biggest_plan = std::stoll(query_text(
      scratch, "SELECT plan_id FROM candidates GROUP BY plan_id ORDER BY COUNT(*) DESC, plan_id LIMIT 1"));
  // Reads a list three rows a page by offset, then by key from the same first page, and compares.
  auto same_pages = [&](const std::string& list, auto read, auto key) {
    auto pages = db->read([&](Tx& tx) -> Result<std::pair<std::vector<std::string>, std::vector<std::string>>> {
      std::vector<std::string> by_offset, by_key;
      PageRequest p(1, 3);
      for (;; ++p.page) {
        auto page = read(tx, p);
        for (const auto& item : page.items) by_offset.push_back(key(item));
        if (page.items.size() < 3) break;
      }
      PageRequest k(1, 3);
      for (;;) {
        auto page = read(tx, k);
        if (k.after) {
          EXPECT_EQ(page.total, 0) << list << ": the total is not counted again";
        }
        for (const auto& item : page.items) by_key.push_back(key(item));
        if (page.items.size() < 3) break;
        k.after = key(page.items.back());
        k.count = false;
      }
      return std::pair{by_offset, by_key};
    });
    ASSERT_TRUE(pages.has_value()) << list;
    EXPECT_GT(pages->first.size(), 6u) << list << " spans several pages";
    EXPECT_EQ(pages->second, pages->first) << list;
  };
  same_pages("audit", [&](Tx& tx, PageRequest p) {
               AuditQuery q;
               q.regions = regions;
               q.page = p;
               return AuditRepo(tx).list(q);
             },
             [](const AuditEntry& e) { return std::to_string(e.seq); });
  same_pages("plans", [](Tx& tx, PageRequest p) {
               PlanQuery q;
               q.page = p;
               return PlanRepo(tx).list(q);
             },
             [](const Plan& x) { return std::to_string(x.id); });
  same_pages("candidates",
             [&](Tx& tx, PageRequest p) {
               CandidateQuery q;
               q.plan_id = biggest_plan;
               q.page = p;
               return CandidateRepo(tx).list(q);
             },
             [](const Candidate& c) { return std::to_string(c.id); });
  same_pages("certificates", [](Tx& tx, PageRequest p) {
               CertificateQuery q;
               q.page = p;
               return CertificateRepo(tx).list(q);
             },
             [](const Certificate& c) { return c.cert_no; });
}

SKILLREG_ON_BOTH_BACKENDS(Exports);
SKILLREG_ON_BOTH_BACKENDS(ExportKeyset);

}  // namespace skillreg::test
