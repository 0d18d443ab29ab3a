// json_number_test.cpp — json_number::write() gives nlohmann::json::dump()'s text byte for byte, and that
// text reads back (strtod) to the same double, over millions of doubles of every kind.
#include "contract/json_number.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cfloat>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace tcoscope::json_number {
namespace {

// The sanitize preset compiles the tests at -O0 under ASan + UBSan, some 20 times slower: a tenth of the
// cases there keeps the file at a few seconds in both trees.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TCOSCOPE_JSON_NUMBER_SLOW 1
#endif
#endif
#if !defined(__OPTIMIZE__) || defined(__SANITIZE_ADDRESS__)
#define TCOSCOPE_JSON_NUMBER_SLOW 1
#endif
#ifdef TCOSCOPE_JSON_NUMBER_SLOW
constexpr int kScale = 1;
#else
constexpr int kScale = 10;
#endif

// Compares each double with nlohmann and strtod, counting; the first failures are reported in full.
struct Checker {
  long cases = 0;
  long failures = 0;

  void operator()(double x) {
    if (!std::isfinite(x)) return;
    ++cases;
    char buf[kMaxChars + 8];
    std::memset(buf, '#', sizeof buf);  // a guard: nothing may land past kMaxChars
    const std::size_t len = write(x, buf);
    const std::string_view got(buf, len <= kMaxChars ? len : 0);
    const std::string want = nlohmann::json(x).dump();
    bool ok = len <= kMaxChars && got == want;
    for (std::size_t i = kMaxChars; i < sizeof buf; ++i) ok = ok && buf[i] == '#';
    const std::string text(got);
    const double back = std::strtod(text.c_str(), nullptr);
    ok = ok && std::bit_cast<std::uint64_t>(back) == std::bit_cast<std::uint64_t>(x);
    if (!ok && ++failures <= 10)
      ADD_FAILURE() << "bits 0x" << std::hex << std::bit_cast<std::uint64_t>(x) << ": wrote \"" << text
                    << "\" (" << std::dec << len << " chars), nlohmann \"" << want << "\"";
  }
  void both_signs(double x) {
    (*this)(x);
    (*this)(-x);
  }
  void with_neighbours(double x, int n) {  // x and n doubles either side, with both signs
    double up = x, down = x;
    both_signs(x);
    for (int i = 0; i < n; ++i) {
      up = std::nextafter(up, HUGE_VAL);
      down = std::nextafter(down, -HUGE_VAL);
      both_signs(up);
      both_signs(down);
    }
  }
  ~Checker() {
    std::printf("  %ld doubles, %ld failing\n", cases, failures);
    EXPECT_EQ(failures, 0);
  }
};

double from_text(const std::string& s) {
  return std::strtod(s.c_str(), nullptr);
}

TEST(JsonNumber, lays_out_the_digits_as_nlohmann_does) {
  const std::pair<double, const char*> cases[] = {
      {0.0, "0.0"},
      {-0.0, "-0.0"},
      {1.0, "1.0"},
      {-12.5, "-12.5"},
      {0.1, "0.1"},
      {100.0, "100.0"},
      {123456789012345.0, "123456789012345.0"},  // 15 digits: fixed, ".0"
      {999999999999999.0, "999999999999999.0"},
      {123456789012345.6, "123456789012345.6"},
      {1e15, "1e+15"},  // 16 digits before the point: an exponent, no ".0" after a lone digit
      {1234567890123456.0, "1.234567890123456e+15"},
      {1e16, "1e+16"},
      {9007199254740993.0, "9.007199254740992e+15"},
      {1e-4, "0.0001"},  // fixed down to 1e-4
      {0.00012345678901234567, "0.00012345678901234567"},
      {1e-5, "1e-05"},  // then an exponent of at least two digits
      {1.5e-5, "1.5e-05"},
      {1e20, "1e+20"},
      {1e100, "1e+100"},
      {1e23, "9.999999999999999e+22"},              // Grisu2 is not always shortest ("1e+23" reads back too)
      {2383963100214.84375, "2383963100214.8438"},  // a tie between ...37 and ...38: the upper digit stays
      {DBL_MAX, "1.7976931348623157e+308"},
      {-DBL_MAX, "-1.7976931348623157e+308"},
      {DBL_MIN, "2.2250738585072014e-308"},
      {std::numeric_limits<double>::denorm_min(), "5e-324"},
  };
  for (const auto& [x, want] : cases) {
    char buf[kMaxChars];
    EXPECT_EQ(std::string_view(buf, write(x, buf)), want) << x;
    EXPECT_EQ(nlohmann::json(x).dump(), want) << x;
  }
}

TEST(JsonNumber, matches_nlohmann_on_edges_and_powers) {
  Checker check;
  for (double x :
       {0.0, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 0.5, 1.5, DBL_MAX, DBL_MIN, DBL_EPSILON, 1.0 + DBL_EPSILON,
        std::numeric_limits<double>::denorm_min(), 9007199254740992.0, 9007199254740993.0})
    check.with_neighbours(x, 4);
  // nlohmann's switches between fixed and exponent notation: 1e15 and 1e-4, and each power of ten nearby.
  for (double x : {1e14, 1e15, 1e16, 1e17, 1e-3, 1e-4, 1e-5, 1e-6, 999999999999999.9, 999999999999999.5,
                   99999999999999.99, 0.00009999999999999999, 0.000099999, 0.00099999999999999999})
    check.with_neighbours(x, 64);
  for (int e = -1074; e <= 1023; ++e) check.with_neighbours(std::ldexp(1.0, e), 2);
  for (int k = -323; k <= 308; ++k) check.with_neighbours(from_text("1e" + std::to_string(k)), 2);
  for (int k = -323; k <= 308; ++k) check.with_neighbours(from_text("5e" + std::to_string(k)), 1);
  // The largest subnormal, and 2^-1021: the first power of two whose lower neighbour is closer than its upper
  // one (at 2^-1022, DBL_MIN, the subnormals below keep the same spacing).
  check.with_neighbours(std::bit_cast<double>(std::uint64_t{0x000FFFFFFFFFFFFF}), 4);
  check.with_neighbours(std::bit_cast<double>(std::uint64_t{0x0020000000000000}), 4);
}

TEST(JsonNumber, matches_nlohmann_on_random_bit_patterns) {
  Checker check;
  std::mt19937_64 rng(20240601);
  for (int i = 0; i < 100'000 * kScale; ++i) check(std::bit_cast<double>(rng()));
  const std::uint64_t significand = (std::uint64_t{1} << 52) - 1;
  for (int i = 0; i < 10'000 * kScale; ++i) {
    // Subnormals and the lowest normal exponent.
    check.both_signs(std::bit_cast<double>(rng() & significand));
    check.both_signs(std::bit_cast<double>((rng() & significand) | std::uint64_t{1} << 52));
  }
  // Significands 0 and 1 at every exponent and sign: the lower boundary closer, and not.
  for (int i = 0; i < 10'000 * kScale; ++i)
    check(std::bit_cast<double>((rng() & ~significand) | (rng() & 1)));
}

TEST(JsonNumber, matches_nlohmann_on_money_and_token_values) {
  Checker check;
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> decades(-6, 15);
  for (int i = 0; i < 60'000 * kScale; ++i) check.both_signs(std::pow(10.0, decades(rng)));
  std::uniform_real_distribution<double> dollars(0, 1e7);
  for (int i = 0; i < 10'000 * kScale; ++i) check(std::round(dollars(rng) * 100) / 100);  // cents
  const double per_million[] = {0.075, 0.15, 0.6, 1.1, 2.5, 3, 10, 15, 75};
  std::uniform_int_distribution<std::int64_t> tokens(1, 100'000'000'000'000);
  for (int i = 0; i < 10'000 * kScale; ++i)  // tokens × a price per million: products with long expansions
    check(static_cast<double>(tokens(rng)) * (per_million[i % 9] / 1e6));
  // Short decimals as typed, m × 10^k read by strtod: the digits nlohmann must give back unchanged.
  std::uniform_int_distribution<int> width(1, 17), power(-12, 12);
  for (int i = 0; i < 10'000 * kScale; ++i) {
    std::uniform_int_distribution<std::int64_t> m(1, static_cast<std::int64_t>(std::pow(10.0, width(rng))));
    check(from_text(std::to_string(m(rng)) + "e" + std::to_string(power(rng))));
  }
}

TEST(JsonNumber, matches_nlohmann_on_integers_and_ties) {
  Checker check;
  for (int i = 0; i < 10'000 * kScale; ++i) check.both_signs(i);
  std::mt19937_64 rng(7);
  for (int i = 0; i < 10'000 * kScale; ++i) {
    check(static_cast<double>(rng() >> 11));            // every integer a double holds exactly
    check(static_cast<double>(rng() >> (rng() % 64)));  // and larger ones, rounded
  }
  std::uniform_real_distribution<double> near_switch(1e14, 1e17);
  for (int i = 0; i < 10'000 * kScale; ++i) check(std::round(near_switch(rng)));
  // Integers plus j / 2^m: exact decimal expansions ending in 5, where the last digit is often a tie.
  for (int i = 0; i < 30'000 * kScale; ++i) {
    const int m = 1 + static_cast<int>(rng() % 10);
    const std::uint64_t whole = rng() >> (11 + m), j = (rng() % (std::uint64_t{1} << m)) | 1;
    check(static_cast<double>(whole) + std::ldexp(static_cast<double>(j), -m));
  }
}

// Not a check: ns per number for a result's worth of numbers, this writer against nlohmann dumping an array.
TEST(JsonNumber, speed_against_nlohmann) {
  std::mt19937_64 rng(1);
  std::uniform_real_distribution<double> decades(-6, 15);
  std::vector<double> xs(2000);
  for (double& x : xs) x = std::pow(10.0, decades(rng));
  const nlohmann::json array(xs);
  const int rounds = 20 * kScale;
  using clock = std::chrono::steady_clock;
  std::vector<char> out(xs.size() * (kMaxChars + 1));
  std::size_t bytes = 0;
  const auto t0 = clock::now();
  for (int r = 0; r < rounds; ++r) {
    char* p = out.data();
    for (double x : xs) {
      p += write(x, p);
      *p++ = ',';
    }
    bytes += static_cast<std::size_t>(p - out.data());
  }
  const auto t1 = clock::now();
  for (int r = 0; r < rounds; ++r) bytes += array.dump().size();
  const auto t2 = clock::now();
  const double n = static_cast<double>(xs.size()) * rounds;
  std::printf("  write: %.0f ns per number, nlohmann dump: %.0f ns (%zu bytes)\n",
              std::chrono::duration<double, std::nano>(t1 - t0).count() / n,
              std::chrono::duration<double, std::nano>(t2 - t1).count() / n, bytes);
}

}  // namespace
}  // namespace tcoscope::json_number
