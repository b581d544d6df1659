// The repositories on a real database of each backend, without the server.
#include <gtest/gtest.h>
#include <algorithm>
#include <atomic>
#include <future>
#include <thread>
#include <soci/sqlite3/soci-sqlite3.h>

#include "app/bootstrap.hpp"
#include "core/crypto.hpp"
#include "store/activity_bulk.hpp"
#include "store/audit_repo.hpp"
#include "store/candidate_repo.hpp"
#include "store/migrations.hpp"
#include "store/reference_repo.hpp"
#include "store/user_repo.hpp"
#include "support/server_process.hpp"

namespace skillreg::test {

class Store : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    crypto::init();
    scratch_ = std::make_unique<ScratchDatabase>(GetParam());
    db_ = Database::open(scratch_->url(), 4);
    prepare_database(*db_, clock_);
  }
  FixedClock clock_{1'780'000'000};
  std::unique_ptr<ScratchDatabase> scratch_;
  std::unique_ptr<Database> db_;
};

TEST_P(Store, MigrationsApplyOnceAndReferenceDataLoadsOnce) {
  EXPECT_TRUE(apply_migrations(*db_).empty());
  prepare_database(*db_, clock_);
  auto counts = db_->read([](Tx& tx) -> Result<std::pair<long long, long long>> {
    long long regions = 0, calendar = 0;
    tx.sql << "SELECT COUNT(*) FROM regions", soci::into(regions);
    tx.sql << "SELECT COUNT(*) FROM calendar_days", soci::into(calendar);
    return std::pair{regions, calendar};
  });
  ASSERT_TRUE(counts);
  EXPECT_EQ(counts->first, 102);
  EXPECT_EQ(counts->second, 108);
}

TEST_P(Store, UsersRoundTripWithOptionalInstitution) {
  auto id = db_->write([&](Tx& tx) -> Result<std::int64_t> {
    User u;
    u.username = "roundtrip";
    u.display_name = "往返";
    u.password_hash = "x";
    u.role = Role::institution_admin;
    u.region_code = "330106";
    u.institution_id = 42;
    u.created_at = u.password_changed_at = clock_.now();
    return UserRepo(tx).insert(u);
  });
  ASSERT_TRUE(id);
  auto back = db_->read([&](Tx& tx) -> Result<User> { return *UserRepo(tx).by_id(*id); });
  ASSERT_TRUE(back);
  EXPECT_EQ(back->display_name, "往返");
  EXPECT_EQ(back->role, Role::institution_admin);
  EXPECT_EQ(back->institution_id, 42);
  auto missing = db_->read([&](Tx& tx) -> Result<bool> { return UserRepo(tx).by_username("nobody").has_value(); });
  EXPECT_EQ(missing, false);
}

TEST_P(Store, AFailedUseCaseLeavesNothingBehind) {
  auto r = db_->write([&](Tx& tx) -> Result<int> {
    User u;
    u.username = "ghost";
    u.display_name = "ghost";
    u.password_hash = "x";
    u.region_code = "330106";
    UserRepo(tx).insert(u);
    return invalid({{"x", "rolled_back"}});
  });
  EXPECT_FALSE(r);
  auto found = db_->read([&](Tx& tx) -> Result<bool> { return UserRepo(tx).by_username("ghost").has_value(); });
  EXPECT_EQ(found, false);
}

TEST_P(Store, ADriverErrorRollsBackAndBecomesAnInternalError) {
  auto r = db_->write([&](Tx& tx) -> Result<int> {
    User u;
    u.username = "orphan";
    u.display_name = "x";
    u.password_hash = "x";
    u.region_code = "999999";  // violates the foreign key to regions
    UserRepo(tx).insert(u);
    return 1;
  });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::internal);
}

