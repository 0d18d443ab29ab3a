// prefix_cache_test.cpp — prefix caching on the self-hosted side (issue 11): the cached share of each prompt
// skips its prefill, which raises the tokens a replica serves; a measured figure taken without caching gets
// the model's gain, one taken with it does not.
#include <gtest/gtest.h>

#include <string>

#include "contract/catalog_json.hpp"
#include "json_support.hpp"
#include "model/throughput.hpp"
#include "ops.hpp"
#include "test_support.hpp"

namespace tcoscope {
namespace {

using test::all;

const Catalog& cat() {
  return builtin_catalog();
}

// Qwen3 14B BF16 on one H100, 4,000-token prompts and 200-token answers: prefill-heavy, so the cache matters,
// and one request's prefill is compute-bound (its FLOPs outweigh one read of the weights).
ThroughputParams prompt_heavy(double hit_rate) {
  return ThroughputParams{.input_tokens_per_request = 4000,
                          .output_tokens_per_request = 200,
                          .max_batch = 64,
                          .prefix_cache_hit_rate = hit_rate};
}

TEST(prefix_cache_test, a_zero_hit_rate_changes_nothing) {
  const Gpu& g = *cat().gpu("h100-sxm");
  const OpenModel& m = *cat().model("qwen3-14b");
  ThroughputModel none = model_throughput(g, m, 1, prompt_heavy(0));
  ThroughputModel unset = model_throughput(
      g, m, 1,
      ThroughputParams{.input_tokens_per_request = 4000, .output_tokens_per_request = 200, .max_batch = 64});
  EXPECT_EQ(none.total_tokens_per_second, unset.total_tokens_per_second);
  EXPECT_EQ(none.ttft_ms, unset.ttft_ms);
  // Through the scenario: an explicit 0 and the default (the workload's cached share, 0 by default) agree.
  ops::Outcome a = ops::evaluate(R"({"self_host": {"throughput": {"prefix_cache_hit_rate": 0}}})");
  ops::Outcome b = ops::evaluate("{}");
  ASSERT_TRUE(a.ok && b.ok) << all(a.errors);
  EXPECT_EQ(a.result["self_host"]["tokens_per_second_per_replica"],
            b.result["self_host"]["tokens_per_second_per_replica"]);
}

TEST(prefix_cache_test, half_the_prompt_cached_removes_the_prefill_it_would_have_computed) {
  const Gpu& g = *cat().gpu("h100-sxm");
  const OpenModel& m = *cat().model("qwen3-14b");
  ThroughputModel cold = model_throughput(g, m, 1, prompt_heavy(0));
  ThroughputModel warm = model_throughput(g, m, 1, prompt_heavy(0.5));
  ASSERT_TRUE(cold.fits && warm.fits);
  // MODEL.md §5, by hand: a prompt of S tokens costs 2·P_active·S FLOPs through the weights and
  // 2·L·q_heads·head_dim·S² in causal attention. With h·S of it cached only (1 − h)·S tokens go through the
  // weights, and they attend over everything before them: 2·L·q·d·(S² − (hS)²) = × (1 − h²).
  const double S = 4000, h = 0.5;
  const double linear = 2 * m.params_b_active * 1e9 * S;
  const double attention = 2.0 * m.layers * m.q_heads * m.head_dim * S * S;
  const double share = ((1 - h) * linear + (1 - h * h) * attention) / (linear + attention);
  EXPECT_NEAR(warm.prefill_ms_per_request / cold.prefill_ms_per_request, share, 1e-9);
  // Memory and decode do not change: the same batch, the same step.
  ASSERT_EQ(warm.batch, cold.batch);
  EXPECT_EQ(warm.tpot_ms, cold.tpot_ms);
  // A batch of B requests takes B prefills plus OSL decode steps; the capacity rises by the time removed.
  const double B = cold.batch, osl = 200;
  const double t_cold = B * cold.prefill_ms_per_request + osl * cold.tpot_ms;
  const double t_warm = B * warm.prefill_ms_per_request + osl * warm.tpot_ms;
  EXPECT_NEAR(warm.total_tokens_per_second / cold.total_tokens_per_second, t_cold / t_warm, 1e-9);
  EXPECT_GT(t_cold / t_warm, 1.3);  // most of this workload's time is prefill
  EXPECT_LT(warm.ttft_ms, cold.ttft_ms);
}

TEST(prefix_cache_test, the_hit_rate_follows_the_apis_cached_share_unless_given) {
  const std::string base =
      R"({"workload": {"cached_input_share": 0.4}, "self_host": {"throughput": {"source": "modeled")";
  ops::Outcome follows = ops::evaluate(base + "}}}");
  ops::Outcome off = ops::evaluate(base + R"(, "prefix_cache_hit_rate": 0}}})");
  ops::Outcome cold = ops::evaluate(R"({"self_host": {"throughput": {"source": "modeled"}}})");
  ASSERT_TRUE(follows.ok && off.ok && cold.ok) << all(follows.errors);
  const double with = follows.result["self_host"]["tokens_per_second_per_replica"].get<double>();
  const double without = off.result["self_host"]["tokens_per_second_per_replica"].get<double>();
  EXPECT_GT(with, without);
  EXPECT_EQ(without, cold.result["self_host"]["tokens_per_second_per_replica"].get<double>());
  // The explanation gives the gain as modeled with / without, and the capacity uses the cached figure.
  bool explained = false;
  for (const auto& line : follows.result["explain"])
    if (line["figure"] == "self_host.throughput.prefix_cache_gain") {
      explained = true;
      EXPECT_NE(line["formula"].get<std::string>().find("40% hits"), std::string::npos) << line["formula"];
    }
  EXPECT_TRUE(explained);
}

TEST(prefix_cache_test, a_measurement_taken_without_caching_gets_the_models_gain_and_one_with_it_does_not) {
  const std::string measured =
      R"({"workload": {"cached_input_share": 0.5}, "self_host": {"throughput": {"source": "measured",
          "tokens_per_second_per_replica": 5000)";
  ops::Outcome plain = ops::evaluate(measured + "}}}");
  ops::Outcome included = ops::evaluate(measured + R"(, "measurement_includes_prefix_cache": true}}})");
  ops::Outcome modeled_off = ops::evaluate(
      R"({"workload": {"cached_input_share": 0.5}, "self_host": {"throughput": {"source": "modeled",
          "prefix_cache_hit_rate": 0}}})");
  ops::Outcome modeled_on = ops::evaluate(
      R"({"workload": {"cached_input_share": 0.5}, "self_host": {"throughput": {"source": "modeled"}}})");
  ASSERT_TRUE(plain.ok && included.ok && modeled_off.ok && modeled_on.ok) << all(plain.errors);
  auto tps = [](const ops::Outcome& o) {
    return o.result["self_host"]["tokens_per_second_per_replica"].get<double>();
  };
  const double gain = tps(modeled_on) / tps(modeled_off);
  EXPECT_GT(gain, 1);
  EXPECT_NEAR(tps(plain), 5000 * gain, 1e-6);
  EXPECT_EQ(tps(included), 5000);
}

}  // namespace
}  // namespace tcoscope
