// explain.hpp — the formula lines behind each figure, built from the same numbers the result carries.
#pragma once

#include <vector>

#include "evaluate.hpp"

namespace llmtco {

std::vector<Explanation> explain(const Evaluation& e);

}  // namespace llmtco