TEST_P(Store, AuditAppendsChainInOrderUnderConcurrentWriters) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        auto r = db_->write([&](Tx& tx) -> Status {
          AuditEntry e;
          e.at = clock_.now();
          e.action = "test.append";
          e.object_type = "thread";
          e.object_id = std::to_string(t);
          e.region_code = "330000";
          e.before_json = e.after_json = "null";
          AuditRepo(tx).append(e);
          return {};
        });
        ASSERT_TRUE(r);
      }
    });
  for (auto& th : threads) th.join();
  auto check = db_->read([](Tx& tx) -> Result<ChainCheck> {
    AuditRepo repo(tx);
    ChainVerifier v;
    repo.scan([&](const AuditEntry& e) { v.feed(e); });
    auto [seq, hash] = repo.head();
    return v.finish(seq, hash);
  });
  ASSERT_TRUE(check);
  EXPECT_TRUE(check->valid) << check->problem;
  EXPECT_EQ(check->entries, 41);  // the reference-data load and 40 appends
}

TEST_P(Store, OccupationSearchPagesAndFilters) {
  auto page = db_->read([](Tx& tx) -> Result<Page<Occupation>> {
    return ReferenceRepo(tx).occupations({"消防", std::nullopt, {1, 10}});
  });
  ASSERT_TRUE(page);
  EXPECT_GE(page->total, 3);
  for (const auto& o : page->items) EXPECT_NE(o.name.find("消防"), std::string::npos);
}

// A big candidate batch on SQLite drops the unique index of identity_index and plan_id partway and
// builds it again before committing (store/activity_bulk.hpp); a rollback brings it back by itself. On
// PostgreSQL, where DROP INDEX would lock the table for the whole batch, the index is never dropped.
TEST_P(Store, ABulkCandidateWriterBuildsTheDeferredIndexAgainOrRollsItBack) {
  const bool sqlite = GetParam() == Backend::sqlite;
  db_->set_identities(std::make_shared<const IdentityVault>(*IdentityVault::from_master_key(std::string(32, 'k'))));
  const auto index_count = [&](Tx& tx) {
    long long n = 0;
    if (sqlite)
      tx.sql << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'candidates_identity'",
          soci::into(n);
    else
      tx.sql << "SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'candidates_identity'", soci::into(n);
    return n;
  };
  const auto write = [&](bool finish) {
    return db_->write([&](Tx& tx) -> Status {
      if (sqlite) tx.sql << "PRAGMA defer_foreign_keys = ON";  // no plan row: the transaction never commits
      else tx.sql << "SET LOCAL session_replication_role = replica";  // the tests' superuser: no FK checks
      CandidateWriter w(tx);
      w.defer_identity_index(10);
      for (int i = 0; i < 30; ++i) {
        Candidate c;
        c.plan_id = 999;
        c.identity_no = "3301021990030" + std::to_string(71000 + i);
        c.name = "考生";
        c.sex = "M";
        c.education = "college";
        c.eligibility_json = "{}";
        w.insert(c);
      }
      EXPECT_EQ(index_count(tx), sqlite ? 0 : 1) << (sqlite ? "dropped after 10 rows" : "kept on PostgreSQL");
      if (finish) {
        w.finish();
        EXPECT_EQ(index_count(tx), 1);
        std::string definition;
        tx.sql << (sqlite ? "SELECT sql FROM sqlite_master WHERE name = 'candidates_identity'"
                          : "SELECT indexdef FROM pg_indexes WHERE indexname = 'candidates_identity'"),
            soci::into(definition);
        EXPECT_NE(definition.find("UNIQUE"), std::string::npos) << definition;
        long long found = 0;
        const auto ix = identity_index(tx, "330102199003071007");
        const std::string table = sqlite ? "candidates INDEXED BY candidates_identity" : "candidates";
        tx.sql << "SELECT COUNT(*) FROM " + table + " WHERE identity_index = :i", soci::use(ix), soci::into(found);
        EXPECT_EQ(found, 1) << "the index holds the rows written before and after the drop";
      }
      return fail(ErrorKind::conflict, "回滚", "Rolled back");
    });
  };
  EXPECT_FALSE(write(true));
  EXPECT_FALSE(write(false));
  auto after = db_->read([&](Tx& tx) -> Result<long long> { return index_count(tx); });
  EXPECT_EQ(after, 1) << "the rollback restored the index";
}

