// capacity_test.cpp — replicas sized for the peak hour with headroom; autoscaling hour by hour; utilization.
#include "model/capacity.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace tcoscope {
namespace {

// One replica serves 1,000 tok/s = 3.6M tokens/h.
Scenario replica_of_1000_tps() {
  Scenario s = test::bare_gpu(2.0, 1000);
  s.self_host.target_peak_utilization = 0.5;
  return s;
}

TEST(capacity_test, fixed_fleet_is_sized_for_the_peak_hour_at_the_target_load) {
  Scenario s = replica_of_1000_tps();
  // Flat load: 3.6M tokens/h average; at 50 % target a replica takes 1.8M/h → 2 replicas.
  s.workload.tokens_per_month = 3.6e6 * kHoursPerMonth;
  Capacity c = size_capacity(test::resolved(s), s.workload.tokens_per_month);
  EXPECT_EQ(c.replicas_peak, 2);
  EXPECT_NEAR(c.utilization, 0.5, 1e-12);
  EXPECT_DOUBLE_EQ(c.gpu_hours_per_month, 2 * kHoursPerMonth);
}

TEST(capacity_test, exactly_full_replicas_are_not_rounded_up) {
  Scenario s = replica_of_1000_tps();
  s.self_host.target_peak_utilization = 1.0;
  s.workload.tokens_per_month = 3 * 3.6e6 * kHoursPerMonth;
  EXPECT_EQ(size_capacity(test::resolved(s), s.workload.tokens_per_month).replicas_peak, 3);
}

TEST(capacity_test, spare_replicas_and_min_replicas_are_honoured) {
  Scenario s = replica_of_1000_tps();
  s.workload.tokens_per_month = 1e6;
  s.self_host.min_replicas = 2;
  s.self_host.spare_replicas = 1;
  EXPECT_EQ(size_capacity(test::resolved(s), 1e6).replicas_peak, 3);
}

TEST(capacity_test, a_spiky_week_needs_more_replicas_than_a_flat_one_for_the_same_volume) {
  Scenario flat = replica_of_1000_tps();
  flat.workload.tokens_per_month = 20 * 3.6e6 * kHoursPerMonth;
  Scenario spiky = flat;
  spiky.workload.load_profile.preset = LoadPreset::business_hours;
  Capacity f = size_capacity(test::resolved(flat), flat.workload.tokens_per_month);
  Capacity p = size_capacity(test::resolved(spiky), spiky.workload.tokens_per_month);
  EXPECT_GT(p.replicas_peak, f.replicas_peak);
  EXPECT_LT(p.utilization, f.utilization);
}

TEST(capacity_test, autoscaling_bills_replica_hours_hour_by_hour) {
  Scenario s = replica_of_1000_tps();
  s.workload.load_profile.preset = LoadPreset::overnight_silence;  // 7 silent hours a day
  s.self_host.min_replicas = 0;
  s.self_host.cloud.autoscale = true;
  s.workload.tokens_per_month = 10 * 3.6e6 * kHoursPerMonth;
  Inputs in = test::resolved(s);
  Capacity c = size_capacity(in, s.workload.tokens_per_month);
  HourlyReplicas hours = replicas_by_hour(in, s.workload.tokens_per_month);
  EXPECT_EQ(hours[3], 0);  // Monday 03:00: nothing to serve, nothing billed
  EXPECT_GT(hours[12], 0);
  long long week = 0;
  for (int n : hours) week += n;
  EXPECT_NEAR(c.replica_hours_per_month, week * kWeeksPerMonth, 1e-6);
  s.self_host.cloud.autoscale = false;
  EXPECT_LT(c.gpu_hours_per_month,
            size_capacity(test::resolved(s), s.workload.tokens_per_month).gpu_hours_per_month);
}

TEST(capacity_test, utilization_is_tokens_served_over_tokens_servable) {
  Scenario s = replica_of_1000_tps();
  s.workload.tokens_per_month = 0.25 * 3.6e6 * kHoursPerMonth;
  Capacity c = size_capacity(test::resolved(s), s.workload.tokens_per_month);
  EXPECT_NEAR(c.utilization, s.workload.tokens_per_month / c.servable_tokens_per_month, 1e-15);
  EXPECT_NEAR(c.utilization, 0.25, 1e-12);
}

TEST(capacity_test, no_volume_and_no_minimum_provisions_nothing) {
  Scenario s = replica_of_1000_tps();
  s.self_host.min_replicas = 0;
  Capacity c = size_capacity(test::resolved(s), 0);
  EXPECT_EQ(c.replicas_peak, 0);
  EXPECT_EQ(c.utilization, 0);
}

}  // namespace
}  // namespace tcoscope
