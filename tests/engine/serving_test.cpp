// serving_test.cpp — throughput you can plan on (issue 12): FP4 weights and FP4 tensor cores, the serving
// engines' profiles, the mixture-of-experts factor over several GPUs, and the rule that decides which catalog
// measurement may size a fleet.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "contract/catalog_json.hpp"
#include "contract/scenario_json.hpp"
#include "json_support.hpp"
#include "model/inputs.hpp"
#include "model/throughput.hpp"
#include "ops.hpp"
#include "test_support.hpp"

namespace tcoscope {
namespace {

using test::all;
using test::has_problem;

const Catalog& cat() {
  return builtin_catalog();
}
const Gpu& gpu(const char* id) {
  return *cat().gpu(id);
}
const OpenModel& model(const char* id) {
  return *cat().model(id);
}

// The formula of the time-per-output-token line of an evaluation's explanation ("" when there is none).
std::string tpot_formula(const ops::Outcome& o) {
  for (const auto& line : o.result["explain"])
    if (line["figure"] == "self_host.throughput.tpot_ms") return line["formula"].get<std::string>();
  return "";
}

ResolvedInputs resolve_json(const std::string& text) {
  ParsedScenario p = parse_scenario_text(text);
  EXPECT_TRUE(p.errors.empty()) << text << all(p.errors);
  return resolve(p.scenario, cat());
}

// ---------------------------------------------------------------------------------------------------------------
// FP4

TEST(serving_test, fp4_weights_take_4_5_bits_as_nvfp4_and_4_25_as_mxfp4) {
  EXPECT_EQ(bytes_per_weight(Precision::nvfp4), 0.5625);   // 4 bits + an 8-bit scale per 16 values
  EXPECT_EQ(bytes_per_weight(Precision::mxfp4), 0.53125);  // 4 bits + an 8-bit scale per 32 values
  EXPECT_EQ(bytes_per_weight(Precision::fp4), bytes_per_weight(Precision::nvfp4));
  // Llama 3.3 70B: 70.6B parameters.
  ThroughputParams p{.precision = Precision::nvfp4};
  ThroughputModel t = model_throughput(gpu("b200"), model("llama-3.3-70b"), 1, p);
  EXPECT_NEAR(t.weights_gb, 70.6 * 0.5625, 1e-9);
  EXPECT_TRUE(t.fits) << t.problem;
}

TEST(serving_test, fp4_runs_on_fp4_tensor_cores_where_the_gpu_has_them_and_in_bf16_elsewhere) {
  ASSERT_TRUE(gpu("b200").fp4_dense_tflops) << "the catalog gives B200's dense FP4 rate";
  EXPECT_FALSE(gpu("h100-sxm").fp4_dense_tflops);
  EXPECT_FALSE(gpu("a100-80gb").fp4_dense_tflops);
  ThroughputParams p{.precision = Precision::nvfp4};
  ThroughputModel b200 = model_throughput(gpu("b200"), model("llama-3.3-70b"), 1, p);
  EXPECT_EQ(b200.compute_precision, "FP4");
  EXPECT_EQ(b200.compute_tflops_per_gpu, *gpu("b200").fp4_dense_tflops);
  ThroughputModel h100 = model_throughput(gpu("h100-sxm"), model("llama-3.1-8b"), 1, p);
  EXPECT_EQ(h100.compute_precision, "BF16");
  EXPECT_EQ(h100.compute_tflops_per_gpu, gpu("h100-sxm").bf16_dense_tflops);
  // FP4 on B200 is twice its FP8 rate, and a compute-bound prefill gets faster with it.
  EXPECT_NEAR(*gpu("b200").fp4_dense_tflops / *gpu("b200").fp8_dense_tflops, 2.0, 0.01);
  ThroughputModel fp8 =
      model_throughput(gpu("b200"), model("llama-3.3-70b"), 1, ThroughputParams{.precision = Precision::fp8});
  EXPECT_LT(b200.prefill_ms_per_request, fp8.prefill_ms_per_request);
  EXPECT_GT(b200.total_tokens_per_second, fp8.total_tokens_per_second);
}

TEST(serving_test, fp4_on_a_gpu_without_fp4_math_warns_and_keeps_the_fp8_kv_cache) {
  ResolvedInputs r = resolve_json(
      R"({"self_host": {"gpu": "h100-sxm", "throughput": {"source": "modeled", "precision": "mxfp4",
          "kv_precision": "fp8"}}})");
  EXPECT_TRUE(r.ok()) << all(r.errors);
  EXPECT_TRUE(has_problem(r.warnings, "/self_host/throughput/precision", {"no FP4 tensor cores", "BF16"}));
  ASSERT_TRUE(r.inputs.throughput_model);
  EXPECT_EQ(r.inputs.throughput_model->kv_bytes_per_token, model("qwen3-14b").kv_bytes_per_token_bf16 / 2);
  ResolvedInputs b = resolve_json(
      R"({"self_host": {"gpu": "b200", "throughput": {"source": "modeled", "precision": "nvfp4"}}})");
  EXPECT_TRUE(b.ok()) << all(b.errors);
  EXPECT_FALSE(has_problem(b.warnings, "/self_host/throughput/precision", {}));
}

