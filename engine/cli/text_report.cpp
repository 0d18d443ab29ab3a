// text_report.cpp — the verdict, its reasons and every explanation line, grouped by section; "Which GPU?" as
// a table.
#include "cli/text_report.hpp"

#include <algorithm>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "report/format.hpp"

namespace tcoscope::cli {

using json = Json;

std::string gpu_table_text(const json& r) {
  std::string out = "Which GPU? " + r["model"].get<std::string>() + " at " +
                    fmt::tokens(r["tokens_per_month"].number()) + " tokens/month, cheapest first\n\n";
  char line[256];
  std::snprintf(line, sizeof line, "%-24s %4s %-22s %10s %9s %5s %6s %12s %10s\n", "GPU", "×", "rent/buy",
                "price", "tok/s", "repl", "util", "$/month", "$/1M tok");
  out += line;
  for (const json& o : r["options"]) {
    if (!o["fits"].get<bool>()) {
      out += o["gpu"].get<std::string>() + ": " + o["problem"].get<std::string>() + "\n";
      continue;
    }
    bool rent = o["option"] == "rent";
    std::string how = rent ? "rent " + o["provider"].get<std::string>() : std::string("buy");
    std::string price = rent ? fmt::usd(o["usd_per_gpu_hour"].get<double>()) + "/h"
                             : fmt::usd_whole(o["usd_per_gpu"].number());
    std::string per_mtok = o["usd_per_mtok"].is_null() ? "n/a" : fmt::usd(o["usd_per_mtok"].get<double>());
    std::snprintf(line, sizeof line, "%-24s %4d %-22s %10s %9s %5d %6s %12s %10s%s\n",
                  o["gpu"].get<std::string>().c_str(), o["gpus_per_replica"].get<int>(),
                  how.substr(0, 22).c_str(), price.c_str(),
                  fmt::plain(o["tokens_per_second_per_replica"].number()).c_str(),
                  o["replicas_peak"].get<int>(), fmt::percent(o["utilization"].number()).c_str(),
                  fmt::usd_whole(o["usd_per_month"].number()).c_str(), per_mtok.c_str(),
                  o["current"].get<bool>() ? "  ← current" : "");
    out += line;
  }
  return out;
}

std::string sensitivity_text(const json& r) {
  std::string out;
  auto line = [&out](const std::string& s) { out += s + "\n"; };
  auto money = [](const json& x) {
    return x.is_number() ? fmt::usd_whole(x.get<double>()) : std::string("n/a");
  };
  line("How sure?");
  line("  " + r["confidence"]["message"].get<std::string>());
  line("  " + r["what_would_change"]["message"].get<std::string>());
  line("");
  line("Self-hosting's saving, USD a month (negative: the API is cheaper): " +
       money(r["saving_usd_per_month"]) + " at the values given");
  const json& mc = r["monte_carlo"];
  if (mc["samples"].get<int>() > 0) {
    char row[160];
    std::snprintf(row, sizeof row, "  %-26s %14s %14s %14s\n", "", "P10", "P50", "P90");
    out += row;
    for (const auto& [key, title] :
         {std::pair{"saving_usd_per_month", "saving"}, std::pair{"api_usd_per_month", "API cost"},
          std::pair{"self_host_usd_per_month", "self-hosting cost"}}) {
      const json& s = mc[key];
      std::snprintf(row, sizeof row, "  %-26s %14s %14s %14s\n", title, money(s["p10"]).c_str(),
                    money(s["p50"]).c_str(), money(s["p90"]).c_str());
      out += row;
    }
    line("  " + fmt::plain(mc["samples"].get<double>()) + " samples, seed " +
         std::to_string(mc["seed"].get<int>()) +
         "; P(self-hosting cheaper) = " + fmt::percent(mc["probability_self_host_cheaper"].get<double>()) +
         " ± " + fmt::percent(mc["standard_error"].get<double>()) + " (one standard error)");
    if (mc.contains("hybrid")) {
      const json& hy = mc["hybrid"];
      line("  P(the verdict's hybrid, a floor of " + fmt::plain(hy["floor_replicas"].get<double>()) +
           ", cheapest) = " + fmt::percent(hy["probability_cheapest"].get<double>()) + " ± " +
           fmt::percent(hy["standard_error"].get<double>()));
    }
  }
  if (!r["tornado"].empty()) {
    line("");
    line(
        "Tornado: the saving with one input at its low and its high, the rest as given (* crosses the "
        "verdict)");
    char row[256];
    for (const json& b : r["tornado"]) {
      std::snprintf(row, sizeof row, "  %c %-32s %12s %12s   swing %s\n",
                    b["crosses_verdict"].get<bool>() ? '*' : ' ',
                    b["label"].get<std::string>().substr(0, 32).c_str(), money(b["saving_at_low"]).c_str(),
                    money(b["saving_at_high"]).c_str(), money(b["swing"]).c_str());
      out += row;
    }
  }
  line("");
  line("What would have to be true (one input at a time, the rest as given)");
  for (const json& f : r["flips"]) {
    if (f["flip"].is_null())
      line("  - " + f["label"].get<std::string>() + ": no value in its accepted range flips the verdict");
    else
      line("  - " + f["clause"].get<std::string>() +
           (f["inside_range"].get<bool>() ? " — within its range" : ""));
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
  std::string headline = choice == "api"         ? "Use the API"
                         : choice == "self_host" ? "Self-host"
                         : choice == "hybrid"    ? "Hybrid: a self-hosted floor with API overflow"
                                                 : "Self-host (required)";
  line(str(r, "name"));
  line(std::string(str(r, "name").size(), '='));
  bool tie = false;
  for (const json& reason : verdict["reasons"]) tie = tie || str(reason, "code") == "costs_tie";
  if (tie)
    line("Verdict: A tie — keep the API (no migration, no hardware)");
  else
    line("Verdict: " + headline + " — margin " + fmt::usd(verdict["margin_usd_per_month"].get<double>()) +
         " a month");
  for (const json& reason : verdict["reasons"])
    line("  - [" + str(reason, "code") + "] " + str(reason, "message"));
  // The explanations by section, each section where its first line is: a later figure of an earlier section
  // (the hybrid's horizon total comes after the hybrid's lines) joins its own section rather than opening it
  // again.
  std::vector<std::pair<std::string, std::vector<std::string>>> sections;
  for (const json& x : r["explain"]) {
    std::string figure = str(x, "figure");
    std::string head = figure.substr(0, figure.find('.'));
    auto it = std::find_if(sections.begin(), sections.end(), [&](const auto& s) { return s.first == head; });
    if (it == sections.end()) it = sections.insert(sections.end(), {head, {}});
    it->second.push_back(str(x, "text"));
  }
  static const std::pair<const char*, const char*> kTitles[] = {
      {"workload", "Workload"},   {"api", "API"},         {"self_host", "Self-hosting"},
      {"breakeven", "Breakeven"}, {"horizon", "Horizon"}, {"hybrid", "Hybrid"},
      {"verdict", "Verdict"}};
  for (const auto& [key, texts] : sections) {
    std::string title = key;
    for (const auto& [id, name] : kTitles)
      if (key == id) title = name;
    line("");
    line(title);
    for (const std::string& text : texts) line("  " + text);
  }
  if (!r["warnings"].empty()) {
    line("");
    line("Warnings");
    for (const json& w : r["warnings"]) line("  " + str(w, "path") + ": " + str(w, "message"));
  }
  return out;
}

}  // namespace tcoscope::cli
