// throughput.hpp — "will it fit, how fast, at what latency": memory, batch, decode and prefill by roofline
// with efficiency factors (MODEL.md §2–§6), for one replica of `gpus_per_replica` GPUs (tensor parallel).
#pragma once

#include <string>

#include "model/catalog.hpp"
#include "model/scenario.hpp"

namespace tcoscope {

// The model's settings, resolved: self_host.throughput's, with the serving engine's profile filling the
// factors the scenario leaves empty, plus the latency targets. The member initializers are MODEL.md §6's
// generic defaults (the "custom" profile), for tests and callers without a scenario.
// GPUs in one NVLink node (HGX/DGX): a replica over more spans nodes.
inline constexpr int kGpusPerNode = 8;

struct ThroughputParams {
  Precision precision = Throughput{}.precision;
  KvPrecision kv_precision = Throughput{}.kv_precision;
  double input_tokens_per_request = Throughput{}.input_tokens_per_request;
  double output_tokens_per_request = Throughput{}.output_tokens_per_request;
  double mbu = 0.7;          // achieved share of memory bandwidth in decode (MODEL §6)
  double mfu = 0.5;          // achieved share of peak FLOPS in decode GEMMs
  double mfu_prefill = 0.5;  // in prefill
  double tp_efficiency =
      Throughput{}.tp_efficiency;  // η_TP: bandwidth and FLOPS scale by TP × η_TP when TP > 1
  double gpu_memory_utilization = Throughput{}.gpu_memory_utilization;  // share of VRAM the engine may use
  double runtime_overhead_gb =
      Throughput{}.runtime_overhead_gb;  // per GPU: CUDA context, graphs, activations
  int max_batch = 256;                   // engine cap on concurrent sequences (vLLM max_num_seqs)
  // A mixture-of-experts model over several GPUs reaches this share of its roofline (MODEL §8 #8).
  double moe_multi_gpu_factor = Throughput{}.moe_multi_gpu_factor;
  double moe_multi_node_factor = Throughput{}.moe_multi_node_factor;  // beyond kGpusPerNode GPUs
  double prefix_cache_hit_rate = 0;  // share of prompt tokens whose prefill the prefix cache skips
  double tpot_target_ms = 0;         // time per output token target; 0 = none
  double ttft_target_ms = 0;         // time to first token target; 0 = none
};

// The settings for `s` on `gpu` (which may be null: a custom GPU) with the engine's `profile` (null: the
// generic defaults above).
ThroughputParams throughput_params(const Scenario& s, const EngineProfile* profile, const Gpu* gpu);

struct ThroughputModel {
  bool fits = false;
  std::string problem;  // why it does not fit, with the numbers and what would make it fit

  // Memory, per replica (GB = 1e9 bytes).
  double vram_gb = 0;    // all GPUs of the replica
  double usable_gb = 0;  // × gpu_memory_utilization
  double weights_gb = 0;
  double runtime_overhead_gb = 0;
  double kv_bytes_per_token = 0;     // across the replica, incl. KV heads replicated when TP > KV heads
  double kv_bytes_per_sequence = 0;  // at ISL + OSL resident tokens (sliding windows capped)
  double kv_gb_at_batch = 0;
  double free_gb = 0;  // usable − weights − overhead − KV at the chosen batch

  // Batch and speed.
  int max_batch = 0;       // what memory allows (before the engine cap)
  int batch = 0;           // what runs: min(memory, engine cap, latency targets)
  std::string limited_by;  // memory | engine_cap | tpot_target | ttft_target
  double tpot_ms = 0;      // decode step time at the chosen batch
  double ttft_ms = 0;      // prefill of one request + one decode step
  double prefill_ms_per_request = 0;
  std::string bound;                           // memory | compute (decode at the chosen batch)
  double output_tokens_per_second = 0;         // per replica
  double total_tokens_per_second = 0;          // input + output, per replica
  double offline_total_tokens_per_second = 0;  // at the memory/engine maximum, no latency target
  double compute_tflops_per_gpu = 0;           // peak dense TFLOPS per GPU at the compute precision used
  std::string compute_precision;               // the tensor-core format the matmuls run in: BF16, FP8, FP4
  double moe_factor = 1;                       // the MoE-over-several-GPUs factor applied (1: none)
  double tp_scaling = 1;                       // η_TP per doubling of the GPU count, compounded (1: one GPU)
  double gpu_efficiency = 1;                   // the GPU's serving_efficiency (catalog), applied to MBU/MFU
};

// Bytes per weight and per KV element. FP4: 4 bits plus the block scales, NVFP4 an 8-bit scale per 16
// values (4.5 bits), MXFP4 an 8-bit scale per 32 (4.25 bits).
double bytes_per_weight(Precision precision);
double bytes_per_kv(KvPrecision precision);

ThroughputModel model_throughput(const Gpu& gpu, const OpenModel& model, int gpus_per_replica,
                                 const ThroughputParams& p);

}  // namespace tcoscope
