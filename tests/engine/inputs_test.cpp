// inputs_test.cpp — resolving a scenario against the catalog (SPEC §5): catalog ids fill prices and specs, an
// explicit number overrides them, unknown ids are errors that list what is accepted, "custom" needs its
// numbers, and questionable combinations give warnings.
#include "model/inputs.hpp"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

#include "contract/catalog_json.hpp"
#include "json_support.hpp"
#include "test_support.hpp"

namespace tcoscope {
namespace {

const Catalog& cat() {
  return builtin_catalog();
}

using test::all;
using test::find;
using test::has_problem;

const Provenance* provenance(const Inputs& in, std::string_view path) {
  for (const Provenance& p : in.provenance)
    if (p.path == path) return &p;
  return nullptr;
}

ResolvedInputs resolve_json(const std::string& text) {
  ParsedScenario p = parse_scenario_text(text);
  EXPECT_TRUE(p.errors.empty()) << text << all(p.errors);
  return resolve(p.scenario, cat());
}

// ---------------------------------------------------------------------------------------------------------------
// The catalog fills what the scenario leaves out

TEST(inputs_test, the_default_scenario_resolves_with_only_the_note_on_what_sized_its_fleet) {
  ResolvedInputs r = resolve(Scenario{}, cat());
  EXPECT_TRUE(r.errors.empty()) << all(r.errors);
  ASSERT_EQ(r.warnings.size(), 1u) << all(r.warnings);
  EXPECT_TRUE(test::other_than_sizing(r.warnings).empty()) << all(r.warnings);
  EXPECT_TRUE(cat().load_errors.empty());
}

TEST(inputs_test, an_api_model_id_fills_all_four_prices_from_the_catalog) {
  for (const char* id : {"gpt-4o", "gpt-4o-mini", "claude-haiku-4-5", "gpt-4.1-mini"}) {
    Scenario s;
    s.api.model = id;
    ResolvedInputs r = resolve(s, cat());
    ASSERT_TRUE(r.ok()) << id << all(r.errors);
    const ApiModel* m = cat().api_model(id);
    ASSERT_TRUE(m) << id;
    const Inputs& in = r.inputs;
    EXPECT_EQ(in.api_model, m);
    EXPECT_EQ(in.api_usd_per_mtok_input, m->usd_per_mtok_input) << id;
    EXPECT_EQ(in.api_usd_per_mtok_output, m->usd_per_mtok_output) << id;
    ASSERT_TRUE(m->usd_per_mtok_cached_input) << id;
    EXPECT_EQ(in.api_usd_per_mtok_cached_input, *m->usd_per_mtok_cached_input) << id;
    ASSERT_TRUE(m->batch_discount) << id;
    EXPECT_EQ(in.api_batch_discount, *m->batch_discount) << id;
    for (const char* path : {"/api/usd_per_mtok_input", "/api/usd_per_mtok_output",
                             "/api/usd_per_mtok_cached_input", "/api/batch_discount"}) {
      const Provenance* p = provenance(in, path);
      ASSERT_TRUE(p) << id << " " << path;
      EXPECT_EQ(p->from, "catalog") << path;
      EXPECT_EQ(p->source, m->source) << path;
      EXPECT_EQ(p->as_of, m->as_of) << path;
    }
  }
}

TEST(inputs_test, gpt_4o_costs_what_the_spec_quotes) {
  Scenario s;
  s.api.model = "gpt-4o";
  Inputs in = test::resolved(s);
  EXPECT_EQ(in.api_usd_per_mtok_input, 2.50);
  EXPECT_EQ(in.api_usd_per_mtok_output, 10.0);
  s.api.model = "gpt-4o-mini";
  in = test::resolved(s);
  EXPECT_EQ(in.api_usd_per_mtok_input, 0.15);
  EXPECT_EQ(in.api_usd_per_mtok_output, 0.60);
}

TEST(inputs_test, an_api_without_a_cached_price_or_batch_api_prices_them_as_uncached_and_undiscounted) {
  Scenario s;
  s.api.model = "deepinfra-llama-3.3-70b";
  const ApiModel* m = cat().api_model(s.api.model);
  ASSERT_TRUE(m);
  ASSERT_FALSE(m->usd_per_mtok_cached_input);
  ASSERT_FALSE(m->batch_discount);
  ResolvedInputs r = resolve(s, cat());
  ASSERT_TRUE(r.ok()) << all(r.errors);
  EXPECT_EQ(r.inputs.api_usd_per_mtok_cached_input, m->usd_per_mtok_input);
  EXPECT_EQ(r.inputs.api_batch_discount, 0.0);
  EXPECT_TRUE(test::other_than_sizing(r.warnings).empty())
      << all(r.warnings);  // no cached or batch share: nothing to warn about
}

TEST(inputs_test, a_gpu_id_fills_the_default_providers_hourly_rate) {
  for (const char* id : {"h100-sxm", "a100-80gb", "rtx-4090", "h200", "l4"}) {
    Scenario s;
    s.self_host.gpu = id;
    s.self_host.throughput.tokens_per_second_per_replica = 1000;  // not every GPU has a measurement
    ResolvedInputs r = resolve(s, cat());
    ASSERT_TRUE(r.ok()) << id << all(r.errors);
    const Gpu* g = cat().gpu(id);
    ASSERT_TRUE(g) << id;
    const RentalRate* rate = g->rate(g->default_provider);
    ASSERT_TRUE(rate) << id;
    EXPECT_EQ(r.inputs.usd_per_gpu_hour, rate->usd_per_gpu_hour) << id;
    EXPECT_EQ(r.inputs.provider_name, rate->provider_name) << id;
    const Provenance* p = provenance(r.inputs, "/self_host/cloud/usd_per_gpu_hour");
    ASSERT_TRUE(p) << id;
    EXPECT_EQ(p->from, "catalog");
    EXPECT_EQ(p->value, rate->usd_per_gpu_hour);
    EXPECT_EQ(p->source, rate->source);
  }
}

TEST(inputs_test, a_named_provider_picks_that_providers_rate) {
  const Gpu* g = cat().gpu("h100-sxm");
  ASSERT_TRUE(g);
  for (const RentalRate& rate : g->rental) {
    Scenario s;
    s.self_host.cloud.provider = rate.provider;
    ResolvedInputs r = resolve(s, cat());
    ASSERT_TRUE(r.ok()) << rate.provider << all(r.errors);
    EXPECT_EQ(r.inputs.usd_per_gpu_hour, rate.usd_per_gpu_hour) << rate.provider;
    EXPECT_EQ(r.inputs.provider_name, rate.provider_name) << rate.provider;
  }
}

TEST(inputs_test, on_prem_fills_the_catalog_purchase_price) {
  Scenario s;
  s.self_host.deployment = Deployment::on_prem;
  ResolvedInputs r = resolve(s, cat());
  ASSERT_TRUE(r.ok()) << all(r.errors);
  const Gpu* g = cat().gpu("h100-sxm");
  ASSERT_TRUE(g && g->purchase);
  EXPECT_EQ(r.inputs.usd_per_gpu, g->purchase->usd_per_gpu);
  const Provenance* p = provenance(r.inputs, "/self_host/on_prem/usd_per_gpu");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->from, "catalog");
  EXPECT_EQ(p->source, g->purchase->source);
  EXPECT_EQ(r.inputs.usd_per_gpu_hour, 0.0);  // nothing rented
  EXPECT_FALSE(provenance(r.inputs, "/self_host/cloud/usd_per_gpu_hour"));
}

TEST(inputs_test, on_prem_watts_default_to_tdp_times_1_4) {
  for (const char* id : {"h100-sxm", "rtx-4090", "l4", "a100-80gb"}) {
    Scenario s;
    s.self_host.deployment = Deployment::on_prem;
    s.self_host.gpu = id;
    s.self_host.throughput.tokens_per_second_per_replica = 1000;
    ResolvedInputs r = resolve(s, cat());
    ASSERT_TRUE(r.ok()) << id << all(r.errors);
    const Gpu* g = cat().gpu(id);
    EXPECT_DOUBLE_EQ(r.inputs.watts_per_gpu, g->tdp_watts * 1.4) << id;
    const Provenance* p = provenance(r.inputs, "/self_host/on_prem/watts_per_gpu");
    ASSERT_TRUE(p) << id;
    EXPECT_EQ(p->from, "default");
    EXPECT_NE(p->detail.find("1.4"), std::string::npos) << p->detail;
  }
  Scenario s;
  s.self_host.deployment = Deployment::on_prem;
  EXPECT_DOUBLE_EQ(test::resolved(s).watts_per_gpu, 980.0);  // H100 SXM: 700 W TDP
  EXPECT_EQ(kHostPowerFactor, 1.4);
}

TEST(inputs_test, throughput_comes_from_the_catalog_only_where_a_measurement_may_size_the_fleet) {
  for (auto [model, gpu, precision, engine] : {std::tuple{"qwen3-14b", "h100-sxm", "bf16", "vllm"},
                                               std::tuple{"qwen3-14b", "a100-80gb", "bf16", "vllm"},
                                               std::tuple{"llama-3.1-8b", "h100-sxm", "fp8", "trtllm"},
                                               std::tuple{"qwen3-32b", "h100-sxm", "bf16", "vllm"}}) {
    Scenario s;
    s.self_host.model = model;
    s.self_host.gpu = gpu;
    s.self_host.throughput.precision = *from_name<Precision>(precision);
    s.self_host.throughput.engine = *from_name<ServingEngine>(engine);
    ResolvedInputs r = resolve(s, cat());
    ASSERT_TRUE(r.ok()) << model << " on " << gpu << all(r.errors);
    const Provenance* p = provenance(r.inputs, "/self_host/throughput/tokens_per_second_per_replica");
    ASSERT_TRUE(p);
    if (const Measurement* m = r.inputs.measurement) {
      EXPECT_EQ(r.inputs.throughput_from, "catalog");
      EXPECT_EQ(r.inputs.tokens_per_second_per_replica, m->total_tokens_per_second_per_replica);
      EXPECT_EQ(p->from, "catalog");
      EXPECT_EQ(p->source, m->source);
      EXPECT_EQ(m->measurement_kind, MeasurementKind::steady_state) << model << gpu;
    } else {
      EXPECT_EQ(r.inputs.throughput_from, "modeled") << model << gpu;
      ASSERT_TRUE(r.inputs.throughput_model);
      EXPECT_EQ(r.inputs.tokens_per_second_per_replica, r.inputs.throughput_model->total_tokens_per_second);
      EXPECT_EQ(p->source, "MODEL.md roofline");
    }
  }
}

TEST(inputs_test, the_self_hosted_model_knows_the_api_it_competes_with_and_its_hosted_api) {
  Inputs in = test::resolved(Scenario{});  // qwen3-14b
  ASSERT_TRUE(in.model);
  EXPECT_EQ(in.model->id, "qwen3-14b");
  EXPECT_EQ(in.competes_with_name, cat().api_model(in.model->competes_with)->name);
  ASSERT_TRUE(in.hosted_api);
  EXPECT_EQ(in.hosted_api->id, in.model->hosted_api);
}

TEST(inputs_test, the_load_profile_is_normalized_and_named) {
  Inputs in = test::resolved(Scenario{});
  EXPECT_EQ(in.load_profile_name, "business_hours");
  double sum = 0;
  for (double w : in.load.weights) sum += w;
  EXPECT_NEAR(sum / kHoursPerWeek, 1.0, 1e-12);
  Scenario s;
  s.workload.load_profile.hourly_weights.assign(kHoursPerWeek, 2.0);
  s.workload.load_profile.hourly_weights[10] = 44.0;
  in = test::resolved(s);
  EXPECT_EQ(in.load_profile_name, "custom");
  EXPECT_NEAR(in.load.weights[0], 168.0 / (167 * 2 + 44) * 2, 1e-12);
  EXPECT_EQ(in.load.peak_hour, 10);
}

// ---------------------------------------------------------------------------------------------------------------
// An explicit number overrides the catalog

TEST(inputs_test, explicit_api_prices_override_the_catalog_and_say_so) {
  ResolvedInputs r = resolve_json(R"({"api": {"model": "gpt-4o", "usd_per_mtok_input": 2.0,
      "usd_per_mtok_cached_input": 0.5, "usd_per_mtok_output": 7.5, "batch_discount": 0.25}})");
  ASSERT_TRUE(r.ok()) << all(r.errors);
  EXPECT_EQ(r.inputs.api_usd_per_mtok_input, 2.0);
  EXPECT_EQ(r.inputs.api_usd_per_mtok_cached_input, 0.5);
  EXPECT_EQ(r.inputs.api_usd_per_mtok_output, 7.5);
  EXPECT_EQ(r.inputs.api_batch_discount, 0.25);
  for (const char* path : {"/api/usd_per_mtok_input", "/api/usd_per_mtok_cached_input",
                           "/api/usd_per_mtok_output", "/api/batch_discount"}) {
    const Provenance* p = provenance(r.inputs, path);
    ASSERT_TRUE(p) << path;
    EXPECT_EQ(p->from, "scenario") << path;
  }
  EXPECT_EQ(provenance(r.inputs, "/api/usd_per_mtok_output")->value, 7.5);
}