TEST(serving_test, a_model_too_big_for_fp8_is_offered_fp4_on_a_gpu_with_fp4_math) {
  // Llama 3.1 405B on two B200s (2 × 180 GB × 0.9): FP8 406 GB does not fit, FP4 228 GB does.
  ThroughputModel t = model_throughput(gpu("b200"), model("llama-3.1-405b"), 2, ThroughputParams{});
  ASSERT_FALSE(t.fits);
  EXPECT_NE(t.problem.find("fp4 weights"), std::string::npos) << t.problem;
  ThroughputModel h = model_throughput(gpu("h100-sxm"), model("llama-3.3-70b"), 1, ThroughputParams{});
  ASSERT_FALSE(h.fits);
  EXPECT_EQ(h.problem.find("fp4"), std::string::npos) << h.problem;
}

// ---------------------------------------------------------------------------------------------------------------
// Serving-engine profiles

ThroughputParams params_for(const std::string& throughput_json, const char* gpu_id) {
  ParsedScenario p = parse_scenario_text(R"({"self_host": {"throughput": )" + throughput_json + "}}");
  EXPECT_TRUE(p.errors.empty()) << all(p.errors);
  return throughput_params(p.scenario, cat().engine(p.scenario.self_host.throughput.engine), &gpu(gpu_id));
}

TEST(serving_test, every_engine_has_a_sourced_profile_and_the_catalog_loads_cleanly) {
  EXPECT_TRUE(cat().load_errors.empty()) << cat().load_errors.front();
  for (ServingEngine e : all_of<ServingEngine>()) {
    const EngineProfile* p = cat().engine(e);
    ASSERT_TRUE(p) << name(e);
    EXPECT_FALSE(p->source.empty());
    EXPECT_FALSE(p->as_of.empty());
  }
}

TEST(serving_test, the_profile_fills_what_the_scenario_leaves_empty_and_explicit_factors_win) {
  ThroughputParams vllm = params_for(R"({"engine": "vllm"})", "l40s");
  EXPECT_EQ(vllm.mbu, cat().engine(ServingEngine::vllm)->mbu);
  EXPECT_EQ(vllm.max_batch, 256);
  ThroughputParams given = params_for(R"({"engine": "vllm", "mbu": 0.8, "max_batch": 64})", "l40s");
  EXPECT_EQ(given.mbu, 0.8);
  EXPECT_EQ(given.mfu, vllm.mfu);
  EXPECT_EQ(given.max_batch, 64);
  ThroughputParams trt = params_for(R"({"engine": "trtllm"})", "h100-sxm");
  EXPECT_EQ(trt.mbu, 0.7);  // the TRT-LLM fit of MODEL §8
  EXPECT_EQ(trt.mfu, 0.5);
  EXPECT_LT(vllm.mbu, trt.mbu);  // MODEL §6: vLLM reaches 0.70-0.85 of TRT-LLM
  ThroughputParams sglang = params_for(R"({"engine": "sglang"})", "h100-sxm");
  EXPECT_GT(sglang.mbu, vllm.mbu);
  EXPECT_EQ(sglang.max_batch, 1000000);  // SGLang: memory decides
}

TEST(serving_test, vllm_raises_its_batch_cap_on_70_gib_gpus_except_a100s) {
  EXPECT_EQ(params_for(R"({"engine": "vllm"})", "h100-sxm").max_batch, 1024);
  EXPECT_EQ(params_for(R"({"engine": "vllm"})", "h200").max_batch, 1024);
  EXPECT_EQ(params_for(R"({"engine": "vllm"})", "a100-80gb").max_batch, 256);
  EXPECT_EQ(params_for(R"({"engine": "vllm"})", "rtx-4090").max_batch, 256);
}

