// sensitivity.cpp — ranges from the catalog's defaults and the scenario, a probe that moves inputs on a
// working copy of the resolved inputs and prices the horizon by the lean walk, and the three questions asked
// of it: the tornado, the Monte Carlo and the flip points.
#include "analysis/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

#include "contract/scenario_fields.hpp"
#include "model/horizon.hpp"
#include "model/hybrid.hpp"
#include "model/random.hpp"
#include "model/throughput.hpp"
#include "report/format.hpp"

namespace tcoscope {
namespace {

using fields::NumericInput;
using fields::Range;

constexpr const char* kThroughputPath = "/self_host/throughput/tokens_per_second_per_replica";
constexpr int kHistogramBins = 40;
constexpr int kGridPoints = 32;      // per spacing (linear and logarithmic) in the flip search
constexpr int kBisectionSteps = 48;  // a grid cell narrowed 2^48-fold

// Inputs the catalog can fill are read by the model from the resolved Inputs, not from the scenario.
double* resolved_member(Inputs& w, std::string_view path) {
  if (path == "/api/usd_per_mtok_input") return &w.api_usd_per_mtok_input;
  if (path == "/api/usd_per_mtok_cached_input") return &w.api_usd_per_mtok_cached_input;
  if (path == "/api/usd_per_mtok_output") return &w.api_usd_per_mtok_output;
  if (path == "/api/batch_discount") return &w.api_batch_discount;
  if (path == "/self_host/cloud/usd_per_gpu_hour") return &w.usd_per_gpu_hour;
  if (path == "/self_host/on_prem/usd_per_gpu") return &w.usd_per_gpu;
  if (path == "/self_host/on_prem/watts_per_gpu") return &w.watts_per_gpu;
  // A listed spot rate (given or the catalog's); without one the rate follows on-demand and the discount.
  if (path == "/self_host/cloud/spot_usd_per_gpu_hour")
    return w.spot_rate_listed ? &*w.spot_rate_listed : nullptr;
  return nullptr;
}

bool feeds_throughput_model(std::string_view path, const Scenario& s) {
  return (path.starts_with("/self_host/throughput/") && path != kThroughputPath) ||
         path == "/constraints/p99_latency_ms" || path == "/constraints/p99_ttft_ms" ||
         // The self-hosted prefix cache's hit rate follows the API's cached share unless given.
         (path == "/workload/cached_input_share" && !s.self_host.throughput.prefix_cache_hit_rate);
}

// "mfu_prefill" → "mfu prefill": the label of an input no default range names. A key that more than one
// section has ("price_change_per_year" under api and on_prem) keeps its section: "api price change per year".
std::string label_from_path(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  std::string key(path.substr(slash + 1));
  int sections = 0;
  for (const fields::NumericInput& i : fields::numeric_input_list())
    sections += i.path.size() > key.size() && i.path.ends_with("/" + key);
  if (sections > 1 && slash != std::string_view::npos && slash > 0) {
    std::string_view parent = path.substr(0, slash);
    key = std::string(parent.substr(parent.rfind('/') + 1)) + "_" + key;
  }
  std::replace(key.begin(), key.end(), '_', ' ');
  return key;
}

// A value as the sentences print it, by the input's unit.
std::string value_text(std::string_view unit, double x, bool with_unit = true) {
  if (!with_unit && unit.starts_with("USD")) return fmt::usd_input(x);
  if (unit == "tokens") return fmt::tokens(x);
  if (unit == "USD per GPU-hour") return fmt::usd(x) + "/h";
  if (unit == "USD per 1M tokens") return fmt::usd(x) + " per 1M tokens";
  if (unit == "USD per month") return fmt::usd_whole(x) + " a month";
  if (unit == "USD per year") return fmt::usd_whole(x) + " a year";
  if (unit.starts_with("USD")) return fmt::usd_input(x);
  if (unit.starts_with("fraction")) return fmt::percent(x);
  if (unit.empty()) return fmt::plain(x);
  return fmt::plain(x) + " " + std::string(unit);
}

// The load shape stretched around its mean (1) so that its peak is `peak`: weights 1 + k (w − 1), negatives
// cut to 0 and the week renormalized, k found by bisection when the cut makes the closed form inexact.
class ShapeStretch {
 public:
  explicit ShapeStretch(const LoadShape& base) : base_(base) {
    double sum_above = 0;
    for (const auto& [w, n] : base.distinct_weights)
      if (w > 1) sum_above += n * (w - 1);
    // As k grows only the hours above the mean keep weight: the most peaked shape this week can take.
    most_ = sum_above > 0 ? kHoursPerWeek * (base.peak_weight - 1) / sum_above : 1;
  }
  bool stretchable() const { return base_.peak_weight > 1; }
  double most_peak() const { return most_; }

