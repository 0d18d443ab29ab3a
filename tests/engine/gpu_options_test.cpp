// gpu_options_test.cpp — "Which GPU?": every catalog GPU, rented at each rate and bought, cheapest first.
#include "model/gpu_options.hpp"

#include <gtest/gtest.h>

#include <set>

#include "cli/text_report.hpp"
#include "contract/result_json.hpp"
#include "json_support.hpp"
#include "model/evaluate.hpp"
#include "ops.hpp"
#include "test_support.hpp"

namespace tcoscope {
namespace {

TEST(gpu_options_test, lists_every_gpu_rented_at_each_rate_spot_included_and_bought_cheapest_first) {
  Scenario s;
  s.self_host.throughput.source = ThroughputSource::modeled;
  std::vector<GpuOption> rows = gpu_options(test::resolved(s), builtin_catalog());
  std::size_t expected = 0, expected_spot = 0;
  for (const Gpu& g : builtin_catalog().gpus) {
    expected += g.rental.size();  // spot rows too, priced with the interruption model (spot_test.cpp)
    for (const RentalRate& r : g.rental) expected_spot += r.kind == "spot";
    expected += g.purchase ? 1 : 0;
  }
  std::size_t fitting = 0, spot = 0;
  std::set<std::string> gpus;
  for (const GpuOption& o : rows) {
    gpus.insert(o.gpu);
    if (o.fits) ++fitting;
    if (o.fits && o.spot) ++spot;
  }
  EXPECT_EQ(fitting, expected);  // Qwen3 14B fits every catalog GPU with up to 8 per replica
  EXPECT_EQ(spot, expected_spot);
  EXPECT_GT(spot, 0u);
  EXPECT_EQ(gpus.size(), builtin_catalog().gpus.size());
  for (std::size_t i = 1; i < rows.size(); ++i)
    if (rows[i].fits) EXPECT_LE(rows[i - 1].usd_per_month, rows[i].usd_per_month);
}

TEST(gpu_options_test, the_scenarios_own_choice_is_marked_and_priced_as_the_main_result) {
  Scenario s;
  s.self_host.throughput.source = ThroughputSource::modeled;
  Inputs in = test::resolved(s);
  Evaluation e = evaluate(in);
  int current = 0;
  for (const GpuOption& o : gpu_options(in, builtin_catalog()))
    if (o.current) {
      ++current;
      EXPECT_EQ(o.gpu, "h100-sxm");
      EXPECT_EQ(o.option, "rent");
      EXPECT_NEAR(o.usd_per_month, e.self_host.usd_per_month, 1e-6);
    }
  EXPECT_EQ(current, 1);
}

TEST(gpu_options_test, gpus_too_small_for_the_model_use_more_per_replica_or_are_listed_last_with_the_reason) {
  Scenario s;
  s.self_host.model = "llama-3.3-70b";
  s.self_host.gpus_per_replica = 2;
  s.self_host.throughput = Throughput{
      .source = ThroughputSource::modeled, .precision = Precision::fp8, .kv_precision = KvPrecision::fp8};
  std::vector<GpuOption> rows = gpu_options(test::resolved(s), builtin_catalog());
  for (const GpuOption& o : rows) {
    if (o.gpu == "h100-sxm" && o.fits)
      EXPECT_EQ(o.gpus_per_replica, 2);  // 70.6 GB FP8 + runtime > 72 GB usable
    if (o.gpu == "h200" && o.fits) EXPECT_EQ(o.gpus_per_replica, 1);
    if (o.gpu == "rtx-4090" && o.fits) EXPECT_GE(o.gpus_per_replica, 4);
  }
  Scenario huge;
  huge.self_host.model = "deepseek-v3";
  huge.self_host.throughput.source = ThroughputSource::modeled;
  rows = gpu_options(test::resolved_json(R"({"self_host": {"model": "deepseek-v3", "gpus_per_replica": 8,
      "gpu": "h200", "throughput": {"source": "modeled", "precision": "fp8"}}})"),
                     builtin_catalog());
  bool seen_unfit = false;
  for (const GpuOption& o : rows) {
    if (!o.fits) {
      seen_unfit = true;
      EXPECT_FALSE(o.problem.empty()) << o.gpu;
    } else {
      EXPECT_FALSE(seen_unfit) << "unfit rows come last";
    }
  }
  EXPECT_TRUE(seen_unfit);  // 671B parameters do not fit eight 24 GB cards
}

TEST(gpu_options_test, the_operation_returns_the_table_and_rejects_invalid_scenarios) {
  ops::Outcome o = ops::gpus(R"({"workload": {"tokens_per_month": 5e9}})");
  ASSERT_TRUE(o.ok);
  EXPECT_EQ(o.result["model"], "qwen3-14b");
  EXPECT_GT(o.result["options"].size(), 50u);
  EXPECT_EQ(ops::find_non_finite(o.result), "");
  std::string table = cli::gpu_table_text(o.result);
  EXPECT_NE(table.find("← current"), std::string::npos);
  EXPECT_FALSE(ops::gpus(R"({"workload": {"tokens_per_month": -1}})").ok);
  // The scenario's own GPU not fitting does not stop the table.
  EXPECT_TRUE(
      ops::gpus(R"({"self_host": {"model": "llama-3.3-70b", "throughput": {"source": "modeled"}}})").ok);
}

}  // namespace
}  // namespace tcoscope
