// format_test.cpp — numbers in explanations read the way a finance reader expects.
#include "report/format.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace tcoscope::fmt {
namespace {

TEST(format_test, dollars_have_thousands_separators_and_cents) {
  EXPECT_EQ(usd(2175.4), "$2,175.40");
  EXPECT_EQ(usd(12083.333), "$12,083.33");
  EXPECT_EQ(usd(0), "$0.00");
  EXPECT_EQ(usd(-3), "-$3.00");
}

TEST(format_test, dollars_below_one_keep_two_significant_digits) {
  EXPECT_EQ(usd(0.15), "$0.15");
  EXPECT_EQ(usd(0.0075794), "$0.0076");
  EXPECT_EQ(usd(0.075), "$0.075");
}

TEST(format_test, whole_dollar_inputs_print_without_cents) {
  EXPECT_EQ(usd_input(145000), "$145,000");
  EXPECT_EQ(usd_input(1.49), "$1.49");
  EXPECT_EQ(usd_whole(4199.6), "$4,200");
}

TEST(format_test, token_counts_use_k_m_b_t_suffixes) {
  EXPECT_EQ(tokens(11e9), "11B");
  EXPECT_EQ(tokens(1.5e9), "1.5B");
  EXPECT_EQ(tokens(23745600), "23.7M");
  EXPECT_EQ(tokens(730000), "730k");
  EXPECT_EQ(tokens(950), "950");
  EXPECT_EQ(tokens(1e14), "100T");
}

TEST(format_test, percentages_and_plain_numbers_drop_trailing_zeros) {
  EXPECT_EQ(percent(0.115378), "11.5%");
  EXPECT_EQ(percent(0.5), "50%");
  EXPECT_EQ(percent(0.0035), "0.35%");
  EXPECT_EQ(plain(0.7), "0.7");
  EXPECT_EQ(plain(1.56), "1.56");
  EXPECT_EQ(plain(6596), "6,596");
}

TEST(format_test, non_finite_numbers_never_reach_the_reader_as_nan) {
  EXPECT_EQ(usd(std::nan("")), "n/a");
  EXPECT_EQ(tokens(INFINITY), "n/a");
  EXPECT_EQ(percent(std::nan("")), "n/a");
}

}  // namespace
}  // namespace tcoscope::fmt
