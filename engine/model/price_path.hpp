// price_path.hpp — prices that move over the horizon: an annual change compounded monthly, as a factor on
// today's price t months after the start, (1 + annual)^(t / 12).
//
// Timing (one convention for every price, stated once): month m of the horizon (1, 2, …) is billed at its
// end, t = m, so its API and rental prices are today's × (1 + annual)^(m / 12): month 12 pays exactly one
// year's change, month 24 two (a −20 %/year path bills month 24 at 0.8² of today's prices). A GPU bought at
// the start of month m pays the purchase price at t = m − 1 (month 1: today's price) and is resold at the
// end of its amortization, t = m − 1 + amortization_months, at the residual share of the new price then.
// The monthly view, the breakeven and the cost curves stay at today's prices.
//
// Only +, ×, ÷ and sqrt, which IEEE 754 rounds exactly, so the factors are bit-identical natively and in
// wasm (pow() is not: its last bits differ between C libraries): whole years by repeated multiplication,
// the months in between by the twelfth root, sqrt(sqrt(cbrt(x))) with the cube root by Newton's method.
#pragma once

#include <array>

#include "model/units.hpp"

namespace tcoscope {

// x^(1/3) for x > 0, by Newton's method from 1 for a fixed number of steps (deterministic everywhere).
constexpr double cube_root(double x) {
  double y = x > 1 ? x / 3 + 0.7 : 1.0;
  for (int i = 0; i < 100; ++i) y = (2 * y + x / (y * y)) / 3;
  return y;
}

// The factor on today's price at every t = 0 … kMaxPricePathMonths months after the start.
inline constexpr int kMaxPricePathMonths = 2 * kMaxHorizonMonths;
using PricePath = std::array<double, kMaxPricePathMonths + 1>;

// `annual_change` is a fraction per year (−0.2 = prices fall 20 % a year); 0 gives factors of exactly 1.
PricePath price_path(double annual_change);

// The factors one month of the horizon bills at (all 1 without paths) and, on premises with a purchase price
// path, the month's hardware cost of the GPUs still amortizing, each purchase at its own price and resale
// value (negative: every GPU at today's price, the formula without a path).
struct MonthPrices {
  double api = 1;     // on the API's per-token prices
  double rental = 1;  // on the GPU rental rate (on-demand, committed or spot)
  double amortization_usd = -1;
  double capital_usd = -1;
};

}  // namespace tcoscope
