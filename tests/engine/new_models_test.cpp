// new_models_test.cpp — issue 12: each model added for 2026 weighs what its parameter count says at BF16, FP8
// and NVFP4, and fits (or not) where the arithmetic says. Usable memory is VRAM × 0.9 − 2 GB runtime per GPU:
// one H100 leaves 70 GB for weights and the KV cache, eight leave 560, eight H200s 999.2. The KV cache of one
// 1,250-token sequence is under 1 GB for every model here, so a model fits when its weights are below those
// figures by more than that (the closest case, Qwen3-30B-A3B in BF16 on one H100, leaves 9 GB).
#include <gtest/gtest.h>

#include <string>

#include "contract/catalog_json.hpp"
#include "json_support.hpp"
#include "model/throughput.hpp"

namespace tcoscope {
namespace {

struct Case {
  const char* model;
  double params_b;  // total parameters, billions (models.json)
  const char* gpu;
  int gpus;
  bool fits_bf16, fits_fp8, fits_fp4;
};

// Weights: params × 2 (BF16), × 1 (FP8), × 0.5625 (NVFP4: 4 bits + an FP8 scale per 16) GB.
constexpr Case kCases[] = {
    // gpt-oss-20b: 41.8 / 20.9 / 11.8 GB against 70.
    {"gpt-oss-20b", 20.91, "h100-sxm", 1, true, true, true},
    // gpt-oss-120b: 233.7 / 116.8 / 65.7 GB against 70: only FP4 fits one H100 (as OpenAI ships it, MXFP4).
    {"gpt-oss-120b", 116.83, "h100-sxm", 1, false, false, true},
    // Qwen3-30B-A3B: 61.0 / 30.5 / 17.2 GB against 70.
    {"qwen3-30b-a3b", 30.5, "h100-sxm", 1, true, true, true},
    // Qwen3-235B-A22B: 470 / 235 / 132 GB: none on one H100; all three on eight (560).
    {"qwen3-235b-a22b", 235, "h100-sxm", 1, false, false, false},
    {"qwen3-235b-a22b", 235, "h100-sxm", 8, true, true, true},
    // Llama 3.1 405B: 811.8 / 405.9 / 228.3 GB against 560: FP8 and FP4 on eight H100s, not BF16.
    {"llama-3.1-405b", 405.9, "h100-sxm", 8, false, true, true},
    // DeepSeek-R1: 1,342 / 671 / 377 GB: FP4 on eight H100s (560); FP8 needs eight H200s (999.2).
    {"deepseek-r1", 671, "h100-sxm", 8, false, false, true},
    {"deepseek-r1", 671, "h200", 8, false, true, true},
    // Mistral Small 3.2 24B: 48 / 24 / 13.5 GB against 70.
    {"mistral-small-3.2-24b", 24.0, "h100-sxm", 1, true, true, true},
};

TEST(new_models_test, each_weighs_its_parameters_and_fits_where_the_arithmetic_says) {
  const Catalog& c = builtin_catalog();
  for (const Case& k : kCases) {
    const OpenModel* m = c.model(k.model);
    const Gpu* g = c.gpu(k.gpu);
    ASSERT_TRUE(m && g) << k.model << " / " << k.gpu;
    EXPECT_EQ(m->params_b_total, k.params_b) << k.model;
    for (auto [precision, bytes, fits] :
         {std::tuple{Precision::bf16, 2.0, k.fits_bf16}, std::tuple{Precision::fp8, 1.0, k.fits_fp8},
          std::tuple{Precision::nvfp4, 0.5625, k.fits_fp4}}) {
      ThroughputParams p{.precision = precision,
                         .kv_precision = precision == Precision::bf16 ? KvPrecision::bf16 : KvPrecision::fp8};
      ThroughputModel t = model_throughput(*g, *m, k.gpus, p);
      const std::string what = std::string(k.model) + " " + std::string(name(precision)) + " on " +
                               std::to_string(k.gpus) + "× " + k.gpu;
      EXPECT_NEAR(t.weights_gb, k.params_b * bytes, 1e-9) << what;
      EXPECT_EQ(t.fits, fits) << what << ": " << t.problem;
      EXPECT_LT(t.kv_bytes_per_sequence / 1e9, 1.0) << what;  // the header's premise
    }
  }
}

}  // namespace
}  // namespace tcoscope
