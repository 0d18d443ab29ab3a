// catalog_test.cpp — the compiled-in catalog loads cleanly, every row is sourced and dated, ids are usable.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "contract/catalog_json.hpp"
#include "json_support.hpp"

namespace tcoscope {
namespace {

const std::regex kId("^[a-z0-9]+([.-][a-z0-9]+)*$");

TEST(catalog_test, builtin_catalog_loads_without_errors) {
  const Catalog& c = builtin_catalog();
  for (const std::string& e : c.load_errors) ADD_FAILURE() << e;
  EXPECT_GE(c.gpus.size(), 12u);
  EXPECT_GE(c.models.size(), 8u);
  EXPECT_GE(c.api_models.size(), 20u);
  EXPECT_GE(c.measurements.size(), 5u);
}

TEST(catalog_test, has_the_gpus_and_models_the_spec_names) {
  const Catalog& c = builtin_catalog();
  for (const char* id : {"rtx-4090", "rtx-5090", "l4", "l40s", "a10g", "a100-40gb", "a100-80gb", "h100-pcie",
                         "h100-sxm", "h200", "b200", "mi300x"})
    EXPECT_TRUE(c.gpu(id)) << id;
  for (const char* id : {"llama-3.3-70b", "qwen3-14b"}) EXPECT_TRUE(c.model(id)) << id;
  for (const char* id : {"gpt-4o-mini", "gpt-4o", "claude-haiku-4-5"}) EXPECT_TRUE(c.api_model(id)) << id;
}

TEST(catalog_test, every_row_has_a_source_and_an_as_of_date) {
  const Catalog& c = builtin_catalog();
  for (const Gpu& g : c.gpus) {
    EXPECT_FALSE(g.spec_source.empty() || g.spec_as_of.empty()) << g.id;
    for (const RentalRate& r : g.rental)
      EXPECT_FALSE(r.source.empty() || r.as_of.empty()) << g.id << " " << r.provider;
    if (g.purchase) EXPECT_FALSE(g.purchase->source.empty() || g.purchase->as_of.empty()) << g.id;
  }
  for (const OpenModel& m : c.models) EXPECT_FALSE(m.source.empty() || m.as_of.empty()) << m.id;
  for (const ApiModel& a : c.api_models) EXPECT_FALSE(a.source.empty() || a.as_of.empty()) << a.id;
  for (const Measurement& m : c.measurements) EXPECT_FALSE(m.source.empty() || m.as_of.empty()) << m.model;
}

TEST(catalog_test, ids_are_unique_lowercase_and_hyphenated) {
  const Catalog& c = builtin_catalog();
  std::set<std::string> seen;
  auto check = [&](const std::string& id) {
    EXPECT_TRUE(std::regex_match(id, kId)) << id;
    EXPECT_TRUE(seen.insert(id).second) << "duplicate " << id;
  };
  for (const Gpu& g : c.gpus) check(g.id);
  for (const OpenModel& m : c.models) check(m.id);
  for (const ApiModel& a : c.api_models) check(a.id);
}

TEST(catalog_test, every_gpu_has_a_default_rental_rate_and_unique_providers) {
  for (const Gpu& g : builtin_catalog().gpus) {
    ASSERT_FALSE(g.rental.empty()) << g.id;
    EXPECT_TRUE(g.rate(g.default_provider)) << g.id;
    std::set<std::string> providers;
    for (const RentalRate& r : g.rental) {
      EXPECT_TRUE(providers.insert(r.provider).second) << g.id << " " << r.provider;
      EXPECT_GT(r.usd_per_gpu_hour, 0) << g.id;
    }
  }
}

TEST(catalog_test, figures_match_the_reference_datasheets) {
  const Catalog& c = builtin_catalog();
  EXPECT_EQ(c.gpu("h100-sxm")->vram_gb, 80);
  EXPECT_EQ(c.gpu("h100-sxm")->memory_bandwidth_gb_per_s, 3350);
  EXPECT_EQ(c.gpu("h100-sxm")->bf16_dense_tflops, 989);  // dense, not the sparse 1,979
  EXPECT_EQ(c.gpu("b200")->vram_gb, 180);                // usable per GPU in DGX B200
  EXPECT_EQ(c.model("llama-3.3-70b")->kv_bytes_per_token_bf16, 327680);
  EXPECT_DOUBLE_EQ(c.api_model("gpt-4o-mini")->usd_per_mtok_input, 0.15);
  EXPECT_DOUBLE_EQ(c.api_model("gpt-4o-mini")->usd_per_mtok_output, 0.60);
  EXPECT_DOUBLE_EQ(*c.api_model("gpt-4o")->usd_per_mtok_cached_input, 1.25);
}

TEST(catalog_test, open_models_map_to_the_api_tier_they_compete_with) {
  const Catalog& c = builtin_catalog();
  EXPECT_EQ(c.model("qwen3-14b")->competes_with_tier, "small");
  EXPECT_EQ(c.api_model("gpt-4o")->tier, "frontier");
  EXPECT_LT(tier_rank("small"), tier_rank("mid"));
  EXPECT_LT(tier_rank("mid"), tier_rank("frontier"));
  EXPECT_EQ(tier_rank("galactic"), -1);
}

TEST(catalog_test, measurements_are_found_by_model_gpu_gpu_count_precision_and_engine) {
  const Catalog& c = builtin_catalog();
  MeasurementQuery q{.model = "qwen3-14b",
                     .gpu = "h100-sxm",
                     .gpus_per_replica = 1,
                     .precision = "bf16",
                     .engine = ServingEngine::vllm,
                     .input_tokens = 1000,
                     .output_tokens = 250};
  MeasurementMatch m = c.match_measurement(q);
  EXPECT_FALSE(m.sizing);  // no steady-state run near 1,000 in / 250 out
  ASSERT_TRUE(m.reference);
  // The reference: same precision and engine, the nearest lengths (GPUStack's 4,000 / 200 vLLM run).
  EXPECT_EQ(m.reference->precision, "bf16");
  EXPECT_EQ(m.reference->serving_engine, ServingEngine::vllm);
  for (const MeasurementMatch::Considered& other : m.considered) {
    EXPECT_EQ(other.row->model, "qwen3-14b");
    EXPECT_FALSE(other.why_not.empty());
  }
  bool sharegpt = false;  // GPUStack vLLM BF16 ShareGPT, a finite run, is among the rows considered
  for (const MeasurementMatch::Considered& other : m.considered)
    sharegpt = sharegpt || (other.row->total_tokens_per_second_per_replica == 6596 &&
                            other.why_not.find("finite run") != std::string::npos);
  EXPECT_TRUE(sharegpt);
  q.gpus_per_replica = 3;
  EXPECT_FALSE(c.match_measurement(q).reference);
  EXPECT_TRUE(c.match_measurement(q).considered.empty());
}

TEST(catalog_test, malformed_catalog_rows_are_reported_not_thrown) {
  using json = tcoscope::Json;
  Catalog c = parse_catalog(json{{"gpus", json::array({json{{"id", "x"}, {"vram_gb", "lots"}}})}},
                            json::object(), json::array(), json(nullptr));
  EXPECT_FALSE(c.load_errors.empty());
}

TEST(catalog_test, a_mistyped_member_is_named_and_an_out_of_range_integer_is_refused) {
  using json = tcoscope::Json;
  const json models = {
      {"models", json::array({json{{"id", "a"}, {"layers", 1e300}}, json{{"id", "b"}, {"layers", 2.5}},
                              json{{"id", "c"}, {"layers", 40}}})}};
  Catalog c = parse_catalog(json{{"gpus", json::array({json{{"id", "x"}, {"vram_gb", "lots"}}})}}, models,
                            json{{"api_models", json::array()}}, json{{"measurements", json::array()}});
  auto has = [&](const std::string& text) {
    for (const std::string& e : c.load_errors)
      if (e.find(text) != std::string::npos) return true;
    return false;
  };
  EXPECT_TRUE(has("gpus[0].vram_gb: of the wrong type"));
  EXPECT_TRUE(has("models[0].layers: of the wrong type"));  // 1e300 is no int: refused, not cast
  EXPECT_TRUE(has("models[1].layers: of the wrong type"));
  ASSERT_EQ(c.models.size(), 1u);
  EXPECT_EQ(c.models[0].layers, 40);
}

}  // namespace
}  // namespace tcoscope
