// catalog_json.cpp — catalog rows from JSON, read member by member (TCOSCOPE_CATALOG_ROW); null means "not
// given".
#include "contract/catalog_json.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "contract/embedded.hpp"
#include "contract/scenario_fields.hpp"

namespace tcoscope {

namespace {

using json = Json;

// A row's members from a JSON object (TCOSCOPE_CATALOG_ROW): a missing or null member keeps its default ("not
// given"); a member of the wrong type is a load error naming it. The rows are read where the parsed document
// holds them: no copy (issue 13: the page's first engine call).
bool read(const json& j, RentalRate& row, std::string& wrong);
bool read(const json& j, Purchase& row, std::string& wrong);
bool read(const json& j, double& x, std::string&) {
  if (!j.is_number()) return false;
  x = j.number();
  return true;
}
bool read(const json& j, int& x, std::string&) {
  const double d = j.number();  // checked in range before the cast, which is undefined outside it
  if (!j.is_number() || !(d >= INT_MIN && d <= INT_MAX) || d != std::floor(d)) return false;
  x = static_cast<int>(d);
  return true;
}
bool read(const json& j, std::string& x, std::string&) {
  if (!j.is_string()) return false;
  x = j.string();
  return true;
}
template <class T>
bool read(const json& j, std::optional<T>& x, std::string& wrong) {
  if (j.is_null()) {
    x.reset();
    return true;
  }
  T v{};
  if (!read(j, v, wrong)) return false;
  x = std::move(v);
  return true;
}
template <class T>
bool read(const json& j, std::vector<T>& xs, std::string& wrong) {
  if (!j.is_array()) return false;
  xs.clear();
  for (const json& item : j.items()) {
    xs.emplace_back();
    if (!read(item, xs.back(), wrong)) {
      wrong = "[" + std::to_string(xs.size() - 1) + "]" + wrong;
      return false;
    }
  }
  return true;
}

// One member: missing or null keeps the default; the wrong type names it. One call per member at the row.
template <class T>
bool read_member(const json& row, const char* key, T& out, std::string& wrong) {
  const json* v = row.lookup(key);
  if (!v || v->is_null() || read(*v, out, wrong)) return true;
  wrong = "." + std::string(key) + wrong;
  return false;
}
#define TCOSCOPE_ROW_MEMBER(member) \
  if (!read_member(j, #member, row.member, wrong)) return false;
// TCOSCOPE_FOR_EACH(m, a, b, c): m(a) m(b) m(c), up to 64 arguments (a rescan per level of _EXPAND).
#define TCOSCOPE_EXPAND(...) TCOSCOPE_EXPAND3(TCOSCOPE_EXPAND3(TCOSCOPE_EXPAND3(__VA_ARGS__)))
#define TCOSCOPE_EXPAND3(...) TCOSCOPE_EXPAND2(TCOSCOPE_EXPAND2(TCOSCOPE_EXPAND2(__VA_ARGS__)))
#define TCOSCOPE_EXPAND2(...) TCOSCOPE_EXPAND1(TCOSCOPE_EXPAND1(TCOSCOPE_EXPAND1(__VA_ARGS__)))
#define TCOSCOPE_EXPAND1(...) __VA_ARGS__
#define TCOSCOPE_FOR_EACH(m, ...) __VA_OPT__(TCOSCOPE_EXPAND(TCOSCOPE_FOR_EACH_STEP(m, __VA_ARGS__)))
#define TCOSCOPE_FOR_EACH_STEP(m, first, ...) \
  m(first) __VA_OPT__(TCOSCOPE_FOR_EACH_NEXT TCOSCOPE_PARENS(m, __VA_ARGS__))
#define TCOSCOPE_FOR_EACH_NEXT() TCOSCOPE_FOR_EACH_STEP
#define TCOSCOPE_PARENS ()
#define TCOSCOPE_CATALOG_ROW(Type, ...)                     \
  bool read(const json& j, Type& row, std::string& wrong) { \
    if (!j.is_object()) return false;                       \
    TCOSCOPE_FOR_EACH(TCOSCOPE_ROW_MEMBER, __VA_ARGS__)     \
    return true;                                            \
  }

TCOSCOPE_CATALOG_ROW(RentalRate, provider, provider_name, usd_per_gpu_hour, kind, source, as_of)
TCOSCOPE_CATALOG_ROW(Purchase, usd_per_gpu, usd_low, usd_high, condition, source, as_of)
TCOSCOPE_CATALOG_ROW(Gpu, id, name, vram_gb, memory_bandwidth_gb_per_s, bf16_dense_tflops, fp8_dense_tflops,
                     fp4_dense_tflops, serving_efficiency, tdp_watts, spec_source, spec_as_of, purchase,
                     rental, default_provider)
TCOSCOPE_CATALOG_ROW(OpenModel, id, name, params_b_total, params_b_active, layers, hidden_size, q_heads,
                     kv_heads, head_dim, context_tokens, attention, kv_bytes_per_token_bf16,
                     sliding_window_tokens, global_layers, competes_with_tier, competes_with, hosted_api,
                     source, as_of)
TCOSCOPE_CATALOG_ROW(ApiModel, id, name, provider, tier, open_model, usd_per_mtok_input,
                     usd_per_mtok_cached_input, usd_per_mtok_output, batch_discount, context_tokens, source,
                     as_of)
TCOSCOPE_CATALOG_ROW(Measurement, model, gpu, gpus_per_replica, precision, engine, workload, kind,
                     input_tokens, output_tokens, concurrency, total_tokens_per_second_per_replica,
                     output_tokens_per_second_per_replica, source, as_of)
TCOSCOPE_CATALOG_ROW(EngineProfile, id, name, mbu, mfu, mfu_prefill, max_batch, large_gpu_vram_gb,
                     large_gpu_max_batch, large_gpu_except, high_bandwidth_gb_per_s, high_bandwidth_mbu,
                     source, as_of, note)
TCOSCOPE_CATALOG_ROW(DefaultRange, path, label, when, scale, low, high, dist, group, reason, source, as_of)

template <class Row>
void read_rows(const json& doc, const char* key, std::vector<Row>& rows, std::vector<std::string>& errors) {
  auto it = doc.is_object() ? doc.find(key) : doc.end();
  if (!doc.is_object() || it == doc.end() || !it->is_array()) {
    errors.push_back(std::string("catalog: expected an array \"") + key + "\"");
    return;
  }
  for (std::size_t i = 0; i < it->size(); ++i) {
    rows.emplace_back();
    std::string wrong;
    if (!read((*it)[i], rows.back(), wrong)) {
      rows.pop_back();
      errors.push_back(std::string(key) + "[" + std::to_string(i) + "]" + wrong +
                       (wrong.empty() ? ": not an object" : ": of the wrong type"));
    }
  }
}

// The engine a measurement names, by the name sources use ("vLLM 0.11", "TensorRT-LLM (PyTorch backend)").
ServingEngine engine_named(std::string_view text) {
  auto starts = [&](std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; };
  if (starts("vLLM")) return ServingEngine::vllm;
  if (starts("SGLang")) return ServingEngine::sglang;
  if (starts("TensorRT-LLM")) return ServingEngine::trtllm;
  if (starts("llama.cpp")) return ServingEngine::llamacpp;
  return ServingEngine::custom;
}

json parse_embedded(const char* name) {
  for (std::size_t i = 0; i < embedded::kCatalogFileCount; ++i)
    if (std::string_view(embedded::kCatalogFiles[i].name) == name)
      return json::parse(embedded::kCatalogFiles[i].text, nullptr, /*allow_exceptions=*/false);
  return json();
}

}  // namespace

Catalog parse_catalog(const json& gpus, const json& models, const json& api_models, const json& measurements,
                      const json& ranges, const json& engines) {
  Catalog c;
  if (!ranges.is_null()) read_rows(ranges, "default_ranges", c.default_ranges, c.load_errors);
  if (!engines.is_null()) read_rows(engines, "engines", c.engines, c.load_errors);
  read_rows(gpus, "gpus", c.gpus, c.load_errors);
  read_rows(models, "models", c.models, c.load_errors);
  read_rows(api_models, "api_models", c.api_models, c.load_errors);
  read_rows(measurements, "measurements", c.measurements, c.load_errors);
  for (const Gpu& g : c.gpus)
    if (!g.rental.empty() && !g.rate(g.default_provider))
      c.load_errors.push_back("gpus[" + g.id + "].default_provider: not a listed provider");
  for (const OpenModel& m : c.models) {
    if (tier_rank(m.competes_with_tier) < 0) c.load_errors.push_back("models[" + m.id + "]: unknown tier");
    if (!c.api_model(m.competes_with))
      c.load_errors.push_back("models[" + m.id + "].competes_with: unknown id");
    if (!m.hosted_api.empty() && !c.api_model(m.hosted_api))
      c.load_errors.push_back("models[" + m.id + "].hosted_api: unknown id");
  }
  for (const ApiModel& a : c.api_models)
    if (tier_rank(a.tier) < 0) c.load_errors.push_back("api_models[" + a.id + "]: unknown tier");
  for (Measurement& m : c.measurements) {
    if (!c.model(m.model) || !c.gpu(m.gpu))
      c.load_errors.push_back("measurements: unknown model or gpu " + m.model + " / " + m.gpu);
    if (auto kind = from_name<MeasurementKind>(m.kind))
      m.measurement_kind = *kind;
    else
      c.load_errors.push_back("measurements[" + m.model + " / " + m.gpu + "].kind: \"" + m.kind +
                              "\" is not steady_state, finite_run, single_stream or latency_bound");
    m.serving_engine = engine_named(m.engine);
  }
  if (!engines.is_null())
    for (ServingEngine e : all_of<ServingEngine>()) {
      const EngineProfile* p = c.engine(e);
      if (!p)
        c.load_errors.push_back("engines: no profile for \"" + std::string(name(e)) + "\"");
      else if (!(p->mbu > 0 && p->mbu <= 1 && p->mfu > 0 && p->mfu <= 1 && p->mfu_prefill > 0 &&
                 p->mfu_prefill <= 1) ||
               p->source.empty() || p->as_of.empty())
        c.load_errors.push_back("engines[" + p->id + "]: factors outside (0, 1], or no source or as_of");
    }
  for (const DefaultRange& r : c.default_ranges) {
    bool known_scale = false;
    for (const char* k : {"relative", "delta", "absolute", "providers", "purchase"})
      known_scale |= r.scale == k;
    bool known_when = false;
    for (const char* k : {"", "cloud", "on_prem", "fte", "multiplier", "modeled", "measured"})
      known_when |= r.when == k;
    if (!fields::find_numeric_input(r.path) || !known_scale || !known_when || !from_name<RangeDist>(r.dist) ||
        r.low > r.high || r.label.empty() || r.source.empty() || r.as_of.empty())
      c.load_errors.push_back("default_ranges[" + r.path +
                              "]: unknown path, scale, when or dist, low > high, "
                              "or no label, source or as_of");
  }
  return c;
}

namespace {

// The catalog documents merged into one {gpus, models, api_models, measurements, default_ranges, engines, …}:
// each part's members moved in (a later part's key replaces an earlier one's).
json merged(std::vector<json>&& parts) {
  if (parts.size() == 1 && parts[0].is_object()) return std::move(parts[0]);
  json d = json::object();
  for (json& part : parts)
    if (part.is_object())
      for (auto it = part.begin(); it != part.end(); ++it) d[it.key()] = std::move(it.value());
  return d;
}

struct CatalogDoc {
  json doc;
  bool read = false;  // builtin_catalog_json() has handed it out: too late to load another
};

CatalogDoc& catalog_doc() {
  static CatalogDoc d = [] {
    std::vector<json> parts;
    for (const char* name : {"gpus", "models", "api_models", "throughput", "ranges", "engines"})
      parts.push_back(parse_embedded(name));
    return CatalogDoc{merged(std::move(parts))};
  }();
  return d;
}

}  // namespace

const json& builtin_catalog_json() {
  CatalogDoc& d = catalog_doc();
  d.read = true;
  return d.doc;
}

std::vector<std::string> load_catalog(std::string_view text) {
  CatalogDoc& d = catalog_doc();
  if (d.read) return {"catalog: already in use (load it once, before the first call)"};
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  std::vector<json> parts;
  if (doc.is_object()) parts.push_back(std::move(doc));
  if (doc.is_array())
    for (json& part : doc) parts.push_back(std::move(part));
  if (parts.empty() || !std::all_of(parts.begin(), parts.end(), [](const json& p) { return p.is_object(); }))
    return {"catalog: expected a JSON object, or an array of the catalog files' objects"};
  d.doc = merged(std::move(parts));
  return builtin_catalog().load_errors;
}

const Catalog& builtin_catalog() {
  static const Catalog catalog = [] {
    // Each part is read by its key from the one merged document (no copy of a part of it).
    const json& d = builtin_catalog_json();
    return parse_catalog(d, d, d, d, d, d);
  }();
  return catalog;
}

}  // namespace tcoscope
