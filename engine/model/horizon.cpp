// horizon.cpp
#include "model/horizon.hpp"

#include <algorithm>

#include "model/api_cost.hpp"
#include "model/self_host_cost.hpp"

namespace tcoscope {

Horizon horizon(const Inputs& in) {
  const Scenario& s = in.scenario;
  const int months = s.horizon_months;
  const int amortization = s.self_host.on_prem.amortization_months;
  Horizon h;
  std::vector<double> purchased(months, 0.0);  // GPUs bought in each month (on-prem)
  double owned_replicas = 0;
  double volume = s.workload.tokens_per_month;
  double cumulative_api = 0;
  double cumulative_self = in.one_time_usd();

  for (int m = 0; m < months; ++m) {
    if (m > 0)
      volume *= 1 + s.workload.monthly_growth;  // repeated multiplication: identical natively and in wasm
    double self_usd = 0;
    double replicas = 0;
    if (in.on_prem()) {
      double needed = size_capacity(in, volume).replicas_peak;
      if (needed > owned_replicas) {
        purchased[m] = (needed - owned_replicas) * s.self_host.gpus_per_replica;
        owned_replicas = needed;
      }
      OwnedFleet fleet{owned_replicas, 0};
      for (int p = std::max(0, m - amortization + 1); p <= m; ++p) fleet.amortizing_gpus += purchased[p];
      SelfHostCost c = self_host_cost(in, volume, /*include_one_time=*/false, &fleet);
      self_usd = c.usd_per_month;
      replicas = c.capacity.replicas_peak;
    } else {
      SelfHostCost c = self_host_cost(in, volume, /*include_one_time=*/false);
      self_usd = c.usd_per_month;
      replicas = c.capacity.replicas_peak;
    }
    double api_usd = api_cost(in, volume).usd_per_month;
    cumulative_api += api_usd;
    cumulative_self += self_usd;
    h.month.push_back(m + 1);
    h.tokens_per_month.push_back(volume);
    h.api_usd.push_back(api_usd);
    h.self_host_usd.push_back(self_usd);
    h.self_host_replicas.push_back(replicas);
    h.cumulative_api_usd.push_back(cumulative_api);
    h.cumulative_self_host_usd.push_back(cumulative_self);
  }
  for (int m = months - 1; m >= 0 && h.cumulative_self_host_usd[m] <= h.cumulative_api_usd[m]; --m)
    h.payback_month = m + 1;
  h.total_api_usd = cumulative_api;
  h.total_self_host_usd = cumulative_self;
  return h;
}

}  // namespace tcoscope
