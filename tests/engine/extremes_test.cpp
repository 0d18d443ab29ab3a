// extremes_test.cpp — no valid input gives a wrong or missing answer (issue 9): scenarios at the edges of
// every range either fail validation naming the field, or evaluate with finite figures that equal their own
// formulas.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "cli/text_report.hpp"
#include "contract/scenario_json.hpp"
#include "json_support.hpp"
#include "model/capacity.hpp"
#include "model/units.hpp"
#include "ops.hpp"
#include "report/format.hpp"
#include "test_support.hpp"

namespace tcoscope {
namespace {

using json = tcoscope::Json;

json weights_with_one_hour(double x, int hour = 5) {
  json w = json::array();
  for (int h = 0; h < kHoursPerWeek; ++h) w.push_back(h == hour ? x : 0.0);
  return w;
}

// The extremes: the smallest and largest volumes and throughputs, growth at the most the horizon allows, one
// busy hour a week, the tightest and loosest headroom, the largest fixed fleets.
std::vector<json> extreme_scenarios() {
  std::vector<json> out;
  for (double tokens : {0.0, 1.0, 1e6, 2e9, 1e12, 1e15})
    for (double tps : {0.001, 1.0, 1e7})
      for (double target : {0.01, 1.0})
        for (bool one_hour : {false, true}) {
          json s = {{"workload", {{"tokens_per_month", tokens}}},
                    {"self_host",
                     {{"throughput", {{"tokens_per_second_per_replica", tps}}},
                      {"target_peak_utilization", target}}}};
          if (one_hour) s["workload"]["load_profile"] = {{"hourly_weights", weights_with_one_hour(1e-310)}};
          out.push_back(s);
        }
  for (int months : {2, 36, 120})
    for (double tokens : {1.0, 2e9, 1e14}) {
      // The most growth the volume limit allows over this horizon, and a little more.
      double most = std::pow(kMaxTokensPerMonth / tokens, 1.0 / (months - 1)) - 1;
      for (double g : {std::min(most * 0.999, 1.0), std::min(most * 1.001, 1.0), 1.0, -0.5})
        out.push_back({{"horizon_months", months},
                       {"workload", {{"tokens_per_month", tokens}, {"monthly_growth", g}}},
                       {"self_host", {{"throughput", {{"tokens_per_second_per_replica", 1e7}}}}}});
    }
  for (bool on_prem : {false, true})
    for (bool autoscale : {false, true})
      out.push_back({{"self_host",
                      {{"min_replicas", 10000},
                       {"spare_replicas", 10000},
                       {"deployment", on_prem ? "on_prem" : "cloud"},
                       {"cloud", {{"autoscale", autoscale}}},
                       {"throughput", {{"tokens_per_second_per_replica", 1e7}}}}}});
  return out;
}

TEST(extremes_test, every_extreme_scenario_that_validates_evaluates_with_figures_equal_to_their_formulas) {
  int evaluated = 0, refused = 0;
  for (const json& s : extreme_scenarios()) {
    const std::string text = s.dump();
    ops::Outcome v = ops::validate(text);
    ops::Outcome e = ops::evaluate(text);
    ASSERT_EQ(v.ok, e.ok) << text << "\n" << (e.errors.empty() ? "" : to_string(e.errors[0]));
    if (!v.ok) {
      // A refusal names a field and says what is accepted.
      ASSERT_FALSE(v.errors.empty());
      EXPECT_FALSE(v.errors[0].path.empty()) << text;
      EXPECT_NE(v.errors[0].message.find("accepted"), std::string::npos) << v.errors[0].message;
      ++refused;
      continue;
    }
    ++evaluated;
    const json& r = e.result;
    ASSERT_TRUE(ops::find_non_finite(r).empty()) << text;
    for (const char* negative_zero : {"-0.0,", "-0.0]", "-0.0}"})
      EXPECT_EQ(r.dump().find(negative_zero), std::string::npos) << text;
    const json& sh = r["self_host"];
    const double u = sh["utilization"].number();
    EXPECT_GE(u, 0) << text;
    EXPECT_LE(u, 1) << text;
    // The replica count is its formula: max(min, ceil(peak demand / (capacity × target))) + spares.
    const json& sc = v.result["self_host"];
    const double per_replica_hour =
        sh["tokens_per_replica_hour"].get<double>() * sc["target_peak_utilization"].get<double>();
    if (!sc["cloud"]["autoscale"].get<bool>() || sc["deployment"] == "on_prem") {
      double needed =
          std::ceil(sh["peak_demand_tokens_per_hour"].get<double>() / per_replica_hour * (1 - 1e-12));
      double formula =
          std::max(needed, sc["min_replicas"].get<double>()) + sc["spare_replicas"].get<double>();
      EXPECT_EQ(sh["replicas_peak"].get<double>(), formula) << text;
      EXPECT_LE(sh["replicas_peak"].get<double>(), kMaxReplicas + 20000) << text;
    }
    // The explanation shows the same replica count as the result.
    bool explained = false;
    for (const json& x : r["explain"])
      if (x["figure"] == "self_host.replicas_peak") {
        explained = true;
        EXPECT_EQ(x["value"], fmt::plain(sh["replicas_peak"].get<double>())) << text;
      }
    EXPECT_TRUE(explained) << text;
    // No margin beyond what the totals can produce.
    const json& hz = r["horizon"];
    double bound = std::max(hz["total_api_usd"].get<double>(), hz["total_self_host_usd"].get<double>()) /
                   hz["months"].get<double>();
    EXPECT_LE(r["verdict"]["margin_usd_per_month"].get<double>(), bound * (1 + 1e-12)) << text;
    EXPECT_FALSE(cli::text_report(r).empty());
  }
  EXPECT_GT(evaluated, 60);
  EXPECT_GT(refused, 10);
}

TEST(extremes_test, weights_of_1e_minus_310_in_one_hour_validate_and_evaluate_on_every_operation) {
  json s = {{"workload", {{"load_profile", {{"hourly_weights", weights_with_one_hour(1e-310)}}}}}};
  for (auto op : {ops::validate, ops::minimize, ops::evaluate, ops::gpus}) {
    ops::Outcome o = op(s.dump());
    EXPECT_TRUE(o.ok) << (o.errors.empty() ? "" : to_string(o.errors[0]));
  }
  ops::Outcome e = ops::evaluate(s.dump());
  EXPECT_DOUBLE_EQ(e.result["load"]["peak_to_average"].get<double>(), 168.0);
}

TEST(extremes_test, growth_past_the_volume_limit_is_refused_on_the_growth_field_with_the_numbers) {
  ops::Outcome o = ops::evaluate(R"({"horizon_months": 120, "workload": {"monthly_growth": 0.5}})");
  ASSERT_FALSE(o.ok);
  EXPECT_TRUE(test::has_problem(o.errors, "/workload/monthly_growth",
                                {"50%", "month 120", "1.8e30", "at most 11.7%"}));
  EXPECT_EQ(o.errors.at(0).code,
            "exceeds_limits");  // a check across fields: the page and the schema test key on it
  EXPECT_FALSE(ops::validate(R"({"horizon_months": 120, "workload": {"monthly_growth": 0.5}})").ok);
}

TEST(extremes_test, a_fleet_past_a_million_replicas_is_refused_on_the_throughput_it_comes_from) {
  const char* text = R"({"workload": {"tokens_per_month": 1e15},
                         "self_host": {"throughput": {"tokens_per_second_per_replica": 0.001}}})";
  ops::Outcome o = ops::evaluate(text);
  ASSERT_FALSE(o.ok);
  EXPECT_TRUE(test::has_problem(o.errors, "/self_host/throughput/tokens_per_second_per_replica",
                                {"1,510,239,803,428 replicas", "accepted", "1,000,000 replicas"}));
}

