// schema.hpp — the scenario's JSON Schema (draft 2020-12) and the fuzzer's dictionary, both derived from the
// field table (contract/scenario_fields.hpp) and the defaults (model/scenario.hpp).
#pragma once

#include <string>
#include <vector>

#include "contract/json.hpp"

namespace tcoscope {

// Types, minimum/maximum, enum, default and a description with the unit, for every scenario key. Keywords of
// our own: "x-tcoscope-labels" (an enum's labels for people, in enum order), "x-tcoscope-slider" (a slider's
// span when narrower than the accepted range) and, at the root, "x-tcoscope-limits" (bytes, depth, values).
// Stricter than the engine on one point only: unknown keys, which the engine ignores with a warning, are
// errors here (additionalProperties: false), so an editor flags a mistyped key.
Json scenario_schema();

// Every key and enum name of the scenario, and every catalog id: libFuzzer dictionary entries, one per line.
std::vector<std::string> fuzz_dictionary();

}  // namespace tcoscope
