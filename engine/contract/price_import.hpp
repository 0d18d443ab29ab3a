// price_import.hpp — API prices from a price file, mapped onto the catalog's API models: LiteLLM's
// model_prices_and_context_window.json, pydantic's genai-prices data.json, or tcoscope's own
// {"api_models": […]} (what an import returns, for a page to keep and pass back). Untrusted input: limits
// first, never a throw, and a file that cannot be read imports nothing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "contract/json.hpp"
#include "model/catalog.hpp"
#include "model/problems.hpp"
#include "model/staleness.hpp"

namespace tcoscope {

// Limits checked before the file is parsed, and then on its entries. LiteLLM's file is about 1.5 MB with
// some 2,500 entries of 10-30 keys; genai-prices' about 1 MB; these leave ten times the room.
inline constexpr std::size_t kMaxPriceFileBytes = 16 * 1024 * 1024;
inline constexpr std::size_t kMaxPriceFileDepth = 32;
inline constexpr std::size_t kMaxPriceFileValues = 1000000;
inline constexpr std::size_t kMaxPriceEntries = 20000;  // models in the file, all providers together

struct PriceImportOptions {
  // The day the price history is read on (YYYY-MM-DD): genai-prices' dated prices take the one in force then;
  // empty: the newest.
  std::string_view today;
  // The date the file's prices stand for (its modification date, YYYY-MM-DD) when the file gives none; empty:
  // `today`, or undated.
  std::string_view file_date;
  // The catalog's API rows as JSON, for their aliases ("litellm_key", "genai_prices_id"); null: the built-in
  // catalog's.
  const Json* catalog_api_models = nullptr;
};

struct ImportedPrice {
  ApiModel row;            // the row as it prices: a catalog row's id with the file's prices, or a new row
  std::string key;         // where the prices are in the file: the LiteLLM key, or "provider/model"
  std::string catalog_id;  // the catalog row whose prices these replace; empty: an extra choice
  std::vector<std::string> notes;  // what was chosen and why ("the newest price, from 2025-06-01")
};

struct SkippedEntry {
  std::string key;
  std::string reason;
};

// A key the import did not use, over all entries: one line per key, with how many entries had it.
struct IgnoredKey {
  std::string key;
  std::string reason;
  int entries = 0;
};

struct PriceImport {
  std::string format;  // litellm | genai_prices | tcoscope
  int entries = 0;     // models in the file
  std::vector<ImportedPrice> prices;
  std::vector<SkippedEntry> skipped;
  std::vector<IgnoredKey> ignored_keys;
  Problems errors;  // the file as a whole cannot be read: nothing is imported
  bool ok() const { return errors.empty(); }
};

PriceImport import_prices(std::string_view text, const Catalog& catalog,
                          const PriceImportOptions& options = {});

// `base` with the imported prices: matched rows take the file's prices (a price the file lacks keeps the
// catalog's, with a note), the others are added as extra API models.
Catalog with_prices(const Catalog& base, const PriceImport& prices);

// {"format", "entries", "matched", "added", "api_models": [rows in the catalog's form, each with
// "imported_from", "replaces_catalog" and "notes"], "skipped": [{key, reason}], "ignored_keys": [{key,
// reason, entries}]}. The "api_models" document is itself an importable price file (format "tcoscope").
Json to_json(const PriceImport& p);

// {"as_of": [{path, as_of, source, detail}], "oldest", "stale_after_months", "today" | null, "stale": […]}.
Json to_json(const PriceAges& a);

}  // namespace tcoscope
