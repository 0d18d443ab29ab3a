// explain.hpp — the formula lines behind each figure, built from the same numbers the result carries.
#pragma once

#include <vector>

#include "evaluate.hpp"

namespace tcoscope {

std::vector<Explanation> explain(const Evaluation& e);

}  // namespace tcoscope