  void apply(double peak, LoadShape& out) const {
    double k = (peak - 1) / (base_.peak_weight - 1);
    double mean = 1;  // 1 + k (w − 1) keeps the mean at 1 while no weight is cut
    if (1 + k * (base_.distinct_weights.front().first - 1) < 0) {  // the lightest hour is cut: bisect on k
      double lo = 0, hi = k;
      while (realized(hi) < peak && hi < 1e12) hi *= 2;
      for (int i = 0; i < 80 && lo < hi; ++i) {
        double mid = (lo + hi) / 2;
        if (mid == lo || mid == hi) break;
        (realized(mid) < peak ? lo : hi) = mid;
      }
      k = hi;
      mean = mean_at(k);
    }
    out.distinct_weights.resize(base_.distinct_weights.size());
    out.peak_weight = 0;
    for (std::size_t i = 0; i < base_.distinct_weights.size(); ++i) {
      const auto& [w, n] = base_.distinct_weights[i];
      const double x = std::max(0.0, 1 + k * (w - 1)) / mean;
      out.distinct_weights[i] = {x, n};
      out.peak_weight = std::max(out.peak_weight, x);
    }
  }

 private:
  double mean_at(double k) const {
    double sum = 0;
    for (const auto& [w, n] : base_.distinct_weights) sum += n * std::max(0.0, 1 + k * (w - 1));
    return sum / kHoursPerWeek;
  }
  double realized(double k) const { return (1 + k * (base_.peak_weight - 1)) / mean_at(k); }
  const LoadShape& base_;
  double most_ = 1;
};

// One input the probe can move, and how.
struct Knob {
  enum class Kind { scalar, throughput_factor, peak };
  std::string path;
  std::string label;
  std::string unit;
  Range range{0, 0};
  double value = 0;
  Kind kind = Kind::scalar;
  double* target = nullptr;  // scalar: where a value is written in the working inputs
  bool model_param = false;  // the roofline is re-run when it moves
  std::size_t order = 0;     // position in the field table: ranges and flips are listed in this order
};

struct Priced {
  bool feasible = true;  // false: the throughput model does not fit at these settings
  double api_usd = 0;    // horizon totals
  double self_host_usd = 0;
};

// A working copy of the resolved inputs on which knobs move; prices the horizon by the lean walk.
class Probe {
 public:
  explicit Probe(const Inputs& in)
      : w_(in), base_(in), fields_(fields::numeric_inputs(w_.scenario)), stretch_(base_.load) {
    modeled_ = in.throughput_from == "modeled" && in.model && in.gpu;
    // A measured figure taken without prefix caching carries the model's gain (inputs.cpp): moving an input
    // of the model moves the gain, on the measured figure without it.
    measured_gain_ = !modeled_ && in.model && in.gpu &&
                     (in.throughput_from == "scenario" || in.throughput_from == "catalog") &&
                     !in.scenario.self_host.throughput.measurement_includes_prefix_cache;
    measured_raw_ = in.tokens_per_second_per_replica / in.prefix_cache_gain;
    // The factors the engine profile filled in are inputs a range can move too.
    Throughput& t = w_.scenario.self_host.throughput;
    if (!t.mbu) t.mbu = in.throughput_params.mbu;
    if (!t.mfu) t.mfu = in.throughput_params.mfu;
    if (!t.mfu_prefill) t.mfu_prefill = in.throughput_params.mfu_prefill;
  }
  Probe(const Probe&) = delete;
  Probe& operator=(const Probe&) = delete;

  // The knob for `path`, added on first use; -1 when the input has no value to move here.
  int knob(std::string_view path, const std::string& label) {
    for (std::size_t i = 0; i < knobs_.size(); ++i)
      if (knobs_[i].path == path) return static_cast<int>(i);
    Knob k;
    k.path = std::string(path);
    k.label = label.empty() ? label_from_path(path) : label;
    for (std::size_t i = 0; i < fields_.size(); ++i) {
      const NumericInput& f = fields_[i];
      if (f.path != path) continue;
      k.order = i;
      k.range = f.range;
      k.unit = f.unit;
      if (f.path == fields::kPeakToAveragePath) {
        if (!stretch_.stretchable()) return -1;
        k.kind = Knob::Kind::peak;
        k.value = base_.load.peak_weight;
        k.range.max = stretch_.most_peak();
      } else if (f.path == kThroughputPath) {
        if (!(base_.tokens_per_second_per_replica > 0)) return -1;
        k.kind = Knob::Kind::throughput_factor;
        k.value = base_.tokens_per_second_per_replica / base_.prefix_cache_gain;  // the figure as given
      } else if (double* r = resolved_member(w_, f.path)) {
        k.target = r;
      } else if (f.value) {
        k.target = f.value;
      } else if (f.optional && f.optional->has_value()) {
        k.target = &**f.optional;
      } else {
        return -1;  // an optional input left empty (e.g. no flat rack cost): nothing to move
      }
      if (k.target) k.value = *k.target;
      k.model_param = (modeled_ || measured_gain_) && feeds_throughput_model(f.path, w_.scenario);
      knobs_.push_back(std::move(k));
      values_.push_back(knobs_.back().value);
      return static_cast<int>(knobs_.size() - 1);
    }
    return -1;
  }

