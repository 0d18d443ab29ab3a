// verdict.cpp — compliance overrides cost; otherwise the cheaper option over the horizon wins, and every
// rule of SPEC §1 that applies adds a reason.
#include "model/verdict.hpp"

#include <cmath>

#include "report/format.hpp"

namespace tcoscope {
namespace {

std::string api_name(const Inputs& in) {
  return in.api_model ? in.api_model->name : "the custom API model";
}
std::string model_name(const Inputs& in) {
  return in.model ? in.model->name : "the self-hosted model";
}

}  // namespace

Verdict decide(const Inputs& in, const ApiCost& api, const SelfHostCost& self, const Breakeven& be,
               const Horizon& hz, const HybridCost& hybrid) {
  const Scenario& s = in.scenario;
  Verdict v;
  auto add = [&v](std::string code, std::string favors, std::string message) {
    v.reasons.push_back({std::move(code), std::move(favors), std::move(message)});
  };
  const double months = s.horizon_months;
  const double saving_self =
      (hz.total_api_usd - hz.total_self_host_usd) / months;  // >0: self-hosting cheaper
  const bool tie = std::fabs(saving_self) < kTieUsdPerMonth;
  const bool self_cheaper = saving_self > 0 && !tie;
  const std::string horizon_text = "Over " + std::to_string(s.horizon_months) + " months";

  // The hybrid wins when a real mix (a floor and some overflow) beats every option allowed by a tie's margin.
  const HybridPlan& hp = hz.hybrid;
  const bool compliance = s.constraints.compliance != Compliance::none;
  const double saving_hybrid = plan_saving_per_month(in, hp, hz.total_api_usd, hz.total_self_host_usd);
  const bool hybrid_wins = saving_hybrid > kTieUsdPerMonth;

  if (compliance) {
    v.choice = hybrid_wins ? "hybrid" : "self_host_required";
    v.margin_usd_per_month = hybrid_wins ? saving_hybrid : saving_self;
    add("compliance_requires_self_host", "self_host",
        std::string(label(s.constraints.compliance)) +
            " requirements make self-hosting mandatory whatever it costs" +
            (hybrid_wins ? ", with the overflow to the API that the scenario allows."
             : self_cheaper
                 ? "; here it is also cheaper."
                 : ": here it costs " + fmt::usd_whole(-saving_self) + " a month more than the API."));
  } else {
    v.choice = hybrid_wins ? "hybrid" : self_cheaper ? "self_host" : "api";
    v.margin_usd_per_month = hybrid_wins ? saving_hybrid : tie ? 0.0 : std::fabs(saving_self);
  }
  const bool against_self = compliance || hz.total_self_host_usd < hz.total_api_usd;
  v.runner_up = hybrid_wins ? (against_self ? "self_host" : "api") : v.choice == "api" ? "self_host" : "api";
  if (hybrid_wins) {
    const double k = hp.floor_replicas, volume = s.workload.tokens_per_month;
    const double share = volume > 0 ? hybrid.self_served_tokens / volume : 0;
    const std::string floor = "A self-hosted floor of " + fmt::plain(k) + (in.spot_floor ? " spot" : "") +
                              (k == 1 ? " replica" : " replicas") + " (" +
                              fmt::plain(k * s.self_host.gpus_per_replica) + " GPUs)";
    const std::string costs = " costs " + fmt::usd_whole(hp.total_usd) + " over " +
                              std::to_string(s.horizon_months) + " months: " + fmt::usd_whole(saving_hybrid) +
                              " a month less than " +
                              (against_self ? "self-hosting everything" : "the API alone");
    // A spot floor (spot for the floor only) can be cheapest at a size that serves every token: then the
    // "hybrid" is self-hosting on spot, and nothing goes to the API this month (under a token: rounding).
    if (in.spot_floor && hybrid.overflow_tokens < 1)
      add("hybrid_cheapest", "hybrid",
          floor +
              " serves every token this month, none sent to the API: in effect self-hosting on spot, which" +
              costs + (against_self ? " on demand" : "") +
              (s.workload.monthly_growth > 0 ? "; as volume grows, the API takes what the floor cannot serve."
                                             : "."));
    else
      add("hybrid_cheapest", "hybrid",
          floor + ", serving " + fmt::percent(share) +
              " of the tokens, with the API for each hour's overflow," + costs + ".");
  }

  std::string totals = horizon_text + " the API costs " + fmt::usd_whole(hz.total_api_usd) +
                       " and self-hosting " + fmt::usd_whole(hz.total_self_host_usd);
  if (tie)
    add("costs_tie", "neutral",
        totals +
            ": the same to the cent, so neither saves anything; the API is kept because it needs no "
            "migration and no hardware.");
  else if (self_cheaper)
    add("self_host_cheaper", "self_host",
        totals + ": self-hosting saves " + fmt::usd_whole(saving_self) + " a month on average.");
  else
    add("api_cheaper", "api",
        totals + ": the API saves " + fmt::usd_whole(-saving_self) + " a month on average.");

  if (be.kind == "crossing") {
    double share = s.workload.tokens_per_month / *be.tokens_per_month;
    add("breakeven", "neutral",
        "Self-hosting breaks even at " + fmt::tokens(*be.tokens_per_month) + " tokens a month (" +
            fmt::usd_whole(*be.api_usd_per_month) + " a month of API spend); this workload is " +
            fmt::tokens(s.workload.tokens_per_month) + " (" +
            (share >= 1 ? fmt::plain(share) + "× that" : fmt::percent(share) + " of it") + ").");
  } else if (be.kind == "never") {
    add("breakeven_never", "api",
        "Self-hosting never breaks even: each extra 1M tokens costs " +
            fmt::usd(be.self_host_usd_per_mtok_marginal) +
            " self-hosted (replicas sized for the peak hour at " +
            fmt::percent(s.self_host.target_peak_utilization) + " target load), against the API's " +
            fmt::usd(be.api_usd_per_mtok_marginal) + ".");
  } else {
    add("breakeven_always", "self_host",
        "Self-hosting is cheaper at every volume from " + fmt::volume_range() + " tokens a month.");
  }

  if (hz.payback_month && in.one_time_usd() > 0 && *hz.payback_month > 1)
    add("payback", "neutral",
        "Self-hosting's one-off costs of " + fmt::usd_whole(in.one_time_usd()) + " are paid back in month " +
            std::to_string(*hz.payback_month) + ".");
  else if (!hz.payback_month && !hz.self_host_usd.empty() && hz.self_host_usd.back() < hz.api_usd.back())
    add("no_payback_within_horizon", "api",
        "Self-hosting ends the horizon cheaper per month but does not earn back its one-off costs within " +
            std::to_string(s.horizon_months) + " months.");

  const double u = self.capacity.utilization;
  if (s.workload.tokens_per_month > 0 && u < kLowUtilization)
    add("low_utilization", "api",
        "The GPUs would be busy " + fmt::percent(u) +
            " of the time and cost the same when idle: raw GPU cost per token is " + fmt::plain(1 / u) +
            "× its full-load figure. Below 50% utilization per-token pricing usually wins.");

  if (api.usd_per_month < kTypicalBreakevenApiUsdPerMonth)
    add("below_typical_breakeven", "api",
        "The API bill is " + fmt::usd_whole(api.usd_per_month) +
            " a month, below the ~$4,200 a month at which self-hosting typically starts to pay once "
            "engineering "
            "is counted.");

  if (in.load.peak_weight >= kSpikyPeakToAverage)
    add("spiky_load", "api",
        "The busiest hour carries " + fmt::plain(in.load.peak_weight) + "× the average hour's traffic: " +
            (in.autoscale()
                 ? std::string("autoscaling follows it, but every replica still bills whole hours.")
                 : std::string("a fleet sized for the peak sits idle the rest of the week.")));

  if (in.api_model && in.model) {
    int api_rank = tier_rank(in.api_model->tier), model_rank = tier_rank(in.model->competes_with_tier);
    if (api_rank > model_rank && model_rank >= 0)
      add("tier_mismatch", "api",
          api_name(in) + " is a " + in.api_model->tier + "-tier API, but " + model_name(in) +
              " competes with " + in.model->competes_with_tier + "-tier models such as " +
              in.competes_with_name + ": compare against the tier the product needs.");
    else if (api_rank < model_rank && api_rank >= 0)
      add("tier_mismatch_larger_model", "neutral",
          model_name(in) + " competes with " + in.model->competes_with_tier + "-tier APIs, above " +
              api_name(in) + " (" + in.api_model->tier + " tier): if " + in.api_model->tier +
              "-tier quality is enough, a smaller self-hosted model costs less.");
  }

  // The same open model, served per token by someone else: often the cheapest option of all.
  if (in.hosted_api && in.hosted_api != in.api_model && s.workload.tokens_per_month > 0 &&
      s.constraints.compliance == Compliance::none) {
    Inputs hosted = in;
    hosted.api_model = in.hosted_api;
    hosted.api_usd_per_mtok_input = in.hosted_api->usd_per_mtok_input;
    hosted.api_usd_per_mtok_cached_input =
        in.hosted_api->usd_per_mtok_cached_input.value_or(in.hosted_api->usd_per_mtok_input);
    hosted.api_usd_per_mtok_output = in.hosted_api->usd_per_mtok_output;
    hosted.api_batch_discount = in.hosted_api->batch_discount.value_or(0);
    double hosted_usd = api_cost(hosted, s.workload.tokens_per_month).usd_per_month;
    if (hosted_usd < self.usd_per_month)
      add("hosted_open_model_cheaper", "api",
          in.hosted_api->provider + " serves " + model_name(in) + " itself per token (" +
              in.hosted_api->name + "): " + fmt::usd_whole(hosted_usd) +
              " a month for this workload, against " + fmt::usd_whole(self.usd_per_month) + " self-hosted.");
  }

  const double engineering = self[Component::engineering];
  if (!s.constraints.has_mlops_team) {
    if (engineering <= 0)
      add("engineering_unpriced", "api",
          "No engineering time is priced and there is no MLOps team: someone must run the GPUs (about "
          "$145,000 a "
          "year fully loaded for one engineer in the US).");
    else
      add("no_mlops_team", "api",
          "There is no MLOps team: self-hosting means hiring or reassigning one (priced here at " +
              fmt::usd_whole(engineering) + " a month).");
  } else {
    add("has_mlops_team", "self_host",
        "An existing MLOps team lowers the real cost and risk of running GPUs.");
  }

  if (s.constraints.p99_latency_ms > 0 && s.constraints.p99_latency_ms < kLowLatencyMs)
    add("low_latency_target", "self_host",
        "A p99 latency target of " + fmt::plain(s.constraints.p99_latency_ms) +
            " ms is easier to guarantee on dedicated GPUs than on a shared API.");
  return v;
}

}  // namespace tcoscope
