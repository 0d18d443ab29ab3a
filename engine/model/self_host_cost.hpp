// self_host_cost.hpp — the monthly self-hosting bill by component: GPUs rented or bought, power, space,
// engineering, model refreshes, observability and one-off work (SPEC §4).
#pragma once

#include <array>
#include <string_view>

#include "model/capacity.hpp"
#include "model/inputs.hpp"
#include "model/price_path.hpp"

namespace tcoscope {

enum class Component {
  gpu_rental,
  cloud_other,
  hardware_amortization,
  cost_of_capital,
  electricity,
  facility,
  engineering,
  model_refreshes,
  observability,
  one_time,
};
inline constexpr int kComponentCount = 10;

std::string_view component_key(Component c);            // "gpu_rental", …: the breakdown's JSON keys
std::string_view component_label(Component c);          // "GPU rental", …
bool component_applies(const Inputs& in, Component c);  // cloud vs on-prem components

// A fleet already bought (for the horizon): GPUs never shrink, and each purchase amortizes on its own clock.
struct OwnedFleet {
  double replicas = 0;
  double amortizing_gpus = 0;  // GPUs still inside their amortization period this month
};

struct SelfHostCost {
  Capacity capacity;
  std::array<double, kComponentCount> breakdown{};  // USD per month by Component
  double gpus = 0;                                  // provisioned at peak (rental) or owned
  double raw_gpu_usd_per_month = 0;  // hardware only: rental, or amortization + capital + power + space
  double usd_per_month = 0;          // all-in
  double raw_usd_per_replica_hour_at_full_load = 0;

  double operator[](Component c) const { return breakdown[static_cast<int>(c)]; }
};

// `include_one_time`: spread one-off costs over the horizon (monthly view) or leave them out (the horizon
// series pays them up front).
// `prices`: a month of the horizon's price paths (today's prices by default). Spot capacity for the whole
// fleet (Inputs::spot_fleet) is sized and billed here (capacity.hpp, price_fleet()).
SelfHostCost self_host_cost(const Inputs& in, double tokens_per_month, bool include_one_time = true,
                            const OwnedFleet* owned = nullptr, const MonthPrices& prices = {});

// The bill of a given fleet: its capacity (replicas, replica-hours, utilization) and, on premises, the GPUs
// still inside their amortization period. self_host_cost() sizes the fleet and calls this; the hybrid option
// prices its fixed floor with it.
// `spot`: the fleet is billed at the spot rate (no commitment discount), and its cost at full load counts
// the spot spares and the restart loss: rate × (1 + spare share) / (1 − restart loss) per GPU-hour served.
SelfHostCost price_fleet(const Inputs& in, const Capacity& capacity, double amortizing_gpus,
                         bool include_one_time, bool spot = false, const MonthPrices& prices = {});

// Hardware cost per GPU-month of an owned GPU: amortization and cost of capital (power and space aside).
double owned_capex_usd_per_gpu_month(const Inputs& in);

// With a purchase price path (model/price_path.hpp): a GPU bought `bought_at` months after the start pays
// price × path[bought_at] + host, and is resold after amortization_months at the residual share of
// price × path[bought_at + amortization_months] + host. Per GPU-month while it amortizes:
//   amortization = (capex − resale) / amortization_months,
//   cost of capital = (capex + resale) / 2 × rate / 12 (straight line from capex to resale, as without a
//   path).
struct PurchaseCostPerGpuMonth {
  double amortization_usd = 0;
  double capital_usd = 0;
};
PurchaseCostPerGpuMonth purchase_cost_per_gpu_month(const Inputs& in, const PricePath& purchase_path,
                                                    int bought_at);

}  // namespace tcoscope
