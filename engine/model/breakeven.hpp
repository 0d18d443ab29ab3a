// breakeven.hpp — where self-hosting starts to pay: the volume at which the two monthly costs meet, and
// both costs over a log-spaced range of volumes (SPEC §4).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/inputs.hpp"

namespace tcoscope {

// 10^(k/100) for k = 0..99, as literals so native and wasm grids are bit-identical (no pow()).
double decade_step(int k);

// Log-spaced volumes from 1e6 to 1e14 tokens/month with `per_decade` points per decade (a divisor of 100).
std::vector<double> volume_grid(int per_decade);

struct Breakeven {
  std::string kind;  // crossing | never | always
  std::optional<double> tokens_per_month;
  std::optional<double> api_usd_per_month;
  std::optional<double> self_host_usd_per_month;
  double api_usd_per_mtok_marginal = 0;        // the API's blended price
  double self_host_usd_per_mtok_marginal = 0;  // slope of self-hosting's cost at high volume
};

// The first volume above which self-hosting stays cheaper (monthly view, one-offs spread over the horizon).
Breakeven find_breakeven(const Inputs& in);

struct CostCurves {
  std::vector<double> tokens_per_month;
  std::vector<double> api_usd_per_month;
  std::vector<double> self_host_usd_per_month;
  std::vector<double> hybrid_usd_per_month;  // each volume with its own best floor; empty when not considered
  // The first curve volume from which the hybrid stays cheaper than the API (a floor pays), if any.
  std::optional<double> hybrid_breakeven_tokens_per_month;
};

// 201 points, 25 per decade.
CostCurves cost_curves(const Inputs& in);

}  // namespace tcoscope
