#pragma once
// What the test processes of one build share, in its folder (SKILLREG_TEST_CACHE_DIR): the
// identity key of every skillreg they start, and the demo databases the tests start from. ctest
// runs each test in its own process, two at a time; the folder's lock lets one in at a time.
#include <filesystem>

namespace skillreg::test {

class ScratchDatabase;

// The shared folder, created on first use.
const std::filesystem::path& test_cache_dir();

// Holds the shared folder's lock while it lives (flock; nested holds in one process are fine).
class TestCacheLock {
 public:
  TestCacheLock();
  ~TestCacheLock();
  TestCacheLock(const TestCacheLock&) = delete;
  TestCacheLock& operator=(const TestCacheLock&) = delete;
};

// Fills the new `db` with what `skillreg demo` makes (with the sample registry, or
// `--accounts-only`). The command itself runs once per binary, day, variant and SKILLREG_
// environment; each test then gets a copy of its database (a file copy on SQLite, CREATE DATABASE
// … TEMPLATE on PostgreSQL). That spares every test the command's seconds, mostly the argon2id
// hashing of the demo passwords. In a template the demo accounts' password is hashed again at
// libsodium's lowest argon2id cost, so that logins cost the tests next to nothing; the server
// verifies every hash at the cost it names. The command runs on `db` itself, with the production
// cost, when `db` is not empty any more or SKILLREG_CONFIG is set (a configuration may change
// what the command makes).
void load_demo(const ScratchDatabase& db, bool sample_registry);

}  // namespace skillreg::test
