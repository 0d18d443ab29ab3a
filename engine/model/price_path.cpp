// price_path.cpp
#include "model/price_path.hpp"

#include <cmath>

namespace tcoscope {

PricePath price_path(double annual_change) {
  PricePath f;
  f.fill(1.0);
  if (annual_change == 0) return f;
  const double yearly = 1 + annual_change;
  const double monthly = std::sqrt(std::sqrt(cube_root(yearly)));  // yearly^(1/12)
  double whole_years = 1;
  for (int t = 1; t <= kMaxPricePathMonths; ++t) {
    if (t % 12 == 0) {
      whole_years *= yearly;  // exact years by repeated multiplication: month 24 is yearly × yearly
      f[t] = whole_years;
    } else {
      f[t] = f[t - 1] * monthly;
    }
  }
  return f;
}

}  // namespace tcoscope
