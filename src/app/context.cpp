#include "app/context.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace skillreg {

namespace {

void warn_no_words(const std::string& path) {
  spdlog::warn("no words read from '{}': new passwords are not checked against dictionary words "
               "(install cracklib-runtime, or set [accounts] password_words)", path);
}

}  // namespace

std::shared_ptr<const CommonWords> load_common_words(const std::string& path) {
  if (path.empty()) return std::make_shared<const CommonWords>();
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  auto loaded = std::make_shared<const CommonWords>(CommonWords::from_lines(text.view()));
  if (loaded->size() == 0) warn_no_words(path);
  return loaded;
}

PasswordWords::PasswordWords(std::string path) : path_(std::move(path)) {
  std::error_code ec;
  if (!path_.empty() && std::filesystem::file_size(path_, ec) == 0) warn_no_words(path_);  // 0 also when unreadable
}

const CommonWords& PasswordWords::words() const {
  std::call_once(read_, [this] { words_ = load_common_words(path_); });
  return *words_;
}

std::unique_ptr<AppContext> make_context(Database& db, const Clock& clock, AccountPolicy policy) {
  if (!policy.password_words) policy.password_words = std::make_shared<const PasswordWords>(policy.password_words_file);
  auto loaded = db.read([&](Tx& tx) -> Result<std::unique_ptr<AppContext>> {
    ReferenceRepo repo(tx);
    auto ctx = std::unique_ptr<AppContext>(new AppContext{db, clock, RegionTree(repo.regions()),
                                                          Calendar::from_entries(repo.calendar()),
                                                          repo.levels(), policy, WebhookPolicy{}});
    return ctx;
  });
  if (!loaded) throw std::runtime_error("cannot load reference data: " + loaded.error().message_en);
  return std::move(*loaded);
}

bool reload_calendar(AppContext& ctx) {
  auto entries = ctx.db.read([](Tx& tx) -> Result<std::vector<CalendarEntry>> { return ReferenceRepo(tx).calendar(); });
  if (!entries) return false;
  return ctx.calendar.replace(Calendar::from_entries(std::move(*entries)));
}

}  // namespace skillreg
