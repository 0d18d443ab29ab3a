// explain_test.cpp — each figure explains itself with its formula and the numbers put in, the same strings
// the CLI prints and the page shows.
#include "report/explain.hpp"

#include <gtest/gtest.h>

#include <map>

#include "test_support.hpp"

namespace tcoscope {
namespace {

std::map<std::string, std::string> lines_of(const Scenario& s) {
  std::map<std::string, std::string> lines;
  for (const Explanation& x : explain(evaluate(test::resolved(s)))) lines[x.figure] = x.text();
  return lines;
}

TEST(explain_test, owned_gpus_explain_amortization_power_and_space_with_their_inputs) {
  Scenario s;
  s.self_host.deployment = Deployment::on_prem;
  s.self_host.gpus_per_replica = 2;
  s.self_host.on_prem.usd_per_gpu = 17500;
  auto lines = lines_of(s);
  EXPECT_EQ(
      lines["self_host.breakdown.hardware_amortization"],
      "Hardware amortization: 2 GPUs × ($17,500 + $5,000 host) × (1 − 20% residual) / 36 months = $1,000.00");
  EXPECT_NE(lines["self_host.breakdown.electricity"].find("PUE 1.56 × 730 h × $0.13/kWh"), std::string::npos)
      << lines["self_host.breakdown.electricity"];
  EXPECT_NE(lines["self_host.breakdown.facility"].find("$194.95/kW-month"), std::string::npos);
  EXPECT_EQ(lines.count("self_host.breakdown.gpu_rental"), 0u);
}

TEST(explain_test, cost_per_million_tokens_is_explained_three_ways) {
  auto lines = lines_of(Scenario{});
  EXPECT_EQ(lines["self_host.usd_per_mtok_at_full_load"],
            "Raw GPU per 1M tokens at 100% load: $3.90/replica-h / (36.3M tokens/h / 1M) = $0.11");
  EXPECT_NE(lines["self_host.usd_per_mtok_raw_at_utilization"].find("(7.6% utilization) = $1.42"),
            std::string::npos)
      << lines["self_host.usd_per_mtok_raw_at_utilization"];
  EXPECT_NE(lines["self_host.usd_per_mtok"].find("All-in per 1M tokens: $12,094.22 / 2B tokens"),
            std::string::npos);
}

TEST(explain_test, totals_name_every_component_they_add_up) {
  auto lines = lines_of(Scenario{});
  EXPECT_EQ(
      lines["self_host.usd_per_month"],
      "Self-hosting per month: $2,847.00 GPU rental + $0.00 other cloud costs + $6,041.67 engineering + "
      "$2,000.00 model refreshes + $400.00 observability + $805.56 one-off work (spread) = $12,094.22");
  EXPECT_EQ(lines["api.usd_per_month"],
            "API per month: $225.00 uncached + $0.00 cached + $300.00 output − $0.00 batch discount + $0.00 "
            "other = "
            "$525.00");
}

TEST(explain_test, the_breakeven_line_says_never_with_both_marginal_prices) {
  auto lines = lines_of(Scenario{});
  EXPECT_NE(lines["breakeven.tokens_per_month"].find("= never"), std::string::npos);
  EXPECT_NE(lines["breakeven.tokens_per_month"].find("the API's $0.26"), std::string::npos)
      << lines["breakeven.tokens_per_month"];
}

TEST(explain_test, modeled_throughput_shows_memory_and_the_roofline) {
  Scenario s;
  s.self_host.throughput.source = ThroughputSource::modeled;
  auto lines = lines_of(s);
  EXPECT_EQ(lines["self_host.throughput.memory.weights_gb"],
            "Weights: 14.8B parameters × 2 bytes (bf16) = 29.6 GB");
  EXPECT_NE(lines["self_host.throughput.tpot_ms"].find("memory-bound"), std::string::npos);
  EXPECT_NE(lines["self_host.throughput.max_batch"].find("= 197"), std::string::npos);
}

TEST(explain_test, autoscaled_rental_explains_replicas_hour_by_hour) {
  Scenario s;
  s.self_host.cloud.autoscale = true;
  auto lines = lines_of(s);
  EXPECT_NE(lines["self_host.replicas_peak"].find("each hour"), std::string::npos)
      << lines["self_host.replicas_peak"];
  EXPECT_NE(lines["self_host.breakdown.gpu_rental"].find("GPU-h ×"), std::string::npos);
}

}  // namespace
}  // namespace tcoscope
