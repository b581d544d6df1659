#include "domain/monitoring/sampling.hpp"

namespace skillreg {

namespace {

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

}  // namespace

double sampling_uniform(std::uint64_t seed, std::int64_t plan_id) {
  const std::uint64_t x = splitmix64(seed ^ (std::uint64_t(plan_id) * 0x9E3779B97F4A7C15ull));
  return double(x >> 11) * 0x1.0p-53;
}

SamplingDraw draw_sampling(const std::vector<SamplingCandidate>& plans, const std::set<std::int64_t>& queued,
                           const std::set<std::int64_t>& considered, const MonitoringPolicy& policy,
                           std::uint64_t seed) {
  SamplingDraw out;
  for (const auto& p : plans) {
    if (queued.contains(p.plan_id)) continue;
    // S14(2) 异常情况: a critical anomaly always enters.
    if (p.critical) {
      out.enqueue.push_back({p.plan_id, "critical"});
      continue;
    }
    // S14(2) 评价质量较低: a random share of the finished plans below the threshold.
    if (!p.finished || p.overall >= policy.sampling_below || considered.contains(p.plan_id)) continue;
    const bool drawn = sampling_uniform(seed, p.plan_id) < policy.sampling_share;
    out.considered.emplace_back(p.plan_id, drawn);
    if (drawn) out.enqueue.push_back({p.plan_id, "random"});
  }
  return out;
}

}  // namespace skillreg
