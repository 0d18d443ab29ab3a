// scenario_json_test.cpp — the scenario's JSON contract (SPEC §5, §8 "Robust"): defaults for missing keys,
// exact round trips, the minimal form a link carries, warnings for unknown keys, and a clear problem naming
// the field for every class of bad input.
#include "contract/scenario_json.hpp"

#include <gtest/gtest.h>

#include <initializer_list>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "json_support.hpp"
#include "model/units.hpp"
#include "ops.hpp"
#include "test_support.hpp"

namespace tcoscope {
namespace {

using json = tcoscope::Json;

using test::all;
using test::find;
using test::has_problem;

// Parses one scenario text and checks it yields exactly one error, at `path`, mentioning every fragment.
::testing::AssertionResult rejects(const std::string& text, std::string_view path,
                                   std::initializer_list<std::string_view> fragments) {
  ParsedScenario p = parse_scenario_text(text);
  if (p.errors.size() != 1)
    return ::testing::AssertionFailure()
           << "expected one error for " << text.substr(0, 200) << ", got" << all(p.errors);
  return has_problem(p.errors, path, fragments);
}

::testing::AssertionResult same(const Scenario& a, const Scenario& b) {
  if (a == b) return ::testing::AssertionSuccess();
  std::string ja = to_json(a).dump(), jb = to_json(b).dump();
  if (ja == jb)
    return ::testing::AssertionFailure()
           << "scenarios differ only in the load profile preset: \"" << a.workload.load_profile.preset
           << "\" vs \"" << b.workload.load_profile.preset << "\"";
  return ::testing::AssertionFailure() << "scenarios differ:\n  " << ja << "\n  " << jb;
}

// 168 weights that need all 17 significant digits to print exactly.
std::vector<double> awkward_weights() {
  std::vector<double> w;
  for (int h = 0; h < kHoursPerWeek; ++h) w.push_back(0.1 + (h % 24) / 7.0 + h / 3.0e3);
  w[5] = 0;
  return w;
}

// A scenario with every field away from its default and every optional set.
Scenario everything_set() {
  Scenario s;
  s.name = "Every field set — é, “quotes”, \"escapes\"";
  s.description = "A scenario that sets every key.\nSecond line.";
  s.horizon_months = 48;
  s.workload.tokens_per_month = 3.3e9 / 7;
  s.workload.input_share = 0.6;
  s.workload.cached_input_share = 1.0 / 3;
  s.workload.batch_share = 0.4;
  s.workload.monthly_growth = -0.0125;
  s.workload.load_profile.hourly_weights = awkward_weights();
  s.api.model = "custom";
  s.api.usd_per_mtok_input = 0.123456789;
  s.api.usd_per_mtok_cached_input = 0.0123;
  s.api.usd_per_mtok_output = 0.9;
  s.api.batch_discount = 0.45;
  s.api.other_usd_per_month = 120.5;
  s.self_host.model = "llama-3.3-70b";
  s.self_host.gpu = "h200";
  s.self_host.gpus_per_replica = 4;
  s.self_host.deployment = Deployment::on_prem;
  s.self_host.throughput.tokens_per_second_per_replica = 12345.678;
  s.self_host.target_peak_utilization = 0.85;
  s.self_host.min_replicas = 2;
  s.self_host.spare_replicas = 1;
  s.self_host.cloud = {
      .provider = "nebius", .usd_per_gpu_hour = 5.1, .autoscale = true, .other_usd_per_month = 300};
  s.self_host.on_prem = {.usd_per_gpu = 31000,
                         .host_usd_per_gpu = 6000,
                         .amortization_months = 48,
                         .residual_value_share = 0.15,
                         .cost_of_capital_per_year = 0.07,
                         .watts_per_gpu = 980,
                         .idle_power_share = 0.25,
                         .pue = 1.3,
                         .usd_per_kwh = 0.11,
                         .colo_usd_per_kw_month = 180,
                         .rack_usd_per_month = 2500};
  s.operations = {.engineering = {.mode = EngineeringMode::multiplier,
                                  .fte = 1.5,
                                  .usd_per_fte_year = 160000,
                                  .overhead_multiplier = 3.5},
                  .model_refreshes_per_year = 4,
                  .usd_per_model_refresh = 9000,
                  .observability_usd_per_month = 750,
                  .observability_setup_usd = 8000,
                  .one_time_usd = 50000};
  s.constraints = {.compliance = Compliance::hipaa, .p99_latency_ms = 80, .has_mlops_team = true};
  return s;
}

// Parses `s` written as JSON, both as a JSON value and as text, and checks both come back identical and
// clean.
void expect_round_trip(const Scenario& s, const std::string& label) {
  json j = to_json(s);
  ParsedScenario direct = parse_scenario(j);
  EXPECT_TRUE(direct.errors.empty()) << label << all(direct.errors);
  EXPECT_TRUE(direct.warnings.empty()) << label << all(direct.warnings);
  EXPECT_TRUE(same(direct.scenario, s)) << label;
  ParsedScenario text = parse_scenario_text(j.dump());
  EXPECT_TRUE(text.errors.empty()) << label << all(text.errors);
  EXPECT_TRUE(same(text.scenario, s)) << label << " (through text)";
}

// ---------------------------------------------------------------------------------------------------------------
// Defaults

TEST(scenario_json_test, an_empty_object_parses_to_the_default_scenario_with_no_problems) {
  ParsedScenario p = parse_scenario_text("{}");
  EXPECT_TRUE(p.errors.empty()) << all(p.errors);
  EXPECT_TRUE(p.warnings.empty()) << all(p.warnings);
  EXPECT_TRUE(same(p.scenario, Scenario{}));
}

TEST(scenario_json_test, empty_sections_parse_to_the_default_scenario) {
  ParsedScenario p = parse_scenario_text(
      R"({"schema_version": 1, "workload": {"load_profile": {}}, "api": {},
          "self_host": {"throughput": {}, "cloud": {}, "on_prem": {}},
          "operations": {"engineering": {}}, "constraints": {}})");
  EXPECT_TRUE(p.errors.empty()) << all(p.errors);
  EXPECT_TRUE(p.warnings.empty()) << all(p.warnings);
  EXPECT_TRUE(same(p.scenario, Scenario{}));
}

TEST(scenario_json_test, a_partial_section_keeps_the_other_defaults) {
  ParsedScenario p = parse_scenario_text(
      R"({"workload": {"tokens_per_month": 5e9},
          "self_host": {"on_prem": {"pue": 1.2}, "cloud": {"autoscale": true}},
          "operations": {"engineering": {"fte": 2}}})");
  ASSERT_TRUE(p.errors.empty()) << all(p.errors);
  Scenario expected;
  expected.workload.tokens_per_month = 5e9;
  expected.self_host.on_prem.pue = 1.2;
  expected.self_host.cloud.autoscale = true;
  expected.operations.engineering.fte = 2;
  EXPECT_TRUE(same(p.scenario, expected));
  EXPECT_EQ(p.scenario.workload.input_share, 0.75);
  EXPECT_EQ(p.scenario.workload.load_profile.preset, LoadPreset::business_hours);
  EXPECT_EQ(p.scenario.self_host.on_prem.usd_per_kwh, 0.13);
  EXPECT_EQ(p.scenario.operations.engineering.usd_per_fte_year, 145000.0);
  EXPECT_FALSE(p.scenario.self_host.on_prem.usd_per_gpu);  // catalog-filled: stays empty
}

