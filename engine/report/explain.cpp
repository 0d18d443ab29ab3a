// explain.cpp — every figure as "label: formula = value", with the inputs' own numbers put in. The page shows
// these strings as they are, so the CLI report and the page can never explain a figure differently.
#include "report/explain.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "model/price_path.hpp"
#include "model/throughput.hpp"
#include "model/units.hpp"
#include "report/format.hpp"

namespace tcoscope {
namespace {

using fmt::percent;
using fmt::plain;
using fmt::tokens;
using fmt::usd;
using fmt::usd_input;

std::string per_mtok(double x) {
  return usd(x) + "/1M";
}
std::string lowercase(std::string_view s) {
  std::string out(s);
  if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z' && !(out.size() > 1 && out[1] >= 'A' && out[1] <= 'Z'))
    out[0] = static_cast<char>(out[0] - 'A' + 'a');
  return out;
}
std::string hours_in_month() {
  return plain(kHoursPerMonth) + " h";
}
std::string count(double x, const char* one, const char* many) {
  return plain(x) + " " + (x == 1 ? one : many);
}

// Each section of the explanation reads the same evaluation; one member function a section.
class Explainer {
 public:
  explicit Explainer(const Evaluation& ev)
      : e(ev),
        in(ev.inputs),
        s(in.scenario),
        w(s.workload),
        h(s.self_host),
        o(h.on_prem),
        ops(s.operations),
        a(ev.api),
        sh(ev.self_host),
        cap(sh.capacity),
        v(w.tokens_per_month) {}

  std::vector<Explanation> run() {
    workload();
    api();
    throughput();
    capacity();
    components();
    cost_per_mtok();
    breakeven_and_horizon();
    return std::move(out);
  }

 private:
  void add(std::string figure, std::string label, std::string formula, std::string value) {
    out.push_back({std::move(figure), std::move(label), std::move(formula), std::move(value)});
  }

  void workload() {
    // Workload.
    add("workload.input_tokens_per_month", "Input tokens",
        tokens(v) + " × " + percent(w.input_share) + " input", tokens(a.input_tokens));
    add("workload.output_tokens_per_month", "Output tokens",
        tokens(v) + " − " + tokens(a.input_tokens) + " input", tokens(a.output_tokens));
  }

  void api() {
    // API.
    add("api.breakdown.input", "Uncached input",
        tokens(a.input_tokens) + " × (1 − " + percent(w.cached_input_share) + " cached) × " +
            per_mtok(in.api_usd_per_mtok_input),
        usd(a.input_usd));
    add("api.breakdown.cached_input", "Cached input",
        tokens(a.input_tokens) + " × " + percent(w.cached_input_share) + " cached × " +
            per_mtok(in.api_usd_per_mtok_cached_input),
        usd(a.cached_input_usd));
    add("api.breakdown.output", "Output",
        tokens(a.output_tokens) + " × " + per_mtok(in.api_usd_per_mtok_output), usd(a.output_usd));
    add("api.breakdown.batch_savings", "Batch discount",
        "−" + usd(a.input_usd + a.cached_input_usd + a.output_usd) + " × " + percent(w.batch_share) +
            " batch × " + percent(in.api_batch_discount) + " off",
        usd(a.batch_savings_usd));
    add("api.breakdown.other", "Other API costs", "", usd(a.other_usd));
    add("api.usd_per_month", "API per month",
        usd(a.input_usd) + " uncached + " + usd(a.cached_input_usd) + " cached + " + usd(a.output_usd) +
            " output − " + usd(-a.batch_savings_usd) + " batch discount + " + usd(a.other_usd) + " other",
        usd(a.usd_per_month));
    add("api.usd_per_mtok", "API per 1M tokens",
        e.api_usd_per_mtok ? usd(a.usd_per_month) + " / " + tokens(v) + " tokens × 1M" : "no volume",
        e.api_usd_per_mtok ? usd(*e.api_usd_per_mtok) : "n/a");
  }

