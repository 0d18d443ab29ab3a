// throughput.hpp — "will it fit, how fast, at what latency": memory, batch, decode and prefill by roofline
// with efficiency factors (MODEL.md §2–§6), for one replica of `gpus_per_replica` GPUs (tensor parallel).
#pragma once

#include <string>

#include "model/catalog.hpp"

namespace tcoscope {

struct ThroughputParams {
  std::string precision = "bf16";     // weights: bf16 | fp8 | int8 | int4
  std::string kv_precision = "bf16";  // KV cache: bf16 | fp8
  double input_tokens_per_request = 1000;
  double output_tokens_per_request = 250;
  double mbu = 0.7;          // achieved share of memory bandwidth in decode (MODEL §6)
  double mfu = 0.5;          // achieved share of peak FLOPS in decode GEMMs
  double mfu_prefill = 0.5;  // in prefill
  double tp_efficiency = 0.85;  // η_TP: bandwidth and FLOPS scale by TP × η_TP when TP > 1
  double gpu_memory_utilization = 0.9;  // vLLM / TRT-LLM default share of VRAM the engine may use
  double runtime_overhead_gb = 2.0;     // per GPU: CUDA context, graphs, activations (MODEL §2: 1–3 GB)
  int max_batch = 256;                  // engine cap on concurrent sequences (vLLM max_num_seqs)
  double tpot_target_ms = 0;            // time per output token target; 0 = none
  double ttft_target_ms = 0;            // time to first token target; 0 = none
};

struct ThroughputModel {
  bool fits = false;
  std::string problem;  // why it does not fit, with the numbers and what would make it fit

  // Memory, per replica (GB = 1e9 bytes).
  double vram_gb = 0;            // all GPUs of the replica
  double usable_gb = 0;          // × gpu_memory_utilization
  double weights_gb = 0;
  double overhead_gb = 0;
  double kv_bytes_per_token = 0;   // across the replica, incl. KV heads replicated when TP > KV heads
  double kv_bytes_per_sequence = 0;  // at ISL + OSL resident tokens (sliding windows capped)
  double kv_gb_at_batch = 0;
  double free_gb = 0;            // usable − weights − overhead − KV at the chosen batch

  // Batch and speed.
  int max_batch = 0;             // what memory allows (before the engine cap)
  int batch = 0;                 // what runs: min(memory, engine cap, latency targets)
  std::string limited_by;        // memory | engine_cap | tpot_target | ttft_target
  double tpot_ms = 0;            // decode step time at the chosen batch
  double ttft_ms = 0;            // prefill of one request + one decode step
  double prefill_ms_per_request = 0;
  std::string bound;             // memory | compute (decode at the chosen batch)
  double output_tokens_per_second = 0;  // per replica
  double total_tokens_per_second = 0;   // input + output, per replica
  double offline_total_tokens_per_second = 0;  // at the memory/engine maximum, no latency target
  double compute_tflops = 0;     // peak dense TFLOPS per GPU at the compute precision used
};

// Bytes per weight and per KV element; 0 for an unknown precision.
double bytes_per_weight(const std::string& precision);
double bytes_per_kv(const std::string& precision);

ThroughputModel model_throughput(const Gpu& gpu, const OpenModel& model, int gpus_per_replica,
                                 const ThroughputParams& p);

}  // namespace tcoscope
