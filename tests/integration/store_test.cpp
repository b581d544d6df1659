// The repositories on a real database of each backend, without the server.
#include <gtest/gtest.h>

#include "app/bootstrap.hpp"
#include "core/crypto.hpp"
#include "store/activity_bulk.hpp"
#include "store/audit_repo.hpp"
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

// A big candidate batch on SQLite drops the index of identity_index alone partway and builds it
// again before committing (store/activity_bulk.hpp); a rollback brings it back by itself. On
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

INSTANTIATE_TEST_SUITE_P(Backends, Store, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return std::string(to_string(info.param)); });

}  // namespace skillreg::test
