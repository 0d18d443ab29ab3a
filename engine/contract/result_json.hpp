// result_json.hpp — results as JSON (SPEC §5): what the CLI prints and the page reads, key for key.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "analysis/sensitivity.hpp"
#include "model/evaluate.hpp"
#include "model/gpu_options.hpp"
#include "model/problems.hpp"
#include "report/explain.hpp"

namespace tcoscope {

nlohmann::json to_json(const Evaluation& e, const std::vector<Explanation>& explanations);
// The same, explaining `e` first.
nlohmann::json to_json(const Evaluation& e);
nlohmann::json to_json(const std::vector<GpuOption>& options);
nlohmann::json to_json(const Sensitivity& s);

// [{path, message, code?}]: problems as the result and the envelopes carry them.
nlohmann::json to_json(const Problems& problems);

}  // namespace tcoscope
