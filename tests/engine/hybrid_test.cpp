// hybrid_test.cpp — the hybrid option (issue 11): a fixed self-hosted floor with the API for each hour's
// overflow, worked by hand on bare setups, and its properties over many scenarios.
#include "model/hybrid.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "contract/scenario_json.hpp"
#include "json_support.hpp"
#include "model/evaluate.hpp"
#include "ops.hpp"
#include "test_support.hpp"

namespace tcoscope {
namespace {

using test::all;
using test::bare_gpu;
using test::resolved;

// A bare GPU at $2/h serving 1,000 tokens/s (3.6M tokens an hour at 100 %), no fixed costs, against an API at
// $1 per 1M tokens (input and output alike): a replica-hour is worth $3.60 of API tokens when full.
Scenario bare(double tokens_per_month) {
  Scenario s = bare_gpu(2.0, 1000);
  s.api.model = "custom";
  s.api.usd_per_mtok_input = 1.0;
  s.api.usd_per_mtok_output = 1.0;
  s.api.usd_per_mtok_cached_input = 1.0;
  s.workload.tokens_per_month = tokens_per_month;
  s.workload.monthly_growth = 0;
  s.horizon_months = 12;
  return s;
}

// 167 quiet hours at weight 1 and one hour at 1 + `extra`: a short, tall peak.
std::vector<double> one_tall_hour(double extra) {
  std::vector<double> w(kHoursPerWeek, 1.0);
  w[100] += extra;
  return w;
}

TEST(hybrid_test, a_flat_load_gives_the_cheaper_pure_option) {
  for (double volume : {1e8, 1e9, 2e10}) {
    Evaluation e = evaluate(resolved(bare(volume)));
    const Horizon& hz = e.horizon;
    ASSERT_TRUE(hz.hybrid.considered);
    EXPECT_TRUE(hz.hybrid.pure_api || hz.hybrid.pure_self_host)
        << volume << " floor " << hz.hybrid.floor_replicas;
    EXPECT_DOUBLE_EQ(hz.hybrid.total_usd, std::min(hz.total_api_usd, hz.total_self_host_usd)) << volume;
    EXPECT_NE(e.verdict.choice, "hybrid");
  }
}

TEST(hybrid_test, a_short_tall_peak_gives_a_floor_below_the_peak_fleet_that_beats_both) {
  // Base load: 2e9 tokens / 730 h = 2.74M tokens/h (0.76 of a replica); the tall hour carries 40× that.
  Scenario s = bare(2e9);
  s.workload.load_profile.hourly_weights = one_tall_hour(39);
  Inputs in = resolved(s);
  Evaluation e = evaluate(in);
  const HybridPlan& p = e.horizon.hybrid;
  ASSERT_TRUE(p.considered);
  ASSERT_FALSE(p.pure_api || p.pure_self_host);
  const double top = peak_floor(in, 2e9);
  EXPECT_GE(p.floor_replicas, 1);
  EXPECT_LT(p.floor_replicas, top);
  EXPECT_LT(p.total_usd, e.horizon.total_api_usd);
  EXPECT_LT(p.total_usd, e.horizon.total_self_host_usd);
  EXPECT_EQ(e.verdict.choice, "hybrid");
  ASSERT_FALSE(e.verdict.reasons.empty());
  bool said = false;
  for (const Reason& r : e.verdict.reasons) said = said || r.code == "hybrid_cheapest";
  EXPECT_TRUE(said);

  // By hand, the month with the floor of k: each hour the floor serves min(demand, k × 3.6M × 100 %).
  const double k = p.floor_replicas, average = 2e9 / kHoursPerMonth, per_replica = 3.6e6;
  double served_week = 0;
  for (double w : in.load.weights) served_week += std::min(average * w, k * per_replica);
  const double served = served_week * kWeeksPerMonth;
  const double floor_usd = k * 2.0 * kHoursPerMonth;  // one GPU per replica at $2/h, always on
  const double api_usd = (2e9 - served) / 1e6 * 1.0;
  EXPECT_NEAR(e.hybrid.self_served_tokens, served, served * 1e-12);
  EXPECT_NEAR(e.hybrid.usd_per_month, floor_usd + api_usd, 1e-6);
  EXPECT_NEAR(p.total_usd, 12 * (floor_usd + api_usd), 1e-6);
  // The floor is the best one: one replica more or less costs at least as much.
  EXPECT_GE(hybrid_horizon_total(in, k + 1), p.total_usd);
  EXPECT_GE(hybrid_horizon_total(in, k - 1 > 0 ? k - 1 : 1), p.total_usd);
}

TEST(hybrid_test, overflow_and_self_served_tokens_add_up_to_demand_every_hour) {
  Scenario s = bare(5e9);
  s.workload.load_profile.preset = LoadPreset::daytime_peaks;
  Inputs in = resolved(s);
  for (double k : {0.0, 1.0, 2.0, 5.0}) {
    HybridHours hours = hybrid_by_hour(in, 5e9, k);
    for (int h = 0; h < kHoursPerWeek; ++h) {
      double demand = 5e9 / kHoursPerMonth * in.load.weights[h];
      EXPECT_DOUBLE_EQ(hours.self_served[h] + hours.overflow[h], demand) << k << " " << h;
      EXPECT_LE(hours.self_served[h], k * 3.6e6 * (1 + 1e-12));
      EXPECT_GE(hours.overflow[h], 0);
    }
    HybridCost c = hybrid_cost(in, 5e9, k);
    EXPECT_NEAR(c.self_served_tokens + c.overflow_tokens, 5e9, 1e-3);
  }
}

TEST(hybrid_test, the_hybrid_is_never_dearer_than_the_cheaper_pure_option) {
  int mixes = 0, checked = 0;
  for (const char* deployment : {"cloud", "on_prem"})
    for (const char* preset :
         {"flat", "business_hours", "daytime_peaks", "weekly_batch", "overnight_silence"})
      for (double volume : {3e8, 2e9, 1.5e10, 1e11})
        for (double growth : {-0.02, 0.0, 0.05})
          for (bool autoscale : {false, true}) {
            std::string text = std::string(R"({"horizon_months": 24, "workload": {"tokens_per_month": )") +
                               std::to_string(volume) + R"(, "monthly_growth": )" + std::to_string(growth) +
                               R"(, "load_profile": {"preset": ")" + preset +
                               R"("}}, "self_host": {"deployment": ")" + deployment +
                               R"(", "cloud": {"autoscale": )" + (autoscale ? "true" : "false") + "}}}";
            ops::Outcome o = ops::evaluate(text);
            ASSERT_TRUE(o.ok) << text << all(o.errors);
            const auto& hz = o.result["horizon"];
            ASSERT_FALSE(hz["total_hybrid_usd"].is_null()) << text;
            double hybrid = hz["total_hybrid_usd"].number(), api = hz["total_api_usd"].number(),
                   self = hz["total_self_host_usd"].number();
            EXPECT_LE(hybrid, std::min(api, self) + 1e-6) << text;
            ++checked;
            if (o.result["hybrid"]["kind"] == "mix") {
              ++mixes;
              EXPECT_LT(hybrid, std::min(api, self)) << text;
            }
            // The series adds up to the total.
            double sum = o.result["horizon"]["one_time_usd"].get<double>() *
                         (o.result["hybrid"]["kind"] == "api_only" ? 0 : 1);
            for (const Json& m : hz["hybrid_usd"]) sum += m.number();
            EXPECT_NEAR(sum, hybrid, std::max(1e-6, hybrid * 1e-12)) << text;
          }
  EXPECT_EQ(checked, 2 * 5 * 4 * 3 * 2);
  EXPECT_GT(mixes, 0) << "some of these scenarios should be best served by a floor and overflow";
}

