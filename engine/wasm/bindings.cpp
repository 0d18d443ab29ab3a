// bindings.cpp — the wasm boundary.
//
// Boundary design: only strings cross. Every function takes scenario JSON text and returns envelope JSON text
// ({"ok", "result" | "errors", "warnings"}), exactly what the native CLI computes through the same
// llmtco::ops functions. No handles, nothing for JavaScript to delete, nothing that can throw: bad input is an
// "ok": false envelope, never an abort.
#include <string>

#include <emscripten/bind.h>

#include "operations.hpp"

namespace {

std::string evaluate(const std::string& scenario) { return llmtco::ops::envelope(llmtco::ops::evaluate(scenario)).dump(); }
std::string validate(const std::string& scenario) { return llmtco::ops::envelope(llmtco::ops::validate(scenario)).dump(); }
std::string minimize(const std::string& scenario) { return llmtco::ops::envelope(llmtco::ops::minimize(scenario)).dump(); }
std::string defaults() { return llmtco::ops::defaults().dump(); }
std::string presets() { return llmtco::ops::presets().dump(); }
std::string catalog() { return llmtco::ops::catalog().dump(); }

}  // namespace

EMSCRIPTEN_BINDINGS(llmtco) {
  emscripten::function("evaluate", &evaluate);
  emscripten::function("validate", &validate);
  emscripten::function("minimize", &minimize);
  emscripten::function("defaults", &defaults);
  emscripten::function("presets", &presets);
  emscripten::function("catalog", &catalog);
}
