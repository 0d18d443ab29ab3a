// api_cost.cpp
#include "model/api_cost.hpp"

#include "model/units.hpp"

namespace tcoscope {

double api_blended_usd_per_mtok(const Inputs& in) {
  const Workload& w = in.scenario.workload;
  double list = w.input_share * ((1 - w.cached_input_share) * in.api_usd_per_mtok_input +
                                 w.cached_input_share * in.api_usd_per_mtok_cached_input) +
                (1 - w.input_share) * in.api_usd_per_mtok_output;
  return list * (1 - w.batch_share * in.api_batch_discount);
}

ApiCost api_cost(const Inputs& in, double tokens_per_month, double price_factor) {
  const Workload& w = in.scenario.workload;
  ApiCost c;
  c.input_tokens = tokens_per_month * w.input_share;
  c.cached_input_tokens = c.input_tokens * w.cached_input_share;
  c.output_tokens = tokens_per_month - c.input_tokens;
  // × 1 leaves each price bit-identical: without a price path nothing changes.
  c.input_usd =
      (c.input_tokens - c.cached_input_tokens) / kTokensPerMtok * (in.api_usd_per_mtok_input * price_factor);
  c.cached_input_usd =
      c.cached_input_tokens / kTokensPerMtok * (in.api_usd_per_mtok_cached_input * price_factor);
  c.output_usd = c.output_tokens / kTokensPerMtok * (in.api_usd_per_mtok_output * price_factor);
  double list = c.input_usd + c.cached_input_usd + c.output_usd;
  c.batch_savings_usd = 0.0 - list * w.batch_share * in.api_batch_discount;  // +0, not -0, when no discount
  c.other_usd = in.scenario.api.other_usd_per_month;
  c.usd_per_month = list + c.batch_savings_usd + c.other_usd;
  return c;
}

}  // namespace tcoscope
