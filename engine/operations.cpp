// operations.cpp
#include "operations.hpp"

#include <cmath>
#include <cstdio>

#include "catalog.hpp"
#include "embedded.hpp"
#include "evaluate.hpp"
#include "format.hpp"
#include "gpu_options.hpp"
#include "inputs.hpp"
#include "scenario_json.hpp"

namespace tcoscope::ops {
namespace {

using nlohmann::json;

// Parse, then resolve against the catalog, collecting warnings; false when parsing failed.
bool parse_and_resolve(std::string_view text, Outcome& out, ParsedScenario& parsed, ResolvedInputs& resolved) {
  parsed = parse_scenario_text(text);
  out.warnings = parsed.warnings;
  if (!parsed.ok()) {
    out.errors = parsed.errors;
    return false;
  }
  resolved = resolve(parsed.scenario, builtin_catalog());
  out.warnings.insert(out.warnings.end(), resolved.warnings.begin(), resolved.warnings.end());
  return true;
}

// Parse and resolve; on success `resolved` holds the inputs.
bool prepare(std::string_view text, Outcome& out, ParsedScenario& parsed, ResolvedInputs& resolved) {
  if (!parse_and_resolve(text, out, parsed, resolved)) return false;
  if (!resolved.ok()) {
    out.errors = resolved.errors;
    return false;
  }
  return true;
}

}  // namespace

std::string find_non_finite(const json& j, const std::string& path) {
  if (j.is_number_float()) return std::isfinite(j.get<double>()) ? "" : (path.empty() ? "/" : path);
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      std::string p = find_non_finite(it.value(), path + "/" + it.key());
      if (!p.empty()) return p;
    }
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) {
      std::string p = find_non_finite(j[i], path + "/" + std::to_string(i));
      if (!p.empty()) return p;
    }
  }
  return "";
}

Outcome evaluate(std::string_view text) {
  Outcome out;
  ParsedScenario parsed;
  ResolvedInputs resolved;
  if (!prepare(text, out, parsed, resolved)) return out;
  out.result = to_json(tcoscope::evaluate(resolved.inputs, out.warnings));
  // A guard, not a code path: the model is built so this never fires (property tests check it).
  if (std::string bad = find_non_finite(out.result); !bad.empty()) {
    out.result = json();
    out.errors.push_back({bad, "the engine produced a non-finite number for this scenario; please report it"});
    return out;
  }
  out.ok = true;
  return out;
}

Outcome validate(std::string_view text) {
  Outcome out;
  ParsedScenario parsed;
  ResolvedInputs resolved;
  if (!prepare(text, out, parsed, resolved)) return out;
  out.result = to_json(parsed.scenario);
  out.ok = true;
  return out;
}

Outcome minimize(std::string_view text) {
  Outcome out;
  ParsedScenario parsed;
  ResolvedInputs resolved;
  if (!prepare(text, out, parsed, resolved)) return out;
  out.result = to_minimal_json(parsed.scenario);
  out.ok = true;
  return out;
}

Outcome gpus(std::string_view text) {
  Outcome out;
  ParsedScenario parsed;
  ResolvedInputs resolved;
  // The scenario's own GPU may not fit the model; every other GPU is still worth listing.
  if (!parse_and_resolve(text, out, parsed, resolved)) return out;
  if (!resolved.inputs.model) {
    out.errors.push_back({"/self_host/model", "\"Which GPU?\" needs a catalog model; accepted: " +
                                                  std::string("one of the catalog's open-weight models")});
    return out;
  }
  for (const Problem& p : resolved.errors)
    if (p.path.rfind("/self_host/model", 0) == 0 || p.path.rfind("/workload", 0) == 0) out.errors.push_back(p);
  if (!out.errors.empty()) return out;
  out.result = {{"model", resolved.inputs.model->id},
                {"tokens_per_month", parsed.scenario.workload.tokens_per_month},
                {"options", to_json(gpu_options(resolved.inputs, builtin_catalog()))}};
  out.ok = true;
  return out;
}

json defaults() { return to_json(Scenario{}); }

