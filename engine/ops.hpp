// ops.hpp — the engine's whole surface as text in, JSON out: what the CLI and the wasm module both call,
// so the page and the command line can never disagree.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "model/problems.hpp"

namespace tcoscope::ops {

struct Outcome {
  bool ok = false;
  nlohmann::json result;  // evaluate: the result; validate: the scenario with defaults filled in
  Problems errors;
  Problems warnings;
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

// The same in slices, for a page that samples between frames. One job at a time: begin() replaces any
// earlier job (a newer edit cancels older sampling) and returns the envelope of sensitivity() when the
// scenario is invalid, else {"ok": true, "result": {"samples": N}}. step(n) draws up to n more samples and
// returns {"done": false, "samples_done": k, "samples": N}, or, once all are drawn, {"done": true,
// "envelope": …} with exactly what sensitivity() returns; the job then ends.
nlohmann::json sensitivity_begin(std::string_view scenario_json);
nlohmann::json sensitivity_step(int max_samples);

nlohmann::json defaults();       // the default scenario, every key
const nlohmann::json& schema();  // the scenario's JSON Schema (draft 2020-12)
nlohmann::json presets();        // [{ "id", "name", "description", "scenario" }]
const nlohmann::json& catalog();

// {"ok": true, "result": …, "warnings": […]} or {"ok": false, "errors": […], "warnings": […]}
nlohmann::json envelope(const Outcome& o);

// Replaces every -0 in `j` with 0.
void drop_negative_zeros(nlohmann::json& j);

// JSON pointer of the first non-finite number in `j`, or empty when every number is finite.
std::string find_non_finite(const nlohmann::json& j, const std::string& path = "");

}  // namespace tcoscope::ops
