// verdict.hpp — api, self_host or self_host_required, with the margin and the reasons (SPEC §1, §4).
#pragma once

#include <string>
#include <vector>

#include "model/api_cost.hpp"
#include "model/breakeven.hpp"
#include "model/horizon.hpp"
#include "model/inputs.hpp"
#include "model/self_host_cost.hpp"

namespace tcoscope {

struct Reason {
  std::string code;     // stable, snake_case: what the page and scripts key on
  std::string favors;   // api | self_host | hybrid | neutral
  std::string message;  // one sentence with the numbers
};

struct Verdict {
  std::string choice;  // api | self_host | hybrid | self_host_required
  // What the chosen option saves per month on average over the horizon; for self_host_required, the API's
  // cost minus self-hosting's (negative: the premium compliance costs).
  double margin_usd_per_month = 0;
  // The option the margin is measured against: api | self_host (for hybrid, the cheaper pure option allowed).
  std::string runner_up;
  std::vector<Reason> reasons;
};

// Thresholds the reasons use, each from SPEC §1.
inline constexpr double kLowUtilization = 0.5;                   // "variable load (utilization under 50%)"
inline constexpr double kTypicalBreakevenApiUsdPerMonth = 4200;  // the article's breakeven
inline constexpr double kSpikyPeakToAverage = 2.0;               // peak hour at least twice the average hour
inline constexpr double kLowLatencyMs = 100;                     // "p99 under 100 ms"

// `hybrid`: the hybrid at this month's volume with the horizon's floor (used when horizon.hybrid is a mix).
Verdict decide(const Inputs& in, const ApiCost& api, const SelfHostCost& self, const Breakeven& breakeven,
               const Horizon& horizon, const HybridCost& hybrid);

}  // namespace tcoscope
