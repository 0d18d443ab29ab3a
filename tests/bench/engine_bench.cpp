// engine_bench.cpp — evaluate, breakeven and a full recompute (evaluate + breakeven + 201-point curves +
// horizon + explanations + result JSON), on the default scenario and on an autoscaled one.
#include <benchmark/benchmark.h>

#include "contract/catalog_json.hpp"
#include "contract/result_json.hpp"
#include "model/api_cost.hpp"
#include "model/breakeven.hpp"
#include "model/evaluate.hpp"
#include "model/horizon.hpp"
#include "model/self_host_cost.hpp"
#include "ops.hpp"

namespace {

using namespace tcoscope;

Inputs inputs_for(bool autoscale) {
  Scenario s;
  s.self_host.cloud.autoscale = autoscale;
  s.workload.monthly_growth = 0.05;
  return resolve(s, builtin_catalog()).inputs;
}

void BM_evaluate_costs(benchmark::State& state) {
  Inputs in = inputs_for(state.range(0) != 0);
  for (auto _ : state) {
    benchmark::DoNotOptimize(api_cost(in, in.scenario.workload.tokens_per_month));
    benchmark::DoNotOptimize(self_host_cost(in, in.scenario.workload.tokens_per_month));
  }
}
BENCHMARK(BM_evaluate_costs)->Arg(0)->Arg(1)->ArgName("autoscale");

void BM_breakeven(benchmark::State& state) {
  Inputs in = inputs_for(state.range(0) != 0);
  for (auto _ : state) benchmark::DoNotOptimize(find_breakeven(in));
}
BENCHMARK(BM_breakeven)->Arg(0)->Arg(1)->ArgName("autoscale");

void BM_full_recompute(benchmark::State& state) {
  Inputs in = inputs_for(state.range(0) != 0);
  for (auto _ : state) benchmark::DoNotOptimize(to_json(evaluate(in)));
}
BENCHMARK(BM_full_recompute)->Arg(0)->Arg(1)->ArgName("autoscale");

void BM_full_recompute_from_text(benchmark::State& state) {
  std::string text = R"({"self_host": {"cloud": {"autoscale": )" +
                     std::string(state.range(0) ? "true" : "false") +
                     R"(}}, "workload": {"monthly_growth": 0.05}})";
  for (auto _ : state) benchmark::DoNotOptimize(ops::envelope(ops::evaluate(text)).dump());
}
BENCHMARK(BM_full_recompute_from_text)->Arg(0)->Arg(1)->ArgName("autoscale");

void BM_validate_from_text(benchmark::State& state) {
  std::string text = R"({"self_host": {"cloud": {"autoscale": )" +
                     std::string(state.range(0) ? "true" : "false") +
                     R"(}}, "workload": {"monthly_growth": 0.05}})";
  for (auto _ : state) benchmark::DoNotOptimize(ops::envelope(ops::validate(text)).dump());
}
BENCHMARK(BM_validate_from_text)->Arg(0)->Arg(1)->ArgName("autoscale");

}  // namespace

BENCHMARK_MAIN();
