// format.hpp — numbers as people read them, for the engine's explanations (the page formats its own).
#pragma once

#include <string>

namespace tcoscope::fmt {

std::string number(double x, int decimals);  // 12,083.33
std::string usd(double x);                   // $2,175.40; $0.0076 below one dollar; -$3.00
std::string usd_whole(double x);             // $2,175
std::string usd_input(double x);             // an input as typed: $145,000, $1.49, $0.075
std::string tokens(double x);
// The volumes the breakeven search and the cost curves cover: "1M to 100T".
std::string volume_range();            // 11B, 1.5M, 730k, 950
std::string percent(double fraction);  // 11.5%
std::string plain(double x);           // shortest readable form: 0.7, 1.56, 145,000, 6,596

}  // namespace tcoscope::fmt
