// params.js — how the page presents each input, keyed by its JSON pointer into the scenario. Presentation only:
// ranges, choices and their labels, defaults and which numbers the catalog fills in come from the engine's
// schema (schema.js formFields merges the two; a row whose key the schema lacks is an error, and
// tests/browser/schema.spec.mjs fails on it and on a schema key with no row).
//
// A row is [path, label, unit, help, options]. options: kind (number | tokens | select | radio | toggle | profile;
// number by default), scale (shown value = scenario value × scale, e.g. 100 for a share shown in %), slider (draw
// a slider over the schema's range) with its step, money (cents in the box), choices (a catalog list by name, or a
// subset or order of the schema's enum values where the page deliberately shows fewer), when (shown only if
// another key has a given value), advanced (kept in the group's "Advanced" disclosure).
import { hourOfWeek, HOURS_PER_WEEK } from './format.js';

const RENT = { '/self_host/deployment': 'cloud' };
const BUY = { '/self_host/deployment': 'on_prem' };
const FTE = { '/operations/engineering/mode': 'fte' };
const MEASURED = { '/self_host/throughput/source': 'measured' };

export const GROUPS = [
  {
    id: 'workload',
    title: 'Workload',
    rows: [
      [
        '/workload/tokens_per_month',
        'Tokens per month',
        'tokens',
        'Input + output tokens a month. Type 2B, 500M or 1.5T.',
        { kind: 'tokens', step: 0.01 },
      ],
      [
        '/workload/input_share',
        'Input share',
        '% of tokens',
        'Prompt tokens as a share of all tokens.',
        { scale: 100, slider: true, step: 1 },
      ],
      [
        '/workload/cached_input_share',
        'Cached input',
        '% of input',
        'Input tokens that hit the API’s prompt cache.',
        { scale: 100, slider: true, step: 1 },
      ],
      [
        '/workload/batch_share',
        'Batch-eligible',
        '% of traffic',
        'Traffic that can wait for a batch API at its discount.',
        { scale: 100, slider: true, step: 1 },
      ],
      ['/workload/monthly_growth', 'Growth', '% a month', 'Volume growth per month over the horizon.', { scale: 100 }],
      [
        '/workload/load_profile',
        'Load profile',
        '',
        `When in the week the tokens arrive (${HOURS_PER_WEEK} hourly weights, ${hourOfWeek(0)} first).`,
        { kind: 'profile' },
      ],
      ['/horizon_months', 'Horizon', 'months', 'Months over which totals, payback and the verdict are computed.'],
    ],
  },
  {
    id: 'api',
    title: 'API',
    rows: [
      [
        '/api/model',
        'API model',
        '',
        'The per-token API you would otherwise pay.',
        { kind: 'select', choices: 'api_models' },
      ],
      ['/api/usd_per_mtok_input', 'Input price', '$ / 1M tokens', '', { money: true }],
      ['/api/usd_per_mtok_cached_input', 'Cached input price', '$ / 1M tokens', '', { money: true }],
      ['/api/usd_per_mtok_output', 'Output price', '$ / 1M tokens', '', { money: true }],
      ['/api/batch_discount', 'Batch discount', '% off', '', { scale: 100 }],
      [
        '/api/other_usd_per_month',
        'Other API costs',
        '$ / month',
        'Gateway, support plan and other fixed API-side costs.',
      ],
      [
        '/api/price_change_per_year',
        'API price change',
        '% a year',
        'Over the horizon, compounded monthly: month m pays (1 + change)^(m/12) of today’s per-token prices. ' +
          'For reference: GPT-4o went from $5 / $15 to $2.50 / $10 per 1M tokens within three months (2024); ' +
          'the price of a fixed quality level fell 9×–900× a year (Epoch AI, 2025), mostly by moving to newer models.',
        { scale: 100 },
      ],
    ],
  },
  {
    id: 'self_host',
    title: 'Self-hosting',
    advanced: 'Advanced: throughput model efficiencies, spot capacity, price paths',
    rows: [
      [
        '/self_host/model',
        'Open model',
        '',
        'The open-weight model you would serve.',
        { kind: 'select', choices: 'models' },
      ],
      ['/self_host/gpu', 'GPU', '', '', { kind: 'select', choices: 'gpus' }],
      [
        '/self_host/gpus_per_replica',
        'GPUs per replica',
        'GPUs',
        'GPUs that serve one copy of the model (tensor parallelism).',
      ],
      [
        '/self_host/throughput/source',
        'Throughput from',
        '',
        'Measurement: your figure, else the catalog’s benchmark, else the model. Model: always the roofline model.',
        { kind: 'radio' },
      ],
      [
        '/self_host/throughput/tokens_per_second_per_replica',
        'Throughput',
        'tokens/s per replica',
        'Input + output tokens per second one replica serves under real load. Replace with your measurement.',
        { when: MEASURED },
      ],
      [
        '/self_host/throughput/precision',
        'Weight precision',
        '',
        'Bytes per weight: BF16 and FP16 2, FP8 and INT8 1, INT4 and FP4 about ½ (NVFP4 4.5 bits, MXFP4 4.25). ' +
          'Lower precision fits bigger models and decodes faster; FP4 computes at twice FP8 only on GPUs with FP4 ' +
          'tensor cores (Blackwell, MI355X).',
        { kind: 'select' },
      ],
      [
        '/self_host/throughput/kv_precision',
        'KV-cache precision',
        '',
        'FP8 halves the cache each sequence holds, so about twice as many fit.',
        { kind: 'select' },
      ],
      [
        '/self_host/throughput/input_tokens_per_request',
        'Input per request',
        'tokens',
        'Prompt length: sets the prefill time and, with the output, each sequence’s KV cache.',
      ],
      [
        '/self_host/throughput/output_tokens_per_request',
        'Output per request',
        'tokens',
        'Tokens generated per request.',
      ],
      [
        '/self_host/throughput/engine',
        'Serving engine',
        '',
        'Its profile sets the efficiency factors and the batch cap you leave empty: vLLM, SGLang and TensorRT-LLM ' +
          'from published comparisons, llama.cpp from batch-1 measurements.',
        { kind: 'select', advanced: true },
      ],
      [
        '/self_host/throughput/mbu',
        'Memory-bandwidth utilization',
        '% (MBU)',
        'Share of the GPU’s memory bandwidth decode reaches. Empty: the serving engine’s (TensorRT-LLM 70%, ' +
          'vLLM 54%, llama.cpp 87% on consumer cards).',
        { scale: 100, advanced: true },
      ],
      [
        '/self_host/throughput/mfu',
        'Compute utilization, decode',
        '% (MFU)',
        'Share of peak dense FLOPS the decode matrix multiplies reach at large batches.',
        { scale: 100, advanced: true },
      ],
      [
        '/self_host/throughput/mfu_prefill',
        'Compute utilization, prefill',
        '% (MFU)',
        'Share of peak dense FLOPS reached while reading the prompt.',
        { scale: 100, advanced: true },
      ],
      [
        '/self_host/throughput/tp_efficiency',
        'Tensor-parallel efficiency',
        '%',
        'With several GPUs per replica, bandwidth and FLOPS grow by GPUs × this share for each doubling ' +
          '(TP2 × η, TP4 × η², TP8 × η³; the rest is communication).',
        { scale: 100, advanced: true },
      ],
      [
        '/self_host/throughput/moe_multi_gpu_factor',
        'Mixture-of-experts factor',
        '% of the roofline',
        'A mixture-of-experts model spread over 2–8 GPUs of one node loses time to all-to-all traffic: ' +
          "NVIDIA's TensorRT-LLM runs of Qwen3-235B on 8 GPUs reach about 70% of the roofline.",
        { scale: 100, advanced: true },
      ],
      [
        '/self_host/throughput/moe_multi_node_factor',
        'Mixture-of-experts factor across nodes',
        '% of the roofline',
        'Over more than 8 GPUs the all-to-all crosses the network: DeepSeek-V3 on 72 H100s runs at about ' +
          '30–40% of its roofline.',
        { scale: 100, advanced: true },
      ],
      [
        '/self_host/throughput/prefix_cache_hit_rate',
        'Prefix-cache hit rate',
        '% of prompt tokens',
        'Share of prompt tokens the server already holds in its prefix cache (vLLM automatic prefix caching, ' +
          'SGLang RadixAttention): their prefill is skipped, so a replica serves more. Empty: the cached-input ' +
          'share the API bills; 0: off.',
        { scale: 100, advanced: true },
      ],
      [
        '/self_host/throughput/measurement_includes_prefix_cache',
        'The measurement already includes prefix caching',
        '',
        "Off: the figure was measured without cache hits (as the catalog's benchmark rows were), so the " +
          "model's gain from the hit rate is applied to it. On: it was measured on your own traffic with caching.",
        { kind: 'toggle', when: MEASURED, advanced: true },
      ],
      [
        '/self_host/throughput/gpu_memory_utilization',
        'Usable GPU memory',
        '% of VRAM',
        'Share of each GPU’s memory the serving engine takes (vLLM gpu_memory_utilization).',
        { scale: 100, advanced: true },
      ],
      [
        '/self_host/throughput/runtime_overhead_gb',
        'Runtime overhead',
        'GB per GPU',
        'CUDA context, graphs and activations: 1–3 GB.',
        { advanced: true },
      ],
      [
        '/self_host/throughput/max_batch',
        'Batch cap',
        'sequences',
        'Most sequences the serving engine runs at once (vLLM max_num_seqs). Empty: the serving engine’s.',
        { advanced: true },
      ],
      [
        '/self_host/target_peak_utilization',
        'Target peak load',
        '% of capacity',
        'Headroom: replicas are added so that no hour runs above this load.',
        { scale: 100, slider: true, step: 1 },
      ],
      ['/self_host/min_replicas', 'Minimum replicas', 'replicas', ''],
      ['/self_host/spare_replicas', 'Spare replicas', 'replicas', 'Redundancy on top of the peak.'],
      ['/self_host/deployment', 'Rent or buy', '', '', { kind: 'radio' }],
      [
        '/self_host/cloud/provider',
        'Provider',
        '',
        'Rental rates listed for this GPU.',
        { kind: 'select', choices: 'providers', when: RENT },
      ],
      ['/self_host/cloud/usd_per_gpu_hour', 'GPU rental', '$ / GPU-hour', '', { when: RENT, money: true }],
      [
        '/self_host/cloud/commitment_discount',
        'Commitment discount',
        '% off the rate',
        'Reserved or committed-use pricing: typically 30–60% off on-demand; spot is 40–80% off but can be taken away.',
        { scale: 100, when: RENT, advanced: true },
      ],
      [
        '/self_host/cloud/rate_change_per_year',
        'Rental rate change',
        '% a year',
        'Over the horizon, compounded monthly. For reference: H100 rental fell from about $8/h (2023) to $1.70/h ' +
          '(October 2025), about −50% a year, then rose 40% by March 2026 (SemiAnalysis).',
        { scale: 100, when: RENT, advanced: true },
      ],
      [
        '/self_host/cloud/spot',
        'Spot capacity',
        '',
        'Preemptible GPUs: cheaper, but can be taken away.',
        { kind: 'select', when: RENT, advanced: true },
      ],
      [
        '/self_host/cloud/spot_usd_per_gpu_hour',
        'Spot rate',
        '$ / GPU-hour',
        'Empty: the provider’s spot row, else on-demand less the spot discount.',
        { when: RENT, money: true, advanced: true },
      ],
      [
        '/self_host/cloud/spot_discount',
        'Spot discount',
        '% off on-demand',
        'Used when no spot rate is listed: spot is 40–80% below on-demand.',
        { scale: 100, when: RENT, advanced: true },
      ],
      [
        '/self_host/cloud/spot_spare_share',
        'Spot spares',
        '% more replicas',
        'Extra replicas held so service continues while reclaimed ones are replaced (AWS: H100 spot instances ' +
          'are in the 15–20% a month interruption band).',
        { scale: 100, when: RENT, advanced: true },
      ],
      [
        '/self_host/cloud/spot_restart_loss_share',
        'Spot restart loss',
        '% of capacity',
        'Capacity lost while interrupted replicas restart.',
        { scale: 100, when: RENT, advanced: true },
      ],
      [
        '/self_host/cloud/autoscale',
        'Autoscale hour by hour',
        '',
        'Bill only the replicas each hour needs, instead of a fixed fleet sized for the peak.',
        { kind: 'toggle', when: RENT },
      ],
      [
        '/self_host/cloud/other_usd_per_month',
        'Other cloud costs',
        '$ / month',
        'Storage, egress, load balancer.',
        { when: RENT },
      ],
      ['/self_host/on_prem/usd_per_gpu', 'Purchase price', '$ / GPU', '', { when: BUY }],
      [
        '/self_host/on_prem/host_usd_per_gpu',
        'Server share',
        '$ / GPU',
        'CPUs, RAM, NICs and chassis: an 8-GPU server’s other parts / 8.',
        { when: BUY },
      ],
      ['/self_host/on_prem/amortization_months', 'Amortization', 'months', '', { when: BUY }],
      [
        '/self_host/on_prem/residual_value_share',
        'Residual value',
        '% of price',
        'Resale value at the end of amortization.',
        { scale: 100, when: BUY },
      ],
      ['/self_host/on_prem/cost_of_capital_per_year', 'Cost of capital', '% a year', '', { scale: 100, when: BUY }],
      [
        '/self_host/on_prem/price_change_per_year',
        'Purchase price change',
        '% a year',
        'Over the horizon, compounded monthly: GPUs bought later pay their month’s price, and resale follows the ' +
          'new price. For reference: the H100 held about $25–40k new since launch; used ones trade at $22–25k.',
        { scale: 100, when: BUY, advanced: true },
      ],
      [
        '/self_host/on_prem/watts_per_gpu',
        'Power',
        'W per GPU',
        'Full draw per GPU including its share of the host.',
        { when: BUY },
      ],
      ['/self_host/on_prem/idle_power_share', 'Idle power', '% of full draw', '', { scale: 100, when: BUY }],
      ['/self_host/on_prem/pue', 'PUE', '×', 'Facility power per unit of IT power.', { when: BUY }],
      ['/self_host/on_prem/usd_per_kwh', 'Electricity', '$ / kWh', '', { when: BUY, money: true }],
      [
        '/self_host/on_prem/colo_usd_per_kw_month',
        'Colocation',
        '$ / kW-month',
        'Rack space priced per provisioned kW.',
        { when: BUY },
      ],
      [
        '/self_host/on_prem/rack_usd_per_month',
        'Flat rack cost',
        '$ / month',
        'Optional: replaces the colocation formula.',
        { when: BUY },
      ],
    ],
  },
  {
    id: 'operations',
    title: 'Operations',
    rows: [
      ['/operations/engineering/mode', 'Engineering priced as', '', '', { kind: 'radio' }],
      ['/operations/engineering/fte', 'Engineers', 'FTE', 'Share of engineers’ time on the stack.', { when: FTE }],
      ['/operations/engineering/usd_per_fte_year', 'Cost per engineer', '$ / year', 'Fully loaded.', { when: FTE }],
      [
        '/operations/engineering/overhead_multiplier',
        'Overhead multiplier',
        '× raw GPU cost',
        'All-in engineering, monitoring and incident response as a multiple of GPU cost (3–5× is typical).',
        { when: { '/operations/engineering/mode': 'multiplier' } },
      ],
      ['/operations/model_refreshes_per_year', 'Model refreshes', 'a year', ''],
      ['/operations/usd_per_model_refresh', 'Cost per refresh', '$', 'Engineering per model update.'],
      [
        '/operations/observability_usd_per_month',
        'Observability',
        '$ / month',
        'Metrics, latency histograms, dashboards.',
      ],
      ['/operations/observability_setup_usd', 'Observability setup', '$ one-off', ''],
      [
        '/operations/one_time_usd',
        'One-off work',
        '$',
        'Migration, load testing, fallbacks: paid up front, spread over the horizon monthly.',
      ],
    ],
  },
  {
    id: 'constraints',
    title: 'Constraints',
    rows: [
      [
        '/constraints/compliance',
        'Compliance',
        '',
        'Data-handling rules that make self-hosting mandatory.',
        { kind: 'select' },
      ],
      [
        '/constraints/p99_latency_ms',
        'p99 latency target',
        'ms per output token',
        'Time between generated tokens: the batch is capped so each token arrives within it. 0 means no target.',
      ],
      [
        '/constraints/p99_ttft_ms',
        'p99 time to first token',
        'ms',
        'Wait before the first token: prefill plus one decode step. Caps the batch too. 0 means no target.',
      ],
      ['/constraints/has_mlops_team', 'We already have an MLOps team', '', '', { kind: 'toggle' }],
      [
        '/constraints/allow_api_overflow',
        'Overflow to the API is allowed',
        '',
        'With compliance rules: the hybrid may send what its self-hosted floor cannot serve to the API.',
        { kind: 'toggle' },
      ],
    ],
  },
];

