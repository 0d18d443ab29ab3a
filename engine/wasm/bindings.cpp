// bindings.cpp — the wasm boundary.
//
// Boundary design: only strings cross (and, for the sliced sensitivity job, a sample count). Every function
// takes scenario JSON text and returns envelope JSON text
// ({"ok", "result" | "errors", "warnings"}), exactly what the native CLI computes through the same
// tcoscope::ops functions. No handles, nothing for JavaScript to delete, nothing that can throw: bad input is
// an "ok": false envelope, never an abort.
#include <emscripten/bind.h>

#include <string>

#include "ops.hpp"

namespace {

// Replace, never throw, on invalid UTF-8: a throw would abort the module.
std::string dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string evaluate(const std::string& scenario) {
  return dump(tcoscope::ops::envelope(tcoscope::ops::evaluate(scenario)));
}
std::string validate(const std::string& scenario) {
  return dump(tcoscope::ops::envelope(tcoscope::ops::validate(scenario)));
}
std::string minimize(const std::string& scenario) {
  return dump(tcoscope::ops::envelope(tcoscope::ops::minimize(scenario)));
}
std::string gpus(const std::string& scenario) {
  return dump(tcoscope::ops::envelope(tcoscope::ops::gpus(scenario)));
}
std::string sensitivity(const std::string& scenario) {
  return dump(tcoscope::ops::envelope(tcoscope::ops::sensitivity(scenario)));
}
// The same in slices between frames: one job at a time, begun by a scenario, stepped by a sample count.
std::string sensitivity_begin(const std::string& scenario) {
  return dump(tcoscope::ops::sensitivity_begin(scenario));
}
std::string sensitivity_step(int max_samples) {
  return dump(tcoscope::ops::sensitivity_step(max_samples));
}
std::string defaults() {
  return dump(tcoscope::ops::defaults());
}
std::string schema() {
  return dump(tcoscope::ops::schema());
}
std::string presets() {
  return dump(tcoscope::ops::presets());
}
std::string catalog() {
  return dump(tcoscope::ops::catalog());
}

}  // namespace

EMSCRIPTEN_BINDINGS(tcoscope) {
  emscripten::function("evaluate", &evaluate);
  emscripten::function("validate", &validate);
  emscripten::function("minimize", &minimize);
  emscripten::function("gpus", &gpus);
  emscripten::function("sensitivity", &sensitivity);
  emscripten::function("sensitivityBegin", &sensitivity_begin);
  emscripten::function("sensitivityStep", &sensitivity_step);
  emscripten::function("defaults", &defaults);
  emscripten::function("schema", &schema);
  emscripten::function("presets", &presets);
  emscripten::function("catalog", &catalog);
}
