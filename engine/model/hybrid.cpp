// hybrid.cpp — a fixed self-hosted floor with the API for the overflow, and the search for the best floor.
#include "model/hybrid.hpp"

#include <algorithm>
#include <cmath>

namespace tcoscope {
namespace {

// A floor's tokens per hour at the target load.
// A floor's tokens per hour at the target load; on spot, less what restarts take.
double floor_tokens_per_hour(const Inputs& in, double k) {
  double t =
      k * in.tokens_per_second_per_replica * kSecondsPerHour * in.scenario.self_host.target_peak_utilization;
  return in.spot_floor ? t * (1 - in.scenario.self_host.cloud.spot_restart_loss_share) : t;
}

}  // namespace

bool hybrid_allowed(const Inputs& in) {
  const Constraints& c = in.scenario.constraints;
  return in.tokens_per_second_per_replica > 0 && (c.compliance == Compliance::none || c.allow_api_overflow);
}

double peak_floor(const Inputs& in, double tokens_per_month) {
  double per_replica = floor_tokens_per_hour(in, 1);
  if (!(per_replica > 0)) return 0;
  double peak = tokens_per_month / kHoursPerMonth * in.load.peak_weight;
  return std::ceil(peak / per_replica * (1 - 1e-12));  // as capacity.cpp: exactly-full is full
}

HybridCost hybrid_cost(const Inputs& in, double tokens_per_month, double k, bool include_one_time,
                       double amortizing_gpus, const MonthPrices& prices) {
  HybridCost c;
  c.floor_replicas = k;
  if (k > 0) {
    // Each hour the floor serves what it can up to its capacity at the target load (summed over the distinct
    // hourly weights: exact, and a dozen terms instead of 168).
    const double average = tokens_per_month / kHoursPerMonth, capacity = floor_tokens_per_hour(in, k);
    double served_per_week = 0;
    for (const auto& [weight, hours] : in.load.distinct_weights)
      served_per_week += std::min(average * weight, capacity) * hours;
    c.self_served_tokens = std::min(tokens_per_month, served_per_week * kWeeksPerMonth);
  }
  c.overflow_tokens = std::max(0.0, tokens_per_month - c.self_served_tokens);
  if (k > 0) {
    const SelfHostOption& h = in.scenario.self_host;
    Capacity cap;
    cap.tokens_per_replica_hour = in.tokens_per_second_per_replica * kSecondsPerHour;
    cap.peak_demand_tokens_per_hour = tokens_per_month / kHoursPerMonth * in.load.peak_weight;
    const double billed = in.spot_floor ? k + spot_spare_replicas(in, k) : k;  // spot spares ride along
    cap.replicas_peak = billed;
    cap.replicas_average = billed;
    cap.replica_hours_per_month = billed * kHoursPerMonth;
    cap.gpu_hours_per_month = cap.replica_hours_per_month * h.gpus_per_replica;
    cap.servable_tokens_per_month = cap.replica_hours_per_month * cap.tokens_per_replica_hour;
    cap.utilization = cap.servable_tokens_per_month > 0
                          ? std::min(1.0, c.self_served_tokens / cap.servable_tokens_per_month)
                          : 0;
    c.floor = price_fleet(in, cap, amortizing_gpus < 0 ? k * h.gpus_per_replica : amortizing_gpus,
                          include_one_time, in.spot_floor, prices);
  }
  if (c.overflow_tokens > 0 || k == 0) {
    c.api = api_cost(in, c.overflow_tokens, prices.api);
  }
  c.usd_per_month = c.floor.usd_per_month + c.api.usd_per_month;
  return c;
}

double hybrid_horizon_total(const Inputs& in, double k) {
  return hybrid_horizon(in, k, [](int, double, const HybridCost&) {});
}

double hybrid_saving_per_month(const Inputs& in, double hybrid_total_usd, double api_total_usd,
                               double self_host_total_usd) {
  const Scenario& s = in.scenario;
  const double best_pure = s.constraints.compliance != Compliance::none
                               ? self_host_total_usd
                               : std::min(api_total_usd, self_host_total_usd);
  return (best_pure - hybrid_total_usd) / s.horizon_months;
}

double plan_saving_per_month(const Inputs& in, const HybridPlan& plan, double api_total_usd,
                             double self_host_total_usd) {
  const bool mix = plan.considered && !plan.pure_api && !plan.pure_self_host;
  return mix ? hybrid_saving_per_month(in, plan.total_usd, api_total_usd, self_host_total_usd) : 0;
}

HybridPlan plan_hybrid(const Inputs& in, double self_host_total_usd, double api_total_usd) {
  HybridPlan p;
  if (!hybrid_allowed(in)) return p;
  p.considered = true;
  // The largest useful floor: what the busiest month's busiest hour needs (growth may be negative).
  const Scenario& s = in.scenario;
  double volume = s.workload.tokens_per_month, top = 0;
  for (int m = 0; m < s.horizon_months; ++m) {
    if (m > 0) volume *= 1 + s.workload.monthly_growth;
    top = std::max(top, peak_floor(in, volume));
  }
  // For k ≥ 1 the total is convex in k: a floor costs the same for every replica added, and each replica
  // serves fewer overflow tokens than the one before (min(demand, k × capacity) is concave in k). The fixed
  // API costs drop once nothing overflows, at the top floor, which is therefore checked on its own. A binary
  // search for the first k whose next replica does not pay finds the minimum below it.
  double best_k = 0, best = api_total_usd;
  const bool api_allowed = s.constraints.compliance == Compliance::none;
  if (!api_allowed) best = INFINITY;  // overflow allowed, but not the API for everything
  // On spot the floor bills k + ceil(k × spare share) replicas, which grows by one or two a step: the total
  // is no longer convex in k, so a floor of up to kSpotScan replicas is found by trying every k.
  constexpr double kSpotScan = 256;
  if (top >= 1 && in.spot_floor && top <= kSpotScan) {
    for (double k = 1; k <= top; ++k) {
      double t = hybrid_horizon_total(in, k);
      if (t < best) {
        best = t;
        best_k = k;
      }
    }
  } else if (top >= 1) {
    double lo = 1, hi = std::max(1.0, top - 1);  // the minimum of [1, top − 1] lies in [lo, hi]
    while (hi - lo > 0) {
      double mid = std::floor((lo + hi) / 2);
      if (hybrid_horizon_total(in, mid + 1) < hybrid_horizon_total(in, mid))
        lo = mid + 1;
      else
        hi = mid;
    }
    for (double k : {lo, top}) {
      double t = hybrid_horizon_total(in, k);
      if (t < best) {
        best = t;
        best_k = k;
      }
    }
  }
  p.floor_replicas = best_k;
  p.total_usd = best;
  p.pure_api = best_k == 0;
  if (self_host_total_usd <= best) {
    p.pure_self_host = true;
    p.pure_api = false;
    p.total_usd = self_host_total_usd;
    p.floor_replicas = 0;
  }
  return p;
}

HybridHours hybrid_by_hour(const Inputs& in, double tokens_per_month, double k) {
  HybridHours out;
  const double average = tokens_per_month / kHoursPerMonth, capacity = floor_tokens_per_hour(in, k);
  for (int h = 0; h < kHoursPerWeek; ++h) {
    double demand = average * in.load.weights[h];
    out.self_served[h] = std::min(demand, capacity);
    out.overflow[h] = demand - out.self_served[h];
  }
  return out;
}

double best_monthly_hybrid_usd(const Inputs& in, double tokens_per_month) {
  double best = self_host_cost(in, tokens_per_month).usd_per_month;
  if (!hybrid_allowed(in)) return best;
  if (in.scenario.constraints.compliance == Compliance::none)
    best = std::min(best, api_cost(in, tokens_per_month).usd_per_month);
  double top = peak_floor(in, tokens_per_month);
  if (top < 1) return best;
  auto cost = [&](double k) { return hybrid_cost(in, tokens_per_month, k).usd_per_month; };
  double lo = 1, hi = std::max(1.0, top - 1);  // convex on [1, top − 1], as plan_hybrid() explains
  while (hi - lo > 0) {
    double mid = std::floor((lo + hi) / 2);
    if (cost(mid + 1) < cost(mid))
      lo = mid + 1;
    else
      hi = mid;
  }
  return std::min({best, cost(lo), cost(top)});
}

}  // namespace tcoscope
