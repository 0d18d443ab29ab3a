// TEMPORARY stand-in.
#include "contract/json_number.hpp"
#include <cstdio>
#include <initializer_list>
#include <cstdlib>
#include <cstring>
namespace tcoscope::json_number {
std::size_t write(double x, char* out) {
  int n = 0;
  for (int p : {15, 16, 17}) { n = std::snprintf(out, kMaxChars, "%.*g", p, x); if (std::strtod(out, nullptr) == x) break; }
  if (!std::strpbrk(out, ".eEn")) { out[n++] = '.'; out[n++] = '0'; }
  return static_cast<std::size_t>(n);
}
}  // namespace tcoscope::json_number
