// sensitivity_test.cpp — "How sure?": ranges, the tornado, the Monte Carlo and the flip points, checked
// against the full evaluation and against analytic cases.
#include "analysis/sensitivity.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "contract/catalog_json.hpp"
#include "contract/scenario_fields.hpp"
#include "json_support.hpp"
#include "model/random.hpp"
#include "ops.hpp"

namespace tcoscope {
namespace {

using json = tcoscope::Json;

json run(const json& scenario, std::optional<int> samples = {}, std::optional<int> seed = {}) {
  ops::Outcome o = ops::sensitivity(scenario.dump(), samples, seed);
  EXPECT_TRUE(o.ok) << scenario.dump() << (o.errors.empty() ? "" : " " + to_string(o.errors[0]));
  return o.result;
}

json evaluated(const json& scenario) {
  ops::Outcome o = ops::evaluate(scenario.dump());
  EXPECT_TRUE(o.ok) << scenario.dump() << (o.errors.empty() ? "" : " " + to_string(o.errors[0]));
  return o.result;
}

// Self-hosting's saving as the full evaluation computes it: (API total − self-hosting total) / months.
double full_saving(const json& scenario) {
  json r = evaluated(scenario);
  const json& h = r["horizon"];
  return (h["total_api_usd"].get<double>() - h["total_self_host_usd"].get<double>()) /
         static_cast<double>(h["month"].size());
}

// `scenario` with the input at `path` set to x (an optional input is set the same way).
json with_input(json scenario, const std::string& path, double x) {
  made_at_pointer(scenario, path) = x;
  return scenario;
}

std::vector<json> presets() {
  std::vector<json> out;
  for (const json& p : ops::presets()) out.push_back(p["scenario"]);
  out.push_back(json::object());  // the default scenario
  return out;
}

// Paths a scenario can set directly, so that a figure can be checked by the full evaluation (the load shape's
// peak is not a scenario key; a modeled throughput ignores a given figure).
bool settable(const json& scenario, const std::string& path) {
  if (path == fields::kPeakToAveragePath) return false;
  if (path == "/self_host/throughput/tokens_per_second_per_replica")
    return value_at_pointer(scenario, "/self_host/throughput/source", "measured") != "modeled";
  return true;
}

TEST(Random, IsSeededAndPortable) {
  // The first outputs of xoshiro256** seeded by splitmix64(1), pinned: a change in the generator would change
  // every shared link's probability.
  Xoshiro256 a(1), b(1), c(2);
  std::uint64_t first = a.next();
  EXPECT_EQ(first, b.next());
  EXPECT_NE(first, c.next());
  for (int i = 0; i < 1000; ++i) {
    double u = a.uniform();
    EXPECT_GE(u, 0.0);
    EXPECT_LT(u, 1.0);
  }
}

TEST(Random, QuantilesOfTheRangeDistributions) {
  EXPECT_DOUBLE_EQ(range_quantile(RangeDist::uniform, 2, 3, 6, 0.25), 3.0);
  EXPECT_DOUBLE_EQ(range_quantile(RangeDist::triangular, 0, 1, 2, 0.5), 1.0);  // symmetric: median = mode
  EXPECT_DOUBLE_EQ(range_quantile(RangeDist::triangular, 0, 0, 1, 0.75), 1 - std::sqrt(0.25));
  EXPECT_DOUBLE_EQ(range_quantile(RangeDist::triangular, 5, 5, 5, 0.3), 5.0);
}

TEST(Sensitivity, DefaultRangesAreSourcedAndApplyWhereTheyMatter) {
  const Catalog& c = builtin_catalog();
  ASSERT_TRUE(c.load_errors.empty()) << c.load_errors.front();
  ASSERT_GE(c.default_ranges.size(), 15u);
  for (const DefaultRange& r : c.default_ranges) {
    EXPECT_FALSE(r.reason.empty()) << r.path;
    EXPECT_FALSE(r.source.empty()) << r.path;
    EXPECT_FALSE(r.as_of.empty()) << r.path;
  }
  json cloud = run(json::object());
  json on_prem = run({{"self_host", {{"deployment", "on_prem"}}}});
  auto has = [](const json& r, const std::string& path) {
    for (const json& x : r["ranges"])
      if (x["path"] == path) return true;
    return false;
  };
  for (const char* p : {"/workload/tokens_per_month", "/workload/monthly_growth", "/api/usd_per_mtok_input",
                        "/self_host/throughput/tokens_per_second_per_replica", "/operations/engineering/fte",
                        "/operations/model_refreshes_per_year", "/operations/one_time_usd"}) {
    EXPECT_TRUE(has(cloud, p)) << p;
    EXPECT_TRUE(has(on_prem, p)) << p;
  }
  EXPECT_TRUE(has(cloud, "/self_host/cloud/usd_per_gpu_hour"));
  EXPECT_FALSE(has(on_prem, "/self_host/cloud/usd_per_gpu_hour"));
  EXPECT_TRUE(has(on_prem, "/self_host/on_prem/usd_per_gpu"));
  EXPECT_FALSE(has(cloud, "/self_host/on_prem/usd_per_gpu"));
  // The GPU rate spans the catalog's providers for that GPU: H100 SXM from $1.49 to $12.29.
  for (const json& x : cloud["ranges"])
    if (x["path"] == "/self_host/cloud/usd_per_gpu_hour") {
      EXPECT_DOUBLE_EQ(x["low"].get<double>(), 1.49);
      EXPECT_DOUBLE_EQ(x["high"].get<double>(), 12.29);
    }
  // Every range holds its value and lies within the input's accepted range.
  for (const json& scenario : presets()) {
    const json r = run(scenario, 0);
    for (const json& x : r["ranges"]) {
      EXPECT_LE(x["low"].get<double>(), x["value"].get<double>()) << x["path"];
      EXPECT_GE(x["high"].get<double>(), x["value"].get<double>()) << x["path"];
      const fields::NumericInput* input = fields::find_numeric_input(x["path"].get<std::string>());
      ASSERT_NE(input, nullptr);
      if (x["path"] != fields::kPeakToAveragePath) {
        EXPECT_TRUE(input->range.accepts(x["low"].get<double>())) << x["path"];
        EXPECT_TRUE(input->range.accepts(x["high"].get<double>())) << x["path"];
      }
    }
  }
}

TEST(Sensitivity, ThePointResultIsTheVerdictsMargin) {
  for (const json& scenario : presets()) {
    json r = run(scenario, 0);
    EXPECT_NEAR(r["saving_usd_per_month"].get<double>(), full_saving(scenario),
                1e-9 * std::max(1.0, std::fabs(full_saving(scenario))))
        << scenario.dump();
    // How sure? weighs the two pure options; when the hybrid wins, it says which of them the hybrid beat.
    const json verdict = evaluated(scenario)["verdict"];
    if (verdict["choice"] == "hybrid")
      EXPECT_TRUE(r["choice"] == "api" || r["choice"] == "self_host") << scenario.dump();
    else
      EXPECT_EQ(r["choice"], verdict["choice"]) << scenario.dump();
  }
}

TEST(Sensitivity, RangesCollapsedToPointsGiveThePointResultEverywhere) {
  for (json scenario : presets()) {
    json ranges = json::object();
    const json before = run(scenario, 0);
    for (const json& x : before["ranges"]) {
      double v = x["value"].get<double>();
      if (x["path"] != fields::kPeakToAveragePath)
        ranges[x["path"].get<std::string>()] = {{"low", v}, {"high", v}};
    }
    scenario["uncertainty"] = {{"default_ranges", false}, {"ranges", ranges}, {"samples", 500}};
    json r = run(scenario);
    const double point = r["saving_usd_per_month"].get<double>();
    const json& mc = r["monte_carlo"];
    ASSERT_EQ(mc["samples"], 500);
    for (const char* q : {"p10", "p50", "p90", "mean"})
      EXPECT_NEAR(mc["saving_usd_per_month"][q].get<double>(), point, 1e-9 * std::max(1.0, std::fabs(point)))
          << q << " " << scenario.dump();
    const double p = mc["probability_self_host_cheaper"].get<double>();
    EXPECT_TRUE(p == 0.0 || p == 1.0);
    for (const json& b : r["tornado"]) EXPECT_EQ(b["swing"].get<double>(), 0.0) << b["path"];
  }
}

TEST(Sensitivity, ARangeThatCannotCrossGivesZeroOrOne) {
  // Observability alone, from $0 to $1,000 a month, cannot close a gap of thousands.
  json scenario = {
      {"uncertainty",
       {{"default_ranges", false},
        {"ranges", {{"/operations/observability_usd_per_month", {{"low", 0}, {"high", 1000}}}}}}}};
  json r = run(scenario);
  EXPECT_LT(r["saving_usd_per_month"].get<double>(), -2000);
  EXPECT_EQ(r["monte_carlo"]["probability_self_host_cheaper"], 0.0);
  EXPECT_EQ(r["confidence"]["code"], "robust_verdict");
  EXPECT_NE(r["confidence"]["message"].get<std::string>().find("all 10,000"), std::string::npos)
      << r["confidence"]["message"];
}

TEST(Sensitivity, TheTornadoSwingIsTheSavingAtLowAndHigh) {
  for (const json& scenario : presets()) {
    json r = run(scenario, 0);
    double previous = INFINITY;
    for (const json& b : r["tornado"]) {
      ASSERT_FALSE(b["saving_at_low"].is_null());
      const double lo = b["saving_at_low"].get<double>(), hi = b["saving_at_high"].get<double>();
      EXPECT_DOUBLE_EQ(b["swing"].get<double>(), std::fabs(hi - lo));
      EXPECT_LE(b["swing"].get<double>(), previous);  // sorted, largest first
      previous = b["swing"].get<double>();
      const std::string path = b["path"].get<std::string>();
      if (!settable(scenario, path)) continue;
      // The lean path equals the full evaluation at both ends.
      const double tol = 1e-9 * std::max(1.0, std::fabs(lo)) + 1e-9;
      EXPECT_NEAR(lo, full_saving(with_input(scenario, path, b["low"].get<double>())), tol) << path;
      EXPECT_NEAR(hi, full_saving(with_input(scenario, path, b["high"].get<double>())),
                  1e-9 * std::max(1.0, std::fabs(hi)) + 1e-9)
          << path;
      const bool self = r["choice"] == "self_host";
      const bool crosses = (lo > kTieUsdPerMonth) != self || (hi > kTieUsdPerMonth) != self;
      if (r["choice"] != "self_host_required") EXPECT_EQ(b["crosses_verdict"].get<bool>(), crosses) << path;
    }
  }
}

TEST(Sensitivity, FlipPointsFlipTheVerdictJustPastThem) {
  int checked = 0;
  for (const json& scenario : presets()) {
    json r = run(scenario, 0);
    const bool self_now = r["saving_usd_per_month"].get<double>() > kTieUsdPerMonth;
    for (const json& f : r["flips"]) {
      if (f["flip"].is_null()) continue;
      const std::string path = f["path"].get<std::string>();
      if (!settable(scenario, path)) continue;
      const double x = f["flip"].get<double>(), v = f["value"].get<double>();
      const double eps = std::max(std::fabs(x) * 1e-6, 1e-9);
      const double past = f["direction"] == "at_least" ? x + eps : x - eps;
      const double before = f["direction"] == "at_least" ? x - eps : x + eps;
      EXPECT_EQ(f["direction"] == "at_least", x > v) << path;
      EXPECT_NE(full_saving(with_input(scenario, path, past)) > kTieUsdPerMonth, self_now)
          << path << " " << x;
      EXPECT_EQ(full_saving(with_input(scenario, path, before)) > kTieUsdPerMonth, self_now)
          << path << " " << x;
      EXPECT_EQ(f["winner"], self_now ? "api" : "self_host");
      ++checked;
    }
    // The most plausible first: flips inside their range come before the others.
    bool outside_seen = false;
    for (const json& f : r["flips"]) {
      if (f["flip"].is_null()) continue;
      if (!f["inside_range"].get<bool>())
        outside_seen = true;
      else
        EXPECT_FALSE(outside_seen) << f["path"];
    }
  }
  EXPECT_GE(checked, 10);
}

TEST(Sensitivity, FlipSentenceNamesTheWinnerAndTheValues) {
  json r = run(json::object(), 0);
  EXPECT_EQ(r["choice"], "api");
  const std::string s = r["what_would_change"]["message"].string();
  EXPECT_EQ(r["what_would_change"]["code"], "flip_points");
  EXPECT_EQ(s.rfind("Self-hosting would be cheaper if ", 0), 0u) << s;
  EXPECT_NE(s.find(" were at least "), std::string::npos) << s;
  EXPECT_NE(s.find("(now $0.60)"), std::string::npos) << s;
}

TEST(Sensitivity, AUniformPriceGivesAUniformSaving) {
  // Everything fixed but the API's output price, uniform from $0.40 to $1.20: the saving is linear in it, so
  // it is uniform too, between the savings at the two ends.
  json scenario = {
      {"uncertainty",
       {{"default_ranges", false},
        {"samples", 20000},
        {"ranges", {{"/api/usd_per_mtok_output", {{"low", 0.4}, {"high", 1.2}, {"dist", "uniform"}}}}}}}};
  json r = run(scenario);
  const double a = full_saving(with_input(json::object(), "/api/usd_per_mtok_output", 0.4));
  const double b = full_saving(with_input(json::object(), "/api/usd_per_mtok_output", 1.2));
  const json& s = r["monte_carlo"]["saving_usd_per_month"];
  const double width = b - a;
  ASSERT_GT(width, 0);
  EXPECT_NEAR(s["mean"].get<double>(), (a + b) / 2, 0.01 * width);
  EXPECT_NEAR(s["p10"].get<double>(), a + 0.1 * width, 0.01 * width);
  EXPECT_NEAR(s["p50"].get<double>(), a + 0.5 * width, 0.01 * width);
  EXPECT_NEAR(s["p90"].get<double>(), a + 0.9 * width, 0.01 * width);
  // The histogram holds every sample, and its 40 bins are roughly level.
  int total = 0;
  for (const json& n : r["monte_carlo"]["histogram"]["counts"]) {
    total += n.get<int>();
    EXPECT_NEAR(n.get<double>(), 20000.0 / 40, 0.35 * 20000.0 / 40);
  }
  EXPECT_EQ(total, 20000);
}

TEST(Sensitivity, SameSeedSameResultOtherSeedsAgreeWithinTheirError) {
  // A range that crosses the verdict: tokens per month on both sides of the on-prem preset's breakeven.
  json scenario;
  for (const json& p : ops::presets())
    if (p["id"] == "on-prem-two-h100") scenario = p["scenario"];
  ASSERT_TRUE(scenario.is_object());
  json a = run(scenario, 4000, 7), b = run(scenario, 4000, 7), c = run(scenario, 4000, 8);
  EXPECT_EQ(a, b);
  EXPECT_NE(a["monte_carlo"]["saving_usd_per_month"], c["monte_carlo"]["saving_usd_per_month"]);
  const double pa = a["monte_carlo"]["probability_self_host_cheaper"].number(),
               pc = c["monte_carlo"]["probability_self_host_cheaper"].number();
  ASSERT_GT(pa, 0.05);
  ASSERT_LT(pa, 0.95);
  const double se = std::hypot(a["monte_carlo"]["standard_error"].get<double>(),
                               c["monte_carlo"]["standard_error"].get<double>());
  EXPECT_LT(std::fabs(pa - pc), 3 * se);
  EXPECT_EQ(a["confidence"]["code"], "uncertain_verdict");
}

TEST(Sensitivity, SlicedSamplingEqualsTheOneShotResult) {
  for (const json& scenario : presets()) {
    json s = scenario;
    s["uncertainty"] = {{"samples", 1234}, {"seed", 5}};
    json begun = ops::sensitivity_begin(s.dump());
    ASSERT_TRUE(begun["ok"].get<bool>());
    EXPECT_EQ(begun["result"]["samples"], 1234);
    json step;
    int steps = 0;
    do {
      step = ops::sensitivity_step(500);
      ++steps;
    } while (!step["done"].get<bool>());
    EXPECT_EQ(steps, 3);
    EXPECT_EQ(step["envelope"], ops::envelope(ops::sensitivity(s.dump())));
  }
  // A newer job replaces an older one; stepping with no job says so.
  ops::sensitivity_begin(R"({"uncertainty": {"samples": 100000}})");
  ops::sensitivity_begin(R"({"uncertainty": {"samples": 10}})");
  EXPECT_TRUE(ops::sensitivity_step(1000)["done"].get<bool>());
  json none = ops::sensitivity_step(10);
  EXPECT_TRUE(none["done"].get<bool>());
  EXPECT_FALSE(none["envelope"]["ok"].get<bool>());
  // An invalid scenario is refused at the start, with the field named.
  json bad = ops::sensitivity_begin(R"({"workload": {"input_share": 2}})");
  EXPECT_FALSE(bad["ok"].get<bool>());
  EXPECT_EQ(bad["errors"][0]["path"], "/workload/input_share");
}

TEST(Sensitivity, RangesOffGiveNoSamplingButStillFlipPoints) {
  json r = run({{"uncertainty", {{"enabled", false}}}});
  EXPECT_TRUE(r["ranges"].empty());
  EXPECT_TRUE(r["tornado"].empty());
  EXPECT_EQ(r["monte_carlo"]["samples"], 0);
  EXPECT_EQ(r["confidence"]["code"], "uncertainty_off");
  EXPECT_FALSE(r["flips"].empty());
}

TEST(Sensitivity, UserRangesReplaceDefaultsAndNullSwitchesOneOff) {
  json r = run({{"uncertainty",
                 {{"ranges",
                   {{"/workload/tokens_per_month", {{"low", 1e9}, {"high", 9e9}, {"dist", "uniform"}}},
                    {"/operations/engineering/fte", nullptr},
                    {"/self_host/throughput/mbu", {{"low", 0.5}, {"high", 0.8}}}}}}}},
               0);
  bool tokens = false, fte = false, mbu = false;
  for (const json& x : r["ranges"]) {
    if (x["path"] == "/workload/tokens_per_month") {
      tokens = true;
      EXPECT_EQ(x["from"], "scenario");
      EXPECT_EQ(x["dist"], "uniform");
      EXPECT_EQ(x["low"], 1e9);
    }
    fte = fte || x["path"] == "/operations/engineering/fte";
    mbu = mbu || x["path"] == "/self_host/throughput/mbu";
  }
  EXPECT_TRUE(tokens);
  EXPECT_FALSE(fte);
  EXPECT_TRUE(mbu);  // any numeric input can take one (here it does not move a measured throughput)
}

TEST(Sensitivity, ModeledThroughputSettingsMoveTheRoofline) {
  json scenario = {{"self_host", {{"throughput", {{"source", "modeled"}}}}},
                   {"workload", {{"tokens_per_month", 5e10}}},
                   {"uncertainty",
                    {{"default_ranges", false},
                     {"ranges", {{"/self_host/throughput/mbu", {{"low", 0.3}, {"high", 0.9}}}}}}}};
  json r = run(scenario, 200);
  ASSERT_EQ(r["tornado"].size(), 1u);
  EXPECT_GT(r["tornado"][0]["swing"].get<double>(), 0);
  // The swing equals the full evaluation with mbu at its low and high.
  EXPECT_NEAR(r["tornado"][0]["saving_at_low"].get<double>(),
              full_saving(with_input(scenario, "/self_host/throughput/mbu", 0.3)), 1e-6);
}

TEST(Sensitivity, BadRangesAreRefusedWithTheFieldNamed) {
  auto errors = [](const json& ranges) {
    ops::Outcome o = ops::validate(json{{"uncertainty", {{"ranges", ranges}}}}.dump());
    EXPECT_FALSE(o.ok);
    return o.errors;
  };
  Problems e = errors({{"/workload/name", {{"low", 1}, {"high", 2}}}});
  ASSERT_FALSE(e.empty());
  EXPECT_EQ(e[0].path, "/uncertainty/ranges/~1workload~1name");
  e = errors({{"/workload/input_share", {{"low", 0.9}, {"high", 0.2}}}});
  ASSERT_FALSE(e.empty());
  EXPECT_EQ(e[0].path, "/uncertainty/ranges/~1workload~1input_share/high");
  e = errors({{"/workload/input_share", {{"low", -1}, {"high", 0.2}}}});
  ASSERT_FALSE(e.empty());
  EXPECT_EQ(e[0].path, "/uncertainty/ranges/~1workload~1input_share/low");
  e = errors({{"/workload/input_share", {{"low", 0.1}}}});
  ASSERT_FALSE(e.empty());
  EXPECT_NE(e[0].message.find("both"), std::string::npos);
  e = errors({{"/workload/input_share", {{"low", 0.1}, {"high", 0.2}, {"dist", "normal"}}}});
  ASSERT_FALSE(e.empty());
  EXPECT_EQ(e[0].path, "/uncertainty/ranges/~1workload~1input_share/dist");
}

TEST(Sensitivity, RangesRoundTripThroughMinimize) {
  json scenario = {{"uncertainty",
                    {{"seed", 42},
                     {"ranges",
                      {{"/workload/tokens_per_month", {{"low", 1e9}, {"high", 3e9}, {"dist", "triangular"}}},
                       {"/operations/engineering/fte", nullptr}}}}}};
  ops::Outcome m = ops::minimize(scenario.dump());
  ASSERT_TRUE(m.ok);
  EXPECT_EQ(m.result["uncertainty"]["seed"], 42);
  EXPECT_TRUE(m.result["uncertainty"]["ranges"]["/operations/engineering/fte"].is_null());
  EXPECT_EQ(run(m.result, 300), run(scenario, 300));
  // A scenario without ranges minimizes without an uncertainty section (old links open as before).
  ops::Outcome plain = ops::minimize("{}");
  ASSERT_TRUE(plain.ok);
  EXPECT_FALSE(plain.result.contains("uncertainty"));
}

TEST(Sensitivity, EveryFigureIsFiniteOnExtremes) {
  for (json scenario :
       {json{{"workload", {{"tokens_per_month", 0}}}},
        json{{"workload", {{"tokens_per_month", 1e15}}},
             {"self_host", {{"throughput", {{"tokens_per_second_per_replica", 1e7}}}}}},
        json{{"horizon_months", 1}}, json{{"horizon_months", 120}, {"workload", {{"monthly_growth", 0.1}}}},
        json{{"workload", {{"load_profile", {{"preset", "flat"}}}}}},
        json{{"self_host", {{"cloud", {{"autoscale", true}}}}},
             {"workload", {{"load_profile", {{"preset", "weekly_batch"}}}}}}}) {
    ops::Outcome o = ops::sensitivity(scenario.dump(), 500);
    EXPECT_TRUE(o.ok) << scenario.dump() << (o.errors.empty() ? "" : to_string(o.errors[0]));
  }
}

// Under a hybrid verdict the Monte Carlo counts the samples where the verdict's own floor is the cheapest
// option; under any other verdict it has no such count.
TEST(Sensitivity, UnderAHybridVerdictItCountsTheVerdictsFloor) {
  int hybrids = 0;
  for (const json& scenario : presets()) {
    const json result = evaluated(scenario);
    const json r = run(scenario, 2000);
    const json& mc = r["monte_carlo"];
    if (result["verdict"]["choice"] != "hybrid") {
      EXPECT_FALSE(mc.contains("hybrid")) << scenario.dump();
      continue;
    }
    ++hybrids;
    ASSERT_TRUE(mc.contains("hybrid")) << scenario.dump();
    const json& hy = mc["hybrid"];
    EXPECT_EQ(hy["floor_replicas"], result["hybrid"]["floor_replicas"]);
    const int cheapest = hy["cheapest"].get<int>();
    EXPECT_GE(cheapest, 0);
    EXPECT_LE(cheapest, 2000);
    const double p = cheapest / 2000.0;
    EXPECT_DOUBLE_EQ(hy["probability_cheapest"].get<double>(), p);
    EXPECT_DOUBLE_EQ(hy["standard_error"].get<double>(), std::sqrt(p * (1 - p) / 2000));
    // The confidence is about the hybrid, and says its share.
    const std::string message = r["confidence"]["message"].get<std::string>();
    EXPECT_NE(
        message.find(p >= kRobustShare ? "The hybrid is cheapest in " : "the hybrid is cheapest in only "),
        std::string::npos)
        << message;
    EXPECT_NE(message.find(" of 2,000 plausible scenarios"), std::string::npos) << message;
    EXPECT_EQ(r["confidence"]["code"], p >= kRobustShare ? "robust_verdict" : "uncertain_verdict");
  }
  EXPECT_GE(hybrids, 1);  // the presets hold a hybrid verdict
}

const json& hybrid_preset() {
  static const json scenario = [] {
    for (const json& s : presets())
      if (evaluated(s)["verdict"]["choice"] == "hybrid") return s;
    return json::object();
  }();
  return scenario;
}

TEST(Sensitivity, TheHybridIsCheapestEverywhereWhenTheRangesArePoints) {
  json scenario = hybrid_preset();
  ASSERT_FALSE(scenario.empty());
  const double volume = evaluated(scenario)["horizon"]["tokens_per_month"][0].get<double>();
  scenario["uncertainty"] = {
      {"default_ranges", false},
      {"ranges", {{"/workload/tokens_per_month", {{"low", volume}, {"high", volume}}}}},
      {"samples", 300}};
  const json r = run(scenario);
  EXPECT_EQ(r["monte_carlo"]["hybrid"]["cheapest"], 300);
  EXPECT_EQ(r["confidence"]["code"], "robust_verdict");
  EXPECT_EQ(r["confidence"]["favors"], "hybrid");
}

// The share against an independent count: one uniform range on the volume, and on a grid of volumes the full
// evaluation's verdict (the hybrid at the same floor counts; a pure verdict means the floor is not cheapest
// there).
TEST(Sensitivity, TheHybridsShareMatchesTheFullEvaluationOverOneRange) {
  json scenario = hybrid_preset();
  ASSERT_FALSE(scenario.empty());
  const json point = evaluated(scenario);
  const double k = point["hybrid"]["floor_replicas"].get<double>();
  const double volume = point["horizon"]["tokens_per_month"][0].get<double>();
  const double low = volume * 0.5, high = volume * 1.3;
  constexpr int kGrid = 240;
  int counted = 0;
  for (int i = 0; i < kGrid; ++i) {
    const double x = low + (high - low) * (i + 0.5) / kGrid;
    const json r = evaluated(with_input(scenario, "/workload/tokens_per_month", x));
    const bool hybrid = r["verdict"]["choice"] == "hybrid";
    if (hybrid)
      ASSERT_EQ(r["hybrid"]["floor_replicas"].get<double>(), k)
          << "the grid leaves floor " << k << " at " << x;
    counted += hybrid;
  }
  ASSERT_GT(counted, kGrid / 10);  // the range is one where the answer changes
  ASSERT_LT(counted, kGrid * 9 / 10);
  scenario["uncertainty"] = {
      {"default_ranges", false},
      {"ranges", {{"/workload/tokens_per_month", {{"low", low}, {"high", high}, {"dist", "uniform"}}}}},
      {"samples", 4000}};
  const json r = run(scenario);
  const json& hy = r["monte_carlo"]["hybrid"];
  const double expected = static_cast<double>(counted) / kGrid;
  EXPECT_NEAR(hy["probability_cheapest"].get<double>(), expected,
              4 * hy["standard_error"].get<double>() + 2.0 / kGrid);
}

}  // namespace
}  // namespace tcoscope