TEST(inputs_test, an_explicit_zero_overrides_the_catalog_too) {
  ResolvedInputs r =
      resolve_json(R"({"api": {"model": "gpt-4o", "usd_per_mtok_input": 0, "batch_discount": 0}})");
  ASSERT_TRUE(r.ok()) << all(r.errors);
  EXPECT_EQ(r.inputs.api_usd_per_mtok_input, 0.0);
  EXPECT_EQ(r.inputs.api_batch_discount, 0.0);
  EXPECT_EQ(provenance(r.inputs, "/api/usd_per_mtok_input")->from, "scenario");
}

TEST(inputs_test, explicit_self_host_numbers_override_the_catalog_and_say_so) {
  ResolvedInputs cloud = resolve_json(R"({"self_host": {"throughput": {"tokens_per_second_per_replica": 4321},
      "cloud": {"provider": "lambda", "usd_per_gpu_hour": 1.49}}})");
  ASSERT_TRUE(cloud.ok()) << all(cloud.errors);
  EXPECT_EQ(cloud.inputs.tokens_per_second_per_replica, 4321.0);
  EXPECT_EQ(cloud.inputs.usd_per_gpu_hour, 1.49);
  EXPECT_EQ(cloud.inputs.provider_name, "lambda");
  EXPECT_EQ(provenance(cloud.inputs, "/self_host/throughput/tokens_per_second_per_replica")->from,
            "scenario");
  EXPECT_EQ(provenance(cloud.inputs, "/self_host/cloud/usd_per_gpu_hour")->from, "scenario");

  ResolvedInputs own = resolve_json(R"({"self_host": {"deployment": "on_prem",
      "on_prem": {"usd_per_gpu": 17500, "watts_per_gpu": 1000}}})");
  ASSERT_TRUE(own.ok()) << all(own.errors);
  EXPECT_EQ(own.inputs.usd_per_gpu, 17500.0);
  EXPECT_EQ(own.inputs.watts_per_gpu, 1000.0);
  EXPECT_EQ(provenance(own.inputs, "/self_host/on_prem/usd_per_gpu")->from, "scenario");
  EXPECT_EQ(provenance(own.inputs, "/self_host/on_prem/watts_per_gpu")->from, "scenario");
}

