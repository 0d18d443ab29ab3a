// horizon.hpp — month by month over the horizon with volume growth: both bills, cumulative cost, payback.
#pragma once

#include <optional>
#include <vector>

#include "model/hybrid.hpp"
#include "model/inputs.hpp"

namespace tcoscope {

struct Horizon {
  std::vector<int> month;  // 1..horizon_months
  std::vector<double> tokens_per_month;
  std::vector<double> api_usd;
  std::vector<double> self_host_usd;  // recurring costs only
  std::vector<double> self_host_replicas;
  std::vector<double> cumulative_api_usd;
  std::vector<double> cumulative_self_host_usd;  // one-off costs paid before month 1
  std::optional<int> payback_month;  // first month from which self-hosting's cumulative cost stays lower
  double total_api_usd = 0;
  double total_self_host_usd = 0;
  // The hybrid (hybrid.hpp): its plan, and month by month the floor's cost plus the API's for the overflow.
  HybridPlan hybrid;
  std::vector<double> hybrid_usd;
  std::vector<double> cumulative_hybrid_usd;  // one-off costs before month 1 when a floor is kept
};

// Capacity is re-sized every month as volume grows; bought GPUs are kept (never sold) and each purchase
// amortizes from the month it is made.
Horizon horizon(const Inputs& in);

// The horizon's two totals only, by the same month-by-month walk (bit-identical to horizon()'s), with no
// series kept: the lean path the sampler and the flip-point search call thousands of times.
struct HorizonTotals {
  double api_usd = 0;
  double self_host_usd = 0;  // incl. one-off costs
};
HorizonTotals horizon_totals(const Inputs& in);

}  // namespace tcoscope
