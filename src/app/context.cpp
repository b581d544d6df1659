#include "app/context.hpp"

namespace skillreg {

std::unique_ptr<AppContext> make_context(Database& db, const Clock& clock, AccountPolicy policy) {
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
