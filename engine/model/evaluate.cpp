// evaluate.cpp — runs the model once: both bills, capacity, breakeven, curves, horizon, verdict.
#include "model/evaluate.hpp"

#include <cmath>

#include "model/units.hpp"

namespace tcoscope {
namespace {

std::optional<double> per_mtok(double usd, double tokens) {
  if (!(tokens > 0)) return std::nullopt;
  return usd / tokens * kTokensPerMtok;
}

}  // namespace

Evaluation evaluate(const Inputs& in, Problems warnings) {
  Evaluation e;
  e.inputs = in;
  e.warnings = std::move(warnings);
  const double volume = in.scenario.workload.tokens_per_month;
  e.api = api_cost(in, volume);
  e.self_host = self_host_cost(in, volume);
  e.replicas_by_hour = replicas_by_hour(in, volume);
  e.api_usd_per_mtok = per_mtok(e.api.usd_per_month, volume);
  e.self_host_usd_per_mtok = per_mtok(e.self_host.usd_per_month, volume);
  e.self_host_usd_per_mtok_raw_at_utilization = per_mtok(e.self_host.raw_gpu_usd_per_month, volume);
  double tokens_per_replica_hour = e.self_host.capacity.tokens_per_replica_hour;
  e.self_host_usd_per_mtok_at_full_load =
      tokens_per_replica_hour > 0
          ? e.self_host.raw_usd_per_replica_hour_at_full_load / tokens_per_replica_hour * kTokensPerMtok
          : 0;
  e.breakeven = find_breakeven(in);
  e.curves = cost_curves(in);
  e.horizon = horizon(in);
  if (const HybridPlan& plan = e.horizon.hybrid; plan.considered) {
    if (plan.pure_self_host) {
      // Nothing overflows: the hybrid is the self-hosted fleet.
      e.hybrid.floor_replicas = e.self_host.capacity.replicas_peak;
      e.hybrid.self_served_tokens = volume;
      e.hybrid.floor = e.self_host;
      e.hybrid.usd_per_month = e.self_host.usd_per_month;
      e.hybrid_hours = hybrid_by_hour(in, volume, INFINITY);
    } else {
      e.hybrid = hybrid_cost(in, volume, plan.floor_replicas);
      e.hybrid_hours = hybrid_by_hour(in, volume, plan.floor_replicas);
    }
    e.hybrid_usd_per_mtok = per_mtok(e.hybrid.usd_per_month, volume);
  }
  e.verdict = decide(in, e.api, e.self_host, e.breakeven, e.horizon, e.hybrid);
  e.prices = price_ages(in);
  return e;
}

}  // namespace tcoscope
