// compare_json.hpp — scenarios side by side: the figures a decision deck compares, one row per figure with
// a value per scenario (raw numbers: only people-facing code formats them), and what differs between them.
#pragma once

#include <vector>

#include "contract/json.hpp"

namespace tcoscope {

struct ComparedScenario {
  Json scenario;     // every key, defaults filled in (validate's output)
  Json result;       // evaluate's result
  Json sensitivity;  // sensitivity's result, or null
};

// {"scenarios": [{"name", "choice"}],
//  "rows": [{"key", "label", "unit", "values": [one per scenario], "differs", "best": index | null}],
//  "reasons": [[{"code", "favors", "message"}] per scenario],
//  "reasons_differ": [codes present in some scenarios but not all],
//  "input_differences": [{"path", "values"}]}: every scenario input (a JSON pointer) whose value is not the
// same in all of them; "best" is the lowest cost where lower is better.
Json compare_json(const std::vector<ComparedScenario>& scenarios);

}  // namespace tcoscope