// S14(1) 实时监测: no trigger marks a plan when candidates are inserted (migration 0017); a single
// insert marks its plan, and a bulk writer each plan it writes to. S19(2): each distinct verdict
// of the conditions re-check is stored once and every candidate reads its own back unchanged.
TEST_P(Store, S14_1_CandidateInsertsMarkTheirPlanForRescoringAndShareOneStoredVerdict) {
  const bool sqlite = GetParam() == Backend::sqlite;
  db_->set_identities(std::make_shared<const IdentityVault>(*IdentityVault::from_master_key(std::string(32, 'k'))));
  const std::string met = R"({"checks":[{"met":true,"route":"4a","unmet":[]}],"eligible":true,"met_route":"4a"})";
  const std::string unmet = R"({"checks":[{"met":false,"route":"4a","unmet":["years_in_trade"]}],"eligible":false,"met_route":null})";
  auto done = db_->write([&](Tx& tx) -> Status {
    if (sqlite) tx.sql << "PRAGMA defer_foreign_keys = ON";  // no plan rows: the transaction never commits
    else tx.sql << "SET LOCAL session_replication_role = replica";  // the tests' superuser: no FK checks
    tx.sql << "DELETE FROM monitoring_dirty";
    const auto dirty = [&](long long plan) {
      long long n = 0;
      tx.sql << "SELECT COUNT(*) FROM monitoring_dirty WHERE plan_id = :p", soci::use(plan), soci::into(n);
      return n;
    };
    const auto candidate = [&](long long plan, int seq, const std::string& verdict) {
      Candidate c;
      c.plan_id = plan;
      c.identity_no = "3301021990030" + std::to_string(72000 + seq);
      c.name = "考生";
      c.sex = "M";
      c.education = "college";
      c.eligible = verdict == met;
      c.eligibility_json = verdict;
      return c;
    };
    const auto single = CandidateRepo(tx).insert(candidate(901, 0, unmet));
    EXPECT_EQ(dirty(901), 1) << "a single insert marks its plan";
    std::vector<std::pair<std::int64_t, std::string>> written;
    {
      CandidateWriter w(tx);
      for (int i = 1; i <= 20; ++i) {
        const auto c = candidate(i % 2 ? 902 : 903, i, i % 3 ? met : unmet);
        written.emplace_back(w.insert(c, 77), c.eligibility_json);
      }
      w.finish();
    }
    EXPECT_EQ(dirty(902), 1) << "a batch marks each of its plans";
    EXPECT_EQ(dirty(903), 1) << "a batch marks each of its plans";
    EXPECT_EQ(dirty(904), 0);
    long long verdicts = 0;
    tx.sql << "SELECT COUNT(*) FROM eligibility_verdicts", soci::into(verdicts);
    EXPECT_EQ(verdicts, 2) << "each distinct verdict stored once";
    CandidateRepo repo(tx);
    EXPECT_EQ(repo.find(single)->eligibility_json, unmet);
    for (const auto& [id, verdict] : written) EXPECT_EQ(repo.find(id)->eligibility_json, verdict) << id;
    CandidateQuery q;
    q.plan_id = 903;
    q.eligible = true;
    const auto page = repo.list(q);
    EXPECT_EQ(page.total, 7);  // even i in 1..20 with i % 3 != 0
    for (const auto& c : page.items) EXPECT_EQ(c.eligibility_json, met);
    return fail(ErrorKind::conflict, "回滚", "Rolled back");
  });
  EXPECT_FALSE(done);
}

// A database written before migration 0017 keeps every candidate, each with its verdict now in
// eligibility_verdicts, and their scores; no plan is marked for re-scoring by the move, and
// updates and scores still mark theirs. On SQLite the table is rebuilt with the foreign key checks
// off (store/migrations.cpp); they are on again afterwards. The three rows name plans that do not
// exist (the test writes them with the checks off): references broken before are no reason to
// refuse the step, only references it would break.
class StoreUpgrade : public ::testing::TestWithParam<Backend> {};

