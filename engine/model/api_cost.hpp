// api_cost.hpp — the per-token API bill (SPEC §4): uncached, cached and output tokens, the batch share
// discounted.
#pragma once

#include "model/inputs.hpp"

namespace tcoscope {

struct ApiCost {
  double input_tokens = 0;
  double cached_input_tokens = 0;  // part of input_tokens
  double output_tokens = 0;
  double input_usd = 0;  // uncached input at list price
  double cached_input_usd = 0;
  double output_usd = 0;
  double batch_savings_usd = 0;  // negative or zero: the batch discount on the batch share
  double other_usd = 0;
  double usd_per_month = 0;
};

// USD per 1M tokens of the workload's mix before fixed costs: the API's marginal price per token.
double api_blended_usd_per_mtok(const Inputs& in);

// `price_factor`: the per-token prices × this factor (a price path's month, model/price_path.hpp); fixed
// API-side costs do not move with it.
ApiCost api_cost(const Inputs& in, double tokens_per_month, double price_factor = 1.0);

}  // namespace tcoscope
