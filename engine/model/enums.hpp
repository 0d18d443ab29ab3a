// enums.hpp — the scenario's choices as enum classes, each with its JSON name and its label for people,
// stated once: the contract reads and writes the names, the schema lists them, explanations and the page use
// the labels.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace tcoscope {

struct EnumName {
  std::string_view name;   // as in scenario JSON
  std::string_view label;  // as people read it
};

// Specialized next to each enum: `static constexpr std::array<EnumName, N> values`, in enumerator order.
template <class E>
struct EnumTable;

template <class E>
constexpr std::string_view name(E e) {
  return EnumTable<E>::values[static_cast<std::size_t>(e)].name;
}
template <class E>
constexpr std::string_view label(E e) {
  return EnumTable<E>::values[static_cast<std::size_t>(e)].label;
}
template <class E>
constexpr std::optional<E> from_name(std::string_view s) {
  for (std::size_t i = 0; i < EnumTable<E>::values.size(); ++i)
    if (EnumTable<E>::values[i].name == s) return static_cast<E>(i);
  return std::nullopt;
}

// Every value of E, in enumerator order.
template <class E>
constexpr auto all_of() {
  std::array<E, EnumTable<E>::values.size()> out{};
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<E>(i);
  return out;
}

#define TCOSCOPE_ENUM_TABLE(E, ...)                                        \
  template <>                                                              \
  struct EnumTable<E> {                                                    \
    static constexpr auto values = std::to_array<EnumName>({__VA_ARGS__}); \
  }

enum class LoadPreset { flat, business_hours, daytime_peaks, overnight_silence, weekly_batch };
TCOSCOPE_ENUM_TABLE(LoadPreset, {"flat", "Flat, around the clock"}, {"business_hours", "Business hours"},
                    {"daytime_peaks", "Daytime peaks"}, {"overnight_silence", "Overnight silence"},
                    {"weekly_batch", "Weekly batch"});

enum class ThroughputSource { measured, modeled };
TCOSCOPE_ENUM_TABLE(ThroughputSource, {"measured", "Measurement"}, {"modeled", "Model"});

// Weights: bytes per parameter in model/throughput.cpp. KV cache: the float formats only. The FP4 formats
// differ in their block scales: NVFP4 one FP8 scale per 16 values, MXFP4 one power-of-two scale per 32; "fp4"
// is FP4 without saying which, sized as the larger NVFP4.
enum class Precision { bf16, fp16, fp8, int8, int4, fp4, nvfp4, mxfp4 };
TCOSCOPE_ENUM_TABLE(Precision, {"bf16", "BF16"}, {"fp16", "FP16"}, {"fp8", "FP8"}, {"int8", "INT8"},
                    {"int4", "INT4"}, {"fp4", "FP4"}, {"nvfp4", "NVFP4"}, {"mxfp4", "MXFP4"});
constexpr bool is_fp4(Precision p) {
  return p == Precision::fp4 || p == Precision::nvfp4 || p == Precision::mxfp4;
}

// The serving engine: its profile (assets/catalog/engines.json) sets the efficiency factors and the batch cap
// that the scenario leaves out. custom: MODEL.md §6's generic defaults.
enum class ServingEngine { vllm, sglang, trtllm, llamacpp, custom };
TCOSCOPE_ENUM_TABLE(ServingEngine, {"vllm", "vLLM"}, {"sglang", "SGLang"}, {"trtllm", "TensorRT-LLM"},
                    {"llamacpp", "llama.cpp"}, {"custom", "Custom factors"});

// What a catalog throughput measurement measures (MODEL.md §8-§9): only some kinds may size a fleet.
enum class MeasurementKind { steady_state, finite_run, single_stream, latency_bound };
TCOSCOPE_ENUM_TABLE(MeasurementKind,
                    {"steady_state", "steady state (offline saturation or a long fixed-length run)"},
                    {"finite_run", "finite run (a fixed batch of prompts: ramp-up and tail included)"},
                    {"single_stream", "single stream (batch 1)"},
                    {"latency_bound", "latency-bound (a server run at a latency target)"});
enum class KvPrecision { bf16, fp16, fp8 };
TCOSCOPE_ENUM_TABLE(KvPrecision, {"bf16", "BF16"}, {"fp16", "FP16"}, {"fp8", "FP8"});

enum class Deployment { cloud, on_prem };
TCOSCOPE_ENUM_TABLE(Deployment, {"cloud", "Rent GPUs"}, {"on_prem", "Buy GPUs"});

// Spot (preemptible) rental capacity: not at all (on-demand, or committed through commitment_discount), for
// the hybrid's floor only, or for the whole self-hosted fleet (the pure option and the hybrid's floor).
enum class SpotUse { none, hybrid_floor, fleet };
TCOSCOPE_ENUM_TABLE(SpotUse, {"none", "No spot (on-demand or committed)"},
                    {"hybrid_floor", "Spot for the hybrid's floor"}, {"fleet", "Spot for the whole fleet"});

enum class EngineeringMode { fte, multiplier };
TCOSCOPE_ENUM_TABLE(EngineeringMode, {"fte", "Engineers (FTE)"}, {"multiplier", "Overhead ×"});

enum class Compliance { none, hipaa, soc2_type2, government };
TCOSCOPE_ENUM_TABLE(Compliance, {"none", "None"}, {"hipaa", "HIPAA"}, {"soc2_type2", "SOC 2 Type II"},
                    {"government", "Government data handling"});

// How a range's plausible values spread between its low and high. Both need only +, ×, ÷ and sqrt, which IEEE
// 754 rounds exactly, so samples are bit-identical natively and in wasm (a lognormal would need exp/log,
// whose last bits differ between C libraries).
enum class RangeDist { triangular, uniform };
TCOSCOPE_ENUM_TABLE(RangeDist, {"triangular", "Triangular (the value most likely)"}, {"uniform", "Uniform"});

#undef TCOSCOPE_ENUM_TABLE

}  // namespace tcoscope
