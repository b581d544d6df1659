#pragma once
// The built front end (web/dist), loaded into memory at start-up and served by the same process
// and port as the API: hashed assets are cached for a year, index.html never, and any other
// path outside /api/ answers index.html so the browser-side router can take it (SPA fallback).
#include <map>
#include <optional>
#include <string>

#include "http/types.hpp"

namespace skillreg::http {

class StaticFiles {
 public:
  // Reads every regular file under `root`; an absent folder gives an empty set.
  explicit StaticFiles(const std::string& root);

  bool empty() const { return files_.empty(); }
  std::size_t size() const { return files_.size(); }
  // The answer for a GET of `path` (without query); nullopt for /api/ paths.
  std::optional<Response> lookup(const std::string& path) const;

 private:
  struct File {
    std::string content_type;
    std::string body;
  };
  std::map<std::string, File> files_;  // "/index.html", "/assets/app-1a2b.js", …
};

std::string content_type_for(const std::string& path);

}  // namespace skillreg::http
