// TEMPORARY stand-in (replaced by helper-15's Grisu2 writer).
#pragma once
#include <cstddef>
namespace tcoscope::json_number {
inline constexpr std::size_t kMaxChars = 32;
std::size_t write(double x, char* out);
}  // namespace tcoscope::json_number