TEST(extremes_test, a_fleet_that_outgrows_the_limit_only_later_names_the_growth) {
  ops::Outcome o =
      ops::evaluate(R"({"horizon_months": 36, "workload": {"tokens_per_month": 1e12, "monthly_growth": 0.1},
                                     "self_host": {"throughput": {"tokens_per_second_per_replica": 5}}})");
  ASSERT_FALSE(o.ok);
  EXPECT_TRUE(test::has_problem(o.errors, "/workload/monthly_growth", {"by month 36", "replicas"}));
}

TEST(extremes_test, no_result_or_echoed_scenario_carries_a_negative_zero) {
  for (const char* text :
       {R"({"workload": {"monthly_growth": -0.0, "tokens_per_month": -0}})",
        R"({"operations": {"engineering": {"fte": 0}}, "workload": {"tokens_per_month": 0}})"}) {
    for (auto op : {ops::validate, ops::minimize, ops::evaluate}) {
      ops::Outcome o = op(text);
      ASSERT_TRUE(o.ok) << text;
      const std::string out = o.result.dump();
      for (const char* negative_zero : {"-0.0,", "-0.0]", "-0.0}", ":-0,", ":-0}"})
        EXPECT_EQ(out.find(negative_zero), std::string::npos) << text << "\n" << negative_zero;
    }
  }
}

}  // namespace
}  // namespace tcoscope