  const Knob& operator[](int i) const { return knobs_[static_cast<std::size_t>(i)]; }
  const std::vector<double>& values() const { return values_; }  // every knob at the scenario's value

  // Every knob at xs[i]; then the horizon's totals.
  Priced price(const std::vector<double>& xs) {
    set(xs);
    Priced p;
    if (!feasible_) {
      p.feasible = false;
      return p;
    }
    HorizonTotals t = horizon_totals(w_);
    p.api_usd = t.api_usd;
    p.self_host_usd = t.self_host_usd;
    return p;
  }
  // The working inputs as the last price() or within_limits() left them.
  const Inputs& inputs() const { return w_; }
  // The horizon's total with a fixed hybrid floor of k replicas, at the knobs of the last price().
  double hybrid_total(double k) const { return hybrid_horizon_total(w_, k); }
  // Whether a scenario with every knob at xs[i] stays within the engine's scale limits.
  bool within_limits(const std::vector<double>& xs) {
    set(xs);
    return feasible_ && scale_problems(w_).empty();
  }

 private:
  void set(const std::vector<double>& xs) {
    bool model_moved = false;
    double factor = 1;
    for (std::size_t i = 0; i < knobs_.size(); ++i) {
      const Knob& k = knobs_[i];
      const double x = xs[i];
      switch (k.kind) {
        case Knob::Kind::scalar:
          *k.target = x;
          model_moved = model_moved || (k.model_param && x != k.value);
          break;
        case Knob::Kind::throughput_factor:
          factor = x / k.value;
          break;
        case Knob::Kind::peak:
          if (x == k.value) {
            w_.load.distinct_weights.assign(base_.load.distinct_weights.begin(),
                                            base_.load.distinct_weights.end());
            w_.load.peak_weight = base_.load.peak_weight;
          } else {
            stretch_.apply(x, w_.load);
          }
          break;
      }
    }
    double tps = base_.tokens_per_second_per_replica;
    feasible_ = true;
    if (model_moved) {
      const SelfHostOption& h = w_.scenario.self_host;
      ThroughputParams params = throughput_params(w_.scenario, w_.engine_profile, w_.gpu);
      ThroughputModel m = model_throughput(*w_.gpu, *w_.model, h.gpus_per_replica, params);
      if (modeled_) {
        feasible_ = m.fits;
        tps = m.total_tokens_per_second;
      } else {
        // As inputs.cpp: the measured figure, times the prefix cache's modeled gain where it applies.
        tps = measured_raw_;
        if (params.prefix_cache_hit_rate > 0 && m.fits) {
          params.prefix_cache_hit_rate = 0;
          ThroughputModel uncached = model_throughput(*w_.gpu, *w_.model, h.gpus_per_replica, params);
          if (uncached.fits && uncached.total_tokens_per_second > 0)
            tps *= m.total_tokens_per_second / uncached.total_tokens_per_second;
        }
      }
    }
    w_.tokens_per_second_per_replica = tps * factor;
  }

