// load_profile.cpp — preset weeks built from simple tables (no transcendental functions, so that the
// native build and the wasm module produce bit-identical weights).
#include "model/load_profile.hpp"

#include <algorithm>
#include <limits>
#include <string>

namespace tcoscope {
namespace {

using Day = std::array<double, 24>;

HourlyWeights week(const Day& weekday, const Day& weekend) {
  HourlyWeights w{};
  for (int d = 0; d < 7; ++d)
    for (int h = 0; h < 24; ++h) w[d * 24 + h] = (d < 5 ? weekday : weekend)[h];
  return w;
}

// Office software: busy 09:00–17:00 on weekdays, a trickle at night and at weekends.
const HourlyWeights kBusinessHours =
    week({0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.3, 0.7, 1,   1,   1,
          1,    1,    1,    1,    1,    0.7,  0.3,  0.3, 0.3, 0.1, 0.1, 0.1},
         {0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.12, 0.12, 0.12, 0.12,
          0.12, 0.12, 0.12, 0.12, 0.12, 0.12, 0.12, 0.12, 0.12, 0.05, 0.05, 0.05});

// A consumer app: a late-morning and an evening peak every day, quieter at weekends.
const HourlyWeights kDaytimePeaks =
    week({0.25, 0.15, 0.1, 0.08, 0.08, 0.1, 0.2,  0.4,  0.6, 0.8,  0.95, 1,
          0.9,  0.85, 0.9, 0.95, 0.9,  0.8, 0.85, 0.95, 1,   0.85, 0.6,  0.4},
         {0.25, 0.15, 0.1,  0.08, 0.08, 0.1,  0.15, 0.3,  0.5,  0.7,  0.8,  0.85,
          0.8,  0.75, 0.75, 0.8,  0.8,  0.75, 0.8,  0.85, 0.85, 0.75, 0.55, 0.35});

// Nothing between midnight and 07:00, flat otherwise.
const HourlyWeights kOvernightSilence =
    week({0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
         {0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1});

// A light steady trickle plus one heavy job every Sunday 00:00–06:00.
const HourlyWeights kWeeklyBatch = [] {
  HourlyWeights w{};
  w.fill(0.3);
  for (int h = 6 * 24; h < 6 * 24 + 6; ++h) w[h] = 20;
  return w;
}();

const HourlyWeights kFlat = [] {
  HourlyWeights w{};
  w.fill(1);
  return w;
}();

}  // namespace

std::span<const double> preset_raw_weights(LoadPreset preset) {
  switch (preset) {
    case LoadPreset::flat:
      return kFlat;
    case LoadPreset::business_hours:
      return kBusinessHours;
    case LoadPreset::daytime_peaks:
      return kDaytimePeaks;
    case LoadPreset::overnight_silence:
      return kOvernightSilence;
    case LoadPreset::weekly_batch:
      return kWeeklyBatch;
  }
  return {};
}

LoadShape normalize(std::span<const double> raw) {
  LoadShape shape;
  double sum = 0;
  for (double x : raw) sum += x;
  if (raw.size() != kHoursPerWeek || !(sum > 0)) {
    shape.weights.fill(1.0);
    shape.distinct_weights = {{1.0, kHoursPerWeek}};
    return shape;
  }
  // A sum in the subnormal range (weights like 1e-310) would overflow 168 / sum: divide by the largest weight
  // first, which leaves only the shape.
  double largest = *std::max_element(raw.begin(), raw.end());
  bool tiny = sum < std::numeric_limits<double>::min();
  double pre = tiny ? largest : 1.0;
  if (tiny) {
    sum = 0;
    for (double x : raw) sum += x / pre;
  }
  double scale = kHoursPerWeek / sum;
  shape.peak_weight = 0;
  for (int h = 0; h < kHoursPerWeek; ++h) {
    shape.weights[h] = raw[h] / pre * scale;
    if (shape.weights[h] > shape.peak_weight) {
      shape.peak_weight = shape.weights[h];
      shape.peak_hour = h;
    }
  }
  HourlyWeights sorted = shape.weights;
  std::sort(sorted.begin(), sorted.end());
  for (double w : sorted) {
    if (shape.distinct_weights.empty() || shape.distinct_weights.back().first != w)
      shape.distinct_weights.push_back({w, 0});
    ++shape.distinct_weights.back().second;
  }
  return shape;
}

}  // namespace tcoscope
