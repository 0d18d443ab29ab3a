// make_dict.cpp — prints the libFuzzer dictionary for scenario_fuzz on stdout, one entry a line: every
// scenario key, enum name and catalog id (tcoscope::fuzz_dictionary(), derived from the field table and the
// catalog, so it never falls behind the schema), then a few structural JSON tokens and numbers at the edges
// of double. scripts/fuzz writes it to build/fuzz/scenario.dict.
#include <cstdio>
#include <string>

#include "contract/schema.hpp"

int main() {
  for (const std::string& line : tcoscope::fuzz_dictionary()) std::printf("%s\n", line.c_str());
  // Dictionary syntax: a quoted string where \" is a quote and \\ a backslash. "\\u00e9" is the six
  // characters \u00e9, a JSON escape (é).
  static const char* const kTokens[] = {
      R"("{")",      R"("}")",      R"("[")",     R"("]")",     R"(":")",      R"(",")", R"("true")",
      R"("false")",  R"("null")",   R"("1e308")", R"("1e999")", R"("-1")",     R"("0")", R"("0.5")",
      R"("1e-310")", R"("5e-324")", R"("168")",   R"("1e15")",  R"("\\u00e9")"};
  for (const char* token : kTokens) std::printf("%s\n", token);
  return std::fflush(stdout) == 0 ? 0 : 1;
}