json presets() {
  json out = json::array();
  for (std::size_t i = 0; i < embedded::kPresetFileCount; ++i) {
    const embedded::File& f = embedded::kPresetFiles[i];
    json scenario = json::parse(f.text, nullptr, /*allow_exceptions=*/false);
    if (!scenario.is_object()) continue;  // a test checks every preset parses
    json entry = {{"id", f.name}, {"name", scenario.value("name", std::string(f.name))},
                  {"description", scenario.value("description", std::string())}, {"scenario", scenario}};
    out.push_back(std::move(entry));
  }
  return out;
}

const json& catalog() { return builtin_catalog_json(); }

json envelope(const Outcome& o) {
  json out = {{"ok", o.ok}, {"warnings", to_json(o.warnings)}};
  if (o.ok) out["result"] = o.result;
  else out["errors"] = to_json(o.errors);
  return out;
}

std::string gpu_table_text(const json& r) {
  std::string out = "Which GPU? " + r["model"].get<std::string>() + " at " + fmt::tokens(r["tokens_per_month"]) +
                    " tokens/month, cheapest first\n\n";
  char line[256];
  std::snprintf(line, sizeof line, "%-24s %4s %-22s %10s %9s %5s %6s %12s %10s\n", "GPU", "×", "rent/buy", "price",
                "tok/s", "repl", "util", "$/month", "$/1M tok");
  out += line;
  for (const json& o : r["options"]) {
    if (!o["fits"].get<bool>()) {
      out += o["gpu"].get<std::string>() + ": " + o["problem"].get<std::string>() + "\n";
      continue;
    }
    bool rent = o["option"] == "rent";
    std::string how = rent ? "rent " + o["provider"].get<std::string>() : std::string("buy");
    std::string price = rent ? fmt::usd(o["usd_per_gpu_hour"].get<double>()) + "/h" : fmt::usd_whole(o["usd_per_gpu"]);
    std::string per_mtok = o["usd_per_mtok"].is_null() ? "n/a" : fmt::usd(o["usd_per_mtok"].get<double>());
    std::snprintf(line, sizeof line, "%-24s %4d %-22s %10s %9s %5d %6s %12s %10s%s\n",
                  o["gpu"].get<std::string>().c_str(), o["gpus_per_replica"].get<int>(), how.substr(0, 22).c_str(),
                  price.c_str(), fmt::plain(o["tokens_per_second_per_replica"]).c_str(), o["replicas_peak"].get<int>(),
                  fmt::percent(o["utilization"]).c_str(), fmt::usd_whole(o["usd_per_month"]).c_str(),
                  per_mtok.c_str(), o["current"].get<bool>() ? "  ← current" : "");
    out += line;
  }
  return out;
}

std::string text_report(const json& r) {
  std::string out;
  auto line = [&out](const std::string& s) { out += s + "\n"; };
  auto str = [](const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  const json& verdict = r["verdict"];
  std::string choice = str(verdict, "choice");
  std::string headline = choice == "api" ? "Use the API" : choice == "self_host" ? "Self-host" : "Self-host (required)";
  line(str(r, "name"));
  line(std::string(str(r, "name").size(), '='));
  line("Verdict: " + headline + " — margin " + fmt::usd(verdict["margin_usd_per_month"].get<double>()) + " a month");
  for (const json& reason : verdict["reasons"])
    line("  - [" + str(reason, "code") + "] " + str(reason, "message"));
  std::string section;
  for (const json& x : r["explain"]) {
    std::string figure = str(x, "figure");
    std::string head = figure.substr(0, figure.find('.'));
    if (head != section) {
      section = head;
      static const std::pair<const char*, const char*> kTitles[] = {
          {"workload", "Workload"}, {"api", "API"}, {"self_host", "Self-hosting"}, {"breakeven", "Breakeven"},
          {"horizon", "Horizon"}, {"verdict", "Verdict"}};
      std::string title = section;
      for (const auto& [key, name] : kTitles)
        if (section == key) title = name;
      line("");
      line(title);
    }
    line("  " + str(x, "text"));
  }
  if (!r["warnings"].empty()) {
    line("");
    line("Warnings");
    for (const json& w : r["warnings"]) line("  " + str(w, "path") + ": " + str(w, "message"));
  }
  return out;
}

}  // namespace tcoscope::ops
