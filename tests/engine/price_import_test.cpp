// price_import_test.cpp — LiteLLM and genai-prices files onto the catalog: every mapped key, what is skipped
// and why, tiers, dated prices, malformed files, and a run priced with an imported file.
#include "contract/price_import.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "contract/catalog_json.hpp"
#include "json_support.hpp"
#include "ops.hpp"

namespace tcoscope {
namespace {

using json = tcoscope::Json;

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(TCOSCOPE_SOURCE_DIR) + "/tests/fixtures/prices/" + name, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const ImportedPrice* find(const PriceImport& p, std::string_view key) {
  for (const ImportedPrice& x : p.prices)
    if (x.key == key) return &x;
  return nullptr;
}

std::string skipped_reason(const PriceImport& p, std::string_view key) {
  for (const SkippedEntry& s : p.skipped)
    if (s.key == key) return s.reason;
  return "";
}

const IgnoredKey* ignored(const PriceImport& p, std::string_view key) {
  for (const IgnoredKey& k : p.ignored_keys)
    if (k.key == key) return &k;
  return nullptr;
}

bool has_note(const ImportedPrice& p, std::string_view part) {
  for (const std::string& n : p.notes)
    if (n.find(part) != std::string::npos) return true;
  return false;
}

PriceImport litellm(std::string_view today = "2026-12-02") {
  return import_prices(fixture("litellm.json"), builtin_catalog(),
                       {.today = today, .file_date = "2026-11-30"});
}
PriceImport genai(std::string_view today = "2026-12-02") {
  return import_prices(fixture("genai-prices.json"), builtin_catalog(), {.today = today});
}

TEST(price_import_test, litellm_per_token_prices_map_onto_the_catalog_row_named_by_its_litellm_key) {
  PriceImport p = litellm();
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.format, "litellm");
  const ImportedPrice* mini = find(p, "gpt-4o-mini");
  ASSERT_NE(mini, nullptr);
  EXPECT_EQ(mini->catalog_id, "gpt-4o-mini");
  EXPECT_EQ(mini->row.name, "GPT-4o mini");  // the catalog's name and tier stay
  EXPECT_EQ(mini->row.tier, "small");
  EXPECT_DOUBLE_EQ(mini->row.usd_per_mtok_input, 0.12);
  EXPECT_DOUBLE_EQ(*mini->row.usd_per_mtok_cached_input, 0.06);
  EXPECT_DOUBLE_EQ(mini->row.usd_per_mtok_output, 0.48);
  EXPECT_DOUBLE_EQ(*mini->row.batch_discount, 0.5);  // from the _batches prices
  EXPECT_EQ(mini->row.as_of, "2026-11-30");          // the file's date
  EXPECT_NE(mini->row.source.find("LiteLLM"), std::string::npos);
  const ImportedPrice* haiku = find(p, "claude-3-haiku-20240307");
  ASSERT_NE(haiku, nullptr);
  EXPECT_EQ(haiku->catalog_id, "claude-3-haiku");
  const ImportedPrice* flash = find(p, "gemini/gemini-2.5-flash");
  ASSERT_NE(flash, nullptr);
  EXPECT_EQ(flash->catalog_id, "gemini-2.5-flash");
  EXPECT_DOUBLE_EQ(flash->row.usd_per_mtok_input, 0.3);
  // No cache-read price in the file: the catalog's is kept, and the note says so.
  EXPECT_DOUBLE_EQ(*flash->row.usd_per_mtok_cached_input, 0.03);
  EXPECT_TRUE(has_note(*flash, "no cached-input price in the file"));
}

TEST(price_import_test, litellm_entries_without_a_catalog_row_are_added_as_extra_choices) {
  PriceImport p = litellm();
  const ImportedPrice* mistral = find(p, "mistral/mistral-small-latest");
  ASSERT_NE(mistral, nullptr);
  EXPECT_EQ(mistral->catalog_id, "");
  EXPECT_EQ(mistral->row.id, "mistral/mistral-small-latest");
  EXPECT_EQ(mistral->row.provider, "mistral");
  EXPECT_DOUBLE_EQ(mistral->row.context_tokens, 32000);
  EXPECT_FALSE(mistral->row.batch_discount.has_value());
  EXPECT_FALSE(mistral->row.usd_per_mtok_cached_input.has_value());
  // Batch discounts that differ between input and output: the smaller one, with a note.
  const ImportedPrice* odd = find(p, "odd/batch-model");
  ASSERT_NE(odd, nullptr);
  EXPECT_DOUBLE_EQ(*odd->row.batch_discount, 0.25);
  EXPECT_TRUE(has_note(*odd, "the smaller discount"));
  EXPECT_EQ(p.entries, 13);
  EXPECT_EQ(p.prices.size(), 5u);
}

TEST(price_import_test, litellm_skips_per_second_image_tiered_non_chat_and_bad_entries_with_a_reason) {
  PriceImport p = litellm();
  EXPECT_NE(skipped_reason(p, "sample_spec").find("not a model"), std::string::npos);
  EXPECT_NE(skipped_reason(p, "text-embedding-3-small").find("mode \"embedding\""), std::string::npos);
  EXPECT_NE(skipped_reason(p, "whisper-1").find("audio_transcription"), std::string::npos);
  EXPECT_NE(skipped_reason(p, "vendor/speech-model").find("per second"), std::string::npos);
  EXPECT_NE(skipped_reason(p, "vendor/image-model").find("per image"), std::string::npos);
  EXPECT_NE(skipped_reason(p, "dashscope/qwen-plus-tiered").find("tiered"), std::string::npos);
  EXPECT_NE(skipped_reason(p, "broken/price").find("input_cost_per_token: expected a number"),
            std::string::npos);
  EXPECT_NE(skipped_reason(p, "huge/price").find("accepted: from $0 to $1,000"), std::string::npos)
      << skipped_reason(p, "huge/price");
  EXPECT_EQ(p.skipped.size(), 8u);
}

TEST(price_import_test, litellm_keys_it_does_not_use_are_listed_once_with_a_reason_and_a_count) {
  PriceImport p = litellm();
  ASSERT_NE(ignored(p, "input_cost_per_token_above_200k_tokens"), nullptr);
  EXPECT_NE(ignored(p, "input_cost_per_token_above_200k_tokens")->reason.find("long-context"),
            std::string::npos);
  EXPECT_NE(ignored(p, "input_cost_per_token_priority")->reason.find("service-tier"), std::string::npos);
  EXPECT_NE(ignored(p, "cache_creation_input_token_cost")->reason.find("cache writes"), std::string::npos);
  EXPECT_NE(ignored(p, "input_cost_per_audio_token")->reason.find("audio"), std::string::npos);
  EXPECT_EQ(ignored(p, "some_future_flag")->reason, "unknown key");
  EXPECT_EQ(ignored(p, "some_future_flag")->entries, 1);
  // Metadata is read silently, and mapped keys are not "ignored".
  EXPECT_EQ(ignored(p, "supports_vision"), nullptr);
  EXPECT_EQ(ignored(p, "max_output_tokens"), nullptr);
  EXPECT_EQ(ignored(p, "input_cost_per_token"), nullptr);
  EXPECT_EQ(ignored(p, "cache_read_input_token_cost"), nullptr);
}

TEST(price_import_test, genai_prices_match_catalog_rows_by_provider_and_match_clause) {
  PriceImport p = genai();
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.format, "genai_prices");
  const ImportedPrice* gpt4o = find(p, "openai/gpt-4o");
  ASSERT_NE(gpt4o, nullptr);
  EXPECT_EQ(gpt4o->catalog_id, "gpt-4o");
  EXPECT_DOUBLE_EQ(gpt4o->row.usd_per_mtok_input, 2.25);
  EXPECT_DOUBLE_EQ(*gpt4o->row.usd_per_mtok_cached_input, 1.125);
  EXPECT_DOUBLE_EQ(gpt4o->row.usd_per_mtok_output, 9);
  EXPECT_DOUBLE_EQ(*gpt4o->row.batch_discount, 0.5);  // genai-prices has no batch price: the catalog's stays
  EXPECT_EQ(gpt4o->row.as_of, "2026-10-01");          // prices_checked
  const ImportedPrice* haiku = find(p, "anthropic/claude-haiku-4-5");
  ASSERT_NE(haiku, nullptr);
  EXPECT_EQ(haiku->catalog_id, "claude-haiku-4-5");
  EXPECT_DOUBLE_EQ(*haiku->row.usd_per_mtok_cached_input, 0.09);
  EXPECT_NE(ignored(p, "cache_write_mtok"), nullptr);
  // A regular expression is never run: that model matches no catalog row and is added.
  const ImportedPrice* regex = find(p, "openai/o-regex-model");
  ASSERT_NE(regex, nullptr);
  EXPECT_EQ(regex->catalog_id, "");
  const ImportedPrice* extra = find(p, "newcloud/open-model-70b");
  ASSERT_NE(extra, nullptr);
  EXPECT_EQ(extra->row.name, "Open Model 70B");
  EXPECT_EQ(extra->row.provider, "NewCloud");
  EXPECT_DOUBLE_EQ(extra->row.context_tokens, 131072);
  EXPECT_EQ(ignored(p, "requests_kcount")->reason, "a per-request fee is not modelled");
  EXPECT_EQ(ignored(p, "models[].future_field")->reason, "unknown key");
}

