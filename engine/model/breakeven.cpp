// breakeven.cpp — a dense log grid finds the last volume where self-hosting is dearer; bisection (geometric
// midpoints, sqrt is exact in IEEE) pins the crossing. Self-host cost only steps up with volume and the API
// bill is linear, so the crossing out of "dearer" is always continuous: both costs agree there.
#include "model/breakeven.hpp"

#include <algorithm>
#include <cmath>

#include "model/api_cost.hpp"
#include "model/hybrid.hpp"
#include "model/self_host_cost.hpp"
#include "model/units.hpp"

namespace tcoscope {
namespace {

constexpr double kDecadeSteps[100] = {
    1.0,
    1.023292992280754,
    1.0471285480508996,
    1.0715193052376064,
    1.096478196143185,
    1.1220184543019633,
    1.1481536214968828,
    1.1748975549395295,
    1.202264434617413,
    1.2302687708123816,
    1.2589254117941673,
    1.288249551693134,
    1.318256738556407,
    1.3489628825916535,
    1.3803842646028848,
    1.4125375446227544,
    1.4454397707459274,
    1.4791083881682074,
    1.5135612484362082,
    1.5488166189124812,
    1.5848931924611134,
    1.62181009735893,
    1.6595869074375607,
    1.6982436524617444,
    1.7378008287493754,
    1.7782794100389228,
    1.8197008586099834,
    1.8620871366628675,
    1.9054607179632472,
    1.9498445997580454,
    1.9952623149688795,
    2.041737944669529,
    2.0892961308540396,
    2.137962089502232,
    2.1877616239495525,
    2.2387211385683394,
    2.290867652767773,
    2.344228815319922,
    2.3988329190194904,
    2.45470891568503,
    2.51188643150958,
    2.570395782768864,
    2.6302679918953817,
    2.6915348039269156,
    2.7542287033381663,
    2.8183829312644537,
    2.884031503126606,
    2.9512092266663856,
    3.019951720402016,
    3.0902954325135905,
    3.1622776601683795,
    3.2359365692962827,
    3.3113112148259107,
    3.3884415613920256,
    3.467368504525316,
    3.5481338923357546,
    3.6307805477010135,
    3.7153522909717256,
    3.801893963205612,
    3.8904514499428062,
    3.9810717055349727,
    4.073802778041127,
    4.168693834703354,
    4.265795188015926,
    4.365158322401659,
    4.466835921509631,
    4.570881896148751,
    4.677351412871982,
    4.786300923226383,
    4.897788193684462,
    5.011872336272723,
    5.1286138399136485,
    5.248074602497726,
    5.370317963702528,
    5.495408738576246,
    5.623413251903491,
    5.7543993733715695,
    5.88843655355589,
    6.025595860743578,
    6.165950018614821,
    6.3095734448019325,
    6.4565422903465555,
    6.60693448007596,
    6.760829753919817,
    6.918309709189365,
    7.0794578438413795,
    7.244359600749901,
    7.413102413009175,
    7.5857757502918375,
    7.762471166286917,
    7.943282347242815,
    8.128305161640993,
    8.31763771102671,
    8.511380382023765,
    8.709635899560807,
    8.912509381337456,
    9.120108393559098,
    9.33254300796991,
    9.54992586021436,
    9.772372209558107,
};

double difference(const Inputs& in, double v) {
  return self_host_cost(in, v).usd_per_month - api_cost(in, v).usd_per_month;
}

}  // namespace

double decade_step(int k) {
  return kDecadeSteps[k];
}

std::vector<double> volume_grid(int per_decade) {
  std::vector<double> grid;
  int stride = 100 / per_decade;
  double decade = kMinCurveTokensPerMonth;
  for (; decade < kMaxCurveTokensPerMonth; decade *= 10)
    for (int k = 0; k < 100; k += stride) grid.push_back(decade * kDecadeSteps[k]);
  grid.push_back(kMaxCurveTokensPerMonth);
  return grid;
}

Breakeven find_breakeven(const Inputs& in) {
  Breakeven b;
  b.api_usd_per_mtok_marginal = api_blended_usd_per_mtok(in);
  // Self-hosting's marginal cost: the slope of its monthly cost over the top decade of the range, where fixed
  // costs no longer matter. It folds in everything that scales with volume: replicas sized for the peak hour
  // at the target load (or hour by hour), power, and a multiplier-priced engineering overhead.
  b.self_host_usd_per_mtok_marginal = (self_host_cost(in, kMaxCurveTokensPerMonth).usd_per_month -
                                       self_host_cost(in, kMaxCurveTokensPerMonth / 10).usd_per_month) /
                                      (kMaxCurveTokensPerMonth * 0.9) * kTokensPerMtok;

  static const std::vector<double> grid = volume_grid(100);
  int last_dearer = -1;
  for (int i = 0; i < static_cast<int>(grid.size()); ++i)
    if (difference(in, grid[i]) > 0) last_dearer = i;

  if (last_dearer == static_cast<int>(grid.size()) - 1) {
    b.kind = "never";
    return b;
  }
  if (last_dearer < 0) {
    b.kind = "always";
    return b;
  }
  auto bisect = [&in](double lo, double hi) {
    for (int iter = 0; iter < 200 && hi > lo * (1 + 1e-13); ++iter) {
      double mid = std::sqrt(lo * hi);
      if (mid <= lo || mid >= hi) break;
      (difference(in, mid) > 0 ? lo : hi) = mid;
    }
    return hi;
  };
  double hi = bisect(grid[last_dearer], grid[last_dearer + 1]);

  // A fixed fleet adds a replica at every multiple of one replica's monthly volume; just past a step
  // self-hosting can be dearer again for a stretch narrower than the grid. Past the crossing those
  // step-top differences only fall (the API gains p per token, a replica costs less than its tokens at
  // the API's price), so a binary search over step numbers finds the first step after which it stays cheaper.
  const SelfHostOption& h = in.scenario.self_host;
  double step = in.tokens_per_second_per_replica * kSecondsPerHour * h.target_peak_utilization *
                kHoursPerMonth / in.load.peak_weight;
  if (!in.autoscale() && step > 0 && std::isfinite(step)) {
    auto past_step = [step](double k) { return k * step * (1 + 1e-9); };
    auto dearer_after = [&](double k) { return difference(in, past_step(k)) > 0; };
    double k_lo = std::floor(hi / step) + 1;
    double k_max = std::ceil(kMaxCurveTokensPerMonth / step);
    if (k_lo <= k_max && dearer_after(k_lo)) {
      if (dearer_after(k_max)) {
        b.kind = "never";
        return b;
      }
      double k_hi = k_max;  // dearer_after(k_lo) && !dearer_after(k_hi)
      while (k_hi - k_lo > 1) {
        double mid = std::floor((k_lo + k_hi) / 2);
        (dearer_after(mid) ? k_lo : k_hi) = mid;
      }
      hi = bisect(past_step(k_lo), past_step(k_hi));
    }
  } else if (in.autoscale() && step > 0 && std::isfinite(step)) {
    // Autoscaling steps once per distinct hourly weight. Rounding can add at most one replica in every hour
    // (730 replica-hours a month); once the API's lead exceeds that, no step can bring self-hosting back
    // above it. Check every step up to there (bounded work), and take the last one that is still dearer.
    double per_replica_hour = in.tokens_per_second_per_replica * kSecondsPerHour * h.target_peak_utilization;
    const Engineering& eng = in.scenario.operations.engineering;
    double jump = kHoursPerMonth * self_host_cost(in, 0).raw_usd_per_replica_hour_at_full_load *
                  (in.engineering_by_fte ? 1.0 : eng.overhead_multiplier);
    double lead_per_token =
        (b.api_usd_per_mtok_marginal - b.self_host_usd_per_mtok_marginal) / kTokensPerMtok;
    if (lead_per_token > 0) {
      double until = std::min(kMaxCurveTokensPerMonth, hi + jump / lead_per_token);
      std::vector<double> steps;
      for (const auto& [weight, hours] : in.load.distinct_weights) {
        if (weight <= 0) continue;
        double volume_per_step = per_replica_hour * kHoursPerMonth / weight;
        for (double k = std::floor(hi / volume_per_step) + 1;
             k * volume_per_step <= until && steps.size() < 50000; ++k)
          steps.push_back(k * volume_per_step * (1 + 1e-9));
      }
      std::sort(steps.begin(), steps.end());
      int last = -1;
      for (int i = 0; i < static_cast<int>(steps.size()); ++i)
        if (difference(in, steps[i]) > 0) last = i;
      if (last >= 0)
        hi = bisect(steps[last], last + 1 < static_cast<int>(steps.size()) ? steps[last + 1] : until);
    }
  }
  b.kind = "crossing";
  b.tokens_per_month = hi;
  b.api_usd_per_month = api_cost(in, hi).usd_per_month;
  b.self_host_usd_per_month = self_host_cost(in, hi).usd_per_month;
  return b;
}

CostCurves cost_curves(const Inputs& in) {
  static const std::vector<double> grid = volume_grid(25);
  CostCurves c;
  c.tokens_per_month = grid;
  c.api_usd_per_month.reserve(grid.size());
  c.self_host_usd_per_month.reserve(grid.size());
  for (double v : grid) {
    c.api_usd_per_month.push_back(api_cost(in, v).usd_per_month);
    c.self_host_usd_per_month.push_back(self_host_cost(in, v).usd_per_month);
  }
  if (hybrid_allowed(in)) {
    c.hybrid_usd_per_month.reserve(grid.size());
    for (double v : grid) c.hybrid_usd_per_month.push_back(best_monthly_hybrid_usd(in, v));
    // Scanning down from the top: the last volume where the hybrid gains nothing on the API.
    for (int i = static_cast<int>(grid.size()) - 1; i >= 0; --i) {
      if (c.hybrid_usd_per_month[i] >= c.api_usd_per_month[i] - kTieUsdPerMonth) break;
      c.hybrid_breakeven_tokens_per_month = grid[i];
    }
  }
  return c;
}

}  // namespace tcoscope
