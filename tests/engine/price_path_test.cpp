// price_path_test.cpp — prices that move over the horizon (issue 11): an annual change compounded monthly,
// (1 + annual)^(m/12) in month m (model/price_path.hpp), for API prices, rental rates and purchase prices,
// worked by hand.
#include "model/price_path.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "model/evaluate.hpp"
#include "model/horizon.hpp"
#include "report/explain.hpp"
#include "test_support.hpp"

namespace tcoscope {
namespace {

using test::bare_gpu;
using test::resolved;

TEST(price_path_test, no_change_gives_factors_of_exactly_one) {
  for (double f : price_path(0.0)) EXPECT_EQ(f, 1.0);
}

TEST(price_path_test, whole_years_are_exact_and_months_between_compound) {
  const PricePath f = price_path(-0.2);
  EXPECT_EQ(f[0], 1.0);
  EXPECT_EQ(f[12], 0.8);
  EXPECT_EQ(f[24], 0.8 * 0.8);  // repeated multiplication, no pow()
  EXPECT_EQ(f[36], 0.8 * 0.8 * 0.8);
  EXPECT_NEAR(f[6], 0.894427190999916, 1e-15);   // sqrt(0.8)
  EXPECT_NEAR(f[1], 0.9815765298737517, 1e-15);  // 0.8^(1/12)
  EXPECT_NEAR(f[30], 0.8 * 0.8 * 0.8944271909999159, 1e-15);
  EXPECT_NEAR(cube_root(0.8), 0.9283177667225558, 1e-15);
  EXPECT_NEAR(cube_root(2.0), 1.2599210498948732, 1e-15);
}

TEST(price_path_test, a_20_percent_yearly_api_cut_lowers_month_24_by_1_minus_0_8_squared) {
  // The default workload: 2B tokens, 75 % input at gpt-4o-mini's $0.15 and 25 % output at $0.60 per 1M:
  // 1,500 × $0.15 + 500 × $0.60 = $525 a month. Month 12 bills at 0.8 × $525 = $420, month 24 at
  // 0.8² × $525 = $336: 1 − 336 / 525 = 0.36 = 1 − 0.8².
  Scenario s;
  s.horizon_months = 24;
  const Horizon flat = horizon(resolved(s));
  s.api.price_change_per_year = -0.2;
  const Horizon cut = horizon(resolved(s));
  ASSERT_EQ(flat.api_usd.size(), 24u);
  EXPECT_DOUBLE_EQ(flat.api_usd[23], 525.0);
  EXPECT_DOUBLE_EQ(cut.api_usd[11], 420.0);
  EXPECT_DOUBLE_EQ(cut.api_usd[23], 336.0);
  EXPECT_NEAR(1 - cut.api_usd[23] / flat.api_usd[23], 1 - 0.8 * 0.8, 1e-15);
  // Self-hosting does not move with the API's prices.
  EXPECT_EQ(cut.self_host_usd, flat.self_host_usd);
  EXPECT_LT(cut.total_api_usd, flat.total_api_usd);
}

TEST(price_path_test, fixed_api_costs_do_not_move_with_the_per_token_prices) {
  Scenario s;
  s.horizon_months = 12;
  s.api.other_usd_per_month = 100;
  s.api.price_change_per_year = -0.5;
  // Month 12: $525 × 0.5 + $100 fixed = $362.50.
  EXPECT_DOUBLE_EQ(horizon(resolved(s)).api_usd[11], 362.5);
}

TEST(price_path_test, a_rental_path_moves_the_rented_fleet_month_by_month) {
  // One bare GPU at $2/h, full all month: 730 h × $2 = $1,460; +10 %/year bills month 12 at $1,606 and
  // month 6 at $1,460 × sqrt(1.1).
  Scenario s = bare_gpu(2.0, 1000);
  s.workload.tokens_per_month = 1e9;
  s.horizon_months = 12;
  s.self_host.cloud.rate_change_per_year = 0.1;
  const Horizon h = horizon(resolved(s));
  EXPECT_NEAR(h.self_host_usd[11], 1606.0, 1e-9);
  EXPECT_NEAR(h.self_host_usd[5], 1460.0 * 1.0488088481701516, 1e-9);
}

// Bought GPUs at $10,000 (no host, no power, no space), 12 months' amortization to a 50 % residual, prices
// falling 20 % a year, a 24-month horizon; one replica serves 2.628B tokens a month (1,000 tok/s × 730 h at
// 100 %), and 2B tokens growing 2.4 % a month need a second one in month 13 (2B × 1.024^12 = 2.66B).
Scenario bought_falling(double change) {
  Scenario s = bare_gpu(2.0, 1000);
  s.self_host.deployment = Deployment::on_prem;
  s.self_host.on_prem = OnPrem{.usd_per_gpu = 10000.0,
                               .host_usd_per_gpu = 0,
                               .amortization_months = 12,
                               .residual_value_share = 0.5,
                               .watts_per_gpu = 1000.0,
                               .usd_per_kwh = 0,
                               .colo_usd_per_kw_month = 0,
                               .price_change_per_year = change};
  s.workload.tokens_per_month = 2e9;
  s.workload.monthly_growth = 0.024;
  s.horizon_months = 24;
  return s;
}

TEST(price_path_test, a_purchase_path_prices_each_purchase_and_its_resale_on_its_own) {
  // Without a path: ($10,000 − 50 % × $10,000) / 12 = $416.67 a month for each GPU while it amortizes.
  const Horizon flat = horizon(resolved(bought_falling(0)));
  EXPECT_NEAR(flat.self_host_usd[0], 5000.0 / 12, 1e-9);
  EXPECT_NEAR(flat.self_host_usd[12], 5000.0 / 12, 1e-9);  // the first is written off, the second amortizes
  ASSERT_EQ(flat.self_host_replicas[11], 1);
  ASSERT_EQ(flat.self_host_replicas[12], 2);
  // −20 %/year: the first GPU (month 1, t = 0) pays $10,000 and resells at t = 12 for 50 % × $8,000:
  // ($10,000 − $4,000) / 12 = $500. The second (month 13, t = 12) pays $8,000 and resells at t = 24 for
  // 50 % × $6,400: ($8,000 − $3,200) / 12 = $400.
  const Horizon falling = horizon(resolved(bought_falling(-0.2)));
  EXPECT_NEAR(falling.self_host_usd[0], 500.0, 1e-9);
  EXPECT_NEAR(falling.self_host_usd[11], 500.0, 1e-9);
  EXPECT_NEAR(falling.self_host_usd[12], 400.0, 1e-9);
  EXPECT_NEAR(falling.total_self_host_usd, 12 * 500.0 + 12 * 400.0, 1e-6);
}

TEST(price_path_test, a_purchase_path_with_cost_of_capital_charges_the_average_of_price_and_resale) {
  // Month 1's GPU at 12 %/year: ($10,000 + $4,000) / 2 × 1 %/month = $70 on top of $500.
  Scenario s = bought_falling(-0.2);
  s.self_host.on_prem.cost_of_capital_per_year = 0.12;
  EXPECT_NEAR(horizon(resolved(s)).self_host_usd[0], 570.0, 1e-9);
}

// A bare GPU at $2/h (1,000 tok/s, full) against a $1 per 1M API, with $10,000 of one-off costs: each month
// self-hosting saves 2,628 − 1,460 = $1,168, so it pays back in month ceil(10,000 / 1,168) = 9.
Scenario paying_back() {
  Scenario s = bare_gpu(2.0, 1000);
  s.api.model = "custom";
  s.api.usd_per_mtok_input = s.api.usd_per_mtok_output = s.api.usd_per_mtok_cached_input = 1.0;
  s.workload.tokens_per_month = 2.628e9;
  s.operations.one_time_usd = 10000;
  s.horizon_months = 24;
  return s;
}

TEST(price_path_test, payback_and_verdict_use_the_paths) {
  Scenario s = paying_back();
  const Evaluation flat = evaluate(resolved(s));
  ASSERT_EQ(flat.horizon.payback_month, 9);
  EXPECT_EQ(flat.verdict.choice, "self_host");
  // API prices halving every year: month m saves 2,628 × 0.5^(m/12) − 1,460, which is negative from month
  // 11 on (0.5^(11/12) × 2,628 = 1,385): the one-off costs are never earned back, and the API wins.
  s.api.price_change_per_year = -0.5;
  const Evaluation cut = evaluate(resolved(s));
  EXPECT_FALSE(cut.horizon.payback_month.has_value());
  EXPECT_EQ(cut.verdict.choice, "api");
  EXPECT_NEAR(cut.verdict.margin_usd_per_month,
              (cut.horizon.total_self_host_usd - cut.horizon.total_api_usd) / 24, 1e-9);
  // The monthly view stays at today's prices.
  EXPECT_EQ(cut.api.usd_per_month, flat.api.usd_per_month);
}

TEST(price_path_test, the_hybrid_horizon_follows_the_paths) {
  // Whatever floor the plan picks, its total is the one-off costs (with a floor) plus its months, each at
  // its month's prices.
  Scenario s = paying_back();
  s.workload.load_profile.preset = LoadPreset::business_hours;
  s.api.price_change_per_year = -0.3;
  s.self_host.cloud.rate_change_per_year = -0.1;
  const Evaluation e = evaluate(resolved(s));
  ASSERT_TRUE(e.horizon.hybrid.considered);
  double sum = 0;
  for (double x : e.horizon.hybrid_usd) sum += x;
  const bool floor_kept = !e.horizon.hybrid.pure_api;
  EXPECT_NEAR(e.horizon.hybrid.total_usd, sum + (floor_kept ? 10000.0 : 0.0), 1e-6);
  EXPECT_LE(e.horizon.hybrid.total_usd,
            std::min(e.horizon.total_api_usd, e.horizon.total_self_host_usd) + 1e-6);
}

TEST(price_path_test, explanations_state_each_path_with_its_formula) {
  Scenario s;
  s.api.price_change_per_year = -0.2;
  s.self_host.cloud.rate_change_per_year = 0.1;
  const Evaluation e = evaluate(resolved(s));
  const auto lines = explain(e);
  auto find = [&](std::string_view figure) -> const Explanation* {
    for (const Explanation& x : lines)
      if (x.figure == figure) return &x;
    return nullptr;
  };
  const Explanation* api = find("horizon.api_price_path");
  ASSERT_NE(api, nullptr);
  EXPECT_NE(api->formula.find("(1 − 20%)^(m/12)"), std::string::npos) << api->formula;
  EXPECT_EQ(api->value, "× 0.512");  // 0.8³ by month 36
  const Explanation* rent = find("horizon.rental_price_path");
  ASSERT_NE(rent, nullptr);
  EXPECT_EQ(rent->value, "× 1.331");  // 1.1³
  EXPECT_EQ(find("horizon.purchase_price_path"), nullptr);
}

}  // namespace
}  // namespace tcoscope