TEST(price_import_test, genai_prices_dated_history_takes_the_price_in_force_today_or_else_the_newest) {
  PriceImport now = genai("2026-12-02");
  const ImportedPrice* today = find(now, "openai/gpt-4.1-mini");
  ASSERT_NE(today, nullptr);
  EXPECT_EQ(today->catalog_id, "gpt-4.1-mini");
  EXPECT_DOUBLE_EQ(today->row.usd_per_mtok_input, 0.4);
  EXPECT_TRUE(has_note(*today, "the price in force on 2026-12-02, from 2025-04-14"));
  EXPECT_TRUE(has_note(*today, "a later price is not in force yet"));
  EXPECT_EQ(today->row.as_of, "2026-12-02");  // no prices_checked and no file date: the day of the import
  PriceImport later = genai("");
  const ImportedPrice* newest = find(later, "openai/gpt-4.1-mini");
  ASSERT_NE(newest, nullptr);
  EXPECT_DOUBLE_EQ(newest->row.usd_per_mtok_input, 0.3);
  EXPECT_TRUE(has_note(*newest, "the newest price, from 2027-06-01"));
  EXPECT_EQ(newest->row.as_of, "2027-06-01");  // undated otherwise: the price's own start
  PriceImport early = genai("2024-01-01");
  const ImportedPrice* before = find(early, "openai/gpt-4.1-mini");
  ASSERT_NE(before, nullptr);
  EXPECT_DOUBLE_EQ(before->row.usd_per_mtok_input, 0.5);  // only the undated first price had started
}