TEST_P(StoreUpgrade, Migration0017MovesEachCandidatesVerdictIntoItsOwnTable) {
  const bool sqlite = GetParam() == Backend::sqlite;
  ScratchDatabase scratch(GetParam());
  auto db = Database::open(scratch.url(), 1);
  const std::string a = R"({"eligible":true,"met_route":"4a","checks":[]})";
  const std::string b = R"({"eligible":false,"met_route":null,"checks":[]})";
  {
    Database::Lease lease(*db);
    auto& sql = lease.sql();
    sql << "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";
    for (const auto& m : shipped_migrations(GetParam())) {
      if (m.version >= 17) continue;
      db->exec_script(sql, m.script);
      sql << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, 0)", soci::use(m.version),
          soci::use(m.name);
    }
    sql << (sqlite ? "PRAGMA foreign_keys = OFF" : "SET session_replication_role = replica");  // no plan rows
    int seq = 0;
    for (const auto& [plan, verdict] : std::vector<std::pair<long long, std::string>>{{7, a}, {7, b}, {8, a}}) {
      const std::string ix = "ix" + std::to_string(++seq);
      sql << "INSERT INTO candidates (plan_id, identity_index, identity_sealed, name, birth_date, sex, education,"
             " years_in_trade, review, eligible, eligibility_json, created_at)"
             " VALUES (:p, :ix, '', '考生', '1990-01-01', 'M', 'college', 3, 'pending', 1, :ej, 0)",
          soci::use(plan), soci::use(ix), soci::use(verdict);
    }
    sql << "INSERT INTO scores (candidate_id, part, score, recorded_at)"
           " SELECT id, 'theory', 60, 0 FROM candidates WHERE identity_index = 'ix1'";
    sql << (sqlite ? "PRAGMA foreign_keys = ON" : "SET session_replication_role = DEFAULT");
    sql << "DELETE FROM monitoring_dirty";
  }
  const auto applied = apply_migrations(*db);
  ASSERT_FALSE(applied.empty());
  EXPECT_EQ(applied.front(), 17);
  auto state = db->write([&](Tx& tx) -> Result<std::string> {
    std::string out;
    long long n = 0;
    tx.sql << "SELECT COUNT(*) FROM eligibility_verdicts", soci::into(n);
    out += "verdicts=" + std::to_string(n) + ";";
    tx.sql << "SELECT COUNT(*) FROM monitoring_dirty", soci::into(n);
    out += "dirty=" + std::to_string(n) + ";";
    std::string ix, verdict;
    soci::statement st = (tx.sql.prepare << "SELECT c.identity_index, v.verdict FROM candidates c"
                                            " JOIN eligibility_verdicts v ON v.id = c.eligibility_id ORDER BY c.id",
                          soci::into(ix), soci::into(verdict));
    st.execute();
    while (st.fetch()) out += ix + "=" + verdict + ";";
    tx.sql << "SELECT COUNT(*) FROM scores s JOIN candidates c ON c.id = s.candidate_id WHERE c.identity_index = 'ix1'",
        soci::into(n);
    out += "scores=" + std::to_string(n) + ";";
    // The triggers that mark plans for re-scoring read the new table: an update of a candidate,
    // and a score (its trigger looks the candidate's plan up).
    tx.sql << "UPDATE candidates SET review = 'admitted' WHERE identity_index = 'ix2'";
    tx.sql << "INSERT INTO scores (candidate_id, part, score, recorded_at)"
              " SELECT id, 'theory', 70, 0 FROM candidates WHERE identity_index = 'ix3'";
    soci::statement dirty = (tx.sql.prepare << "SELECT plan_id FROM monitoring_dirty ORDER BY plan_id", soci::into(n));
    dirty.execute();
    while (dirty.fetch()) out += "dirty:" + std::to_string(n) + ";";
    return out;
  });
  ASSERT_TRUE(state);
  EXPECT_EQ(*state, "verdicts=2;dirty=0;ix1=" + a + ";ix2=" + b + ";ix3=" + a + ";scores=1;dirty:7;dirty:8;");
  // The references to candidates hold as before: a score of nobody is refused.
  auto orphan = db->write([&](Tx& tx) -> Status {
    tx.sql << "INSERT INTO scores (candidate_id, part, score, recorded_at) VALUES (999, 'theory', 1, 0)";
    return {};
  });
  EXPECT_FALSE(orphan);
}

