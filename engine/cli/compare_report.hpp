// compare_report.hpp — `tcoscope compare --format text`: the comparison the engine returns, as an aligned
// table with the differences marked.
#pragma once

#include <string>

#include "contract/json.hpp"

namespace tcoscope::cli {

std::string compare_text(const Json& comparison);

// An import report (`tcoscope prices FILE --format text`): counts, what replaced catalog prices, what was
// added, skipped and ignored.
std::string price_import_text(const Json& report);

}  // namespace tcoscope::cli