TEST(serving_test, llama_cpp_batch_one_on_an_rtx_4090_lands_within_25_percent_of_the_measurement) {
  // MODEL §8 #2: Llama 3 8B F16 on an RTX 4090 with llama.cpp, batch 1: 54.84 tok/s (XiongjieDai).
  ThroughputParams p = params_for(R"({"engine": "llamacpp", "precision": "fp16", "max_batch": 1,
                                      "input_tokens_per_request": 1, "output_tokens_per_request": 512})",
                                  "rtx-4090");
  EXPECT_EQ(p.mbu, 0.87);
  ThroughputModel t = model_throughput(gpu("rtx-4090"), model("llama-3.1-8b"), 1, p);
  ASSERT_TRUE(t.fits) << t.problem;
  double tok_per_s = 1000.0 / t.tpot_ms;
  EXPECT_NEAR(tok_per_s / 54.84, 1.0, 0.25) << tok_per_s;
  // On HBM datacenter GPUs llama.cpp reaches about half the bandwidth (A100 0.49, H100 PCIe 0.56).
  EXPECT_EQ(params_for(R"({"engine": "llamacpp"})", "h100-sxm").mbu, 0.52);
  EXPECT_EQ(params_for(R"({"engine": "llamacpp"})", "a100-80gb").mbu, 0.52);
}

TEST(serving_test, the_engine_and_its_factors_are_in_the_result_and_the_explanation) {
  ops::Outcome o =
      ops::evaluate(R"({"self_host": {"throughput": {"source": "modeled", "engine": "sglang"}}})");
  ASSERT_TRUE(o.ok) << all(o.errors);
  const auto& t = o.result["self_host"]["throughput"];
  EXPECT_EQ(t["engine"], "sglang");
  EXPECT_EQ(t["factors"]["from"], "sglang");
  EXPECT_EQ(t["factors"]["mbu"], cat().engine(ServingEngine::sglang)->mbu);
  EXPECT_NE(tpot_formula(o).find("MBU (SGLang)"), std::string::npos) << tpot_formula(o);
}

// ---------------------------------------------------------------------------------------------------------------
// Mixture of experts over several GPUs

TEST(serving_test, a_moe_model_over_several_gpus_gets_the_factor_and_a_dense_one_does_not) {
  ThroughputParams p{.precision = Precision::fp8, .max_batch = 64};
  ThroughputParams none = p;
  none.moe_multi_gpu_factor = 1;
  none.moe_multi_node_factor = 1;
  ThroughputModel moe = model_throughput(gpu("h200"), model("deepseek-v3"), 8, p);
  ThroughputModel roofline = model_throughput(gpu("h200"), model("deepseek-v3"), 8, none);
  ASSERT_TRUE(moe.fits && roofline.fits) << moe.problem;
  EXPECT_EQ(moe.moe_factor, 0.7);  // within one 8-GPU node: the fit to TensorRT-LLM's Qwen3-235B rows
  EXPECT_EQ(moe.batch, roofline.batch);
  EXPECT_NEAR(moe.total_tokens_per_second / roofline.total_tokens_per_second, 0.7, 1e-9);
  // Over two nodes (16 GPUs) the all-to-all crosses the network: MODEL §8 #8's 0.3-0.4 (DeepSeek-V3 EP72).
  ThroughputModel nodes = model_throughput(gpu("h200"), model("deepseek-v3"), 16, p);
  ThroughputModel nodes_roofline = model_throughput(gpu("h200"), model("deepseek-v3"), 16, none);
  ASSERT_TRUE(nodes.fits) << nodes.problem;
  EXPECT_EQ(nodes.moe_factor, 0.35);
  EXPECT_NEAR(nodes.total_tokens_per_second / nodes_roofline.total_tokens_per_second, 0.35, 1e-9);
  // Dense over two GPUs, or MoE on one: no factor.
  EXPECT_EQ(model_throughput(gpu("h100-sxm"), model("llama-3.3-70b"), 2, p).moe_factor, 1);
  EXPECT_EQ(model_throughput(gpu("h200"), model("mixtral-8x7b"), 1, p).moe_factor, 1);
  EXPECT_LT(model_throughput(gpu("h100-sxm"), model("mixtral-8x7b"), 2, p).moe_factor, 1);
}

