#pragma once
// Key sampling 重点抽查 (S14(2)): which scored plans enter the queue. Every plan with a critical
// anomaly 异常情况 enters; of the finished plans scoring below the policy's `sampling_below` that
// have not been considered before, a share `sampling_share` is drawn at random. The draw is a
// pure function of a recorded seed and the plan id, so anyone holding the seed can repeat it:
//   drawn ⇔ splitmix64(seed ⊕ (plan_id · 0x9E3779B97F4A7C15)) < sampling_share · 2⁶⁴.
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "domain/monitoring/policy.hpp"

namespace skillreg {

struct SamplingCandidate {
  std::int64_t plan_id = 0;
  double overall = 100;
  bool critical = false;
  bool finished = false;  // every session held
};

struct SamplingEntry {
  std::int64_t plan_id = 0;
  std::string reason;  // critical | random
};

struct SamplingDraw {
  std::vector<SamplingEntry> enqueue;
  std::vector<std::pair<std::int64_t, bool>> considered;  // (plan, drawn) for the random draw
};

// `queued`: plans already in the queue (never twice); `considered`: plans that took part in an
// earlier random draw (never again; they may still enter later as critical).
SamplingDraw draw_sampling(const std::vector<SamplingCandidate>& plans, const std::set<std::int64_t>& queued,
                           const std::set<std::int64_t>& considered, const MonitoringPolicy& policy,
                           std::uint64_t seed);

// The draw's uniform number in [0, 1) for a plan.
double sampling_uniform(std::uint64_t seed, std::int64_t plan_id);

}  // namespace skillreg
