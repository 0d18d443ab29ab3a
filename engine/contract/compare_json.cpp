// compare_json.cpp — the comparison table of up to four evaluated scenarios.
#include "contract/compare_json.hpp"

#include <map>
#include <string>

namespace tcoscope {
namespace {

using json = Json;

// The value at `pointer` in `j`, or null.
json at(const json& j, const char* pointer) {
  const json* v = j.at_pointer(pointer);
  return v ? *v : json(nullptr);
}

// Every leaf of an object as pointer → value; arrays (the 168 weights) are one leaf.
void leaves(const json& j, const std::string& path, std::map<std::string, json>& out) {
  if (j.is_object() && !j.empty()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      std::string key;
      for (char c : it.key()) key += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
      leaves(it.value(), path + "/" + key, out);
    }
  } else {
    out[path] = j;
  }
}

bool all_equal(const json& values) {
  for (const json& v : values)
    if (v != values[0]) return false;
  return true;
}

// The scenario whose value is lowest, when the values are numbers and not all the same.
json lowest(const json& values) {
  int best = -1, numbers = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!values[i].is_number()) continue;
    ++numbers;
    if (best < 0 || values[i].get<double>() < values[best].get<double>()) best = static_cast<int>(i);
  }
  if (numbers < 2 || all_equal(values)) return nullptr;
  for (std::size_t i = 0; i < values.size(); ++i)  // a shared lowest value marks no scenario
    if (static_cast<int>(i) != best && values[i] == values[best]) return nullptr;
  return best;
}

}  // namespace

json compare_json(const std::vector<ComparedScenario>& list) {
  json names = json::array(), rows = json::array(), reasons = json::array();
  for (const ComparedScenario& c : list) {
    names.push_back({{"name", at(c.result, "/name")}, {"choice", at(c.result, "/verdict/choice")}});
    reasons.push_back(at(c.result, "/verdict/reasons"));
  }
  // key, label, unit, where in the result (or, with a leading '@', in the sensitivity result), lower wins
  struct Row {
    const char* key;
    const char* label;
    const char* unit;
    const char* pointer;
    bool lower_is_better;
  };
  static const Row kRows[] = {
      {"verdict", "Verdict", "choice", "/verdict/choice", false},
      {"margin_usd_per_month", "Margin of the verdict", "USD per month", "/verdict/margin_usd_per_month",
       false},
      {"api_usd_per_month", "API", "USD per month", "/api/usd_per_month", true},
      {"self_host_usd_per_month", "Self-hosting", "USD per month", "/self_host/usd_per_month", true},
      {"hybrid_usd_per_month", "Hybrid", "USD per month", "/hybrid/usd_per_month", true},
      {"api_usd_per_mtok", "API per 1M tokens", "USD per 1M tokens", "/api/usd_per_mtok", true},
      {"self_host_usd_per_mtok", "Self-hosting per 1M tokens, all-in", "USD per 1M tokens",
       "/self_host/usd_per_mtok", true},
      {"self_host_usd_per_mtok_raw_at_utilization", "Raw GPU per 1M tokens at actual utilization",
       "USD per 1M tokens", "/self_host/usd_per_mtok_raw_at_utilization", true},
      {"self_host_usd_per_mtok_at_full_load", "Raw GPU per 1M tokens at 100 % load", "USD per 1M tokens",
       "/self_host/usd_per_mtok_at_full_load", true},
      {"utilization", "GPU utilization", "fraction", "/self_host/utilization", false},
      {"replicas_peak", "Replicas at the peak", "replicas", "/self_host/replicas_peak", false},
      {"breakeven_kind", "Breakeven", "choice", "/breakeven/kind", false},
      {"breakeven_tokens_per_month", "Breakeven volume", "tokens per month", "/breakeven/tokens_per_month",
       false},
      {"breakeven_api_usd_per_month", "Breakeven API spend", "USD per month", "/breakeven/api_usd_per_month",
       false},
      {"payback_month", "Payback", "month", "/horizon/payback_month", false},
      {"total_api_usd", "API over the horizon", "USD", "/horizon/total_api_usd", true},
      {"total_self_host_usd", "Self-hosting over the horizon", "USD", "/horizon/total_self_host_usd", true},
      {"probability_self_host_cheaper", "Probability self-hosting is cheaper", "fraction",
       "@/monte_carlo/probability_self_host_cheaper", false},
      {"confidence", "Probability the verdict's choice is cheaper", "fraction", "", false},
      {"prices_oldest_as_of", "Oldest price used", "date", "/prices/oldest", false},
  };
  for (const Row& r : kRows) {
    json values = json::array();
    for (const ComparedScenario& c : list) {
      if (std::string(r.key) == "confidence") {
        json p = at(c.sensitivity, "/monte_carlo/probability_self_host_cheaper");
        json choice = at(c.result, "/verdict/choice");
        // The hybrid's own share when the verdict is the hybrid (not self-hosting's, which it is not).
        if (choice == "hybrid") p = at(c.sensitivity, "/monte_carlo/hybrid/probability_cheapest");
        values.push_back(!p.is_number() ? json(nullptr) : choice == "api" ? json(1 - p.get<double>()) : p);
      } else if (r.pointer[0] == '@') {
        values.push_back(at(c.sensitivity, r.pointer + 1));
      } else {
        values.push_back(at(c.result, r.pointer));
      }
    }
    bool any = false;
    for (const json& v : values) any |= !v.is_null();
    if (!any && std::string(r.key) == "hybrid_usd_per_month") continue;  // no scenario weighs a hybrid
    rows.push_back({{"key", r.key},
                    {"label", r.label},
                    {"unit", r.unit},
                    {"values", values},
                    {"differs", !all_equal(values)},
                    {"best", r.lower_is_better ? lowest(values) : json(nullptr)}});
  }

  // Reason codes that some scenarios give and others do not.
  std::map<std::string, std::size_t> seen;
  for (const json& list_of : reasons)
    if (list_of.is_array()) {
      std::map<std::string, bool> once;
      for (const json& r : list_of)
        if (r.contains("code") && !once[r["code"].get<std::string>()]) {
          once[r["code"].get<std::string>()] = true;
          ++seen[r["code"].get<std::string>()];
        }
    }
  json reasons_differ = json::array();
  for (const auto& [code, n] : seen)
    if (n != list.size()) reasons_differ.push_back(code);

  std::vector<std::map<std::string, json>> flat(list.size());
  std::map<std::string, bool> paths;
  for (std::size_t i = 0; i < list.size(); ++i) {
    leaves(list[i].scenario, "", flat[i]);
    for (const auto& [p, v] : flat[i]) paths[p] = true;
  }
  json differences = json::array();
  for (const auto& [p, unused] : paths) {
    if (p == "/name" || p == "/description" || p == "/schema_version") continue;
    json values = json::array();
    for (const auto& f : flat) {
      auto it = f.find(p);
      values.push_back(it == f.end() ? json(nullptr) : it->second);
    }
    if (!all_equal(values)) differences.push_back({{"path", p}, {"values", std::move(values)}});
  }
  return {{"scenarios", std::move(names)},
          {"rows", std::move(rows)},
          {"reasons", std::move(reasons)},
          {"reasons_differ", std::move(reasons_differ)},
          {"input_differences", std::move(differences)}};
}

}  // namespace tcoscope