  Inputs w_;
  const Inputs& base_;
  std::vector<NumericInput> fields_;  // point into w_.scenario
  ShapeStretch stretch_;
  bool modeled_ = false;
  bool measured_gain_ = false;
  double measured_raw_ = 0;  // a measured figure before the prefix cache's gain
  bool feasible_ = true;
  std::vector<Knob> knobs_;
  std::vector<double> values_;
};

double saving_of(const Priced& p, int months) {
  return (p.api_usd - p.self_host_usd) / months;
}
// Self-hosting cheaper, as the verdict counts it.
bool self_host_wins(const Priced& p, int months) {
  return p.feasible && saving_of(p, months) > kTieUsdPerMonth;
}

// The range a default row gives around the scenario's value.
std::optional<std::pair<double, double>> default_bounds(const DefaultRange& row, const Knob& k,
                                                        const Inputs& in) {
  const double v = k.value;
  auto relative = [&] { return std::pair{v * row.low, v * row.high}; };
  if (row.scale == "relative") return relative();
  if (row.scale == "delta") return std::pair{v + row.low, v + row.high};
  if (row.scale == "absolute") return std::pair{row.low, row.high};
  if (row.scale == "providers") {
    if (!in.gpu || in.gpu->rental.size() < 2) return relative();
    double lo = in.gpu->rental.front().usd_per_gpu_hour, hi = lo;
    for (const RentalRate& r : in.gpu->rental) {
      lo = std::min(lo, r.usd_per_gpu_hour);
      hi = std::max(hi, r.usd_per_gpu_hour);
    }
    return std::pair{lo, hi};
  }
  if (row.scale == "purchase") {
    if (!in.gpu || !in.gpu->purchase || !(in.gpu->purchase->usd_high > in.gpu->purchase->usd_low))
      return relative();
    return std::pair{in.gpu->purchase->usd_low, in.gpu->purchase->usd_high};
  }
  return std::nullopt;
}

bool applies(const std::string& when, const Inputs& in) {
  if (when.empty()) return true;
  if (when == "cloud") return !in.on_prem();
  if (when == "on_prem") return in.on_prem();
  if (when == "fte") return in.engineering_by_fte;
  if (when == "multiplier") return !in.engineering_by_fte;
  if (when == "modeled") return in.throughput_from == "modeled";
  if (when == "measured") return in.throughput_from == "scenario" || in.throughput_from == "catalog";
  return false;
}

// low … high widened to hold the value and clipped to the accepted range.
std::pair<double, double> fit(std::pair<double, double> b, const Knob& k) {
  double lo = std::max(std::min(b.first, k.value), k.range.min);
  double hi = std::min(std::max(b.second, k.value), k.range.max);
  if (k.range.min_nonzero > 0 && lo > 0 && lo < k.range.min_nonzero) lo = k.range.min_nonzero;
  if (k.range.exclusive_min && lo <= k.range.min) lo = k.value;
  return {lo, hi};
}

double quantile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const double h = (static_cast<double>(sorted.size()) - 1) * p;
  const std::size_t i = static_cast<std::size_t>(h);
  if (i + 1 >= sorted.size()) return sorted.back();
  return sorted[i] + (h - static_cast<double>(i)) * (sorted[i + 1] - sorted[i]);
}

Spread spread_of(std::vector<double>& xs) {
  Spread s;
  if (xs.empty()) return s;
  double sum = 0;
  for (double x : xs) sum += x;
  s.mean = sum / static_cast<double>(xs.size());
  std::sort(xs.begin(), xs.end());
  s.p10 = quantile(xs, 0.1);
  s.p50 = quantile(xs, 0.5);
  s.p90 = quantile(xs, 0.9);
  return s;
}

std::string option_name(bool self_host) {
  return self_host ? "self-hosting" : "the API";
}

std::string capitalized(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

// "97.3%", but never "100.0%" or "0.0%" for a share that is not exactly all or none.
std::string share_text(int count, int total) {
  if (count == total) return "all " + fmt::plain(total);
  if (count == 0) return "none of " + fmt::plain(total);
  const double p = static_cast<double>(count) / total;
  if (p > 0.999) return "over 99.9% of " + fmt::plain(total);
  if (p < 0.001) return "under 0.1% of " + fmt::plain(total);
  return fmt::percent(p) + " of " + fmt::plain(total);
}

class Analysis {
 public:
  Analysis(const Inputs& in, const Catalog& catalog) : in_(in), catalog_(catalog), probe_(in) {}

  // Ranges, the point result, the tornado and the flip points; then the sampler is ready.
  void begin() {
    const Scenario& s = in_.scenario;
    months_ = s.horizon_months;
    collect_ranges();
    point_ = probe_.price(probe_.values());
    out_.saving_usd_per_month = saving_of(point_, months_);
    out_.api_usd_per_month = point_.api_usd / months_;
    out_.self_host_usd_per_month = point_.self_host_usd / months_;
    self_wins_ = self_host_wins(point_, months_);
    // The verdict's hybrid, as decide() finds it (model/verdict.cpp): a real mix over the tie margin.
    if (point_.feasible) {
      const HybridPlan hp = plan_hybrid(probe_.inputs(), point_.self_host_usd, point_.api_usd);
      if (plan_saving_per_month(probe_.inputs(), hp, point_.api_usd, point_.self_host_usd) > kTieUsdPerMonth)
        hybrid_floor_ = hp.floor_replicas;
    }
    out_.choice = s.constraints.compliance != Compliance::none ? "self_host_required"
                  : self_wins_                                 ? "self_host"
                                                               : "api";
    tornado();
    flips();
    start_sampling();
  }
  int samples_total() const { return out_.monte_carlo.samples; }
  int samples_done() const { return done_; }
  // Up to `count` more samples, in the one sequence of the seed: however the work is sliced, the samples
  // (and so the result) are the same.
  void sample(int count) {
    for (int n = 0; n < count && done_ < out_.monte_carlo.samples; ++n, ++done_) sample_one();
  }
  Sensitivity finish() {
    sample(out_.monte_carlo.samples - done_);
    summarize_samples();
    reasons();
    return std::move(out_);
  }

 private:
  void collect_ranges() {
    const Uncertainty& u = in_.scenario.uncertainty;
    for (const DefaultRange& row : catalog_.default_ranges) {
      if (!applies(row.when, in_)) continue;
      int k = probe_.knob(row.path, row.label);
      if (k < 0) continue;
      key_inputs_.push_back(k);
      if (!u.enabled || !u.default_ranges || u.ranges.contains(row.path)) continue;
      auto bounds = default_bounds(row, probe_[k], in_);
      if (!bounds) continue;
      add_range(k, fit(*bounds, probe_[k]), from_name<RangeDist>(row.dist).value_or(RangeDist::triangular),
                "default", &row);
    }
    if (u.enabled) {
      for (const auto& [path, r] : u.ranges) {
        if (r.off) continue;
        int k = probe_.knob(path, "");
        if (k < 0) {
          out_.warnings.push_back({"/uncertainty/ranges", "the range on " + path +
                                                              " is not used: the input has no value here (it "
                                                              "is empty, or the load is flat)"});
          continue;
        }
        const Knob& knob = probe_[k];
        if (knob.value < r.low || knob.value > r.high)
          out_.warnings.push_back(
              {"/uncertainty/ranges", "the range on " + path + " (" + fmt::plain(r.low) + " to " +
                                          fmt::plain(r.high) + ") does not hold its value " +
                                          fmt::plain(knob.value) + ": sampled from " +
                                          fmt::plain(std::min(r.low, knob.value)) + " to " +
                                          fmt::plain(std::max(r.high, knob.value)) + " instead"});
        if (std::find(key_inputs_.begin(), key_inputs_.end(), k) == key_inputs_.end())
          key_inputs_.push_back(k);
        add_range(k, fit({r.low, r.high}, knob), r.dist, "scenario", nullptr);
      }
    }
    auto by_order = [this](int a, int b) { return probe_[a].order < probe_[b].order; };
    std::sort(key_inputs_.begin(), key_inputs_.end(), by_order);
    std::vector<std::size_t> idx(out_.ranges.size());
    for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
    std::sort(idx.begin(), idx.end(),
              [&](std::size_t a, std::size_t b) { return by_order(range_knobs_[a], range_knobs_[b]); });
    std::vector<UncertainInput> ranges;
    std::vector<int> knobs;
    for (std::size_t i : idx) {
      ranges.push_back(std::move(out_.ranges[i]));
      knobs.push_back(range_knobs_[i]);
    }
    out_.ranges = std::move(ranges);
    range_knobs_ = std::move(knobs);
  }

  void add_range(int k, std::pair<double, double> b, RangeDist dist, const char* from,
                 const DefaultRange* row) {
    // A default range with nothing to sample (a share of 0 with a relative range) is left out; a point range
    // the user set is kept (it pins the input).
    if (row ? !(b.second > b.first) : b.second < b.first) return;
    const Knob& knob = probe_[k];
    UncertainInput u{knob.path, knob.label, knob.unit, knob.value, b.first, b.second,
                     dist,      "",         from,      "",         "",      ""};
    if (row) {
      u.group = row->group;
      u.reason = row->reason;
      u.source = row->source;
      u.as_of = row->as_of;
    }
    out_.ranges.push_back(std::move(u));
    range_knobs_.push_back(k);
  }

  std::optional<double> saving_with(int k, double x) {
    std::vector<double> xs = probe_.values();
    xs[static_cast<std::size_t>(k)] = x;
    Priced p = probe_.price(xs);
    if (!p.feasible) return std::nullopt;
    return saving_of(p, months_);
  }

  void tornado() {
    for (std::size_t i = 0; i < out_.ranges.size(); ++i) {
      const UncertainInput& r = out_.ranges[i];
      TornadoBar bar{r.path,
                     r.label,
                     r.unit,
                     r.value,
                     r.low,
                     r.high,
                     saving_with(range_knobs_[i], r.low),
                     saving_with(range_knobs_[i], r.high),
                     0,
                     false};
      auto wins = [](const std::optional<double>& s) { return s && *s > kTieUsdPerMonth; };
      if (bar.saving_at_low && bar.saving_at_high)
        bar.swing = std::fabs(*bar.saving_at_high - *bar.saving_at_low);
      bar.crosses_verdict = wins(bar.saving_at_low) != self_wins_ || wins(bar.saving_at_high) != self_wins_;
      out_.tornado.push_back(std::move(bar));
    }
    std::stable_sort(out_.tornado.begin(), out_.tornado.end(),
                     [](const TornadoBar& a, const TornadoBar& b) { return a.swing > b.swing; });
  }

  void start_sampling() {
    const Uncertainty& u = in_.scenario.uncertainty;
    MonteCarlo& mc = out_.monte_carlo;
    mc.seed = u.seed;
    if (out_.ranges.empty() || u.samples <= 0) return;
    mc.samples = u.samples;
    // Groups draw one quantile per sample, shared by their members; the rest draw their own.
    std::map<std::string, int> group_index;
    group_of_.assign(out_.ranges.size(), -1);
    for (std::size_t i = 0; i < out_.ranges.size(); ++i)
      if (!out_.ranges[i].group.empty())
        group_of_[i] =
            group_index.try_emplace(out_.ranges[i].group, static_cast<int>(group_index.size())).first->second;
    group_u_.assign(group_index.size(), 0);
    if (hybrid_floor_ > 0) mc.hybrid = HybridShare{hybrid_floor_, 0, 0, 0};
    rng_ = Xoshiro256(static_cast<std::uint64_t>(u.seed));
    xs_ = probe_.values();
    saving_.reserve(static_cast<std::size_t>(mc.samples));
    api_.reserve(saving_.capacity());
    self_.reserve(saving_.capacity());
  }

  void sample_one() {
    MonteCarlo& mc = out_.monte_carlo;
    for (double& g : group_u_) g = rng_.uniform();
    for (std::size_t i = 0; i < out_.ranges.size(); ++i) {
      const UncertainInput& r = out_.ranges[i];
      const double q = group_of_[i] >= 0 ? group_u_[static_cast<std::size_t>(group_of_[i])] : rng_.uniform();
      xs_[static_cast<std::size_t>(range_knobs_[i])] = range_quantile(r.dist, r.low, r.value, r.high, q);
    }
    Priced p = probe_.price(xs_);
    if (!p.feasible) {
      ++mc.infeasible;
      return;
    }
    mc.self_host_cheaper += self_host_wins(p, months_);
    if (mc.hybrid) {
      const double h = probe_.hybrid_total(mc.hybrid->floor_replicas);
      mc.hybrid->cheapest +=
          hybrid_saving_per_month(probe_.inputs(), h, p.api_usd, p.self_host_usd) > kTieUsdPerMonth;
    }
    saving_.push_back(saving_of(p, months_));
    api_.push_back(p.api_usd / months_);
    self_.push_back(p.self_host_usd / months_);
  }

  void summarize_samples() {
    MonteCarlo& mc = out_.monte_carlo;
    if (mc.samples == 0) return;
    const double pr = static_cast<double>(mc.self_host_cheaper) / mc.samples;
    mc.probability_self_host_cheaper = pr;
    mc.standard_error = std::sqrt(pr * (1 - pr) / mc.samples);
    if (mc.hybrid) {
      const double ph = static_cast<double>(mc.hybrid->cheapest) / mc.samples;
      mc.hybrid->probability = ph;
      mc.hybrid->standard_error = std::sqrt(ph * (1 - ph) / mc.samples);
    }
    mc.api_usd_per_month = spread_of(api_);
    mc.self_host_usd_per_month = spread_of(self_);
    mc.saving = spread_of(saving_);  // sorts saving_
    if (saving_.empty()) return;
    double lo = quantile(saving_, 0.01), hi = quantile(saving_, 0.99);
    if (!(hi > lo)) {
      lo -= 0.5;
      hi += 0.5;
    }
    for (int b = 0; b <= kHistogramBins; ++b)
      mc.histogram_edges.push_back(lo + (hi - lo) * b / kHistogramBins);
    mc.histogram_counts.assign(kHistogramBins, 0);
    for (double x : saving_) {
      int b = static_cast<int>((x - lo) / (hi - lo) * kHistogramBins);
      ++mc.histogram_counts[static_cast<std::size_t>(std::clamp(b, 0, kHistogramBins - 1))];
    }
  }

  // The grid the flip search scans: linear and logarithmic points over the accepted range, so that both
  // shares and volumes spanning decades are covered.
  std::vector<double> grid(const Knob& k) const {
    const double lo = k.range.min, hi = k.range.max;
    std::vector<double> g;
    for (int i = 0; i <= kGridPoints; ++i) g.push_back(lo + (hi - lo) * i / kGridPoints);
    double lo_pos = k.range.min_nonzero > 0 ? k.range.min_nonzero : lo > 0 ? lo : hi * 1e-9;
    if (hi > 0 && lo_pos > 0 && hi / lo_pos > 100) {
      // Geometric steps of (hi / lo)^(1/32) by five square roots (exact in IEEE, unlike pow), so native and
      // wasm scan the same points.
      static_assert(kGridPoints == 32);
      double step = hi / lo_pos;
      for (int i = 0; i < 5; ++i) step = std::sqrt(step);
      double x = lo_pos;
      for (int i = 0; i < kGridPoints && x < hi; ++i, x *= step) g.push_back(x);
    }
    g.push_back(k.value);
    std::sort(g.begin(), g.end());
    g.erase(std::unique(g.begin(), g.end()), g.end());
    std::erase_if(g, [&](double x) { return !k.range.accepts(x); });
    return g;
  }

  bool wins_at(int k, double x) {
    std::vector<double> xs = probe_.values();
    xs[static_cast<std::size_t>(k)] = x;
    return self_host_wins(probe_.price(xs), months_);
  }

  // Scans outward from the value in one direction; on a change, bisects the cell. Returns the first value
  // past which the verdict is the other one, if it lies within the scale limits.
  std::optional<double> flip_towards(int k, const std::vector<double>& g, bool up) {
    const Knob& knob = probe_[k];
    auto at = std::find(g.begin(), g.end(), knob.value);
    if (at == g.end()) return std::nullopt;
    double same = knob.value;
    std::optional<double> other;
    auto step = [&](double x) {
      if (wins_at(k, x) != self_wins_)
        other = x;
      else
        same = x;
    };
    if (up) {
      for (auto it = at + 1; it != g.end() && !other; ++it) step(*it);
    } else {
      for (auto it = at; it != g.begin() && !other;) step(*--it);
    }
    if (!other) return std::nullopt;
    double a = same, b = *other;
    for (int i = 0; i < kBisectionSteps; ++i) {
      double mid = (a > 0 && b > 0 && std::max(a, b) / std::min(a, b) > 4) ? std::sqrt(a * b) : (a + b) / 2;
      if (mid == a || mid == b) break;
      (wins_at(k, mid) != self_wins_ ? b : a) = mid;
    }
    std::vector<double> xs = probe_.values();
    xs[static_cast<std::size_t>(k)] = b;
    if (!probe_.within_limits(xs)) return std::nullopt;
    return b;
  }

  void flips() {
    const std::string winner = self_wins_ ? "api" : "self_host";
    std::vector<FlipPoint> flipping, fixed;
    for (int k : key_inputs_) {
      const Knob& knob = probe_[k];
      FlipPoint f{knob.path, knob.label, knob.unit, knob.value, std::nullopt, "", winner, false, false, ""};
      const UncertainInput* r = range_of(k);
      f.has_range = r != nullptr;
      std::vector<double> g = grid(knob);
      std::optional<double> up = flip_towards(k, g, true), down = flip_towards(k, g, false);
      auto distance = [&](double x) {
        if (r) return std::fabs(x - knob.value) / (r->high - r->low);
        double scale = std::fabs(knob.value) > 0 ? std::fabs(knob.value) : knob.range.max - knob.range.min;
        return std::fabs(x - knob.value) / scale;
      };
      auto inside = [&](double x) { return r && x >= r->low && x <= r->high; };
      std::optional<double> best = up;
      if (down && (!best || (inside(*down) && !inside(*best)) ||
                   (inside(*down) == inside(*best) && distance(*down) < distance(*best))))
        best = down;
      if (best) {
        f.flip = best;
        f.direction = *best > knob.value ? "at_least" : "at_most";
        f.inside_range = inside(*best);
        f.clause = knob.label + " " + (f.direction == "at_least" ? "at least " : "at most ") +
                   value_text(knob.unit, *best) + " (now " + value_text(knob.unit, knob.value, false) + ")";
        flip_distance_.push_back(distance(*best));
        flipping.push_back(std::move(f));
      } else {
        fixed.push_back(std::move(f));
      }
    }
    std::vector<std::size_t> idx(flipping.size());
    for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
    std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
      if (flipping[a].inside_range != flipping[b].inside_range) return flipping[a].inside_range;
      return flip_distance_[a] < flip_distance_[b];
    });
    for (std::size_t i : idx) out_.flips.push_back(std::move(flipping[i]));
    flipping_count_ = out_.flips.size();
    for (FlipPoint& f : fixed) out_.flips.push_back(std::move(f));
  }

