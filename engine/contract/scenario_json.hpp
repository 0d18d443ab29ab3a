// scenario_json.hpp — the scenario's JSON contract (SPEC §5): parse with every problem listed, write back.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "model/problems.hpp"
#include "model/scenario.hpp"

namespace tcoscope {

struct ParsedScenario {
  Scenario scenario;  // defaults where the input is missing or invalid
  Problems errors;    // invalid input: the scenario must not be evaluated
  Problems warnings;  // accepted with a remark (unknown keys, ignored fields)
  bool ok() const { return errors.empty(); }
};

// Never throws: malformed JSON, wrong types and out-of-range values all come back as problems.
ParsedScenario parse_scenario(const nlohmann::json& j);
ParsedScenario parse_scenario_text(std::string_view text);

// Every field, defaults included; optional (catalog-filled) fields only when set.
nlohmann::json to_json(const Scenario& s);

// Only what differs from the defaults (plus schema_version): what a share link carries.
nlohmann::json to_minimal_json(const Scenario& s);

// A short, safe rendering of a JSON value for messages: 1.5, "abc", a string of 10485760 characters, an object.
std::string describe(const nlohmann::json& v);

}  // namespace tcoscope
