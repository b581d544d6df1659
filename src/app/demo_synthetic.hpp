#pragma once
// The synthetic province (skillreg demo --scale N): institutions of every kind over the 11 cities,
// a year of evaluation plans with sessions, examiners and supervisors, papers, videos, candidates,
// scores and certificates, generated from a seed so the same N and seed always give the same
// data. A documented share of irregularities is injected on purpose and recorded in
// synthetic_truth, so monitoring can be measured against known ground truth
// (docs/synthetic-province.md).
#include <cstdint>
#include <map>
#include <string>

#include "app/context.hpp"
#include "domain/activity/activity_policy.hpp"

namespace skillreg {

struct SyntheticOptions {
  std::int64_t candidates = 3000;  // about this many candidates in total
  std::uint64_t seed = 20220420;   // 浙人社发〔2022〕20号
};

struct SyntheticSummary {
  std::int64_t institutions = 0, plans = 0, candidates = 0, certificates = 0, people = 0;
  std::map<std::string, std::int64_t> injected;  // irregularity kind → count
};

// Requires an empty activity schema (no plans yet) on top of the demo registry.
Result<SyntheticSummary> load_synthetic_province(AppContext& ctx, const SyntheticOptions& options,
                                                 const ActivityPolicy& policy = {});

}  // namespace skillreg
