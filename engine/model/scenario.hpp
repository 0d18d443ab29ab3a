// scenario.hpp — what the user describes: plain aggregates whose member initializers are the documented
// defaults. Fields a catalog id can fill are std::optional: empty means "take it from the catalog". Keys,
// ranges, units and descriptions are contract/scenario_fields.hpp's (one row per member); the schema and the
// page derive from them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/enums.hpp"

namespace tcoscope {

inline constexpr int kSchemaVersion = 1;

struct LoadProfile {
  LoadPreset preset = LoadPreset::business_hours;
  std::vector<double> hourly_weights;  // 168 custom weights (Monday 00:00 first); when set, preset is unused
  bool operator==(const LoadProfile&) const = default;
};

struct Workload {
  double tokens_per_month = 2e9;    // input + output tokens
  double input_share = 0.75;        // share of tokens that are input (prompt) tokens
  double cached_input_share = 0.0;  // share of input tokens that hit the API's prompt cache
  double batch_share = 0.0;         // share of traffic that can wait for a batch API
  double monthly_growth = 0.0;      // volume growth per month over the horizon (0.05 = +5 %/month)
  LoadProfile load_profile;
  bool operator==(const Workload&) const = default;
};

struct ApiOption {
  std::string model = "gpt-4o-mini";  // api_models catalog id, or "custom" with every price given
  std::optional<double> usd_per_mtok_input;
  std::optional<double> usd_per_mtok_cached_input;
  std::optional<double> usd_per_mtok_output;
  std::optional<double> batch_discount;  // fraction off for the batch share (0.5 = half price)
  double other_usd_per_month = 0.0;      // fixed API-side costs: gateway, support plan, …
  // Annual change of the per-token prices over the horizon (model/price_path.hpp); 0: today's prices
  // throughout.
  double price_change_per_year = 0.0;
  bool operator==(const ApiOption&) const = default;
};

struct Throughput {
  // measured: the figure given, else the catalog's published measurement, else the model (with a warning);
  // modeled: the roofline model of MODEL.md from the GPU, the model and the settings below.
  ThroughputSource source = ThroughputSource::measured;
  std::optional<double> tokens_per_second_per_replica;  // input + output tokens/s one replica serves
  Precision precision = Precision::bf16;                // weights
  KvPrecision kv_precision = KvPrecision::bf16;         // KV cache
  double input_tokens_per_request = 1000;
  double output_tokens_per_request = 250;
  // The serving engine's profile (assets/catalog/engines.json) fills the factors and the batch cap left
  // empty.
  ServingEngine engine = ServingEngine::vllm;
  std::optional<double> mbu;          // empty: the engine profile's
  std::optional<double> mfu;          // empty: the engine profile's
  std::optional<double> mfu_prefill;  // empty: the engine profile's
  double tp_efficiency = 0.85;
  double gpu_memory_utilization = 0.9;
  double runtime_overhead_gb = 2.0;  // per GPU
  std::optional<int> max_batch;      // engine cap on concurrent sequences; empty: the engine profile's
  // A mixture-of-experts model over several GPUs reaches this share of its roofline: all-to-all traffic and
  // expert imbalance. Within one NVLink node (up to 8 GPUs per replica): 0.7, the median fit of NVIDIA's 12
  // steady-state TensorRT-LLM rows for Qwen3-235B-A22B on 8× H100/H200/B200/RTX PRO 6000 (throughput.json;
  // ratios 0.62-1.32 after the fit). Across nodes (more than 8 GPUs per replica, all-to-all over the
  // network): 0.35, MODEL §8 #8 (DeepSeek-V3 EP72 on H100s at about 0.3-0.4× the roofline, the midpoint).
  double moe_multi_gpu_factor = 0.7;
  double moe_multi_node_factor = 0.35;
  // Self-hosted prefix caching (vLLM automatic prefix caching, SGLang RadixAttention): the share of prompt
  // tokens whose KV is already cached, so their prefill is skipped. Empty: the workload's cached_input_share
  // (the share the API prices as cached); 0: off.
  std::optional<double> prefix_cache_hit_rate;
  // Whether a measured throughput (yours or the catalog's) was taken with that caching; if not, the model's
  // gain from the hit rate is applied on top of it. The catalog's rows are random-prompt runs without hits.
  bool measurement_includes_prefix_cache = false;
  bool operator==(const Throughput&) const = default;
};

struct CloudRental {
  std::string provider;                    // a provider id from the GPU's rental rows; empty = its default
  std::optional<double> usd_per_gpu_hour;  // overrides the provider rate
  double commitment_discount = 0.0;        // off the rate: reserved / committed use (FACTS §3: 30-60 %)
  bool autoscale = false;                  // bill replica-hours hour by hour instead of a fixed fleet
  double other_usd_per_month = 0.0;        // storage, egress, load balancer, …
  double rate_change_per_year = 0.0;       // annual change of the rental rate over the horizon
  // Spot (preemptible) capacity: its rate and the interruption model (model/capacity.hpp, hybrid.hpp).
  SpotUse spot = SpotUse::none;
  // Empty: the provider's spot row in the catalog, else on-demand × (1 − spot_discount).
  std::optional<double> spot_usd_per_gpu_hour;
  double spot_discount = 0.6;  // FACTS §3: spot is 40-80 % less than on-demand (midpoint)
  // Extra spot replicas held for availability, as a share of those the load needs (rounded up): AWS's Spot
  // Instance Advisor puts H100 (p5) instances in its 15-20 % a month interruption band (thundercompute.com,
  // data of 2026-02-24), so a fifth more replicas keeps serving while reclaimed ones are replaced.
  double spot_spare_share = 0.2;
  // Share of each spot replica's capacity lost to restarts: about 0.2 interruptions a replica-month × 10
  // minutes (AWS's 2-minute notice + an 8-minute restore of a cached engine, spotinference.com 2026) /
  // 43,800 minutes a month ≈ 0.005 %, rounded up to 0.01 %.
  double spot_restart_loss_share = 0.0001;
  bool operator==(const CloudRental&) const = default;
};

struct OnPrem {
  std::optional<double> usd_per_gpu;  // purchase price per GPU
  double host_usd_per_gpu = 5000.0;   // server, CPUs, RAM, NICs: an 8-GPU server's other parts / 8
  int amortization_months = 36;
  double residual_value_share = 0.2;      // resale value at the end of amortization, share of the price
  double cost_of_capital_per_year = 0.0;  // interest on the average capital tied up (0.08 = 8 %/year)
  std::optional<double> watts_per_gpu;    // full draw per GPU incl. its share of the host; default TDP × 1.4
  double idle_power_share = 0.3;          // idle draw as a share of full draw
  double pue = 1.56;
  double usd_per_kwh = 0.13;
  double colo_usd_per_kw_month = 194.95;     // colocation priced per provisioned kW
  std::optional<double> rack_usd_per_month;  // a flat rack/space cost that replaces the colocation formula
  // Annual change of the GPU purchase price over the horizon: GPUs bought later as volume grows pay the price
  // of their month, and every GPU is resold at the residual share of the new price at its sale.
  double price_change_per_year = 0.0;
  bool operator==(const OnPrem&) const = default;
};

struct SelfHostOption {
  std::string model = "qwen3-14b";  // open-weight models catalog id
  std::string gpu = "h100-sxm";     // GPU catalog id
  int gpus_per_replica = 1;
  Deployment deployment = Deployment::cloud;
  Throughput throughput;
  double target_peak_utilization = 0.7;  // headroom: no hour runs its replicas above this load
  int min_replicas = 1;
  int spare_replicas = 0;  // redundancy on top of what the peak needs
  CloudRental cloud;
  OnPrem on_prem;
  bool operator==(const SelfHostOption&) const = default;
};

struct Engineering {
  EngineeringMode mode = EngineeringMode::fte;
  double fte = 0.5;
  double usd_per_fte_year = 145000.0;
  double overhead_multiplier = 3.0;  // total = raw GPU cost × multiplier (mode "multiplier")
  bool operator==(const Engineering&) const = default;
};

struct Operations {
  Engineering engineering;
  double model_refreshes_per_year = 2.0;
  double usd_per_model_refresh = 12000.0;
  double observability_usd_per_month = 400.0;
  double observability_setup_usd = 5000.0;
  double one_time_usd = 24000.0;  // migration, load testing, fallbacks: two engineer-months
  bool operator==(const Operations&) const = default;
};

struct Constraints {
  Compliance compliance = Compliance::none;
  double p99_latency_ms = 0.0;  // time per output token target (ms); 0 = none
  double p99_ttft_ms = 0.0;     // time to first token target (ms); 0 = none
  bool has_mlops_team = false;
  // With compliance: may the hybrid send the floor's overflow to the API? (Without it, all traffic is
  // self-hosted.)
  bool allow_api_overflow = false;
  bool operator==(const Constraints&) const = default;
};

// A plausible range for one numeric input, in the input's own unit: the value itself is the most likely
// (triangular) or all values are alike (uniform). `off` removes a default range.
struct InputRange {
  double low = 0;
  double high = 0;
  RangeDist dist = RangeDist::triangular;
  bool off = false;
  bool operator==(const InputRange&) const = default;
};

// "How sure?": the ranges the Monte Carlo samples and the tornado swings (analysis/sensitivity.hpp). The
// engine ships sourced default ranges (assets/catalog/ranges.json); `ranges` holds what the user set or
// switched off, keyed by the input's JSON pointer.
struct Uncertainty {
  bool enabled = true;         // false: no ranges at all (no tornado, no Monte Carlo; flip points still)
  bool default_ranges = true;  // the engine's sourced defaults; false: only the ranges below
  int samples = 10000;
  int seed = 1;
  std::map<std::string, InputRange> ranges;
  bool operator==(const Uncertainty&) const = default;
};

struct Scenario {
  int schema_version = kSchemaVersion;
  std::string name = "Support assistant, 2B tokens/month";
  std::string description;
  int horizon_months = 36;
  // A catalog or imported price older than this many months on the day of the run gives the stale_prices
  // reason (model/staleness.hpp); 0: never. The day itself is never part of the scenario.
  int prices_stale_after_months = 6;
  Workload workload;
  ApiOption api;
  SelfHostOption self_host;
  Operations operations;
  Constraints constraints;
  Uncertainty uncertainty;
  bool operator==(const Scenario&) const = default;
};

}  // namespace tcoscope
