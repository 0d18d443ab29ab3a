// spot_test.cpp — spot (preemptible) rental capacity (issue 11): the spot rate, the interruption model
// (spare replicas held for availability, capacity lost to restarts) for the whole fleet or the hybrid's
// floor, worked by hand.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "model/evaluate.hpp"
#include "model/gpu_options.hpp"
#include "model/hybrid.hpp"
#include "report/explain.hpp"
#include "test_support.hpp"

namespace tcoscope {
namespace {

using test::bare_gpu;
using test::resolved;

const Explanation* find(const std::vector<Explanation>& lines, std::string_view figure) {
  for (const Explanation& x : lines)
    if (x.figure == figure) return &x;
  return nullptr;
}

void expect_same_costs(const Evaluation& a, const Evaluation& b) {
  EXPECT_EQ(a.self_host.usd_per_month, b.self_host.usd_per_month);
  EXPECT_EQ(a.self_host.breakdown, b.self_host.breakdown);
  EXPECT_EQ(a.self_host.capacity.replicas_peak, b.self_host.capacity.replicas_peak);
  EXPECT_EQ(a.self_host_usd_per_mtok_at_full_load, b.self_host_usd_per_mtok_at_full_load);
  EXPECT_EQ(a.horizon.self_host_usd, b.horizon.self_host_usd);
  EXPECT_EQ(a.horizon.total_self_host_usd, b.horizon.total_self_host_usd);
  EXPECT_EQ(a.horizon.hybrid.total_usd, b.horizon.hybrid.total_usd);
  EXPECT_EQ(a.horizon.hybrid.floor_replicas, b.horizon.hybrid.floor_replicas);
  EXPECT_EQ(a.hybrid.usd_per_month, b.hybrid.usd_per_month);
  EXPECT_EQ(a.verdict.choice, b.verdict.choice);
  EXPECT_EQ(a.verdict.margin_usd_per_month, b.verdict.margin_usd_per_month);
}

TEST(spot_test, spot_with_no_interruptions_at_the_on_demand_rate_equals_on_demand_exactly) {
  // The default scenario (H100 SXM at Crusoe's $3.90 on-demand), with a spiky week so a hybrid floor is a
  // real mix, fixed and autoscaled, spot for the fleet and for the floor only.
  for (bool autoscale : {false, true})
    for (SpotUse use : {SpotUse::fleet, SpotUse::hybrid_floor}) {
      Scenario s;
      s.workload.tokens_per_month = 3e10;
      s.workload.load_profile.preset = LoadPreset::daytime_peaks;
      s.api.model = "gpt-4o";
      s.self_host.cloud.autoscale = autoscale;
      const Evaluation on_demand = evaluate(resolved(s));
      s.self_host.cloud.spot = use;
      s.self_host.cloud.spot_usd_per_gpu_hour = 3.90;
      s.self_host.cloud.spot_spare_share = 0;
      s.self_host.cloud.spot_restart_loss_share = 0;
      SCOPED_TRACE(std::string(name(use)) + (autoscale ? ", autoscaled" : ", fixed"));
      expect_same_costs(evaluate(resolved(s)), on_demand);
    }
}

// A bare GPU (1,000 tok/s, flat load, run to 100 %, no fixed costs) and 26.28B tokens a month: 36M tokens
// an hour, 10 replicas of 3.6M on demand.
Scenario ten_replicas() {
  Scenario s = bare_gpu(2.0, 1000);
  s.workload.tokens_per_month = 26.28e9;
  return s;
}

TEST(spot_test, spot_with_interruptions_costs_what_the_explanation_says) {
  // On spot at $0.80/h, 10 % of capacity lost to restarts and 20 % spare replicas: a replica serves
  // 3.6M × 0.9 = 3.24M tokens/h, so n = ceil(36M / 3.24M) = ceil(11.1) = 12, plus ceil(12 × 20 %) = 3
  // spares: 15 replicas × 730 h × $0.80 = $8,760 a month (on demand: 10 × 730 × $2 = $14,600).
  Scenario s = ten_replicas();
  s.self_host.cloud.spot = SpotUse::fleet;
  s.self_host.cloud.spot_usd_per_gpu_hour = 0.8;
  s.self_host.cloud.spot_restart_loss_share = 0.1;
  s.self_host.cloud.spot_spare_share = 0.2;
  const Evaluation e = evaluate(resolved(s));
  EXPECT_EQ(e.self_host.capacity.replicas_peak, 15);
  EXPECT_NEAR(e.self_host[Component::gpu_rental], 8760.0, 1e-9);
  EXPECT_NEAR(e.self_host.usd_per_month, 8760.0, 1e-9);
  const auto lines = explain(e);
  const Explanation* replicas = find(lines, "self_host.replicas_peak");
  ASSERT_NE(replicas, nullptr);
  EXPECT_EQ(replicas->value, "15");
  EXPECT_NE(replicas->formula.find("(1 − 10% restart loss)"), std::string::npos) << replicas->formula;
  EXPECT_NE(replicas->formula.find("= 12, n + ceil(n × 20% spot spares) + 0 spare"), std::string::npos)
      << replicas->formula;
  const Explanation* rental = find(lines, "self_host.breakdown.gpu_rental");
  ASSERT_NE(rental, nullptr);
  EXPECT_EQ(rental->value, "$8,760.00");
  EXPECT_NE(rental->formula.find("15 GPUs × 730 h × $0.80/h"), std::string::npos) << rental->formula;
  EXPECT_NE(rental->formula.find("spot (your rate)"), std::string::npos) << rental->formula;
  // At full load a served replica-hour costs $0.80 × 1.2 / 0.9 = $1.0667: $0.2963 per 1M tokens of 3.6M.
  EXPECT_NEAR(e.self_host_usd_per_mtok_at_full_load, 0.8 * 1.2 / 0.9 / 3.6, 1e-12);
}

TEST(spot_test, the_spot_rate_is_the_listed_row_else_on_demand_less_the_discount) {
  Scenario s;  // H100 SXM at Crusoe, $3.90 on demand; no spot row
  s.self_host.cloud.spot = SpotUse::fleet;
  EXPECT_DOUBLE_EQ(resolved(s).spot_usd_per_gpu_hour(), 3.90 * (1 - 0.6));
  s.self_host.cloud.spot_discount = 0.7;
  EXPECT_DOUBLE_EQ(resolved(s).spot_usd_per_gpu_hour(), 3.90 * (1 - 0.7));
  // The RTX PRO 6000 at RunPod has a spot row of its own (deploybase.ai, 2026-03): $0.89.
  s.self_host.gpu = "rtx-pro-6000";
  s.self_host.cloud.provider = "runpod";
  EXPECT_DOUBLE_EQ(resolved(s).spot_usd_per_gpu_hour(), 0.89);
  // A rate given wins, and on-demand is no spot: the rate is unused without spot.
  s.self_host.cloud.spot_usd_per_gpu_hour = 0.5;
  EXPECT_DOUBLE_EQ(resolved(s).spot_usd_per_gpu_hour(), 0.5);
}

TEST(spot_test, a_spot_floor_serves_less_and_bills_its_spares) {
  // A floor of 5 spot replicas at $1/h with 10 % restart loss and 20 % spares serves 5 × 3.6M × 0.9 =
  // 16.2M tokens an hour of the 36M (45 %) and bills 5 + ceil(5 × 20 %) = 6 replicas: 6 × 730 × $1 = $4,380.
  Scenario s = ten_replicas();
  s.api.model = "custom";
  s.api.usd_per_mtok_input = s.api.usd_per_mtok_output = s.api.usd_per_mtok_cached_input = 1.0;
  s.self_host.cloud.spot = SpotUse::hybrid_floor;
  s.self_host.cloud.spot_usd_per_gpu_hour = 1.0;
  s.self_host.cloud.spot_restart_loss_share = 0.1;
  s.self_host.cloud.spot_spare_share = 0.2;
  const Inputs in = resolved(s);
  const HybridCost c = hybrid_cost(in, s.workload.tokens_per_month, 5);
  EXPECT_NEAR(c.self_served_tokens, 16.2e6 * kHoursPerMonth, 1e-3);
  EXPECT_NEAR(c.floor[Component::gpu_rental], 4380.0, 1e-9);
  EXPECT_NEAR(c.api.usd_per_month, (36e6 - 16.2e6) * kHoursPerMonth / 1e6, 1e-6);
  // The pure self-hosted fleet stays on demand: 10 × 730 × $2.
  EXPECT_NEAR(evaluate(in).self_host[Component::gpu_rental], 14600.0, 1e-9);
}

TEST(spot_test, which_gpu_lists_spot_rows_priced_with_the_interruption_model) {
  Scenario s;
  s.self_host.gpu = "rtx-pro-6000";
  s.workload.tokens_per_month = 2e10;
  const Inputs in = resolved(s);
  const auto rows = gpu_options(in, builtin_catalog());
  const GpuOption* spot = nullptr;
  const GpuOption* on_demand = nullptr;
  for (const GpuOption& o : rows) {
    if (o.gpu != "rtx-pro-6000" || o.option != "rent") continue;
    if (o.provider == "runpod-spot") spot = &o;
    if (o.provider == "runpod") on_demand = &o;
  }
  ASSERT_NE(spot, nullptr);
  ASSERT_NE(on_demand, nullptr);
  EXPECT_TRUE(spot->spot);
  EXPECT_FALSE(on_demand->spot);
  // The same replicas the load needs, plus ceil(n × 20 %) spares (the restart loss of 0.01 % moves n only
  // at an exact boundary).
  const double n = on_demand->replicas_peak;
  EXPECT_GE(spot->replicas_peak, n + std::ceil(n * 0.2 - 1e-9));
  EXPECT_NEAR(spot->raw_gpu_usd_per_month, spot->gpus * kHoursPerMonth * 0.89, 1e-6);
}

// A catalog spot row chosen as the provider is spot capacity whatever `spot` says: the fleet is priced with
// the interruption model, exactly as with spot set to "fleet" (and as "Which GPU?" prices the row), and a
// warning says why. A rate given in the scenario is the scenario's to describe: nothing changes.
TEST(spot_test, a_spot_row_as_the_provider_is_priced_as_a_spot_fleet) {
  for (SpotUse said : {SpotUse::none, SpotUse::hybrid_floor}) {
    Scenario s;
    s.self_host.gpu = "rtx-pro-6000";
    s.self_host.cloud.provider = "runpod-spot";
    s.workload.tokens_per_month = 2e10;
    s.self_host.cloud.spot = said;
    ResolvedInputs r = resolve(s, builtin_catalog());
    ASSERT_TRUE(r.ok());
    const Problem* w = test::find(r.warnings, "/self_host/cloud/spot");
    ASSERT_NE(w, nullptr);
    EXPECT_NE(w->message.find("\"runpod-spot\" is a spot (preemptible) rate"), std::string::npos)
        << w->message;
    EXPECT_TRUE(r.inputs.spot_fleet);
    Scenario fleet = s;
    fleet.self_host.cloud.spot = SpotUse::fleet;
    ResolvedInputs f = resolve(fleet, builtin_catalog());
    ASSERT_TRUE(f.ok());
    EXPECT_EQ(test::find(f.warnings, "/self_host/cloud/spot"), nullptr);
    expect_same_costs(evaluate(r.inputs), evaluate(f.inputs));
    // The spares are billed: more replicas than the same row priced as if never reclaimed would need.
    Scenario plain = s;
    plain.self_host.cloud.provider = "runpod";
    plain.self_host.cloud.usd_per_gpu_hour = 0.89;
    plain.self_host.cloud.spot = SpotUse::none;
    EXPECT_GT(evaluate(r.inputs).self_host.capacity.replicas_peak,
              evaluate(resolved(plain)).self_host.capacity.replicas_peak);
  }
  Scenario given;
  given.self_host.gpu = "rtx-pro-6000";
  given.self_host.cloud.provider = "runpod-spot";
  given.self_host.cloud.usd_per_gpu_hour = 0.89;
  ResolvedInputs g = resolve(given, builtin_catalog());
  ASSERT_TRUE(g.ok());
  EXPECT_FALSE(g.inputs.spot_fleet);
  EXPECT_EQ(test::find(g.warnings, "/self_host/cloud/spot"), nullptr);
}

// With spot for the hybrid's floor only, the cheapest floor may serve every token: nothing overflows, and the
// "hybrid" is self-hosting on spot. The verdict says so rather than speak of an overflow to the API.
TEST(spot_test, a_spot_floor_that_serves_everything_is_called_self_hosting_on_spot) {
  Scenario s = ten_replicas();  // a flat week: 10 on-demand replicas at $2/h serve it exactly
  s.api.model = "custom";
  s.api.usd_per_mtok_input = s.api.usd_per_mtok_output = s.api.usd_per_mtok_cached_input = 5.0;
  s.self_host.cloud.spot = SpotUse::hybrid_floor;
  s.self_host.cloud.spot_usd_per_gpu_hour = 1.0;  // 10 + 2 spares at $1 beat 10 at $2
  s.self_host.cloud.spot_restart_loss_share = 0;  // so 10 spot replicas serve the week exactly
  const Evaluation e = evaluate(resolved(s));
  ASSERT_EQ(e.verdict.choice, "hybrid");
  EXPECT_LT(e.hybrid.overflow_tokens, 1.0);  // floating-point residue at most
  const Reason* why = nullptr;
  for (const Reason& r : e.verdict.reasons)
    if (r.code == "hybrid_cheapest") why = &r;
  ASSERT_NE(why, nullptr);
  EXPECT_NE(why->message.find("serves every token"), std::string::npos) << why->message;
  EXPECT_NE(why->message.find("self-hosting on spot"), std::string::npos) << why->message;
  EXPECT_EQ(why->message.find("overflow"), std::string::npos) << why->message;
}

TEST(spot_test, owned_gpus_ignore_spot_with_a_warning) {
  Scenario s;
  s.self_host.deployment = Deployment::on_prem;
  const Inputs plain = resolved(s);
  s.self_host.cloud.spot = SpotUse::fleet;
  ResolvedInputs r = resolve(s, builtin_catalog());
  ASSERT_TRUE(r.ok());
  EXPECT_NE(test::find(r.warnings, "/self_host/cloud/spot"), nullptr);
  EXPECT_FALSE(r.inputs.spot_fleet);
  EXPECT_EQ(evaluate(r.inputs).self_host.usd_per_month, evaluate(plain).self_host.usd_per_month);
}

}  // namespace
}  // namespace tcoscope
