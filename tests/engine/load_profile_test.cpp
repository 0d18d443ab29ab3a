// load_profile_test.cpp — preset weeks and custom weights are normalized to mean 1.
#include "model/load_profile.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace tcoscope {
namespace {

double mean(const HourlyWeights& w) {
  double sum = 0;
  for (double x : w) sum += x;
  return sum / kHoursPerWeek;
}

TEST(load_profile_test, every_preset_has_168_weights_with_mean_one) {
  for (LoadPreset preset : all_of<LoadPreset>()) {
    std::string_view name = tcoscope::name(preset);
    auto raw = preset_raw_weights(preset);
    ASSERT_EQ(raw.size(), 168u) << name;
    LoadShape shape = normalize(raw);
    EXPECT_NEAR(mean(shape.weights), 1.0, 1e-12) << name;
    for (double x : shape.weights) EXPECT_GE(x, 0.0) << name;
  }
}

TEST(load_profile_test, flat_has_peak_equal_to_average) {
  EXPECT_DOUBLE_EQ(normalize(preset_raw_weights(LoadPreset::flat)).peak_weight, 1.0);
}

TEST(load_profile_test, business_hours_peaks_on_a_weekday_morning_and_is_spiky) {
  LoadShape s = normalize(preset_raw_weights(LoadPreset::business_hours));
  EXPECT_EQ(s.peak_hour, 9);  // Monday 09:00
  EXPECT_GT(s.peak_weight, 2.0);
  EXPECT_LT(s.weights[5 * 24 + 12], s.weights[12]);  // Saturday noon is quieter than Monday noon
}

TEST(load_profile_test, overnight_silence_has_no_traffic_before_seven) {
  LoadShape s = normalize(preset_raw_weights(LoadPreset::overnight_silence));
  for (int d = 0; d < 7; ++d)
    for (int h = 0; h < 7; ++h) EXPECT_EQ(s.weights[d * 24 + h], 0.0);
}

TEST(load_profile_test, weekly_batch_concentrates_traffic_on_sunday_night) {
  LoadShape s = normalize(preset_raw_weights(LoadPreset::weekly_batch));
  EXPECT_EQ(s.peak_hour / 24, 6);
  EXPECT_GT(s.peak_weight, 15.0);
}

TEST(load_profile_test, custom_weights_are_scaled_to_mean_one_keeping_their_shape) {
  std::vector<double> raw(168, 2.0);
  raw[100] = 8.0;
  LoadShape s = normalize(raw);
  EXPECT_NEAR(mean(s.weights), 1.0, 1e-12);
  EXPECT_NEAR(s.weights[100] / s.weights[0], 4.0, 1e-12);
  EXPECT_EQ(s.peak_hour, 100);
}

TEST(load_profile_test, weights_whose_sum_is_subnormal_still_normalize_to_mean_one) {
  std::vector<double> raw(168, 0.0);
  raw[5] = 1e-310;  // validation accepts it: a non-negative weight above zero
  LoadShape shape = normalize(raw);
  EXPECT_DOUBLE_EQ(shape.weights[5], 168.0);
  EXPECT_DOUBLE_EQ(shape.peak_weight, 168.0);
  EXPECT_EQ(shape.peak_hour, 5);
  EXPECT_NEAR(mean(shape.weights), 1.0, 1e-12);
  raw[6] = 5e-324;
  EXPECT_NEAR(mean(normalize(raw).weights), 1.0, 1e-12);
}

}  // namespace
}  // namespace tcoscope
