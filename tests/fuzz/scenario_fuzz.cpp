// scenario_fuzz.cpp — libFuzzer target for the engine's whole text-in surface (SPEC §8 "parsers are fuzzed"):
// arbitrary bytes go to ops::evaluate, ops::validate and ops::minimize, exactly as the CLI and the wasm module
// pass them on. Any crash, sanitizer report or broken invariant below is a bug:
//   - an ok outcome has no errors and never contains a NaN or an infinity;
//   - an error outcome always lists at least one problem;
//   - the envelope (what the wasm binding returns) can always be written as JSON (no exception, e.g. for
//     invalid UTF-8 in a message);
//   - evaluate's last-resort "non-finite number" guard never fires for input that passed validation.
// Set TCOSCOPE_FUZZ_LENIENT=1 to check only the first two (to fuzz past a known bug in the others).
// Build and run: scripts/fuzz [seconds]
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "ops.hpp"
#include "contract/result_json.hpp"

namespace {

bool lenient() {
  static const bool value = std::getenv("TCOSCOPE_FUZZ_LENIENT") != nullptr;
  return value;
}

void check(const tcoscope::ops::Outcome& o) {
  if (o.ok) {
    if (!o.errors.empty()) __builtin_trap();
    if (!tcoscope::ops::find_non_finite(o.result).empty()) __builtin_trap();
  } else if (o.errors.empty()) {
    __builtin_trap();
  }
  if (lenient()) return;
  // The guard's exact sentence (a parse error may quote input text that merely contains it).
  for (const tcoscope::Problem& p : o.errors)
    if (p.message == "the engine produced a non-finite number for this scenario; please report it") __builtin_trap();
  try {
    std::string text = tcoscope::ops::envelope(o).dump();
    if (text.empty()) __builtin_trap();
  } catch (...) {
    __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  check(tcoscope::ops::evaluate(text));
  check(tcoscope::ops::validate(text));
  check(tcoscope::ops::minimize(text));
  return 0;
}
