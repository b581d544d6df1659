#include "support/server_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "core/crypto.hpp"
#include "core/identity_vault.hpp"
#include "core/validators.hpp"
#include "support/test_cache.hpp"
#include "support/http_client.hpp"
#include "support/postgres.hpp"

namespace skillreg::test {

namespace {

std::filesystem::path make_temp_dir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "skillreg-test-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  return tmpl;
}

std::uint16_t free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

pid_t spawn(const std::vector<std::string>& args, const std::filesystem::path& log,
            const std::vector<std::string>& env) {
  const pid_t pid = fork();
  if (pid == 0) {
    // Die with the test: a test process that crashes must not leave servers running.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    dup2(fd, 1);
    dup2(fd, 2);
    const int devnull = ::open("/dev/null", O_RDONLY);
    dup2(devnull, 0);
    for (const auto& e : env) putenv(const_cast<char*>(e.c_str()));
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

const std::filesystem::path& test_identity_key_file() {
  static const std::filesystem::path file = [] {
    crypto::init();
    // One key for all the build's test processes: the demo templates hold data sealed with it.
    auto f = test_cache_dir() / "identity.key";
    {
      TestCacheLock lock;
      if (auto v = IdentityVault::load_or_create(f.string()); !v) throw std::runtime_error(v.error().message_en);
    }
    ::setenv("SKILLREG_IDENTITY_KEY_FILE", f.c_str(), 1);
    return f;
  }();
  return file;
}

const IdentityVault& test_identity_vault() {
  static const IdentityVault vault = [] {
    auto v = IdentityVault::load_or_create(test_identity_key_file().string());
    if (!v) throw std::runtime_error(v.error().message_en);
    return *v;
  }();
  return vault;
}

std::vector<std::string> identity_numbers_in(std::string_view text) {
  std::vector<std::string> out;
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  for (std::size_t i = 0; i + 18 <= text.size(); ++i) {
    if (i > 0 && (digit(text[i - 1]) || text[i - 1] == 'X')) continue;
    const auto candidate = text.substr(i, 18);
    if (!std::all_of(candidate.begin(), candidate.begin() + 17, digit)) continue;
    if (i + 18 < text.size() && (digit(text[i + 18]) || text[i + 18] == 'X')) continue;
    if (check_identity_number(candidate)) out.emplace_back(candidate);
  }
  return out;
}

std::string identity_sql_values(const std::string& identity_no) {
  const auto& v = test_identity_vault();
  return "'" + v.index(identity_no) + "', '" + v.seal(identity_no) + "'";
}

ScratchDatabase::ScratchDatabase(Backend backend) : backend_(backend), dir_(make_temp_dir()) {
  test_identity_key_file();
  if (backend == Backend::sqlite) {
    url_ = "sqlite:" + sqlite_file().string();
    return;
  }
  static std::atomic<int> counter{0};
  pg_name_ = "skillreg_test_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
  pg_admin("CREATE DATABASE " + pg_name_);
  url_ = pg_url_for(pg_name_);
}

ScratchDatabase::~ScratchDatabase() {
  try {
    if (!pg_name_.empty()) pg_admin("DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)");
  } catch (const std::exception&) {
    // The server may be gone already at the end of the run; nothing to clean then.
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

CommandResult run_skillreg(const std::vector<std::string>& args, const std::string& database_url,
                           const std::vector<std::string>& env) {
  const auto dir = make_temp_dir();
  const auto log = dir / "out.log";
  std::vector<std::string> argv{SKILLREG_BINARY, "--database", database_url};
  argv.insert(argv.end(), args.begin(), args.end());
  const pid_t pid = spawn(argv, log, env);
  int status = 0;
  waitpid(pid, &status, 0);
  CommandResult r{WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(log)};
  std::filesystem::remove_all(dir);
  if (const auto found = identity_numbers_in(r.output); !found.empty())
    ADD_FAILURE() << "skillreg " << (args.empty() ? "" : args.front()) << " printed " << found.size()
                  << " identity number(s), e.g. " << mask_identity_number(found.front());
  return r;
}

bool run_skillreg_killed_after(const std::vector<std::string>& args, const std::string& database_url,
                               std::chrono::milliseconds delay) {
  const auto dir = make_temp_dir();
  std::vector<std::string> argv{SKILLREG_BINARY, "--database", database_url};
  argv.insert(argv.end(), args.begin(), args.end());
  const pid_t pid = spawn(argv, dir / "out.log", {});
  std::this_thread::sleep_for(delay);
  int status = 0;
  const bool running = waitpid(pid, &status, WNOHANG) == 0;
  if (running) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
  }
  std::filesystem::remove_all(dir);
  return running;
}

ServerProcess::ServerProcess(const ScratchDatabase& db, bool demo, std::vector<std::string> serve_args,
                             bool sample_registry, std::vector<std::string> env)
    : db_(db), serve_args_(std::move(serve_args)), env_(std::move(env)), log_(db.dir() / "server.log") {
  env_.push_back("SKILLREG_SIGNING_KEY_FILE=" + (db.dir() / "signing.key").string());
  // The tests' webhook receivers listen on loopback, which a real server refuses (issue 10 §2).
  env_.push_back("SKILLREG_WEBHOOK_ALLOW_PRIVATE=127.0.0.0/8");
  if (demo) load_demo(db, sample_registry);
  for (int attempt = 0; attempt < 5; ++attempt)
    if (start_once()) return;
  throw std::runtime_error("skillreg serve did not start:\n" + log());
}

bool ServerProcess::start_once() {
  port_ = free_port();
  std::vector<std::string> args{SKILLREG_BINARY, "--database", db_.url(), "serve", "--listen",
                                "127.0.0.1:" + std::to_string(port_)};
  // API only, unless the test names a front end: the tests must not depend on the folder
  // they are started from (a built web/dist in the checkout would otherwise be served).
  if (std::ranges::find(serve_args_, "--web-root") == serve_args_.end())
    args.insert(args.end(), {"--web-root", (db_.dir() / "no-front-end").string()});
  args.insert(args.end(), serve_args_.begin(), serve_args_.end());
  // The port was free when free_port() looked, but a server of a test running beside this one
  // may take it first; its health answer must not pass for this server's. Only this start's own
  // "listening" line in the log says the port is this server's.
  const std::size_t log_before = read_file(log_).size();
  const std::string listening = "listening on http://127.0.0.1:" + std::to_string(port_) + " ";
  pid_ = spawn(args, log_, env_);
  HttpClient c(port_);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    if (read_file(log_).find(listening, log_before) != std::string::npos && c.get("/api/v1/health").status == 200)
      return true;
    if (!alive()) return false;  // e.g. the port was taken meanwhile: try another
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  stop();
  return false;
}

bool ServerProcess::alive() const {
  if (pid_ <= 0) return false;
  int status = 0;
  return waitpid(pid_, &status, WNOHANG) == 0;
}

void ServerProcess::crash() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

void ServerProcess::stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 200; ++i) {
    if (waitpid(pid_, &status, WNOHANG) != 0) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

ServerProcess::~ServerProcess() {
  stop();
  // Issue 9 §6: no log ever holds an identity number; every server of the test run is checked.
  if (const auto found = identity_numbers_in(log()); !found.empty())
    ADD_FAILURE() << "the server log holds " << found.size() << " identity number(s), e.g. "
                  << mask_identity_number(found.front());
}

std::string ServerProcess::log() const { return read_file(log_); }

std::vector<Backend> all_backends() { return {Backend::sqlite, Backend::postgresql}; }

}  // namespace skillreg::test
