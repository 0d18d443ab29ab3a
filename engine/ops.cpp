// operations.cpp
#include "ops.hpp"

#include <cmath>
#include <memory>

#include "analysis/sensitivity.hpp"
#include "contract/catalog_json.hpp"
#include "contract/compare_json.hpp"
#include "contract/embedded.hpp"
#include "contract/price_import.hpp"
#include "contract/result_json.hpp"
#include "contract/scenario_json.hpp"
#include "contract/schema.hpp"
#include "model/gpu_options.hpp"
#include "model/inputs.hpp"

namespace tcoscope::ops {
namespace {

using json = Json;

// The catalog a run prices with: the built-in one, or a copy with the run's imported prices in `storage`.
// False with out.errors (at "(prices)") when the price file cannot be read.
bool run_catalog(const RunOptions& run, Outcome& out, std::unique_ptr<Catalog>& storage,
                 const Catalog*& catalog) {
  catalog = &builtin_catalog();
  if (run.prices.empty()) return true;
  PriceImport p = tcoscope::import_prices(run.prices, builtin_catalog(),
                                          {.today = run.today, .file_date = run.prices_date});
  if (!p.ok()) {
    for (const Problem& e : p.errors) out.errors.push_back({"(prices)" + e.path, e.message});
    return false;
  }
  storage = std::make_unique<Catalog>(with_prices(builtin_catalog(), p));
  catalog = storage.get();
  return true;
}

// Parse, then resolve against the catalog, collecting warnings; false when parsing failed.
bool parse_and_resolve(std::string_view text, Outcome& out, ParsedScenario& parsed, ResolvedInputs& resolved,
                       const Catalog& catalog = builtin_catalog()) {
  parsed = parse_scenario_text(text);
  out.warnings = parsed.warnings;
  if (!parsed.ok()) {
    out.errors = parsed.errors;
    return false;
  }
  resolved = resolve(parsed.scenario, catalog);
  out.warnings.insert(out.warnings.end(), resolved.warnings.begin(), resolved.warnings.end());
  return true;
}

// Parse and resolve; on success `resolved` holds the inputs.
bool prepare(std::string_view text, Outcome& out, ParsedScenario& parsed, ResolvedInputs& resolved,
             const Catalog& catalog = builtin_catalog()) {
  if (!parse_and_resolve(text, out, parsed, resolved, catalog)) return false;
  if (!resolved.ok()) {
    out.errors = resolved.errors;
    return false;
  }
  return true;
}

}  // namespace

// -0 printed as 0, and a guard, not a code path: the model is built so that no result holds a non-finite
// number (property tests and the fuzz target check it).
// -0 (e.g. 0 × a negative factor) becomes 0, which is how it prints; false when some number is not finite.
// One walk over the result and no allocation: find_non_finite, which names the number, runs only when one is
// bad.
static bool scrub_numbers(json& j) {
  if (j.is_number_float()) {
    const double x = j.number();
    if (x == 0) j = 0.0;
    return std::isfinite(x);
  }
  bool finite = true;
  if (j.is_structured())
    for (json& x : j) finite = scrub_numbers(x) && finite;
  return finite;
}

static Outcome finish(Outcome out) {
  if (std::string bad = scrub_numbers(out.result) ? "" : find_non_finite(out.result); !bad.empty()) {
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

namespace {

Outcome evaluate_on(std::string_view text, const Catalog& catalog, std::string_view today) {
  Outcome out;
  ParsedScenario parsed;
  ResolvedInputs resolved;
  if (!prepare(text, out, parsed, resolved, catalog)) return out;
  Evaluation e = tcoscope::evaluate(resolved.inputs, out.warnings);
  if (!today.empty()) {
    e.prices = price_ages(resolved.inputs, today);
    add_stale_reason(e.verdict, e.prices);
  }
  out.result = to_json(e, explain(e));
  return finish(std::move(out));
}

}  // namespace

Outcome evaluate(std::string_view text) {
  return evaluate_with(text, {});
}

Outcome evaluate_with(std::string_view text, const RunOptions& run) {
  Outcome out;
  std::unique_ptr<Catalog> storage;
  const Catalog* catalog = nullptr;
  if (!run_catalog(run, out, storage, catalog)) return out;
  return evaluate_on(text, *catalog, run.today);
}

// Parse and resolve, then write the scenario with `write` (every key, or only what differs from the
// defaults).
template <class Write>
Outcome scenario_back(std::string_view text, const RunOptions& run, Write write) {
  Outcome out;
  ParsedScenario parsed;
  ResolvedInputs resolved;
  std::unique_ptr<Catalog> storage;
  const Catalog* catalog = nullptr;
  if (!run_catalog(run, out, storage, catalog) || !prepare(text, out, parsed, resolved, *catalog)) return out;
  out.result = write(parsed.scenario);
  out.ok = true;
  return out;
}

Outcome validate(std::string_view text) {
  return validate_with(text, {});
}
Outcome validate_with(std::string_view text, const RunOptions& run) {
  return scenario_back(text, run, [](const Scenario& s) { return to_json(s); });
}

Outcome minimize(std::string_view text) {
  return minimize_with(text, {});
}
Outcome minimize_with(std::string_view text, const RunOptions& run) {
  return scenario_back(text, run, [](const Scenario& s) { return to_minimal_json(s); });
}

Outcome gpus(std::string_view text) {
  return gpus_with(text, {});
}
Outcome gpus_with(std::string_view text, const RunOptions& run) {
  Outcome out;
  ParsedScenario parsed;
  ResolvedInputs resolved;
  std::unique_ptr<Catalog> storage;
  const Catalog* catalog = nullptr;
  if (!run_catalog(run, out, storage, catalog)) return out;
  // The scenario's own GPU may not fit the model; every other GPU is still worth listing.
  if (!parse_and_resolve(text, out, parsed, resolved, *catalog)) return out;
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
                {"options", to_json(gpu_options(resolved.inputs, *catalog))}};
  drop_negative_zeros(out.result);
  out.ok = true;
  return out;
}

namespace {

// A sensitivity job and what its envelope will carry besides the result.
struct Job {
  Outcome out;                       // warnings so far
  std::unique_ptr<Catalog> catalog;  // with imported prices, when the run has any; outlives the job
  std::unique_ptr<SensitivityJob> job;
};

// Parses, resolves and starts the analysis (everything but the sampling); false with out.errors when invalid.
bool start_job(std::string_view text, std::optional<int> samples, std::optional<int> seed, Job& j,
               const RunOptions& run = {}) {
  ParsedScenario parsed;
  ResolvedInputs resolved;
  const Catalog* catalog = nullptr;
  if (!run_catalog(run, j.out, j.catalog, catalog) || !prepare(text, j.out, parsed, resolved, *catalog))
    return false;
  Uncertainty& u = resolved.inputs.scenario.uncertainty;
  if (samples) u.samples = *samples;
  if (seed) u.seed = *seed;
  j.job = std::make_unique<SensitivityJob>(resolved.inputs, *catalog);
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
  return sensitivity_with(text, samples, seed, {});
}

Outcome sensitivity_with(std::string_view text, std::optional<int> samples, std::optional<int> seed,
                         const RunOptions& run) {
  Job j;
  if (!start_job(text, samples, seed, j, run)) return std::move(j.out);
  return finish_job(j);
}

Outcome import_prices(std::string_view price_file, const RunOptions& run) {
  Outcome out;
  PriceImport p = tcoscope::import_prices(price_file, builtin_catalog(),
                                          {.today = run.today, .file_date = run.prices_date});
  if (!p.ok()) {
    for (const Problem& e : p.errors) out.errors.push_back({"(prices)" + e.path, e.message});
    return out;
  }
  out.result = to_json(p);
  return finish(std::move(out));
}

Outcome compare(const std::vector<std::string>& texts, const RunOptions& run) {
  Outcome out;
  if (texts.size() < 2 || texts.size() > kMaxCompared) {
    out.errors.push_back({"/scenarios", std::to_string(texts.size()) + " scenario" +
                                            (texts.size() == 1 ? "" : "s") + " given; accepted: 2 to " +
                                            std::to_string(kMaxCompared)});
    return out;
  }
  std::unique_ptr<Catalog> storage;
  const Catalog* catalog = nullptr;
  if (!run_catalog(run, out, storage, catalog)) return out;
  std::vector<ComparedScenario> compared;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const std::string at = "/scenarios/" + std::to_string(i);
    auto relabel = [&](const Problems& from, Problems& to) {
      for (const Problem& p : from) to.push_back({at + p.path, p.message, p.code});
    };
    Outcome e = evaluate_on(texts[i], *catalog, run.today);
    relabel(e.warnings, out.warnings);
    if (!e.ok) {
      relabel(e.errors, out.errors);
      continue;
    }
    Job j;
    j.out = Outcome{};
    json confidence = nullptr;
    {
      ParsedScenario parsed;
      ResolvedInputs resolved;
      if (prepare(texts[i], j.out, parsed, resolved, *catalog)) {
        j.job = std::make_unique<SensitivityJob>(resolved.inputs, *catalog);
        Outcome s = finish_job(j);
        if (s.ok) confidence = std::move(s.result);
      }
      compared.push_back({to_json(parsed.scenario), std::move(e.result), std::move(confidence)});
    }
  }
  if (!out.errors.empty()) return out;
  out.result = compare_json(compared);
  return finish(std::move(out));
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
    json scenario = json::parse(f.text);
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

json envelope(Outcome&& o) {
  json out = {{"ok", o.ok}, {"warnings", to_json(o.warnings)}};
  if (o.ok)
    out["result"] = std::move(o.result);  // the result is most of the envelope: moved, not copied
  else
    out["errors"] = to_json(o.errors);
  return out;
}

json envelope(const Outcome& o) {
  return envelope(Outcome(o));
}

}  // namespace tcoscope::ops