TEST(price_import_test, genai_prices_tiers_use_the_base_rate_and_other_conditions_are_not_used) {
  PriceImport p = genai();
  const ImportedPrice* sonnet = find(p, "anthropic/claude-sonnet-4-5");
  ASSERT_NE(sonnet, nullptr);
  EXPECT_EQ(sonnet->catalog_id, "claude-sonnet-4-5");
  EXPECT_DOUBLE_EQ(sonnet->row.usd_per_mtok_input, 3);
  EXPECT_DOUBLE_EQ(sonnet->row.usd_per_mtok_output, 15);
  EXPECT_DOUBLE_EQ(*sonnet->row.usd_per_mtok_cached_input, 0.3);
  EXPECT_TRUE(
      has_note(*sonnet, "input_mtok is tiered by tokens per request: the base rate (below 200k tokens)"));
  EXPECT_NE(ignored(p, "input_mtok.tiers"), nullptr);
  const ImportedPrice* deepseek = find(p, "deepseek/deepseek-chat");
  ASSERT_NE(deepseek, nullptr);
  EXPECT_EQ(deepseek->catalog_id, "deepseek-chat");
  EXPECT_DOUBLE_EQ(deepseek->row.usd_per_mtok_input, 0.27);
  EXPECT_TRUE(has_note(*deepseek, "a condition other than a start date (end_time, start_time)"));
  EXPECT_NE(skipped_reason(p, "openai/gpt-4o-audio-preview").find("audio"), std::string::npos);
  EXPECT_NE(skipped_reason(p, "openai/text-embedding-3-small").find("no output price"), std::string::npos);
}

TEST(price_import_test, a_genai_prices_alias_in_the_catalog_wins_over_the_match_clause) {
  json rows = builtin_catalog_json()["api_models"];
  for (json& r : rows)
    if (r["id"] == "gpt-4o-mini") r["genai_prices_id"] = "openai/gpt-4o";
  PriceImport p =
      import_prices(fixture("genai-prices.json"), builtin_catalog(), {.catalog_api_models = &rows});
  const ImportedPrice* x = find(p, "openai/gpt-4o");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->catalog_id, "gpt-4o-mini");
}

