#include "core/embedded.hpp"

#include <algorithm>

namespace skillreg::embedded {

std::optional<std::string_view> find(std::string_view name) {
  for (const auto& f : files())
    if (f.name == name) return f.contents;
  return std::nullopt;
}

std::vector<File> under(std::string_view prefix) {
  std::vector<File> out;
  for (const auto& f : files())
    if (f.name.starts_with(prefix)) out.push_back(f);
  std::ranges::sort(out, {}, &File::name);
  return out;
}

}  // namespace skillreg::embedded
