// evaluate.hpp — one scenario, fully priced: both bills, capacity, breakeven, curves, horizon and verdict.
// The explanation of each figure is report/explain.hpp's; the JSON shape is contract/result_json.hpp's.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/api_cost.hpp"
#include "model/breakeven.hpp"
#include "model/horizon.hpp"
#include "model/hybrid.hpp"
#include "model/inputs.hpp"
#include "model/self_host_cost.hpp"
#include "model/staleness.hpp"
#include "model/verdict.hpp"

namespace tcoscope {

struct Evaluation {
  Inputs inputs;
  ApiCost api;
  SelfHostCost self_host;  // monthly view at the current volume
  HourlyReplicas replicas_by_hour{};
  std::optional<double> api_usd_per_mtok;                           // all-in; empty at zero volume
  std::optional<double> self_host_usd_per_mtok;                     // all-in
  std::optional<double> self_host_usd_per_mtok_raw_at_utilization;  // raw GPU cost at actual utilization
  double self_host_usd_per_mtok_at_full_load = 0;                   // raw GPU cost at 100 % load
  Breakeven breakeven;
  CostCurves curves;
  Horizon horizon;
  // The hybrid at this month's volume with the horizon's best floor (horizon.hybrid); considered only when
  // horizon.hybrid.considered.
  HybridCost hybrid;
  HybridHours hybrid_hours;  // the week hour by hour: what the floor serves and what overflows
  std::optional<double> hybrid_usd_per_mtok;
  Verdict verdict;
  PriceAges prices;  // the dates of the prices used; checked for staleness only when a day is given
  Problems warnings;
};

Evaluation evaluate(const Inputs& in, Problems warnings = {});

}  // namespace tcoscope
