// format.cpp — snprintf-based formatting (libc++ 13 in Emscripten has no <format> or float to_chars).
#include "format.hpp"

#include <cmath>
#include <cstdio>
#include <string>

namespace llmtco::fmt {
namespace {

// Fixed-point text without snprintf (slow in wasm's libc): round |x| × 10^decimals half away from zero to an
// integer and place the point. Exact for the magnitudes explanations show; snprintf beyond them.
std::string printf_fixed(double x, int decimals) {
  static constexpr double kPow10[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
  double a = std::fabs(x);
  if (decimals < 0 || decimals > 9 || !(a * kPow10[decimals] < 9e15)) {
    char buf[400];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
    return buf;
  }
  auto n = static_cast<unsigned long long>(std::round(a * kPow10[decimals]));
  char digits[32];
  int len = 0;
  do {
    digits[len++] = static_cast<char>('0' + n % 10);
    n /= 10;
  } while (n > 0 || len <= decimals);
  std::string out;
  out.reserve(len + 2);
  if (x < 0) out += '-';
  for (int i = len - 1; i >= 0; --i) {
    out += digits[i];
    if (i == decimals && decimals > 0) out += '.';
  }
  return out;
}

// Inserts thousands separators into the integer part of a plain decimal string.
std::string group_thousands(const std::string& s) {
  std::size_t start = (!s.empty() && s[0] == '-') ? 1 : 0;
  std::size_t dot = s.find('.');
  std::size_t int_end = dot == std::string::npos ? s.size() : dot;
  std::string out = s.substr(0, start);
  for (std::size_t i = start; i < int_end; ++i) {
    out += s[i];
    std::size_t left = int_end - i - 1;
    if (left > 0 && left % 3 == 0) out += ',';
  }
  out += s.substr(int_end);
  return out;
}

std::string trim_zeros(std::string s) {
  if (s.find('.') == std::string::npos) return s;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

std::string number(double x, int decimals) {
  if (!std::isfinite(x)) return "n/a";
  std::string s = printf_fixed(x, decimals);
  if (s == "-0" || s.rfind("-0.", 0) == 0) {
    bool all_zero = s.find_first_not_of("-0.") == std::string::npos;
    if (all_zero) s.erase(0, 1);
  }
  return group_thousands(s);
}

std::string usd(double x) {
  if (!std::isfinite(x)) return "n/a";
  double a = std::fabs(x);
  std::string sign = x < 0 && a >= 0.00005 ? "-" : "";
  if (a >= 1.0 || a == 0.0) return sign + "$" + number(a, 2);
  // Below a dollar keep two significant digits, at least two decimals: $0.15, $0.0076, $0.000012.
  // Literal thresholds, not pow(): explanations must print identically natively and in wasm.
  static constexpr double kThreshold[] = {1, 0.1, 0.01, 0.001, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8};
  int decimals = 2;
  while (decimals < 8 && a < kThreshold[decimals - 1]) ++decimals;
  return sign + "$" + printf_fixed(a, decimals);
}

std::string usd_whole(double x) {
  if (!std::isfinite(x)) return "n/a";
  return (x < -0.5 ? "-$" : "$") + number(std::fabs(x), 0);
}

std::string usd_input(double x) {
  if (std::isfinite(x) && std::fabs(x) >= 1 && x == std::floor(x)) return usd_whole(x);
  return usd(x);
}

std::string tokens(double x) {
  if (!std::isfinite(x)) return "n/a";
  double a = std::fabs(x);
  const char* suffix = "";
  double scaled = a;
  if (a >= 1e12) { scaled = a / 1e12; suffix = "T"; }
  else if (a >= 1e9) { scaled = a / 1e9; suffix = "B"; }
  else if (a >= 1e6) { scaled = a / 1e6; suffix = "M"; }
  else if (a >= 1e3) { scaled = a / 1e3; suffix = "k"; }
  int decimals = scaled >= 100 ? 0 : scaled >= 10 ? 1 : 2;
  if (*suffix == '\0') decimals = 0;
  return (x < 0 ? "-" : "") + trim_zeros(printf_fixed(scaled, decimals)) + suffix;
}

std::string percent(double fraction) {
  if (!std::isfinite(fraction)) return "n/a";
  double p = fraction * 100.0;
  int decimals = std::fabs(p) >= 10 ? 1 : std::fabs(p) >= 1 ? 1 : 2;
  return trim_zeros(printf_fixed(p, decimals)) + "%";
}

std::string plain(double x) {
  if (!std::isfinite(x)) return "n/a";
  double a = std::fabs(x);
  int decimals = a >= 1000 ? 0 : a >= 100 ? 1 : a >= 1 ? 2 : 4;
  return group_thousands(trim_zeros(printf_fixed(x, decimals)));
}

}  // namespace llmtco::fmt
