// load_profile.hpp — the week of 168 hourly demand weights (Monday 00:00 first), normalized to mean 1.
#pragma once

#include <array>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "model/enums.hpp"
#include "model/units.hpp"

namespace tcoscope {

using HourlyWeights = std::array<double, kHoursPerWeek>;

struct LoadShape {
  HourlyWeights weights{};   // mean exactly 1 (up to rounding)
  double peak_weight = 1.0;  // max weight = peak hour / average hour
  int peak_hour = 0;         // hour of week with the highest demand
  // The distinct weights and how many hours carry each: autoscaling sums over these instead of 168 hours
  // (presets have fewer than a dozen distinct values). Integer replica-hours keep the sum exact.
  std::vector<std::pair<double, int>> distinct_weights;
};

// Raw (unnormalized) preset shape.
std::span<const double> preset_raw_weights(LoadPreset preset);

// Normalizes any non-negative weights with a positive sum to mean 1. Callers validate first.
LoadShape normalize(std::span<const double> raw);

}  // namespace tcoscope
