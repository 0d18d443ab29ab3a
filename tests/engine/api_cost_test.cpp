// api_cost_test.cpp — the API bill: uncached, cached and output tokens, and the batch discount.
#include "model/api_cost.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "test_support.hpp"

namespace tcoscope {
namespace {

Scenario gpt_4o(double tokens, double input_share, double cached, double batch) {
  Scenario s;
  s.api.model = "gpt-4o";  // $2.50 in, $1.25 cached, $10 out, batch 50 % off
  s.workload.tokens_per_month = tokens;
  s.workload.input_share = input_share;
  s.workload.cached_input_share = cached;
  s.workload.batch_share = batch;
  return s;
}

TEST(api_cost_test, prices_input_and_output_at_list_price) {
  Inputs in = test::resolved(gpt_4o(1e9, 0.75, 0, 0));
  ApiCost c = api_cost(in, 1e9);
  EXPECT_DOUBLE_EQ(c.input_usd, 750 * 2.50);
  EXPECT_DOUBLE_EQ(c.output_usd, 250 * 10.0);
  EXPECT_DOUBLE_EQ(c.usd_per_month, 1875 + 2500);
}

TEST(api_cost_test, cached_input_is_billed_at_the_cached_price) {
  Inputs in = test::resolved(gpt_4o(1e9, 0.8, 0.5, 0));
  ApiCost c = api_cost(in, 1e9);
  EXPECT_DOUBLE_EQ(c.cached_input_tokens, 400e6);
  EXPECT_DOUBLE_EQ(c.input_usd, 400 * 2.50);
  EXPECT_DOUBLE_EQ(c.cached_input_usd, 400 * 1.25);
  EXPECT_DOUBLE_EQ(c.output_usd, 200 * 10.0);
}

TEST(api_cost_test, batch_share_gets_the_batch_discount) {
  Inputs in = test::resolved(gpt_4o(1e9, 0.5, 0, 0.4));
  ApiCost c = api_cost(in, 1e9);
  double list = 500 * 2.5 + 500 * 10.0;
  EXPECT_DOUBLE_EQ(c.batch_savings_usd, -list * 0.4 * 0.5);
  EXPECT_DOUBLE_EQ(c.usd_per_month, list * (1 - 0.2));
}

TEST(api_cost_test, fixed_api_costs_are_added_once_a_month) {
  Scenario s = gpt_4o(0, 0.5, 0, 0);
  s.api.other_usd_per_month = 99;
  EXPECT_DOUBLE_EQ(api_cost(test::resolved(s), 0).usd_per_month, 99);
}

TEST(api_cost_test, blended_price_is_the_cost_of_one_million_tokens_of_this_mix) {
  Inputs in = test::resolved(gpt_4o(1e9, 0.8, 0.25, 0.5));
  EXPECT_NEAR(api_blended_usd_per_mtok(in) * 1000, api_cost(in, 1e9).usd_per_month, 1e-9);
}

TEST(api_cost_test, no_discount_reads_as_zero_not_minus_zero) {
  Inputs in = test::resolved(gpt_4o(1e9, 0.5, 0, 0));
  EXPECT_FALSE(std::signbit(api_cost(in, 1e9).batch_savings_usd));
}

}  // namespace
}  // namespace tcoscope
