// text_report.hpp — the CLI's readable reports (--format text), built from the result JSON the engine
// returns.
#pragma once

#include <string>

#include "contract/json.hpp"

namespace tcoscope::cli {

// The readable report of an evaluate result.
std::string text_report(const Json& result);
// "How sure?": the confidence line, the spreads, the tornado as a table and the flip sentences.
std::string sensitivity_text(const Json& result);
// The "Which GPU?" result as an aligned table.
std::string gpu_table_text(const Json& result);

}  // namespace tcoscope::cli
