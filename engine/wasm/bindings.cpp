// bindings.cpp — the wasm boundary.
//
// Boundary design: only strings cross (and, for the sliced sensitivity job, a sample count). Every function
// takes scenario JSON text and returns envelope JSON text
// ({"ok", "result" | "errors", "warnings"}), exactly what the native CLI computes through the same
// tcoscope::ops functions. No handles, nothing for JavaScript to delete, nothing that can throw: bad input is
// an "ok": false envelope, never an abort.
//
// No JSON Schema: the page's boot data carries it (web/build.mjs takes it from the native CLI, `tcoscope
// schema`), and leaving it out takes 27 KB of code and descriptions out of the module.
//
// The catalog is not compiled in: the page already carries it (its boot data) and hands it over once, with
// loadCatalog, before the first call; in node, node_loader.js loads tcoscope-catalog.json from beside the
// module.
#include <emscripten/bind.h>

#include <string>
#include <vector>

#include "contract/catalog_json.hpp"
#include "ops.hpp"

using tcoscope::Json;

namespace {

// Replace, never throw, on invalid UTF-8: a throw would abort the module.
std::string dump(const Json& j) {
  return j.dump();
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
// Imported prices and the day prices are checked on: the page passes them with each call (they never travel
// in a scenario or a link). `prices` is any price file import_prices reads, usually the "api_models" document
// it returned; empty strings: the catalog's prices, no staleness check.
tcoscope::ops::RunOptions run_options(const std::string& prices, const std::string& today) {
  return {.prices = prices, .today = today};
}
std::string evaluate_with(const std::string& scenario, const std::string& prices, const std::string& today) {
  return dump(tcoscope::ops::envelope(tcoscope::ops::evaluate_with(scenario, run_options(prices, today))));
}
std::string import_prices(const std::string& price_file, const std::string& today) {
  return dump(tcoscope::ops::envelope(tcoscope::ops::import_prices(price_file, run_options("", today))));
}
// `scenarios`: a JSON array of 2 to 4 scenarios (objects, or JSON texts).
std::string compare(const std::string& scenarios, const std::string& prices, const std::string& today) {
  const Json list = tcoscope::Json::parse(scenarios);
  std::vector<std::string> texts;
  if (list.is_array())
    for (const Json& s : list) texts.push_back(s.is_string() ? s.get<std::string>() : dump(s));
  return dump(tcoscope::ops::envelope(tcoscope::ops::compare(texts, run_options(prices, today))));
}
std::string defaults() {
  return dump(tcoscope::ops::defaults());
}
std::string catalog() {
  return dump(tcoscope::ops::catalog());
}
// `text`: the catalog as catalog() returns it (or an array of the catalog files); once, before any other
// call.
std::string load_catalog(const std::string& text) {
  tcoscope::ops::Outcome out;
  for (const std::string& problem : tcoscope::load_catalog(text))
    out.errors.push_back({"(catalog)", problem});
  out.ok = out.errors.empty();
  out.result = Json::object();
  return dump(tcoscope::ops::envelope(out));
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
  emscripten::function("evaluateWith", &evaluate_with);
  emscripten::function("importPrices", &import_prices);
  emscripten::function("compare", &compare);
  emscripten::function("defaults", &defaults);
  emscripten::function("catalog", &catalog);
  emscripten::function("loadCatalog", &load_catalog);
}
