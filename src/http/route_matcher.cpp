#include "http/route_matcher.hpp"

#include <algorithm>

namespace skillreg::http {

namespace {

// The path's segments after each '/': "/a/b" → {"a", "b"}; "/a/" → {"a", ""}. One trailing
// slash is dropped first, as the express router's non-strict mode allowed it. A path that does
// not start with '/' has no segments and matches nothing.
std::optional<std::vector<std::string_view>> segments_of(std::string_view path) {
  if (path.empty() || path.front() != '/') return std::nullopt;
  if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  std::vector<std::string_view> out;
  while (!path.empty()) {
    path.remove_prefix(1);  // the '/'
    const auto end = std::min(path.find('/'), path.size());
    out.push_back(path.substr(0, end));
    path.remove_prefix(end);
  }
  return out;
}

std::string exact_key(Method method, std::string_view path) {
  std::string key(to_string(method));
  key += ' ';
  key += path;
  return key;
}

}  // namespace

std::vector<std::string_view> path_parameters(std::string_view pattern) {
  std::vector<std::string_view> names;
  for (auto seg : segments_of(pattern).value_or(std::vector<std::string_view>{}))
    if (seg.starts_with(':')) names.push_back(seg.substr(1));
  return names;
}

std::string openapi_path(std::string_view pattern) {
  std::string out;
  for (auto seg : segments_of(pattern).value_or(std::vector<std::string_view>{})) {
    out += '/';
    if (seg.starts_with(':')) out.append("{").append(seg.substr(1)).append("}");
    else out += seg;
  }
  return out;
}

void RouteMatcher::add(Method method, std::string_view pattern) {
  const auto segments = segments_of(pattern);
  if (!segments || pattern.find_first_of("()?*+[]{}\\") != std::string_view::npos)
    throw std::invalid_argument("route path not of plain and :name segments: " + std::string(pattern));
  Pattern p{method, {}};
  bool has_parameter = false;
  for (auto seg : *segments) {
    const bool parameter = seg.starts_with(':');
    if (parameter) seg.remove_prefix(1);
    const auto name_char = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
    if (parameter && (seg.empty() || !std::ranges::all_of(seg, name_char)))
      throw std::invalid_argument("route parameter not a plain name: " + std::string(pattern));
    has_parameter = has_parameter || parameter;
    p.segments.push_back({std::string(seg), parameter});
  }
  patterns_.push_back(std::move(p));
  const std::size_t index = patterns_.size() - 1;
  // Only when this route is the one a scan would find: an earlier route may match its path.
  if (!has_parameter) {
    auto first = scan(method, pattern);
    if (first && first->route == index) exact_.emplace(exact_key(method, pattern), index);
  }
}

std::optional<RouteMatcher::Match> RouteMatcher::find(Method method, std::string_view path) const {
  std::string_view bare = path;
  if (bare.size() > 1 && bare.back() == '/') bare.remove_suffix(1);
  if (auto it = exact_.find(exact_key(method, bare)); it != exact_.end()) return Match{it->second, {}};
  return scan(method, path);
}

std::optional<RouteMatcher::Match> RouteMatcher::scan(Method method, std::string_view path) const {
  const auto segments = segments_of(path);
  if (!segments) return std::nullopt;
  for (std::size_t i = 0; i < patterns_.size(); ++i) {
    const Pattern& p = patterns_[i];
    if (p.method != method || p.segments.size() != segments->size()) continue;
    Match m{i, {}};
    bool matches = true;
    for (std::size_t s = 0; s < segments->size() && matches; ++s) {
      const Segment& want = p.segments[s];
      const std::string_view got = (*segments)[s];
      if (!want.parameter) matches = got == want.text;
      else if (got.empty()) matches = false;
      else m.params.push_back({want.text, got});
    }
    if (matches) return m;
  }
  return std::nullopt;
}

}  // namespace skillreg::http
