// evaluate.hpp — one scenario, fully priced: both bills, capacity, breakeven, curves, horizon, verdict and the
// explanation of every figure (formula with the numbers put in).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api_cost.hpp"
#include "breakeven.hpp"
#include "horizon.hpp"
#include "inputs.hpp"
#include "self_host_cost.hpp"
#include "verdict.hpp"

namespace tcoscope {

struct Explanation {
  std::string figure;   // result path, e.g. "self_host.breakdown.gpu_rental"
  std::string label;    // "GPU rental"
  std::string formula;  // "2 GPUs × 730 h × $1.49/h"
  std::string value;    // "$2,175.40"
  std::string text() const { return label + ": " + (formula.empty() ? value : formula + " = " + value); }
};

struct Evaluation {
  Inputs inputs;
  ApiCost api;
  SelfHostCost self_host;  // monthly view at the current volume
  HourlyReplicas replicas_by_hour{};
  std::optional<double> api_usd_per_mtok;                 // all-in; empty at zero volume
  std::optional<double> self_host_usd_per_mtok;           // all-in
  std::optional<double> self_host_usd_per_mtok_raw;       // raw GPU cost at actual utilization
  double self_host_usd_per_mtok_at_full_load = 0;         // raw GPU cost at 100 % load
  Breakeven breakeven;
  CostCurves curves;
  Horizon horizon;
  Verdict verdict;
  std::vector<Explanation> explain;
  Problems warnings;
};

Evaluation evaluate(const Inputs& in, Problems warnings = {});

nlohmann::json to_json(const Evaluation& e);

// [{path, message, code?}]: problems as the result and the envelopes carry them.
nlohmann::json to_json(const Problems& problems);

}  // namespace tcoscope
