// inputs.hpp — a scenario resolved against the catalog: every number the model needs, and where it came from.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/catalog.hpp"
#include "model/load_profile.hpp"
#include "model/problems.hpp"
#include "model/scenario.hpp"
#include "model/throughput.hpp"

namespace tcoscope {

// Where a catalog-fillable number came from, for the page's "source, as of" labels.
struct Provenance {
  std::string path;  // JSON pointer of the scenario field
  double value = 0;
  std::string from;  // "scenario" (typed by the user), "catalog", or "default" (a documented formula)
  std::string source;
  std::string as_of;
  std::string detail;  // e.g. "Lambda on-demand", "TDP 700 W × 1.4 host overhead"
  // When the user overrode it: what the catalog (or its formula) would have given; source, as_of and detail
  // then describe that figure.
  std::optional<double> catalog_value;
};

struct Inputs {
  Scenario scenario;                    // as given; plain fields are read from here
  const ApiModel* api_model = nullptr;  // nullptr for "custom"
  const OpenModel* model = nullptr;     // nullptr for "custom"
  const Gpu* gpu = nullptr;             // nullptr for "custom"
  const ApiModel* hosted_api =
      nullptr;  // an API serving the self-hosted open model itself, if the catalog has one
  LoadShape load;
  std::string load_profile_name;  // the preset, or "custom"

  // Resolved catalog-fillable values.
  double api_usd_per_mtok_input = 0;
  double api_usd_per_mtok_cached_input = 0;
  double api_usd_per_mtok_output = 0;
  double api_batch_discount = 0;
  double tokens_per_second_per_replica = 0;
  double usd_per_gpu_hour = 0;
  std::string provider_name;       // rental provider shown in explanations
  std::string competes_with_name;  // the API model the self-hosted model is a fair substitute for
  double usd_per_gpu = 0;
  double watts_per_gpu = 0;
  // Spot (rental only): the rate given or the provider's spot row; empty: on-demand × (1 − spot_discount),
  // taken when used so that a range on the on-demand rate or the discount moves it.
  std::optional<double> spot_rate_listed;
  std::string spot_provider_name;  // the spot row's provider, or the on-demand provider for a discount

  // The roofline model for this model × GPU × replica, whenever both are catalog rows (shown next to a
  // measured figure), and where the throughput used came from: "scenario", "catalog" or "modeled".
  std::optional<ThroughputModel> throughput_model;
  std::string throughput_from;
  // Self-hosted prefix caching: the hit rate used, and the modeled throughput without it (when the model
  // runs and the rate is above 0), whose ratio to the cached one is the capacity gain. A measured figure
  // taken without caching is multiplied by that gain (prefix_cache_gain; 1 when not applied).
  double prefix_cache_hit_rate = 0;
  std::optional<double> uncached_tokens_per_second;
  double prefix_cache_gain = 1;
  const Measurement* measurement = nullptr;  // the catalog measurement that sizes the fleet, if any
  // Else the closest catalog measurement, shown beside the figure used but never sized on, and why not.
  const Measurement* reference_measurement = nullptr;
  std::string reference_why_not;
  MeasurementMatch measurements;  // every catalog row for this model, GPU and GPU count, and why not each
  const EngineProfile* engine_profile = nullptr;  // the serving engine's profile
  ThroughputParams throughput_params;             // the roofline's settings, the profile's factors filled in

  // The scenario's choices as flags, set once by resolve(): the hot loops compare no strings.
  bool is_on_prem = false;
  bool is_autoscaled = false;      // autoscaled rental (never for owned GPUs)
  bool engineering_by_fte = true;  // else the overhead multiplier
  bool spot_fleet = false;         // rental: the self-hosted fleet (and so the hybrid's floor) runs on spot
  bool spot_floor = false;         // rental: the hybrid's floor runs on spot (with or without the fleet)
  double spot_usd_per_gpu_hour() const {
    return spot_rate_listed ? *spot_rate_listed
                            : usd_per_gpu_hour * (1 - scenario.self_host.cloud.spot_discount);
  }
  bool on_prem() const { return is_on_prem; }
  bool autoscale() const { return is_autoscaled; }
  double one_time_usd() const {
    return scenario.operations.one_time_usd + scenario.operations.observability_setup_usd;
  }

  std::vector<Provenance> provenance;
};

struct ResolvedInputs {
  Inputs inputs;
  Problems errors;
  Problems warnings;
  bool ok() const { return errors.empty(); }
};

// Ties catalog ids to rows, fills what the scenario left out and checks what needs the catalog to check.
// Host overhead applied to TDP when no watts_per_gpu is given (FACTS §6: +30-50 % for CPU, NICs, fans).
inline constexpr double kHostPowerFactor = 1.4;
ResolvedInputs resolve(const Scenario& s, const Catalog& catalog);

// No silent caps: growth that takes the volume past the volume limit, or a fleet larger than kMaxReplicas at
// any month of the horizon, is an error on the field that causes it (code "exceeds_limits"). resolve() adds
// these; the flip-point search uses them to keep its answers within what a scenario may be.
Problems scale_problems(const Inputs& in);

}  // namespace tcoscope
