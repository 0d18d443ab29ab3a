// format.cpp — numbers as text without snprintf or intermediate strings (both slow in wasm, where libc++'s
// short-string buffer holds only 10 characters): one pass into a stack buffer, one std::string at the end.
#include "report/format.hpp"

#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>

#include "model/units.hpp"

namespace tcoscope::fmt {
namespace {

struct Style {
  bool group = false;  // thousands separators in the integer part
  bool trim = false;   // drop trailing zeros (and a bare decimal point)
  std::string_view prefix;
  std::string_view suffix;
};

// x rounded half away from zero to `decimals`, its sign first, then the style's prefix and suffix.
std::string fixed(double x, int decimals, Style style) {
  static constexpr double kPow10[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
  double a = std::fabs(x);
  char digits[400];
  int len = 0;  // digits[] holds the digits of round(a × 10^decimals), least significant first
  if (decimals >= 0 && decimals <= 9 && a * kPow10[decimals] < 9e15) {
    auto n = static_cast<unsigned long long>(std::round(a * kPow10[decimals]));
    do {
      digits[len++] = static_cast<char>('0' + n % 10);
      n /= 10;
    } while (n > 0);
  } else {  // beyond 2^53: exact decimal expansion from snprintf, then the same layout
    char buf[400];
    int written = std::snprintf(buf, sizeof buf, "%.*f", decimals, a);
    for (int i = written - 1; i >= 0 && len < 399; --i)
      if (buf[i] != '.') digits[len++] = buf[i];
  }
  while (len <= decimals) digits[len++] = '0';
  bool zero = true;
  for (int i = 0; i < len; ++i) zero = zero && digits[i] == '0';

  std::string out;
  out.reserve(static_cast<std::size_t>(len) + len / 3 + style.prefix.size() + style.suffix.size() + 3);
  if (x < 0 && !zero) out += '-';
  out += style.prefix;
  for (int i = len - 1; i >= decimals; --i) {
    out += digits[i];
    int left = i - decimals;  // integer digits still to write
    if (style.group && left > 0 && left % 3 == 0) out += ',';
  }
  int last = 0;  // lowest fractional digit kept
  if (style.trim)
    while (last < decimals && digits[last] == '0') ++last;
  if (last < decimals) {
    out += '.';
    for (int i = decimals - 1; i >= last; --i) out += digits[i];
  }
  out += style.suffix;
  return out;
}

}  // namespace

std::string number(double x, int decimals) {
  if (!std::isfinite(x)) return "n/a";
  return fixed(x, decimals, {.group = true});
}

std::string usd(double x) {
  if (!std::isfinite(x)) return "n/a";
  double a = std::fabs(x);
  std::string_view prefix = x < 0 && a >= 0.00005 ? "-$" : "$";
  if (a >= 1.0 || a == 0.0) return fixed(a, 2, {.group = true, .prefix = prefix});
  // Below a dollar keep two significant digits, at least two decimals: $0.15, $0.0076, $0.000012.
  // Literal thresholds, not pow(): explanations must print identically natively and in wasm.
  static constexpr double kThreshold[] = {1, 0.1, 0.01, 0.001, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8};
  int decimals = 2;
  while (decimals < 8 && a < kThreshold[decimals - 1]) ++decimals;
  return fixed(a, decimals, {.prefix = prefix});
}

std::string usd_whole(double x) {
  if (!std::isfinite(x)) return "n/a";
  return fixed(std::fabs(x), 0, {.group = true, .prefix = x < -0.5 ? "-$" : "$"});
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
  if (a >= 1e15) {  // past the volume limit (messages only): 1.8e30
    int exponent = static_cast<int>(std::floor(std::log10(a)));
    double mantissa = a / std::pow(10.0, exponent);
    if (mantissa >= 9.95) {
      mantissa /= 10;
      ++exponent;
    }
    return (x < 0 ? "-" : "") + fixed(mantissa, 1, {.trim = true}) + "e" + std::to_string(exponent);
  }
  if (a >= 1e12) {
    scaled = a / 1e12;
    suffix = "T";
  } else if (a >= 1e9) {
    scaled = a / 1e9;
    suffix = "B";
  } else if (a >= 1e6) {
    scaled = a / 1e6;
    suffix = "M";
  } else if (a >= 1e3) {
    scaled = a / 1e3;
    suffix = "k";
  }
  int decimals = scaled >= 100 ? 0 : scaled >= 10 ? 1 : 2;
  if (*suffix == '\0') decimals = 0;
  return fixed(x < 0 ? -scaled : scaled, decimals, {.trim = true, .suffix = suffix});
}

std::string volume_range() {
  return tokens(kMinCurveTokensPerMonth) + " to " + tokens(kMaxCurveTokensPerMonth);
}

std::string percent(double fraction) {
  if (!std::isfinite(fraction)) return "n/a";
  double p = fraction * 100.0;
  int decimals = std::fabs(p) >= 1 ? 1 : 2;
  return fixed(p, decimals, {.trim = true, .suffix = "%"});
}

std::string plain(double x) {
  if (!std::isfinite(x)) return "n/a";
  double a = std::fabs(x);
  int decimals = a >= 1000 ? 0 : a >= 100 ? 1 : a >= 1 ? 2 : 4;
  return fixed(x, decimals, {.group = true, .trim = true});
}

}  // namespace tcoscope::fmt