TEST(serving_test, the_moe_factor_replaces_the_old_upper_bound_warning_and_is_explained) {
  ops::Outcome o = ops::evaluate(
      R"({"self_host": {"model": "deepseek-v3", "gpu": "h200", "gpus_per_replica": 8,
          "throughput": {"source": "modeled", "precision": "fp8"}}})");
  ASSERT_TRUE(o.ok) << all(o.errors);
  for (const Problem& w : o.warnings)
    EXPECT_EQ(w.message.find("upper bound"), std::string::npos) << w.message;
  EXPECT_EQ(o.result["self_host"]["throughput"]["modeled"]["moe_factor"], 0.7);
  EXPECT_NE(tpot_formula(o).find("0.7 MoE over 8 GPUs"), std::string::npos) << tpot_formula(o);
}

// ---------------------------------------------------------------------------------------------------------------
// Tensor parallelism and per-GPU efficiency

TEST(serving_test, tensor_parallel_efficiency_compounds_per_doubling_of_the_gpu_count) {
  // Llama 3.1 405B FP8 fits on 8 H200s and on 16; η = 0.85 per doubling: 0.85³ at TP8, 0.85⁴ at TP16.
  ThroughputParams p{.precision = Precision::fp8, .max_batch = 64};
  ThroughputParams ideal = p;
  ideal.tp_efficiency = 1;
  for (auto [tp, scaling] :
       {std::pair{2, 0.85}, {4, 0.85 * 0.85}, {8, 0.85 * 0.85 * 0.85}, {3, 0.85 * 0.85}}) {
    ThroughputModel t = model_throughput(gpu("h200"), model("llama-3.3-70b"), tp, p);
    ThroughputModel perfect = model_throughput(gpu("h200"), model("llama-3.3-70b"), tp, ideal);
    ASSERT_TRUE(t.fits && perfect.fits) << t.problem;
    EXPECT_NEAR(t.tp_scaling, scaling, 1e-12) << tp;
    // Every rate scales by the same factor, so at the same batch the throughput does too.
    ASSERT_EQ(t.batch, perfect.batch);
    EXPECT_NEAR(t.total_tokens_per_second / perfect.total_tokens_per_second, scaling, 1e-9) << tp;
  }
  EXPECT_EQ(model_throughput(gpu("h200"), model("llama-3.3-70b"), 1, p).tp_scaling, 1);
}

TEST(serving_test, a_gpu_whose_measurements_fall_short_of_the_fit_scales_its_factors_and_says_so) {
  // The B200's serving_efficiency (0.66, fitted to its 12 TensorRT-LLM rows) scales MBU and MFU; the
  // RTX PRO 6000, also Blackwell, keeps 1.
  EXPECT_EQ(gpu("b200").serving_efficiency, 0.66);
  EXPECT_EQ(gpu("rtx-pro-6000").serving_efficiency, 1);
  EXPECT_EQ(gpu("h100-sxm").serving_efficiency, 1);
  ThroughputParams p{.precision = Precision::nvfp4, .max_batch = 128};
  Gpu full = gpu("b200");
  full.serving_efficiency = 1;
  ThroughputModel t = model_throughput(gpu("b200"), model("llama-3.3-70b"), 1, p);
  ThroughputModel f = model_throughput(full, model("llama-3.3-70b"), 1, p);
  ASSERT_TRUE(t.fits && f.fits);
  ASSERT_EQ(t.batch, f.batch);
  EXPECT_NEAR(t.total_tokens_per_second / f.total_tokens_per_second, 0.66, 1e-9);
  ops::Outcome o = ops::evaluate(
      R"({"self_host": {"model": "llama-3.3-70b", "gpu": "b200", "throughput": {"source": "modeled",
          "precision": "nvfp4"}}})");
  ASSERT_TRUE(o.ok) << all(o.errors);
  EXPECT_EQ(o.result["self_host"]["throughput"]["modeled"]["gpu_efficiency"], 0.66);
  EXPECT_NE(tpot_formula(o).find("0.66 NVIDIA B200"), std::string::npos) << tpot_formula(o);
}