  void throughput() {
    // Throughput, when modeled (shown whether or not capacity planning uses it).
    if (in.throughput_model && in.throughput_model->fits && in.model && in.gpu) {
      const ThroughputModel& t = *in.throughput_model;
      const Throughput& tp = h.throughput;
      add("self_host.throughput.memory.weights_gb", "Weights",
          plain(in.model->params_b_total) + "B parameters × " + plain(bytes_per_weight(tp.precision)) +
              " bytes (" + std::string(name(tp.precision)) + ")",
          fmt::number(t.weights_gb, 1) + " GB");
      add("self_host.throughput.memory.kv_gb_at_batch", "KV cache",
          plain(t.batch) + " sequences × " +
              plain(tp.input_tokens_per_request + tp.output_tokens_per_request) + " tokens × " +
              fmt::number(t.kv_bytes_per_token / 1024, 0) + " KiB/token (" +
              std::string(name(tp.kv_precision)) + ")",
          fmt::number(t.kv_gb_at_batch, 1) + " GB");
      add("self_host.throughput.max_batch", "Largest batch in memory",
          "floor((" + fmt::number(t.usable_gb, 1) + " GB usable − " + fmt::number(t.weights_gb, 1) +
              " GB weights − " + fmt::number(t.runtime_overhead_gb, 1) + " GB runtime) / " +
              fmt::number(t.kv_bytes_per_sequence / 1e9, 3) + " GB per sequence)",
          plain(t.max_batch));
      const ThroughputParams& p = in.throughput_params;
      const std::string engine = in.engine_profile ? in.engine_profile->name : "generic";
      auto factor = [&](const std::optional<double>& given, double used, const char* what) {
        return percent(used) + " " + what + (given ? "" : " (" + engine + ")");
      };
      // The factors every rate is scaled by, in the order throughput.cpp applies them.
      std::string scaling;
      if (t.tp_scaling < 1)
        scaling += " × " + fmt::number(t.tp_scaling, 3) + " TP efficiency (" + plain(p.tp_efficiency) +
                   " per doubling)";
      if (t.gpu_efficiency < 1)
        scaling += " × " + plain(t.gpu_efficiency) + " " + in.gpu->name + " efficiency";
      if (t.moe_factor < 1)
        scaling += " × " + plain(t.moe_factor) + " MoE over " + plain(h.gpus_per_replica) + " GPUs";
      add("self_host.throughput.tpot_ms", "Time per output token",
          "max((weights + KV read) / (" + plain(in.gpu->memory_bandwidth_gb_per_s) + " GB/s × " +
              plain(h.gpus_per_replica) + " GPU × " + factor(tp.mbu, p.mbu, "MBU") + scaling +
              "), FLOPs / (" + plain(t.compute_tflops_per_gpu) + " " + t.compute_precision + " TFLOPS × " +
              factor(tp.mfu, p.mfu, "MFU") + scaling + ")) at batch " + plain(t.batch) + ", " + t.bound +
              "-bound",
          fmt::number(t.tpot_ms, 1) + " ms");
      add("self_host.throughput.ttft_ms", "Time to first token",
          "prefill of " + plain(tp.input_tokens_per_request) + " tokens + one decode step",
          fmt::number(t.ttft_ms, 0) + " ms");
      add("self_host.throughput.total_tokens_per_second_per_replica", "Modeled throughput per replica",
          plain(t.batch) + " × (" + plain(tp.input_tokens_per_request) + " + " +
              plain(tp.output_tokens_per_request) + ") tokens / (prefill + " +
              plain(tp.output_tokens_per_request) + " × " + fmt::number(t.tpot_ms, 1) + " ms)",
          plain(t.total_tokens_per_second) + " tok/s");
    }
  }

