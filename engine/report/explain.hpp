// explain.hpp — the formula lines behind each figure, built from the same numbers the result carries.
#pragma once

#include <string>
#include <vector>

#include "model/evaluate.hpp"

namespace tcoscope {

struct Explanation {
  std::string figure;   // result path, e.g. "self_host.breakdown.gpu_rental"
  std::string label;    // "GPU rental"
  std::string formula;  // "2 GPUs × 730 h × $1.49/h"
  std::string value;    // "$2,175.40"
  std::string text() const { return label + ": " + (formula.empty() ? value : formula + " = " + value); }
};

std::vector<Explanation> explain(const Evaluation& e);

}  // namespace tcoscope
