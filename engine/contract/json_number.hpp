// json_number.hpp — a finite double as JSON text, exactly as nlohmann::json::dump() writes it, so that the
// engine's output does not change with its JSON library.
#pragma once

#include <cstddef>

namespace tcoscope::json_number {

// The longest text write() produces: a sign, 17 digits (the most Grisu2 yields for a double:
// json_number.cpp), a decimal point and a three-digit exponent, "-1.7976931348623157e+308".
inline constexpr std::size_t kMaxChars = 24;

// Writes finite x into out (kMaxChars of room, no NUL) as dump() does: digits that read back to x (Grisu2's,
// the shortest in all but rare cases, 1e23 giving 9.999999999999999e+22), ".0" on an integer of up to 15
// digits, "0.000ddd" down to 1e-4, an exponent of at least two digits with its sign outside those ("1e+15",
// "1e-05"),
// "-0.0" for negative zero. Returns the number of chars written.
std::size_t write(double x, char* out);

}  // namespace tcoscope::json_number