TEST(inputs_test, an_explicit_rate_without_a_provider_is_called_your_rate) {
  ResolvedInputs r = resolve_json(R"({"self_host": {"cloud": {"usd_per_gpu_hour": 2}}})");
  ASSERT_TRUE(r.ok()) << all(r.errors);
  EXPECT_EQ(r.inputs.provider_name, "your rate");
}

TEST(inputs_test, an_explicit_rate_makes_an_unlisted_provider_acceptable) {
  ResolvedInputs r =
      resolve_json(R"({"self_host": {"cloud": {"provider": "my-colo", "usd_per_gpu_hour": 2}}})");
  EXPECT_TRUE(r.ok()) << all(r.errors);
  EXPECT_EQ(r.inputs.usd_per_gpu_hour, 2.0);
}

// ---------------------------------------------------------------------------------------------------------------
// Unknown ids: an error naming the field that lists the accepted ids

TEST(inputs_test, an_unknown_api_model_names_the_field_and_lists_the_catalog_ids) {
  ResolvedInputs r = resolve_json(R"({"api": {"model": "gpt-9"}})");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.errors.size(), 1u) << all(r.errors);
  EXPECT_TRUE(
      has_problem(r.errors, "/api/model",
                  {"\"gpt-9\"", "not in the catalog", "gpt-4o-mini", "claude-haiku-4-5", "\"custom\""}));
  for (const ApiModel& m : cat().api_models) EXPECT_TRUE(has_problem(r.errors, "/api/model", {m.id}));
}

