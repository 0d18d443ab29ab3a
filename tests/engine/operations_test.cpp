// operations_test.cpp — the text-in, JSON-out surface the CLI and the wasm module share; the presets.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "cli/text_report.hpp"
#include "contract/scenario_json.hpp"
#include "json_support.hpp"
#include "ops.hpp"
#include "test_support.hpp"

namespace tcoscope::ops {
namespace {

using json = tcoscope::Json;

TEST(operations_test, every_preset_evaluates_to_its_intended_verdict) {
  const std::map<std::string, std::string> intended = {
      {"startup-low-volume", "api"},
      {"steady-high-volume-small-model", "self_host"},
      {"hipaa-regulated", "self_host_required"},
      {"utilization-trap", "api"},
      {"llama-70b-vs-gpt-4o", "hybrid"},
      {"on-prem-two-h100", "api"},
      {"spiky-weekly-batch-autoscaled", "api"},
  };
  json all = presets();
  ASSERT_GE(all.size(), 6u);
  for (const json& p : all) {
    std::string id = p["id"].string();
    ASSERT_TRUE(intended.count(id)) << "preset without an intended verdict: " << id;
    Outcome o = evaluate(p["scenario"].dump());
    ASSERT_TRUE(o.ok) << id << ": " << (o.errors.empty() ? "" : to_string(o.errors[0]));
    Problems other = test::other_than_sizing(o.warnings);
    EXPECT_TRUE(other.empty()) << id << ": " << to_string(other[0]);
    EXPECT_EQ(o.result["verdict"]["choice"], intended.at(id)) << id;
    EXPECT_FALSE(p["name"].get<std::string>().empty());
    EXPECT_FALSE(p["description"].get<std::string>().empty());
  }
}

TEST(operations_test, the_utilization_trap_preset_runs_at_10_to_20_percent) {
  for (const json& p : presets())
    if (p["id"] == "utilization-trap") {
      double u = evaluate(p["scenario"].dump()).result["self_host"]["utilization"].number();
      EXPECT_GE(u, 0.10);
      EXPECT_LE(u, 0.20);
    }
}

TEST(operations_test, the_default_scenario_is_the_engine_default_and_evaluates) {
  ParsedScenario p = parse_scenario(defaults());
  EXPECT_TRUE(p.ok());
  EXPECT_EQ(p.scenario, Scenario{});
  Outcome o = evaluate("{}");
  ASSERT_TRUE(o.ok);
  EXPECT_EQ(find_non_finite(o.result), "");
}

TEST(operations_test, envelope_carries_result_or_errors_and_always_warnings) {
  json good = envelope(evaluate(R"({"surprise": 1})"));
  EXPECT_EQ(good["ok"], true);
  EXPECT_TRUE(good.contains("result"));
  bool surprise = false;  // beside the note on what sized the default fleet
  for (const json& w : good["warnings"]) surprise = surprise || w["path"] == "/surprise";
  EXPECT_TRUE(surprise) << good["warnings"].dump();
  json bad = envelope(evaluate(R"({"workload": {"input_share": -1}})"));
  EXPECT_EQ(bad["ok"], false);
  EXPECT_FALSE(bad.contains("result"));
  EXPECT_EQ(bad["errors"][0]["path"], "/workload/input_share");
}

TEST(operations_test, validate_fills_defaults_and_minimize_keeps_only_what_differs) {
  Outcome v = validate(R"({"workload": {"tokens_per_month": 5e9}})");
  ASSERT_TRUE(v.ok);
  EXPECT_EQ(v.result["horizon_months"], 36);
  Outcome m = minimize(R"({"workload": {"tokens_per_month": 5e9, "input_share": 0.75}})");
  ASSERT_TRUE(m.ok);
  EXPECT_EQ(m.result, json::parse(R"({"schema_version": 1, "workload": {"tokens_per_month": 5e9}})"));
}

TEST(operations_test, text_report_shows_the_verdict_and_each_formula) {
  Outcome o = evaluate("{}");
  std::string report = cli::text_report(o.result);
  EXPECT_NE(report.find("Verdict: Use the API"), std::string::npos);
  EXPECT_NE(report.find("GPU rental: 1 GPU × 730 h × $3.90/h (Crusoe) = $2,847.00"), std::string::npos);
  EXPECT_NE(report.find("Engineering: 0.5 FTE × $145,000/year / 12 = $6,041.67"), std::string::npos);
}

// Each section once, in the order its first figure comes: the hybrid's horizon total (explained after the
// hybrid's own lines) is printed under Horizon, not under a second Horizon header.
TEST(operations_test, text_report_prints_each_section_once) {
  for (const json& p : presets()) {
    if (p["id"] != "llama-70b-vs-gpt-4o") continue;
    Outcome o = evaluate(p["scenario"].dump());
    ASSERT_TRUE(o.ok);
    ASSERT_EQ(o.result["verdict"]["choice"], "hybrid");
    std::string report = cli::text_report(o.result);
    for (const char* title : {"\nWorkload\n", "\nHorizon\n", "\nHybrid\n", "\nVerdict\n"}) {
      std::size_t first = report.find(title);
      ASSERT_NE(first, std::string::npos) << title;
      EXPECT_EQ(report.find(title, first + 1), std::string::npos) << "twice: " << title;
    }
    std::size_t horizon = report.find("\nHorizon\n"), hybrid = report.find("\nHybrid\n");
    std::size_t total = report.find("Hybrid over the horizon:");
    EXPECT_TRUE(horizon < total && total < hybrid) << report;
  }
}

TEST(operations_test, catalog_json_carries_every_section) {
  const json& c = catalog();
  for (const char* key : {"gpus", "models", "api_models", "measurements"})
    EXPECT_TRUE(c[key].is_array()) << key;
}

TEST(operations_test, find_non_finite_points_at_the_bad_number) {
  json j = {{"a", {1.0, 2.0, std::nan("")}}};
  EXPECT_EQ(find_non_finite(j), "/a/2");
  EXPECT_EQ(find_non_finite(json{{"a", 1.0}}), "");
}

}  // namespace
}  // namespace tcoscope::ops

namespace tcoscope::ops {
namespace {

TEST(operations_test, a_model_that_does_not_fit_is_an_error_with_a_stable_code) {
  json bad =
      envelope(evaluate(R"({"self_host": {"model": "llama-3.3-70b", "throughput": {"source": "modeled"}}})"));
  ASSERT_EQ(bad["ok"], false);
  EXPECT_EQ(bad["errors"][0]["path"], "/self_host/gpus_per_replica");
  EXPECT_EQ(bad["errors"][0]["code"], "does_not_fit");
  json other = envelope(evaluate(R"({"workload": {"input_share": 2}})"));
  EXPECT_FALSE(other["errors"][0].contains("code"));
}

}  // namespace
}  // namespace tcoscope::ops