TEST(scenario_json_test, null_for_a_catalog_fillable_number_means_take_it_from_the_catalog) {
  ParsedScenario p = parse_scenario_text(
      R"({"api": {"usd_per_mtok_input": null, "batch_discount": null},
          "self_host": {"throughput": {"tokens_per_second_per_replica": null}, "cloud": {"usd_per_gpu_hour": null},
                        "on_prem": {"usd_per_gpu": null, "watts_per_gpu": null, "rack_usd_per_month": null}}})");
  EXPECT_TRUE(p.errors.empty()) << all(p.errors);
  EXPECT_TRUE(same(p.scenario, Scenario{}));
}

TEST(scenario_json_test, the_default_scenario_json_carries_every_key_of_the_spec_contract) {
  json d = ops::defaults();
  for (const char* key : {"schema_version", "name", "horizon_months", "workload", "api", "self_host",
                          "operations", "constraints"})
    EXPECT_TRUE(d.contains(key)) << key;
  for (const char* key : {"tokens_per_month", "input_share", "cached_input_share", "batch_share",
                          "monthly_growth", "load_profile"})
    EXPECT_TRUE(d["workload"].contains(key)) << key;
  for (const char* key : {"model", "gpu", "gpus_per_replica", "deployment", "throughput",
                          "target_peak_utilization", "min_replicas", "spare_replicas", "cloud", "on_prem"})
    EXPECT_TRUE(d["self_host"].contains(key)) << key;
  for (const char* key : {"mode", "fte", "usd_per_fte_year", "overhead_multiplier"})
    EXPECT_TRUE(d["operations"]["engineering"].contains(key)) << key;
  for (const char* key : {"compliance", "p99_latency_ms", "has_mlops_team"})
    EXPECT_TRUE(d["constraints"].contains(key)) << key;
  EXPECT_EQ(d["schema_version"], kSchemaVersion);
}

// ---------------------------------------------------------------------------------------------------------------
// Round trips

TEST(scenario_json_test, the_default_scenario_round_trips_exactly) {
  expect_round_trip(Scenario{}, "default");
}

TEST(scenario_json_test, every_preset_parses_cleanly_and_round_trips_exactly) {
  json presets = ops::presets();
  ASSERT_GE(presets.size(), 5u);
  for (const json& p : presets) {
    std::string id = p["id"].get<std::string>();
    ParsedScenario parsed = parse_scenario(p["scenario"]);
    EXPECT_TRUE(parsed.errors.empty()) << id << all(parsed.errors);
    EXPECT_TRUE(parsed.warnings.empty()) << id << all(parsed.warnings);
    expect_round_trip(parsed.scenario, id);
  }
}

TEST(scenario_json_test, a_scenario_with_every_optional_set_and_a_custom_profile_round_trips_exactly) {
  Scenario s = everything_set();
  expect_round_trip(s, "everything set");
  json j = to_json(s);
  EXPECT_EQ(j["workload"]["load_profile"]["hourly_weights"].size(), 168u);
  EXPECT_EQ(j["api"]["usd_per_mtok_cached_input"], 0.0123);
  EXPECT_EQ(j["self_host"]["on_prem"]["rack_usd_per_month"], 2500.0);
}

TEST(scenario_json_test, a_cloud_scenario_with_every_optional_set_round_trips_exactly) {
  Scenario s = everything_set();
  s.self_host.deployment = Deployment::cloud;
  s.api.model = "gpt-4.1-mini";
  s.workload.load_profile = LoadProfile{};
  s.workload.load_profile.preset = LoadPreset::weekly_batch;
  expect_round_trip(s, "cloud");
}

