// price_import.cpp — reads LiteLLM, genai-prices and tcoscope price files into API rows, with a reason for
// every entry and key it does not use.
#include "contract/price_import.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "contract/catalog_json.hpp"
#include "contract/scenario_json.hpp"
#include "model/units.hpp"
#include "report/format.hpp"

namespace tcoscope {
namespace {

using json = Json;

constexpr double kMaxUsdPerMtok = 1000;     // the scenario's accepted API price range
constexpr double kMaxBatchDiscount = 0.95;  // likewise
constexpr std::size_t kMaxIdChars = 200;

const char* kLiteLlmSource = "LiteLLM model_prices_and_context_window.json (imported)";
const char* kGenaiSource = "genai-prices data.json (imported)";

// One pass over the bytes before any tree is built, as the scenario parser does.
std::string check_price_limits(std::string_view text) {
  if (text.size() > kMaxPriceFileBytes)
    return "the price file is " + std::to_string(text.size()) + " bytes; accepted: at most " +
           std::to_string(kMaxPriceFileBytes / (1024 * 1024)) + " MiB of JSON";
  const auto [values, deepest, nul_at] = json_shape(text);
  if (nul_at)
    return "the price file contains a NUL byte at character " + std::to_string(nul_at) +
           "; accepted: JSON text";
  if (deepest > kMaxPriceFileDepth)
    return "the price file nests " + std::to_string(deepest) + " levels deep; accepted: at most " +
           std::to_string(kMaxPriceFileDepth);
  if (values > kMaxPriceFileValues)
    return "the price file holds about " + std::to_string(values) + " keys and items; accepted: at most " +
           std::to_string(kMaxPriceFileValues);
  return "";
}

std::string pointer_token(std::string_view key) {
  std::string out;
  for (char c : key.substr(0, std::min(key.size(), kMaxIdChars)))
    out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
  return out;
}

std::string lower_alnum(std::string_view s) {
  std::string out;
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
bool contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

// A price in USD per 1M tokens from `v` (given per `unit_tokens` tokens), or a reason.
std::optional<double> read_price(const json& v, double per_mtok_factor, std::string& why) {
  if (!v.is_number()) {
    why = "expected a number, got " + describe(v);
    return std::nullopt;
  }
  double x = v.get<double>() * per_mtok_factor;
  if (!std::isfinite(x) || x < 0 || x > kMaxUsdPerMtok) {
    why = describe(v) + " is " +
          (std::isfinite(x) ? "$" + fmt::plain(x) : std::string("not a finite number")) +
          " per 1M tokens; accepted: from $0 to $" + fmt::plain(kMaxUsdPerMtok);
    return std::nullopt;
  }
  return x + 0.0;
}

// Aliases of one catalog row.
struct Aliases {
  std::string id;
  std::string litellm_key;
  std::string genai_prices_id;  // "provider/model"
};

std::vector<Aliases> aliases_of(const json* doc, const Catalog& catalog) {
  const json& rows = doc ? *doc : builtin_catalog_json().value("api_models", json::array());
  std::vector<Aliases> out;
  for (const ApiModel& m : catalog.api_models) {
    Aliases a{m.id, "", ""};
    if (rows.is_array())
      for (const json& r : rows)
        if (r.is_object() && r.value("id", json()) == m.id) {
          if (auto k = r.find("litellm_key"); k != r.end() && k->is_string()) a.litellm_key = k->string();
          if (auto k = r.find("genai_prices_id"); k != r.end() && k->is_string())
            a.genai_prices_id = k->string();
        }
    out.push_back(std::move(a));
  }
  return out;
}

class Importer {
 public:
  Importer(const Catalog& c, const PriceImportOptions& o)
      : catalog_(c), options_(o), aliases_(aliases_of(o.catalog_api_models, c)) {
    if (auto d = parse_day(o.file_date); d && o.file_date.size() == 10) file_date_ = to_string(*d);
    if (auto d = parse_day(o.today); d && o.today.size() == 10) today_ = *d;
  }

  PriceImport run(std::string_view text) {
    if (std::string problem = check_price_limits(text); !problem.empty()) {
      out_.errors.push_back({"", problem});
      return std::move(out_);
    }
    json::ParseError at;
    json doc = json::parse(text, &at);
    if (doc.is_discarded()) {
      std::string token;  // printable ASCII only: the message becomes JSON
      for (char ch : at.token.substr(0, 40)) token += (ch >= 0x20 && ch < 0x7f) ? ch : '?';
      out_.errors.push_back({"", "not valid JSON at character " + std::to_string(at.position) +
                                     (token.empty() ? "" : " (near '" + token + "')") +
                                     "; accepted: a LiteLLM or genai-prices price file"});
      return std::move(out_);
    }
    if (doc.is_object() && doc.contains("api_models"))
      tcoscope_file(doc);
    else if (doc.is_object())
      litellm_file(doc);
    else if (doc.is_array())
      genai_file(doc);
    else
      out_.errors.push_back(
          {"",
           "expected a price file: a JSON object keyed by model (LiteLLM), an array of providers "
           "(genai-prices) or {\"api_models\": […]}, got " +
               describe(doc)});
    if (!out_.errors.empty()) {
      out_.prices.clear();
      out_.skipped.clear();
      out_.ignored_keys.clear();
    }
    return std::move(out_);
  }

 private:
  void skip(std::string key, std::string reason) {
    out_.skipped.push_back({std::move(key), std::move(reason)});
  }
  void ignore(const std::string& key, const std::string& reason) {
    for (IgnoredKey& k : out_.ignored_keys)
      if (k.key == key) {
        ++k.entries;
        return;
      }
    out_.ignored_keys.push_back({key, reason, 1});
  }
  bool too_many() {
    if (++out_.entries <= static_cast<int>(kMaxPriceEntries)) return false;
    out_.errors.push_back({"", "the price file holds more than " + std::to_string(kMaxPriceEntries) +
                                   " models; accepted: at most " + std::to_string(kMaxPriceEntries)});
    return true;
  }
  const ApiModel* claimed_row(const std::string& id) {
    for (const ImportedPrice& p : out_.prices)
      if (p.catalog_id == id) return catalog_.api_model(id);
    return nullptr;
  }
  std::string as_of(const std::string& from_file) const {
    if (!from_file.empty()) return from_file;
    if (!file_date_.empty()) return file_date_;
    return today_ ? to_string(*today_) : std::string();
  }

  // Adds the row, as a catalog row's new prices or as an extra choice.
  void add(ImportedPrice p, const ApiModel* match) {
    if (match && claimed_row(match->id)) {
      p.notes.push_back("matches " + match->id + ", whose prices an earlier entry already gives: added as " +
                        "an extra choice");
      match = nullptr;
    }
    if (match) {
      p.catalog_id = match->id;
      ApiModel r = *match;
      r.usd_per_mtok_input = p.row.usd_per_mtok_input;
      r.usd_per_mtok_output = p.row.usd_per_mtok_output;
      if (p.row.usd_per_mtok_cached_input)
        r.usd_per_mtok_cached_input = p.row.usd_per_mtok_cached_input;
      else if (match->usd_per_mtok_cached_input)
        p.notes.push_back("no cached-input price in the file: the catalog's $" +
                          fmt::plain(*match->usd_per_mtok_cached_input) + " (as of " + match->as_of +
                          ") is kept");
      if (p.row.batch_discount)
        r.batch_discount = p.row.batch_discount;
      else if (match->batch_discount)
        p.notes.push_back("no batch price in the file: the catalog's batch discount of " +
                          fmt::percent(*match->batch_discount) + " is kept");
      r.source = p.row.source;
      r.as_of = p.row.as_of;
      if (!p.row.context_tokens) r.context_tokens = match->context_tokens;
      p.row = std::move(r);
    } else {
      if (catalog_.api_model(p.row.id)) {
        skip(p.key, "its id is a catalog API model's that it does not correspond to");
        return;
      }
      for (const ImportedPrice& q : out_.prices)
        if (q.catalog_id.empty() && q.row.id == p.row.id) {
          skip(p.key, "another entry already has the id \"" + p.row.id + "\"");
          return;
        }
    }
    out_.prices.push_back(std::move(p));
  }

  // --- tcoscope: {"api_models": [rows]} -------------------------------------------------------------------
  void tcoscope_file(const json& doc) {
    out_.format = "tcoscope";
    const json& rows = doc["api_models"];
    if (!rows.is_array()) {
      out_.errors.push_back({"/api_models", "expected an array of API models, got " + describe(rows)});
      return;
    }
    for (std::size_t i = 0; i < rows.size() && !too_many(); ++i) {
      const json& r = rows[i];
      const std::string at = "/api_models/" + std::to_string(i);
      if (!r.is_object() || !r.contains("id") || !r["id"].is_string() || r["id"].string().empty() ||
          r["id"].string().size() > kMaxIdChars) {
        skip(at, "expected an object with an \"id\" of 1 to 200 characters");
        continue;
      }
      ImportedPrice p;
      p.key = r["id"].string();
      p.row.id = p.key;
      std::string why;
      auto price = [&](const char* key, bool required) -> std::optional<double> {
        auto it = r.find(key);
        if (it == r.end() || it->is_null()) {
          if (required) why = std::string("no ") + key;
          return std::nullopt;
        }
        std::string w;
        auto x = read_price(*it, 1.0, w);
        if (!x) why = std::string(key) + ": " + w;
        return x;
      };
      auto in = price("usd_per_mtok_input", true);
      auto outp = price("usd_per_mtok_output", true);
      auto cached = price("usd_per_mtok_cached_input", false);
      if (!in || !outp || !why.empty()) {
        skip(p.key, why);
        continue;
      }
      p.row.usd_per_mtok_input = *in;
      p.row.usd_per_mtok_output = *outp;
      p.row.usd_per_mtok_cached_input = cached;
      if (auto b = r.find("batch_discount"); b != r.end() && !b->is_null()) {
        if (!b->is_number() || !(b->get<double>() >= 0 && b->get<double>() <= kMaxBatchDiscount)) {
          skip(p.key,
               "batch_discount: " + describe(*b) + " is not accepted; accepted: a number from 0 to 0.95");
          continue;
        }
        p.row.batch_discount = b->get<double>() + 0.0;
      }
      auto text = [&](const char* key) {
        auto it = r.find(key);
        return it != r.end() && it->is_string() && it->string().size() <= 2000 ? it->get<std::string>()
                                                                               : std::string();
      };
      p.row.name = text("name").empty() ? p.row.id : text("name");
      p.row.provider = text("provider");
      p.row.tier = tier_rank(text("tier")) >= 0 ? text("tier") : "";
      p.row.source = text("source").empty() ? "price file (imported)" : text("source");
      p.row.as_of = parse_day(text("as_of")) ? text("as_of") : as_of("");
      if (auto c = r.find("context_tokens");
          c != r.end() && c->is_number() && c->get<double>() >= 0 && c->get<double>() < 1e12)
        p.row.context_tokens = c->get<double>();
      if (auto n = r.find("notes"); n != r.end() && n->is_array())
        for (const json& x : *n)
          if (x.is_string() && p.notes.size() < 20) p.notes.push_back(x.string());
      add(std::move(p), catalog_.api_model(r["id"].string()));
    }
  }

  // --- LiteLLM: {"<model>": {"input_cost_per_token", …}}
  // ---------------------------------------------------- Why a key of an entry is not used; empty for the
  // keys that are read or are plain metadata.
  static std::string litellm_key_reason(const std::string& k) {
    static const char* kRead[] = {"input_cost_per_token",
                                  "output_cost_per_token",
                                  "cache_read_input_token_cost",
                                  "input_cost_per_token_batches",
                                  "output_cost_per_token_batches",
                                  "litellm_provider",
                                  "mode",
                                  "max_input_tokens"};
    for (const char* r : kRead)
      if (k == r) return "";
    if (starts_with(k, "supports_") || starts_with(k, "supported_") || starts_with(k, "max_") ||
        k == "source" || k == "deprecation_date" || k == "metadata" || k == "comment" ||
        k == "tool_use_system_prompt_tokens" || k == "rpm" || k == "tpm" || k == "output_vector_size")
      return "";
    if (contains(k, "_above_"))
      return "a long-context rate above a prompt-size threshold: every request is priced at the base rate";
    if (k == "tiered_pricing")
      return "prices tiered by prompt length: the flat rate is used where there is one";
    if (ends_with(k, "_priority") || ends_with(k, "_flex") || contains(k, "_priority_") ||
        contains(k, "_flex_"))
      return "a service-tier rate (priority, flex): the standard rate is used";
    if (contains(k, "cache_creation"))
      return "cache writes are not modelled: cached input is priced as a cache read";
    if (contains(k, "per_second")) return "priced per second of audio or video, not per token";
    if (contains(k, "image") || contains(k, "pixel")) return "image pricing is not modelled";
    if (contains(k, "audio")) return "audio tokens are not modelled";
    if (contains(k, "video")) return "video pricing is not modelled";
    if (contains(k, "per_character")) return "priced per character, not per token";
    if (contains(k, "query") || contains(k, "search"))
      return "per-query (search, tool) fees are not modelled";
    if (contains(k, "reasoning")) return "reasoning tokens are priced as output tokens";
    if (contains(k, "cost") || contains(k, "price")) return "a price tcoscope does not model";
    return "unknown key";
  }

  void litellm_file(const json& doc) {
    out_.format = "litellm";
    for (auto it = doc.begin(); it != doc.end(); ++it) {
      if (too_many()) return;
      const std::string& key = it.key();
      const json& e = it.value();
      if (key == "sample_spec") {
        skip(key, "LiteLLM's description of the format, not a model");
        continue;
      }
      if (key.empty() || key.size() > kMaxIdChars) {
        skip(pointer_token(key), "a model key of 1 to 200 characters is accepted");
        continue;
      }
      if (!e.is_object()) {
        skip(key, "expected an object of prices, got " + describe(e));
        continue;
      }
      const std::string mode =
          e.contains("mode") && e["mode"].is_string() ? e["mode"].get<std::string>() : "";
      if (!mode.empty() && mode != "chat" && mode != "completion" && mode != "responses") {
        skip(key, "mode \"" + mode.substr(0, 40) + "\": not text generation");
        continue;
      }
      bool per_second = false, per_image = false, tiered = false;
      for (auto k = e.begin(); k != e.end(); ++k) {
        per_second |= contains(k.key(), "per_second");
        per_image |= contains(k.key(), "image") && contains(k.key(), "cost");
        tiered |= k.key() == "tiered_pricing";
      }
      if (!e.contains("input_cost_per_token") || !e.contains("output_cost_per_token")) {
        skip(key, per_second  ? "priced per second (audio or video), not per token"
                  : per_image ? "priced per image, not per token"
                  : tiered    ? "prices tiered by prompt length (tiered_pricing) with no flat rate"
                              : "no per-token input and output prices (input_cost_per_token, "
                                "output_cost_per_token)");
        continue;
      }
      ImportedPrice p;
      p.key = key;
      std::string why;
      auto price = [&](const char* k) -> std::optional<double> {
        auto v = e.find(k);
        if (v == e.end() || v->is_null()) return std::nullopt;
        std::string w;
        auto x = read_price(*v, kTokensPerMtok, w);
        if (!x && why.empty()) why = std::string(k) + ": " + w;
        return x;
      };
      auto in = price("input_cost_per_token");
      auto outp = price("output_cost_per_token");
      auto cached = price("cache_read_input_token_cost");
      auto batch_in = price("input_cost_per_token_batches");
      auto batch_out = price("output_cost_per_token_batches");
      if (!why.empty() || !in || !outp) {
        skip(key, why.empty() ? "no per-token input and output prices" : why);
        continue;
      }
      for (auto k = e.begin(); k != e.end(); ++k)
        if (std::string r = litellm_key_reason(k.key()); !r.empty()) ignore(k.key(), r);
      p.row.id = key;
      p.row.name = key;
      p.row.provider = e.contains("litellm_provider") && e["litellm_provider"].is_string() &&
                               e["litellm_provider"].string().size() <= kMaxIdChars
                           ? e["litellm_provider"].get<std::string>()
                           : "";
      p.row.usd_per_mtok_input = *in;
      p.row.usd_per_mtok_output = *outp;
      p.row.usd_per_mtok_cached_input = cached;
      if (auto c = e.find("max_input_tokens");
          c != e.end() && c->is_number() && c->get<double>() >= 0 && c->get<double>() < 1e12)
        p.row.context_tokens = c->get<double>();
      batch(p, *in, *outp, batch_in, batch_out);
      p.row.source = kLiteLlmSource;
      p.row.as_of = as_of("");
      const ApiModel* match = nullptr;
      for (const Aliases& a : aliases_)
        if (a.litellm_key == key || a.id == key) match = catalog_.api_model(a.id);
      add(std::move(p), match);
    }
  }

  // The batch discount from the _batches prices: one discount applies to every token of the batch share.
  static void batch(ImportedPrice& p, double in, double out, std::optional<double> batch_in,
                    std::optional<double> batch_out) {
    std::optional<double> di, dout;
    if (batch_in && in > 0) di = 1 - *batch_in / in;
    if (batch_out && out > 0) dout = 1 - *batch_out / out;
    if (!di && !dout) return;
    double d = di && dout ? std::min(*di, *dout) : di ? *di : *dout;
    if (di && dout && std::fabs(*di - *dout) > 1e-9)
      p.notes.push_back("the batch prices take " + fmt::percent(*di) + " off input and " +
                        fmt::percent(*dout) + " off output: the smaller discount is used for both");
    else if (!di || !dout)
      p.notes.push_back(std::string("only the ") + (di ? "input" : "output") +
                        " batch price is given: its discount is used for both");
    d = std::round(d * 1e9) / 1e9;  // 1 − 1.25/2.5 is 0.5 to the last bit, other ratios nearly so
    if (!(d >= 0 && d <= kMaxBatchDiscount)) {
      p.notes.push_back("the batch discount of " + fmt::percent(d) + " is outside 0–95 %: not used");
      return;
    }
    p.row.batch_discount = d + 0.0;
  }

  // --- genai-prices: [{"id", "name", "models": [{"id", "match", "prices"}]}] ------------------------------
  // Does a genai-prices match clause accept `id`? Regular expressions are not run (an untrusted pattern could
  // take exponential time); such a clause matches nothing.
  static bool clause_accepts(const json& c, std::string_view id, int depth = 0) {
    if (!c.is_object() || depth > 16) return false;
    auto str = [&](const char* k) -> std::optional<std::string> {
      auto it = c.find(k);
      if (it == c.end() || !it->is_string()) return std::nullopt;
      return it->get<std::string>();
    };
    if (auto s = str("equals")) return id == *s;
    if (auto s = str("starts_with")) return starts_with(id, *s);
    if (auto s = str("ends_with")) return ends_with(id, *s);
    if (auto s = str("contains")) return contains(id, *s);
    for (const char* op : {"or", "and"})
      if (auto it = c.find(op); it != c.end() && it->is_array()) {
        bool any = false, all = !it->empty();
        for (const json& x : *it) {
          bool a = clause_accepts(x, id, depth + 1);
          any |= a;
          all &= a;
        }
        return op[0] == 'o' ? any : all;
      }
    return false;
  }

  // One price of a ModelPrice: a number, or tiers whose base is used.
  std::optional<double> genai_price(const json& prices, const char* key, ImportedPrice& p, std::string& why) {
    auto it = prices.find(key);
    if (it == prices.end() || it->is_null()) return std::nullopt;
    if (it->is_object() && it->contains("base")) {
      std::string w;
      auto base = read_price((*it)["base"], 1.0, w);
      if (!base) {
        why = std::string(key) + ".base: " + w;
        return std::nullopt;
      }
      std::string first;
      if (auto t = it->find("tiers"); t != it->end() && t->is_array() && !t->empty() && (*t)[0].is_object() &&
                                      (*t)[0].contains("start") && (*t)[0]["start"].is_number())
        first = " (below " + fmt::tokens((*t)[0]["start"].get<double>()) + " tokens)";
      p.notes.push_back(std::string(key) + " is tiered by tokens per request: the base rate" + first +
                        " is used, the tiers above it are not");
      ignore(std::string(key) + ".tiers", "prices above a prompt-size threshold: the base rate is used");
      return base;
    }
    std::string w;
    auto x = read_price(*it, 1.0, w);
    if (!x) why = std::string(key) + ": " + w;
    return x;
  }

  // The ModelPrice to use from `prices`: an object, or ConditionalPrices of which the last one that has
  // started on `today` is in force (genai-prices' rule; none started: the first); without a day, the newest.
  // `start` is the chosen price's start date, if it has one.
  const json* pick_price(const json& prices, ImportedPrice& p, std::string& why, std::string& start) {
    if (prices.is_object()) return &prices;
    if (!prices.is_array() || prices.empty()) {
      why = "prices: expected an object or an array of dated prices, got " + describe(prices);
      return nullptr;
    }
    struct Candidate {
      const json* prices;
      std::optional<Day> start;
    };
    std::vector<Candidate> dated;
    for (const json& c : prices) {
      if (!c.is_object() || !c.contains("prices") || !c["prices"].is_object()) continue;
      auto k = c.find("constraint");
      if (k == c.end() || k->is_null()) {
        dated.push_back({&c["prices"], std::nullopt});
        continue;
      }
      std::optional<Day> from;
      if (k->is_object() && k->size() == 1 && k->contains("start") && (*k)["start"].is_string())
        from = parse_day((*k)["start"].string());
      if (from) {
        dated.push_back({&c["prices"], from});
        continue;
      }
      std::string keys;
      if (k->is_object())
        for (auto x = k->begin(); x != k->end(); ++x)
          keys += (keys.empty() ? "" : ", ") + x.key().substr(0, 40);
      p.notes.push_back("a price under a condition other than a start date (" +
                        (keys.empty() ? describe(*k) : keys) + ") is not used");
      ignore("constraint",
             "a price condition other than a start date (time of day, region, …) is not modelled");
    }
    if (dated.empty()) {
      why = "none of its prices applies without a condition tcoscope cannot represent";
      return nullptr;
    }
    const Candidate* chosen = nullptr;
    bool later = false;
    if (today_) {
      for (const Candidate& c : dated) {
        if (c.start && *c.start > *today_)
          later = true;
        else
          chosen = &c;
      }
      if (!chosen) chosen = &dated.front();
    } else {
      for (const Candidate& c : dated)
        if (!chosen || (c.start && (!chosen->start || *c.start >= *chosen->start))) chosen = &c;
    }
    if (chosen->start) start = to_string(*chosen->start);
    if (dated.size() > 1)
      p.notes.push_back(
          (today_ ? "the price in force on " + to_string(*today_) : std::string("the newest price")) +
          (chosen->start ? ", from " + to_string(*chosen->start) : std::string(", undated")) + ", of " +
          std::to_string(dated.size()) + " dated prices" +
          (later ? "; a later price is not in force yet" : ""));
    return chosen->prices;
  }

  void genai_file(const json& doc) {
    out_.format = "genai_prices";
    bool any_provider = false;
    for (std::size_t i = 0; i < doc.size(); ++i) {
      const json& pr = doc[i];
      if (!pr.is_object() || !pr.contains("models") || !pr["models"].is_array() || !pr.contains("id") ||
          !pr["id"].is_string()) {
        skip("/" + std::to_string(i), "expected a provider: an object with an \"id\" and a \"models\" array");
        continue;
      }
      any_provider = true;
      const std::string provider_id = pr["id"].get<std::string>().substr(0, kMaxIdChars);
      const std::string provider_name = pr.contains("name") && pr["name"].is_string()
                                            ? pr["name"].get<std::string>().substr(0, kMaxIdChars)
                                            : provider_id;
      for (const json& m : pr["models"]) {
        if (too_many()) return;
        if (!m.is_object() || !m.contains("id") || !m["id"].is_string() || m["id"].string().empty() ||
            m["id"].string().size() > kMaxIdChars) {
          skip(provider_id + "/?", "expected a model: an object with an \"id\" of 1 to 200 characters");
          continue;
        }
        const std::string model_id = m["id"].string();
        const std::string key = provider_id + "/" + model_id;
        ImportedPrice p;
        p.key = key;
        std::string why, start;
        const json* price = m.contains("prices") ? pick_price(m["prices"], p, why, start) : nullptr;
        if (!price) {
          skip(key, why.empty() ? "no prices" : why);
          continue;
        }
        auto in = genai_price(*price, "input_mtok", p, why);
        auto outp = genai_price(*price, "output_mtok", p, why);
        auto cached = genai_price(*price, "cache_read_mtok", p, why);
        if (!why.empty() || !in || !outp) {
          bool audio = price->contains("input_audio_mtok") || price->contains("output_audio_mtok");
          skip(key, !why.empty()   ? why
                    : audio && !in ? "priced for audio input tokens, with no text input price"
                    : price->contains("requests_kcount") && !in ? "priced per request, not per token"
                    : in && !outp ? "no output price (an embedding or input-only model)"
                                  : "no per-token input and output prices (input_mtok, output_mtok)");
          continue;
        }
        for (auto k = price->begin(); k != price->end(); ++k) {
          const std::string& n = k.key();
          if (n == "input_mtok" || n == "output_mtok" || n == "cache_read_mtok") continue;
          ignore(n, n == "cache_write_mtok"
                        ? "cache writes are not modelled: cached input is priced as a cache read"
                    : contains(n, "audio")   ? "audio tokens are not modelled"
                    : n == "requests_kcount" ? "a per-request fee is not modelled"
                                             : "unknown key");
        }
        for (auto k = m.begin(); k != m.end(); ++k) {
          static const char* kKnown[] = {
              "id",     "name",           "description", "match",   "context_window", "price_comments",
              "prices", "prices_checked", "deprecated",  "collapse"};
          bool known = false;
          for (const char* x : kKnown) known |= k.key() == x;
          if (!known) ignore("models[]." + k.key().substr(0, 60), "unknown key");
        }
        p.row.id = key;
        p.row.name = m.contains("name") && m["name"].is_string() && m["name"].string().size() <= kMaxIdChars
                         ? m["name"].get<std::string>()
                         : model_id;
        p.row.provider = provider_name;
        p.row.usd_per_mtok_input = *in;
        p.row.usd_per_mtok_output = *outp;
        p.row.usd_per_mtok_cached_input = cached;
        if (auto c = m.find("context_window");
            c != m.end() && c->is_number() && c->get<double>() >= 0 && c->get<double>() < 1e12)
          p.row.context_tokens = c->get<double>();
        std::string checked;
        if (auto c = m.find("prices_checked");
            c != m.end() && c->is_string() && parse_day(c->get<std::string>()))
          checked = c->get<std::string>().substr(0, 10);
        p.row.source = kGenaiSource;
        p.row.as_of = as_of(checked);
        if (p.row.as_of.empty()) p.row.as_of = start;
        add(std::move(p), genai_match(provider_id, provider_name, model_id, m));
      }
    }
    if (!any_provider && !doc.empty())
      out_.errors.push_back({"",
                             "expected a genai-prices file: an array of providers, each with an \"id\" and a "
                             "\"models\" array; none was found"});
  }

  // The catalog row a genai-prices model corresponds to: a row whose genai_prices_id is "provider/model",
  // else a row of the same provider whose id the model's id or match clause accepts.
  const ApiModel* genai_match(const std::string& provider_id, const std::string& provider_name,
                              const std::string& model_id, const json& m) const {
    const std::string key = provider_id + "/" + model_id;
    for (const Aliases& a : aliases_)
      if (!a.genai_prices_id.empty() && a.genai_prices_id == key) return catalog_.api_model(a.id);
    const std::string pid = lower_alnum(provider_id), pname = lower_alnum(provider_name);
    for (const Aliases& a : aliases_) {
      const ApiModel* row = catalog_.api_model(a.id);
      if (!row || !a.genai_prices_id.empty()) continue;  // a row with an alias matches by its alias only
      const std::string prov = lower_alnum(row->provider);
      bool same_provider = !prov.empty() && (prov == pid || prov == pname || starts_with(pname, prov) ||
                                             starts_with(prov, pname) || starts_with(pid, prov));
      if (!same_provider) continue;
      if (row->id == model_id || (m.contains("match") && clause_accepts(m["match"], row->id))) return row;
    }
    return nullptr;
  }

  const Catalog& catalog_;
  PriceImportOptions options_;
  std::vector<Aliases> aliases_;
  std::string file_date_;
  std::optional<Day> today_;
  PriceImport out_;
};

json row_json(const ImportedPrice& p) {
  const ApiModel& r = p.row;
  auto opt = [](const std::optional<double>& x) { return x ? json(*x) : json(nullptr); };
  return {{"id", r.id},
          {"name", r.name},
          {"provider", r.provider},
          {"tier", r.tier.empty() ? json(nullptr) : json(r.tier)},
          {"open_model", r.open_model.empty() ? json(nullptr) : json(r.open_model)},
          {"usd_per_mtok_input", r.usd_per_mtok_input},
          {"usd_per_mtok_cached_input", opt(r.usd_per_mtok_cached_input)},
          {"usd_per_mtok_output", r.usd_per_mtok_output},
          {"batch_discount", opt(r.batch_discount)},
          {"context_tokens", r.context_tokens},
          {"source", r.source},
          {"as_of", r.as_of},
          {"imported_from", p.key},
          {"replaces_catalog", !p.catalog_id.empty()},
          {"notes", p.notes}};
}

}  // namespace

PriceImport import_prices(std::string_view text, const Catalog& catalog, const PriceImportOptions& options) {
  return Importer(catalog, options).run(text);
}

Catalog with_prices(const Catalog& base, const PriceImport& prices) {
  Catalog c = base;
  for (const ImportedPrice& p : prices.prices) {
    auto it = std::find_if(c.api_models.begin(), c.api_models.end(),
                           [&](const ApiModel& m) { return m.id == p.row.id; });
    if (it != c.api_models.end())
      *it = p.row;
    else
      c.api_models.push_back(p.row);
  }
  return c;
}

json to_json(const PriceImport& p) {
  json rows = json::array(), skipped = json::array(), ignored = json::array();
  int matched = 0;
  for (const ImportedPrice& x : p.prices) {
    rows.push_back(row_json(x));
    matched += !x.catalog_id.empty();
  }
  for (const SkippedEntry& s : p.skipped) skipped.push_back({{"key", s.key}, {"reason", s.reason}});
  for (const IgnoredKey& k : p.ignored_keys)
    ignored.push_back({{"key", k.key}, {"reason", k.reason}, {"entries", k.entries}});
  return {{"format", p.format},
          {"entries", p.entries},
          {"matched", matched},
          {"added", static_cast<int>(p.prices.size()) - matched},
          {"api_models", std::move(rows)},
          {"skipped", std::move(skipped)},
          {"ignored_keys", std::move(ignored)}};
}

json to_json(const PriceAges& a) {
  auto list = [](const std::vector<PriceDate>& v) {
    json out = json::array();
    for (const PriceDate& d : v)
      out.push_back({{"path", d.path}, {"as_of", d.as_of}, {"source", d.source}, {"detail", d.detail}});
    return out;
  };
  return {{"as_of", list(a.prices)},
          {"oldest", a.oldest.empty() ? json(nullptr) : json(a.oldest)},
          {"stale_after_months", a.stale_after_months},
          {"today", a.today.empty() ? json(nullptr) : json(a.today)},
          {"stale", list(a.stale)}};
}

}  // namespace tcoscope
