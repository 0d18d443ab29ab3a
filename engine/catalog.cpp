// catalog.cpp — reads the compiled-in catalog JSON without exceptions (a throw would abort the wasm module).
#include "catalog.hpp"

#include <string>

#include "embedded.hpp"

namespace tcoscope {
namespace {

using nlohmann::json;

// Typed field readers: a missing or mistyped field is recorded, never thrown.
struct Fields {
  const json& j;
  std::string where;
  std::vector<std::string>& errors;

  const json* find(const char* key) const {
    auto it = j.find(key);
    return it == j.end() || it->is_null() ? nullptr : &*it;
  }
  std::string str(const char* key, bool required = true) const {
    const json* v = find(key);
    if (v && v->is_string()) return v->get<std::string>();
    if (required || v) errors.push_back(where + "." + key + ": expected a string");
    return {};
  }
  double num(const char* key) const {
    const json* v = find(key);
    if (v && v->is_number()) return v->get<double>();
    errors.push_back(where + "." + key + ": expected a number");
    return 0;
  }
  std::optional<double> opt_num(const char* key) const {
    const json* v = find(key);
    if (!v) return std::nullopt;
    if (v->is_number()) return v->get<double>();
    errors.push_back(where + "." + key + ": expected a number or null");
    return std::nullopt;
  }
};

const json& array_of(const json& doc, const char* key, std::vector<std::string>& errors) {
  static const json kEmpty = json::array();
  if (doc.is_object()) {
    auto it = doc.find(key);
    if (it != doc.end() && it->is_array()) return *it;
  }
  errors.push_back(std::string("catalog: expected an array \"") + key + "\"");
  return kEmpty;
}

Gpu read_gpu(const json& j, std::vector<std::string>& errors) {
  Fields f{j, "gpus[" + (j.contains("id") && j["id"].is_string() ? j["id"].get<std::string>() : "?") + "]", errors};
  Gpu g;
  g.id = f.str("id");
  g.name = f.str("name");
  g.vram_gb = f.num("vram_gb");
  g.memory_bandwidth_gb_per_s = f.num("memory_bandwidth_gb_per_s");
  g.bf16_dense_tflops = f.num("bf16_dense_tflops");
  g.fp8_dense_tflops = f.opt_num("fp8_dense_tflops");
  g.tdp_watts = f.num("tdp_watts");
  g.spec_source = f.str("spec_source");
  g.spec_as_of = f.str("spec_as_of");
  g.default_provider = f.str("default_provider", false);
  if (const json* p = f.find("purchase"); p && p->is_object()) {
    Fields pf{*p, f.where + ".purchase", errors};
    g.purchase = Purchase{pf.num("usd_per_gpu"), pf.num("usd_low"),   pf.num("usd_high"),
                          pf.str("condition"),   pf.str("source"),    pf.str("as_of")};
  }
  if (const json* r = f.find("rental"); r && r->is_array()) {
    for (const json& row : *r) {
      Fields rf{row, f.where + ".rental", errors};
      g.rental.push_back(RentalRate{rf.str("provider"), rf.str("provider_name"), rf.num("usd_per_gpu_hour"),
                                    rf.str("kind", false), rf.str("source"), rf.str("as_of")});
    }
  }
  if (!g.rental.empty() && !g.rate(g.default_provider)) errors.push_back(f.where + ".default_provider: not a listed provider");
  return g;
}

OpenModel read_model(const json& j, std::vector<std::string>& errors) {
  Fields f{j, "models[" + (j.contains("id") && j["id"].is_string() ? j["id"].get<std::string>() : "?") + "]", errors};
  OpenModel m;
  m.id = f.str("id");
  m.name = f.str("name");
  m.params_b_total = f.num("params_b_total");
  m.params_b_active = f.num("params_b_active");
  m.layers = static_cast<int>(f.num("layers"));
  m.hidden_size = static_cast<int>(f.num("hidden_size"));
  m.q_heads = static_cast<int>(f.num("q_heads"));
  m.kv_heads = static_cast<int>(f.opt_num("kv_heads").value_or(0));
  m.head_dim = static_cast<int>(f.opt_num("head_dim").value_or(0));
  m.context_tokens = f.num("context_tokens");
  m.attention = f.str("attention");
  m.kv_bytes_per_token_bf16 = f.num("kv_bytes_per_token_bf16");
  m.sliding_window_tokens = static_cast<int>(f.opt_num("sliding_window_tokens").value_or(0));
  m.global_layers = static_cast<int>(f.opt_num("global_layers").value_or(0));
  m.competes_with_tier = f.str("competes_with_tier");
  m.competes_with = f.str("competes_with");
  m.hosted_api = f.str("hosted_api", false);
  m.source = f.str("source");
  m.as_of = f.str("as_of");
  return m;
}

ApiModel read_api_model(const json& j, std::vector<std::string>& errors) {
  Fields f{j, "api_models[" + (j.contains("id") && j["id"].is_string() ? j["id"].get<std::string>() : "?") + "]", errors};
  ApiModel a;
  a.id = f.str("id");
  a.name = f.str("name");
  a.provider = f.str("provider");
  a.tier = f.str("tier");
  a.open_model = f.str("open_model", false);
  a.usd_per_mtok_input = f.num("usd_per_mtok_input");
  a.usd_per_mtok_cached_input = f.opt_num("usd_per_mtok_cached_input");
  a.usd_per_mtok_output = f.num("usd_per_mtok_output");
  a.batch_discount = f.opt_num("batch_discount");
  a.context_tokens = f.opt_num("context_tokens").value_or(0);
  a.source = f.str("source");
  a.as_of = f.str("as_of");
  return a;
}

Measurement read_measurement(const json& j, std::vector<std::string>& errors) {
  Fields f{j, "measurements", errors};
  Measurement m;
  m.model = f.str("model");
  m.gpu = f.str("gpu");
  m.gpus_per_replica = static_cast<int>(f.num("gpus_per_replica"));
  m.precision = f.str("precision");
  m.engine = f.str("engine");
  m.workload = f.str("workload");
  m.total_tokens_per_second_per_replica = f.num("total_tokens_per_second_per_replica");
  m.output_tokens_per_second_per_replica = f.opt_num("output_tokens_per_second_per_replica");
  m.source = f.str("source");
  m.as_of = f.str("as_of");
  return m;
}

template <class T>
const T* find_by_id(const std::vector<T>& rows, std::string_view id) {
  for (const T& row : rows)
    if (row.id == id) return &row;
  return nullptr;
}

json parse_embedded(const char* name) {
  for (std::size_t i = 0; i < embedded::kCatalogFileCount; ++i)
    if (std::string_view(embedded::kCatalogFiles[i].name) == name)
      return json::parse(embedded::kCatalogFiles[i].text, nullptr, /*allow_exceptions=*/false);
  return json();
}

}  // namespace

const RentalRate* Gpu::rate(std::string_view provider) const {
  for (const RentalRate& r : rental)
    if (r.provider == provider) return &r;
  return nullptr;
}

const Gpu* Catalog::gpu(std::string_view id) const { return find_by_id(gpus, id); }
const OpenModel* Catalog::model(std::string_view id) const { return find_by_id(models, id); }
const ApiModel* Catalog::api_model(std::string_view id) const { return find_by_id(api_models, id); }

const Measurement* Catalog::measurement(std::string_view model_id, std::string_view gpu_id, int gpus_per_replica,
                                        std::string_view precision) const {
  const Measurement* first = nullptr;
  for (const Measurement& m : measurements) {
    if (m.model != model_id || m.gpu != gpu_id || m.gpus_per_replica != gpus_per_replica) continue;
    if (precision.empty() || m.precision == precision) return &m;
    if (!first) first = &m;
  }
  return first;
}

int tier_rank(std::string_view tier) {
  if (tier == "small") return 0;
  if (tier == "mid") return 1;
  if (tier == "frontier") return 2;
  return -1;
}

Catalog parse_catalog(const json& gpus, const json& models, const json& api_models, const json& measurements) {
  Catalog c;
  for (const json& j : array_of(gpus, "gpus", c.load_errors)) c.gpus.push_back(read_gpu(j, c.load_errors));
  for (const json& j : array_of(models, "models", c.load_errors)) c.models.push_back(read_model(j, c.load_errors));
  for (const json& j : array_of(api_models, "api_models", c.load_errors))
    c.api_models.push_back(read_api_model(j, c.load_errors));
  for (const json& j : array_of(measurements, "measurements", c.load_errors))
    c.measurements.push_back(read_measurement(j, c.load_errors));
  for (const OpenModel& m : c.models) {
    if (tier_rank(m.competes_with_tier) < 0) c.load_errors.push_back("models[" + m.id + "]: unknown tier");
    if (!c.api_model(m.competes_with)) c.load_errors.push_back("models[" + m.id + "].competes_with: unknown id");
    if (!m.hosted_api.empty() && !c.api_model(m.hosted_api))
      c.load_errors.push_back("models[" + m.id + "].hosted_api: unknown id");
  }
  for (const ApiModel& a : c.api_models)
    if (tier_rank(a.tier) < 0) c.load_errors.push_back("api_models[" + a.id + "]: unknown tier");
  for (const Measurement& m : c.measurements)
    if (!c.model(m.model) || !c.gpu(m.gpu)) c.load_errors.push_back("measurements: unknown model or gpu " + m.model + " / " + m.gpu);
  return c;
}

const json& builtin_catalog_json() {
  static const json doc = [] {
    json d = json::object();
    for (const char* name : {"gpus", "models", "api_models", "throughput"}) {
      json part = parse_embedded(name);
      if (part.is_object())
        for (auto it = part.begin(); it != part.end(); ++it) d[it.key()] = it.value();
    }
    return d;
  }();
  return doc;
}

const Catalog& builtin_catalog() {
  static const Catalog catalog = [] {
    const json& d = builtin_catalog_json();
    auto part = [&](const char* key) {
      json wrapper = json::object();
      if (d.contains(key)) wrapper[key] = d[key];
      return wrapper;
    };
    return parse_catalog(part("gpus"), part("models"), part("api_models"), part("measurements"));
  }();
  return catalog;
}

}  // namespace tcoscope
