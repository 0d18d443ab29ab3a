// capacity.cpp
#include "model/capacity.hpp"

#include <algorithm>
#include <cmath>

namespace tcoscope {
namespace {

// ceil that ignores the last few ulps of rounding, so exactly-full replicas are not rounded up.
double ceil_tolerant(double x) {
  return std::ceil(x * (1 - 1e-12));
}

}  // namespace

double spot_spare_replicas(const Inputs& in, double replicas) {
  return ceil_tolerant(replicas * in.scenario.self_host.cloud.spot_spare_share);
}

double replicas_for(const Inputs& in, double demand_tokens_per_hour) {
  const SelfHostOption& h = in.scenario.self_host;
  double per_replica = in.tokens_per_second_per_replica * kSecondsPerHour * h.target_peak_utilization;
  if (in.spot_fleet) {
    // Spot: each replica serves what restarts leave of its capacity, and extra replicas ride along for
    // availability (a share of those the load needs, rounded up).
    per_replica *= 1 - h.cloud.spot_restart_loss_share;
    double needed = per_replica > 0 ? ceil_tolerant(demand_tokens_per_hour / per_replica) : 0;
    double base = std::max(needed, static_cast<double>(h.min_replicas));
    return base + spot_spare_replicas(in, base) + h.spare_replicas;
  }
  // No cap: validation refuses a scenario whose own demand needs more than kMaxReplicas (inputs.cpp); the
  // cost curves may price larger hypothetical volumes, and a double holds their whole replica counts exactly.
  double needed = per_replica > 0 ? ceil_tolerant(demand_tokens_per_hour / per_replica) : 0;
  return std::max(needed, static_cast<double>(h.min_replicas)) + h.spare_replicas;
}

HourlyReplicas replicas_by_hour(const Inputs& in, double tokens_per_month) {
  HourlyReplicas hours{};
  if (in.autoscale()) {
    for (int hour = 0; hour < kHoursPerWeek; ++hour)
      hours[hour] = replicas_for(in, tokens_per_month / kHoursPerMonth * in.load.weights[hour]);
  } else {
    hours.fill(size_capacity(in, tokens_per_month).replicas_peak);
  }
  return hours;
}

Capacity size_capacity(const Inputs& in, double tokens_per_month, double owned_replicas) {
  const SelfHostOption& h = in.scenario.self_host;
  Capacity c;
  c.tokens_per_replica_hour = in.tokens_per_second_per_replica * kSecondsPerHour;
  double average_demand = tokens_per_month / kHoursPerMonth;
  c.peak_demand_tokens_per_hour = average_demand * in.load.peak_weight;

  if (in.autoscale()) {
    double replica_hours_per_week = 0;  // whole numbers: exact while below 2^53
    for (const auto& [weight, hours] : in.load.distinct_weights) {
      double n = replicas_for(in, average_demand * weight);
      replica_hours_per_week += n * hours;
      c.replicas_peak = std::max(c.replicas_peak, n);
    }
    c.replica_hours_per_month = replica_hours_per_week * kWeeksPerMonth;
  } else {
    c.replicas_peak = std::max(replicas_for(in, c.peak_demand_tokens_per_hour), owned_replicas);
    c.replica_hours_per_month = c.replicas_peak * kHoursPerMonth;
  }
  c.replicas_average = c.replica_hours_per_month / kHoursPerMonth;
  c.gpu_hours_per_month = c.replica_hours_per_month * h.gpus_per_replica;
  c.servable_tokens_per_month = c.replica_hours_per_month * c.tokens_per_replica_hour;
  c.utilization =
      c.servable_tokens_per_month > 0 ? std::min(1.0, tokens_per_month / c.servable_tokens_per_month) : 0;
  return c;
}

}  // namespace tcoscope