TEST(inputs_test, an_unknown_self_hosted_model_names_the_field_and_lists_the_catalog_ids) {
  ResolvedInputs r = resolve_json(R"({"self_host": {"model": "llama-9"}})");
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(has_problem(r.errors, "/self_host/model",
                          {"\"llama-9\"", "not in the catalog", "qwen3-14b", "llama-3.3-70b", "\"custom\""}));
  for (const OpenModel& m : cat().models) EXPECT_TRUE(has_problem(r.errors, "/self_host/model", {m.id}));
}

TEST(inputs_test, an_unknown_gpu_names_the_field_and_lists_the_catalog_ids) {
  ResolvedInputs r = resolve_json(R"({"self_host": {"gpu": "h900"}})");
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(has_problem(
      r.errors, "/self_host/gpu",
      {"\"h900\"", "not in the catalog", "h100-sxm", "h200", "a100-80gb", "rtx-4090", "\"custom\""}));
  for (const Gpu& g : cat().gpus) EXPECT_TRUE(has_problem(r.errors, "/self_host/gpu", {g.id}));
}

TEST(inputs_test, ids_are_case_sensitive) {
  ResolvedInputs r = resolve_json(R"({"api": {"model": "GPT-4o"}, "self_host": {"gpu": "H100-SXM"}})");
  EXPECT_TRUE(find(r.errors, "/api/model")) << all(r.errors);
  EXPECT_TRUE(find(r.errors, "/self_host/gpu")) << all(r.errors);
}

