#pragma once
// The limits of bulk reporting (app/batch_service.hpp). `open_days` is a setting
// ([batches] open_days, docs/configuration.md); the sizes follow from the HTTP parser's cap.
#include <cstddef>

namespace skillreg {

struct BatchPolicy {
  std::size_t max_part_bytes = 6 * 1024 * 1024;  // under the HTTP parser's 8 MiB cap
  int max_parts = 400;                           // 2.4 GB in all; more is refused, not truncated
  std::size_t max_errors_kept = 1000;            // the first errors are listed, all are counted
  // An open batch not committed within this many days expires: its parts, which hold identity
  // numbers, are dropped (S21(5), docs/privacy.md).
  int open_days = 7;
};

}  // namespace skillreg
