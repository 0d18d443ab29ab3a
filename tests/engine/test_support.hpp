// test_support.hpp — building inputs for tests: a scenario (designated initializers) resolved against the
// built-in catalog, failing the test loudly when it does not resolve.
#pragma once

#include <gtest/gtest.h>

#include <initializer_list>
#include <ostream>
#include <string>
#include <string_view>

#include "contract/catalog_json.hpp"
#include "contract/scenario_json.hpp"
#include "model/inputs.hpp"
#include "model/scenario.hpp"

namespace tcoscope {
// Enums print as their JSON names in test failures.
template <class E>
requires requires {
  EnumTable<E>::values;
}
std::ostream& operator<<(std::ostream& os, E e) {
  return os << name(e);
}
}  // namespace tcoscope

namespace tcoscope::test {

// Every JSON name of an enum, in order.
template <class E>
std::vector<std::string> names_of() {
  std::vector<std::string> out;
  for (E e : all_of<E>()) out.emplace_back(name(e));
  return out;
}

// Every problem, one per line, for failure messages.
inline std::string all(const Problems& ps) {
  std::string s;
  for (const Problem& p : ps) s += "\n  " + to_string(p);
  return s.empty() ? " (none)" : s;
}

// The problems without the note that a default-sized fleet was sized on the model rather than on a catalog
// measurement that may not size one (issue 12): tests about other warnings ignore it.
inline Problems other_than_sizing(const Problems& ps) {
  Problems out;
  for (const Problem& p : ps)
    if (p.code != "sized_on_model") out.push_back(p);
  return out;
}

inline const Problem* find(const Problems& ps, std::string_view path) {
  for (const Problem& p : ps)
    if (p.path == path) return &p;
  return nullptr;
}

// The problem at `path` exists and its message contains every fragment (what was given, what is accepted).
inline ::testing::AssertionResult has_problem(const Problems& ps, std::string_view path,
                                              std::initializer_list<std::string_view> fragments) {
  const Problem* p = find(ps, path);
  if (!p) return ::testing::AssertionFailure() << "no problem at \"" << path << "\"; problems:" << all(ps);
  for (std::string_view f : fragments)
    if (p->message.find(f) == std::string::npos)
      return ::testing::AssertionFailure()
             << "message at " << path << " lacks \"" << f << "\": " << p->message;
  return ::testing::AssertionSuccess();
}

inline Inputs resolved(const Scenario& s) {
  ResolvedInputs r = resolve(s, builtin_catalog());
  for (const Problem& p : r.errors) ADD_FAILURE() << to_string(p);
  return r.inputs;
}

inline Inputs resolved_json(const std::string& text) {
  ParsedScenario p = parse_scenario_text(text);
  for (const Problem& e : p.errors) ADD_FAILURE() << to_string(e);
  return resolved(p.scenario);
}

// A self-hosting setup with no fixed costs: one GPU at `usd_per_gpu_hour`, `tps` tokens/s, flat load, run
// to 100 % — the article's "GPU rate / throughput" arithmetic.
inline Scenario bare_gpu(double usd_per_gpu_hour, double tps) {
  Scenario s;
  s.workload.load_profile.preset = LoadPreset::flat;
  s.self_host.gpu = "custom";
  s.self_host.model = "custom";
  s.self_host.throughput.tokens_per_second_per_replica = tps;
  s.self_host.cloud.usd_per_gpu_hour = usd_per_gpu_hour;
  s.self_host.target_peak_utilization = 1.0;
  s.operations = Operations{.engineering = {.fte = 0},
                            .model_refreshes_per_year = 0,
                            .observability_usd_per_month = 0,
                            .observability_setup_usd = 0,
                            .one_time_usd = 0};
  return s;
}

}  // namespace tcoscope::test