  void capacity() {
    // Prefix caching on the self-hosted side (throughput.cpp skips the cached share of each prefill).
    if (in.prefix_cache_hit_rate > 0 && in.uncached_tokens_per_second) {
      const double modeled = in.throughput_model->total_tokens_per_second;
      add("self_host.throughput.prefix_cache_gain", "Prefix-cache gain",
          "prefill of " + percent(1 - in.prefix_cache_hit_rate) + " of each prompt through the weights and " +
              percent(1 - in.prefix_cache_hit_rate * in.prefix_cache_hit_rate) +
              " of its attention (1 − h² at " + percent(in.prefix_cache_hit_rate) + " hits): modeled " +
              plain(modeled) + " / " + plain(*in.uncached_tokens_per_second) + " tok/s without the cache" +
              (in.prefix_cache_gain != 1
                   ? ", applied to the measured " +
                         plain(in.tokens_per_second_per_replica / in.prefix_cache_gain) + " tok/s"
                   : ""),
          "× " + fmt::number(modeled / *in.uncached_tokens_per_second, 3));
    }
    // Capacity.
    add("self_host.peak_demand_tokens_per_hour", "Peak-hour demand",
        tokens(v) + " / " + hours_in_month() + " × " + plain(in.load.peak_weight) +
            " (peak hour / average hour, " + in.load_profile_name + ")",
        tokens(cap.peak_demand_tokens_per_hour) + " tokens/h");
    add("self_host.tokens_per_replica_hour", "Replica capacity",
        plain(in.tokens_per_second_per_replica) + " tok/s × " + plain(kSecondsPerHour) + " s",
        tokens(cap.tokens_per_replica_hour) + " tokens/h");
    const CloudRental& cl = h.cloud;
    if (in.spot_fleet) {
      // Spot: n replicas for the load at the capacity restarts leave, and ceil(n × share) spares on top.
      const std::string per = tokens(cap.tokens_per_replica_hour) + " × " +
                              percent(h.target_peak_utilization) + " target × (1 − " +
                              percent(cl.spot_restart_loss_share) + " restart loss)";
      const std::string spares = "n + ceil(n × " + percent(cl.spot_spare_share) + " spot spares) + " +
                                 plain(h.spare_replicas) + " spare";
      double n = std::max(static_cast<double>(h.min_replicas),
                          std::ceil(cap.peak_demand_tokens_per_hour /
                                    (cap.tokens_per_replica_hour * h.target_peak_utilization *
                                     (1 - cl.spot_restart_loss_share)) *
                                    (1 - 1e-12)));
      add("self_host.replicas_peak", "Replicas (spot)",
          in.autoscale()
              ? "each hour: n = max(" + plain(h.min_replicas) + " min, ceil(demand / (" + per + "))), " +
                    spares + "; peak"
              : "n = max(" + plain(h.min_replicas) + " min, ceil(" + tokens(cap.peak_demand_tokens_per_hour) +
                    " / (" + per + "))) = " + plain(n) + ", " + spares,
          plain(cap.replicas_peak));
    }
    std::string replicas_formula =
        in.autoscale()
            ? "each hour: max(" + count(h.min_replicas, "min", "min") + ", ceil(demand / (" +
                  tokens(cap.tokens_per_replica_hour) + " × " + percent(h.target_peak_utilization) +
                  " target))) + " + plain(h.spare_replicas) + " spare; peak"
            : "max(" + plain(h.min_replicas) + " min, ceil(" + tokens(cap.peak_demand_tokens_per_hour) +
                  " / (" + tokens(cap.tokens_per_replica_hour) + " × " + percent(h.target_peak_utilization) +
                  " target))) + " + plain(h.spare_replicas) + " spare";
    if (!in.spot_fleet)
      add("self_host.replicas_peak", "Replicas", replicas_formula, plain(cap.replicas_peak));
    add("self_host.gpu_hours_per_month", "GPU-hours per month",
        in.autoscale() ? plain(cap.replicas_average) + " replicas on average × " +
                             count(h.gpus_per_replica, "GPU", "GPUs") + " × " + hours_in_month()
                       : count(cap.replicas_peak, "replica", "replicas") + " × " +
                             count(h.gpus_per_replica, "GPU", "GPUs") + " × " + hours_in_month(),
        plain(cap.gpu_hours_per_month) + " GPU-h");
    add("self_host.utilization", "Utilization",
        tokens(v) + " served / (" + plain(cap.replica_hours_per_month) + " replica-h × " +
            tokens(cap.tokens_per_replica_hour) + " tokens/h)",
        percent(cap.utilization));
  }

