// sensitivity.hpp — how sure the verdict is: plausible ranges on the uncertain inputs, a tornado of the
// monthly saving, a seeded Monte Carlo, and the value of each key input at which the verdict flips ("what
// would have to be true"). Everything runs on the lean horizon walk (model/horizon.hpp: horizon_totals),
// never the full recompute.
//
// The quantity throughout is self-hosting's saving: (API total − self-hosting total) / months over the
// horizon, one-off costs included, the verdict's own margin with its sign kept (> 0: self-hosting cheaper).
// Under a hybrid verdict the Monte Carlo also prices the verdict's floor in every sample
// (MonteCarlo::hybrid), and the confidence is about it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/catalog.hpp"
#include "model/inputs.hpp"
#include "model/problems.hpp"
#include "model/verdict.hpp"

namespace tcoscope {

// One input with a range, in the input's unit. `from`: "default" (assets/catalog/ranges.json) or "scenario".
struct UncertainInput {
  std::string path;
  std::string label;
  std::string unit;
  double value = 0;
  double low = 0;
  double high = 0;
  RangeDist dist = RangeDist::triangular;
  std::string group;
  std::string from;
  std::string reason;
  std::string source;
  std::string as_of;
};

struct Spread {
  double p10 = 0;
  double p50 = 0;
  double p90 = 0;
  double mean = 0;
};

// Under a hybrid verdict: how often the verdict's own plan (its floor of k replicas, the overflow on the API)
// is the cheapest option as the verdict counts it (cheaper than the best pure option allowed, by more than a
// tie).
struct HybridShare {
  double floor_replicas = 0;
  int cheapest = 0;
  double probability = 0;
  double standard_error = 0;  // sqrt(p (1 − p) / samples)
};

struct MonteCarlo {
  int samples = 0;  // 0: not run (no ranges, ranges off, or samples 0)
  int seed = 0;
  int self_host_cheaper = 0;
  int infeasible = 0;  // samples whose throughput-model settings do not fit: counted as "the API is cheaper"
  double probability_self_host_cheaper = 0;
  double standard_error = 0;  // of that probability: sqrt(p (1 − p) / samples)
  Spread saving;              // USD per month
  Spread api_usd_per_month;
  Spread self_host_usd_per_month;
  // The saving's histogram: 40 equal bins from its 1st to its 99th percentile; the first and last bins also
  // hold the samples beyond.
  std::vector<double> histogram_edges;  // 41 edges
  std::vector<int> histogram_counts;    // 40 counts
  // Only when the verdict is the hybrid and samples are drawn; everything else here compares the pure
  // options.
  std::optional<HybridShare> hybrid;
};

struct TornadoBar {
  std::string path;
  std::string label;
  std::string unit;
  double value = 0;
  double low = 0;
  double high = 0;
  std::optional<double> saving_at_low;  // empty: the throughput model does not fit there
  std::optional<double> saving_at_high;
  double swing = 0;  // |saving at high − saving at low|
  bool crosses_verdict = false;
};

struct FlipPoint {
  std::string path;
  std::string label;
  std::string unit;
  double value = 0;
  std::optional<double> flip;  // empty: no value in the input's accepted range flips the verdict
  std::string direction;       // at_least | at_most
  std::string winner;          // self_host | api: who wins past the flip
  bool has_range = false;
  bool inside_range = false;  // the flip lies within the input's plausible range
  std::string clause;         // "tokens per month were at least 31B (now 2B)"
};

struct Sensitivity {
  double saving_usd_per_month = 0;  // the point result
  double api_usd_per_month = 0;
  double self_host_usd_per_month = 0;
  std::string choice;  // the verdict's: api | self_host | self_host_required
  std::vector<UncertainInput> ranges;
  MonteCarlo monte_carlo;
  std::vector<TornadoBar> tornado;  // largest swing first
  std::vector<FlipPoint> flips;     // the flipping ones, most plausible first, then those that cannot flip
  Reason confidence;                // robust_verdict | uncertain_verdict | uncertainty_off
  Reason what_would_change;         // flip_points | no_flip_point: the sentence of the top flips
  Problems warnings;
};

// The verdict's probability threshold: the recommended option cheaper in at least this share of samples.
inline constexpr double kRobustShare = 0.8;

Sensitivity analyze(const Inputs& in, const Catalog& catalog);

// The same analysis in slices, so that a page can sample between frames: the constructor does everything but
// the sampling (ranges, point, tornado, flips); step() draws up to `max_samples` more and says whether all
// are drawn; finish() draws what is left and returns exactly what analyze() returns for the same inputs.
class SensitivityJob {
 public:
  SensitivityJob(const Inputs& in, const Catalog& catalog);
  ~SensitivityJob();
  SensitivityJob(const SensitivityJob&) = delete;
  SensitivityJob& operator=(const SensitivityJob&) = delete;
  int samples_total() const;
  int samples_done() const;
  bool step(int max_samples);
  Sensitivity finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace tcoscope
