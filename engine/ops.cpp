// operations.cpp
#include "ops.hpp"

#include <cmath>
#include <memory>

#include "analysis/sensitivity.hpp"
#include "contract/catalog_json.hpp"
#include "contract/embedded.hpp"
#include "contract/result_json.hpp"
#include "contract/scenario_json.hpp"
#include "contract/schema.hpp"
#include "model/gpu_options.hpp"
#include "model/inputs.hpp"

namespace tcoscope::ops {
namespace {

using nlohmann::json;

// Parse, then resolve against the catalog, collecting warnings; false when parsing failed.
bool parse_and_resolve(std::string_view text, Outcome& out, ParsedScenario& parsed,
                       ResolvedInputs& resolved) {
  parsed = parse_scenario_text(text);
  out.warnings = parsed.warnings;
  if (!parsed.ok()) {
    out.errors = parsed.errors;
    return false;
  }
  resolved = resolve(parsed.scenario, builtin_catalog());
  out.warnings.insert(out.warnings.end(), resolved.warnings.begin(), resolved.warnings.end());
  return true;
}

// Parse and resolve; on success `resolved` holds the inputs.
bool prepare(std::string_view text, Outcome& out, ParsedScenario& parsed, ResolvedInputs& resolved) {
  if (!parse_and_resolve(text, out, parsed, resolved)) return false;
  if (!resolved.ok()) {
    out.errors = resolved.errors;
    return false;
  }
  return true;
}

}  // namespace

// -0 printed as 0, and a guard, not a code path: the model is built so that no result holds a non-finite
// number (property tests and the fuzz target check it).
static Outcome finish(Outcome out) {
  drop_negative_zeros(out.result);
  if (std::string bad = find_non_finite(out.result); !bad.empty()) {
    out.result = json();
    out.errors.push_back(
        {bad, "the engine produced a non-finite number for this scenario; please report it"});
    return out;
  }
  out.ok = true;
  return out;
}

std::string find_non_finite(const json& j, const std::string& path) {
  if (j.is_number_float()) return std::isfinite(j.get<double>()) ? "" : (path.empty() ? "/" : path);
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      std::string p = find_non_finite(it.value(), path + "/" + it.key());
      if (!p.empty()) return p;
    }
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) {
      std::string p = find_non_finite(j[i], path + "/" + std::to_string(i));
      if (!p.empty()) return p;
    }
  }
  return "";
}

void drop_negative_zeros(json& j) {
  if (j.is_number_float()) {
    if (j.get<double>() == 0) j = 0.0;  // -0 (e.g. 0 × a negative factor) prints as 0
  } else if (j.is_structured()) {
    for (json& x : j) drop_negative_zeros(x);
  }
}

Outcome evaluate(std::string_view text) {
  Outcome out;
  ParsedScenario parsed;
  ResolvedInputs resolved;
  if (!prepare(text, out, parsed, resolved)) return out;
  Evaluation e = tcoscope::evaluate(resolved.inputs, out.warnings);
  out.result = to_json(e, explain(e));
  return finish(std::move(out));
}

// Parse and resolve, then write the scenario with `write` (every key, or only what differs from the
// defaults).
template <class Write>
Outcome scenario_back(std::string_view text, Write write) {
  Outcome out;
  ParsedScenario parsed;
  ResolvedInputs resolved;
  if (!prepare(text, out, parsed, resolved)) return out;
  out.result = write(parsed.scenario);
  out.ok = true;
  return out;
}

Outcome validate(std::string_view text) {
  return scenario_back(text, [](const Scenario& s) { return to_json(s); });
}

Outcome minimize(std::string_view text) {
  return scenario_back(text, [](const Scenario& s) { return to_minimal_json(s); });
}