TEST(scenario_json_test, a_custom_profile_given_alongside_a_preset_round_trips_exactly) {
  json j = {{"workload", {{"load_profile", {{"preset", "flat"}, {"hourly_weights", awkward_weights()}}}}}};
  ParsedScenario first = parse_scenario(j);
  ASSERT_TRUE(first.errors.empty()) << all(first.errors);
  ParsedScenario again = parse_scenario(to_json(first.scenario));
  EXPECT_TRUE(same(again.scenario, first.scenario));
  ParsedScenario minimal = parse_scenario(to_minimal_json(first.scenario));
  EXPECT_TRUE(same(minimal.scenario, first.scenario));
}

// ---------------------------------------------------------------------------------------------------------------
// The minimal form (what a share link carries)

TEST(scenario_json_test, the_minimal_form_of_the_default_scenario_is_just_the_schema_version) {
  EXPECT_EQ(to_minimal_json(Scenario{}), json({{"schema_version", 1}}));
  EXPECT_EQ(to_minimal_json(Scenario{}).dump(), R"({"schema_version":1})");
}

TEST(scenario_json_test, the_minimal_form_carries_only_what_differs_from_the_defaults) {
  Scenario s;
  s.workload.tokens_per_month = 5e9;
  s.self_host.on_prem.pue = 1.2;
  s.api.usd_per_mtok_input = 0.2;
  json expected = {{"schema_version", 1},
                   {"workload", {{"tokens_per_month", 5e9}}},
                   {"api", {{"usd_per_mtok_input", 0.2}}},
                   {"self_host", {{"on_prem", {{"pue", 1.2}}}}}};
  EXPECT_EQ(to_minimal_json(s), expected) << to_minimal_json(s).dump();
}

TEST(scenario_json_test, the_minimal_form_round_trips_for_the_default_every_preset_and_a_full_scenario) {
  std::vector<std::pair<std::string, Scenario>> cases = {{"default", Scenario{}},
                                                         {"everything set", everything_set()}};
  for (const json& p : ops::presets())
    cases.emplace_back(p["id"].string(), parse_scenario(p["scenario"]).scenario);
  for (const auto& [label, s] : cases) {
    json minimal = to_minimal_json(s);
    ParsedScenario back = parse_scenario_text(minimal.dump());
    EXPECT_TRUE(back.errors.empty()) << label << all(back.errors);
    EXPECT_TRUE(back.warnings.empty()) << label << all(back.warnings);
    EXPECT_TRUE(same(back.scenario, s)) << label << ": " << minimal.dump();
    EXPECT_LE(minimal.dump().size(), to_json(s).dump().size()) << label;
  }
}

TEST(scenario_json_test, minimize_drops_keys_that_restate_the_defaults) {
  ops::Outcome o =
      ops::minimize(R"({"horizon_months": 36, "workload": {"input_share": 0.75, "batch_share": 0.5},
                                     "constraints": {"compliance": "none"}})");
  ASSERT_TRUE(o.ok) << all(o.errors);
  EXPECT_EQ(o.result, json({{"schema_version", 1}, {"workload", {{"batch_share", 0.5}}}})) << o.result.dump();
}

// ---------------------------------------------------------------------------------------------------------------
// Unknown keys: warnings naming the key's JSON pointer, never errors

TEST(scenario_json_test, an_unknown_top_level_key_is_a_warning_naming_its_pointer) {
  ParsedScenario p = parse_scenario_text(R"({"tokens_per_month": 5e9})");
  EXPECT_TRUE(p.errors.empty()) << all(p.errors);
  ASSERT_EQ(p.warnings.size(), 1u) << all(p.warnings);
  EXPECT_TRUE(has_problem(p.warnings, "/tokens_per_month", {"unknown key"}));
  EXPECT_TRUE(same(p.scenario, Scenario{}));
}

TEST(scenario_json_test, unknown_nested_keys_are_warnings_naming_their_pointers) {
  ParsedScenario p = parse_scenario_text(
      R"({"workload": {"tokens": 1, "load_profile": {"preset": "flat", "weights": []}},
          "self_host": {"on_prem": {"pue_": 1.2}, "throughput": {"tps": 5}},
          "operations": {"engineering": {"salary": 1}}, "constraints": {"sla": true}})");
  EXPECT_TRUE(p.errors.empty()) << all(p.errors);
  for (const char* path : {"/workload/tokens", "/workload/load_profile/weights", "/self_host/on_prem/pue_",
                           "/self_host/throughput/tps", "/operations/engineering/salary", "/constraints/sla"})
    EXPECT_TRUE(has_problem(p.warnings, path, {"unknown key"}));
  EXPECT_EQ(p.warnings.size(), 6u) << all(p.warnings);
  EXPECT_EQ(p.scenario.workload.load_profile.preset,
            LoadPreset::flat);  // the known key next to them still reads
}

TEST(scenario_json_test, an_unknown_key_with_slash_or_tilde_is_escaped_in_its_pointer) {
  ParsedScenario p = parse_scenario_text(R"({"api": {"a/b~c": 1}})");
  EXPECT_TRUE(p.errors.empty()) << all(p.errors);
  EXPECT_TRUE(has_problem(p.warnings, "/api/a~1b~0c", {"unknown key"}));
}