TEST(hybrid_test, compliance_keeps_all_traffic_self_hosted_unless_overflow_is_allowed) {
  Scenario s = bare(2e9);
  s.workload.load_profile.hourly_weights = one_tall_hour(39);
  s.constraints.compliance = Compliance::hipaa;
  Evaluation closed = evaluate(resolved(s));
  EXPECT_FALSE(closed.horizon.hybrid.considered);
  EXPECT_EQ(closed.verdict.choice, "self_host_required");
  s.constraints.allow_api_overflow = true;
  Evaluation open = evaluate(resolved(s));
  ASSERT_TRUE(open.horizon.hybrid.considered);
  EXPECT_FALSE(open.horizon.hybrid.pure_api);  // never the API for everything
  EXPECT_EQ(open.verdict.choice, "hybrid");
  EXPECT_LT(open.horizon.hybrid.total_usd, open.horizon.total_self_host_usd);
}

TEST(hybrid_test, the_result_explains_the_floor_and_its_bill) {
  Scenario s = bare(2e9);
  s.workload.load_profile.hourly_weights = one_tall_hour(39);
  ops::Outcome o = ops::evaluate(to_json(s).dump());
  ASSERT_TRUE(o.ok) << all(o.errors);
  const auto& h = o.result["hybrid"];
  EXPECT_EQ(h["kind"], "mix");
  EXPECT_EQ(h["by_hour"]["overflow_tokens_per_hour"].size(), static_cast<std::size_t>(kHoursPerWeek));
  EXPECT_NEAR(h["floor_usd_per_month"].get<double>() + h["overflow_api_usd_per_month"].get<double>(),
              h["usd_per_month"].get<double>(), 1e-9);
  EXPECT_EQ(o.result["curves"]["hybrid_usd_per_month"].size(), o.result["curves"]["tokens_per_month"].size());
  std::string figures;
  for (const auto& line : o.result["explain"]) figures += line["figure"].get<std::string>() + " ";
  for (const char* f : {"hybrid.floor_replicas", "hybrid.self_served_tokens_per_month",
                        "hybrid.usd_per_month", "horizon.total_hybrid_usd", "verdict.margin_usd_per_month"})
    EXPECT_NE(figures.find(f), std::string::npos) << f;
}

}  // namespace
}  // namespace tcoscope
