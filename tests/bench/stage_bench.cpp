// stage_bench.cpp — the same timing loops compiled natively and to wasm (run in node), so scripts/bench can
// report wasm/native ratios measured with one method: each stage of a recompute, the full recompute
// (evaluate + breakeven + curves + horizon + explanations), the text-in/JSON-out operation the page calls,
// and "How sure?" (tornado and flip points; the same with 10,000 Monte Carlo samples). Prints one line per
// stage: name, median microseconds over 15 rounds.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "analysis/sensitivity.hpp"
#include "contract/catalog_json.hpp"
#include "contract/result_json.hpp"
#include "model/api_cost.hpp"
#include "model/breakeven.hpp"
#include "model/evaluate.hpp"
#include "model/horizon.hpp"
#include "model/self_host_cost.hpp"
#include "ops.hpp"
#include "report/explain.hpp"

namespace {

using namespace tcoscope;

template <class F>
double median_us(F&& f, int batch) {
  for (int i = 0; i < batch * 3; ++i) f();  // warm-up (and JIT tiering in wasm)
  std::vector<double> rounds;
  for (int r = 0; r < 15; ++r) {
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < batch; ++i) f();
    rounds.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() / batch);
  }
  std::nth_element(rounds.begin(), rounds.begin() + 7, rounds.end());
  return rounds[7];
}

volatile double sink = 0;

void run(const char* label, bool autoscale) {
  Scenario s;
  s.workload.monthly_growth = 0.05;
  s.self_host.cloud.autoscale = autoscale;
  Inputs in = resolve(s, builtin_catalog()).inputs;
  double v = s.workload.tokens_per_month;
  Evaluation e = evaluate(in);
  std::string text =
      std::string(R"({"workload": {"monthly_growth": 0.05}, "self_host": {"cloud": {"autoscale": )") +
      (autoscale ? "true" : "false") + "}}}";
  auto line = [label](const char* stage, double us) { std::printf("%s/%s %.2f\n", stage, label, us); };
  line("costs",
       median_us([&] { sink = sink + api_cost(in, v).usd_per_month + self_host_cost(in, v).usd_per_month; },
                 2000));
  line("breakeven", median_us([&] { sink = sink + find_breakeven(in).api_usd_per_mtok_marginal; }, 50));
  line("curves", median_us([&] { sink = sink + cost_curves(in).api_usd_per_month.back(); }, 100));
  line("horizon", median_us([&] { sink = sink + horizon(in).total_api_usd; }, 200));
  line("explain", median_us([&] { sink = sink + static_cast<double>(explain(e).size()); }, 100));
  line("full_recompute", median_us(
                             [&] {
                               Evaluation x = evaluate(in);
                               sink = sink + x.verdict.margin_usd_per_month +
                                      static_cast<double>(explain(x).size());
                             },
                             30));
  const std::vector<Explanation> lines = explain(e);
  line("result_json",
       median_us([&] { sink = sink + static_cast<double>(to_json(e, lines).dump().size()); }, 30));
  // "How sure?": the tornado and the flip points alone (no samples), and with 10,000 Monte Carlo samples.
  Inputs no_samples = in, samples = in;
  no_samples.scenario.uncertainty.samples = 0;
  samples.scenario.uncertainty.samples = 10000;
  line("sensitivity_tornado_flips",
       median_us([&] { sink = sink + analyze(no_samples, builtin_catalog()).saving_usd_per_month; }, 3));
  line("sensitivity_10k_samples",
       median_us([&] { sink = sink + analyze(samples, builtin_catalog()).monte_carlo.saving.p50; }, 1));
  line("evaluate_text_to_json",
       median_us([&] { sink = sink + static_cast<double>(ops::envelope(ops::evaluate(text)).dump().size()); },
                 20));
}

}  // namespace

int main() {
  run("fixed", false);
  run("autoscale", true);
  return 0;
}
