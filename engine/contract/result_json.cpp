// result_json.cpp — the shape of every result the engine returns (SPEC §5): evaluate, "Which GPU?", problems.
#include "contract/result_json.hpp"

#include "contract/price_import.hpp"
#include "model/units.hpp"

namespace tcoscope {
namespace {

using json = Json;

json optional_number(const std::optional<double>& x) {
  return x ? json(*x) : json(nullptr);
}

// self_host.throughput: the figure capacity planning used, the modeled one with its memory picture, and the
// measured one when there is one.
json throughput_json(const Inputs& in) {
  json t = {{"source", in.throughput_from},
            {"total_tokens_per_second_per_replica", in.tokens_per_second_per_replica},
            {"modeled", nullptr},
            {"measured", nullptr}};
  if (in.throughput_model) {
    const ThroughputModel& m = *in.throughput_model;
    json modeled = {{"fits", m.fits}, {"problem", m.problem.empty() ? json(nullptr) : json(m.problem)}};
    if (m.fits) {
      modeled.update({{"output_tokens_per_second_per_replica", m.output_tokens_per_second},
                      {"total_tokens_per_second_per_replica", m.total_tokens_per_second},
                      {"offline_total_tokens_per_second_per_replica", m.offline_total_tokens_per_second},
                      {"max_batch", m.max_batch},
                      {"batch", m.batch},
                      {"limited_by", m.limited_by},
                      {"tpot_ms", m.tpot_ms},
                      {"ttft_ms", m.ttft_ms},
                      {"prefill_ms_per_request", m.prefill_ms_per_request},
                      {"bound", m.bound},
                      {"compute_tflops_per_gpu", m.compute_tflops_per_gpu}});
    }
    modeled["memory"] = {{"vram_gb", m.vram_gb},
                         {"usable_gb", m.usable_gb},
                         {"weights_gb", m.weights_gb},
                         {"runtime_overhead_gb", m.runtime_overhead_gb},
                         {"kv_gb_at_batch", m.kv_gb_at_batch},
                         {"free_gb", m.free_gb},
                         {"kv_bytes_per_token", m.kv_bytes_per_token},
                         {"kv_bytes_per_sequence", m.kv_bytes_per_sequence}};
    t["modeled"] = modeled;
    if (m.fits) {
      t["output_tokens_per_second_per_replica"] = m.output_tokens_per_second;
      for (const char* key : {"max_batch", "batch", "tpot_ms", "ttft_ms", "bound", "limited_by"})
        t[key] = modeled[key];
      t["memory"] = modeled["memory"];
    }
  }
  const Throughput& given = in.scenario.self_host.throughput;
  const ThroughputParams& p = in.throughput_params;
  t["engine"] = name(given.engine);
  t["factors"] = {{"mbu", p.mbu},
                  {"mfu", p.mfu},
                  {"mfu_prefill", p.mfu_prefill},
                  {"max_batch", p.max_batch},
                  {"moe_multi_gpu_factor", p.moe_multi_gpu_factor},
                  {"moe_multi_node_factor", p.moe_multi_node_factor},
                  {"tp_efficiency", p.tp_efficiency},
                  {"from", in.engine_profile ? json(in.engine_profile->id) : json(nullptr)}};
  if (in.throughput_model) {
    t["modeled"]["compute_precision"] = in.throughput_model->compute_precision;
    t["modeled"]["moe_factor"] = in.throughput_model->moe_factor;
    t["modeled"]["tp_scaling"] = in.throughput_model->tp_scaling;
    t["modeled"]["gpu_efficiency"] = in.throughput_model->gpu_efficiency;
  }
  auto measurement = [](const Measurement& m) {
    return json{
        {"total_tokens_per_second_per_replica", m.total_tokens_per_second_per_replica},
        {"output_tokens_per_second_per_replica", optional_number(m.output_tokens_per_second_per_replica)},
        {"kind", m.kind},
        {"input_tokens", optional_number(m.input_tokens)},
        {"output_tokens", optional_number(m.output_tokens)},
        {"source", m.source},
        {"as_of", m.as_of},
        {"detail", m.engine + ", " + m.precision + ", " + m.workload}};
  };
  if (in.throughput_from == "scenario" && given.tokens_per_second_per_replica)
    t["measured"] = {{"total_tokens_per_second_per_replica", *given.tokens_per_second_per_replica},
                     {"source", "scenario"}};
  else if (in.measurement)
    t["measured"] = measurement(*in.measurement);
  // A catalog measurement that did not size the fleet, shown for reference with the reason.
  t["reference"] = nullptr;
  if (in.reference_measurement) {
    json r = measurement(*in.reference_measurement);
    r["why_not_used"] = in.reference_why_not.empty() ? json(nullptr) : json(in.reference_why_not);
    t["reference"] = std::move(r);
  }
  // Every catalog row for this model, GPU and GPU count: what it measures and why it did not size the fleet.
  json rows = json::array();
  for (const MeasurementMatch::Considered& c : in.measurements.considered) {
    json r = measurement(*c.row);
    r["sizes_the_fleet"] = c.row == in.measurement;
    std::string why = c.why_not;
    if (why.empty() && c.row != in.measurement)
      why = in.throughput_from == "scenario" ? "the scenario gives its own throughput"
                                             : "the scenario's throughput source is the model";
    r["why_not_used"] = why.empty() ? json(nullptr) : json(why);
    rows.push_back(std::move(r));
  }
  t["catalog_measurements"] = std::move(rows);
  return t;
}

}  // namespace

json to_json(const Problems& problems) {
  json out = json::array();
  for (const Problem& p : problems) {
    json problem = {{"path", p.path}, {"message", p.message}};
    if (!p.code.empty()) problem["code"] = p.code;
    out.push_back(std::move(problem));
  }
  return out;
}

json to_json(const Evaluation& e, const std::vector<Explanation>& explanations) {
  const Inputs& in = e.inputs;
  const Scenario& s = in.scenario;
  const Capacity& cap = e.self_host.capacity;

  json provenance = json::array();
  for (const Provenance& p : in.provenance)
    provenance.push_back({{"path", p.path},
                          {"value", p.value},
                          {"from", p.from},
                          {"source", p.source},
                          {"as_of", p.as_of},
                          {"detail", p.detail},
                          {"catalog_value", p.catalog_value ? json(*p.catalog_value) : json(nullptr)}});
  json inputs = {
      {"api_model", in.api_model ? json{{"id", in.api_model->id},
                                        {"name", in.api_model->name},
                                        {"provider", in.api_model->provider},
                                        {"tier", in.api_model->tier}}
                                 : json{{"id", "custom"}, {"name", "Custom API"}, {"tier", nullptr}}},
      {"self_host_model", in.model ? json{{"id", in.model->id},
                                          {"name", in.model->name},
                                          {"tier", in.model->competes_with_tier},
                                          {"competes_with", in.model->competes_with}}
                                   : json{{"id", "custom"}, {"name", "Custom model"}, {"tier", nullptr}}},
      {"gpu", in.gpu ? json{{"id", in.gpu->id}, {"name", in.gpu->name}, {"vram_gb", in.gpu->vram_gb}}
                     : json{{"id", "custom"}, {"name", "Custom GPU"}}},
      {"provider", in.on_prem() ? json(nullptr) : json(in.provider_name)},
      {"load_profile", in.load_profile_name},
      {"values",
       {{"api_usd_per_mtok_input", in.api_usd_per_mtok_input},
        {"api_usd_per_mtok_cached_input", in.api_usd_per_mtok_cached_input},
        {"api_usd_per_mtok_output", in.api_usd_per_mtok_output},
        {"api_batch_discount", in.api_batch_discount},
        {"tokens_per_second_per_replica", in.tokens_per_second_per_replica},
        {"usd_per_gpu_hour", in.on_prem() ? json(nullptr) : json(in.usd_per_gpu_hour)},
        {"usd_per_gpu", in.on_prem() ? json(in.usd_per_gpu) : json(nullptr)},
        {"watts_per_gpu", in.on_prem() ? json(in.watts_per_gpu) : json(nullptr)}}},
      {"provenance", std::move(provenance)},
  };
  if (in.spot_floor) inputs["values"]["spot_usd_per_gpu_hour"] = in.spot_usd_per_gpu_hour();  // spot only

  json breakdown = json::object();
  for (int c = 0; c < kComponentCount; ++c) {
    auto comp = static_cast<Component>(c);
    if (component_applies(in, comp)) breakdown[std::string(component_key(comp))] = e.self_host.breakdown[c];
  }

  json load_hours = {{"hourly_weights", in.load.weights}, {"replicas_by_hour", e.replicas_by_hour}};
  json demand = json::array(), capacity = json::array();
  for (int h = 0; h < kHoursPerWeek; ++h) {
    demand.push_back(s.workload.tokens_per_month / kHoursPerMonth * in.load.weights[h]);
    capacity.push_back(e.replicas_by_hour[h] * cap.tokens_per_replica_hour);
  }
  load_hours["demand_tokens_per_hour"] = std::move(demand);
  load_hours["capacity_tokens_per_hour"] = std::move(capacity);
  load_hours["peak_to_average"] = in.load.peak_weight;
  load_hours["peak_hour"] = in.load.peak_hour;
  load_hours["target_peak_utilization"] = s.self_host.target_peak_utilization;

  const Horizon& hz = e.horizon;
  // The hybrid: its floor, what it serves, its bill (the floor's components and the overflow's API bill), and
  // the week hour by hour. null when it is not considered (compliance without overflow, or no throughput).
  json hybrid = nullptr;
  if (hz.hybrid.considered) {
    const HybridCost& hc = e.hybrid;
    const HybridPlan& hp = hz.hybrid;
    json floor = json::object();
    for (int c = 0; c < kComponentCount; ++c) {
      auto comp = static_cast<Component>(c);
      if (component_applies(in, comp)) floor[std::string(component_key(comp))] = hc.floor.breakdown[c];
    }
    const double volume = s.workload.tokens_per_month;
    hybrid = {{"floor_replicas", hc.floor_replicas},
              {"gpus", hc.floor_replicas * s.self_host.gpus_per_replica},
              {"kind", hp.pure_api         ? "api_only"
                       : hp.pure_self_host ? "self_host_only"
                                           : "mix"},
              {"self_served_tokens_per_month", hc.self_served_tokens},
              {"overflow_tokens_per_month", hc.overflow_tokens},
              {"self_served_share", volume > 0 ? json(hc.self_served_tokens / volume) : json(nullptr)},
              {"utilization", hc.floor.capacity.utilization},
              {"usd_per_month", hc.usd_per_month},
              {"usd_per_mtok", optional_number(e.hybrid_usd_per_mtok)},
              {"floor_usd_per_month", hc.floor.usd_per_month},
              {"overflow_api_usd_per_month", hc.api.usd_per_month},
              {"floor_breakdown", std::move(floor)},
              {"total_usd", hp.total_usd},
              {"by_hour",
               {{"self_served_tokens_per_hour", e.hybrid_hours.self_served},
                {"overflow_tokens_per_hour", e.hybrid_hours.overflow}}}};
  }
  json reasons = json::array();
  for (const Reason& r : e.verdict.reasons)
    reasons.push_back({{"code", r.code}, {"favors", r.favors}, {"message", r.message}});
  json explain = json::array();
  for (const Explanation& x : explanations)
    explain.push_back({{"figure", x.figure},
                       {"label", x.label},
                       {"formula", x.formula},
                       {"value", x.value},
                       {"text", x.text()}});

  return {
      {"schema_version", kSchemaVersion},
      {"name", s.name},
      {"inputs", std::move(inputs)},
      {"workload",
       {{"tokens_per_month", s.workload.tokens_per_month},
        {"input_tokens_per_month", e.api.input_tokens},
        {"cached_input_tokens_per_month", e.api.cached_input_tokens},
        {"output_tokens_per_month", e.api.output_tokens}}},
      {"api",
       {{"usd_per_month", e.api.usd_per_month},
        {"usd_per_mtok", optional_number(e.api_usd_per_mtok)},
        {"usd_per_mtok_marginal", e.breakeven.api_usd_per_mtok_marginal},
        {"breakdown",
         {{"input", e.api.input_usd},
          {"cached_input", e.api.cached_input_usd},
          {"output", e.api.output_usd},
          {"batch_savings", e.api.batch_savings_usd},
          {"other", e.api.other_usd}}}}},
      {"self_host",
       {{"usd_per_month", e.self_host.usd_per_month},
        {"usd_per_mtok", optional_number(e.self_host_usd_per_mtok)},
        {"usd_per_mtok_at_full_load", e.self_host_usd_per_mtok_at_full_load},
        {"usd_per_mtok_raw_at_utilization", optional_number(e.self_host_usd_per_mtok_raw_at_utilization)},
        {"usd_per_mtok_marginal", e.breakeven.self_host_usd_per_mtok_marginal},
        {"raw_gpu_usd_per_month", e.self_host.raw_gpu_usd_per_month},
        {"utilization", cap.utilization},
        {"replicas_peak", cap.replicas_peak},
        {"replicas_average", cap.replicas_average},
        {"gpus", e.self_host.gpus},
        {"gpu_hours_per_month", cap.gpu_hours_per_month},
        {"tokens_per_second_per_replica", in.tokens_per_second_per_replica},
        {"tokens_per_replica_hour", cap.tokens_per_replica_hour},
        {"peak_demand_tokens_per_hour", cap.peak_demand_tokens_per_hour},
        {"servable_tokens_per_month", cap.servable_tokens_per_month},
        {"throughput", throughput_json(in)},
        {"breakdown", breakdown}}},
      {"breakeven",
       {{"kind", e.breakeven.kind},
        {"tokens_per_month", optional_number(e.breakeven.tokens_per_month)},
        {"api_usd_per_month", optional_number(e.breakeven.api_usd_per_month)},
        {"self_host_usd_per_month", optional_number(e.breakeven.self_host_usd_per_month)}}},
      {"horizon",
       {{"months", s.horizon_months},
        {"month", hz.month},
        {"tokens_per_month", hz.tokens_per_month},
        {"api_usd", hz.api_usd},
        {"self_host_usd", hz.self_host_usd},
        {"self_host_replicas", hz.self_host_replicas},
        {"cumulative_api_usd", hz.cumulative_api_usd},
        {"cumulative_self_host_usd", hz.cumulative_self_host_usd},
        {"one_time_usd", in.one_time_usd()},
        {"payback_month", hz.payback_month ? json(*hz.payback_month) : json(nullptr)},
        {"total_api_usd", hz.total_api_usd},
        {"total_self_host_usd", hz.total_self_host_usd},
        {"hybrid_usd", hz.hybrid.considered ? json(hz.hybrid_usd) : json(nullptr)},
        {"cumulative_hybrid_usd", hz.hybrid.considered ? json(hz.cumulative_hybrid_usd) : json(nullptr)},
        {"total_hybrid_usd", hz.hybrid.considered ? json(hz.hybrid.total_usd) : json(nullptr)}}},
      {"hybrid", std::move(hybrid)},
      {"curves",
       {{"tokens_per_month", e.curves.tokens_per_month},
        {"api_usd_per_month", e.curves.api_usd_per_month},
        {"self_host_usd_per_month", e.curves.self_host_usd_per_month},
        {"hybrid_usd_per_month",
         e.curves.hybrid_usd_per_month.empty() ? json(nullptr) : json(e.curves.hybrid_usd_per_month)},
        {"hybrid_breakeven_tokens_per_month", optional_number(e.curves.hybrid_breakeven_tokens_per_month)}}},
      {"load", std::move(load_hours)},
      {"verdict",
       {{"choice", e.verdict.choice},
        {"margin_usd_per_month", e.verdict.margin_usd_per_month},
        {"runner_up", e.verdict.runner_up},
        {"reasons", std::move(reasons)}}},
      {"explain", std::move(explain)},
      {"prices", to_json(e.prices)},
      {"warnings", to_json(e.warnings)},
  };
}

json to_json(const Evaluation& e) {
  return to_json(e, explain(e));
}

Json to_json(const std::vector<GpuOption>& options) {
  using json = Json;
  json out = json::array();
  for (const GpuOption& o : options) {
    if (!o.fits) {
      out.push_back({{"gpu", o.gpu}, {"gpu_name", o.gpu_name}, {"fits", false}, {"problem", o.problem}});
      continue;
    }
    // One list per row, written in key order: a list already in order is not sorted (json.cpp). Sorting these
    // 21 members took a third of gpus().
    json row = {{"current", o.current},
                {"fits", true},
                {"gpu", o.gpu},
                {"gpu_name", o.gpu_name},
                {"gpus", o.gpus},
                {"gpus_per_replica", o.gpus_per_replica},
                {"measured_tokens_per_second_per_replica",
                 o.measured_tokens_per_second_per_replica ? json(*o.measured_tokens_per_second_per_replica)
                                                          : json(nullptr)},
                {"option", o.option},
                {"price_as_of", o.price_as_of},
                {"price_source", o.price_source},
                {"provider", o.option == "rent" ? json(o.provider) : json(nullptr)},
                {"provider_name", o.option == "rent" ? json(o.provider_name) : json(nullptr)},
                {"raw_gpu_usd_per_month", o.raw_gpu_usd_per_month},
                {"replicas_peak", o.replicas_peak},
                {"spot", o.spot},
                {"tokens_per_second_per_replica", o.tokens_per_second_per_replica},
                {"usd_per_gpu", o.option == "buy" ? json(o.usd_per_gpu) : json(nullptr)},
                {"usd_per_gpu_hour", o.option == "rent" ? json(o.usd_per_gpu_hour) : json(nullptr)},
                {"usd_per_month", o.usd_per_month},
                {"usd_per_mtok", o.usd_per_mtok ? json(*o.usd_per_mtok) : json(nullptr)},
                {"utilization", o.utilization}};
    out.push_back(std::move(row));
  }
  return out;
}

namespace {

json spread_json(const Spread& s) {
  return {{"p10", s.p10}, {"p50", s.p50}, {"p90", s.p90}, {"mean", s.mean}};
}
json reason_json(const Reason& r) {
  return {{"code", r.code}, {"favors", r.favors}, {"message", r.message}};
}

}  // namespace

json to_json(const Sensitivity& s) {
  json ranges = json::array();
  for (const UncertainInput& r : s.ranges)
    ranges.push_back({{"path", r.path},
                      {"label", r.label},
                      {"unit", r.unit},
                      {"value", r.value},
                      {"low", r.low},
                      {"high", r.high},
                      {"dist", std::string(name(r.dist))},
                      {"group", r.group},
                      {"from", r.from},
                      {"reason", r.reason},
                      {"source", r.source},
                      {"as_of", r.as_of}});
  const MonteCarlo& mc = s.monte_carlo;
  json monte_carlo = {{"samples", mc.samples}, {"seed", mc.seed}};
  if (mc.samples > 0)
    monte_carlo.update({{"self_host_cheaper", mc.self_host_cheaper},
                        {"infeasible", mc.infeasible},
                        {"probability_self_host_cheaper", mc.probability_self_host_cheaper},
                        {"standard_error", mc.standard_error},
                        {"saving_usd_per_month", spread_json(mc.saving)},
                        {"api_usd_per_month", spread_json(mc.api_usd_per_month)},
                        {"self_host_usd_per_month", spread_json(mc.self_host_usd_per_month)},
                        {"histogram", {{"edges", mc.histogram_edges}, {"counts", mc.histogram_counts}}}});
  if (mc.hybrid)
    monte_carlo.update({{"hybrid",
                         {{"floor_replicas", mc.hybrid->floor_replicas},
                          {"cheapest", mc.hybrid->cheapest},
                          {"probability_cheapest", mc.hybrid->probability},
                          {"standard_error", mc.hybrid->standard_error}}}});
  json tornado = json::array();
  for (const TornadoBar& b : s.tornado)
    tornado.push_back({{"path", b.path},
                       {"label", b.label},
                       {"unit", b.unit},
                       {"value", b.value},
                       {"low", b.low},
                       {"high", b.high},
                       {"saving_at_low", optional_number(b.saving_at_low)},
                       {"saving_at_high", optional_number(b.saving_at_high)},
                       {"swing", b.swing},
                       {"crosses_verdict", b.crosses_verdict}});
  json flips = json::array();
  for (const FlipPoint& f : s.flips) {
    json j = {{"path", f.path},
              {"label", f.label},
              {"unit", f.unit},
              {"value", f.value},
              {"flip", optional_number(f.flip)},
              {"has_range", f.has_range},
              {"winner", f.winner},
              {"inside_range", f.inside_range}};
    if (f.flip) {
      j["direction"] = f.direction;
      j["clause"] = f.clause;
    }
    flips.push_back(std::move(j));
  }
  return {{"choice", s.choice},
          {"saving_usd_per_month", s.saving_usd_per_month},
          {"api_usd_per_month", s.api_usd_per_month},
          {"self_host_usd_per_month", s.self_host_usd_per_month},
          {"ranges", std::move(ranges)},
          {"monte_carlo", std::move(monte_carlo)},
          {"tornado", std::move(tornado)},
          {"flips", std::move(flips)},
          {"confidence", reason_json(s.confidence)},
          {"what_would_change", reason_json(s.what_would_change)}};
}

}  // namespace tcoscope