  void components() {
    // Self-host components.
    auto component = [&](Component c, std::string formula) {
      if (!component_applies(in, c)) return;
      add("self_host.breakdown." + std::string(component_key(c)), std::string(component_label(c)),
          std::move(formula), usd(sh[c]));
    };
    const std::string discount =
        in.spot_fleet ? " spot" + spot_rate_origin()
        : h.cloud.commitment_discount > 0
            ? " × (1 − " + percent(h.cloud.commitment_discount) + " commitment discount)"
            : "";
    const double rate = in.spot_fleet ? in.spot_usd_per_gpu_hour() : in.usd_per_gpu_hour;
    const std::string provider = in.spot_fleet ? in.spot_provider_name : in.provider_name;
    component(Component::gpu_rental, in.autoscale()
                                         ? plain(cap.gpu_hours_per_month) + " GPU-h × " + usd(rate) + "/h (" +
                                               provider + ")" + discount
                                         : count(sh.gpus, "GPU", "GPUs") + " × " + hours_in_month() + " × " +
                                               usd(rate) + "/h (" + provider + ")" + discount);
    component(Component::cloud_other, "");
    const double capex = in.usd_per_gpu + o.host_usd_per_gpu;
    const double kw = in.watts_per_gpu / kWattsPerKw;
    component(Component::hardware_amortization,
              count(sh.gpus, "GPU", "GPUs") + " × (" + usd_input(in.usd_per_gpu) + " + " +
                  usd_input(o.host_usd_per_gpu) + " host) × (1 − " + percent(o.residual_value_share) +
                  " residual) / " + plain(o.amortization_months) + " months");
    component(Component::cost_of_capital, count(sh.gpus, "GPU", "GPUs") + " × " + usd_input(capex) +
                                              " × (1 + " + percent(o.residual_value_share) + ") / 2 × " +
                                              percent(o.cost_of_capital_per_year) + "/year / 12");
    component(Component::electricity, count(sh.gpus, "GPU", "GPUs") + " × " + plain(kw) + " kW × (" +
                                          percent(o.idle_power_share) + " idle + " +
                                          percent(1 - o.idle_power_share) + " × " + percent(cap.utilization) +
                                          " load) × PUE " + plain(o.pue) + " × " + hours_in_month() + " × " +
                                          usd(o.usd_per_kwh) + "/kWh");
    component(Component::facility, o.rack_usd_per_month
                                       ? "flat rack cost"
                                       : count(sh.gpus, "GPU", "GPUs") + " × " + plain(kw) + " kW × " +
                                             usd_input(o.colo_usd_per_kw_month) + "/kW-month");
    const Engineering& eng = ops.engineering;
    component(Component::engineering,
              eng.mode == EngineeringMode::fte
                  ? plain(eng.fte) + " FTE × " + usd_input(eng.usd_per_fte_year) + "/year / 12"
                  : usd(sh.raw_gpu_usd_per_month) + " raw GPU cost × (" + plain(eng.overhead_multiplier) +
                        " overhead multiplier − 1)");
    component(Component::model_refreshes, plain(ops.model_refreshes_per_year) + "/year × " +
                                              usd_input(ops.usd_per_model_refresh) + " / 12");
    component(Component::observability, "");
    component(Component::one_time, "(" + usd_input(ops.one_time_usd) + " one-off work + " +
                                       usd_input(ops.observability_setup_usd) + " observability setup) / " +
                                       plain(s.horizon_months) + " months");
    std::string sum;
    for (int c = 0; c < kComponentCount; ++c)
      if (component_applies(in, static_cast<Component>(c)))
        sum += (sum.empty() ? "" : " + ") + usd(sh.breakdown[c]) + " " +
               lowercase(component_label(static_cast<Component>(c)));
    add("self_host.usd_per_month", "Self-hosting per month", sum, usd(sh.usd_per_month));
  }

