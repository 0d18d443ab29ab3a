// evaluate_test.cpp — the worked examples of SPEC §1 and §4, end to end through evaluate().
#include "model/evaluate.hpp"

#include <gtest/gtest.h>

#include "contract/result_json.hpp"
#include "json_support.hpp"
#include "model/units.hpp"
#include "ops.hpp"
#include "test_support.hpp"

namespace tcoscope {
namespace {

using test::bare_gpu;
using test::resolved;

TEST(evaluate_test,
     article_gpu_at_1_91_per_hour_and_70000_tokens_per_second_is_0_0076_per_mtok_at_full_load) {
  Evaluation e = evaluate(resolved(bare_gpu(1.91, 70000)));
  // 1.91 / (70,000 × 3,600 / 1e6) = 0.0075794
  EXPECT_NEAR(e.self_host_usd_per_mtok_at_full_load, 1.91 / (70000 * 3600 / 1e6), 1e-12);
  EXPECT_NEAR(e.self_host_usd_per_mtok_at_full_load, 0.0076, 0.00005);
}

TEST(evaluate_test, at_ten_percent_utilization_raw_cost_per_token_is_ten_times_full_load) {
  Scenario s = bare_gpu(1.91, 70000);
  s.workload.tokens_per_month = 0.1 * 70000 * 3600 * kHoursPerMonth;  // 10 % of one replica's month
  Evaluation e = evaluate(resolved(s));
  EXPECT_NEAR(e.self_host.capacity.utilization, 0.1, 1e-12);
  ASSERT_TRUE(e.self_host_usd_per_mtok_raw_at_utilization);
  EXPECT_NEAR(*e.self_host_usd_per_mtok_raw_at_utilization / e.self_host_usd_per_mtok_at_full_load, 10.0,
              1e-9);
}

TEST(evaluate_test, zero_volume_reports_per_token_costs_as_absent_not_infinite) {
  Scenario s;
  s.workload.tokens_per_month = 0;
  Evaluation e = evaluate(resolved(s));
  EXPECT_FALSE(e.api_usd_per_mtok);
  EXPECT_FALSE(e.self_host_usd_per_mtok);
  tcoscope::Json j = to_json(e);
  EXPECT_TRUE(j["api"]["usd_per_mtok"].is_null());
  EXPECT_EQ(ops::find_non_finite(j), "");
}

TEST(evaluate_test, explanations_show_the_formula_with_the_numbers_put_in) {
  Scenario s = bare_gpu(1.49, 5000);
  s.self_host.gpus_per_replica = 2;
  s.workload.tokens_per_month = 1e9;
  Evaluation e = evaluate(resolved(s));
  std::string rental;
  for (const Explanation& x : explain(e))
    if (x.figure == "self_host.breakdown.gpu_rental") rental = x.text();
  EXPECT_EQ(rental, "GPU rental: 2 GPUs × 730 h × $1.49/h (your rate) = $2,175.40");
}

TEST(evaluate_test, every_breakdown_component_has_an_explanation) {
  for (Deployment deployment : all_of<Deployment>()) {
    Scenario s;
    s.self_host.deployment = deployment;
    Evaluation e = evaluate(resolved(s));
    tcoscope::Json j = to_json(e);
    for (auto it = j["self_host"]["breakdown"].begin(); it != j["self_host"]["breakdown"].end(); ++it) {
      bool found = false;
      for (const Explanation& x : explain(e)) found = found || x.figure == "self_host.breakdown." + it.key();
      EXPECT_TRUE(found) << name(deployment) << ": " << it.key();
    }
  }
}

TEST(evaluate_test, breakdown_components_sum_to_the_monthly_total) {
  for (Deployment deployment : all_of<Deployment>()) {
    Scenario s;
    s.self_host.deployment = deployment;
    Evaluation e = evaluate(resolved(s));
    double sum = 0;
    for (double usd : e.self_host.breakdown) sum += usd;
    EXPECT_NEAR(sum, e.self_host.usd_per_month, 1e-9) << name(deployment);
  }
}

TEST(evaluate_test, result_carries_the_contract_keys_of_spec_section_5) {
  Evaluation e0 = evaluate(resolved(Scenario{}));
  tcoscope::Json j = to_json(e0, explain(e0));
  for (const char* key : {"usd_per_month", "usd_per_mtok"}) EXPECT_TRUE(j["api"].contains(key)) << key;
  for (const char* key : {"usd_per_month", "usd_per_mtok", "usd_per_mtok_at_full_load", "utilization",
                          "replicas_peak", "gpu_hours_per_month", "breakdown"})
    EXPECT_TRUE(j["self_host"].contains(key)) << key;
  for (const char* key : {"tokens_per_month", "api_usd_per_month", "kind"})
    EXPECT_TRUE(j["breakeven"].contains(key));
  for (const char* key : {"choice", "margin_usd_per_month", "reasons"})
    EXPECT_TRUE(j["verdict"].contains(key));
  EXPECT_TRUE(j["warnings"].is_array());
  EXPECT_EQ(j["curves"]["tokens_per_month"].size(), 201u);
  EXPECT_EQ(j["load"]["hourly_weights"].size(), 168u);
  EXPECT_EQ(j["horizon"]["month"].size(), 36u);
}

}  // namespace
}  // namespace tcoscope
