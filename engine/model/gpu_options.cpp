// gpu_options.cpp — re-prices the scenario with each GPU, sized by the smallest replica (1, 2, 4 or 8 GPUs)
// that holds the model within the latency targets. Every row uses the roofline model, so GPUs are compared on
// one footing; a published measurement, where the catalog has one, is shown beside it.
#include "model/gpu_options.hpp"

#include <algorithm>
#include <iterator>

#include "model/self_host_cost.hpp"
#include "model/units.hpp"

namespace tcoscope {
namespace {

void price(GpuOption& o, const Inputs& variant) {
  double volume = variant.scenario.workload.tokens_per_month;
  SelfHostCost c = self_host_cost(variant, volume);
  o.replicas_peak = c.capacity.replicas_peak;
  o.gpus = c.gpus;
  o.utilization = c.capacity.utilization;
  o.raw_gpu_usd_per_month = c.raw_gpu_usd_per_month;
  o.usd_per_month = c.usd_per_month;
  if (volume > 0) o.usd_per_mtok = c.usd_per_month / volume * kTokensPerMtok;
}

}  // namespace

std::vector<GpuOption> gpu_options(const Inputs& in, const Catalog& catalog) {
  std::vector<GpuOption> rows, unfit;
  if (!in.model) return rows;
  const Scenario& s = in.scenario;
  for (const Gpu& gpu : catalog.gpus) {
    // The engine's factors depend on the GPU (vLLM's batch cap, llama.cpp's MBU on HBM).
    const ThroughputParams params = throughput_params(s, in.engine_profile, &gpu);
    GpuOption base;
    base.gpu = gpu.id;
    base.gpu_name = gpu.name;
    std::string last_problem;
    for (int n : {1, 2, 4, 8}) {
      ThroughputModel m = model_throughput(gpu, *in.model, n, params);
      if (!m.fits) {
        last_problem = m.problem;
        continue;
      }
      base.fits = true;
      base.gpus_per_replica = n;
      base.tokens_per_second_per_replica = m.total_tokens_per_second;
      // Shown beside the modeled figure, whatever its kind: the rows are all sized on the model.
      MeasurementMatch match = catalog.match_measurement({.model = in.model->id,
                                                          .gpu = gpu.id,
                                                          .gpus_per_replica = n,
                                                          .precision = name(params.precision),
                                                          .engine = s.self_host.throughput.engine,
                                                          .input_tokens = params.input_tokens_per_request,
                                                          .output_tokens = params.output_tokens_per_request});
      const Measurement* measured = match.sizing ? match.sizing : match.reference;
      if (measured && measured->precision == name(params.precision))
        base.measured_tokens_per_second_per_replica = measured->total_tokens_per_second_per_replica;
      break;
    }
    if (!base.fits) {
      base.problem = last_problem;
      unfit.push_back(base);
      continue;
    }

    Inputs variant = in;
    variant.gpu = &gpu;
    variant.scenario.self_host.gpu = gpu.id;
    variant.scenario.self_host.gpus_per_replica = base.gpus_per_replica;
    variant.tokens_per_second_per_replica = base.tokens_per_second_per_replica;
    bool same_gpu = in.gpu == &gpu && s.self_host.gpus_per_replica == base.gpus_per_replica;

    variant.is_on_prem = false;
    variant.is_autoscaled = s.self_host.cloud.autoscale;
    for (const RentalRate& rate : gpu.rental) {
      // A spot row is priced as a spot fleet: the scenario's spare share and restart loss (capacity.hpp).
      const bool spot = rate.kind == "spot";
      variant.spot_fleet = spot;
      variant.spot_floor = spot;
      variant.spot_rate_listed = spot ? std::optional(rate.usd_per_gpu_hour) : std::nullopt;
      GpuOption o = base;
      o.option = "rent";
      o.spot = spot;
      o.provider = rate.provider;
      o.provider_name = rate.provider_name;
      o.usd_per_gpu_hour = rate.usd_per_gpu_hour;
      o.price_source = rate.source;
      o.price_as_of = rate.as_of;
      variant.usd_per_gpu_hour = rate.usd_per_gpu_hour;
      price(o, variant);
      o.current = same_gpu && !in.on_prem() && in.usd_per_gpu_hour == rate.usd_per_gpu_hour &&
                  in.provider_name == rate.provider_name && in.spot_fleet == spot;
      rows.push_back(o);
    }
    if (gpu.purchase) {
      GpuOption o = base;
      o.option = "buy";
      o.usd_per_gpu = gpu.purchase->usd_per_gpu;
      o.price_source = gpu.purchase->source;
      o.price_as_of = gpu.purchase->as_of;
      variant.is_on_prem = true;
      variant.is_autoscaled = false;
      variant.spot_fleet = variant.spot_floor = false;
      variant.usd_per_gpu = gpu.purchase->usd_per_gpu;
      variant.watts_per_gpu = s.self_host.on_prem.watts_per_gpu.value_or(gpu.tdp_watts * kHostPowerFactor);
      price(o, variant);
      o.current = same_gpu && in.on_prem() && in.usd_per_gpu == o.usd_per_gpu;
      rows.push_back(o);
    }
  }
  // Cheapest first, ties in catalog order; the rows are sorted by index, so that each moves once.
  std::vector<std::size_t> order(rows.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return rows[a].usd_per_month < rows[b].usd_per_month;
  });
  std::vector<GpuOption> sorted;
  sorted.reserve(rows.size() + unfit.size());
  for (std::size_t i : order) sorted.push_back(std::move(rows[i]));
  std::move(unfit.begin(), unfit.end(), std::back_inserter(sorted));
  return sorted;
}

}  // namespace tcoscope
