// scenario_fuzz.cpp — libFuzzer target for the engine's whole text-in surface (SPEC §8 "parsers are fuzzed"):
// arbitrary bytes go to ops::evaluate, ops::validate, ops::minimize, ops::gpus and ops::sensitivity, exactly
// as the CLI and the wasm module pass them on. Any crash, sanitizer report or broken invariant below is a bug
// (__builtin_trap):
//   envelope, for every outcome of the four operations:
//   - an ok outcome has no errors and never contains a NaN or an infinity;
//   - an error outcome always lists at least one problem;
//   - the envelope (what the wasm binding returns) can always be written as JSON (no exception, e.g. for
//     invalid UTF-8 in a message);
//   - evaluate's last-resort "non-finite number" guard never fires for input that passed validation;
//   meaning:
//   - what validate accepts, evaluate and minimize accept too;
//   - minimize loses nothing: validate(dump(minimize(x).result)).result == validate(x).result;
//   - an ok evaluate result: self_host.utilization in [0, 1] (1e-9 slack), self_host.replicas_peak a whole
//     number >= 0, and every series of result.horizon has horizon_months entries;
//   - the fleet serves the demand it claims to (a silent cap on replicas breaks this):
//   servable_tokens_per_month
//     >= the workload's tokens_per_month, and in every month of the horizon, self_host_replicas (whole, >= 0)
//     × tokens_per_replica_hour × 730 h >= that month's tokens_per_month (relative slack 1e-9 for rounding);
//   - an ok gpus result: every option row that fits has finite numbers and 0 <= utilization <= 1;
//   - sensitivity (for one input in sixteen, with at most 64 samples: its flip search costs milliseconds):
//   what
//     validates is analyzed; the point saving is evaluate's (API total − self-hosting total) / months; the
//     probability lies in [0, 1]; P10 ≤ P50 ≤ P90; the histogram counts every feasible sample; each tornado
//     swing is |saving at high − saving at low|; each range holds its value; under a hybrid verdict (and only
//     then) the count of samples where its floor is cheapest lies within the feasible ones, its probability
//     is that count / samples, and its floor is the verdict's.
//   reading:
//   - the engine's JSON reader (contract/json.hpp) and nlohmann's, an independent one, accept the same
//   inputs,
//     and write back the same text for what they accept (below the engine's nesting cap);
//   - the meaning checks read the engine's output text with nlohmann: what the page gets is JSON to another
//     reader too.
// Set TCOSCOPE_FUZZ_LENIENT=1 to check only the first two envelope checks (to fuzz past a known bug in the
// others); the meaning checks always run.
// Build and run: scripts/fuzz [seconds]; reproduce: build/fuzz/scenario_fuzz FILE
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "contract/scenario_json.hpp"
#include "ops.hpp"

