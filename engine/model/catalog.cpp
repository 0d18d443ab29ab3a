// catalog.cpp — lookups over the catalog rows, and the rule that decides which measurement may size a fleet.
#include "model/catalog.hpp"

#include <algorithm>

#include "report/format.hpp"

namespace tcoscope {
namespace {

template <class T>
const T* find_by_id(const std::vector<T>& rows, std::string_view id) {
  for (const T& row : rows)
    if (row.id == id) return &row;
  return nullptr;
}

}  // namespace

const RentalRate* Gpu::rate(std::string_view provider) const {
  for (const RentalRate& r : rental)
    if (r.provider == provider) return &r;
  return nullptr;
}

const Gpu* Catalog::gpu(std::string_view id) const {
  return find_by_id(gpus, id);
}
const OpenModel* Catalog::model(std::string_view id) const {
  return find_by_id(models, id);
}
const ApiModel* Catalog::api_model(std::string_view id) const {
  return find_by_id(api_models, id);
}

const EngineProfile* Catalog::engine(ServingEngine id) const {
  return find_by_id(engines, name(id));
}

EngineFactors engine_factors(const EngineProfile& p, const Gpu* gpu) {
  EngineFactors f{p.mbu, p.mfu, p.mfu_prefill, p.max_batch};
  if (!gpu) return f;
  if (p.high_bandwidth_mbu && p.high_bandwidth_gb_per_s > 0 &&
      gpu->memory_bandwidth_gb_per_s >= p.high_bandwidth_gb_per_s)
    f.mbu = *p.high_bandwidth_mbu;
  bool excepted =
      std::find(p.large_gpu_except.begin(), p.large_gpu_except.end(), gpu->id) != p.large_gpu_except.end();
  if (p.large_gpu_max_batch && p.large_gpu_vram_gb > 0 && gpu->vram_gb >= p.large_gpu_vram_gb && !excepted)
    f.max_batch = p.large_gpu_max_batch;
  return f;
}

namespace {

bool within(double measured, double wanted) {
  return measured <= wanted * kMeasurementLengthTolerance && measured * kMeasurementLengthTolerance >= wanted;
}

// Why `m` may not size a fleet for `q`: empty when it may.
std::vector<std::string> objections(const Measurement& m, const MeasurementQuery& q) {
  std::vector<std::string> out;
  if (m.precision != q.precision)
    out.push_back("it was measured with " + m.precision + " weights, the scenario runs " +
                  std::string(q.precision));
  if (q.engine != ServingEngine::custom && m.serving_engine != q.engine)
    out.push_back("it was measured with " + m.engine + ", the scenario runs " + std::string(label(q.engine)));
  switch (m.measurement_kind) {
    case MeasurementKind::steady_state:
      break;
    case MeasurementKind::finite_run:
      out.push_back("it is a " + std::string(label(m.measurement_kind)) +
                    ", which ranks GPUs but does not size a fleet (MODEL.md §8)");
      break;
    case MeasurementKind::single_stream:
      if (q.batch_cap != 1)
        out.push_back("it is a single-stream (batch 1) figure and the scenario batches up to " +
                      (q.batch_cap > 0 ? fmt::plain(q.batch_cap) : std::string("what memory allows")) +
                      " sequences");
      break;
    case MeasurementKind::latency_bound:
      if (!q.latency_target)
        out.push_back("it is a latency-bound run and the scenario sets no latency target");
      break;
  }
  if (!m.input_tokens || !m.output_tokens)
    out.push_back("its request lengths are not stated");
  else if (!within(*m.input_tokens, q.input_tokens) || !within(*m.output_tokens, q.output_tokens))
    out.push_back("its requests (" + fmt::plain(*m.input_tokens) + " in, " + fmt::plain(*m.output_tokens) +
                  " out tokens) are not within " + fmt::plain(kMeasurementLengthTolerance) +
                  "× of the scenario's (" + fmt::plain(q.input_tokens) + ", " + fmt::plain(q.output_tokens) +
                  ")");
  return out;
}

}  // namespace

MeasurementMatch Catalog::match_measurement(const MeasurementQuery& q) const {
  MeasurementMatch out;
  // How far a row is from the scenario, for the reference: precision, then engine, then the product of the
  // two length ratios (each ≥ 1; unstated lengths count as far). Only products and quotients: the choice is
  // the same natively and in wasm.
  auto distance = [&](const Measurement& m) {
    auto ratio = [](std::optional<double> measured, double wanted) {
      if (!measured || !(*measured > 0) || !(wanted > 0)) return 1000.0;
      return std::max(*measured / wanted, wanted / *measured);
    };
    double d = std::min(ratio(m.input_tokens, q.input_tokens) * ratio(m.output_tokens, q.output_tokens), 1e6);
    if (q.engine != ServingEngine::custom && m.serving_engine != q.engine) d += 1e7;
    if (m.precision != q.precision) d += 1e8;
    return d;
  };
  double nearest = 0;
  for (const Measurement& m : measurements) {
    if (m.model != q.model || m.gpu != q.gpu || m.gpus_per_replica != q.gpus_per_replica) continue;
    std::vector<std::string> why = objections(m, q);
    std::string text;
    for (const std::string& w : why) text += (text.empty() ? "" : "; ") + w;
    out.considered.push_back({&m, text});
    if (why.empty()) {
      if (!out.sizing) out.sizing = &m;
      continue;
    }
    double d = distance(m);
    if (!out.reference || d < nearest) {
      out.reference = &m;
      out.why_not = text;
      nearest = d;
    }
  }
  if (out.sizing) {
    out.reference = nullptr;
    out.why_not.clear();
  }
  return out;
}

int tier_rank(std::string_view tier) {
  if (tier == "small") return 0;
  if (tier == "mid") return 1;
  if (tier == "frontier") return 2;
  return -1;
}

}  // namespace tcoscope
