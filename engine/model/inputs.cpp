// inputs.cpp — catalog lookups, defaults that depend on the catalog, and cross-field checks.
#include "model/inputs.hpp"

#include <algorithm>
#include <cmath>

#include "model/capacity.hpp"
#include "report/format.hpp"

namespace tcoscope {
namespace {

template <class Rows>
std::string ids_of(const Rows& rows) {
  std::string s;
  for (const auto& r : rows) s += (s.empty() ? "" : ", ") + r.id;
  return s;
}

void resolve_api(const Scenario& s, const Catalog& c, ResolvedInputs& r) {
  Inputs& in = r.inputs;
  const ApiOption& a = s.api;
  if (a.model != "custom") {
    in.api_model = c.api_model(a.model);
    if (!in.api_model) {
      r.errors.push_back({"/api/model", "\"" + a.model + "\" is not in the catalog; accepted: " +
                                            ids_of(c.api_models) + ", or \"custom\" with its prices"});
      return;
    }
  }
  const ApiModel* m = in.api_model;
  auto fill = [&](const char* key, const std::optional<double>& given, std::optional<double> catalog_value,
                  double& out) -> bool {
    std::string path = std::string("/api/") + key;
    if (given) {
      out = *given;
      if (m && catalog_value)
        in.provenance.push_back({path, out, "scenario", m->source, m->as_of, m->name, *catalog_value});
      else
        in.provenance.push_back({path, out, "scenario", "", "", ""});
      return true;
    }
    if (m && catalog_value) {
      out = *catalog_value;
      in.provenance.push_back({path, out, "catalog", m->source, m->as_of, m->name});
      return true;
    }
    return false;
  };
  if (!fill("usd_per_mtok_input", a.usd_per_mtok_input,
            m ? std::optional(m->usd_per_mtok_input) : std::nullopt, in.api_usd_per_mtok_input))
    r.errors.push_back(
        {"/api/usd_per_mtok_input", "required for a custom API model; accepted: USD per 1M tokens"});
  if (!fill("usd_per_mtok_output", a.usd_per_mtok_output,
            m ? std::optional(m->usd_per_mtok_output) : std::nullopt, in.api_usd_per_mtok_output))
    r.errors.push_back(
        {"/api/usd_per_mtok_output", "required for a custom API model; accepted: USD per 1M tokens"});
  if (!fill("usd_per_mtok_cached_input", a.usd_per_mtok_cached_input,
            m ? m->usd_per_mtok_cached_input : std::nullopt, in.api_usd_per_mtok_cached_input)) {
    in.api_usd_per_mtok_cached_input = in.api_usd_per_mtok_input;
    if (s.workload.cached_input_share > 0)
      r.warnings.push_back(
          {"/workload/cached_input_share",
           "the API model has no cached-input price; cached input is priced as uncached input"});
  }
  if (!fill("batch_discount", a.batch_discount, m ? m->batch_discount : std::nullopt,
            in.api_batch_discount)) {
    in.api_batch_discount = 0;
    if (s.workload.batch_share > 0)
      r.warnings.push_back(
          {"/workload/batch_share",
           "the API model has no batch API in the catalog; the batch share is priced at full price"});
  }
}

void resolve_self_host(const Scenario& s, const Catalog& c, ResolvedInputs& r) {
  Inputs& in = r.inputs;
  const SelfHostOption& h = s.self_host;
  if (h.model != "custom") {
    in.model = c.model(h.model);
    if (in.model) {
      const ApiModel* peer = c.api_model(in.model->competes_with);
      in.competes_with_name = peer ? peer->name : in.model->competes_with;
      if (!in.model->hosted_api.empty()) in.hosted_api = c.api_model(in.model->hosted_api);
    } else {
      r.errors.push_back({"/self_host/model", "\"" + h.model +
                                                  "\" is not in the catalog; accepted: " + ids_of(c.models) +
                                                  ", or \"custom\" with a measured throughput"});
    }
  }
  if (h.gpu != "custom") {
    in.gpu = c.gpu(h.gpu);
    if (!in.gpu)
      r.errors.push_back({"/self_host/gpu", "\"" + h.gpu + "\" is not in the catalog; accepted: " +
                                                ids_of(c.gpus) + ", or \"custom\" with its prices"});
  }

  // Throughput. The roofline model runs whenever model and GPU are catalog rows, so a measured figure is
  // always shown next to the modeled one; which of them capacity planning uses depends on the source.
  const Throughput& t = h.throughput;
  in.engine_profile = c.engine(t.engine);
  in.throughput_params = throughput_params(s, in.engine_profile, in.gpu);
  if (const EngineProfile* e = in.engine_profile) {
    // The factors the profile filled in, with its source (the page shows them in the empty boxes).
    const ThroughputParams& p = in.throughput_params;
    auto filled = [&](const char* key, bool given, double value) {
      if (!given)
        in.provenance.push_back({std::string("/self_host/throughput/") + key, value, "catalog", e->source,
                                 e->as_of, e->name + " profile"});
    };
    filled("mbu", t.mbu.has_value(), p.mbu);
    filled("mfu", t.mfu.has_value(), p.mfu);
    filled("mfu_prefill", t.mfu_prefill.has_value(), p.mfu_prefill);
    filled("max_batch", t.max_batch.has_value(), p.max_batch);
  }
  if (in.model && in.gpu) {
    in.throughput_model = model_throughput(*in.gpu, *in.model, h.gpus_per_replica, in.throughput_params);
    if (in.model->q_heads > 0 && in.model->q_heads % h.gpus_per_replica != 0)
      r.warnings.push_back({"/self_host/gpus_per_replica",
                            "tensor parallelism over " + std::to_string(h.gpus_per_replica) +
                                " GPUs does not divide " + in.model->name + "'s " +
                                std::to_string(in.model->q_heads) +
                                " attention heads; serving engines need a divisor such as 1, 2, 4 or 8"});
    if (t.input_tokens_per_request + t.output_tokens_per_request > in.model->context_tokens)
      r.warnings.push_back({"/self_host/throughput/input_tokens_per_request",
                            "input + output tokens per request exceed " + in.model->name + "'s context of " +
                                fmt::plain(in.model->context_tokens) + " tokens"});
    if (is_fp4(t.precision) && !in.gpu->fp4_dense_tflops)
      r.warnings.push_back({"/self_host/throughput/precision",
                            in.gpu->name + " has no FP4 tensor cores: the FP4 weights save memory, and the "
                                           "matmuls run in BF16 after dequantization (as INT4 does)"});
  }
  // Which catalog measurement may size the fleet (Catalog::match_measurement), else which is shown beside.
  const MeasurementMatch match = c.match_measurement(
      {.model = h.model,
       .gpu = h.gpu,
       .gpus_per_replica = h.gpus_per_replica,
       .precision = name(t.precision),
       .engine = t.engine,
       .input_tokens = t.input_tokens_per_request,
       .output_tokens = t.output_tokens_per_request,
       .latency_target = s.constraints.p99_latency_ms > 0 || s.constraints.p99_ttft_ms > 0,
       .batch_cap = in.throughput_params.max_batch < 1000000 ? in.throughput_params.max_batch : 0});
  auto measurement_detail = [](const Measurement& m) {
    return m.engine + ", " + m.precision + ", " + m.workload + " (" + std::string(name(m.measurement_kind)) +
           ")";
  };

  const char* tps_path = "/self_host/throughput/tokens_per_second_per_replica";
  const ThroughputModel* modeled = in.throughput_model ? &*in.throughput_model : nullptr;
  auto use_model = [&](const char* error_path) {
    if (modeled && modeled->fits) {
      in.tokens_per_second_per_replica = modeled->total_tokens_per_second;
      in.throughput_from = "modeled";
      in.provenance.push_back({tps_path, in.tokens_per_second_per_replica, "default", "MODEL.md roofline", "",
                               "modeled: batch " + std::to_string(modeled->batch) + ", " +
                                   fmt::number(modeled->tpot_ms, 1) + " ms per output token, " +
                                   modeled->bound + "-bound"});
      return true;
    }
    if (modeled) r.errors.push_back({error_path, modeled->problem, "does_not_fit"});
    return false;
  };
  if (t.source == ThroughputSource::modeled) {
    if (t.tokens_per_second_per_replica)
      r.warnings.push_back({tps_path, "ignored: the source is \"modeled\""});
    if (!modeled) {
      r.errors.push_back({"/self_host/throughput/source",
                          "\"modeled\" needs a catalog model and a catalog GPU; accepted: \"measured\" with "
                          "tokens_per_second_per_replica for a custom model or GPU"});
    } else {
      use_model("/self_host/gpus_per_replica");
    }
  } else if (t.tokens_per_second_per_replica) {
    in.tokens_per_second_per_replica = *t.tokens_per_second_per_replica;
    in.throughput_from = "scenario";
    Provenance p{tps_path, in.tokens_per_second_per_replica, "scenario", "", "", ""};
    const Measurement* m = match.sizing ? match.sizing : match.reference;
    if (m) {
      p.catalog_value = m->total_tokens_per_second_per_replica;
      p.source = m->source;
      p.as_of = m->as_of;
      p.detail = measurement_detail(*m);
    } else if (modeled && modeled->fits) {
      p.catalog_value = modeled->total_tokens_per_second;
      p.source = "MODEL.md roofline";
      p.detail = "modeled";
    }
    in.provenance.push_back(p);
    if (modeled && !modeled->fits)
      r.warnings.push_back(
          {"/self_host/gpus_per_replica", "the memory model disagrees: " + modeled->problem});
  } else if (const Measurement* m = match.sizing) {
    in.tokens_per_second_per_replica = m->total_tokens_per_second_per_replica;
    in.throughput_from = "catalog";
    in.provenance.push_back(
        {tps_path, in.tokens_per_second_per_replica, "catalog", m->source, m->as_of, measurement_detail(*m)});
  } else if (in.model && in.gpu) {
    if (use_model("/self_host/gpus_per_replica")) {
      const std::string sized =
          "sized on the modeled " + fmt::plain(in.tokens_per_second_per_replica) + " tokens/s";
      const std::string pair = h.model + " on " + std::to_string(h.gpus_per_replica) + "× " + h.gpu;
      if (const Measurement* ref = match.reference)
        r.warnings.push_back({tps_path,
                              sized + ", not on the catalog's " +
                                  fmt::plain(ref->total_tokens_per_second_per_replica) + " tokens/s for " +
                                  pair + " (" + ref->engine + ", " + ref->workload +
                                  "), which does not size the fleet: " + match.why_not +
                                  ". The measurement is shown beside the model",
                              "sized_on_model"});
      else
        r.warnings.push_back(
            {tps_path, "no published measurement for " + pair + " in the catalog: " + sized});
    }
  } else if (h.model == "custom" || h.gpu == "custom") {
    r.errors.push_back({tps_path,
                        "required with a custom model or GPU; accepted: the input + output tokens per "
                        "second one replica serves"});
  }
  // Prefix caching on the self-hosted side. The model skips the cached share of each prompt's prefill
  // (throughput.cpp); a measured figure taken without caching gets the same gain, the ratio of the model
  // with and without the hit rate.
  in.prefix_cache_hit_rate = in.throughput_params.prefix_cache_hit_rate;
  if (in.prefix_cache_hit_rate > 0 && modeled && modeled->fits) {
    ThroughputParams uncached = in.throughput_params;
    uncached.prefix_cache_hit_rate = 0;
    ThroughputModel u = model_throughput(*in.gpu, *in.model, h.gpus_per_replica, uncached);
    if (u.fits) in.uncached_tokens_per_second = u.total_tokens_per_second;
  }
  const bool measured = in.throughput_from == "scenario" || in.throughput_from == "catalog";
  if (measured && in.prefix_cache_hit_rate > 0 && !t.measurement_includes_prefix_cache) {
    if (in.uncached_tokens_per_second && *in.uncached_tokens_per_second > 0) {
      in.prefix_cache_gain = modeled->total_tokens_per_second / *in.uncached_tokens_per_second;
      in.tokens_per_second_per_replica *= in.prefix_cache_gain;
    } else {
      r.warnings.push_back(
          {"/self_host/throughput/prefix_cache_hit_rate",
           "the prefix cache's gain is not applied to the measured throughput: it comes from "
           "the throughput model, which needs a catalog model and GPU that fit",
           "prefix_cache_not_applied"});
    }
  }
  // The measurement that sized the fleet, or else the one shown beside the figure used.
  const bool sized_on_catalog = in.throughput_from == "catalog";
  in.measurement = sized_on_catalog ? match.sizing : nullptr;
  in.reference_measurement = sized_on_catalog ? nullptr : match.sizing ? match.sizing : match.reference;
  in.reference_why_not = sized_on_catalog || match.sizing ? "" : match.why_not;
  in.measurements = match;

  if (!in.on_prem()) {
    const CloudRental& cl = h.cloud;
    if (cl.usd_per_gpu_hour) {
      in.usd_per_gpu_hour = *cl.usd_per_gpu_hour;
      in.provider_name = cl.provider.empty() ? "your rate" : cl.provider;
      Provenance p{"/self_host/cloud/usd_per_gpu_hour", in.usd_per_gpu_hour, "scenario", "", "", ""};
      if (in.gpu)
        if (const RentalRate* rate =
                in.gpu->rate(cl.provider.empty() ? in.gpu->default_provider : cl.provider)) {
          p.catalog_value = rate->usd_per_gpu_hour;
          p.source = rate->source;
          p.as_of = rate->as_of;
          p.detail = rate->provider_name;
        }
      in.provenance.push_back(p);
    } else if (in.gpu) {
      std::string provider = cl.provider.empty() ? in.gpu->default_provider : cl.provider;
      const RentalRate* rate = in.gpu->rate(provider);
      if (!rate) {
        std::string listed;
        for (const RentalRate& rr : in.gpu->rental) listed += (listed.empty() ? "" : ", ") + rr.provider;
        r.errors.push_back({"/self_host/cloud/provider",
                            "\"" + provider + "\" has no listed rate for " + in.gpu->id + "; accepted: " +
                                (listed.empty() ? "none listed, give usd_per_gpu_hour" : listed) +
                                ", or give usd_per_gpu_hour"});
      } else {
        in.usd_per_gpu_hour = rate->usd_per_gpu_hour;
        in.provider_name = rate->provider_name;
        in.provenance.push_back({"/self_host/cloud/usd_per_gpu_hour", in.usd_per_gpu_hour, "catalog",
                                 rate->source, rate->as_of,
                                 rate->provider_name + (rate->kind.empty() ? "" : " " + rate->kind)});
      }
    } else if (h.gpu == "custom") {
      r.errors.push_back(
          {"/self_host/cloud/usd_per_gpu_hour", "required with a custom GPU; accepted: USD per GPU-hour"});
    }
  } else {
    const OnPrem& o = h.on_prem;
    if (o.usd_per_gpu) {
      in.usd_per_gpu = *o.usd_per_gpu;
      Provenance p{"/self_host/on_prem/usd_per_gpu", in.usd_per_gpu, "scenario", "", "", ""};
      if (in.gpu && in.gpu->purchase) {
        p.catalog_value = in.gpu->purchase->usd_per_gpu;
        p.source = in.gpu->purchase->source;
        p.as_of = in.gpu->purchase->as_of;
        p.detail = in.gpu->purchase->condition;
      }
      in.provenance.push_back(p);
    } else if (in.gpu && in.gpu->purchase) {
      const Purchase& p = *in.gpu->purchase;
      in.usd_per_gpu = p.usd_per_gpu;
      in.provenance.push_back(
          {"/self_host/on_prem/usd_per_gpu", in.usd_per_gpu, "catalog", p.source, p.as_of,
           p.condition + ", range " + fmt::usd_whole(p.usd_low) + "–" + fmt::usd_whole(p.usd_high)});
    } else if (in.gpu || h.gpu == "custom") {
      r.errors.push_back(
          {"/self_host/on_prem/usd_per_gpu",
           (in.gpu ? in.gpu->id + " has no purchase price in the catalog (not sold to the public)"
                   : std::string("required with a custom GPU")) +
               "; accepted: the purchase price per GPU in USD"});
    }
    if (o.watts_per_gpu) {
      in.watts_per_gpu = *o.watts_per_gpu;
      Provenance p{"/self_host/on_prem/watts_per_gpu", in.watts_per_gpu, "scenario", "", "", ""};
      if (in.gpu) {
        p.catalog_value = in.gpu->tdp_watts * kHostPowerFactor;
        p.source = in.gpu->spec_source;
        p.as_of = in.gpu->spec_as_of;
        p.detail = "TDP " + fmt::plain(in.gpu->tdp_watts) + " W × 1.4 for the host's share";
      }
      in.provenance.push_back(p);
    } else if (in.gpu) {
      in.watts_per_gpu = in.gpu->tdp_watts * kHostPowerFactor;
      in.provenance.push_back({"/self_host/on_prem/watts_per_gpu", in.watts_per_gpu, "default",
                               in.gpu->spec_source, in.gpu->spec_as_of,
                               "TDP " + fmt::plain(in.gpu->tdp_watts) + " W × 1.4 for the host's share"});
    } else if (h.gpu == "custom") {
      r.errors.push_back(
          {"/self_host/on_prem/watts_per_gpu", "required with a custom GPU; accepted: watts per GPU"});
    }
    if (h.cloud.autoscale)
      r.warnings.push_back({"/self_host/cloud/autoscale", "ignored: owned GPUs are a fixed fleet"});
    if (h.cloud.spot != SpotUse::none)
      r.warnings.push_back({"/self_host/cloud/spot", "ignored: owned GPUs are not spot capacity"});
  }
}

// The spot rate: the scenario's, else the catalog's spot row for the provider (the chosen row itself when it
// is a spot row, or the provider's "-spot" row), else the on-demand rate less the spot discount.
void resolve_spot(const Scenario& s, SpotUse use, ResolvedInputs& r) {
  Inputs& in = r.inputs;
  const CloudRental& cl = s.self_host.cloud;
  in.spot_fleet = use == SpotUse::fleet;
  in.spot_floor = use != SpotUse::none;
  const char* path = "/self_host/cloud/spot_usd_per_gpu_hour";
  const RentalRate* row = nullptr;
  if (in.gpu) {
    std::string provider = cl.provider.empty() ? in.gpu->default_provider : cl.provider;
    for (const RentalRate& rr : in.gpu->rental)
      if (rr.kind == "spot" && (rr.provider == provider || rr.provider == provider + "-spot")) row = &rr;
  }
  if (cl.spot_usd_per_gpu_hour) {
    in.spot_rate_listed = *cl.spot_usd_per_gpu_hour;
    in.spot_provider_name = in.provider_name;
    Provenance p{path, *cl.spot_usd_per_gpu_hour, "scenario", "", "", ""};
    if (row) {
      p.catalog_value = row->usd_per_gpu_hour;
      p.source = row->source;
      p.as_of = row->as_of;
      p.detail = row->provider_name + " spot";
    }
    in.provenance.push_back(p);
  } else if (row) {
    in.spot_rate_listed = row->usd_per_gpu_hour;
    in.spot_provider_name = row->provider_name;
    in.provenance.push_back(
        {path, row->usd_per_gpu_hour, "catalog", row->source, row->as_of, row->provider_name + " spot"});
  } else {
    in.spot_provider_name = in.provider_name;
    in.provenance.push_back({path, in.spot_usd_per_gpu_hour(), "default", "FACTS.md §3 (spot 40-80 % less)",
                             "2026",
                             "on-demand × (1 − " + fmt::percent(cl.spot_discount) + " spot discount)"});
  }
  if (cl.commitment_discount > 0 && in.spot_fleet)
    r.warnings.push_back({"/self_host/cloud/commitment_discount",
                          "ignored: the whole fleet runs on spot, which takes no commitment"});
}

// Whether the fleet is rented at a catalog row that is itself a spot rate (a "-spot" provider), not at a rate
// the scenario gives.
bool rented_on_spot_row(const Scenario& s, const Inputs& in) {
  const CloudRental& cl = s.self_host.cloud;
  if (!in.gpu || cl.usd_per_gpu_hour || cl.provider.empty()) return false;
  const RentalRate* rate = in.gpu->rate(cl.provider);
  return rate && rate->kind == "spot";
}

}  // namespace

// A check across fields, which no per-key range or schema can state.
Problems scale_problems(const Inputs& in) {
  Problems errors;
  const Scenario& s = in.scenario;
  const Workload& w = s.workload;
  double last = w.tokens_per_month;  // the horizon's last month, by the same repeated multiplication
  for (int m = 1; m < s.horizon_months; ++m) last *= 1 + w.monthly_growth;
  if (w.monthly_growth > 0 && last > kMaxTokensPerMonth) {
    double most = std::pow(kMaxTokensPerMonth / w.tokens_per_month, 1.0 / (s.horizon_months - 1)) - 1;
    errors.push_back({"/workload/monthly_growth",
                      "growing " + fmt::percent(w.monthly_growth) + " a month from " +
                          fmt::tokens(w.tokens_per_month) + " tokens, month " +
                          std::to_string(s.horizon_months) + " would need " + fmt::tokens(last) +
                          " tokens; accepted: growth that stays within " + fmt::tokens(kMaxTokensPerMonth) +
                          " tokens a month over the horizon (here at most " + fmt::percent(most) +
                          " a month, or a shorter horizon)",
                      "exceeds_limits"});
    return errors;
  }
  const double busiest = std::max(w.tokens_per_month, last);
  const CloudRental& cl = s.self_host.cloud;
  const double per_replica_hour = in.tokens_per_second_per_replica * kSecondsPerHour *
                                  s.self_host.target_peak_utilization *
                                  (in.spot_fleet ? 1 - cl.spot_restart_loss_share : 1.0);
  if (!(per_replica_hour > 0) || busiest <= 0) return errors;
  const double peak_hour = busiest / kHoursPerMonth * in.load.peak_weight;
  double needed = std::ceil(peak_hour / per_replica_hour);
  if (in.spot_fleet) needed += std::ceil(needed * cl.spot_spare_share);
  if (needed <= kMaxReplicas) return errors;
  const bool by_growth =
      std::ceil(w.tokens_per_month / kHoursPerMonth * in.load.peak_weight / per_replica_hour) <= kMaxReplicas;
  const char* path = by_growth ? "/workload/monthly_growth"
                     : s.self_host.throughput.tokens_per_second_per_replica
                         ? "/self_host/throughput/tokens_per_second_per_replica"
                         : "/workload/tokens_per_month";
  errors.push_back({path,
                    std::string(by_growth ? "by month " + std::to_string(s.horizon_months) + " the volume "
                                          : "the volume ") +
                        "of " + fmt::tokens(busiest) + " tokens a month peaks at " + fmt::tokens(peak_hour) +
                        " tokens an hour, which needs " + fmt::plain(needed) + " replicas of " +
                        fmt::plain(in.tokens_per_second_per_replica) + " tokens/s at " +
                        fmt::percent(s.self_host.target_peak_utilization) +
                        " target load; accepted: a scenario whose fleet stays within " +
                        fmt::plain(kMaxReplicas) +
                        " replicas (a lower volume or growth, or a higher throughput)",
                    "exceeds_limits"});
  return errors;
}

ResolvedInputs resolve(const Scenario& s, const Catalog& catalog) {
  ResolvedInputs r;
  Inputs& in = r.inputs;
  in.scenario = s;
  in.is_on_prem = s.self_host.deployment == Deployment::on_prem;
  in.is_autoscaled = !in.is_on_prem && s.self_host.cloud.autoscale;
  in.engineering_by_fte = s.operations.engineering.mode == EngineeringMode::fte;
  const LoadProfile& lp = s.workload.load_profile;
  if (!lp.hourly_weights.empty()) {
    in.load = normalize(lp.hourly_weights);
    in.load_profile_name = "custom";
  } else {
    in.load = normalize(preset_raw_weights(lp.preset));
    in.load_profile_name = name(lp.preset);
  }
  resolve_api(s, catalog, r);
  resolve_self_host(s, catalog, r);
  if (!in.is_on_prem) {
    SpotUse use = s.self_host.cloud.spot;
    if (use != SpotUse::fleet && rented_on_spot_row(s, in)) {
      // A catalog spot row is preemptible capacity whatever `spot` says: priced without the interruption
      // model it would look as reliable as on-demand at the spot price ("Which GPU?" prices such rows as spot
      // fleets).
      use = SpotUse::fleet;
      r.warnings.push_back(
          {"/self_host/cloud/spot",
           "\"" + s.self_host.cloud.provider +
               "\" is a spot (preemptible) rate, so the whole fleet is priced as " +
               "spot capacity, with its spare replicas and restarts; set spot to \"fleet\" to say so"});
    }
    if (use != SpotUse::none) resolve_spot(s, use, r);
  }
  if (r.ok()) r.errors = scale_problems(in);
  return r;
}

}  // namespace tcoscope