Outcome gpus(std::string_view text) {
  Outcome out;
  ParsedScenario parsed;
  ResolvedInputs resolved;
  // The scenario's own GPU may not fit the model; every other GPU is still worth listing.
  if (!parse_and_resolve(text, out, parsed, resolved)) return out;
  if (!resolved.inputs.model) {
    out.errors.push_back({"/self_host/model", "\"Which GPU?\" needs a catalog model; accepted: " +
                                                  std::string("one of the catalog's open-weight models")});
    return out;
  }
  for (const Problem& p : resolved.errors)
    if (p.path.rfind("/self_host/model", 0) == 0 || p.path.rfind("/workload", 0) == 0)
      out.errors.push_back(p);
  if (!out.errors.empty()) return out;
  out.result = {{"model", resolved.inputs.model->id},
                {"tokens_per_month", parsed.scenario.workload.tokens_per_month},
                {"options", to_json(gpu_options(resolved.inputs, builtin_catalog()))}};
  drop_negative_zeros(out.result);
  out.ok = true;
  return out;
}

namespace {

// A sensitivity job and what its envelope will carry besides the result.
struct Job {
  Outcome out;  // warnings so far
  std::unique_ptr<SensitivityJob> job;
};

// Parses, resolves and starts the analysis (everything but the sampling); false with out.errors when invalid.
bool start_job(std::string_view text, std::optional<int> samples, std::optional<int> seed, Job& j) {
  ParsedScenario parsed;
  ResolvedInputs resolved;
  if (!prepare(text, j.out, parsed, resolved)) return false;
  Uncertainty& u = resolved.inputs.scenario.uncertainty;
  if (samples) u.samples = *samples;
  if (seed) u.seed = *seed;
  j.job = std::make_unique<SensitivityJob>(resolved.inputs, builtin_catalog());
  return true;
}

Outcome finish_job(Job& j) {
  Sensitivity s = j.job->finish();
  j.job.reset();
  Outcome out = std::move(j.out);
  out.warnings.insert(out.warnings.end(), s.warnings.begin(), s.warnings.end());
  out.result = to_json(s);
  return finish(std::move(out));
}

Job& current_job() {
  static Job job;
  return job;
}

}  // namespace

Outcome sensitivity(std::string_view text, std::optional<int> samples, std::optional<int> seed) {
  Job j;
  if (!start_job(text, samples, seed, j)) return std::move(j.out);
  return finish_job(j);
}

json sensitivity_begin(std::string_view text) {
  Job& j = current_job();
  j = Job{};
  if (!start_job(text, std::nullopt, std::nullopt, j)) {
    json e = envelope(j.out);
    j = Job{};
    return e;
  }
  return {{"ok", true}, {"warnings", json::array()}, {"result", {{"samples", j.job->samples_total()}}}};
}

json sensitivity_step(int max_samples) {
  Job& j = current_job();
  if (!j.job) {
    Outcome none;
    none.errors.push_back({"", "no sensitivity job is running; call sensitivity_begin first"});
    return {{"done", true}, {"envelope", envelope(none)}};
  }
  if (!j.job->step(std::max(0, max_samples)))
    return {{"done", false}, {"samples_done", j.job->samples_done()}, {"samples", j.job->samples_total()}};
  json e = envelope(finish_job(j));
  j = Job{};
  return {{"done", true}, {"envelope", std::move(e)}};
}

json defaults() {
  return to_json(Scenario{});
}

const json& schema() {
  static const json s = scenario_schema();
  return s;
}

json presets() {
  json out = json::array();
  for (std::size_t i = 0; i < embedded::kPresetFileCount; ++i) {
    const embedded::File& f = embedded::kPresetFiles[i];
    json scenario = json::parse(f.text, nullptr, /*allow_exceptions=*/false);
    if (!scenario.is_object()) continue;  // a test checks every preset parses
    scenario.erase("$schema");            // for editors of the file, not part of the scenario
    json entry = {{"id", f.name},
                  {"name", scenario.value("name", std::string(f.name))},
                  {"description", scenario.value("description", std::string())},
                  {"scenario", scenario}};
    out.push_back(std::move(entry));
  }
  return out;
}

const json& catalog() {
  return builtin_catalog_json();
}

json envelope(const Outcome& o) {
  json out = {{"ok", o.ok}, {"warnings", to_json(o.warnings)}};
  if (o.ok)
    out["result"] = o.result;
  else
    out["errors"] = to_json(o.errors);
  return out;
}

}  // namespace tcoscope::ops
