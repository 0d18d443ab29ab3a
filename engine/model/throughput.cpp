// throughput.cpp — the roofline of MODEL.md: t_step = max(bytes / (BW·MBU), FLOPs / (F·MFU)); offline batch
// time = prefill(B·ISL) + OSL·t_step; a latency target lowers the batch until the step fits under it.
#include "model/throughput.hpp"

#include <algorithm>
#include <cmath>

#include "report/format.hpp"

namespace tcoscope {
namespace {

constexpr double kGB = 1e9;

struct Roofline {
  double weights_bytes;       // whole model
  double active_fraction;     // share of weights a single token reads (MoE)
  double kv_bytes_per_token;  // replica-wide, full attention layers
  double kv_window_bytes;     // replica-wide bytes per token on sliding-window layers
  double window;              // sliding window length, 0 = none
  double flops_per_token;     // 2 · P_active
  double attn_flops_factor;   // 4 · L · q_dim (× ctx per decoded token)
  double bandwidth;           // B/s, replica, × MBU
  double flops;               // FLOP/s, replica, × MFU
  double flops_prefill;       // FLOP/s, replica, × MFU_prefill
  double bandwidth_raw;       // B/s, replica, × MBU (for prefill's weight read)
  double prefix_hit;          // share of the prompt already in the prefix cache: its prefill is skipped
};

// KV bytes one sequence holds with `tokens` resident.
double kv_bytes(const Roofline& r, double tokens) {
  double windowed = r.window > 0 ? std::min(tokens, r.window) : tokens;
  return r.kv_bytes_per_token * tokens + r.kv_window_bytes * windowed;
}

// x^n by repeated squaring: plain multiplications, so native and wasm agree to the last bit (no libm pow).
double integer_power(double x, int n) {
  double result = 1;
  for (; n > 0; n >>= 1, x *= x)
    if (n & 1) result *= x;
  return result;
}

// Weights read in one decode step of B sequences: at B = 1 only the active experts, rising towards all.
double weight_bytes_read(const Roofline& r, int batch) {
  if (r.active_fraction >= 1) return r.weights_bytes;
  return r.weights_bytes * (1 - integer_power(1 - r.active_fraction, batch));
}

struct Step {
  double t_mem;
  double t_comp;
  double seconds() const { return std::max(t_mem, t_comp); }
};

Step decode_step(const Roofline& r, int batch, double ctx) {
  double bytes = weight_bytes_read(r, batch) + batch * kv_bytes(r, ctx);
  double flops = batch * (r.flops_per_token + r.attn_flops_factor * ctx);
  return {bytes / r.bandwidth, flops / r.flops};
}

double prefill_seconds(const Roofline& r, double sequences, double isl) {
  // Causal attention over S tokens: 2·L·q_dim·S² per sequence (average context S/2). With the first h·S
  // tokens in the prefix cache only the rest is computed: (1 − h)·S tokens through the weights, and their
  // attention over everything before them, 2·L·q_dim·(S² − (h·S)²) = 2·L·q_dim·S²·(1 − h²).
  const double h = r.prefix_hit;
  double flops =
      sequences * ((1 - h) * isl * r.flops_per_token + r.attn_flops_factor / 2 * isl * isl * (1 - h * h));
  return std::max(flops / r.flops_prefill, weight_bytes_read(r, 1) / r.bandwidth_raw);
}

}  // namespace

double bytes_per_weight(Precision precision) {
  switch (precision) {
    case Precision::bf16:
    case Precision::fp16:
      return 2;
    case Precision::fp8:
    case Precision::int8:
      return 1;
    case Precision::int4:
      return 0.53;  // ≈4.25 bits incl. quantization scales (MODEL §1)
    case Precision::fp4:
    case Precision::nvfp4:
      return 0.5625;  // 4 bits + one FP8 (E4M3) scale per 16 values; "fp4" is sized as the larger NVFP4
    case Precision::mxfp4:
      return 0.53125;  // 4 bits + one E8M0 scale per 32 values (OCP Microscaling spec v1.0)
  }
  return 0;
}

ThroughputParams throughput_params(const Scenario& s, const EngineProfile* profile, const Gpu* gpu) {
  const Throughput& t = s.self_host.throughput;
  ThroughputParams p;
  if (profile) {
    EngineFactors f = engine_factors(*profile, gpu);
    p.mbu = f.mbu;
    p.mfu = f.mfu;
    p.mfu_prefill = f.mfu_prefill;
    p.max_batch = f.max_batch.value_or(1000000);  // no cap: memory decides
  }
  p.precision = t.precision;
  p.kv_precision = t.kv_precision;
  p.input_tokens_per_request = t.input_tokens_per_request;
  p.output_tokens_per_request = t.output_tokens_per_request;
  p.mbu = t.mbu.value_or(p.mbu);
  p.mfu = t.mfu.value_or(p.mfu);
  p.mfu_prefill = t.mfu_prefill.value_or(p.mfu_prefill);
  p.tp_efficiency = t.tp_efficiency;
  p.gpu_memory_utilization = t.gpu_memory_utilization;
  p.runtime_overhead_gb = t.runtime_overhead_gb;
  p.max_batch = t.max_batch.value_or(p.max_batch);
  p.moe_multi_gpu_factor = t.moe_multi_gpu_factor;
  p.moe_multi_node_factor = t.moe_multi_node_factor;
  p.prefix_cache_hit_rate = t.prefix_cache_hit_rate.value_or(s.workload.cached_input_share);
  p.tpot_target_ms = s.constraints.p99_latency_ms;
  p.ttft_target_ms = s.constraints.p99_ttft_ms;
  return p;
}

double bytes_per_kv(KvPrecision precision) {
  return precision == KvPrecision::fp8 ? 1 : 2;
}

ThroughputModel model_throughput(const Gpu& gpu, const OpenModel& m, int tp, const ThroughputParams& p) {
  ThroughputModel out;
  const double isl = p.input_tokens_per_request, osl = p.output_tokens_per_request;
  const double b_w = bytes_per_weight(p.precision), b_kv = bytes_per_kv(p.kv_precision);
  // Tensor parallelism loses η_TP of its scaling with each doubling of the GPU count (all-reduce over more
  // ranks): × η at TP2, η² at TP4, η³ at TP8 (a non-power of two counts as the next one up).
  int doublings = 0;
  for (int n = 1; n < tp; n *= 2) ++doublings;
  const double eta = integer_power(p.tp_efficiency, doublings);
  out.tp_scaling = eta;
  out.gpu_efficiency = gpu.serving_efficiency;

  // FP8 weights run on FP8 tensor cores and FP4 weights on FP4 tensor cores where the GPU has them. Otherwise
  // (and for INT4/INT8 weight-only quantization) the weights are dequantized and the matmuls run in BF16: the
  // memory saving stays, the FLOPS do not grow. That is how vLLM serves FP4 checkpoints on GPUs without FP4
  // math (e.g. gpt-oss's MXFP4 on Hopper and Ampere, through weight-only kernels).
  out.compute_tflops_per_gpu = gpu.bf16_dense_tflops;
  out.compute_precision = "BF16";
  if (p.precision == Precision::fp8 && gpu.fp8_dense_tflops) {
    out.compute_tflops_per_gpu = *gpu.fp8_dense_tflops;
    out.compute_precision = "FP8";
  } else if (is_fp4(p.precision) && gpu.fp4_dense_tflops) {
    out.compute_tflops_per_gpu = *gpu.fp4_dense_tflops;
    out.compute_precision = "FP4";
  }
  // A mixture-of-experts model split over several GPUs loses time to all-to-all traffic and expert imbalance,
  // which the roofline leaves out: its rates scale by the factor (MODEL §8 #8).
  const bool moe = m.params_b_active < m.params_b_total;
  out.moe_factor = !moe || tp <= 1      ? 1.0
                   : tp <= kGpusPerNode ? p.moe_multi_gpu_factor
                                        : p.moe_multi_node_factor;
  // Where a GPU's own measurements show it reaching less than the engines' fitted factors, both scale.
  const double mbu = p.mbu * gpu.serving_efficiency, mfu = p.mfu * gpu.serving_efficiency,
               mfu_prefill = p.mfu_prefill * gpu.serving_efficiency;

  Roofline r{};
  r.weights_bytes = m.params_b_total * 1e9 * b_w;
  r.active_fraction = m.params_b_total > 0 ? m.params_b_active / m.params_b_total : 1;
  // KV heads split across TP ranks; beyond the KV-head count (or with MLA's single latent) they are
  // replicated.
  double kv_split = m.attention == "mla" || m.kv_heads <= 0 ? 1.0 : std::min<double>(tp, m.kv_heads);
  double replication = tp / kv_split;
  double kv_token = m.kv_bytes_per_token_bf16 * (b_kv / 2) * replication;
  if (m.attention == "gqa_sliding_window" && m.layers > 0) {
    // The catalog's figure is for all layers global; only the global layers grow with context.
    int global = std::clamp(m.global_layers, 0, m.layers);
    r.kv_bytes_per_token = kv_token * global / m.layers;
    r.kv_window_bytes = kv_token * (m.layers - global) / m.layers;
    r.window = m.sliding_window_tokens;
  } else {
    r.kv_bytes_per_token = kv_token;
  }
  r.prefix_hit = p.prefix_cache_hit_rate;
  r.flops_per_token = 2 * m.params_b_active * 1e9;
  r.attn_flops_factor = 4.0 * m.layers * m.q_heads * m.head_dim;
  r.bandwidth = gpu.memory_bandwidth_gb_per_s * kGB * tp * eta * mbu * out.moe_factor;
  r.bandwidth_raw = r.bandwidth;
  r.flops = out.compute_tflops_per_gpu * 1e12 * tp * eta * mfu * out.moe_factor;
  r.flops_prefill = out.compute_tflops_per_gpu * 1e12 * tp * eta * mfu_prefill * out.moe_factor;

  out.vram_gb = gpu.vram_gb * tp;
  out.usable_gb = out.vram_gb * p.gpu_memory_utilization;
  out.weights_gb = r.weights_bytes / kGB;
  out.runtime_overhead_gb = p.runtime_overhead_gb * tp;
  out.kv_bytes_per_token = r.kv_bytes_per_token + r.kv_window_bytes;
  out.kv_bytes_per_sequence = kv_bytes(r, isl + osl);  // conservative: every sequence at full length
  double kv_room = (out.usable_gb - out.weights_gb - out.runtime_overhead_gb) * kGB;
  out.max_batch =
      kv_room > 0 ? static_cast<int>(std::min(1e6, std::floor(kv_room / out.kv_bytes_per_sequence))) : 0;

  if (out.max_batch < 1) {
    double need = out.weights_gb + out.runtime_overhead_gb + out.kv_bytes_per_sequence / kGB;
    out.problem = m.name + " does not fit on " + std::to_string(tp) + "× " + gpu.name + " in " +
                  std::string(name(p.precision)) + ": weights " + fmt::number(out.weights_gb, 1) +
                  " GB + runtime " + fmt::number(out.runtime_overhead_gb, 1) +
                  " GB + one sequence's KV cache " + fmt::number(out.kv_bytes_per_sequence / kGB, 2) +
                  " GB = " + fmt::number(need, 1) + " GB, but only " + fmt::number(out.usable_gb, 1) +
                  " GB of " + fmt::number(out.vram_gb, 0) + " GB is usable. ";
    // Tensor parallelism splits attention heads evenly, so serving engines take 1, 2, 4 or 8 GPUs per
    // replica.
    int more =
        static_cast<int>(std::ceil(need / (gpu.vram_gb * p.gpu_memory_utilization - p.runtime_overhead_gb)));
    int suggested = 1;
    while (suggested < std::max(more, tp + 1)) suggested *= 2;
    out.problem += "It would fit with " + std::to_string(suggested) + " GPUs per replica";
    // Lower precisions are offered only when they really fit on this many GPUs.
    std::string lighter;
    for (Precision precision : {Precision::fp8, gpu.fp4_dense_tflops ? Precision::fp4 : Precision::int4}) {
      if (bytes_per_weight(precision) >= b_w) continue;
      double weights_gb = m.params_b_total * bytes_per_weight(precision);
      if (weights_gb + out.runtime_overhead_gb + out.kv_bytes_per_sequence / kGB <= out.usable_gb)
        lighter += std::string(lighter.empty() ? "" : " or ") + std::string(name(precision));
    }
    if (!lighter.empty()) out.problem += ", or with " + lighter + " weights";
    out.problem += ".";
    return out;
  }
  out.fits = true;

  const double ctx = isl + osl / 2;  // average context a decoded token attends over
  auto step_ms = [&](int b) { return decode_step(r, b, ctx).seconds() * 1e3; };
  auto ttft_ms = [&](int b) { return prefill_seconds(r, 1, isl) * 1e3 + step_ms(b); };

  int batch = std::min(out.max_batch, std::max(1, p.max_batch));
  out.limited_by = out.max_batch <= p.max_batch ? "memory" : "engine_cap";
  auto offline = [&](int b) {
    double t_batch = prefill_seconds(r, b, isl) + osl * decode_step(r, b, ctx).seconds();
    return std::pair{b * osl / t_batch, b * (isl + osl) / t_batch};
  };
  out.offline_total_tokens_per_second = offline(batch).second;

  // Latency targets: the largest batch whose step (and first token) fits; step time grows with the batch.
  auto largest_within = [&](auto&& latency_ms, double target) {
    if (latency_ms(batch) <= target) return batch;
    int lo = 0, hi = batch;  // latency(lo) <= target < latency(hi)
    while (hi - lo > 1) {
      int mid = lo + (hi - lo) / 2;
      (latency_ms(mid) <= target ? lo : hi) = mid;
    }
    return lo;
  };
  if (p.tpot_target_ms > 0) {
    int b = largest_within(step_ms, p.tpot_target_ms);
    if (b < batch) {
      batch = b;
      out.limited_by = "tpot_target";
    }
  }
  if (p.ttft_target_ms > 0) {
    int b = largest_within(ttft_ms, p.ttft_target_ms);
    if (b < batch) {
      batch = b;
      out.limited_by = "ttft_target";
    }
  }
  if (batch < 1) {
    out.fits = false;
    out.problem = "No batch meets the latency target: a single sequence takes " + fmt::number(step_ms(1), 1) +
                  " ms per output token and " + fmt::number(ttft_ms(1), 0) + " ms to its first token on " +
                  std::to_string(tp) + "× " + gpu.name +
                  ". Use faster GPUs, more GPUs per replica or lower precision.";
    out.batch = 0;
    return out;
  }
  out.batch = batch;
  Step s = decode_step(r, batch, ctx);
  out.tpot_ms = s.seconds() * 1e3;
  out.bound = s.t_mem >= s.t_comp ? "memory" : "compute";
  out.prefill_ms_per_request = prefill_seconds(r, 1, isl) * 1e3;
  out.ttft_ms = ttft_ms(batch);
  auto [output_tps, total_tps] = offline(batch);
  out.output_tokens_per_second = output_tps;
  out.total_tokens_per_second = total_tps;
  out.kv_gb_at_batch = batch * out.kv_bytes_per_sequence / kGB;
  out.free_gb = out.usable_gb - out.weights_gb - out.runtime_overhead_gb - out.kv_gb_at_batch;
  return out;
}

}  // namespace tcoscope
