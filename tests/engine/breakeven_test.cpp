// breakeven_test.cpp — where the two monthly costs meet, and the cost curves over volume.
#include "model/breakeven.hpp"

#include <gtest/gtest.h>

#include "model/api_cost.hpp"
#include "model/self_host_cost.hpp"
#include "test_support.hpp"

namespace tcoscope {
namespace {

// Self-hosting as a pure fixed cost: free GPUs, `fixed_usd` a month of observability.
Scenario fixed_cost_against_blended_api(double fixed_usd, double api_usd_per_mtok) {
  Scenario s = test::bare_gpu(0, 1e6);
  s.operations.observability_usd_per_month = fixed_usd;
  s.api = ApiOption{
      .model = "custom", .usd_per_mtok_input = api_usd_per_mtok, .usd_per_mtok_output = api_usd_per_mtok};
  return s;
}

TEST(breakeven_test, fixed_4200_a_month_against_a_blended_0_38_per_mtok_breaks_even_at_11_billion_tokens) {
  Breakeven b = find_breakeven(test::resolved(fixed_cost_against_blended_api(4200, 0.38)));
  ASSERT_EQ(b.kind, "crossing");
  EXPECT_NEAR(*b.tokens_per_month, 4200 / 0.38 * 1e6, 4200 / 0.38 * 1e6 * 1e-9);  // 11.05B
  EXPECT_NEAR(*b.tokens_per_month / 1e9, 11.05, 0.01);
  EXPECT_NEAR(*b.api_usd_per_month, 4200, 1e-3);
}

TEST(breakeven_test, both_costs_agree_at_the_crossing_even_with_replica_steps) {
  Scenario s;
  s.api.model = "gpt-4o";
  Inputs in = test::resolved(s);
  Breakeven b = find_breakeven(in);
  ASSERT_EQ(b.kind, "crossing");
  double api = api_cost(in, *b.tokens_per_month).usd_per_month;
  double self = self_host_cost(in, *b.tokens_per_month).usd_per_month;
  EXPECT_NEAR(self / api, 1.0, 1e-9);
  // Above the crossing, self-hosting stays cheaper.
  for (double v = *b.tokens_per_month * 1.001; v < 1e14; v *= 1.37)
    EXPECT_LE(self_host_cost(in, v).usd_per_month, api_cost(in, v).usd_per_month) << v;
}

TEST(breakeven_test, never_crosses_when_marginal_cost_exceeds_api) {
  Scenario s = test::bare_gpu(10, 100);  // $10/h for 360k tokens/h: ~$28 per 1M tokens
  s.api.model = "gpt-4o-mini";
  Breakeven b = find_breakeven(test::resolved(s));
  EXPECT_EQ(b.kind, "never");
  EXPECT_FALSE(b.tokens_per_month);
  EXPECT_GT(b.self_host_usd_per_mtok_marginal, b.api_usd_per_mtok_marginal);
}

TEST(breakeven_test, always_when_self_hosting_wins_at_every_volume) {
  Breakeven b = find_breakeven(test::resolved(fixed_cost_against_blended_api(0, 0.38)));
  EXPECT_EQ(b.kind, "always");
}

TEST(breakeven_test, marginal_self_host_cost_accounts_for_peak_sizing_and_headroom) {
  Scenario s = test::bare_gpu(3.6, 1000);  // $1 per 1M tokens at full load
  s.self_host.target_peak_utilization = 0.5;
  Breakeven b = find_breakeven(test::resolved(s));
  EXPECT_NEAR(b.self_host_usd_per_mtok_marginal, 2.0, 1e-3);
}

TEST(breakeven_test, volume_grid_spans_1e6_to_1e14_log_spaced_and_hits_every_decade_exactly) {
  std::vector<double> g = volume_grid(25);
  ASSERT_EQ(g.size(), 201u);
  EXPECT_EQ(g.front(), 1e6);
  EXPECT_EQ(g[25], 1e7);
  EXPECT_EQ(g.back(), 1e14);
  for (std::size_t i = 1; i < g.size(); ++i) EXPECT_NEAR(g[i] / g[i - 1], 1.0964781961431851, 1e-12);
  EXPECT_EQ(volume_grid(100).size(), 801u);
}

TEST(breakeven_test, curves_carry_both_costs_at_every_grid_volume) {
  Inputs in = test::resolved(Scenario{});
  CostCurves c = cost_curves(in);
  ASSERT_EQ(c.api_usd_per_month.size(), 201u);
  ASSERT_EQ(c.self_host_usd_per_month.size(), 201u);
  EXPECT_DOUBLE_EQ(c.api_usd_per_month[50], api_cost(in, c.tokens_per_month[50]).usd_per_month);
  EXPECT_DOUBLE_EQ(c.self_host_usd_per_month[50], self_host_cost(in, c.tokens_per_month[50]).usd_per_month);
}

}  // namespace
}  // namespace tcoscope
