// hybrid.hpp — the third option: a fixed self-hosted floor of k replicas, with each hour's demand beyond what
// the floor serves (k × a replica's tokens per hour × the target load) sent to the API at its price mix. The
// floor is chosen to make the horizon cheapest; k = 0 is the API alone, and the pure self-hosted fleet is a
// candidate too, so the hybrid is never dearer than the cheaper pure option.
#pragma once

#include <array>

#include "model/api_cost.hpp"
#include "model/capacity.hpp"
#include "model/inputs.hpp"
#include "model/self_host_cost.hpp"
#include "model/units.hpp"

namespace tcoscope {

// One month with a floor of k replicas.
struct HybridCost {
  double floor_replicas = 0;
  double self_served_tokens = 0;  // per month: each hour min(demand, floor capacity)
  double overflow_tokens = 0;     // per month: the rest, served by the API
  SelfHostCost floor;             // the floor's bill (k = 0: nothing; fixed operations costs when k ≥ 1)
  ApiCost api;                    // the overflow's bill (no fixed API costs when nothing overflows)
  double usd_per_month = 0;
};

// Whether a hybrid may be considered: not when compliance forbids the API and overflow is not allowed, and
// not without a throughput to size a floor on.
bool hybrid_allowed(const Inputs& in);

// The smallest floor that serves every hour of a month at `tokens_per_month` (no spares, no minimum): above
// it nothing overflows.
double peak_floor(const Inputs& in, double tokens_per_month);

// A month at `tokens_per_month` with a floor of `k` replicas. `amortizing_gpus` (on premises): the floor's
// GPUs still amortizing this month; negative: all of them (the monthly view). `prices`: the month's price
// paths. On spot (Inputs::spot_floor) k replicas serve k × capacity × (1 − restart loss) and
// k + ceil(k × spare share) are billed at the spot rate.
HybridCost hybrid_cost(const Inputs& in, double tokens_per_month, double k, bool include_one_time = true,
                       double amortizing_gpus = -1, const MonthPrices& prices = {});

// The hybrid over the horizon: the floor that makes it cheapest, its total and whether it is a real mix.
struct HybridPlan {
  bool considered = false;
  double floor_replicas = 0;    // the fixed floor; for `pure_self_host`, the self-hosted fleet's first month
  bool pure_api = false;        // k = 0 is cheapest: the hybrid is the API alone
  bool pure_self_host = false;  // the pure self-hosted option is cheapest: nothing overflows
  double total_usd = 0;         // over the horizon, one-off costs included when a floor is kept
};
HybridPlan plan_hybrid(const Inputs& in, double self_host_total_usd, double api_total_usd);

// What a hybrid costing `hybrid_total_usd` over the horizon saves a month against the best pure option
// allowed (self-hosting alone under a compliance rule; > 0: the hybrid cheaper). The verdict picks a real mix
// (a floor and some overflow) when this is over its tie margin; "How sure?" counts the samples where the
// verdict's floor is.
double hybrid_saving_per_month(const Inputs& in, double hybrid_total_usd, double api_total_usd,
                               double self_host_total_usd);
// The same for a plan: 0 unless it is a real mix (a floor and some overflow). The hybrid is the verdict when
// this is over the tie margin (decide(); "How sure?" finds the verdict's floor with it).
double plan_saving_per_month(const Inputs& in, const HybridPlan& plan, double api_total_usd,
                             double self_host_total_usd);

// The horizon's hybrid cost for a fixed floor of k (one-off costs included when k ≥ 1), month by month as
// horizon() walks: `month(m, volume, cost)` for each month.
template <class OnMonth>
double hybrid_horizon(const Inputs& in, double k, OnMonth&& month);
double hybrid_horizon_total(const Inputs& in, double k);

// The same week hour by hour at `tokens_per_month`: what the floor serves and what overflows (tokens/hour).
struct HybridHours {
  std::array<double, kHoursPerWeek> self_served{};
  std::array<double, kHoursPerWeek> overflow{};
};
HybridHours hybrid_by_hour(const Inputs& in, double tokens_per_month, double k);

// The cheapest monthly hybrid at `tokens_per_month` (its own best floor, the pure options included): the
// cost-vs-volume curve.
double best_monthly_hybrid_usd(const Inputs& in, double tokens_per_month);

// ---------------------------------------------------------------------------------------------------------------

template <class OnMonth>
double hybrid_horizon(const Inputs& in, double k, OnMonth&& month) {
  const Scenario& s = in.scenario;
  const int amortization = s.self_host.on_prem.amortization_months;
  double volume = s.workload.tokens_per_month;
  double total = k > 0 ? in.one_time_usd() : 0.0;
  const double floor_gpus = k * s.self_host.gpus_per_replica;
  const PricePath api_path = price_path(s.api.price_change_per_year);
  const PricePath rental_path = price_path(s.self_host.cloud.rate_change_per_year);
  const bool purchase_path = in.on_prem() && s.self_host.on_prem.price_change_per_year != 0;
  // The floor is bought at the start of month 1 (t = 0): with a purchase path, at today's price and resold
  // at the path's price after amortization.
  PurchaseCostPerGpuMonth bought{};
  if (purchase_path)
    bought = purchase_cost_per_gpu_month(in, price_path(s.self_host.on_prem.price_change_per_year), 0);
  for (int m = 0; m < s.horizon_months; ++m) {
    if (m > 0) volume *= 1 + s.workload.monthly_growth;  // as horizon(): identical natively and in wasm
    // On premises the floor is bought in month 1 and amortizes from there.
    double amortizing = in.on_prem() ? (m < amortization ? floor_gpus : 0.0) : -1;
    MonthPrices prices{api_path[m + 1],
                       rental_path[m + 1]};  // month m + 1 billed at its end (price_path.hpp)
    if (purchase_path) {
      prices.amortization_usd = amortizing * bought.amortization_usd;
      prices.capital_usd = amortizing * bought.capital_usd;
    }
    HybridCost c = hybrid_cost(in, volume, k, /*include_one_time=*/false, amortizing, prices);
    total += c.usd_per_month;
    month(m, volume, c);
  }
  return total;
}

}  // namespace tcoscope
