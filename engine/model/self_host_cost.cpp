// self_host_cost.cpp
#include "model/self_host_cost.hpp"

#include "model/units.hpp"

namespace tcoscope {

std::string_view component_key(Component c) {
  switch (c) {
    case Component::gpu_rental:
      return "gpu_rental";
    case Component::cloud_other:
      return "cloud_other";
    case Component::hardware_amortization:
      return "hardware_amortization";
    case Component::cost_of_capital:
      return "cost_of_capital";
    case Component::electricity:
      return "electricity";
    case Component::facility:
      return "facility";
    case Component::engineering:
      return "engineering";
    case Component::model_refreshes:
      return "model_refreshes";
    case Component::observability:
      return "observability";
    case Component::one_time:
      return "one_time";
  }
  return "";
}

std::string_view component_label(Component c) {
  switch (c) {
    case Component::gpu_rental:
      return "GPU rental";
    case Component::cloud_other:
      return "Other cloud costs";
    case Component::hardware_amortization:
      return "Hardware amortization";
    case Component::cost_of_capital:
      return "Cost of capital";
    case Component::electricity:
      return "Electricity";
    case Component::facility:
      return "Colocation / rack";
    case Component::engineering:
      return "Engineering";
    case Component::model_refreshes:
      return "Model refreshes";
    case Component::observability:
      return "Observability";
    case Component::one_time:
      return "One-off work (spread)";
  }
  return "";
}

bool component_applies(const Inputs& in, Component c) {
  switch (c) {
    case Component::gpu_rental:
    case Component::cloud_other:
      return !in.on_prem();
    case Component::hardware_amortization:
    case Component::cost_of_capital:
    case Component::electricity:
    case Component::facility:
      return in.on_prem();
    default:
      return true;
  }
}

double owned_capex_usd_per_gpu_month(const Inputs& in) {
  const OnPrem& o = in.scenario.self_host.on_prem;
  double capex = in.usd_per_gpu + o.host_usd_per_gpu;
  double amortization = capex * (1 - o.residual_value_share) / o.amortization_months;
  // Straight-line depreciation to the residual leaves (1 + residual) / 2 of the capex tied up on average.
  double capital = capex * (1 + o.residual_value_share) / 2 * o.cost_of_capital_per_year / 12;
  return amortization + capital;
}

PurchaseCostPerGpuMonth purchase_cost_per_gpu_month(const Inputs& in, const PricePath& purchase_path,
                                                    int bought_at) {
  const OnPrem& o = in.scenario.self_host.on_prem;
  const double capex = in.usd_per_gpu * purchase_path[bought_at] + o.host_usd_per_gpu;
  const double resale =
      o.residual_value_share *
      (in.usd_per_gpu * purchase_path[bought_at + o.amortization_months] + o.host_usd_per_gpu);
  return {(capex - resale) / o.amortization_months, (capex + resale) / 2 * o.cost_of_capital_per_year / 12};
}

SelfHostCost self_host_cost(const Inputs& in, double tokens_per_month, bool include_one_time,
                            const OwnedFleet* owned, const MonthPrices& prices) {
  Capacity cap = size_capacity(in, tokens_per_month, owned ? owned->replicas : 0);
  double amortizing =
      owned ? owned->amortizing_gpus : cap.replicas_peak * in.scenario.self_host.gpus_per_replica;
  return price_fleet(in, cap, amortizing, include_one_time, in.spot_fleet, prices);
}

SelfHostCost price_fleet(const Inputs& in, const Capacity& capacity, double amortizing, bool include_one_time,
                         bool spot, const MonthPrices& prices) {
  const Scenario& s = in.scenario;
  const SelfHostOption& h = s.self_host;
  const Operations& ops = s.operations;
  SelfHostCost r;
  auto set = [&r](Component c, double usd) { r.breakdown[static_cast<int>(c)] = usd; };

  r.capacity = capacity;
  const Capacity& cap = r.capacity;
  r.gpus = cap.replicas_peak * h.gpus_per_replica;

  if (!in.on_prem()) {
    // × 1 without a rental price path: the rate stays bit-identical.
    double rate =
        (spot ? in.spot_usd_per_gpu_hour() : in.usd_per_gpu_hour * (1 - h.cloud.commitment_discount)) *
        prices.rental;
    set(Component::gpu_rental, cap.gpu_hours_per_month * rate);
    set(Component::cloud_other, h.cloud.other_usd_per_month);
    r.raw_gpu_usd_per_month = r[Component::gpu_rental];
    r.raw_usd_per_replica_hour_at_full_load = spot ? h.gpus_per_replica * rate *
                                                         (1 + h.cloud.spot_spare_share) /
                                                         (1 - h.cloud.spot_restart_loss_share)
                                                   : h.gpus_per_replica * rate;
  } else {
    const OnPrem& o = h.on_prem;
    double capex = in.usd_per_gpu + o.host_usd_per_gpu;
    // With a purchase price path the horizon prices each purchase on its own (horizon.cpp).
    set(Component::hardware_amortization,
        prices.amortization_usd >= 0
            ? prices.amortization_usd
            : amortizing * capex * (1 - o.residual_value_share) / o.amortization_months);
    set(Component::cost_of_capital,
        prices.capital_usd >= 0
            ? prices.capital_usd
            : amortizing * capex * (1 + o.residual_value_share) / 2 * o.cost_of_capital_per_year / 12);
    double kw_full = in.watts_per_gpu / kWattsPerKw;
    double draw_share = o.idle_power_share + (1 - o.idle_power_share) * cap.utilization;
    set(Component::electricity, r.gpus * kw_full * draw_share * o.pue * kHoursPerMonth * o.usd_per_kwh);
    set(Component::facility,
        o.rack_usd_per_month ? *o.rack_usd_per_month : r.gpus * kw_full * o.colo_usd_per_kw_month);
    r.raw_gpu_usd_per_month = r[Component::hardware_amortization] + r[Component::cost_of_capital] +
                              r[Component::electricity] + r[Component::facility];
    // At full load every GPU draws full power; a flat rack cost is shared by the GPUs it holds.
    double facility_per_gpu_month =
        r.gpus > 0 ? r[Component::facility] / r.gpus : kw_full * o.colo_usd_per_kw_month;
    double per_gpu_hour = (owned_capex_usd_per_gpu_month(in) + facility_per_gpu_month) / kHoursPerMonth +
                          kw_full * o.pue * o.usd_per_kwh;
    r.raw_usd_per_replica_hour_at_full_load = h.gpus_per_replica * per_gpu_hour;
  }

  const Engineering& e = ops.engineering;
  set(Component::engineering, in.engineering_by_fte ? e.fte * e.usd_per_fte_year / 12
                                                    : r.raw_gpu_usd_per_month * (e.overhead_multiplier - 1));
  set(Component::model_refreshes, ops.model_refreshes_per_year * ops.usd_per_model_refresh / 12);
  set(Component::observability, ops.observability_usd_per_month);
  set(Component::one_time, include_one_time ? in.one_time_usd() / s.horizon_months : 0.0);

  for (double usd : r.breakdown) r.usd_per_month += usd;
  return r;
}

}  // namespace tcoscope