  void cost_per_mtok() {
    // Cost per 1M tokens, three ways.
    const CloudRental& cl = h.cloud;
    const std::string spot = in.spot_fleet ? " (spot: " + usd(in.spot_usd_per_gpu_hour()) + "/h × " +
                                                 count(h.gpus_per_replica, "GPU", "GPUs") + " × (1 + " +
                                                 percent(cl.spot_spare_share) + " spares) / (1 − " +
                                                 percent(cl.spot_restart_loss_share) + " restart loss))"
                                           : "";
    add("self_host.usd_per_mtok_at_full_load", "Raw GPU per 1M tokens at 100% load",
        usd(sh.raw_usd_per_replica_hour_at_full_load) + "/replica-h" + spot + " / (" +
            tokens(cap.tokens_per_replica_hour) + " tokens/h / 1M)",
        usd(e.self_host_usd_per_mtok_at_full_load));
    add("self_host.usd_per_mtok_raw_at_utilization", "Raw GPU per 1M tokens at actual load",
        e.self_host_usd_per_mtok_raw_at_utilization
            ? usd(sh.raw_gpu_usd_per_month) + " raw GPU / " + tokens(v) + " tokens × 1M" + " (" +
                  percent(cap.utilization) + " utilization)"
            : "no volume",
        e.self_host_usd_per_mtok_raw_at_utilization ? usd(*e.self_host_usd_per_mtok_raw_at_utilization)
                                                    : "n/a");
    add("self_host.usd_per_mtok", "All-in per 1M tokens",
        e.self_host_usd_per_mtok ? usd(sh.usd_per_month) + " / " + tokens(v) + " tokens × 1M" : "no volume",
        e.self_host_usd_per_mtok ? usd(*e.self_host_usd_per_mtok) : "n/a");
  }

  void breakeven_and_horizon() {
    // Breakeven and horizon.
    const Breakeven& b = e.breakeven;
    if (b.kind == "crossing")
      add("breakeven.tokens_per_month", "Breakeven",
          "the volume from which self-hosting stays cheaper; both cost " + usd(*b.api_usd_per_month) +
              " a month there",
          tokens(*b.tokens_per_month) + " tokens/month");
    else if (b.kind == "never")
      add("breakeven.tokens_per_month", "Breakeven",
          "each extra 1M tokens costs " + usd(b.self_host_usd_per_mtok_marginal) +
              " self-hosted ≥ the API's " + usd(b.api_usd_per_mtok_marginal) +
              " (and fixed costs come on top)",
          "never");
    else
      add("breakeven.tokens_per_month", "Breakeven",
          "self-hosting is cheaper at every volume from " + fmt::volume_range() + " tokens/month", "always");
    const Horizon& hz = e.horizon;
    price_paths();
    const double api_change = s.api.price_change_per_year;
    const double own_change = in.on_prem() ? o.price_change_per_year : h.cloud.rate_change_per_year;
    add("horizon.total_api_usd", "API over the horizon",
        "sum of " + plain(s.horizon_months) + " months at " + percent(w.monthly_growth) + " growth a month" +
            (api_change != 0 ? ", month m's per-token prices × " + path_factor(api_change, "m") : ""),
        usd(hz.total_api_usd));
    std::string own_path;
    if (own_change != 0)
      own_path = in.on_prem()
                     ? ", a GPU bought in month p at its price × " + path_factor(own_change, "p − 1") +
                           " and resold at " + percent(o.residual_value_share) + " of the price × " +
                           path_factor(own_change, "p − 1 + " + plain(o.amortization_months))
                     : ", month m's rental rate × " + path_factor(own_change, "m");
    add("horizon.total_self_host_usd", "Self-hosting over the horizon",
        usd_input(in.one_time_usd()) + " up front + sum of " + plain(s.horizon_months) + " months" +
            (in.on_prem()
                 ? " (bought GPUs as straight-line amortization from their purchase month, not cash up front)"
                 : "") +
            own_path,
        usd(hz.total_self_host_usd));
    add("horizon.payback_month", "Payback month",
        "first month from which self-hosting's cumulative cost stays below the API's",
        hz.payback_month ? "month " + std::to_string(*hz.payback_month) : "none within the horizon");
    if (hz.hybrid.considered) hybrid();
    if (e.verdict.choice == "hybrid") {
      const bool vs_self = e.verdict.runner_up == "self_host";
      add("verdict.margin_usd_per_month", "Margin",
          "(" + usd(vs_self ? hz.total_self_host_usd : hz.total_api_usd) + " − " + usd(hz.hybrid.total_usd) +
              ") / " + plain(s.horizon_months) + " months, the hybrid's advantage over " +
              (vs_self ? "self-hosting everything" : "the API alone"),
          usd(e.verdict.margin_usd_per_month) + "/month");
    } else {
      add("verdict.margin_usd_per_month", "Margin",
          "(" + usd(hz.total_api_usd) + " − " + usd(hz.total_self_host_usd) + ") / " +
              plain(s.horizon_months) + " months" + (e.verdict.choice == "api" ? ", API's advantage" : ""),
          usd(e.verdict.margin_usd_per_month) + "/month");
    }
  }