TEST(inputs_test, an_unlisted_cloud_provider_names_the_field_and_lists_the_gpus_providers) {
  ResolvedInputs r = resolve_json(R"({"self_host": {"cloud": {"provider": "nowhere"}}})");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.errors.size(), 1u) << all(r.errors);
  EXPECT_TRUE(has_problem(r.errors, "/self_host/cloud/provider",
                          {"\"nowhere\"", "h100-sxm", "crusoe", "lambda", "usd_per_gpu_hour"}));
  for (const RentalRate& rate : cat().gpu("h100-sxm")->rental)
    EXPECT_TRUE(has_problem(r.errors, "/self_host/cloud/provider", {rate.provider}));
}

TEST(inputs_test, a_provider_that_rents_other_gpus_but_not_this_one_is_an_error) {
  // Vultr rents L40S and MI300X but has no H100 SXM row.
  ResolvedInputs r = resolve_json(R"({"self_host": {"cloud": {"provider": "vultr"}}})");
  EXPECT_TRUE(has_problem(r.errors, "/self_host/cloud/provider", {"\"vultr\"", "h100-sxm"}));
}

TEST(inputs_test, a_cloud_provider_is_irrelevant_on_premises) {
  ResolvedInputs r =
      resolve_json(R"({"self_host": {"deployment": "on_prem", "cloud": {"provider": "nowhere"}}})");
  EXPECT_TRUE(r.ok()) << all(r.errors);
}

// A pair the catalog has no measurement for never borrows another setup's figure: either the problem names
// the field to fill in, or a warning says which figure is used instead.
TEST(inputs_test, a_model_gpu_pair_without_a_measurement_never_silently_takes_a_catalog_figure) {
  for (const char* text : {R"({"self_host": {"model": "qwen3-14b", "gpu": "h200"}})",
                           R"({"self_host": {"gpus_per_replica": 2}})"}) {
    ResolvedInputs r = resolve_json(text);
    const char* tps_path = "/self_host/throughput/tokens_per_second_per_replica";
    if (r.ok()) {
      EXPECT_TRUE(has_problem(r.warnings, tps_path, {"no published measurement"})) << text;
      EXPECT_GT(r.inputs.tokens_per_second_per_replica, 0.0) << text;
      const Provenance* p = provenance(r.inputs, tps_path);
      ASSERT_TRUE(p) << text;
      EXPECT_NE(p->from, "catalog") << text;
    } else {
      EXPECT_TRUE(find(r.errors, tps_path) || find(r.errors, "/self_host/gpus_per_replica"))
          << text << all(r.errors);
    }
  }
}

TEST(inputs_test, a_gpu_that_is_not_sold_needs_a_purchase_price_on_premises) {
  ResolvedInputs r = resolve_json(
      R"({"self_host": {"gpu": "a10g", "deployment": "on_prem", "throughput": {"tokens_per_second_per_replica": 900}}})");
  ASSERT_FALSE(cat().gpu("a10g")->purchase);
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(has_problem(r.errors, "/self_host/on_prem/usd_per_gpu", {"a10g", "no purchase price", "USD"}));
  ResolvedInputs priced = resolve_json(R"({"self_host": {"gpu": "a10g", "deployment": "on_prem",
      "throughput": {"tokens_per_second_per_replica": 900}, "on_prem": {"usd_per_gpu": 3000}}})");
  EXPECT_TRUE(priced.ok()) << all(priced.errors);
}

