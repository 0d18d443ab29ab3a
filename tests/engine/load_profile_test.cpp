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
  for (std::string_view name : load_profile_presets()) {
    auto raw = preset_raw_weights(name);
    ASSERT_EQ(raw.size(), 168u) << name;
    LoadShape shape = normalize(raw);
    EXPECT_NEAR(mean(shape.weights), 1.0, 1e-12) << name;
    for (double x : shape.weights) EXPECT_GE(x, 0.0) << name;
  }
}

TEST(load_profile_test, flat_has_peak_equal_to_average) {
  EXPECT_DOUBLE_EQ(normalize(preset_raw_weights("flat")).peak_weight, 1.0);
}

TEST(load_profile_test, business_hours_peaks_on_a_weekday_morning_and_is_spiky) {
  LoadShape s = normalize(preset_raw_weights("business_hours"));
  EXPECT_EQ(s.peak_hour, 9);  // Monday 09:00
  EXPECT_GT(s.peak_weight, 2.0);
  EXPECT_LT(s.weights[5 * 24 + 12], s.weights[12]);  // Saturday noon is quieter than Monday noon
}

TEST(load_profile_test, overnight_silence_has_no_traffic_before_seven) {
  LoadShape s = normalize(preset_raw_weights("overnight_silence"));
  for (int d = 0; d < 7; ++d)
    for (int h = 0; h < 7; ++h) EXPECT_EQ(s.weights[d * 24 + h], 0.0);
}

TEST(load_profile_test, weekly_batch_concentrates_traffic_on_sunday_night) {
  LoadShape s = normalize(preset_raw_weights("weekly_batch"));
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

TEST(load_profile_test, unknown_preset_has_no_weights) { EXPECT_TRUE(preset_raw_weights("lunar").empty()); }

}  // namespace
}  // namespace tcoscope