TEST(scenario_json_test, a_half_mib_unknown_key_gives_a_short_warning) {
  std::string key(512 * 1024, 'k');
  ParsedScenario p = parse_scenario_text("{\"" + key + "\": 1}");
  EXPECT_TRUE(p.errors.empty()) << all(p.errors);
  ASSERT_EQ(p.warnings.size(), 1u);
  EXPECT_LE(p.warnings[0].path.size(), 201u);
}

TEST(scenario_json_test, a_long_unknown_key_with_non_ascii_letters_gives_a_warning_in_valid_utf8) {
  std::string key = std::string(199, 'a') + "é";
  ops::Outcome o = ops::validate("{\"" + key + "\": 1}");
  EXPECT_TRUE(o.ok) << all(o.errors);
  ASSERT_EQ(test::other_than_sizing(o.warnings).size(), 1u);
  EXPECT_NO_THROW((void)ops::envelope(o).dump());
}

// ---------------------------------------------------------------------------------------------------------------
// Bad values: the path names the field, the message says what was given and what is accepted

TEST(scenario_json_test, a_negative_number_names_the_field_the_value_and_the_range) {
  EXPECT_TRUE(rejects(R"({"workload": {"tokens_per_month": -5}})", "/workload/tokens_per_month",
                      {"-5", "out of range", "accepted", "1,000,000,000,000,000"}));
  EXPECT_TRUE(rejects(R"({"api": {"usd_per_mtok_input": -0.15}})", "/api/usd_per_mtok_input",
                      {"-0.15", "from 0 to 1,000"}));
  EXPECT_TRUE(rejects(R"({"self_host": {"cloud": {"usd_per_gpu_hour": -1.49}}})",
                      "/self_host/cloud/usd_per_gpu_hour", {"-1.49", "from 0 to 1,000"}));
  EXPECT_TRUE(
      rejects(R"({"operations": {"one_time_usd": -1}})", "/operations/one_time_usd", {"-1", "from 0"}));
  EXPECT_TRUE(rejects(R"({"self_host": {"min_replicas": -1}})", "/self_host/min_replicas", {"-1", "from 0"}));
}

TEST(scenario_json_test, an_absurdly_large_number_names_the_field_the_value_and_the_range) {
  EXPECT_TRUE(rejects(R"({"workload": {"tokens_per_month": 1e300}})", "/workload/tokens_per_month",
                      {"1e+300", "out of range", "accepted", "1,000,000,000,000,000"}));
  EXPECT_TRUE(rejects(R"({"horizon_months": 100000})", "/horizon_months", {"100000", "from 1 to 120"}));
  EXPECT_TRUE(rejects(R"({"self_host": {"gpus_per_replica": 18446744073709551615}})",
                      "/self_host/gpus_per_replica", {"18446744073709551615", "from 1 to 64"}));
  EXPECT_TRUE(rejects(R"({"self_host": {"throughput": {"tokens_per_second_per_replica": 1e8}}})",
                      "/self_host/throughput/tokens_per_second_per_replica",
                      {"100000000", "accepted", "10,000,000"}));
  EXPECT_TRUE(
      rejects(R"({"self_host": {"on_prem": {"pue": 30}}})", "/self_host/on_prem/pue", {"30", "from 1 to 3"}));
}

TEST(scenario_json_test, vanishingly_small_positive_numbers_are_refused_where_they_would_overflow_the_model) {
  EXPECT_TRUE(rejects(R"({"workload": {"tokens_per_month": 1e-310}})", "/workload/tokens_per_month",
                      {"out of range", "accepted", "1,000,000,000,000,000"}));
  EXPECT_TRUE(rejects(R"({"self_host": {"throughput": {"tokens_per_second_per_replica": 5e-324}}})",
                      "/self_host/throughput/tokens_per_second_per_replica", {"out of range", "accepted"}));
  EXPECT_TRUE(rejects(R"({"self_host": {"target_peak_utilization": 1e-300}})",
                      "/self_host/target_peak_utilization", {"out of range", "accepted"}));
  ParsedScenario zero = parse_scenario_text(R"({"workload": {"tokens_per_month": 0}})");
  EXPECT_TRUE(zero.errors.empty()) << all(zero.errors);  // no traffic at all is a valid question
}

TEST(scenario_json_test, shares_outside_zero_to_one_name_the_field_and_the_range) {
  EXPECT_TRUE(
      rejects(R"({"workload": {"input_share": 1.5}})", "/workload/input_share", {"1.5", "from 0 to 1"}));
  EXPECT_TRUE(rejects(R"({"workload": {"cached_input_share": -0.1}})", "/workload/cached_input_share",
                      {"-0.1", "from 0 to 1"}));
  EXPECT_TRUE(rejects(R"({"workload": {"batch_share": 2}})", "/workload/batch_share", {"2", "from 0 to 1"}));
  EXPECT_TRUE(rejects(R"({"self_host": {"on_prem": {"residual_value_share": 1}}})",
                      "/self_host/on_prem/residual_value_share", {"1", "from 0 to 0.95"}));
  EXPECT_TRUE(rejects(R"({"self_host": {"target_peak_utilization": 0}})",
                      "/self_host/target_peak_utilization", {"0 is out of range", "accepted", "to 1"}));
  EXPECT_TRUE(rejects(R"({"self_host": {"target_peak_utilization": 1.01}})",
                      "/self_host/target_peak_utilization", {"1.01 is out of range", "accepted", "to 1"}));
  EXPECT_TRUE(rejects(R"({"api": {"batch_discount": 1}})", "/api/batch_discount", {"1", "from 0 to 0.95"}));
}

