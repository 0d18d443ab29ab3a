// self_host_cost_test.cpp — rental, purchase, power, space, engineering, refreshes, observability, one-offs.
#include "model/self_host_cost.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace tcoscope {
namespace {

Scenario two_bought_h100s(double usd_per_gpu) {
  Scenario s = test::bare_gpu(0, 5000);
  s.self_host.gpu = "h100-sxm";
  s.self_host.gpus_per_replica = 2;
  s.self_host.deployment = Deployment::on_prem;
  s.self_host.on_prem = OnPrem{.usd_per_gpu = usd_per_gpu,
                               .host_usd_per_gpu = 0,
                               .amortization_months = 36,
                               .residual_value_share = 0,
                               .watts_per_gpu = 1000,
                               .idle_power_share = 0.3,
                               .pue = 1.5,
                               .usd_per_kwh = 0.10,
                               .colo_usd_per_kw_month = 200};
  s.workload.tokens_per_month = 1e9;
  return s;
}

TEST(self_host_cost_test, two_h100s_bought_at_15000_to_20000_over_36_months_are_833_to_1111_a_month) {
  EXPECT_NEAR(self_host_cost(test::resolved(two_bought_h100s(15000)), 1e9)[Component::hardware_amortization],
              833.33, 0.005);
  EXPECT_NEAR(self_host_cost(test::resolved(two_bought_h100s(20000)), 1e9)[Component::hardware_amortization],
              1111.11, 0.005);
}

TEST(self_host_cost_test, one_fte_at_145000_a_year_is_12083_a_month) {
  Scenario s = test::bare_gpu(1, 1000);
  s.operations.engineering = Engineering{.mode = EngineeringMode::fte, .fte = 1, .usd_per_fte_year = 145000};
  EXPECT_NEAR(self_host_cost(test::resolved(s), 1e9)[Component::engineering], 12083.33, 0.005);
}

TEST(self_host_cost_test, rental_is_gpu_hours_times_the_hourly_rate) {
  Scenario s = test::bare_gpu(1.49, 5000);
  s.self_host.gpus_per_replica = 2;
  SelfHostCost c = self_host_cost(test::resolved(s), 1e9);
  EXPECT_NEAR(c[Component::gpu_rental], 2 * 730 * 1.49, 1e-9);
  EXPECT_NEAR(c.raw_gpu_usd_per_month, 2175.40, 1e-9);
}

TEST(self_host_cost_test, residual_value_and_host_share_enter_the_amortization) {
  Scenario s = two_bought_h100s(30000);
  s.self_host.on_prem.host_usd_per_gpu = 5000;
  s.self_host.on_prem.residual_value_share = 0.2;
  EXPECT_NEAR(self_host_cost(test::resolved(s), 1e9)[Component::hardware_amortization], 2 * 35000 * 0.8 / 36,
              1e-9);
}

TEST(self_host_cost_test, cost_of_capital_charges_interest_on_the_average_capital_tied_up) {
  Scenario s = two_bought_h100s(20000);
  s.self_host.on_prem.residual_value_share = 0.2;
  s.self_host.on_prem.cost_of_capital_per_year = 0.06;
  EXPECT_NEAR(self_host_cost(test::resolved(s), 1e9)[Component::cost_of_capital], 2 * 20000 * 0.6 * 0.06 / 12,
              1e-9);
}

TEST(self_host_cost_test, electricity_rises_from_idle_to_full_draw_with_utilization) {
  Scenario s = two_bought_h100s(20000);
  s.workload.tokens_per_month = 0;
  s.self_host.min_replicas = 1;
  double idle = self_host_cost(test::resolved(s), 0)[Component::electricity];
  EXPECT_NEAR(idle, 2 * 1.0 * 0.3 * 1.5 * 730 * 0.10, 1e-9);
  Inputs in = test::resolved(s);
  double full_volume = 5000 * 3600 * 730.0;  // one replica at 100 %
  SelfHostCost full = self_host_cost(in, full_volume);
  EXPECT_NEAR(full.capacity.utilization, 1.0, 1e-12);
  EXPECT_NEAR(full[Component::electricity], 2 * 1.0 * 1.5 * 730 * 0.10, 1e-9);
}

TEST(self_host_cost_test, colocation_is_priced_per_provisioned_kw_or_as_a_flat_rack) {
  Scenario s = two_bought_h100s(20000);
  EXPECT_NEAR(self_host_cost(test::resolved(s), 1e9)[Component::facility], 2 * 1.0 * 200, 1e-9);
  s.self_host.on_prem.rack_usd_per_month = 750;
  EXPECT_NEAR(self_host_cost(test::resolved(s), 1e9)[Component::facility], 750, 1e-9);
}

TEST(self_host_cost_test, overhead_multiplier_adds_engineering_on_top_of_raw_gpu_cost) {
  Scenario s = test::bare_gpu(2, 1000);
  s.operations.engineering = Engineering{.mode = EngineeringMode::multiplier, .overhead_multiplier = 4};
  SelfHostCost c = self_host_cost(test::resolved(s), 1e9);
  EXPECT_NEAR(c[Component::engineering], 3 * c.raw_gpu_usd_per_month, 1e-9);
  EXPECT_NEAR(c.usd_per_month, 4 * c.raw_gpu_usd_per_month, 1e-9);
}

TEST(self_host_cost_test, refreshes_observability_and_one_offs_are_monthly) {
  Scenario s = test::bare_gpu(0, 1000);
  s.horizon_months = 24;
  s.operations = Operations{.engineering = {.fte = 0},
                            .model_refreshes_per_year = 3,
                            .usd_per_model_refresh = 12000,
                            .observability_usd_per_month = 400,
                            .observability_setup_usd = 6000,
                            .one_time_usd = 18000};
  Inputs in = test::resolved(s);
  SelfHostCost c = self_host_cost(in, 1e9);
  EXPECT_DOUBLE_EQ(c[Component::model_refreshes], 3000);
  EXPECT_DOUBLE_EQ(c[Component::observability], 400);
  EXPECT_DOUBLE_EQ(c[Component::one_time], 24000.0 / 24);
  EXPECT_DOUBLE_EQ(self_host_cost(in, 1e9, /*include_one_time=*/false)[Component::one_time], 0);
}

TEST(self_host_cost_test, idle_gpus_cost_the_same_per_hour_as_busy_ones) {
  Scenario s = test::bare_gpu(3.9, 6596);
  s.self_host.target_peak_utilization = 1.0;
  Inputs in = test::resolved(s);
  double one_replica = 6596 * 3600 * 730.0;
  EXPECT_DOUBLE_EQ(self_host_cost(in, one_replica * 0.1).usd_per_month,
                   self_host_cost(in, one_replica).usd_per_month);
}

TEST(self_host_cost_test, only_the_deployments_own_components_apply) {
  Inputs cloud = test::resolved(Scenario{});
  EXPECT_TRUE(component_applies(cloud, Component::gpu_rental));
  EXPECT_FALSE(component_applies(cloud, Component::electricity));
  Scenario s;
  s.self_host.deployment = Deployment::on_prem;
  Inputs owned = test::resolved(s);
  EXPECT_FALSE(component_applies(owned, Component::gpu_rental));
  EXPECT_TRUE(component_applies(owned, Component::hardware_amortization));
}

}  // namespace
}  // namespace tcoscope

namespace tcoscope {
namespace {

TEST(self_host_cost_test, a_commitment_discount_lowers_the_rental_rate_and_the_full_load_cost) {
  Scenario s = test::bare_gpu(4.0, 5000);
  s.self_host.cloud.commitment_discount = 0.4;  // reserved: 30-60 % off on-demand (FACTS §3)
  SelfHostCost c = self_host_cost(test::resolved(s), 1e9);
  EXPECT_NEAR(c[Component::gpu_rental], 730 * 4.0 * 0.6, 1e-9);
  EXPECT_NEAR(c.raw_usd_per_replica_hour_at_full_load, 2.4, 1e-12);
}

}  // namespace
}  // namespace tcoscope
