// staleness.cpp — dates of the prices used, and the stale_prices reason.
#include "model/staleness.hpp"

#include <algorithm>
#include <cstdio>

namespace tcoscope {
namespace {

bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}
int days_in(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// The digits of text[at, at + n) as a number, or -1.
int digits(std::string_view text, std::size_t at, std::size_t n) {
  if (text.size() < at + n) return -1;
  int x = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    x = x * 10 + (text[i] - '0');
  }
  return x;
}

bool is_price_path(std::string_view path) {
  for (const char* p :
       {"/api/usd_per_mtok_input", "/api/usd_per_mtok_cached_input", "/api/usd_per_mtok_output",
        "/api/batch_discount", "/self_host/cloud/usd_per_gpu_hour", "/self_host/on_prem/usd_per_gpu"})
    if (path == p) return true;
  return false;
}

}  // namespace

std::optional<Day> parse_day(std::string_view text) {
  Day d;
  d.year = digits(text, 0, 4);
  if (d.year < 1) return std::nullopt;
  if (text.size() == 4) {
    d.month = 12;
    d.day = 31;
    return d;
  }
  if (text[4] != '-') return std::nullopt;
  d.month = digits(text, 5, 2);
  if (d.month < 1 || d.month > 12) return std::nullopt;
  if (text.size() == 7) {
    d.day = days_in(d.year, d.month);
    return d;
  }
  if (text.size() < 10 || text[7] != '-') return std::nullopt;
  d.day = digits(text, 8, 2);
  if (d.day < 1 || d.day > days_in(d.year, d.month)) return std::nullopt;
  if (text.size() > 10 && text[10] != 'T' && text[10] != ' ') return std::nullopt;
  return d;
}

std::string to_string(const Day& d) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buffer;
}

Day add_months(const Day& d, int months) {
  int index = d.year * 12 + (d.month - 1) + months;
  Day out{index / 12, index % 12 + 1, d.day};
  out.day = std::min(out.day, days_in(out.year, out.month));
  return out;
}

PriceAges price_ages(const Inputs& in, std::string_view today) {
  PriceAges ages;
  ages.stale_after_months = in.scenario.prices_stale_after_months;
  std::optional<Day> oldest;
  for (const Provenance& p : in.provenance) {
    if (p.from != "catalog" || !is_price_path(p.path) || p.as_of.empty()) continue;
    ages.prices.push_back({p.path, p.as_of, p.source, p.detail});
    std::optional<Day> d = parse_day(p.as_of);
    if (d && (!oldest || *d < *oldest)) {
      oldest = d;
      ages.oldest = p.as_of;
    }
  }
  std::optional<Day> now = parse_day(today);
  if (!now || today.size() != 10) return ages;
  ages.today = to_string(*now);
  if (ages.stale_after_months <= 0) return ages;
  for (const PriceDate& p : ages.prices) {
    std::optional<Day> d = parse_day(p.as_of);
    if (d && add_months(*d, ages.stale_after_months) < *now) ages.stale.push_back(p);
  }
  return ages;
}

void add_stale_reason(Verdict& v, const PriceAges& ages) {
  if (ages.stale.empty()) return;
  // One clause per priced row ("GPT-4o mini as of 2026-01-15"), in the order the prices were used.
  std::vector<std::string> clauses;
  for (const PriceDate& p : ages.stale) {
    std::string clause = (p.detail.empty() ? p.path : p.detail) + " as of " + p.as_of;
    if (std::find(clauses.begin(), clauses.end(), clause) == clauses.end()) clauses.push_back(clause);
  }
  std::string list;
  for (std::size_t i = 0; i < clauses.size(); ++i)
    list += (i == 0 ? "" : i + 1 == clauses.size() ? " and " : ", ") + clauses[i];
  v.reasons.push_back({"stale_prices", "neutral",
                       "Some prices are more than " + std::to_string(ages.stale_after_months) + " month" +
                           (ages.stale_after_months == 1 ? "" : "s") + " old on " + ages.today + ": " + list +
                           ". Check them, or import a current price file."});
}

}  // namespace tcoscope
