// compare_report.cpp — scenarios side by side as text; a price import's report as text.
#include "cli/compare_report.hpp"

#include <algorithm>

#include "report/format.hpp"

namespace tcoscope::cli {

using json = Json;

namespace {

// One value of a comparison row as people read it.
std::string cell(const json& v, const std::string& unit) {
  if (v.is_null()) return "–";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
  if (!v.is_number()) return v.dump();
  double x = v.get<double>();
  if (unit == "USD per month" || unit == "USD") return fmt::usd_whole(x);
  if (unit == "USD per 1M tokens") return fmt::usd(x);
  if (unit == "fraction") return fmt::percent(x);
  if (unit == "tokens per month") return fmt::tokens(x);
  if (unit == "month") return "month " + fmt::plain(x);
  return fmt::plain(x);
}

std::string pad(const std::string& s, std::size_t width) {
  std::size_t chars = 0;
  for (char c : s) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return s + std::string(width > chars ? width - chars : 0, ' ');
}

}  // namespace

std::string compare_text(const json& c) {
  const json& scenarios = c["scenarios"];
  const std::size_t n = scenarios.size();
  const std::size_t label_width = 46, width = 20;
  std::string out = pad("", label_width + 2);
  for (std::size_t i = 0; i < n; ++i)
    out += pad(std::string(1, static_cast<char>('A' + i)) + ": " +
                   scenarios[i]["name"].get<std::string>().substr(0, width - 4),
               width);
  out += "\n";
  for (const json& r : c["rows"]) {
    const bool differs = r["differs"].get<bool>();
    out += (differs ? "* " : "  ") + pad(r["label"].get<std::string>(), label_width);
    for (std::size_t i = 0; i < n; ++i) {
      std::string v = cell(r["values"][i], r["unit"].get<std::string>());
      if (r["best"].is_number() && r["best"].get<std::size_t>() == i) v += " ←";
      out += pad(v, width);
    }
    out += "\n";
  }
  out += "\n* differs between the scenarios; ← the lowest cost\n";
  if (!c["reasons_differ"].empty()) {
    out += "\nReasons not shared by every scenario:\n";
    for (const json& code : c["reasons_differ"]) {
      out += "  " + code.get<std::string>() + ":";
      for (std::size_t i = 0; i < n; ++i)
        for (const json& r : c["reasons"][i])
          if (r["code"] == code) {
            out += " " + std::string(1, static_cast<char>('A' + i));
            break;
          }
      out += "\n";
    }
  }
  out += "\nInputs that differ:\n";
  if (c["input_differences"].empty()) out += "  none\n";
  for (const json& d : c["input_differences"]) {
    out += "  " + d["path"].get<std::string>() + ":";
    for (std::size_t i = 0; i < n; ++i) {
      const json& v = d["values"][i];
      std::string s = v.is_array() ? "[" + std::to_string(v.size()) + " values]" : cell(v, "");
      out += std::string(i == 0 ? " " : " | ") + std::string(1, static_cast<char>('A' + i)) + " " + s;
    }
    out += "\n";
  }
  return out;
}

std::string price_import_text(const json& r) {
  std::string out = "Price file (" + r["format"].get<std::string>() +
                    "): " + fmt::plain(r["entries"].number()) + " entries; " +
                    fmt::plain(r["matched"].number()) + " replace catalog prices, " +
                    fmt::plain(r["added"].number()) + " added as extra API models, " +
                    std::to_string(r["skipped"].size()) + " skipped\n";
  auto row = [](const json& m) {
    std::string s =
        "  " + m["id"].get<std::string>() + ": " + fmt::usd(m["usd_per_mtok_input"].number()) + " in";
    if (!m["usd_per_mtok_cached_input"].is_null())
      s += ", " + fmt::usd(m["usd_per_mtok_cached_input"].number()) + " cached";
    s += ", " + fmt::usd(m["usd_per_mtok_output"].number()) + " out per 1M tokens";
    if (!m["batch_discount"].is_null()) s += ", batch −" + fmt::percent(m["batch_discount"].number());
    if (!m["as_of"].get<std::string>().empty()) s += " (as of " + m["as_of"].get<std::string>() + ")";
    s += "\n";
    for (const json& note : m["notes"]) s += "      " + note.get<std::string>() + "\n";
    return s;
  };
  out += "\nReplacing catalog prices:\n";
  for (const json& m : r["api_models"])
    if (m["replaces_catalog"].get<bool>()) out += row(m);
  out += "\nAdded:\n";
  for (const json& m : r["api_models"])
    if (!m["replaces_catalog"].get<bool>()) out += row(m);
  out += "\nSkipped:\n";
  for (const json& s : r["skipped"])
    out += "  " + s["key"].get<std::string>() + ": " + s["reason"].get<std::string>() + "\n";
  out += "\nKeys not used:\n";
  for (const json& k : r["ignored_keys"])
    out += "  " + k["key"].get<std::string>() + " (" + fmt::plain(k["entries"].number()) +
           " entries): " + k["reason"].get<std::string>() + "\n";
  return out;
}

}  // namespace tcoscope::cli
