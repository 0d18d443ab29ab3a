// main.cpp — the tcoscope command line: evaluate, validate, minimize, gpus, sensitivity, defaults, schema,
// presets, catalog.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "cli/text_report.hpp"
#include "contract/scenario_fields.hpp"
#include "contract/scenario_json.hpp"
#include "ops.hpp"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitUsage = 1;
constexpr int kExitInvalid = 2;

const char* kUsage =
    R"(tcoscope — self-host an open-weight LLM or pay per token? The whole TCO, from the command line.

Usage:
  tcoscope evaluate FILE|- [--format json|text]   price a scenario (result JSON, or a readable report)
  tcoscope validate FILE|-                        check a scenario; prints it with every default filled in
  tcoscope minimize FILE|-                        print the scenario minus its defaults (what a link carries)
  tcoscope gpus FILE|- [--format json|text]       which GPU? every catalog GPU rented and bought, cheapest first
  tcoscope sensitivity FILE|- [--samples N] [--seed S] [--format json|text]
                                                  how sure? ranges, tornado, Monte Carlo, flip points
  tcoscope defaults                               print the default scenario
  tcoscope schema                                 print the scenario's JSON Schema (for editors and validators)
  tcoscope presets [ID]                           list the preset scenarios, or print one
  tcoscope catalog                                print the GPU, model, API-price and throughput catalog

Exit status: 0 success, 2 invalid scenario (every problem on stderr as "path: message"), 1 usage error.
)";

// Reads at most one byte past the engine's limit, so that an endless stream (/dev/zero) is refused with the
// engine's own message instead of filling memory. Empty `problem` on success.
bool read_input(const std::string& file, std::string& text, std::string& problem) {
  std::error_code ec;
  if (file != "-" && std::filesystem::is_directory(file, ec)) {
    problem = "cannot read " + file + ": it is a directory";
    return false;
  }
  std::ifstream in;
  if (file != "-") {
    in.open(file, std::ios::binary);
    if (!in) {
      problem = "cannot read " + file;
      return false;
    }
  }
  std::istream& from = file == "-" ? std::cin : in;
  const std::size_t limit = tcoscope::kMaxScenarioBytes + 1;
  text.clear();
  char buffer[1 << 16];
  while (text.size() < limit && from) {
    from.read(buffer, static_cast<std::streamsize>(std::min(sizeof buffer, limit - text.size())));
    text.append(buffer, static_cast<std::size_t>(from.gcount()));
  }
  if (from.bad()) {
    problem = "cannot read " + file;
    return false;
  }
  return true;
}

void print_problems(const tcoscope::Problems& problems, const char* prefix) {
  for (const tcoscope::Problem& p : problems)
    std::cerr << prefix << (p.path.empty() ? "/" : p.path) << ": " << p.message << "\n";
}

// A whole number from lo to hi, or nothing.
std::optional<int> whole_number(const std::string& s, int lo, int hi) {
  if (s.empty() || s.size() > 10 || s.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  long long x = std::stoll(s);
  if (x < lo || x > hi) return std::nullopt;
  return static_cast<int>(x);
}

int run_scenario_command(const std::string& command, const std::vector<std::string>& args) {
  std::string file, format = "json";
  std::optional<int> samples, seed;
  for (std::size_t i = 0; i < args.size(); ++i) {
    auto value_of = [&](const char* flag) -> std::optional<std::string> {
      std::string f = flag;
      if (args[i] == f && i + 1 < args.size()) return args[++i];
      if (args[i].rfind(f + "=", 0) == 0) return args[i].substr(f.size() + 1);
      return std::nullopt;
    };
    if (auto v = value_of("--format")) {
      format = *v;
    } else if (command == "sensitivity" && (args[i] == "--samples" || args[i].rfind("--samples=", 0) == 0)) {
      auto v = value_of("--samples");
      samples = v ? whole_number(*v, 0, tcoscope::fields::kMaxSamples) : std::nullopt;
      if (!samples) {
        std::cerr << "tcoscope: --samples takes a whole number from 0 to " << tcoscope::fields::kMaxSamples
                  << "\n";
        return kExitUsage;
      }
    } else if (command == "sensitivity" && (args[i] == "--seed" || args[i].rfind("--seed=", 0) == 0)) {
      auto v = value_of("--seed");
      seed = v ? whole_number(*v, 0, tcoscope::fields::kMaxSeed) : std::nullopt;
      if (!seed) {
        std::cerr << "tcoscope: --seed takes a whole number from 0 to " << tcoscope::fields::kMaxSeed << "\n";
        return kExitUsage;
      }
    } else if (file.empty())
      file = args[i];
    else {
      std::cerr << "tcoscope: unexpected argument " << args[i] << "\n" << kUsage;
      return kExitUsage;
    }
  }
  if (file.empty() || (format != "json" && format != "text") ||
      (format == "text" && command != "evaluate" && command != "gpus" && command != "sensitivity")) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  std::string text;
  std::string problem;
  if (!read_input(file, text, problem)) {
    std::cerr << "tcoscope: " << problem << "\n";
    return kExitUsage;
  }
  tcoscope::ops::Outcome o = command == "evaluate"      ? tcoscope::ops::evaluate(text)
                             : command == "validate"    ? tcoscope::ops::validate(text)
                             : command == "gpus"        ? tcoscope::ops::gpus(text)
                             : command == "sensitivity" ? tcoscope::ops::sensitivity(text, samples, seed)
                                                        : tcoscope::ops::minimize(text);
  print_problems(o.warnings, "warning: ");
  if (!o.ok) {
    print_problems(o.errors, "");
    return kExitInvalid;
  }
  if (format == "text")
    std::cout << (command == "gpus"          ? tcoscope::cli::gpu_table_text(o.result)
                  : command == "sensitivity" ? tcoscope::cli::sensitivity_text(o.result)
                                             : tcoscope::cli::text_report(o.result));
  else
    std::cout << o.result.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    std::cout << kUsage;
    return args.empty() ? kExitUsage : kExitOk;
  }
  std::string command = args[0];
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (command == "evaluate" || command == "validate" || command == "minimize" || command == "gpus" ||
      command == "sensitivity")
    return run_scenario_command(command, rest);
  if (command == "defaults") {
    std::cout << tcoscope::ops::defaults().dump(2) << "\n";
    return kExitOk;
  }
  if (command == "schema") {
    std::cout << tcoscope::ops::schema().dump(2) << "\n";
    return kExitOk;
  }
  if (command == "catalog") {
    std::cout << tcoscope::ops::catalog().dump(2) << "\n";
    return kExitOk;
  }
  if (command == "presets") {
    nlohmann::json all = tcoscope::ops::presets();
    if (rest.empty()) {
      for (const auto& p : all)
        std::cout << p["id"].get<std::string>() << "\t" << p["name"].get<std::string>() << "\n";
      return kExitOk;
    }
    for (const auto& p : all)
      if (p["id"] == rest[0]) {
        std::cout << p["scenario"].dump(2) << "\n";
        return kExitOk;
      }
    std::cerr << "tcoscope: no preset " << rest[0] << "; run `tcoscope presets` for the list\n";
    return kExitUsage;
  }
  std::cerr << "tcoscope: unknown command " << command << "\n" << kUsage;
  return kExitUsage;
}
