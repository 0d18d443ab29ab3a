// scenario_fields.hpp — the scenario's one field table: every input once, with its JSON key, its range or
// choices, its unit and a one-line description. The default is the member initializer in model/scenario.hpp.
//
// Reading and validating untrusted JSON, writing it back, minimizing, the JSON Schema and the fuzz dictionary
// are visitors over these tables (contract/scenario_json.cpp, contract/schema.cpp), so they cannot disagree.
// Adding an input: a member with its default in model/scenario.hpp, one row here, one presentation row in
// web/src/params.js.
#pragma once

#include <concepts>
#include <cstddef>
#include <string>
#include <type_traits>
#include <vector>

#include "model/scenario.hpp"
#include "model/units.hpp"

namespace tcoscope::fields {

struct Range {
  double min;
  double max;
  bool exclusive_min = false;  // (min, max] instead of [min, max]
  double min_nonzero = 0;      // when set: 0, or a number from min_nonzero to max (no sub-token volumes)
  bool accepts(double x) const {
    if (x > max || x < min || (exclusive_min && x == min)) return false;
    return !(min_nonzero > 0 && x != 0 && x < min_nonzero);
  }
};

// A slider's span when it is narrower than the accepted range (the page's hint; the engine accepts the
// range).
struct Slider {
  double min = 0;
  double max = 0;
  bool log = false;
};

struct Text {
  std::size_t max_chars;
};

// A field's description, for people: the JSON Schema's (contract/schema.cpp). The wasm module never writes
// the schema (its page has it from the build's run of the CLI), so its build defines TCOSCOPE_NO_DESCRIPTIONS
// and the text stays out of the binary (about 20 KB; issue 13): the constructor runs at compile time and
// keeps nothing.
struct Doc {
  consteval Doc(const char* s)
#ifdef TCOSCOPE_NO_DESCRIPTIONS
      : text((static_cast<void>(s), ""))
#else
      : text(s)
#endif
  {
  }
  const char* text;
};

struct Integer {
  int min;
  int max;
};

inline constexpr std::size_t kMaxIdChars = 200;  // ids and names
inline constexpr std::size_t kMaxDescriptionChars = 2000;
inline constexpr double kMaxHourlyWeight = 1e9;
inline constexpr int kMaxSamples = 100000;  // 10× the default; about half a second natively
inline constexpr int kMaxSeed = 2147483647;

#define TCOSCOPE_FIELDS(Type)                         \
  template <class V, class S>                         \
  requires std::same_as<std::remove_const_t<S>, Type> \
  void visit(V& v, S& x)

TCOSCOPE_FIELDS(LoadProfile) {
  v.choice("preset", x.preset, "A preset week of demand; ignored when hourly_weights is given");
  v.weights("hourly_weights", x.hourly_weights, Range{0, kMaxHourlyWeight},
            "168 custom hourly weights, Monday 00:00 first, at least one above zero; replaces the preset");
}

TCOSCOPE_FIELDS(Workload) {
  v.number("tokens_per_month", x.tokens_per_month, Range{0, kMaxTokensPerMonth, false, 1}, "tokens",
           "Input + output tokens a month", Slider{kMinCurveTokensPerMonth, kMaxCurveTokensPerMonth, true});
  v.number("input_share", x.input_share, Range{0, 1}, "fraction",
           "Share of tokens that are input (prompt) tokens");
  v.number("cached_input_share", x.cached_input_share, Range{0, 1}, "fraction of input",
           "Share of input tokens that hit the API's prompt cache");
  v.number("batch_share", x.batch_share, Range{0, 1}, "fraction",
           "Share of traffic that can wait for a batch API");
  v.number("monthly_growth", x.monthly_growth, Range{-0.5, 1}, "fraction per month",
           "Volume growth per month over the horizon (0.05 = +5 %/month)");
  v.object("load_profile", x.load_profile, "When in the week the tokens arrive");
}

TCOSCOPE_FIELDS(ApiOption) {
  v.text("model", x.model, Text{kMaxIdChars},
         "API model: an api_models catalog id, or \"custom\" with every price given");
  v.optional("usd_per_mtok_input", x.usd_per_mtok_input, Range{0, 1000}, "USD per 1M tokens",
             "Input price; empty: the catalog's");
  v.optional("usd_per_mtok_cached_input", x.usd_per_mtok_cached_input, Range{0, 1000}, "USD per 1M tokens",
             "Cached-input price; empty: the catalog's");
  v.optional("usd_per_mtok_output", x.usd_per_mtok_output, Range{0, 1000}, "USD per 1M tokens",
             "Output price; empty: the catalog's");
  v.optional("batch_discount", x.batch_discount, Range{0, 0.95}, "fraction off",
             "Discount for the batch share (0.5 = half price); empty: the catalog's");
  v.number("other_usd_per_month", x.other_usd_per_month, Range{0, 1e8}, "USD per month",
           "Fixed API-side costs: gateway, support plan");
  v.number("price_change_per_year", x.price_change_per_year, Range{-0.9, 1}, "fraction per year",
           "Annual change of the per-token prices over the horizon, compounded monthly: month m bills at "
           "(1 + change)^(m/12) of today's (-0.2 = 20 %/year cheaper). 0: today's prices. For reference: "
           "GPT-4o went from $5 / $15 (2024-05-13) to $2.50 / $10 per 1M tokens (2024-08-06), and the price "
           "of a fixed quality level fell 9x-900x a year in 2022-2025 (Epoch AI, 2025-03-12), mostly by "
           "switching to newer models");
}

TCOSCOPE_FIELDS(Throughput) {
  v.choice("source", x.source,
           "measured: the figure given, else the catalog's measurement, else the model; modeled: the "
           "roofline model");
  v.optional("tokens_per_second_per_replica", x.tokens_per_second_per_replica, Range{0.001, 1e7},
             "tokens per second",
             "Input + output tokens per second one replica serves; empty: the catalog's");
  v.choice("precision", x.precision, "Weight precision");
  v.choice("kv_precision", x.kv_precision, "KV-cache precision");
  v.number("input_tokens_per_request", x.input_tokens_per_request, Range{1, 1e7}, "tokens",
           "Prompt tokens per request");
  v.number("output_tokens_per_request", x.output_tokens_per_request, Range{1, 1e6}, "tokens",
           "Generated tokens per request");
  v.choice("engine", x.engine,
           "Serving engine: its profile sets the efficiency factors and the batch cap left empty");
  v.optional("mbu", x.mbu, Range{0.01, 1}, "fraction",
             "Memory-bandwidth utilization reached in decode; empty: the engine's");
  v.optional("mfu", x.mfu, Range{0.01, 1}, "fraction",
             "Share of peak dense FLOPS reached in decode; empty: the engine's");
  v.optional("mfu_prefill", x.mfu_prefill, Range{0.01, 1}, "fraction",
             "Share of peak dense FLOPS reached in prefill; empty: the engine's");
  v.number("tp_efficiency", x.tp_efficiency, Range{0.01, 1}, "fraction",
           "With several GPUs per replica, bandwidth and FLOPS grow by GPUs × this share per doubling "
           "(TP2 × η, TP4 × η², TP8 × η³)");
  v.number("moe_multi_gpu_factor", x.moe_multi_gpu_factor, Range{0.01, 1}, "fraction of the roofline",
           "A mixture-of-experts model over 2-8 GPUs of one node reaches this share of its roofline "
           "(all-to-all traffic over NVLink; fit to TensorRT-LLM's Qwen3-235B rows)");
  v.number("moe_multi_node_factor", x.moe_multi_node_factor, Range{0.01, 1}, "fraction of the roofline",
           "A mixture-of-experts model over more than 8 GPUs (several nodes) reaches this share of its "
           "roofline (all-to-all over the network; MODEL §8 #8)");
  v.optional("prefix_cache_hit_rate", x.prefix_cache_hit_rate, Range{0, 1}, "fraction of prompt tokens",
             "Share of prompt tokens the server's prefix cache already holds, so their prefill is skipped "
             "(vLLM, SGLang); empty: the workload's cached-input share; 0: off");
  v.boolean("measurement_includes_prefix_cache", x.measurement_includes_prefix_cache,
            "A measured throughput was taken with this prefix caching (else the model's gain is applied to "
            "it)");
  v.number("gpu_memory_utilization", x.gpu_memory_utilization, Range{0.01, 1}, "fraction of VRAM",
           "Share of each GPU's memory the serving engine takes");
  v.number("runtime_overhead_gb", x.runtime_overhead_gb, Range{0, 1000}, "GB per GPU",
           "CUDA context, graphs and activations");
  v.optional_integer(
      "max_batch", x.max_batch, Integer{1, 1000000}, "sequences",
      "Most sequences the serving engine runs at once (vLLM max_num_seqs); empty: the engine's");
}

TCOSCOPE_FIELDS(CloudRental) {
  v.text("provider", x.provider, Text{kMaxIdChars},
         "A provider id from the GPU's rental rows; empty: its default");
  v.optional("usd_per_gpu_hour", x.usd_per_gpu_hour, Range{0, 1000}, "USD per GPU-hour",
             "Rental rate; empty: the provider's");
  v.number("commitment_discount", x.commitment_discount, Range{0, 0.9}, "fraction off",
           "Reserved or committed-use discount off the rate");
  v.boolean("autoscale", x.autoscale, "Bill replica-hours hour by hour instead of a fixed fleet");
  v.number("other_usd_per_month", x.other_usd_per_month, Range{0, 1e8}, "USD per month",
           "Storage, egress, load balancer");
  v.number("rate_change_per_year", x.rate_change_per_year, Range{-0.9, 1}, "fraction per year",
           "Annual change of the rental rate over the horizon, compounded monthly (month m at "
           "(1 + change)^(m/12)); 0: today's rate. For reference: H100 rental fell from about $8/h (2023) "
           "to $1.70/h (October 2025), about -50 %/year, then rose 40 % to $2.35/h by March 2026 "
           "(SemiAnalysis rental index, via compux.net 2026)");
  v.choice(
      "spot", x.spot,
      "Spot (preemptible) capacity: none, the hybrid's floor only, or the whole self-hosted fleet (always "
      "the fleet when the provider is a catalog spot row)");
  v.optional(
      "spot_usd_per_gpu_hour", x.spot_usd_per_gpu_hour, Range{0, 1000}, "USD per GPU-hour",
      "Spot rate; empty: the provider's spot row in the catalog, else on-demand × (1 − spot_discount)");
  v.number("spot_discount", x.spot_discount, Range{0, 0.95}, "fraction off",
           "Spot discount off the on-demand rate when no spot rate is listed (FACTS §3: 40-80 % less; "
           "default the midpoint)");
  v.number("spot_spare_share", x.spot_spare_share, Range{0, 2}, "fraction of replicas",
           "Extra spot replicas held for availability, as a share of those the load needs, rounded up "
           "(AWS Spot Instance Advisor: H100 p5 instances in the 15-20 % a month interruption band, "
           "2026-02)");
  v.number("spot_restart_loss_share", x.spot_restart_loss_share, Range{0, 0.9}, "fraction of capacity",
           "Share of each spot replica's capacity lost to restarts after interruptions (0.2 a month × 10 "
           "minutes / 43,800 minutes, rounded up)");
}

TCOSCOPE_FIELDS(OnPrem) {
  v.optional("usd_per_gpu", x.usd_per_gpu, Range{0, 1e7}, "USD per GPU",
             "Purchase price; empty: the catalog's");
  v.number("host_usd_per_gpu", x.host_usd_per_gpu, Range{0, 1e7}, "USD per GPU",
           "Server, CPUs, RAM, NICs: an 8-GPU server's other parts / 8");
  v.integer("amortization_months", x.amortization_months, Integer{1, kMaxHorizonMonths}, "months",
            "Months over which the hardware is written off");
  v.number("residual_value_share", x.residual_value_share, Range{0, 0.95}, "fraction of price",
           "Resale value at the end of amortization");
  v.number("cost_of_capital_per_year", x.cost_of_capital_per_year, Range{0, 1}, "fraction per year",
           "Interest on the average capital tied up (0.08 = 8 %/year)");
  v.optional("watts_per_gpu", x.watts_per_gpu, Range{1, 20000}, "W",
             "Full draw per GPU incl. its share of the host; empty: TDP × 1.4");
  v.number("idle_power_share", x.idle_power_share, Range{0, 1}, "fraction of full draw", "Idle draw");
  v.number("pue", x.pue, Range{1, 3}, "ratio", "Facility power per unit of IT power");
  v.number("usd_per_kwh", x.usd_per_kwh, Range{0, 5}, "USD per kWh", "Electricity price");
  v.number("colo_usd_per_kw_month", x.colo_usd_per_kw_month, Range{0, 10000}, "USD per kW-month",
           "Colocation priced per provisioned kW");
  v.optional("rack_usd_per_month", x.rack_usd_per_month, Range{0, 1e8}, "USD per month",
             "A flat rack cost that replaces the colocation formula; empty: none");
  v.number("price_change_per_year", x.price_change_per_year, Range{-0.9, 1}, "fraction per year",
           "Annual change of the GPU purchase price, compounded monthly: GPUs bought later as volume grows "
           "pay their month's price, and resale is the residual share of the new price at the sale. 0: "
           "today's price. For reference: the H100's new price held at about $25-40k since launch while "
           "used ones trade at $22-25k (FACTS §2)");
}

TCOSCOPE_FIELDS(SelfHostOption) {
  v.text("model", x.model, Text{kMaxIdChars}, "Open-weight model: a models catalog id, or \"custom\"");
  v.text("gpu", x.gpu, Text{kMaxIdChars}, "GPU: a gpus catalog id, or \"custom\"");
  v.integer("gpus_per_replica", x.gpus_per_replica, Integer{1, 64}, "GPUs",
            "GPUs that serve one copy of the model (tensor parallelism)");
  v.choice("deployment", x.deployment, "Rent GPUs in the cloud, or buy them");
  v.object("throughput", x.throughput, "How many tokens a replica serves");
  v.number("target_peak_utilization", x.target_peak_utilization, Range{0.01, 1}, "fraction of capacity",
           "Headroom: no hour runs its replicas above this load");
  v.integer("min_replicas", x.min_replicas, Integer{0, 10000}, "replicas",
            "Replicas kept running at the least");
  v.integer("spare_replicas", x.spare_replicas, Integer{0, 10000}, "replicas",
            "Redundancy on top of what the peak needs");
  v.object("cloud", x.cloud, "Rented GPUs");
  v.object("on_prem", x.on_prem, "Bought GPUs");
}

TCOSCOPE_FIELDS(Engineering) {
  v.choice("mode", x.mode, "Engineering priced as engineers' time, or as a multiple of the raw GPU cost");
  v.number("fte", x.fte, Range{0, 1000}, "FTE", "Share of engineers' time on the stack");
  v.number("usd_per_fte_year", x.usd_per_fte_year, Range{0, 1e7}, "USD per year",
           "Fully loaded cost per engineer");
  v.number("overhead_multiplier", x.overhead_multiplier, Range{1, 20}, "× raw GPU cost",
           "All-in engineering, monitoring and incident response as a multiple of GPU cost");
}

TCOSCOPE_FIELDS(Operations) {
  v.object("engineering", x.engineering, "People who run the stack");
  v.number("model_refreshes_per_year", x.model_refreshes_per_year, Range{0, 365}, "per year",
           "Model updates a year");
  v.number("usd_per_model_refresh", x.usd_per_model_refresh, Range{0, 1e8}, "USD",
           "Engineering per model update");
  v.number("observability_usd_per_month", x.observability_usd_per_month, Range{0, 1e8}, "USD per month",
           "Metrics, latency histograms, dashboards");
  v.number("observability_setup_usd", x.observability_setup_usd, Range{0, 1e9}, "USD",
           "Observability set-up, once");
  v.number("one_time_usd", x.one_time_usd, Range{0, 1e10}, "USD",
           "Migration, load testing, fallbacks: paid up front, spread over the horizon monthly");
}

TCOSCOPE_FIELDS(Constraints) {
  v.choice("compliance", x.compliance, "Data-handling rules that make self-hosting mandatory");
  v.number("p99_latency_ms", x.p99_latency_ms, Range{0, 3.6e6}, "ms per output token",
           "Time per output token target; 0 = none");
  v.number("p99_ttft_ms", x.p99_ttft_ms, Range{0, 3.6e6}, "ms", "Time to first token target; 0 = none");
  v.boolean("has_mlops_team", x.has_mlops_team, "An MLOps team already exists");
  v.boolean("allow_api_overflow", x.allow_api_overflow,
            "With compliance rules: the hybrid may send what its self-hosted floor cannot serve to the API");
}

TCOSCOPE_FIELDS(Uncertainty) {
  v.boolean(
      "enabled", x.enabled,
      "Use ranges: the defaults (assets/catalog/ranges.json) and those below; false: the point result only");
  v.boolean("default_ranges", x.default_ranges,
            "Use the engine's sourced default ranges; false: only the ranges given below");
  v.integer("samples", x.samples, Integer{0, kMaxSamples}, "samples", "Monte Carlo samples; 0: none");
  v.integer("seed", x.seed, Integer{0, kMaxSeed}, "",
            "Seed of the sampler: the same scenario and seed give the same result everywhere");
  v.ranges(
      "ranges", x.ranges,
      "Plausible ranges keyed by the input's JSON pointer, in its own unit: {\"low\", \"high\", \"dist\"}; "
      "null switches a default range off");
}

TCOSCOPE_FIELDS(Scenario) {
  v.version("schema_version", x.schema_version,
            "The scenario schema this file follows; omit it for the current");
  v.text("name", x.name, Text{kMaxIdChars}, "A name for the scenario");
  v.text("description", x.description, Text{kMaxDescriptionChars}, "What the scenario describes");
  v.integer("horizon_months", x.horizon_months, Integer{1, kMaxHorizonMonths}, "months",
            "Months over which totals, payback and the verdict are computed");
  v.integer(
      "prices_stale_after_months", x.prices_stale_after_months, Integer{0, kMaxHorizonMonths}, "months",
      "A catalog or imported price older than this on the day of the run is flagged as stale; 0: never");
  v.object("workload", x.workload, "The tokens to serve");
  v.object("api", x.api, "The per-token API");
  v.object("self_host", x.self_host, "Self-hosting an open-weight model");
  v.object("operations", x.operations, "The hidden costs of running it");
  v.object("constraints", x.constraints, "Compliance and latency");
  v.object("uncertainty", x.uncertainty, "How sure: ranges on inputs, Monte Carlo samples and seed");
}

#undef TCOSCOPE_FIELDS

// A range on the load shape: the peak hour over the average hour. Not a scenario key (the shape is a preset
// or 168 weights); a sample stretches the week's weights around their mean to reach the sampled peak.
inline constexpr const char* kPeakToAveragePath = "/workload/load_profile/peak_to_average";

// A numeric input a range can be set on: every number and optional number of the table, and the load shape's
// peak. `value` / `optional` point into the scenario visited (null for the load shape).
struct NumericInput {
  std::string path;
  Range range;
  const char* unit = "";
  const char* description = "";
  double* value = nullptr;
  std::optional<double>* optional = nullptr;
};

class NumericInputCollector {
 public:
  NumericInputCollector(std::vector<NumericInput>& out, std::string prefix)
      : out_(out), prefix_(std::move(prefix)) {}
  void number(const char* key, double& x, const Range& r, const char* unit, Doc d, const Slider& = {}) {
    out_.push_back({prefix_ + "/" + key, r, unit, d.text, &x, nullptr});
  }
  void optional(const char* key, std::optional<double>& x, const Range& r, const char* unit, Doc d) {
    out_.push_back({prefix_ + "/" + key, r, unit, d.text, nullptr, &x});
  }
  void integer(const char*, int&, const Integer&, const char*, Doc) {}
  void optional_integer(const char*, std::optional<int>&, const Integer&, const char*, Doc) {}
  void version(const char*, int&, Doc) {}
  void boolean(const char*, bool&, Doc) {}
  void text(const char*, std::string&, const Text&, Doc) {}
  template <class E>
  void choice(const char*, E&, Doc) {}
  template <class T>
  void object(const char* key, T& x, Doc) {
    if constexpr (std::is_same_v<T, Uncertainty>) return;  // the ranges' own settings are not inputs
    NumericInputCollector child(out_, prefix_ + "/" + key);
    visit(child, x);
    if constexpr (std::is_same_v<T, LoadProfile>)
      out_.push_back({kPeakToAveragePath, Range{1, double(kHoursPerWeek)}, "× the average hour",
                      "Peak hour over the average hour of the week", nullptr, nullptr});
  }
  void weights(const char*, std::vector<double>&, const Range&, Doc) {}
  void ranges(const char*, std::map<std::string, InputRange>&, Doc) {}

 private:
  std::vector<NumericInput>& out_;
  std::string prefix_;
};

// The numeric inputs of `s`, in table order.
inline std::vector<NumericInput> numeric_inputs(Scenario& s) {
  std::vector<NumericInput> out;
  NumericInputCollector c(out, "");
  visit(c, s);
  return out;
}

// The numeric inputs of the default scenario (paths, ranges, units), for readers that only need the list.
inline const std::vector<NumericInput>& numeric_input_list() {
  static Scenario defaults;
  static const std::vector<NumericInput> list = numeric_inputs(defaults);
  return list;
}

inline const NumericInput* find_numeric_input(std::string_view path) {
  for (const NumericInput& i : numeric_input_list())
    if (i.path == path) return &i;
  return nullptr;
}

}  // namespace tcoscope::fields
