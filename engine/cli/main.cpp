// main.cpp — the tcoscope command line: evaluate, validate, minimize, gpus, sensitivity, compare, prices,
// defaults, schema, presets, catalog.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "cli/compare_report.hpp"
#include "cli/text_report.hpp"
#include "contract/price_import.hpp"
#include "contract/scenario_fields.hpp"
#include "contract/scenario_json.hpp"
#include "model/staleness.hpp"
#include "ops.hpp"

using tcoscope::Json;

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
  tcoscope compare A.json B.json [C.json D.json] [--format json|text]
                                                  up to 4 scenarios side by side, differences marked
  tcoscope prices PRICES.json [--format json|text]
                                                  read a LiteLLM or genai-prices file: what it maps, and why not
  tcoscope defaults                               print the default scenario
  tcoscope schema                                 print the scenario's JSON Schema (for editors and validators)
  tcoscope presets [ID | --format json]           list the preset scenarios, print one, or all as JSON
  tcoscope catalog                                print the GPU, model, API-price and throughput catalog

Every command that takes a scenario (and compare) also takes:
  --prices FILE        price with this LiteLLM / genai-prices / tcoscope price file for this run
  --today YYYY-MM-DD   the day prices are checked for staleness (default: the system date; none: not checked)

Exit status: 0 success, 2 invalid scenario or price file (every problem on stderr as "path: message"),
1 usage error.
)";

// Reads at most one byte past the engine's limit, so that an endless stream (/dev/zero) is refused with the
// engine's own message instead of filling memory. Empty `problem` on success.
bool read_input(const std::string& file, std::string& text, std::string& problem,
                std::size_t max_bytes = tcoscope::kMaxScenarioBytes) {
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
  const std::size_t limit = max_bytes + 1;
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

// The day as YYYY-MM-DD (UTC).
std::string day_of(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &tm);
  return buffer;
}

// What --prices and --today give a run: the file's text and date, and the day to check prices on.
struct RunFlags {
  std::string prices_file;
  std::string prices;
  std::string prices_date;
  std::string today = day_of(std::time(nullptr));
  tcoscope::ops::RunOptions options() const { return {prices, prices_date, today}; }
};

// The value of `flag` at args[i], as "--flag VALUE" (i moves past it) or "--flag=VALUE"; none otherwise.
std::optional<std::string> flag_value(const std::vector<std::string>& args, std::size_t& i,
                                      const std::string& flag) {
  if (args[i] == flag && i + 1 < args.size()) return args[++i];
  if (args[i].rfind(flag + "=", 0) == 0) return args[i].substr(flag.size() + 1);
  return std::nullopt;
}

// Reads --prices / --today at args[i]; 0 when args[i] is neither, 1 when read, -1 on a usage error (printed).
int run_flag(const std::vector<std::string>& args, std::size_t& i, RunFlags& flags) {
  auto value_of = [&](const char* flag) { return flag_value(args, i, flag); };
  if (args[i] == "--prices" || args[i].rfind("--prices=", 0) == 0) {
    auto v = value_of("--prices");
    if (!v || v->empty()) {
      std::cerr << "tcoscope: --prices takes a price file\n";
      return -1;
    }
    flags.prices_file = *v;
    return 1;
  }
  if (args[i] == "--today" || args[i].rfind("--today=", 0) == 0) {
    auto v = value_of("--today");
    if (v && *v == "none") {
      flags.today.clear();
      return 1;
    }
    if (!v || v->size() != 10 || !tcoscope::parse_day(*v)) {
      std::cerr << "tcoscope: --today takes a date YYYY-MM-DD, or none\n";
      return -1;
    }
    flags.today = *v;
    return 1;
  }
  return 0;
}

// Reads the --prices file, if any, with its modification date; false (printed) when it cannot be read.
bool read_prices(RunFlags& flags) {
  if (flags.prices_file.empty()) return true;
  std::string problem;
  if (!read_input(flags.prices_file, flags.prices, problem, tcoscope::kMaxPriceFileBytes)) {
    std::cerr << "tcoscope: " << problem << "\n";
    return false;
  }
  std::error_code ec;
  if (flags.prices_file != "-") {
    auto written = std::filesystem::last_write_time(flags.prices_file, ec);
    if (!ec) {
      auto system = std::chrono::time_point_cast<std::chrono::system_clock::duration>(
          written - std::filesystem::file_time_type::clock::now() + std::chrono::system_clock::now());
      flags.prices_date = day_of(std::chrono::system_clock::to_time_t(system));
    }
  }
  return true;
}

