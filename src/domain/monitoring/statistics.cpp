#include "domain/monitoring/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace skillreg {

std::optional<double> median_of(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  const std::size_t mid = values.size() / 2;
  std::ranges::nth_element(values, values.begin() + std::ptrdiff_t(mid));
  const double upper = values[mid];
  if (values.size() % 2 == 1) return upper;
  const double lower = *std::max_element(values.begin(), values.begin() + std::ptrdiff_t(mid));
  return (lower + upper) / 2;
}

std::optional<double> mad_of(const std::vector<double>& values) {
  const auto median = median_of(values);
  if (!median) return std::nullopt;
  std::vector<double> deviations;
  deviations.reserve(values.size());
  for (double v : values) deviations.push_back(std::abs(v - *median));
  return median_of(std::move(deviations));
}

std::optional<double> robust_z(double x, double median, double mad) {
  constexpr double kNormalQ3 = 0.6745;
  if (mad <= 0) return std::nullopt;
  return kNormalQ3 * (x - median) / mad;
}

BandShares band_shares(const std::vector<double>& scores, double pass_line, double band) {
  BandShares s;
  s.scores = scores.size();
  if (scores.empty()) return s;
  std::size_t in = 0, below = 0, above = 0;
  for (double x : scores) {
    if (x >= pass_line && x < pass_line + band) ++in;
    else if (x >= pass_line - band && x < pass_line) ++below;
    else if (x >= pass_line + band && x < pass_line + 2 * band) ++above;
  }
  const double n = double(scores.size());
  s.in_band = double(in) / n;
  s.below = double(below) / n;
  s.above = double(above) / n;
  return s;
}

std::vector<std::vector<std::size_t>> identical_groups(const std::vector<std::vector<double>>& vectors,
                                                       std::size_t min_group) {
  std::map<std::vector<double>, std::vector<std::size_t>> by_vector;
  for (std::size_t i = 0; i < vectors.size(); ++i) by_vector[vectors[i]].push_back(i);
  std::vector<std::vector<std::size_t>> groups;
  for (auto& [vector, indices] : by_vector)
    if (indices.size() >= min_group) groups.push_back(std::move(indices));
  std::ranges::sort(groups, {}, [](const auto& g) { return g.front(); });
  return groups;
}

}  // namespace skillreg