// Every steady-state row of the catalog against the model at the row's own engine, precision, lengths and
// concurrency: the table of the closing note of issue 12. The bounds are the calibration's claim: most rows
// within ±25 %, none beyond 2.2× either way except the rows listed with their reason.
TEST(serving_test, the_model_lands_near_every_steady_state_measurement_of_the_catalog) {
  std::vector<double> ratios;
  for (const Measurement& m : cat().measurements) {
    if (m.measurement_kind != MeasurementKind::steady_state) continue;
    const Gpu& g = gpu(m.gpu.c_str());
    ThroughputParams p;
    if (const EngineProfile* profile = cat().engine(m.serving_engine)) {
      EngineFactors f = engine_factors(*profile, &g);
      p.mbu = f.mbu;
      p.mfu = f.mfu;
      p.mfu_prefill = f.mfu_prefill;
      p.max_batch = f.max_batch.value_or(1000000);
    }
    std::optional<Precision> precision = from_name<Precision>(m.precision);
    ASSERT_TRUE(precision) << m.precision;
    p.precision = *precision;
    p.kv_precision = p.precision == Precision::bf16 ? KvPrecision::bf16 : KvPrecision::fp8;
    p.input_tokens_per_request = *m.input_tokens;
    p.output_tokens_per_request = *m.output_tokens;
    if (m.concurrency) p.max_batch = std::min(p.max_batch, static_cast<int>(*m.concurrency));
    ThroughputModel t = model_throughput(g, model(m.model.c_str()), m.gpus_per_replica, p);
    ASSERT_TRUE(t.fits) << m.model << " on " << m.gpu << ": " << t.problem;
    double ratio = t.total_tokens_per_second / m.total_tokens_per_second_per_replica;
    std::printf("  %-16s %-13s ×%d %-6s %-14.14s %6.0f/%-5.0f measured %7.0f modeled %7.0f  %.2f\n",
                m.model.c_str(), m.gpu.c_str(), m.gpus_per_replica, m.precision.c_str(), m.engine.c_str(),
                *m.input_tokens, *m.output_tokens, m.total_tokens_per_second_per_replica,
                t.total_tokens_per_second, ratio);
    // Known misses, each explained in the closing note of issue 12: GPUStack's SGLang FP8 runs of
    // Qwen3-14B (blockwise-FP8 checkpoint: the model's FP8 rate is not reached, 2.0×), and Llama 3.1 405B
    // on 8 RTX PRO 6000s at 1,000/2,000 (PCIe, no NVLink: 2.1×).
    bool known = (m.serving_engine == ServingEngine::sglang && m.precision == "fp8") ||
                 (m.gpu == "rtx-pro-6000" && m.gpus_per_replica == 8 && m.model == "llama-3.1-405b");
    if (!known) EXPECT_TRUE(ratio > 1 / 2.2 && ratio < 2.2) << m.model << " on " << m.gpu << ": " << ratio;
    ratios.push_back(ratio);
  }
  ASSERT_GE(ratios.size(), 50u);
  std::sort(ratios.begin(), ratios.end());
  double median = ratios[ratios.size() / 2];
  long within = std::count_if(ratios.begin(), ratios.end(), [](double r) { return r >= 0.75 && r <= 1.25; });
  std::printf("  %zu rows, median ratio %.2f, %ld within ±25 %%\n", ratios.size(), median, within);
  EXPECT_NEAR(median, 1.0, 0.1);
  EXPECT_GE(within, static_cast<long>(ratios.size() * 7 / 10));
}

// ---------------------------------------------------------------------------------------------------------------
// Which measurement may size a fleet

TEST(serving_test, every_catalog_measurement_says_what_it_measures) {
  for (const Measurement& m : cat().measurements) {
    EXPECT_TRUE(from_name<MeasurementKind>(m.kind)) << m.model << " / " << m.gpu << ": " << m.kind;
    if (m.measurement_kind == MeasurementKind::steady_state) {
      EXPECT_TRUE(m.input_tokens && m.output_tokens) << m.model << " / " << m.gpu << " " << m.workload;
    }
  }
}