TEST(price_import_test, malformed_files_are_a_clear_error_and_import_nothing) {
  for (const char* name : {"truncated.json", "not-providers.json", "scalar.json"}) {
    PriceImport p = import_prices(fixture(name), builtin_catalog());
    ASSERT_FALSE(p.ok()) << name;
    EXPECT_TRUE(p.prices.empty()) << name;
    EXPECT_TRUE(p.skipped.empty()) << name;
  }
  EXPECT_NE(
      import_prices(fixture("truncated.json"), builtin_catalog()).errors[0].message.find("not valid JSON"),
      std::string::npos);
  EXPECT_NE(
      import_prices(fixture("not-providers.json"), builtin_catalog()).errors[0].message.find("providers"),
      std::string::npos);
  // And a run that names such a file changes nothing: it is an error at "(prices)".
  ops::Outcome o = ops::evaluate_with("{}", {.prices = fixture("truncated.json")});
  ASSERT_FALSE(o.ok);
  EXPECT_EQ(o.errors[0].path, "(prices)");
}

TEST(price_import_test, limits_are_checked_before_the_file_is_parsed) {
  std::string deep(kMaxPriceFileDepth + 1, '[');
  EXPECT_NE(import_prices(deep, builtin_catalog()).errors.at(0).message.find("levels deep"),
            std::string::npos);
  std::string big(kMaxPriceFileBytes + 1, ' ');
  EXPECT_NE(import_prices(big, builtin_catalog()).errors.at(0).message.find("bytes"), std::string::npos);
  std::string many = "{";
  for (std::size_t i = 0; i <= kMaxPriceEntries; ++i)
    many += (i ? "," : "") + std::string("\"m") + std::to_string(i) + "\":{}";
  many += "}";
  PriceImport p = import_prices(many, builtin_catalog());
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.errors[0].message.find("more than 20000 models"), std::string::npos);
  EXPECT_TRUE(p.skipped.empty());
}

TEST(price_import_test, the_import_report_round_trips_as_a_tcoscope_price_file) {
  PriceImport first = litellm();
  json report = to_json(first);
  EXPECT_EQ(report["matched"], 3);
  EXPECT_EQ(report["added"], 2);
  json file = {{"api_models", report["api_models"]}};
  PriceImport again = import_prices(file.dump(), builtin_catalog(), {.today = "2026-12-02"});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.format, "tcoscope");
  ASSERT_EQ(again.prices.size(), first.prices.size());
  for (std::size_t i = 0; i < first.prices.size(); ++i) {
    EXPECT_EQ(again.prices[i].row.id, first.prices[i].row.id);
    EXPECT_EQ(again.prices[i].catalog_id, first.prices[i].catalog_id);
    EXPECT_EQ(again.prices[i].row.usd_per_mtok_input, first.prices[i].row.usd_per_mtok_input);
    EXPECT_EQ(again.prices[i].row.batch_discount, first.prices[i].row.batch_discount);
    EXPECT_EQ(again.prices[i].row.as_of, first.prices[i].row.as_of);
  }
}

TEST(price_import_test, imported_prices_change_the_api_bill_by_the_arithmetic) {
  // 1B tokens, 75 % input, none cached or batched: 750M × $0.12 + 250M × $0.48 per 1M = $90 + $120.
  const std::string scenario = R"({"workload": {"tokens_per_month": 1e9}, "api": {"model": "gpt-4o-mini"}})";
  ops::Outcome before = ops::evaluate(scenario);
  ops::Outcome after =
      ops::evaluate_with(scenario, {.prices = fixture("litellm.json"), .prices_date = "2026-11-30"});
  ASSERT_TRUE(before.ok && after.ok);
  EXPECT_NEAR(before.result["api"]["usd_per_month"].get<double>(), 750 * 0.15 + 250 * 0.6, 1e-9);
  EXPECT_NEAR(after.result["api"]["usd_per_month"].get<double>(), 90 + 120, 1e-9);
  // The price's date and source travel with the result.
  bool dated = false;
  for (const json& d : after.result["prices"]["as_of"])
    dated |= d["path"] == "/api/usd_per_mtok_input" && d["as_of"] == "2026-11-30";
  EXPECT_TRUE(dated);
  // An extra choice from the file can be priced by its id.
  ops::Outcome extra = ops::evaluate_with(R"({"api": {"model": "mistral/mistral-small-latest"}})",
                                          {.prices = fixture("litellm.json")});
  ASSERT_TRUE(extra.ok) << (extra.errors.empty() ? "" : extra.errors[0].message);
  EXPECT_EQ(extra.result["inputs"]["api_model"]["id"], "mistral/mistral-small-latest");
  // Without the file that id is unknown.
  EXPECT_FALSE(ops::evaluate(R"({"api": {"model": "mistral/mistral-small-latest"}})").ok);
}

}  // namespace
}  // namespace tcoscope
