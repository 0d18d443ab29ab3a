// horizon.cpp
#include "model/horizon.hpp"

#include <algorithm>
#include <array>

#include "model/api_cost.hpp"
#include "model/self_host_cost.hpp"
#include "model/units.hpp"

namespace tcoscope {
namespace {

// Walks the horizon month by month, calling `month(m, volume, api_usd, self_usd, replicas)`; returns the
// totals. One walk for the full series and the lean totals, so they cannot drift apart.
template <class OnMonth>
HorizonTotals walk(const Inputs& in, OnMonth&& month) {
  const Scenario& s = in.scenario;
  const int months = s.horizon_months;
  const int amortization = s.self_host.on_prem.amortization_months;
  std::array<double, kMaxHorizonMonths> purchased{};  // GPUs bought in each month (on-prem)
  double owned_replicas = 0;
  double volume = s.workload.tokens_per_month;
  HorizonTotals t{0, in.one_time_usd()};
  // Price paths (price_path.hpp): month m + 1 bills at the factor of t = m + 1; all 1 without a path.
  const PricePath api_path = price_path(s.api.price_change_per_year);
  const PricePath rental_path = price_path(s.self_host.cloud.rate_change_per_year);
  const bool purchase_path = in.on_prem() && s.self_host.on_prem.price_change_per_year != 0;
  PricePath buy_path{};
  std::array<PurchaseCostPerGpuMonth, kMaxHorizonMonths> cohort{};  // per GPU bought in each month
  if (purchase_path) buy_path = price_path(s.self_host.on_prem.price_change_per_year);

  for (int m = 0; m < months; ++m) {
    if (m > 0)
      volume *= 1 + s.workload.monthly_growth;  // repeated multiplication: identical natively and in wasm
    MonthPrices prices{api_path[m + 1], rental_path[m + 1]};
    SelfHostCost c;
    if (in.on_prem()) {
      double needed = size_capacity(in, volume).replicas_peak;
      if (needed > owned_replicas) {
        purchased[m] = (needed - owned_replicas) * s.self_host.gpus_per_replica;
        owned_replicas = needed;
        if (purchase_path) cohort[m] = purchase_cost_per_gpu_month(in, buy_path, m);  // bought at t = m
      }
      OwnedFleet fleet{owned_replicas, 0};
      if (purchase_path) prices.amortization_usd = prices.capital_usd = 0;
      for (int p = std::max(0, m - amortization + 1); p <= m; ++p) {
        fleet.amortizing_gpus += purchased[p];
        if (purchase_path && purchased[p] > 0) {
          prices.amortization_usd += purchased[p] * cohort[p].amortization_usd;
          prices.capital_usd += purchased[p] * cohort[p].capital_usd;
        }
      }
      c = self_host_cost(in, volume, /*include_one_time=*/false, &fleet, prices);
    } else {
      c = self_host_cost(in, volume, /*include_one_time=*/false, nullptr, prices);
    }
    double api_usd = api_cost(in, volume, prices.api).usd_per_month;
    t.api_usd += api_usd;
    t.self_host_usd += c.usd_per_month;
    month(m, volume, api_usd, c.usd_per_month, c.capacity.replicas_peak, t);
  }
  return t;
}

}  // namespace

Horizon horizon(const Inputs& in) {
  Horizon h;
  HorizonTotals t = walk(in, [&h](int m, double volume, double api_usd, double self_usd, double replicas,
                                  const HorizonTotals& so_far) {
    h.month.push_back(m + 1);
    h.tokens_per_month.push_back(volume);
    h.api_usd.push_back(api_usd);
    h.self_host_usd.push_back(self_usd);
    h.self_host_replicas.push_back(replicas);
    h.cumulative_api_usd.push_back(so_far.api_usd);
    h.cumulative_self_host_usd.push_back(so_far.self_host_usd);
  });
  for (int m = static_cast<int>(h.month.size()) - 1;
       m >= 0 && h.cumulative_self_host_usd[m] <= h.cumulative_api_usd[m]; --m)
    h.payback_month = m + 1;
  h.total_api_usd = t.api_usd;
  h.total_self_host_usd = t.self_host_usd;
  h.hybrid = plan_hybrid(in, t.self_host_usd, t.api_usd);
  if (h.hybrid.considered) {
    if (h.hybrid.pure_self_host) {
      h.hybrid_usd = h.self_host_usd;
      h.cumulative_hybrid_usd = h.cumulative_self_host_usd;
    } else if (h.hybrid.pure_api) {
      h.hybrid_usd = h.api_usd;
      h.cumulative_hybrid_usd = h.cumulative_api_usd;
    } else {
      double so_far = in.one_time_usd();
      hybrid_horizon(in, h.hybrid.floor_replicas, [&](int, double, const HybridCost& c) {
        so_far += c.usd_per_month;
        h.hybrid_usd.push_back(c.usd_per_month);
        h.cumulative_hybrid_usd.push_back(so_far);
      });
    }
  }
  return h;
}

HorizonTotals horizon_totals(const Inputs& in) {
  return walk(in, [](int, double, double, double, double, const HorizonTotals&) {});
}

}  // namespace tcoscope