TEST(scenario_json_test, a_string_for_a_number_names_the_field) {
  EXPECT_TRUE(rejects(R"({"workload": {"tokens_per_month": "2000000000"}})", "/workload/tokens_per_month",
                      {"expected", "1,000,000,000,000,000", "got the string \"2000000000\""}));
  EXPECT_TRUE(rejects(R"({"self_host": {"gpus_per_replica": "2"}})", "/self_host/gpus_per_replica",
                      {"expected a number from 1 to 64", "the string \"2\""}));
  EXPECT_TRUE(rejects(R"({"api": {"usd_per_mtok_output": "$0.60"}})", "/api/usd_per_mtok_output",
                      {"expected a number", "the string \"$0.60\""}));
}

TEST(scenario_json_test, a_number_for_a_string_names_the_field) {
  EXPECT_TRUE(rejects(R"({"api": {"model": 4}})", "/api/model", {"expected a string", "got 4"}));
  EXPECT_TRUE(rejects(R"({"self_host": {"gpu": 100}})", "/self_host/gpu", {"expected a string", "got 100"}));
  EXPECT_TRUE(rejects(R"({"name": 1.5})", "/name", {"expected a string", "got 1.5"}));
  EXPECT_TRUE(rejects(R"({"self_host": {"deployment": 1}})", "/self_host/deployment",
                      {"expected one of \"cloud\", \"on_prem\"", "got 1"}));
}

TEST(scenario_json_test, null_where_a_number_is_required_names_the_field) {
  EXPECT_TRUE(rejects(R"({"workload": {"input_share": null}})", "/workload/input_share",
                      {"expected a number from 0 to 1", "got null"}));
  EXPECT_TRUE(rejects(R"({"horizon_months": null})", "/horizon_months", {"expected a number", "got null"}));
  EXPECT_TRUE(rejects(R"({"self_host": {"on_prem": {"pue": null}}})", "/self_host/on_prem/pue",
                      {"from 1 to 3", "got null"}));
}

TEST(scenario_json_test, a_boolean_where_a_number_is_expected_names_the_field_and_vice_versa) {
  EXPECT_TRUE(rejects(R"({"workload": {"tokens_per_month": true}})", "/workload/tokens_per_month",
                      {"expected", "1,000,000,000,000,000", "got true"}));
  EXPECT_TRUE(rejects(R"({"self_host": {"min_replicas": false}})", "/self_host/min_replicas",
                      {"expected a number", "got false"}));
  EXPECT_TRUE(rejects(R"({"self_host": {"cloud": {"autoscale": 1}}})", "/self_host/cloud/autoscale",
                      {"expected true or false", "got 1"}));
  EXPECT_TRUE(rejects(R"({"constraints": {"has_mlops_team": "yes"}})", "/constraints/has_mlops_team",
                      {"expected true or false", "the string \"yes\""}));
}

TEST(scenario_json_test, a_non_integer_for_an_integer_field_names_the_field) {
  EXPECT_TRUE(rejects(R"({"self_host": {"gpus_per_replica": 1.5}})", "/self_host/gpus_per_replica",
                      {"1.5", "not a whole number", "a whole number from 1 to 64"}));
  EXPECT_TRUE(rejects(R"({"horizon_months": 12.5})", "/horizon_months",
                      {"12.5", "not a whole number", "a whole number from 1 to 120"}));
  EXPECT_TRUE(rejects(R"({"self_host": {"on_prem": {"amortization_months": 35.9}}})",
                      "/self_host/on_prem/amortization_months", {"35.9", "whole number from 1 to 120"}));
  // A whole number written as a float is fine.
  ParsedScenario p =
      parse_scenario_text(R"({"horizon_months": 24.0, "self_host": {"gpus_per_replica": 2e0}})");
  EXPECT_TRUE(p.errors.empty()) << all(p.errors);
  EXPECT_EQ(p.scenario.horizon_months, 24);
  EXPECT_EQ(p.scenario.self_host.gpus_per_replica, 2);
}

TEST(scenario_json_test, an_unknown_enum_value_names_the_field_and_lists_the_accepted_values) {
  EXPECT_TRUE(rejects(R"({"self_host": {"deployment": "hybrid"}})", "/self_host/deployment",
                      {"\"hybrid\"", "\"cloud\", \"on_prem\""}));
  EXPECT_TRUE(rejects(R"({"constraints": {"compliance": "pci"}})", "/constraints/compliance",
                      {"\"pci\"", "\"none\", \"hipaa\", \"soc2_type2\", \"government\""}));
  EXPECT_TRUE(rejects(R"({"operations": {"engineering": {"mode": "hours"}}})", "/operations/engineering/mode",
                      {"\"hours\"", "\"fte\", \"multiplier\""}));
  EXPECT_TRUE(rejects(R"({"workload": {"load_profile": {"preset": "weekend"}}})",
                      "/workload/load_profile/preset",
                      {"\"weekend\"",
                       "\"flat\", \"business_hours\", \"daytime_peaks\", \"overnight_silence\", "
                       "\"weekly_batch\""}));
  EXPECT_TRUE(rejects(R"({"self_host": {"throughput": {"source": "guessed"}}})",
                      "/self_host/throughput/source", {"\"guessed\"", "\"measured\""}));
  // Enum values are case-sensitive.
  EXPECT_TRUE(rejects(R"({"self_host": {"deployment": "Cloud"}})", "/self_host/deployment", {"\"Cloud\""}));
}

