// compare_test.cpp — scenarios side by side: one row per figure with a value per scenario, the differences
// marked, the inputs that differ, and errors that name the scenario.
#include <gtest/gtest.h>

#include "json_support.hpp"
#include "ops.hpp"

namespace tcoscope {
namespace {

using json = tcoscope::Json;

const json& row(const json& c, const std::string& key) {
  for (const json& r : c["rows"])
    if (r["key"] == key) return r;
  static const json none;
  return none;
}

// Few samples: the comparison's confidence needs the Monte Carlo, not its precision.
const char* kSmall = R"({"name": "14B on an H100", "uncertainty": {"samples": 200}})";
const char* kLarge =
    R"({"name": "Twice the volume on an L40S", "workload": {"tokens_per_month": 4e9}, "self_host": {"gpu": "l40s"},
        "uncertainty": {"samples": 200}})";

TEST(compare_test, two_scenarios_give_one_value_per_scenario_for_every_figure) {
  ops::Outcome o = ops::compare({kSmall, kLarge});
  ASSERT_TRUE(o.ok) << (o.errors.empty() ? "" : o.errors[0].message);
  const json& c = o.result;
  ASSERT_EQ(c["scenarios"].size(), 2u);
  EXPECT_EQ(c["scenarios"][0]["name"], "14B on an H100");
  for (const char* key :
       {"verdict", "margin_usd_per_month", "api_usd_per_month", "self_host_usd_per_month", "api_usd_per_mtok",
        "self_host_usd_per_mtok", "self_host_usd_per_mtok_at_full_load",
        "self_host_usd_per_mtok_raw_at_utilization", "breakeven_kind", "breakeven_tokens_per_month",
        "payback_month", "probability_self_host_cheaper", "confidence", "prices_oldest_as_of"}) {
    ASSERT_FALSE(row(c, key).is_null()) << key;
    EXPECT_EQ(row(c, key)["values"].size(), 2u) << key;
  }
  // The figures are the scenarios' own evaluations.
  ops::Outcome a = ops::evaluate(kSmall), b = ops::evaluate(kLarge);
  EXPECT_EQ(row(c, "api_usd_per_month")["values"][0], a.result["api"]["usd_per_month"]);
  EXPECT_EQ(row(c, "api_usd_per_month")["values"][1], b.result["api"]["usd_per_month"]);
  EXPECT_EQ(row(c, "self_host_usd_per_month")["values"][1], b.result["self_host"]["usd_per_month"]);
  EXPECT_EQ(row(c, "breakeven_kind")["values"][0], a.result["breakeven"]["kind"]);
  // And the confidence is the Monte Carlo's probability of the verdict's choice.
  ops::Outcome s = ops::sensitivity(kSmall);
  double p = s.result["monte_carlo"]["probability_self_host_cheaper"].number();
  double confidence = row(c, "confidence")["values"][0].number();
  EXPECT_DOUBLE_EQ(confidence, a.result["verdict"]["choice"] == "api" ? 1 - p : p);
}

// Under a hybrid verdict the confidence is the share of samples where the verdict's floor is cheapest, not
// self-hosting's share (which is not the verdict's choice).
TEST(compare_test, a_hybrid_verdicts_confidence_is_the_hybrids_share) {
  std::string hybrid;
  for (const json& p : ops::presets())
    if (p["id"] == "llama-70b-vs-gpt-4o") {
      json scenario = p["scenario"];
      scenario["uncertainty"] = {{"samples", 300}};
      hybrid = scenario.dump();
    }
  ASSERT_FALSE(hybrid.empty());
  ASSERT_EQ(ops::evaluate(hybrid).result["verdict"]["choice"], "hybrid");
  ops::Outcome o = ops::compare({hybrid, kSmall});
  ASSERT_TRUE(o.ok);
  const json s = ops::sensitivity(hybrid).result;
  EXPECT_DOUBLE_EQ(row(o.result, "confidence")["values"][0].number(),
                   s["monte_carlo"]["hybrid"]["probability_cheapest"].number());
  EXPECT_NE(row(o.result, "confidence")["values"][0].number(),
            s["monte_carlo"]["probability_self_host_cheaper"].number());
}

TEST(compare_test, differences_are_marked_on_rows_and_listed_by_input) {
  ops::Outcome o = ops::compare({kSmall, kLarge});
  ASSERT_TRUE(o.ok);
  const json& c = o.result;
  EXPECT_TRUE(row(c, "api_usd_per_month")["differs"].boolean());
  EXPECT_EQ(row(c, "api_usd_per_month")["best"], 0);                 // half the volume, half the API bill
  EXPECT_FALSE(row(c, "margin_usd_per_month")["best"].is_number());  // not a cost: no "best"
  std::vector<std::string> paths;
  for (const json& d : c["input_differences"]) paths.push_back(d["path"].string());
  EXPECT_EQ(paths, (std::vector<std::string>{"/self_host/gpu", "/workload/tokens_per_month"}));
  EXPECT_EQ(c["input_differences"][0]["values"], json({"h100-sxm", "l40s"}));
}

TEST(compare_test, identical_scenarios_differ_nowhere) {
  ops::Outcome o = ops::compare({kSmall, kSmall, kSmall});
  ASSERT_TRUE(o.ok);
  for (const json& r : o.result["rows"]) {
    EXPECT_FALSE(r["differs"].boolean()) << r["key"];
    EXPECT_TRUE(r["best"].is_null()) << r["key"];
  }
  EXPECT_TRUE(o.result["input_differences"].empty());
  EXPECT_TRUE(o.result["reasons_differ"].empty());
}

TEST(compare_test, takes_two_to_four_scenarios_and_names_the_one_with_a_problem) {
  EXPECT_FALSE(ops::compare({kSmall}).ok);
  EXPECT_FALSE(ops::compare({kSmall, kSmall, kSmall, kSmall, kSmall}).ok);
  ops::Outcome bad = ops::compare({kSmall, R"({"workload": {"input_share": 2}})"});
  ASSERT_FALSE(bad.ok);
  EXPECT_EQ(bad.errors[0].path, "/scenarios/1/workload/input_share");
}

TEST(compare_test, reasons_that_only_some_scenarios_give_are_listed_and_prices_apply_to_all) {
  ops::Outcome o = ops::compare({kSmall, kLarge}, {.today = "2026-03-01"});
  ASSERT_TRUE(o.ok);
  // The L40S rental row is from 2025-08-12: stale on 2026-03-01, the H100's rate is not.
  bool stale_differs = false;
  for (const json& code : o.result["reasons_differ"]) stale_differs |= code == "stale_prices";
  EXPECT_TRUE(stale_differs);
  EXPECT_EQ(row(o.result, "prices_oldest_as_of")["values"][1], "2025-08-12");
}

}  // namespace
}  // namespace tcoscope