int finish_command(const tcoscope::ops::Outcome& o, const std::string& format,
                   std::string (*text)(const Json&)) {
  print_problems(o.warnings, "warning: ");
  if (!o.ok) {
    print_problems(o.errors, "");
    return kExitInvalid;
  }
  if (format == "text")
    std::cout << text(o.result);
  else
    std::cout << o.result.dump(2) << "\n";
  return kExitOk;
}

// tcoscope compare A B [C D]: every file read first, then one engine call.
int run_compare(const std::vector<std::string>& args) {
  std::vector<std::string> files;
  std::string format = "json";
  RunFlags flags;
  for (std::size_t i = 0; i < args.size(); ++i) {
    int r = run_flag(args, i, flags);
    if (r < 0) return kExitUsage;
    if (r > 0) continue;
    if (auto v = flag_value(args, i, "--format"))
      format = *v;
    else
      files.push_back(args[i]);
  }
  if (files.size() < 2 || files.size() > tcoscope::ops::kMaxCompared ||
      (format != "json" && format != "text")) {
    std::cerr << "tcoscope: compare takes 2 to " << tcoscope::ops::kMaxCompared << " scenario files\n"
              << kUsage;
    return kExitUsage;
  }
  std::vector<std::string> texts(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    std::string problem;
    if (!read_input(files[i], texts[i], problem)) {
      std::cerr << "tcoscope: " << problem << "\n";
      return kExitUsage;
    }
  }
  if (!read_prices(flags)) return kExitUsage;
  return finish_command(tcoscope::ops::compare(texts, flags.options()), format, tcoscope::cli::compare_text);
}

// tcoscope prices FILE: the import report alone.
int run_prices(const std::vector<std::string>& args) {
  std::string format = "json";
  RunFlags flags;
  for (std::size_t i = 0; i < args.size(); ++i) {
    int r = run_flag(args, i, flags);
    if (r < 0) return kExitUsage;
    if (r > 0) continue;
    if (auto v = flag_value(args, i, "--format"))
      format = *v;
    else if (flags.prices_file.empty())
      flags.prices_file = args[i];
    else {
      std::cerr << "tcoscope: unexpected argument " << args[i] << "\n" << kUsage;
      return kExitUsage;
    }
  }
  if (flags.prices_file.empty() || (format != "json" && format != "text")) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  if (!read_prices(flags)) return kExitUsage;
  return finish_command(tcoscope::ops::import_prices(flags.prices, flags.options()), format,
                        tcoscope::cli::price_import_text);
}

int run_scenario_command(const std::string& command, const std::vector<std::string>& args) {
  std::string file, format = "json";
  std::optional<int> samples, seed;
  RunFlags flags;
  for (std::size_t i = 0; i < args.size(); ++i) {
    auto value_of = [&](const char* flag) { return flag_value(args, i, flag); };
    if (int r = run_flag(args, i, flags); r != 0) {
      if (r < 0) return kExitUsage;
    } else if (auto v = value_of("--format")) {
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
  if (!read_prices(flags)) return kExitUsage;
  const tcoscope::ops::RunOptions run = flags.options();
  namespace ops = tcoscope::ops;
  ops::Outcome o = command == "evaluate"      ? ops::evaluate_with(text, run)
                   : command == "validate"    ? ops::validate_with(text, run)
                   : command == "gpus"        ? ops::gpus_with(text, run)
                   : command == "sensitivity" ? ops::sensitivity_with(text, samples, seed, run)
                                              : ops::minimize_with(text, run);
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
    std::cout << o.result.dump(2) << "\n";
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
  if (command == "compare") return run_compare(rest);
  if (command == "prices") return run_prices(rest);
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
    Json all = tcoscope::ops::presets();
    if (rest.size() == 2 && rest[0] == "--format" && rest[1] == "json") {
      std::cout << all.dump(2) << "\n";
      return kExitOk;
    }
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