TEST(scenario_json_test, a_section_that_is_not_an_object_names_the_section) {
  EXPECT_TRUE(rejects(R"({"workload": []})", "/workload", {"expected an object", "an array of 0 items"}));
  EXPECT_TRUE(rejects(R"({"self_host": {"on_prem": "yes"}})", "/self_host/on_prem",
                      {"expected an object", "the string \"yes\""}));
  EXPECT_TRUE(rejects(R"({"workload": {"load_profile": "flat"}})", "/workload/load_profile",
                      {"expected an object", "the string \"flat\""}));
}

// ---------------------------------------------------------------------------------------------------------------
// Custom load profiles

json profile_with(const json& weights) {
  return {{"workload", {{"load_profile", {{"hourly_weights", weights}}}}}};
}

TEST(scenario_json_test, a_custom_profile_that_is_not_168_numbers_names_the_array_and_its_length) {
  json w167 = json::array();
  for (int h = 0; h < 167; ++h) w167.push_back(1);
  EXPECT_TRUE(rejects(profile_with(w167).dump(), "/workload/load_profile/hourly_weights",
                      {"an array of 168 numbers", "an array of 167 items"}));
  json w169 = w167;
  w169.push_back(1);
  w169.push_back(1);
  EXPECT_TRUE(rejects(profile_with(w169).dump(), "/workload/load_profile/hourly_weights",
                      {"168 numbers", "an array of 169 items"}));
  EXPECT_TRUE(rejects(profile_with(json::object()).dump(), "/workload/load_profile/hourly_weights",
                      {"168 numbers", "an object"}));
  EXPECT_TRUE(
      rejects(profile_with(5).dump(), "/workload/load_profile/hourly_weights", {"168 numbers", "got 5"}));
}

TEST(scenario_json_test, a_negative_weight_names_the_element) {
  json w = json::array();
  for (int h = 0; h < 168; ++h) w.push_back(1);
  w[5] = -0.5;
  EXPECT_TRUE(rejects(profile_with(w).dump(), "/workload/load_profile/hourly_weights/5",
                      {"-0.5", "out of range", "from 0 to 1,000,000,000"}));
}

TEST(scenario_json_test, a_profile_of_all_zeros_names_the_array) {
  json w = json::array();
  for (int h = 0; h < 168; ++h) w.push_back(0);
  EXPECT_TRUE(rejects(profile_with(w).dump(), "/workload/load_profile/hourly_weights",
                      {"all 168 weights are zero", "at least one above zero"}));
}

TEST(scenario_json_test, a_string_inside_the_profile_names_the_element) {
  json w = json::array();
  for (int h = 0; h < 168; ++h) w.push_back(1);
  w[5] = "1";
  EXPECT_TRUE(rejects(profile_with(w).dump(), "/workload/load_profile/hourly_weights/5",
                      {"expected a number", "the string \"1\""}));
  w[5] = nullptr;
  EXPECT_TRUE(rejects(profile_with(w).dump(), "/workload/load_profile/hourly_weights/5",
                      {"expected a number", "got null"}));
}

TEST(scenario_json_test, every_bad_weight_is_listed) {
  json w = json::array();
  for (int h = 0; h < 168; ++h) w.push_back(1);
  w[0] = -1;
  w[100] = "x";
  w[167] = 2e9;
  ParsedScenario p = parse_scenario(profile_with(w));
  EXPECT_EQ(p.errors.size(), 3u) << all(p.errors);
  for (const char* path :
       {"/workload/load_profile/hourly_weights/0", "/workload/load_profile/hourly_weights/100",
        "/workload/load_profile/hourly_weights/167"})
    EXPECT_TRUE(find(p.errors, path)) << path << all(p.errors);
  EXPECT_TRUE(p.scenario.workload.load_profile.hourly_weights.empty());  // invalid: the default preset stays
}

TEST(scenario_json_test, a_valid_custom_profile_is_read_and_a_preset_beside_it_gets_a_warning) {
  json w = awkward_weights();
  ParsedScenario p = parse_scenario(profile_with(w));
  EXPECT_TRUE(p.errors.empty()) << all(p.errors);
  EXPECT_TRUE(p.warnings.empty()) << all(p.warnings);
  EXPECT_EQ(p.scenario.workload.load_profile.hourly_weights, awkward_weights());
  json j = {{"workload", {{"load_profile", {{"preset", "flat"}, {"hourly_weights", w}}}}}};
  ParsedScenario both = parse_scenario(j);
  EXPECT_TRUE(both.errors.empty()) << all(both.errors);
  EXPECT_TRUE(has_problem(both.warnings, "/workload/load_profile/preset", {"ignored"}));
}

// ---------------------------------------------------------------------------------------------------------------
// Huge fields

TEST(scenario_json_test, a_half_mib_string_field_names_the_field_and_summarizes_the_value_by_length) {
  std::string big(512 * 1024, 'x');
  for (const char* field : {"name", "description"}) {
    json j = {{field, big}};
    ParsedScenario p = parse_scenario_text(j.dump());
    ASSERT_EQ(p.errors.size(), 1u) << field;
    EXPECT_TRUE(has_problem(p.errors, std::string("/") + field,
                            {"a string of 524288 characters", "too long", "at most"}));
    EXPECT_LT(p.errors[0].message.size(), 200u);
    EXPECT_EQ(p.scenario.name, Scenario{}.name);
  }
  json in_section = {{"self_host", {{"gpu", big}}}};
  EXPECT_TRUE(rejects(in_section.dump(), "/self_host/gpu", {"a string of 524288 characters", "at most 200"}));
  json as_enum = {{"self_host", {{"deployment", big}}}};
  ParsedScenario p = parse_scenario_text(as_enum.dump());
  EXPECT_TRUE(has_problem(p.errors, "/self_host/deployment", {"a string of 524288 characters"}));
  EXPECT_LT(p.errors.at(0).message.size(), 200u);
}