TEST(serving_test, a_finite_run_never_sizes_the_fleet_it_is_shown_beside_the_model_with_a_warning) {
  // The default scenario: Qwen3 14B on one H100, whose catalog rows are ShareGPT finite runs.
  ResolvedInputs r = resolve(Scenario{}, cat());
  EXPECT_TRUE(r.ok()) << all(r.errors);
  EXPECT_EQ(r.inputs.throughput_from, "modeled");
  ASSERT_TRUE(r.inputs.reference_measurement);
  EXPECT_EQ(r.inputs.measurement, nullptr);
  EXPECT_TRUE(has_problem(r.warnings, "/self_host/throughput/tokens_per_second_per_replica",
                          {"sized on the modeled", "does not size the fleet"}));
  std::size_t finite = 0;
  for (const MeasurementMatch::Considered& c : r.inputs.measurements.considered)
    if (c.row->measurement_kind == MeasurementKind::finite_run) {
      ++finite;
      EXPECT_NE(c.why_not.find("finite run"), std::string::npos) << c.why_not;
    }
  EXPECT_GE(finite, 4u);  // GPUStack's ShareGPT runs with vLLM, SGLang and TensorRT-LLM
  for (const Measurement& m : cat().measurements) {
    if (m.measurement_kind != MeasurementKind::finite_run) continue;
    MeasurementQuery q{.model = m.model,
                       .gpu = m.gpu,
                       .gpus_per_replica = m.gpus_per_replica,
                       .precision = m.precision,
                       .engine = ServingEngine::custom,
                       .input_tokens = m.input_tokens.value_or(1000),
                       .output_tokens = m.output_tokens.value_or(250)};
    const Measurement* sized = cat().match_measurement(q).sizing;
    EXPECT_TRUE(!sized || sized->measurement_kind != MeasurementKind::finite_run)
        << m.model << " / " << m.gpu;
  }
}

TEST(serving_test, a_steady_state_row_at_the_scenarios_lengths_engine_and_precision_sizes_the_fleet) {
  // TRT-LLM's offline Llama 3.1 8B FP8 run on one H100 at 1,000 in / 1,000 out: 30,440 tokens/s.
  const char* base = R"({"self_host": {"model": "llama-3.1-8b", "gpu": "h100-sxm", "throughput": {
      "precision": "fp8", "engine": "%s", "input_tokens_per_request": %d, "output_tokens_per_request": 1000}}})";
  auto scenario = [&](const char* engine, int isl) {
    char text[512];
    std::snprintf(text, sizeof text, base, engine, isl);
    return resolve_json(text);
  };
  ResolvedInputs trt = scenario("trtllm", 1000);
  EXPECT_EQ(trt.inputs.throughput_from, "catalog");
  ASSERT_TRUE(trt.inputs.measurement);
  EXPECT_EQ(trt.inputs.tokens_per_second_per_replica, 30440);
  EXPECT_EQ(trt.inputs.reference_measurement, nullptr);
  // Within 1.5× of the lengths still matches; beyond it the model sizes the fleet.
  EXPECT_EQ(scenario("trtllm", 1400).inputs.throughput_from, "catalog");
  ResolvedInputs longer = scenario("trtllm", 1600);
  EXPECT_EQ(longer.inputs.throughput_from, "modeled");
  EXPECT_TRUE(has_problem(longer.warnings, "/self_host/throughput/tokens_per_second_per_replica",
                          {"not within 1.5×"}));
  // Another engine: not this row.
  ResolvedInputs vllm = scenario("vllm", 1000);
  EXPECT_EQ(vllm.inputs.throughput_from, "modeled");
  EXPECT_TRUE(has_problem(vllm.warnings, "/self_host/throughput/tokens_per_second_per_replica",
                          {"TensorRT-LLM", "the scenario runs vLLM"}));
  // "custom" takes any engine's measurement.
  EXPECT_EQ(scenario("custom", 1000).inputs.throughput_from, "catalog");
}

TEST(serving_test, the_result_shows_the_reference_measurement_with_its_kind_and_the_reason) {
  ops::Outcome o = ops::evaluate("{}");
  ASSERT_TRUE(o.ok) << all(o.errors);
  const auto& t = o.result["self_host"]["throughput"];
  EXPECT_EQ(t["source"], "modeled");
  EXPECT_TRUE(t["measured"].is_null());
  ASSERT_TRUE(t["reference"].is_object());
  EXPECT_TRUE(t["reference"]["why_not_used"].is_string());
  ASSERT_TRUE(t["catalog_measurements"].is_array());
  bool finite = false;
  for (const auto& row : t["catalog_measurements"]) {
    EXPECT_FALSE(row["sizes_the_fleet"].get<bool>());
    if (row["kind"] == "finite_run")
      finite = row["why_not_used"].get<std::string>().find("finite run") != std::string::npos;
  }
  EXPECT_TRUE(finite);
}

}  // namespace
}  // namespace tcoscope
