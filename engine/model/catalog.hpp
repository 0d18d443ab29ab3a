// catalog.hpp — GPUs, open-weight models, API prices and measured throughputs: the rows the model reads.
// Read from assets/ JSON by contract/catalog_json.cpp; here only the structs and their lookups.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/enums.hpp"

namespace tcoscope {

struct RentalRate {
  std::string provider;
  std::string provider_name;
  double usd_per_gpu_hour = 0;
  std::string kind;
  std::string source;
  std::string as_of;
};

struct Purchase {
  double usd_per_gpu = 0;
  double usd_low = 0;
  double usd_high = 0;
  std::string condition;
  std::string source;
  std::string as_of;
};

struct Gpu {
  std::string id;
  std::string name;
  double vram_gb = 0;
  double memory_bandwidth_gb_per_s = 0;
  double bf16_dense_tflops = 0;
  std::optional<double> fp8_dense_tflops;
  std::optional<double> fp4_dense_tflops;  // FP4 tensor cores (Blackwell, MI355X); none: no FP4 math
  // The share of the serving engines' fitted efficiency (MBU, MFU) this GPU reaches, where its own
  // steady-state measurements show it reaching less than the GPUs the factors were fitted on (H100/H200):
  // 1 unless the catalog row says otherwise, with its fit in the row's note.
  double serving_efficiency = 1;
  double tdp_watts = 0;
  std::string spec_source;
  std::string spec_as_of;
  std::optional<Purchase> purchase;
  std::vector<RentalRate> rental;
  std::string default_provider;
  const RentalRate* rate(std::string_view provider) const;  // nullptr when not listed
};

struct OpenModel {
  std::string id;
  std::string name;
  double params_b_total = 0;
  double params_b_active = 0;
  int layers = 0;
  int hidden_size = 0;
  int q_heads = 0;
  int kv_heads = 0;
  int head_dim = 0;
  double context_tokens = 0;
  std::string attention;               // gqa | mla | gqa_sliding_window
  double kv_bytes_per_token_bf16 = 0;  // all layers holding full context
  int sliding_window_tokens = 0;       // gqa_sliding_window: local layers keep this many tokens
  int global_layers = 0;               // gqa_sliding_window: layers that keep the full context
  std::string competes_with_tier;      // small | mid | frontier
  std::string competes_with;           // api model id
  std::string hosted_api;              // api model id serving this open model, may be empty
  std::string source;
  std::string as_of;
};

struct ApiModel {
  std::string id;
  std::string name;
  std::string provider;
  std::string tier;        // small | mid | frontier
  std::string open_model;  // for hosted open models
  double usd_per_mtok_input = 0;
  std::optional<double> usd_per_mtok_cached_input;
  double usd_per_mtok_output = 0;
  std::optional<double> batch_discount;
  double context_tokens = 0;
  std::string source;
  std::string as_of;
};

struct Measurement {
  std::string model;
  std::string gpu;
  int gpus_per_replica = 1;
  std::string precision;
  std::string engine;  // as the source names it, e.g. "vLLM 0.11"
  std::string workload;
  std::string kind;                    // a MeasurementKind name
  std::optional<double> input_tokens;  // mean request lengths of the run, when the source gives them
  std::optional<double> output_tokens;
  std::optional<double> concurrency;  // requests in flight or batch size, when stated
  double total_tokens_per_second_per_replica = 0;
  std::optional<double> output_tokens_per_second_per_replica;
  std::string source;
  std::string as_of;
  // Set by the loader from `kind` and `engine`.
  MeasurementKind measurement_kind = MeasurementKind::finite_run;
  ServingEngine serving_engine = ServingEngine::custom;  // custom: an engine without a profile
};

// A serving engine's sourced defaults (assets/catalog/engines.json): the factors a scenario leaves empty.
// Two engines change with the GPU: vLLM raises its batch cap on GPUs of at least `large_gpu_vram_gb`
// (A100s excepted), and llama.cpp reaches a lower MBU on high-bandwidth (HBM) GPUs.
struct EngineProfile {
  std::string id;
  std::string name;
  double mbu = 0;
  double mfu = 0;
  double mfu_prefill = 0;
  std::optional<int> max_batch;  // none: memory decides
  double large_gpu_vram_gb = 0;
  std::optional<int> large_gpu_max_batch;
  std::vector<std::string> large_gpu_except;
  double high_bandwidth_gb_per_s = 0;
  std::optional<double> high_bandwidth_mbu;
  std::string source;
  std::string as_of;
  std::string note;
};

// The profile's factors for one GPU.
struct EngineFactors {
  double mbu = 0;
  double mfu = 0;
  double mfu_prefill = 0;
  std::optional<int> max_batch;
};
EngineFactors engine_factors(const EngineProfile& profile, const Gpu* gpu);

// What a scenario asks of a catalog measurement before it may size the fleet, and what it found.
struct MeasurementQuery {
  std::string_view model;
  std::string_view gpu;
  int gpus_per_replica = 1;
  std::string_view precision;
  ServingEngine engine = ServingEngine::vllm;
  double input_tokens = 0;
  double output_tokens = 0;
  bool latency_target = false;
  int batch_cap = 0;  // the engine's cap on concurrent sequences; 0: none
};
struct MeasurementMatch {
  const Measurement* sizing = nullptr;     // a row that may size the fleet
  const Measurement* reference = nullptr;  // else the closest row: shown beside the model, never sized on
  std::string why_not;                     // why the reference may not size the fleet
  struct Considered {
    const Measurement* row;
    std::string why_not;  // empty for the row that sizes the fleet
  };
  std::vector<Considered> considered;  // every row for this model, GPU and GPU count, in catalog order
};
// Request lengths match when each is within this factor of the scenario's.
inline constexpr double kMeasurementLengthTolerance = 1.5;

// A sourced default range for one uncertain input (assets/catalog/ranges.json), applied when `when` holds:
// "" always; cloud | on_prem (deployment); fte | multiplier (engineering mode); modeled | measured (where the
// throughput used came from). `scale` says how low and high become a range around the scenario's value:
//   relative  value × low … value × high         delta    value + low … value + high
//   absolute  low … high                         providers / purchase: the GPU's catalog rental rates, or its
//                                                  purchase low … high; value × low … × high when it has none
// Every range is widened to contain the value and clipped to the input's accepted range.
struct DefaultRange {
  std::string path;   // the input's JSON pointer
  std::string label;  // a short noun for sentences: "tokens per month"
  std::string when;
  std::string scale;
  double low = 0;
  double high = 0;
  std::string dist = "triangular";
  std::string group;  // inputs of one group move together: the same quantile in each sample
  std::string reason;
  std::string source;
  std::string as_of;
};

struct Catalog {
  std::vector<Gpu> gpus;
  std::vector<OpenModel> models;
  std::vector<ApiModel> api_models;
  std::vector<Measurement> measurements;
  std::vector<DefaultRange> default_ranges;
  std::vector<EngineProfile> engines;
  std::vector<std::string> load_errors;  // empty for the compiled-in catalog (a test pins it)

  const Gpu* gpu(std::string_view id) const;
  const OpenModel* model(std::string_view id) const;
  const ApiModel* api_model(std::string_view id) const;
  const EngineProfile* engine(ServingEngine id) const;
  // The measurement that may size the fleet (the rule in README "Measured throughput"): same model, GPU
  // count, precision and engine (any engine for "custom"); a steady-state run, a latency-bound run when the
  // scenario sets a latency target, or a single-stream run when the batch cap is 1; and request lengths
  // within kMeasurementLengthTolerance of the scenario's. Otherwise the closest row as a reference, with the
  // reason.
  MeasurementMatch match_measurement(const MeasurementQuery& q) const;
};

// Tier order for the tier-mismatch rule: small < mid < frontier; -1 when unknown.
int tier_rank(std::string_view tier);

}  // namespace tcoscope