  // "(1 − 20%)^(m/12)": a price path's factor in month `m`.
  static std::string path_factor(double annual, const std::string& m) {
    const std::string t = m.find(' ') == std::string::npos ? m : "(" + m + ")";
    return "(1 " + std::string(annual < 0 ? "− " : "+ ") + percent(annual < 0 ? -annual : annual) + ")^(" +
           t + "/12)";
  }

  // Each price path that moves: its factor by the horizon's last month (model/price_path.hpp).
  void price_paths() {
    const int last = s.horizon_months;
    auto line = [&](const char* figure, const char* label, double annual, const std::string& what,
                    const char* m, int t) {
      if (annual == 0) return;
      add(figure, label,
          what + " × " + path_factor(annual, m) + " in month m, compounded monthly; month " +
              std::to_string(last) + ": " + path_factor(annual, std::to_string(t)),
          "× " + fmt::number(price_path(annual)[t], 3));
    };
    line("horizon.api_price_path", "API price path", s.api.price_change_per_year,
         "today's per-token prices, billed at the month's end:", "m", last);
    if (in.on_prem())
      line("horizon.purchase_price_path", "GPU purchase price path", o.price_change_per_year,
           "today's GPU price, paid at the start of the month:", "m − 1", last - 1);
    else
      line("horizon.rental_price_path", "GPU rental price path", h.cloud.rate_change_per_year,
           "today's rental rate, billed at the month's end:", "m", last);
  }

  bool has_price_paths() const {
    return s.api.price_change_per_year != 0 ||
           (in.on_prem() ? o.price_change_per_year : h.cloud.rate_change_per_year) != 0;
  }

  // Where the spot rate came from.
  std::string spot_rate_origin() const {
    const CloudRental& cl = h.cloud;
    if (cl.spot_usd_per_gpu_hour) return " (your rate)";
    if (in.spot_rate_listed) return " (catalog spot row)";
    return " (" + usd(in.usd_per_gpu_hour) + " on-demand × (1 − " + percent(cl.spot_discount) +
           " spot discount))";
  }