  const UncertainInput* range_of(int k) const {
    for (std::size_t i = 0; i < range_knobs_.size(); ++i)
      if (range_knobs_[i] == k) return &out_.ranges[i];
    return nullptr;
  }

  void reasons() {
    const MonteCarlo& mc = out_.monte_carlo;
    const bool required = out_.choice == "self_host_required";
    if (mc.samples == 0) {
      const Uncertainty& u = in_.scenario.uncertainty;
      out_.confidence = {"uncertainty_off", "neutral",
                         std::string(!u.enabled            ? "Ranges are off"
                                     : out_.ranges.empty() ? "No input has a range"
                                                           : "Sampling is off (0 samples)") +
                             ", so this is one point estimate with no measure of how sure it is."};
    } else {
      const int self = mc.self_host_cheaper, n = mc.samples;
      const int for_choice = self_wins_ || required ? self : n - self;
      const double share = static_cast<double>(for_choice) / n;
      const std::size_t k = out_.ranges.size();
      const std::string tail = " plausible scenarios (sampling " + std::to_string(k) + " uncertain input" +
                               (k == 1 ? "" : "s") + " over their ranges).";
      if (mc.hybrid) {
        // The verdict is the hybrid: how often its own floor is the cheapest option.
        const HybridShare& hy = *mc.hybrid;
        // Its floor is in the verdict's sentence just above: the line stays as short as the pure options'
        // one.
        const bool sure = hy.probability >= kRobustShare;
        out_.confidence = {
            sure ? "robust_verdict" : "uncertain_verdict", sure ? "hybrid" : "neutral",
            (sure ? "The hybrid is cheapest in " : "Too close to call: the hybrid is cheapest in only ") +
                share_text(hy.cheapest, n) + tail};
      } else if (required) {
        bool sure = share >= kRobustShare || share <= 1 - kRobustShare;
        out_.confidence = {
            sure ? "robust_verdict" : "uncertain_verdict", "neutral",
            "Self-hosting is required; it is also the cheaper option in " + share_text(self, n) + tail};
      } else if (share >= kRobustShare) {
        out_.confidence = {
            "robust_verdict", self_wins_ ? "self_host" : "api",
            capitalized(option_name(self_wins_)) + " is cheaper in " + share_text(for_choice, n) + tail};
      } else {
        std::string deciders;
        int listed = 0;
        for (const TornadoBar& b : out_.tornado) {
          if (!b.crosses_verdict || listed == 2) continue;
          deciders += (listed++ ? " and " : "") + b.label;
        }
        out_.confidence = {"uncertain_verdict", "neutral",
                           "Too close to call: " + option_name(self_wins_) + " is cheaper in only " +
                               share_text(for_choice, n) + tail +
                               (deciders.empty() ? ""
                                                 : " " + capitalized(deciders) +
                                                       (listed > 1 ? " decide it." : " decides it."))};
      }
    }
    if (flipping_count_ == 0) {
      out_.what_would_change = {"no_flip_point", self_wins_ ? "self_host" : "api",
                                "No single input within its accepted range makes " +
                                    option_name(!self_wins_) +
                                    " cheaper: it would take several changing at once."};
      return;
    }
    std::string sentence = capitalized(option_name(!self_wins_)) + " would be cheaper if ";
    for (std::size_t i = 0; i < std::min<std::size_t>(flipping_count_, 3); ++i) {
      const FlipPoint& f = out_.flips[i];
      std::string clause = f.clause;
      if (i == 0) clause.insert(f.label.size(), " were");
      sentence += (i ? ", or " : "") + clause;
    }
    out_.what_would_change = {"flip_points", "neutral", sentence + "."};
  }

