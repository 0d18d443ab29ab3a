// gpu_options.hpp — "Which GPU?": every catalog GPU, rented at each listed rate and bought, serving this
// workload with this model; the cheapest way to self-host it first.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/catalog.hpp"
#include "model/inputs.hpp"

namespace tcoscope {

struct GpuOption {
  std::string gpu;
  std::string gpu_name;
  int gpus_per_replica = 0;
  bool fits = false;
  std::string problem;   // when no replica of up to 8 GPUs fits (or meets the latency target)
  std::string option;    // rent | buy
  std::string provider;  // rent: provider id
  std::string provider_name;
  bool spot = false;            // rent: a spot row, sized and priced with the scenario's interruption model
  double usd_per_gpu_hour = 0;  // rent
  double usd_per_gpu = 0;       // buy
  std::string price_source;
  std::string price_as_of;
  double tokens_per_second_per_replica = 0;                      // modeled
  std::optional<double> measured_tokens_per_second_per_replica;  // the catalog's published figure, if any
  double replicas_peak = 0;
  double gpus = 0;
  double utilization = 0;
  double raw_gpu_usd_per_month = 0;
  double usd_per_month = 0;  // all-in self-hosting cost with this GPU option
  std::optional<double> usd_per_mtok;
  bool current = false;  // the scenario's own choice
};

// Needs a catalog model; GPUs that cannot hold it on up to 8 GPUs are listed last with the reason.
std::vector<GpuOption> gpu_options(const Inputs& in, const Catalog& catalog);

}  // namespace tcoscope
