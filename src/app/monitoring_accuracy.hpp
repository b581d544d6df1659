#pragma once
// How well the monitoring detectors find the irregularities a synthetic province injected on
// purpose (docs/synthetic-province.md): per injected kind, the records the ground truth names
// against the records the stored scores' deductions name, as precision and recall. Run by
// `skillreg monitor --accuracy` after the scores are computed.
#include <string>
#include <vector>

#include "app/context.hpp"

namespace skillreg {

struct DetectionAccuracy {
  std::string kind;       // the synthetic_truth kind
  std::string indicator;  // the indicator that should find it
  std::string unit;       // what is compared: candidate, person, session, plan, certificate
  int injected = 0, detected = 0, found = 0;  // |truth|, |detections|, |truth ∩ detections|
  double precision() const { return detected ? double(found) / detected : 1.0; }
  double recall() const { return injected ? double(found) / injected : 1.0; }
};

Result<std::vector<DetectionAccuracy>> measure_detection(AppContext& ctx);

}  // namespace skillreg
