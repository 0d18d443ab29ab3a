// units.hpp — the calendar and unit constants every formula shares, stated once (SPEC §4).
#pragma once

namespace tcoscope {

inline constexpr double kHoursPerMonth = 730.0;  // 8,760 h per year / 12
inline constexpr int kHoursPerWeek = 168;        // the load profile: Monday 00:00 first
inline constexpr double kWeeksPerMonth = kHoursPerMonth / kHoursPerWeek;
inline constexpr double kSecondsPerHour = 3600.0;
inline constexpr double kTokensPerMtok = 1e6;
inline constexpr double kWattsPerKw = 1000.0;

// The volume limit: tokens_per_month's maximum, and that of every month of the horizon, growth included.
inline constexpr double kMaxTokensPerMonth = 1e15;

// The longest horizon a scenario may have (horizon_months' and amortization_months' maximum).
inline constexpr int kMaxHorizonMonths = 120;

// The volume range the breakeven search and the cost curves cover (SPEC §4).
inline constexpr double kMinCurveTokensPerMonth = 1e6;
inline constexpr double kMaxCurveTokensPerMonth = 1e14;

// Within half a cent a month two options tie: neither "saves" anything, whatever the rounding says.
inline constexpr double kTieUsdPerMonth = 0.005;

static_assert(kHoursPerMonth * 12 == 8760.0);

}  // namespace tcoscope
