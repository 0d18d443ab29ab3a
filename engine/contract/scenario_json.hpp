// scenario_json.hpp — the scenario's JSON contract (SPEC §5): parse with every problem listed, write back,
// minimize.
#pragma once

#include <string_view>

#include "contract/json.hpp"
#include "model/problems.hpp"
#include "model/scenario.hpp"

namespace tcoscope {

struct ParsedScenario {
  Scenario scenario;  // defaults where the input is missing or invalid
  Problems errors;    // invalid input: the scenario must not be evaluated
  Problems warnings;  // accepted with a remark (unknown keys, ignored fields)
  bool ok() const { return errors.empty(); }
};

// Limits applied before any work (SPEC §5): the size in bytes, the nesting depth and the count of keys and
// array items. A scenario has about 100 keys and 168 weights; these leave room for long descriptions and
// future keys. The byte limit: every input written out is about 2 KB, and with 168 weights, a 2,000-character
// description and a range on every input about 15 KB; 1 MiB is 60 times that, and keeps the page's worst case
// (web/worstcase.mjs) under a second, where 32 MiB froze the tab for 15 s.
inline constexpr std::size_t kMaxScenarioBytes = 1024 * 1024;
inline constexpr std::size_t kMaxScenarioDepth = 32;
inline constexpr std::size_t kMaxScenarioValues = 10000;
// At most this many errors and this many warnings are listed; one more line says how many were left out.
inline constexpr std::size_t kMaxProblemsListed = 100;

// Never throws: malformed JSON, wrong types and out-of-range values all come back as problems.
ParsedScenario parse_scenario(const Json& j);
ParsedScenario parse_scenario_text(std::string_view text);

// Every field, defaults included; optional (catalog-filled) fields only when set.
Json to_json(const Scenario& s);

// Only what differs from the defaults (plus schema_version): what a share link carries.
Json to_minimal_json(const Scenario& s);

// The first limit `text` breaks, as a message; empty when it is within all of them. Reads the bytes once.
std::string check_limits(std::string_view text);

// One pass over JSON text, before any tree is built: the values it holds (keys and array items), how deep it
// nests, and the character (from 1) of its first NUL byte outside strings (0: none; the scan stops there).
struct JsonShape {
  std::size_t values = 0;
  std::size_t deepest = 0;
  std::size_t nul_at = 0;
};
JsonShape json_shape(std::string_view text);

// Appends a problem, or counts it in a last "and N more" line once kMaxProblemsListed are listed.
void add_problem(Problems& list, std::string path, std::string message, std::string code = "");
// The code of the warning for a key the scenario's field table does not have: what a page calls "settings
// this calculator does not know", apart from every other warning.
inline constexpr const char* kUnknownKeyCode = "unknown_key";

// A short, safe rendering of a JSON value for messages: 1.5, "abc", a string of 10485760 characters, an
// object.
std::string describe(const Json& v);

}  // namespace tcoscope
