#pragma once
// The statistics digital monitoring uses to call a plan's results suspicious (S18): robust
// location and spread for pass rates, a band comparison for scores bunched over the pass line,
// and groups of identical score vectors. Pure functions of numbers; docs/monitoring.md explains
// why these and not others.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace skillreg {

// The median (mean of the middle two for an even count); nullopt for no values.
std::optional<double> median_of(std::vector<double> values);

// Median absolute deviation from the median; nullopt for no values.
std::optional<double> mad_of(const std::vector<double>& values);

// Iglewicz–Hoaglin modified z-score 0.6745·(x − median)/MAD. 0.6745 is the 75th percentile of the
// standard normal, so for normal data MAD/0.6745 estimates σ and the score reads like a z-score,
// while one or two extreme plans in the baseline cannot move the median or the MAD much (a mean
// and standard deviation would be dragged by the very outliers we look for). nullopt when MAD is 0.
std::optional<double> robust_z(double x, double median, double mad);

// How a part's scores sit around the pass line: shares of the scores in [pass, pass + band), in
// the band below [pass − band, pass) and in the band above [pass + band, pass + 2·band).
struct BandShares {
  std::size_t scores = 0;
  double in_band = 0, below = 0, above = 0;
  // The share a smooth distribution would put in the band: the mean of its two neighbours.
  double expected() const { return (below + above) / 2; }
};
BandShares band_shares(const std::vector<double>& scores, double pass_line, double band);

// Groups of at least `min_group` indices into `vectors` whose vectors are equal element for
// element, each group in index order, groups ordered by their first index.
std::vector<std::vector<std::size_t>> identical_groups(const std::vector<std::vector<double>>& vectors,
                                                       std::size_t min_group);

}  // namespace skillreg