  void hybrid() {
    const HybridPlan& hp = e.horizon.hybrid;
    const HybridCost& hc = e.hybrid;
    if (hp.pure_api || hp.pure_self_host) {
      add("hybrid.floor_replicas", "Hybrid floor",
          std::string("no floor with API overflow beats ") +
              (hp.pure_api ? "the API alone" : "self-hosting everything") + " over the horizon",
          hp.pure_api ? "0 replicas (the API alone)" : "the whole fleet (nothing overflows)");
      return;
    }
    const double per_replica = in.tokens_per_second_per_replica * kSecondsPerHour * h.target_peak_utilization;
    add("hybrid.floor_replicas", "Hybrid floor",
        "the fixed number of replicas that makes the horizon cheapest: each one more must save more API "
        "spend "
        "than it costs",
        plain(hp.floor_replicas) + (hp.floor_replicas == 1 ? " replica" : " replicas"));
    add("hybrid.self_served_tokens_per_month", "Served by the floor",
        "each hour min(demand, " + plain(hp.floor_replicas) + " × " + tokens(per_replica) +
            " tokens/h at the " + percent(h.target_peak_utilization) + " target" +
            (in.spot_floor ? " × (1 − " + percent(h.cloud.spot_restart_loss_share) + " spot restart loss)"
                           : "") +
            "), over the week × " + fmt::number(kWeeksPerMonth, 2) + " weeks",
        tokens(hc.self_served_tokens) + " tokens (" + percent(v > 0 ? hc.self_served_tokens / v : 0) + ")");
    add("hybrid.usd_per_month", "Hybrid per month",
        usd(hc.floor.usd_per_month) + " floor (" +
            (in.spot_floor ? plain(hc.floor.gpus) + " spot GPUs: " + plain(hp.floor_replicas) + " + ceil(" +
                                 plain(hp.floor_replicas) + " × " + percent(h.cloud.spot_spare_share) +
                                 ") spare replicas × " + count(h.gpus_per_replica, "GPU", "GPUs") + " at " +
                                 usd(in.spot_usd_per_gpu_hour()) + "/h" + spot_rate_origin() + ", and"
                           : plain(hp.floor_replicas * h.gpus_per_replica) + " GPUs and") +
            " the operations costs) + " + usd(hc.api.usd_per_month) + " API for " +
            tokens(hc.overflow_tokens) + " overflow tokens",
        usd(hc.usd_per_month));
    add("hybrid.utilization", "Floor utilization",
        tokens(hc.self_served_tokens) + " served by the floor / (" +
            plain(hc.floor.capacity.replica_hours_per_month) + " replica-h × " +
            tokens(hc.floor.capacity.tokens_per_replica_hour) + " tokens/h)",
        percent(hc.floor.capacity.utilization));
    // The floor's bill component by component: self-hosting's, for a fleet of k replicas always on.
    for (int c = 0; c < kComponentCount; ++c) {
      const auto comp = static_cast<Component>(c);
      if (!component_applies(in, comp)) continue;
      add("hybrid.floor_breakdown." + std::string(component_key(comp)),
          "Floor: " + std::string(component_label(comp)),
          "as self-hosting's " + std::string(component_label(comp)) + ", for " +
              count(hc.floor_replicas, "replica", "replicas") + " (" +
              plain(hc.floor.capacity.gpu_hours_per_month) + " GPU-h a month)",
          usd(hc.floor.breakdown[c]));
    }
    const ApiCost& oa = hc.api;
    add("hybrid.overflow_api_usd_per_month", "API for the overflow",
        tokens(hc.overflow_tokens) + " overflow tokens at the API's mix: " + usd(oa.input_usd) +
            " uncached + " + usd(oa.cached_input_usd) + " cached + " + usd(oa.output_usd) + " output − " +
            usd(-oa.batch_savings_usd) + " batch discount + " + usd(oa.other_usd) + " other",
        usd(oa.usd_per_month));
    add("hybrid.usd_per_mtok", "Hybrid per 1M tokens",
        e.hybrid_usd_per_mtok ? usd(hc.usd_per_month) + " / " + tokens(v) + " tokens × 1M" : "no volume",
        e.hybrid_usd_per_mtok ? usd(*e.hybrid_usd_per_mtok) : "n/a");
    add("horizon.total_hybrid_usd", "Hybrid over the horizon",
        usd_input(in.one_time_usd()) + " up front + sum of " + plain(s.horizon_months) +
            " months with the same floor" + (has_price_paths() ? ", at the price paths above" : ""),
        usd(hp.total_usd));
  }

  const Evaluation& e;
  const Inputs& in;
  const Scenario& s;
  const Workload& w;
  const SelfHostOption& h;
  const OnPrem& o;
  const Operations& ops;
  const ApiCost& a;
  const SelfHostCost& sh;
  const Capacity& cap;
  const double v;
  std::vector<Explanation> out;
};

}  // namespace

std::vector<Explanation> explain(const Evaluation& e) {
  return Explainer(e).run();
}

}  // namespace tcoscope