  const Inputs& in_;
  const Catalog& catalog_;
  Probe probe_;
  int months_ = 1;
  Priced point_;
  bool self_wins_ = false;
  double hybrid_floor_ = 0;       // > 0: the verdict is the hybrid, with this floor (replicas)
  std::vector<int> key_inputs_;   // knobs whose flip point is searched
  std::vector<int> range_knobs_;  // the knob of each out_.ranges[i]
  std::vector<double> flip_distance_;
  std::size_t flipping_count_ = 0;
  // The sampler's state between slices.
  Xoshiro256 rng_{1};
  std::vector<int> group_of_;
  std::vector<double> group_u_;
  std::vector<double> xs_;
  std::vector<double> saving_, api_, self_;
  int done_ = 0;
  Sensitivity out_;
};

}  // namespace

Sensitivity analyze(const Inputs& in, const Catalog& catalog) {
  Analysis a(in, catalog);
  a.begin();
  return a.finish();
}

struct SensitivityJob::State {
  State(const Inputs& in, const Catalog& catalog) : inputs(in), analysis(inputs, catalog) {}
  Inputs inputs;  // owned: the analysis reads it for the job's whole life
  Analysis analysis;
};

SensitivityJob::SensitivityJob(const Inputs& in, const Catalog& catalog)
    : state_(std::make_unique<State>(in, catalog)) {
  state_->analysis.begin();
}
SensitivityJob::~SensitivityJob() = default;
int SensitivityJob::samples_total() const {
  return state_->analysis.samples_total();
}
int SensitivityJob::samples_done() const {
  return state_->analysis.samples_done();
}
bool SensitivityJob::step(int max_samples) {
  state_->analysis.sample(max_samples);
  return samples_done() >= samples_total();
}
Sensitivity SensitivityJob::finish() {
  return state_->analysis.finish();
}

}  // namespace tcoscope
