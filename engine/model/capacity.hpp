// capacity.hpp — replicas sized so no hour runs above the target load; utilization = served / servable
// tokens.
#pragma once

#include <array>

#include "model/inputs.hpp"
#include "model/units.hpp"

namespace tcoscope {

struct Capacity {
  double tokens_per_replica_hour = 0;      // at 100 % load
  double peak_demand_tokens_per_hour = 0;  // the busiest hour of the week
  double replicas_peak = 0;                // incl. spares; a whole number (exact in a double up to 2^53)
  double replicas_average = 0;             // replica-hours / 730
  double replica_hours_per_month = 0;
  double gpu_hours_per_month = 0;
  double servable_tokens_per_month = 0;  // what the provisioned replica-hours serve at 100 %
  double utilization = 0;                // tokens served / servable (0 when nothing is provisioned)
};

using HourlyReplicas = std::array<double, kHoursPerWeek>;

// The largest fleet a scenario may need (validation refuses more, naming the field): a million replicas,
// several times the largest GPU clusters announced by 2026, so that no valid input reaches absurd numbers.
inline constexpr double kMaxReplicas = 1e6;

// Spot: the extra replicas held for availability next to `replicas` serving ones, ceil(replicas × share).
double spot_spare_replicas(const Inputs& in, double replicas);

// Replicas for one hour's demand: ceil(d / (capacity × target)), never below min_replicas, plus spares. On
// spot, capacity is a replica's less the restart loss, and the spot spares come on top.
double replicas_for(const Inputs& in, double demand_tokens_per_hour);

// Sizes a fixed fleet for the peak hour, or (autoscaled rental) each hour on its own.
// `owned_replicas`, when positive, is a fleet already bought that is larger than this volume needs.
Capacity size_capacity(const Inputs& in, double tokens_per_month, double owned_replicas = 0);

// Replicas running in each hour of the week (the fleet, or the autoscaler's choice hour by hour).
HourlyReplicas replicas_by_hour(const Inputs& in, double tokens_per_month);

}  // namespace tcoscope
