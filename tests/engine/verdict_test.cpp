// verdict_test.cpp — compliance overrides cost; each rule of SPEC §1 adds its reason with a stable code.
#include "model/verdict.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "model/evaluate.hpp"
#include "test_support.hpp"

namespace tcoscope {
namespace {

Verdict verdict_of(const Scenario& s) {
  return evaluate(test::resolved(s)).verdict;
}

bool has(const Verdict& v, const std::string& code) {
  return std::any_of(v.reasons.begin(), v.reasons.end(), [&](const Reason& r) { return r.code == code; });
}

TEST(verdict_test, compliance_makes_self_hosting_required_whatever_it_costs) {
  Scenario s;
  s.constraints.compliance = Compliance::hipaa;
  Verdict v = verdict_of(s);
  EXPECT_EQ(v.choice, "self_host_required");
  EXPECT_TRUE(has(v, "compliance_requires_self_host"));
  EXPECT_LT(v.margin_usd_per_month, 0);  // the premium compliance costs
  EXPECT_EQ(v.reasons.front().code, "compliance_requires_self_host");
}

TEST(verdict_test, the_cheaper_option_over_the_horizon_wins_with_a_positive_margin) {
  Verdict api = verdict_of(Scenario{});
  EXPECT_EQ(api.choice, "api");
  EXPECT_GT(api.margin_usd_per_month, 0);
  EXPECT_TRUE(has(api, "api_cheaper"));

  Scenario big;
  big.api.model = "gpt-4o";
  big.workload.tokens_per_month = 50e9;
  Verdict self = verdict_of(big);
  EXPECT_EQ(self.choice, "self_host");
  EXPECT_GT(self.margin_usd_per_month, 0);
  EXPECT_TRUE(has(self, "self_host_cheaper"));
  EXPECT_TRUE(has(self, "breakeven"));
}

TEST(verdict_test, low_utilization_low_spend_and_spiky_load_are_flagged) {
  Verdict v = verdict_of(Scenario{});  // 2B tokens in office hours on one H100
  EXPECT_TRUE(has(v, "low_utilization"));
  EXPECT_TRUE(has(v, "below_typical_breakeven"));
  EXPECT_TRUE(has(v, "spiky_load"));
  Scenario flat;
  flat.workload.load_profile.preset = LoadPreset::flat;
  EXPECT_FALSE(has(verdict_of(flat), "spiky_load"));
}

TEST(verdict_test, a_frontier_api_against_a_small_self_hosted_model_is_a_tier_mismatch) {
  Scenario s;
  s.api.model = "gpt-4o";
  EXPECT_TRUE(has(verdict_of(s), "tier_mismatch"));
  EXPECT_FALSE(has(verdict_of(Scenario{}), "tier_mismatch"));  // gpt-4o-mini vs qwen3-14b: same tier
}

TEST(verdict_test, engineering_left_unpriced_without_an_mlops_team_is_flagged) {
  Scenario s;
  s.operations.engineering.fte = 0;
  EXPECT_TRUE(has(verdict_of(s), "engineering_unpriced"));
  s.constraints.has_mlops_team = true;
  Verdict v = verdict_of(s);
  EXPECT_FALSE(has(v, "engineering_unpriced"));
  EXPECT_TRUE(has(v, "has_mlops_team"));
}

TEST(verdict_test, a_latency_target_under_100_ms_favours_self_hosting) {
  Scenario s;
  s.constraints.p99_latency_ms = 80;
  Verdict v = verdict_of(s);
  auto it = std::find_if(v.reasons.begin(), v.reasons.end(),
                         [](const Reason& r) { return r.code == "low_latency_target"; });
  ASSERT_NE(it, v.reasons.end());
  EXPECT_EQ(it->favors, "self_host");
  s.constraints.p99_latency_ms = 250;
  EXPECT_FALSE(has(verdict_of(s), "low_latency_target"));
}

TEST(verdict_test, a_hosted_api_for_the_same_open_model_is_pointed_out_when_cheaper) {
  EXPECT_TRUE(has(verdict_of(Scenario{}), "hosted_open_model_cheaper"));  // DeepInfra serves Qwen3 14B
  Scenario hipaa;
  hipaa.constraints.compliance = Compliance::hipaa;  // a third-party API is no option then
  EXPECT_FALSE(has(verdict_of(hipaa), "hosted_open_model_cheaper"));
}

TEST(verdict_test, never_breaking_even_is_a_reason) {
  EXPECT_TRUE(has(verdict_of(Scenario{}), "breakeven_never"));
}

TEST(verdict_test, every_reason_has_a_code_a_side_and_a_sentence) {
  Scenario s;
  s.api.model = "gpt-4o";
  s.constraints.p99_latency_ms = 50;
  for (const Reason& r : verdict_of(s).reasons) {
    EXPECT_FALSE(r.code.empty());
    EXPECT_TRUE(r.favors == "api" || r.favors == "self_host" || r.favors == "neutral") << r.code;
    EXPECT_EQ(r.message.back(), '.') << r.code;
  }
}

TEST(verdict_test, a_zero_dollar_tie_says_neither_option_saves_anything) {
  Scenario s;
  s.workload.tokens_per_month = 0;
  s.self_host.min_replicas = 0;
  s.self_host.cloud.usd_per_gpu_hour = 0;
  s.operations = Operations{.engineering = {.fte = 0},
                            .model_refreshes_per_year = 0,
                            .observability_usd_per_month = 0,
                            .observability_setup_usd = 0,
                            .one_time_usd = 0};
  Verdict v = verdict_of(s);
  EXPECT_EQ(v.choice, "api");
  EXPECT_EQ(v.margin_usd_per_month, 0.0);
  bool tie = false;
  for (const Reason& r : v.reasons) {
    tie = tie || r.code == "costs_tie";
    EXPECT_NE(r.code, "api_cheaper");
    EXPECT_EQ(r.message.find("saves $0"), std::string::npos) << r.message;
  }
  EXPECT_TRUE(tie);
}

}  // namespace
}  // namespace tcoscope