TEST(inputs_test, several_unknown_ids_are_all_listed) {
  ResolvedInputs r = resolve_json(R"({"api": {"model": "x"}, "self_host": {"model": "y", "gpu": "z"}})");
  EXPECT_TRUE(find(r.errors, "/api/model")) << all(r.errors);
  EXPECT_TRUE(find(r.errors, "/self_host/model")) << all(r.errors);
  EXPECT_TRUE(find(r.errors, "/self_host/gpu")) << all(r.errors);
}

// ---------------------------------------------------------------------------------------------------------------
// "custom" ids need their numbers

TEST(inputs_test, a_custom_api_needs_input_and_output_prices) {
  ResolvedInputs r = resolve_json(R"({"api": {"model": "custom"}})");
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(has_problem(r.errors, "/api/usd_per_mtok_input", {"required", "custom", "USD per 1M tokens"}));
  EXPECT_TRUE(has_problem(r.errors, "/api/usd_per_mtok_output", {"required", "custom", "USD per 1M tokens"}));
  EXPECT_EQ(r.errors.size(), 2u) << all(r.errors);
  ResolvedInputs half = resolve_json(R"({"api": {"model": "custom", "usd_per_mtok_input": 1}})");
  EXPECT_TRUE(find(half.errors, "/api/usd_per_mtok_output")) << all(half.errors);
  EXPECT_FALSE(find(half.errors, "/api/usd_per_mtok_input")) << all(half.errors);
}

TEST(inputs_test, a_custom_api_with_its_prices_resolves_with_no_cache_or_batch_discount) {
  ResolvedInputs r =
      resolve_json(R"({"api": {"model": "custom", "usd_per_mtok_input": 1.25, "usd_per_mtok_output": 5}})");
  ASSERT_TRUE(r.ok()) << all(r.errors);
  EXPECT_EQ(r.inputs.api_model, nullptr);
  EXPECT_EQ(r.inputs.api_usd_per_mtok_input, 1.25);
  EXPECT_EQ(r.inputs.api_usd_per_mtok_cached_input, 1.25);
  EXPECT_EQ(r.inputs.api_usd_per_mtok_output, 5.0);
  EXPECT_EQ(r.inputs.api_batch_discount, 0.0);
}

TEST(inputs_test, a_custom_gpu_in_the_cloud_needs_its_hourly_rate_and_throughput) {
  ResolvedInputs r = resolve_json(R"({"self_host": {"gpu": "custom"}})");
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(
      has_problem(r.errors, "/self_host/cloud/usd_per_gpu_hour", {"required", "custom GPU", "GPU-hour"}));
  EXPECT_TRUE(
      has_problem(r.errors, "/self_host/throughput/tokens_per_second_per_replica", {"required", "custom"}));
  ResolvedInputs ok = resolve_json(R"({"self_host": {"gpu": "custom", "cloud": {"usd_per_gpu_hour": 2.5},
      "throughput": {"tokens_per_second_per_replica": 3000}}})");
  EXPECT_TRUE(ok.ok()) << all(ok.errors);
  EXPECT_EQ(ok.inputs.gpu, nullptr);
}

TEST(inputs_test, a_custom_gpu_on_premises_needs_its_price_and_watts) {
  ResolvedInputs r = resolve_json(
      R"({"self_host": {"gpu": "custom", "deployment": "on_prem", "throughput": {"tokens_per_second_per_replica": 1}}})");
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(has_problem(r.errors, "/self_host/on_prem/usd_per_gpu", {"required", "custom GPU"}));
  EXPECT_TRUE(has_problem(r.errors, "/self_host/on_prem/watts_per_gpu", {"required", "custom GPU", "watts"}));
  EXPECT_FALSE(find(r.errors, "/self_host/cloud/usd_per_gpu_hour")) << all(r.errors);
  ResolvedInputs ok = resolve_json(R"({"self_host": {"gpu": "custom", "deployment": "on_prem",
      "throughput": {"tokens_per_second_per_replica": 1}, "on_prem": {"usd_per_gpu": 9000, "watts_per_gpu": 500}}})");
  EXPECT_TRUE(ok.ok()) << all(ok.errors);
}

