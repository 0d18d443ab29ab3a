// throughput_test.cpp — the roofline model against MODEL.md §2 and the published measurements of MODEL.md §8,
// within its stated tolerances (±20 % on fixed-length offline benchmarks, ±25 % at batch 1).
#include "model/throughput.hpp"

#include <gtest/gtest.h>

#include "contract/catalog_json.hpp"
#include "json_support.hpp"

namespace tcoscope {
namespace {

const Gpu& gpu(const char* id) {
  return *builtin_catalog().gpu(id);
}
const OpenModel& model(const char* id) {
  return *builtin_catalog().model(id);
}

// TRT-LLM offline runs (MODEL §8 #3–#5): FP8 weights and KV, no engine cap, 3 GB runtime as MODEL §2.
ThroughputParams trt_offline(double isl, double osl) {
  return ThroughputParams{.precision = Precision::fp8,
                          .kv_precision = KvPrecision::fp8,
                          .input_tokens_per_request = isl,
                          .output_tokens_per_request = osl,
                          .runtime_overhead_gb = 3,
                          .max_batch = 100000};
}

TEST(throughput_test, memory_worked_example_llama_8b_fp8_on_one_h100_holds_about_427_sequences) {
  ThroughputModel t = model_throughput(gpu("h100-sxm"), model("llama-3.1-8b"), 1, trt_offline(128, 2048));
  EXPECT_EQ(t.kv_bytes_per_token, 65536);  // 2 · 32 · 8 · 128 · 1 byte
  EXPECT_NEAR(t.weights_gb, 8.03, 1e-9);
  EXPECT_NEAR(t.usable_gb - t.weights_gb - t.runtime_overhead_gb, 61, 0.1);
  EXPECT_EQ(t.max_batch, 427);
}

struct Published {
  double isl, osl, measured_output_tps;
};

TEST(throughput_test, llama_8b_fp8_on_h100_matches_tensorrt_llm_offline_within_20_percent) {
  for (Published p : {Published{1000, 1000, 15220}, Published{128, 2048, 22714}, Published{2048, 2048, 9305},
                      Published{20000, 2000, 1351}}) {
    ThroughputModel t =
        model_throughput(gpu("h100-sxm"), model("llama-3.1-8b"), 1, trt_offline(p.isl, p.osl));
    ASSERT_TRUE(t.fits);
    double ratio = t.output_tokens_per_second / p.measured_output_tps;
    EXPECT_GT(ratio, 0.8) << p.isl << "/" << p.osl << ": " << t.output_tokens_per_second;
    EXPECT_LT(ratio, 1.2) << p.isl << "/" << p.osl << ": " << t.output_tokens_per_second;
  }
}

TEST(throughput_test, reproduces_model_md_figures_for_the_1000_1000_case) {
  ThroughputModel t = model_throughput(gpu("h100-sxm"), model("llama-3.1-8b"), 1, trt_offline(1000, 1000));
  EXPECT_EQ(t.batch, 465);
  EXPECT_NEAR(t.output_tokens_per_second, 15202, 15202 * 0.005);
  EXPECT_EQ(t.bound, "memory");
}

TEST(throughput_test, batch_one_llama_8b_f16_on_rtx_4090_matches_llama_cpp_within_25_percent) {
  ThroughputParams p{.precision = Precision::fp16,
                     .input_tokens_per_request = 512,
                     .output_tokens_per_request = 512,
                     .mbu = 0.87,
                     .max_batch = 1};  // llama.cpp on a consumer card (MODEL §6)
  ThroughputModel t = model_throughput(gpu("rtx-4090"), model("llama-3.1-8b"), 1, p);
  ASSERT_TRUE(t.fits);
  EXPECT_EQ(t.batch, 1);
  EXPECT_NEAR(1000 / t.tpot_ms, 54.84, 54.84 * 0.25);  // tg512 times generation only: 1 / TPOT
}

TEST(throughput_test, batch_one_gpt_13b_on_a100_40gb_matches_fastertransformer_decode_and_prefill) {
  // MODEL §8 #1: 13B FP16, 512 context, decode 22.0 ms/token, prefill 63.2 ms (MBU 0.9 / MFU 0.7).
  Gpu a100{.id = "a100-40gb",
           .name = "A100 40GB",
           .vram_gb = 40,
           .memory_bandwidth_gb_per_s = 1555,
           .bf16_dense_tflops = 312};
  OpenModel gpt13b{.id = "gpt-13b",
                   .name = "GPT 13B",
                   .params_b_total = 13,
                   .params_b_active = 13,
                   .layers = 40,
                   .hidden_size = 5120,
                   .q_heads = 40,
                   .kv_heads = 40,
                   .head_dim = 128,
                   .context_tokens = 2048,
                   .attention = "gqa",
                   .kv_bytes_per_token_bf16 = 2.0 * 40 * 40 * 128 * 2};
  ThroughputParams p{.precision = Precision::fp16,
                     .input_tokens_per_request = 512,
                     .output_tokens_per_request = 1,
                     .mbu = 0.9,
                     .mfu = 0.7,
                     .mfu_prefill = 0.7,
                     .max_batch = 1};
  ThroughputModel t = model_throughput(a100, gpt13b, 1, p);
  ASSERT_TRUE(t.fits);
  EXPECT_NEAR(t.tpot_ms, 22.0, 22.0 * 0.25);
  EXPECT_NEAR(t.prefill_ms_per_request, 63.2, 63.2 * 0.25);
}

TEST(throughput_test, a_model_that_does_not_fit_says_so_with_the_numbers_and_the_way_out) {
  ThroughputModel t = model_throughput(gpu("h100-sxm"), model("llama-3.3-70b"), 1, ThroughputParams{});
  EXPECT_FALSE(t.fits);
  EXPECT_EQ(t.total_tokens_per_second, 0);
  EXPECT_NE(t.problem.find("141.2 GB"), std::string::npos) << t.problem;
  EXPECT_NE(t.problem.find("72.0 GB"), std::string::npos) << t.problem;
  EXPECT_NE(t.problem.find("GPUs per replica"), std::string::npos) << t.problem;
  // FP8 weights (70.6 GB) + runtime + KV still exceed 72 GB on one card; only int4 is offered.
  EXPECT_EQ(t.problem.find("fp8"), std::string::npos) << t.problem;
  EXPECT_NE(t.problem.find("or with int4 weights"), std::string::npos) << t.problem;
  EXPECT_TRUE(
      model_throughput(gpu("h100-sxm"), model("llama-3.3-70b"), 2,
                       ThroughputParams{.precision = Precision::fp8, .kv_precision = KvPrecision::fp8})
          .fits);
}

TEST(throughput_test, more_vram_never_lowers_the_maximum_batch) {
  for (const char* m : {"llama-3.1-8b", "qwen3-14b", "gemma-3-27b", "mixtral-8x7b"}) {
    int previous = -1;
    for (double vram : {24.0, 32.0, 48.0, 80.0, 141.0, 192.0}) {
      Gpu g = gpu("h100-sxm");
      g.vram_gb = vram;
      ThroughputModel t = model_throughput(g, model(m), 1, ThroughputParams{.max_batch = 1000000});
      EXPECT_GE(t.max_batch, previous) << m << " at " << vram << " GB";
      previous = t.max_batch;
    }
  }
}

TEST(throughput_test, a_tighter_latency_target_never_raises_capacity) {
  double previous = 1e300;
  for (double tpot : {0.0, 60.0, 40.0, 30.0, 25.0, 20.0, 15.0, 12.0, 10.0}) {
    ThroughputModel t =
        model_throughput(gpu("h100-sxm"), model("qwen3-14b"), 1, ThroughputParams{.tpot_target_ms = tpot});
    double capacity = t.fits ? t.total_tokens_per_second : 0;
    EXPECT_LE(capacity, previous) << tpot;
    if (t.fits && tpot > 0) EXPECT_LE(t.tpot_ms, tpot + 1e-9);
    previous = capacity;
  }
}

TEST(throughput_test, the_latency_target_caps_the_batch_below_the_offline_maximum) {
  ThroughputModel offline = model_throughput(gpu("h100-sxm"), model("qwen3-14b"), 1, ThroughputParams{});
  ThroughputModel online =
      model_throughput(gpu("h100-sxm"), model("qwen3-14b"), 1, ThroughputParams{.tpot_target_ms = 15});
  ASSERT_TRUE(online.fits);
  EXPECT_LT(online.batch, offline.batch);
  EXPECT_EQ(online.limited_by, "tpot_target");
  EXPECT_LT(online.total_tokens_per_second, online.offline_total_tokens_per_second);
}

TEST(throughput_test, an_unreachable_latency_target_is_reported_not_zero_throughput) {
  ThroughputModel t = model_throughput(gpu("l4"), model("qwen3-14b"), 2,
                                       ThroughputParams{.tpot_target_ms = 1, .ttft_target_ms = 1});
  EXPECT_FALSE(t.fits);
  EXPECT_NE(t.problem.find("latency target"), std::string::npos) << t.problem;
}

TEST(throughput_test, small_batches_are_memory_bound_and_huge_ones_compute_bound) {
  ThroughputModel one =
      model_throughput(gpu("h100-sxm"), model("llama-3.1-8b"), 1, ThroughputParams{.max_batch = 1});
  EXPECT_EQ(one.bound, "memory");
  // Short contexts with a huge batch: weights amortize and the GEMMs saturate the tensor cores.
  ThroughputModel many = model_throughput(
      gpu("mi300x"), model("llama-3.1-8b"), 1,
      ThroughputParams{.input_tokens_per_request = 64, .output_tokens_per_request = 16, .max_batch = 100000});
  EXPECT_EQ(many.bound, "compute");
}

TEST(throughput_test, tensor_parallel_replicates_kv_heads_beyond_their_count) {
  // Gemma 3 4B has 4 KV heads: at TP 8 each of them is held twice.
  ThroughputModel tp4 = model_throughput(gpu("l4"), model("gemma-3-4b"), 4, ThroughputParams{});
  ThroughputModel tp8 = model_throughput(gpu("l4"), model("gemma-3-4b"), 8, ThroughputParams{});
  EXPECT_NEAR(tp8.kv_bytes_per_token / tp4.kv_bytes_per_token, 2.0, 1e-12);
}

TEST(throughput_test, sliding_window_layers_stop_growing_past_the_window) {
  ThroughputParams short_ctx{.input_tokens_per_request = 512, .output_tokens_per_request = 512};
  ThroughputParams long_ctx{.input_tokens_per_request = 30000, .output_tokens_per_request = 2000};
  const OpenModel& gemma = model("gemma-3-27b");
  double per_token_bf16 = gemma.kv_bytes_per_token_bf16;
  ThroughputModel s = model_throughput(gpu("h100-sxm"), gemma, 1, short_ctx);
  ThroughputModel l = model_throughput(gpu("h100-sxm"), gemma, 1, long_ctx);
  EXPECT_NEAR(s.kv_bytes_per_sequence, per_token_bf16 * 1024, 1);  // within the window: every layer grows
  // Past the window only the 10 global layers of 62 grow.
  double expected = per_token_bf16 * (10.0 / 62 * 32000 + 52.0 / 62 * 1024);
  EXPECT_NEAR(l.kv_bytes_per_sequence, expected, 1);
}

TEST(throughput_test, mla_caches_a_compressed_latent_per_token) {
  ThroughputModel t =
      model_throughput(gpu("h200"), model("deepseek-v3"), 8,
                       ThroughputParams{.precision = Precision::fp8, .kv_precision = KvPrecision::bf16});
  ASSERT_TRUE(t.fits);
  EXPECT_NEAR(t.kv_bytes_per_token, 70272.0 * 8, 1e-6);  // the latent is replicated on each of 8 GPUs
}

TEST(throughput_test, fp8_weights_use_fp8_tensor_cores_only_where_the_gpu_has_them) {
  EXPECT_EQ(
      model_throughput(gpu("h100-sxm"), model("qwen3-14b"), 1, ThroughputParams{.precision = Precision::fp8})
          .compute_tflops_per_gpu,
      1979);
  EXPECT_EQ(
      model_throughput(gpu("a100-80gb"), model("qwen3-14b"), 1, ThroughputParams{.precision = Precision::fp8})
          .compute_tflops_per_gpu,
      312);
}

}  // namespace
}  // namespace tcoscope

namespace tcoscope {
namespace {

TEST(throughput_test, the_way_out_suggests_a_gpu_count_tensor_parallelism_can_use) {
  ThroughputModel t = model_throughput(gpu("h100-sxm"), model("llama-3.3-70b"), 1, ThroughputParams{});
  // 143.6 GB needs three 80 GB cards' usable memory; engines split heads over 1, 2, 4 or 8 GPUs.
  EXPECT_NE(t.problem.find("It would fit with 4 GPUs per replica"), std::string::npos) << t.problem;
}

}  // namespace
}  // namespace tcoscope