// S23, S24: a database written before migration 0028 gets each case's measure as proposed and as
// decided from the audit log's case.propose and case.decide entries (the case's state after the
// step), so the documents of a case changed at its decision or on review say what they said when
// issued; a case with no such entry takes its measure in force; a draft has neither, a dropped
// decision no decided measure.
TEST_P(StoreUpgrade, S23_S24_Migration0028TakesTheMeasuresProposedAndDecidedFromTheAuditLog) {
  ScratchDatabase scratch(GetParam());
  auto db = Database::open(scratch.url(), 1);
  {
    Database::Lease lease(*db);
    auto& sql = lease.sql();
    sql << "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";
    for (const auto& m : shipped_migrations(GetParam())) {
      if (m.version >= 28) continue;
      db->exec_script(sql, m.script);
      sql << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, 0)", soci::use(m.version),
          soci::use(m.name);
    }
    sql << "INSERT INTO regions (code, name, level, parent_code) VALUES ('330212', '鄞州区', 'county', NULL)";
    sql << "INSERT INTO institutions (id, code, kind, name, credit_code, address, region_code, authority_code, contact,"
           " phone, public_phone, status, approved_on, valid_until, created_at) VALUES (9, 'Y000033000009', 'employer',"
           " '鄞州机构', '91330212MA0000000X', '鄞州大道1号', '330212', '330212', '张三', '0574-1', '0574-1', 'active',"
           " '2025-01-01', '2028-01-01', 0)";
    // case_no, status, measure in force, proposed_on, decision
    const std::vector<std::vector<std::string>> cases{
        {"鄞人社监〔2026〕1号", "reviewed", "void_results", "2026-11-02", "changed"},  // notice → interview → review
        {"鄞人社监〔2026〕2号", "decided", "notice", "2026-11-02", "upheld"},          // no audit entries
        {"鄞人社监〔2026〕3号", "draft", "interview", "", ""},
        {"鄞人社监〔2026〕4号", "dropped", "notice", "2026-11-02", "dropped"}};
    for (const auto& c : cases) {
      soci::indicator proposed = c[3].empty() ? soci::i_null : soci::i_ok,
                      decision = c[4].empty() ? soci::i_null : soci::i_ok;
      sql << "INSERT INTO cases (case_no, institution_id, authority_code, status, origin, items_json, facts, measure,"
             " proposed_on, decision, created_at, updated_at)"
             " VALUES (:no, 9, '330212', :s, 'manual', '[\"S20(2)\"]', '事实', :m, :po, :d, 0, 0)",
          soci::use(c[0]), soci::use(c[1]), soci::use(c[2]), soci::use(c[3], proposed), soci::use(c[4], decision);
    }
    long long seq = 0;
    const auto audit = [&](const std::string& case_no, const std::string& action, const std::string& measure) {
      long long id = 0;
      sql << "SELECT id FROM cases WHERE case_no = :no", soci::use(case_no), soci::into(id);
      const std::string object = std::to_string(id), after = R"({"status":"x","measure":")" + measure + R"("})";
      ++seq;
      sql << "INSERT INTO audit_log (seq, at, actor_user_id, actor_username, action, object_type, object_id, region_code,"
             " institution_id, before_json, after_json, prev_hash, hash)"
             " VALUES (:q, 0, 1, 'yinzhou', :a, 'case', :o, '330212', 9, '{}', :af, '', '')",
          soci::use(seq), soci::use(action), soci::use(object), soci::use(after);
    };
    audit("鄞人社监〔2026〕1号", "case.propose", "notice");
    audit("鄞人社监〔2026〕1号", "case.decide", "interview");
    audit("鄞人社监〔2026〕1号", "case.review_decision", "void_results");
    audit("鄞人社监〔2026〕4号", "case.propose", "cancellation");
    audit("鄞人社监〔2026〕4号", "case.decide", "notice");
  }
  const auto applied = apply_migrations(*db);
  EXPECT_NE(std::ranges::find(applied, 28), applied.end());
  auto state = db->read([&](Tx& tx) -> Result<std::string> {
    std::string out, no, proposed, decided;
    soci::statement st = (tx.sql.prepare << "SELECT case_no, COALESCE(proposed_measure, '-'), COALESCE(decided_measure, '-')"
                                            " FROM cases ORDER BY id",
                          soci::into(no), soci::into(proposed), soci::into(decided));
    st.execute();
    while (st.fetch()) out += no.substr(no.size() - 4) + "=" + proposed + "/" + decided + ";";
    return out;
  });
  ASSERT_TRUE(state);
  EXPECT_EQ(*state, "1号=notice/interview;2号=notice/notice;3号=-/-;4号=cancellation/-;");
}

