// result_json.hpp — results as JSON (SPEC §5): what the CLI prints and the page reads, key for key.
#pragma once

#include <vector>

#include "analysis/sensitivity.hpp"
#include "contract/json.hpp"
#include "model/evaluate.hpp"
#include "model/gpu_options.hpp"
#include "model/problems.hpp"
#include "report/explain.hpp"

namespace tcoscope {

Json to_json(const Evaluation& e, const std::vector<Explanation>& explanations);
// The same, explaining `e` first.
Json to_json(const Evaluation& e);
Json to_json(const std::vector<GpuOption>& options);
Json to_json(const Sensitivity& s);

// [{path, message, code?}]: problems as the result and the envelopes carry them.
Json to_json(const Problems& problems);

}  // namespace tcoscope
