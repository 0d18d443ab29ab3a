// ops.hpp — the engine's whole surface as text in, JSON out: what the CLI and the wasm module both call,
// so the page and the command line can never disagree.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "contract/json.hpp"
#include "model/problems.hpp"

namespace tcoscope::ops {

struct Outcome {
  bool ok = false;
  Json result;  // evaluate: the result; validate: the scenario with defaults filled in
  Problems errors;
  Problems warnings;
};

// What a run takes besides the scenario. Neither is ever part of a scenario or a link.
struct RunOptions {
  // A price file (contract/price_import.hpp: LiteLLM, genai-prices or {"api_models": […]}) whose API prices
  // apply for this run; empty: the catalog's. A file that cannot be read is an error at "(prices)".
  std::string_view prices;
  std::string_view prices_date;  // the file's date (YYYY-MM-DD) for files that carry none
  // The day prices are checked against (YYYY-MM-DD): those older than the scenario's
  // prices_stale_after_months give the stale_prices reason; empty: not checked (the result still lists
  // every price's date).
  std::string_view today;
};

Outcome evaluate(std::string_view scenario_json);
Outcome validate(std::string_view scenario_json);
// The scenario minus its defaults (what a share link carries); errors as validate.
Outcome minimize(std::string_view scenario_json);
// "Which GPU?": every catalog GPU rented at each listed rate and bought, cheapest first; errors as validate.
Outcome gpus(std::string_view scenario_json);

// "How sure?": ranges, tornado, Monte Carlo and flip points (analysis/sensitivity.hpp). `samples` and
// `seed`, when given, replace the scenario's uncertainty.samples and uncertainty.seed (already checked).
Outcome sensitivity(std::string_view scenario_json, std::optional<int> samples = {},
                    std::optional<int> seed = {});

// The same with a run's imported prices and day (the functions above are these with RunOptions{}).
Outcome evaluate_with(std::string_view scenario_json, const RunOptions& run);
Outcome validate_with(std::string_view scenario_json, const RunOptions& run);
Outcome minimize_with(std::string_view scenario_json, const RunOptions& run);
Outcome gpus_with(std::string_view scenario_json, const RunOptions& run);
Outcome sensitivity_with(std::string_view scenario_json, std::optional<int> samples, std::optional<int> seed,
                         const RunOptions& run);

// Reads a price file and maps it onto the catalog's API models (contract/price_import.hpp's to_json): what
// it used, what it added, what it skipped and why. run.today picks dated prices; run.prices is not read.
Outcome import_prices(std::string_view price_file, const RunOptions& run = {});

// Up to kMaxCompared scenarios side by side (compare.hpp): each one's verdict, costs, cost per 1M tokens,
// breakeven, payback and confidence, and what differs between them. Errors name the scenario:
// "/scenarios/1/workload/input_share".
inline constexpr std::size_t kMaxCompared = 4;
Outcome compare(const std::vector<std::string>& scenario_jsons, const RunOptions& run = {});

// The same in slices, for a page that samples between frames. One job at a time: begin() replaces any
// earlier job (a newer edit cancels older sampling) and returns the envelope of sensitivity() when the
// scenario is invalid, else {"ok": true, "result": {"samples": N}}. step(n) draws up to n more samples and
// returns {"done": false, "samples_done": k, "samples": N}, or, once all are drawn, {"done": true,
// "envelope": …} with exactly what sensitivity() returns; the job then ends.
Json sensitivity_begin(std::string_view scenario_json);
Json sensitivity_step(int max_samples);

Json defaults();       // the default scenario, every key
const Json& schema();  // the scenario's JSON Schema (draft 2020-12)
Json presets();        // [{ "id", "name", "description", "scenario" }]
const Json& catalog();

// {"ok": true, "result": …, "warnings": […]} or {"ok": false, "errors": […], "warnings": […]}
Json envelope(const Outcome& o);
Json envelope(Outcome&& o);  // the same, moving the result in

// Replaces every -0 in `j` with 0.
void drop_negative_zeros(Json& j);

// JSON pointer of the first non-finite number in `j`, or empty when every number is finite.
std::string find_non_finite(const Json& j, const std::string& path = "");

}  // namespace tcoscope::ops