// Issue 4 (bulk ingest): a new SQLite file is made of 16 KiB pages; a file made before keeps the
// page size it has and works as before.
TEST(SqliteFile, Issue4_ANewDatabaseHas16KiBPagesAndAnOlderFileKeepsItsOwn) {
  crypto::init();
  FixedClock clock{1'780'000'000};
  const auto page_size = [](Database& db) {
    auto size = db.read([](Tx& tx) -> Result<long long> {
      long long n = 0;
      tx.sql << "PRAGMA page_size", soci::into(n);
      return n;
    });
    return size ? *size : -1;
  };
  ScratchDatabase fresh(Backend::sqlite);
  auto db = Database::open(fresh.url(), 2);
  prepare_database(*db, clock);
  EXPECT_EQ(page_size(*db), 16384);

  ScratchDatabase older(Backend::sqlite);
  {
    soci::session raw(soci::sqlite3, "db=\"" + older.sqlite_file().string() + "\"");
    raw << "PRAGMA page_size=4096";
    raw << "CREATE TABLE made_before (x INTEGER)";
  }
  auto old_db = Database::open(older.url(), 2);
  prepare_database(*old_db, clock);
  EXPECT_EQ(page_size(*old_db), 4096);
  auto regions = old_db->read([](Tx& tx) -> Result<long long> {
    long long n = 0;
    tx.sql << "SELECT COUNT(*) FROM regions", soci::into(n);
    return n;
  });
  ASSERT_TRUE(regions);
  EXPECT_EQ(*regions, 102);
}

// Shutdown (src/main.cpp): a background worker caught in a long statement must not keep the
// process alive after SIGTERM. The statement below never ends on its own, so without the
// interrupt this test hangs until ctest's timeout fails it.
TEST(SqliteFile, AtShutdownALongStatementIsInterruptedAndItsTransactionRolledBack) {
  crypto::init();
  FixedClock clock{1'780'000'000};
  ScratchDatabase scratch(Backend::sqlite);
  auto db = Database::open(scratch.url(), 2);
  prepare_database(*db, clock);
  const auto count_marks = [&] {
    return db->read([](Tx& tx) -> Result<long long> {
      long long n = 0;
      tx.sql << "SELECT COUNT(*) FROM shutdown_marks", soci::into(n);
      return n;
    });
  };
  ASSERT_TRUE(db->write([](Tx& tx) -> Status {
    tx.sql << "CREATE TABLE shutdown_marks (x TEXT)";
    return {};
  }));

  std::atomic<bool> started{false};
  Status outcome;
  std::thread worker([&] {
    outcome = db->write([&](Tx& tx) -> Status {
      tx.sql << "INSERT INTO shutdown_marks (x) VALUES ('written before the long statement')";
      started = true;
      long long n = 0;
      tx.sql << "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT COUNT(*) FROM c",
          soci::into(n);
      return {};
    });
  });
  while (!started) std::this_thread::yield();
  db->interrupt_long_statements();
  worker.join();

  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().kind, ErrorKind::internal);
  // The row written before the long statement went with its transaction; a short statement, such
  // as a key lookup, still runs.
  auto marks = count_marks();
  ASSERT_TRUE(marks);
  EXPECT_EQ(*marks, 0);
}

// S14(1) re-scoring reads a plan for seconds when it holds a million candidates: it runs as a
// write that takes SQLite's write lock only at its first write (Database::write_after_reading).
class SqliteWriteAfterReading : public ::testing::Test {
 protected:
  void SetUp() override {
    crypto::init();
    db_ = Database::open(scratch_.url(), 3);
    prepare_database(*db_, clock_);
    ASSERT_TRUE(db_->write([](Tx& tx) -> Status {
      tx.sql << "CREATE TABLE counters (name TEXT PRIMARY KEY, n INTEGER NOT NULL)";
      tx.sql << "INSERT INTO counters (name, n) VALUES ('a', 0)";
      return {};
    }));
  }
  static long long value(Tx& tx) {
    long long n = -1;
    tx.sql << "SELECT n FROM counters WHERE name = 'a'", soci::into(n);
    return n;
  }
  long long value() {
    auto n = db_->read([](Tx& tx) -> Result<long long> { return value(tx); });
    return n ? *n : -1;
  }
  // Adds one to what `seen` read, in `tx`.
  static long long store_next(Tx& tx, long long seen) {
    const long long next = seen + 1;
    tx.sql << "UPDATE counters SET n = :n WHERE name = 'a'", soci::use(next, "n");
    return next;
  }
  // Another writer adds 10, on its own thread and connection; true when it committed within a
  // few seconds (while the caller's transaction is still open).
  bool add_ten_elsewhere() {
    auto other = std::async(std::launch::async, [this] {
      return bool(db_->write([](Tx& tx) -> Status {
        tx.sql << "UPDATE counters SET n = n + 10 WHERE name = 'a'";
        return {};
      }));
    });
    if (other.wait_for(std::chrono::seconds(5)) != std::future_status::ready) {
      other.wait();
      return false;
    }
    return other.get();
  }

  FixedClock clock_{1'780'000'000};
  ScratchDatabase scratch_{Backend::sqlite};
  std::unique_ptr<Database> db_;
};

TEST_F(SqliteWriteAfterReading, S14_1_LeavesOtherWritersFreeWhileItReadsAndRunsAgainOnFreshData) {
  int calls = 0;
  bool other_went_on = false;
  auto done = db_->write_after_reading([&](Tx& tx) -> Result<long long> {
    ++calls;
    const long long seen = value(tx);
    // While this transaction has only read, another writer is not held up...
    if (calls == 1) other_went_on = add_ten_elsewhere();
    // ...and since it committed, this write is refused and the whole function runs again on
    // the data as it now is: adding one to what the first run saw would lose its ten.
    return store_next(tx, seen);
  });
  ASSERT_TRUE(done) << done.error().message_en;
  EXPECT_TRUE(other_went_on);
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(*done, 11);
  EXPECT_EQ(value(), 11);
}

TEST_F(SqliteWriteAfterReading, S14_1_ThatKeepsLosingTheRaceEndsAsAPlainWrite) {
  int calls = 0;
  auto done = db_->write_after_reading([&](Tx& tx) -> Result<long long> {
    ++calls;
    const long long seen = value(tx);
    // Someone else commits during every attempt that only reads first; the last attempt holds
    // the write lock from its start, so nobody can (and this one must not wait for anybody).
    if (calls <= Database::kUpgradeAttempts) {
      EXPECT_TRUE(add_ten_elsewhere()) << calls;
    }
    return store_next(tx, seen);
  });
  ASSERT_TRUE(done) << done.error().message_en;
  EXPECT_EQ(calls, Database::kUpgradeAttempts + 1);
  EXPECT_EQ(value(), 10 * Database::kUpgradeAttempts + 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreUpgrade, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return std::string(to_string(info.param)); });

INSTANTIATE_TEST_SUITE_P(Backends, Store, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return std::string(to_string(info.param)); });

}  // namespace skillreg::test
