// horizon_test.cpp — month by month with growth, cumulative cost and the payback month.
#include "model/horizon.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "model/api_cost.hpp"
#include "model/self_host_cost.hpp"
#include "test_support.hpp"

namespace tcoscope {
namespace {

TEST(horizon_test, volume_grows_by_the_monthly_rate) {
  Scenario s;
  s.horizon_months = 12;
  s.workload.monthly_growth = 0.1;
  Horizon h = horizon(test::resolved(s));
  ASSERT_EQ(h.tokens_per_month.size(), 12u);
  EXPECT_DOUBLE_EQ(h.tokens_per_month[0], 2e9);
  EXPECT_NEAR(h.tokens_per_month[11], 2e9 * std::pow(1.1, 11), 1e-3);
  EXPECT_EQ(h.month.front(), 1);
  EXPECT_EQ(h.month.back(), 12);
}

TEST(horizon_test, one_off_costs_are_paid_before_the_first_month) {
  Scenario s;
  Inputs in = test::resolved(s);
  Horizon h = horizon(in);
  EXPECT_NEAR(h.cumulative_self_host_usd[0], in.one_time_usd() + h.self_host_usd[0], 1e-9);
  EXPECT_NEAR(h.total_self_host_usd, h.cumulative_self_host_usd.back(), 1e-9);
}

TEST(horizon_test, payback_month_is_when_cumulative_self_hosting_drops_below_the_api) {
  // Self-hosting $1,000 a month plus $10,000 up front against an API bill of $3,000 a month:
  // cumulative 11,000 / 13,000 / … vs 3,000 / 6,000 / …: month 5 (15,000 ≤ 15,000).
  Scenario s = test::bare_gpu(0, 1e6);
  s.operations.observability_usd_per_month = 1000;
  s.operations.one_time_usd = 10000;
  s.api = ApiOption{.model = "custom", .usd_per_mtok_input = 1, .usd_per_mtok_output = 1};
  s.workload.tokens_per_month = 3e9;
  Horizon h = horizon(test::resolved(s));
  ASSERT_TRUE(h.payback_month);
  EXPECT_EQ(*h.payback_month, 5);
}

TEST(horizon_test, no_payback_when_self_hosting_never_catches_up) {
  Horizon h = horizon(test::resolved(Scenario{}));
  EXPECT_FALSE(h.payback_month);
}

TEST(horizon_test, capacity_is_resized_as_volume_grows) {
  Scenario s;
  s.workload.monthly_growth = 0.2;
  s.workload.tokens_per_month = 5e9;
  Horizon h = horizon(test::resolved(s));
  EXPECT_GT(h.self_host_replicas.back(), h.self_host_replicas.front());
  for (std::size_t m = 1; m < h.api_usd.size(); ++m) EXPECT_GE(h.api_usd[m], h.api_usd[m - 1]);
}

TEST(horizon_test, bought_gpus_are_kept_when_volume_shrinks_and_amortize_from_their_purchase_month) {
  Scenario s;
  s.self_host.deployment = Deployment::on_prem;
  s.workload.tokens_per_month = 20e9;
  s.workload.monthly_growth = -0.1;
  s.horizon_months = 48;
  s.self_host.on_prem.amortization_months = 36;
  Inputs in = test::resolved(s);
  Horizon h = horizon(in);
  for (std::size_t m = 1; m < h.self_host_replicas.size(); ++m)
    EXPECT_EQ(h.self_host_replicas[m], h.self_host_replicas[0]);
  // After month 36 the initial purchase is fully amortized: the monthly cost drops.
  EXPECT_LT(h.self_host_usd[36], h.self_host_usd[35] - 1000);
}

}  // namespace
}  // namespace tcoscope