namespace {

using nlohmann::json;
using tcoscope::ops::Outcome;

bool lenient() {
  static const bool value = std::getenv("TCOSCOPE_FUZZ_LENIENT") != nullptr;
  return value;
}

// A broken property: stop here, so the stack trace names the check.
[[noreturn]] void fail() {
  __builtin_trap();
}

void require(bool property) {
  if (!property) fail();
}

void check(const Outcome& o) {
  if (o.ok) {
    require(o.errors.empty());
    require(tcoscope::ops::find_non_finite(o.result).empty());
  } else {
    require(!o.errors.empty());
  }
  if (lenient()) return;
  // The guard's exact sentence (a parse error may quote input text that merely contains it).
  for (const tcoscope::Problem& p : o.errors)
    require(p.message != "the engine produced a non-finite number for this scenario; please report it");
  try {
    std::string text = tcoscope::ops::envelope(o).dump();
    require(!text.empty());
  } catch (...) {
    fail();
  }
}

// j[key], which must exist: a missing key is a broken result contract.
const json& at(const json& j, const char* key) {
  if (!j.is_object()) fail();
  auto it = j.find(key);
  if (it == j.end()) fail();
  return *it;
}

double number(const json& j) {
  if (!j.is_number()) fail();
  double x = j.get<double>();
  require(std::isfinite(x));
  return x;
}

// The engine's value as another reader sees its text.
json theirs(const tcoscope::Json& j) {
  json out = json::parse(j.dump(), nullptr, /*allow_exceptions=*/false);
  if (out.is_discarded()) fail();
  return out;
}

// Where they differ on purpose: nlohmann stops reading at a NUL byte outside strings ("1\0x" is 1 to it; the
// contract layer rejects such text before it parses), and nests without a limit.
void check_reader(std::string_view text) {
  const tcoscope::JsonShape shape = tcoscope::json_shape(text);
  if (shape.nul_at != 0 || shape.deepest >= tcoscope::Json::kMaxParseDepth) return;
  const tcoscope::Json ours = tcoscope::Json::parse(text);
  const json other = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  require(ours.is_discarded() == other.is_discarded());
  if (!ours.is_discarded()) require(ours.dump() == other.dump());
}

bool whole_non_negative(const json& j) {
  if (j.is_number_unsigned()) return true;
  if (j.is_number_integer()) return j.get<std::int64_t>() >= 0;
  if (!j.is_number_float()) return false;
  double x = j.get<double>();
  return std::isfinite(x) && x >= 0 && std::floor(x) == x;
}

// An ok evaluate result for a scenario whose validated form (every default filled in) is `scenario`.
void check_evaluation(const json& result, const json& scenario) {
  const json& self_host = at(result, "self_host");
  double utilization = number(at(self_host, "utilization"));
  require(utilization >= -1e-9 && utilization <= 1 + 1e-9);
  require(whole_non_negative(at(self_host, "replicas_peak")));

  // Capacity covers demand: the first month, then every month of the horizon.
  constexpr double kSlack = 1 - 1e-9;
  const double tokens = number(at(at(result, "workload"), "tokens_per_month"));
  require(number(at(self_host, "servable_tokens_per_month")) >= tokens * kSlack);
  const double per_replica_month = number(at(self_host, "tokens_per_replica_hour")) * 730.0;

  const json& months = at(scenario, "horizon_months");
  if (!months.is_number_integer()) fail();
  const auto n = months.get<std::int64_t>();
  const json& horizon = at(result, "horizon");
  require(at(horizon, "months") == months);
  for (const char* series : {"month", "tokens_per_month", "api_usd", "self_host_usd", "self_host_replicas",
                             "cumulative_api_usd", "cumulative_self_host_usd"}) {
    const json& s = at(horizon, series);
    require(s.is_array() && static_cast<std::int64_t>(s.size()) == n);
  }
  const json& volume = at(horizon, "tokens_per_month");
  const json& replicas = at(horizon, "self_host_replicas");
  for (std::size_t m = 0; m < replicas.size(); ++m) {
    require(whole_non_negative(replicas[m]));
    require(number(replicas[m]) * per_replica_month >= number(volume[m]) * kSlack);
  }
}

// An ok gpus ("Which GPU?") result.
void check_gpu_options(const json& result) {
  const json& options = at(result, "options");
  if (!options.is_array()) fail();
  for (const json& row : options) {
    const json& fits = at(row, "fits");
    if (!fits.is_boolean()) fail();
    if (!fits.get<bool>()) continue;
    double utilization = number(at(row, "utilization"));
    require(utilization >= 0 && utilization <= 1);
  }
}

// An ok sensitivity result against the evaluate result of the same scenario.
void check_sensitivity(const json& s, const json& evaluation) {
  const json& horizon = at(evaluation, "horizon");
  const double months = number(at(horizon, "months"));
  const double saving =
      (number(at(horizon, "total_api_usd")) - number(at(horizon, "total_self_host_usd"))) / months;
  const double point = number(at(s, "saving_usd_per_month"));
  require(std::fabs(point - saving) <= 1e-9 * std::max(1.0, std::fabs(saving)));
  const json& mc = at(s, "monte_carlo");
  const double samples = number(at(mc, "samples"));
  if (samples > 0) {
    const double p = number(at(mc, "probability_self_host_cheaper"));
    require(p >= 0 && p <= 1);
    const json& spread = at(mc, "saving_usd_per_month");
    require(number(at(spread, "p10")) <= number(at(spread, "p50")));
    require(number(at(spread, "p50")) <= number(at(spread, "p90")));
    double counted = 0;
    for (const json& c : at(at(mc, "histogram"), "counts")) counted += number(c);
    require(counted == samples - number(at(mc, "infeasible")));
    // Under a hybrid verdict, and only then, the count of samples where the verdict's floor is cheapest.
    const bool hybrid = at(at(evaluation, "verdict"), "choice") == "hybrid";
    require(mc.contains("hybrid") == hybrid);
    if (hybrid) {
      const json& hy = at(mc, "hybrid");
      const double cheapest = number(at(hy, "cheapest"));
      require(cheapest >= 0 && cheapest <= samples - number(at(mc, "infeasible")));
      require(number(at(hy, "probability_cheapest")) == cheapest / samples);
      require(number(at(hy, "floor_replicas")) == number(at(at(evaluation, "hybrid"), "floor_replicas")));
    }
  }
  for (const json& b : at(s, "tornado")) {
    const json &lo = at(b, "saving_at_low"), &hi = at(b, "saving_at_high");
    if (lo.is_null() || hi.is_null()) continue;
    require(number(at(b, "swing")) == std::fabs(number(hi) - number(lo)));
  }
  for (const json& r : at(s, "ranges")) {
    const double v = number(at(r, "value"));
    require(number(at(r, "low")) <= v && v <= number(at(r, "high")));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  check_reader(text);
  const Outcome evaluated = tcoscope::ops::evaluate(text);
  const Outcome validated = tcoscope::ops::validate(text);
  const Outcome minimized = tcoscope::ops::minimize(text);
  const Outcome options = tcoscope::ops::gpus(text);
  check(evaluated);
  check(validated);
  check(minimized);
  check(options);

  if (options.ok) check_gpu_options(theirs(options.result));
  if (!validated.ok) return 0;
  require(evaluated.ok);
  require(minimized.ok);
  const json validated_json = theirs(validated.result), evaluated_json = theirs(evaluated.result);
  check_evaluation(evaluated_json, validated_json);

  // The share link carries minimize's output: read back, it must be the same scenario.
  std::string link;
  try {
    link = minimized.result.dump();
  } catch (...) {
    fail();
  }
  const Outcome reread = tcoscope::ops::validate(link);
  check(reread);
  require(reread.ok);
  require(reread.result == validated.result);

  std::uint32_t hash = 2166136261u;  // FNV-1a: the same inputs are analyzed on every run
  for (std::size_t i = 0; i < size; ++i) hash = (hash ^ data[i]) * 16777619u;
  if (hash % 16 == 0) {
    const json& u = at(validated_json, "uncertainty");
    const int samples = std::min(64, at(u, "samples").get<int>());
    const Outcome s = tcoscope::ops::sensitivity(text, samples);
    check(s);
    require(s.ok);
    check_sensitivity(theirs(s.result), evaluated_json);
  }
  return 0;
}