/** The rows as objects, in table order. */
export const PARAMS = GROUPS.flatMap((g) =>
  g.rows.map(([path, label, unit, help, o = {}]) => ({
    group: g.id,
    path,
    label,
    unit,
    help,
    kind: 'number',
    scale: 1,
    ...o,
  })),
);

/**
 * Schema keys the form deliberately has no row for, each with the reason. Every other schema key must have one
 * (tests/browser/schema.spec.mjs).
 */
/** The reason of the keys the How sure section edits (a browser test finds each there by its data-path). */
export const HOW_SURE = 'edited in the How sure section';

export const NOT_IN_FORM = {
  '/$schema': 'an editor hint in scenario files (which JSON Schema checks them); it means nothing to the model',
  '/schema_version': 'the scenario format version: written by the engine, never a person’s choice',
  '/prices_stale_after_months':
    'the staleness threshold of the prices’ dates: edited beside the prices and their as-of dates (issue 14, page side)',
  '/name': 'comes with a preset, a link or a file, and is shown as the scenario’s name above the results',
  '/description': 'comes with a preset, a link or a file, and is shown under “About this scenario”',
  '/workload/load_profile/preset': 'the picker of the load-profile control (the /workload/load_profile row)',
  '/workload/load_profile/hourly_weights': 'the custom weights box of the load-profile control (same row)',
  // "How sure?" settings: edited in that section (howsure.js), which marks each with its data-path.
  '/uncertainty/enabled': HOW_SURE,
  '/uncertainty/default_ranges': HOW_SURE,
  '/uncertainty/samples': HOW_SURE,
  '/uncertainty/seed': HOW_SURE,
  '/uncertainty/ranges': `${HOW_SURE}: one row per range, keyed by the input's JSON pointer`,
};
