// staleness.hpp — the date of every price a scenario used, the oldest, and which are older than the
// scenario's threshold on a given day ("today" comes from the caller: never from the scenario or a link).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/inputs.hpp"
#include "model/verdict.hpp"

namespace tcoscope {

// A calendar day. An as-of date may name only a year ("2026") or a month ("2026-03"): it then stands for
// the last day of that period, so a price is never called stale before it could have been.
struct Day {
  int year = 0;
  int month = 1;
  int day = 1;
  auto operator<=>(const Day&) const = default;
};

// "YYYY", "YYYY-MM", "YYYY-MM-DD" (a time after the date, as in "2025-06-01T00:00:00Z", is ignored); nothing
// when the text is not such a date or the date does not exist.
std::optional<Day> parse_day(std::string_view text);
std::string to_string(const Day& d);  // YYYY-MM-DD
// The same day `months` later, clamped to the month's last day (2026-08-31 + 6 months = 2027-02-28).
Day add_months(const Day& d, int months);

struct PriceDate {
  std::string path;   // the scenario field the price fills: /api/usd_per_mtok_input, …
  std::string as_of;  // as the catalog or the price file gives it
  std::string source;
  std::string detail;  // the row: "GPT-4o mini", "Crusoe on-demand"
};

struct PriceAges {
  std::vector<PriceDate> prices;  // every dated price used, in provenance order
  std::string oldest;             // the oldest as_of of them (as given); empty when none is dated
  int stale_after_months = 6;     // the scenario's prices_stale_after_months; 0: never stale
  std::string today;              // the day checked against, YYYY-MM-DD; empty: not checked
  std::vector<PriceDate> stale;   // those older than the threshold on `today`
};

// The prices the model used (API input, cached input, output and batch discount; the GPU's rental rate or
// purchase price) that came from the catalog or an imported price file, with their dates. A price typed
// into the scenario carries no date and is not listed. With a valid `today`, those whose as_of plus the
// threshold lies before it are stale.
PriceAges price_ages(const Inputs& in, std::string_view today = {});

// Appends the `stale_prices` reason (neutral: it favors neither option) when any price is stale.
void add_stale_reason(Verdict& v, const PriceAges& ages);

}  // namespace tcoscope