TEST(scenario_json_test, text_longer_than_1_mib_is_refused_without_parsing) {
  std::string huge(1024 * 1024 + 1, ' ');
  ParsedScenario p = parse_scenario_text(huge);
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_TRUE(has_problem(p.errors, "", {"1048577 bytes", "at most 1 MiB"}));
  // One byte less is read (and here refused for what it is: not JSON).
  huge.pop_back();
  EXPECT_EQ(parse_scenario_text(huge).errors.at(0).message.find("at most 1 MiB"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------------------------
// Malformed JSON: the path names the field the parser was in

TEST(scenario_json_test, truncated_json_names_the_field_it_stopped_in) {
  EXPECT_TRUE(rejects(R"({"workload": {"tokens_per_month": 1)", "/workload/tokens_per_month",
                      {"not valid JSON", "at character"}));
  EXPECT_TRUE(rejects(R"({"name": "Support assist)", "/name", {"not valid JSON"}));
  EXPECT_TRUE(rejects(R"({"workload": {"load_profile": {"hourly_weights": [1, 2, 3,)",
                      "/workload/load_profile/hourly_weights/3", {"not valid JSON"}));
  EXPECT_TRUE(rejects("", "", {"not valid JSON"}));
  EXPECT_TRUE(rejects("{", "", {"not valid JSON"}));
}

TEST(scenario_json_test, every_truncation_of_a_preset_is_an_error_never_a_crash) {
  std::string text = ops::presets()[0]["scenario"].dump(2);
  for (std::size_t n = 0; n + 1 < text.size(); ++n) {
    ParsedScenario p = parse_scenario_text(std::string_view(text).substr(0, n));
    ASSERT_EQ(p.errors.size(), 1u) << n;
    EXPECT_NE(p.errors[0].message.find("not valid JSON"), std::string::npos) << n;
    EXPECT_TRUE(p.errors[0].path.empty() || p.errors[0].path[0] == '/') << p.errors[0].path;
  }
}

TEST(scenario_json_test, trailing_garbage_is_an_error_at_the_top_level) {
  EXPECT_TRUE(rejects(R"({"name": "a"} x)", "", {"not valid JSON", "at character"}));
  EXPECT_TRUE(rejects(R"({}{})", "", {"not valid JSON"}));
}

TEST(scenario_json_test, a_number_too_large_to_represent_names_its_field) {
  EXPECT_TRUE(rejects(R"({"workload": {"tokens_per_month": 1e999}})", "/workload/tokens_per_month",
                      {"not valid JSON", "1e999", "1.7e308"}));
  EXPECT_TRUE(rejects(R"({"api": {"usd_per_mtok_input": -1e999}})", "/api/usd_per_mtok_input", {"-1e999"}));
  EXPECT_TRUE(rejects(R"({"workload": {"load_profile": {"hourly_weights": [1, 1e400]}}})",
                      "/workload/load_profile/hourly_weights/1", {"1e400"}));
}

TEST(scenario_json_test, a_non_finite_number_in_a_json_value_names_its_field) {
  json j = {{"workload", {{"tokens_per_month", std::numeric_limits<double>::quiet_NaN()}}},
            {"api", {{"usd_per_mtok_input", std::numeric_limits<double>::infinity()}}}};
  ParsedScenario p = parse_scenario(j);
  EXPECT_EQ(p.errors.size(), 2u) << all(p.errors);
  EXPECT_TRUE(
      has_problem(p.errors, "/workload/tokens_per_month", {"not a finite number", "1,000,000,000,000,000"}));
  EXPECT_TRUE(has_problem(p.errors, "/api/usd_per_mtok_input", {"not a finite number", "from 0 to 1,000"}));
}

TEST(scenario_json_test, a_syntax_error_between_keys_does_not_blame_the_previous_key) {
  EXPECT_TRUE(rejects(R"({"workload": {"tokens_per_month": 5},, "api": {}})", "", {"not valid JSON"}));
  EXPECT_TRUE(rejects(R"({"workload": {"tokens_per_month": 5, oops}})", "/workload", {"not valid JSON"}));
}

TEST(scenario_json_test, malformed_json_with_invalid_utf8_gives_an_error_that_can_be_written_as_json) {
  for (std::string text :
       {std::string("{\"name\": \"\xff\"}"),
        "{\"name\": \"" + std::string(19, 'a') + std::string(30, '\0') + "\"}", "{\"name\": \"" + [] {
          std::string s;
          for (int i = 0; i < 30; ++i) s += "é";
          return s;
        }() + "\xff\"}"}) {
    ops::Outcome o = ops::validate(text);
    EXPECT_FALSE(o.ok);
    EXPECT_NO_THROW((void)ops::envelope(o).dump());
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The top level and the schema version

TEST(scenario_json_test, a_top_level_that_is_not_an_object_is_an_error_at_the_root) {
  EXPECT_TRUE(rejects("[1, 2]", "", {"expected a JSON object", "an array of 2 items"}));
  EXPECT_TRUE(rejects("\"scenario\"", "", {"expected a JSON object", "the string \"scenario\""}));
  EXPECT_TRUE(rejects("42", "", {"expected a JSON object", "got 42"}));
  EXPECT_TRUE(rejects("null", "", {"expected a JSON object", "got null"}));
  EXPECT_TRUE(rejects("true", "", {"expected a JSON object", "got true"}));
}

TEST(scenario_json_test, a_newer_schema_version_is_an_error_naming_both_versions) {
  EXPECT_TRUE(rejects(R"({"schema_version": 2})", "/schema_version", {"version 2", "newer", "accepted: 1"}));
}

TEST(scenario_json_test, an_invalid_schema_version_names_the_field) {
  EXPECT_TRUE(rejects(R"({"schema_version": 0})", "/schema_version", {"0", "out of range"}));
  EXPECT_TRUE(rejects(R"({"schema_version": "1"})", "/schema_version", {"the string \"1\""}));
  EXPECT_TRUE(rejects(R"({"schema_version": 1.5})", "/schema_version", {"not a whole number"}));
  ParsedScenario p = parse_scenario_text(R"({"schema_version": 1})");
  EXPECT_TRUE(p.errors.empty()) << all(p.errors);
}

// ---------------------------------------------------------------------------------------------------------------
// Several problems at once

TEST(scenario_json_test, several_problems_are_all_listed_not_just_the_first) {
  ParsedScenario p = parse_scenario_text(R"({
    "schema_version": 2, "horizon_months": 12.5, "surprise": 1,
    "workload": {"tokens_per_month": -5, "input_share": 1.5, "batch_share": "half", "monthly_growth": null},
    "api": {"model": 5, "usd_per_mtok_input": true},
    "self_host": {"deployment": "hybrid", "gpus_per_replica": 1.5, "cloud": {"autoscale": 1}},
    "operations": {"engineering": {"mode": "hours"}},
    "constraints": {"compliance": "pci"}})");
  for (const char* path :
       {"/schema_version", "/horizon_months", "/workload/tokens_per_month", "/workload/input_share",
        "/workload/batch_share", "/workload/monthly_growth", "/api/model", "/api/usd_per_mtok_input",
        "/self_host/deployment", "/self_host/gpus_per_replica", "/self_host/cloud/autoscale",
        "/operations/engineering/mode", "/constraints/compliance"})
    EXPECT_TRUE(find(p.errors, path)) << path << all(p.errors);
  EXPECT_EQ(p.errors.size(), 13u) << all(p.errors);
  EXPECT_TRUE(has_problem(p.warnings, "/surprise", {"unknown key"}));
  // Invalid values leave the defaults in place.
  EXPECT_EQ(p.scenario.workload.tokens_per_month, Scenario{}.workload.tokens_per_month);
  EXPECT_EQ(p.scenario.self_host.deployment, Deployment::cloud);
}

TEST(scenario_json_test, ops_validate_reports_every_problem_and_no_result) {
  ops::Outcome o =
      ops::validate(R"({"workload": {"input_share": 2, "batch_share": -1}, "horizon_months": 0})");
  EXPECT_FALSE(o.ok);
  EXPECT_EQ(o.errors.size(), 3u) << all(o.errors);
  json env = ops::envelope(o);
  EXPECT_EQ(env["ok"], false);
  EXPECT_EQ(env["errors"].size(), 3u);
  EXPECT_FALSE(env.contains("result"));
}

// ---------------------------------------------------------------------------------------------------------------
// describe()

TEST(scenario_json_test, describe_renders_each_kind_of_value_briefly) {
  EXPECT_EQ(describe(json(1.5)), "1.5");
  EXPECT_EQ(describe(json(-5)), "-5");
  EXPECT_EQ(describe(json(18446744073709551615ull)), "18446744073709551615");
  EXPECT_EQ(describe(json(nullptr)), "null");
  EXPECT_EQ(describe(json(true)), "true");
  EXPECT_EQ(describe(json(false)), "false");
  EXPECT_EQ(describe(json("abc")), "the string \"abc\"");
  EXPECT_EQ(describe(json::array({1, 2, 3})), "an array of 3 items");
  EXPECT_EQ(describe(json::object()), "an object");
  EXPECT_EQ(describe(json({{"a", 1}})), "an object");
}

TEST(scenario_json_test, describe_summarizes_long_strings_by_length) {
  EXPECT_EQ(describe(json(std::string(40, 'x'))), "the string \"" + std::string(40, 'x') + "\"");
  EXPECT_EQ(describe(json(std::string(41, 'x'))), "a string of 41 characters");
  EXPECT_EQ(describe(json(std::string(10485760, 'x'))), "a string of 10485760 characters");
}

TEST(scenario_json_test, describe_escapes_quotes_and_control_characters_and_replaces_invalid_utf8) {
  EXPECT_EQ(describe(json("a\"b\n")), "the string \"a\\\"b\\n\"");
  std::string d;
  EXPECT_NO_THROW(d = describe(json(std::string("\xff\xfe"))));
  EXPECT_EQ(d.find('\xff'), std::string::npos) << d;
  EXPECT_NO_THROW((void)json(d).dump());  // the description is itself valid UTF-8
}

TEST(scenario_json_test, describe_never_prints_nan_or_inf) {
  for (double x : {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
                   -std::numeric_limits<double>::infinity()}) {
    std::string d = describe(json(x));
    EXPECT_EQ(d.find("nan"), std::string::npos) << d;
    EXPECT_EQ(d.find("inf"), std::string::npos) << d;
    EXPECT_FALSE(d.empty());
  }
}

}  // namespace
}  // namespace tcoscope
