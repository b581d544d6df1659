#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace skillreg::http {

std::string content_type_for(const std::string& path) {
  static const std::map<std::string, std::string> types{
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"}, {".svg", "image/svg+xml"},
      {".png", "image/png"}, {".jpg", "image/jpeg"}, {".ico", "image/x-icon"},
      {".woff", "font/woff"}, {".woff2", "font/woff2"}, {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"}, {".map", "application/json; charset=utf-8"}};
  const auto dot = path.rfind('.');
  if (dot != std::string::npos)
    if (auto it = types.find(path.substr(dot)); it != types.end()) return it->second;
  return "application/octet-stream";
}

StaticFiles::StaticFiles(const std::string& root) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (root.empty() || !fs::is_directory(root, ec)) return;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    const std::string rel = "/" + fs::relative(it->path(), root).generic_string();
    files_[rel] = File{content_type_for(rel), ss.str()};
  }
}

std::optional<Response> StaticFiles::lookup(const std::string& path) const {
  if (path.starts_with("/api/") || path == "/api") return std::nullopt;
  // Only exact names from the loaded set are served, so "..", encoded or not, never escapes root.
  auto it = files_.find(path == "/" ? "/index.html" : path);
  const bool asset = it != files_.end() && path.starts_with("/assets/");
  if (it == files_.end()) {
    const auto last = path.substr(path.rfind('/') + 1);
    // A missing file with an extension is a 404; anything else is a page of the SPA.
    if (last.find('.') != std::string::npos) return std::nullopt;
    it = files_.find("/index.html");
    if (it == files_.end()) return std::nullopt;
  }
  Response r;
  r.status = 200;
  r.content_type = it->second.content_type;
  r.body = it->second.body;
  r.headers.emplace_back("Cache-Control", asset ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

}  // namespace skillreg::http