TEST(inputs_test, a_custom_model_needs_a_measured_throughput) {
  ResolvedInputs r = resolve_json(R"({"self_host": {"model": "custom"}})");
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(has_problem(r.errors, "/self_host/throughput/tokens_per_second_per_replica",
                          {"required", "custom", "tokens per"}));
  ResolvedInputs ok = resolve_json(
      R"({"self_host": {"model": "custom", "throughput": {"tokens_per_second_per_replica": 500}}})");
  EXPECT_TRUE(ok.ok()) << all(ok.errors);
  EXPECT_EQ(ok.inputs.model, nullptr);
  EXPECT_EQ(ok.inputs.hosted_api, nullptr);
}

// ---------------------------------------------------------------------------------------------------------------
// Warnings

TEST(inputs_test, a_batch_share_without_a_batch_api_is_a_warning) {
  ResolvedInputs r =
      resolve_json(R"({"workload": {"batch_share": 0.3}, "api": {"model": "deepinfra-llama-3.3-70b"}})");
  EXPECT_TRUE(r.ok()) << all(r.errors);
  EXPECT_TRUE(has_problem(r.warnings, "/workload/batch_share", {"no batch API", "full price"}));
  EXPECT_EQ(r.inputs.api_batch_discount, 0.0);
  ResolvedInputs custom =
      resolve_json(R"({"workload": {"batch_share": 0.3}, "api": {"model": "custom", "usd_per_mtok_input": 1,
                       "usd_per_mtok_output": 2}})");
  EXPECT_TRUE(find(custom.warnings, "/workload/batch_share")) << all(custom.warnings);
  ResolvedInputs with_batch =
      resolve_json(R"({"workload": {"batch_share": 0.3}, "api": {"model": "gpt-4o-mini"}})");
  EXPECT_TRUE(test::other_than_sizing(with_batch.warnings).empty()) << all(with_batch.warnings);
}

TEST(inputs_test, a_cached_share_without_a_cached_price_is_a_warning) {
  ResolvedInputs r = resolve_json(
      R"({"workload": {"cached_input_share": 0.5}, "api": {"model": "deepinfra-llama-3.3-70b"}})");
  EXPECT_TRUE(r.ok()) << all(r.errors);
  EXPECT_TRUE(has_problem(r.warnings, "/workload/cached_input_share", {"no cached-input price", "uncached"}));
  ResolvedInputs priced = resolve_json(R"({"workload": {"cached_input_share": 0.5},
      "api": {"model": "deepinfra-llama-3.3-70b", "usd_per_mtok_cached_input": 0.1}})");
  EXPECT_TRUE(test::other_than_sizing(priced.warnings).empty()) << all(priced.warnings);
}

TEST(inputs_test, autoscale_on_premises_is_a_warning_and_is_ignored) {
  ResolvedInputs r =
      resolve_json(R"({"self_host": {"deployment": "on_prem", "cloud": {"autoscale": true}}})");
  EXPECT_TRUE(r.ok()) << all(r.errors);
  EXPECT_TRUE(has_problem(r.warnings, "/self_host/cloud/autoscale", {"ignored", "fixed fleet"}));
  EXPECT_FALSE(r.inputs.autoscale());
  ResolvedInputs cloud = resolve_json(R"({"self_host": {"cloud": {"autoscale": true}}})");
  EXPECT_TRUE(test::other_than_sizing(cloud.warnings).empty()) << all(cloud.warnings);
  EXPECT_TRUE(cloud.inputs.autoscale());
}

TEST(inputs_test, one_time_costs_include_the_observability_setup) {
  Scenario s;
  s.operations.one_time_usd = 1000;
  s.operations.observability_setup_usd = 250;
  EXPECT_EQ(test::resolved(s).one_time_usd(), 1250.0);
}

}  // namespace
}  // namespace tcoscope

namespace tcoscope {
namespace {

TEST(inputs_test, a_gpu_count_that_does_not_divide_the_attention_heads_is_warned_about) {
  Scenario s;
  s.self_host.gpus_per_replica = 3;
  ResolvedInputs r = resolve(s, builtin_catalog());
  bool warned = false;
  for (const Problem& w : r.warnings)
    warned = warned || (w.path == "/self_host/gpus_per_replica" &&
                        w.message.find("40 attention heads") != std::string::npos);
  EXPECT_TRUE(warned);
  s.self_host.gpus_per_replica = 2;
  for (const Problem& w : resolve(s, builtin_catalog()).warnings)
    EXPECT_NE(w.path, "/self_host/gpus_per_replica");
}

}  // namespace
}  // namespace tcoscope
