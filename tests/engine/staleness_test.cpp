// staleness_test.cpp — the dates of the prices used, the oldest, and the stale_prices reason on a given day.
#include "model/staleness.hpp"

#include <gtest/gtest.h>

#include "json_support.hpp"
#include "ops.hpp"

namespace tcoscope {
namespace {

using json = tcoscope::Json;

TEST(staleness_test, dates_of_a_year_or_a_month_stand_for_their_last_day) {
  EXPECT_EQ(to_string(*parse_day("2026")), "2026-12-31");
  EXPECT_EQ(to_string(*parse_day("2024-02")), "2024-02-29");
  EXPECT_EQ(to_string(*parse_day("2025-06-01T00:00:00Z")), "2025-06-01");
  EXPECT_FALSE(parse_day("2026-02-30"));
  EXPECT_FALSE(parse_day("26-01-01"));
  EXPECT_FALSE(parse_day("soon"));
  EXPECT_FALSE(parse_day(""));
  EXPECT_EQ(to_string(add_months(*parse_day("2026-08-31"), 6)), "2027-02-28");
}

TEST(staleness_test, the_result_lists_the_date_of_every_catalog_price_used_and_the_oldest) {
  ops::Outcome o = ops::evaluate(R"({"self_host": {"gpu": "l40s"}})");
  ASSERT_TRUE(o.ok);
  const json& prices = o.result["prices"];
  std::vector<std::string> paths;
  for (const json& d : prices["as_of"]) paths.push_back(d["path"].string());
  EXPECT_EQ(paths, (std::vector<std::string>{"/api/usd_per_mtok_input", "/api/usd_per_mtok_output",
                                             "/api/usd_per_mtok_cached_input", "/api/batch_discount",
                                             "/self_host/cloud/usd_per_gpu_hour"}));
  EXPECT_EQ(prices["oldest"], "2025-08-12");  // the L40S rental row; the API rows are 2026-07-24
  EXPECT_TRUE(prices["today"].is_null());     // no day given: nothing is judged stale
  EXPECT_TRUE(prices["stale"].empty());
  EXPECT_EQ(prices["stale_after_months"], 6);
}

bool has_reason(const json& result, const std::string& code) {
  for (const json& r : result["verdict"]["reasons"])
    if (r["code"] == code) return true;
  return false;
}

TEST(staleness_test, prices_older_than_the_threshold_on_the_day_given_add_the_stale_prices_reason) {
  const std::string scenario = R"({"self_host": {"gpu": "l40s"}})";
  ops::Outcome fresh = ops::evaluate_with(scenario, {.today = "2026-02-12"});
  ASSERT_TRUE(fresh.ok);
  EXPECT_FALSE(has_reason(fresh.result, "stale_prices"));  // 2025-08-12 + 6 months is not before 2026-02-12
  ops::Outcome stale = ops::evaluate_with(scenario, {.today = "2026-02-13"});
  ASSERT_TRUE(stale.ok);
  ASSERT_TRUE(has_reason(stale.result, "stale_prices"));
  EXPECT_EQ(stale.result["prices"]["today"], "2026-02-13");
  ASSERT_EQ(stale.result["prices"]["stale"].size(), 1u);
  EXPECT_EQ(stale.result["prices"]["stale"][0]["path"], "/self_host/cloud/usd_per_gpu_hour");
  std::string message;
  for (const json& r : stale.result["verdict"]["reasons"])
    if (r["code"] == "stale_prices") message = r["message"].string();
  EXPECT_NE(message.find("more than 6 months old on 2026-02-13"), std::string::npos) << message;
  EXPECT_NE(message.find("as of 2025-08-12"), std::string::npos) << message;
  // A year later the API rows are stale too; a threshold of 0 switches the check off.
  ops::Outcome later = ops::evaluate_with(scenario, {.today = "2027-12-01"});
  EXPECT_EQ(later.result["prices"]["stale"].size(), 5u);
  ops::Outcome off = ops::evaluate_with(R"({"prices_stale_after_months": 0, "self_host": {"gpu": "l40s"}})",
                                        {.today = "2027-12-01"});
  EXPECT_FALSE(has_reason(off.result, "stale_prices"));
  // A longer threshold moves the day.
  ops::Outcome longer = ops::evaluate_with(
      R"({"prices_stale_after_months": 24, "self_host": {"gpu": "l40s"}})", {.today = "2027-08-12"});
  EXPECT_FALSE(has_reason(longer.result, "stale_prices"));
}

TEST(staleness_test, a_price_typed_into_the_scenario_carries_no_date_and_is_never_stale) {
  ops::Outcome o = ops::evaluate_with(
      R"({"api": {"usd_per_mtok_input": 0.1, "usd_per_mtok_output": 0.4, "usd_per_mtok_cached_input": 0.05,
          "batch_discount": 0.5}, "self_host": {"cloud": {"usd_per_gpu_hour": 2}}})",
      {.today = "2030-01-01"});
  ASSERT_TRUE(o.ok);
  EXPECT_TRUE(o.result["prices"]["as_of"].empty());
  EXPECT_TRUE(o.result["prices"]["oldest"].is_null());
  EXPECT_FALSE(has_reason(o.result, "stale_prices"));
}

TEST(staleness_test, bought_gpus_report_the_purchase_price_date) {
  ops::Outcome o = ops::evaluate_with(R"({"self_host": {"deployment": "on_prem"}})", {.today = "2026-12-02"});
  ASSERT_TRUE(o.ok);
  bool purchase = false;
  for (const json& d : o.result["prices"]["as_of"]) purchase |= d["path"] == "/self_host/on_prem/usd_per_gpu";
  EXPECT_TRUE(purchase);
}

TEST(staleness_test, the_threshold_is_a_scenario_field_with_a_documented_range) {
  EXPECT_EQ(ops::defaults()["prices_stale_after_months"], 6);
  ops::Outcome bad = ops::validate(R"({"prices_stale_after_months": -1})");
  ASSERT_FALSE(bad.ok);
  EXPECT_EQ(bad.errors[0].path, "/prices_stale_after_months");
}

}  // namespace
}  // namespace tcoscope
