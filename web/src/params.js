// params.js — the parameter table: every input of the page, keyed by its JSON pointer into the scenario.
//
// A row is [path, label, unit, min, max, step, help, options]. min/max/step are the slider and keyboard hints
// (the engine does the validating); options: scale (shown value = scenario value × scale, e.g. 100 for a share
// shown in %), slider, int, catalog (an empty box means "the catalog's value", shown as placeholder), kind
// (tokens | select | radio | toggle | profile), choices, when (shown only if another key has a given value),
// advanced (kept in the group's "Advanced" disclosure).
// A row whose key the engine's defaults() do not have (an older or newer engine) is left out of the form.

const RENT = { '/self_host/deployment': 'cloud' };
const BUY = { '/self_host/deployment': 'on_prem' };
const FTE = { '/operations/engineering/mode': 'fte' };
const MEASURED = { '/self_host/throughput/source': 'measured' };
const PRECISIONS = [['bf16', 'BF16'], ['fp16', 'FP16'], ['fp8', 'FP8'], ['int8', 'INT8'], ['int4', 'INT4']];
export const PRECISION_LABELS = Object.fromEntries(PRECISIONS);

export const GROUPS = [
  {
    id: 'workload', title: 'Workload', rows: [
      ['/workload/tokens_per_month', 'Tokens per month', 'tokens', 1e6, 1e14, 0.01,
        'Input + output tokens a month. Type 2B, 500M or 1.5T.', { kind: 'tokens' }],
      ['/workload/input_share', 'Input share', '% of tokens', 0, 100, 1,
        'Prompt tokens as a share of all tokens.', { scale: 100, slider: true }],
      ['/workload/cached_input_share', 'Cached input', '% of input', 0, 100, 1,
        'Input tokens that hit the API’s prompt cache.', { scale: 100, slider: true }],
      ['/workload/batch_share', 'Batch-eligible', '% of traffic', 0, 100, 1,
        'Traffic that can wait for a batch API at its discount.', { scale: 100, slider: true }],
      ['/workload/monthly_growth', 'Growth', '% a month', -50, 100, 0.5,
        'Volume growth per month over the horizon.', { scale: 100 }],
      ['/workload/load_profile', 'Load profile', '', null, null, null,
        'When in the week the tokens arrive (168 hourly weights, Monday 00:00 first).', { kind: 'profile' }],
      ['/horizon_months', 'Horizon', 'months', 1, 120, 1,
        'Months over which totals, payback and the verdict are computed.', { int: true }],
    ],
  },
  {
    id: 'api', title: 'API', rows: [
      ['/api/model', 'API model', '', null, null, null, 'The per-token API you would otherwise pay.',
        { kind: 'select', choices: 'api_models' }],
      ['/api/usd_per_mtok_input', 'Input price', '$ / 1M tokens', 0, 1000, 0.01, '', { catalog: true, money: true }],
      ['/api/usd_per_mtok_cached_input', 'Cached input price', '$ / 1M tokens', 0, 1000, 0.01, '',
        { catalog: true, money: true }],
      ['/api/usd_per_mtok_output', 'Output price', '$ / 1M tokens', 0, 1000, 0.01, '', { catalog: true, money: true }],
      ['/api/batch_discount', 'Batch discount', '% off', 0, 95, 1, '', { catalog: true, scale: 100 }],
      ['/api/other_usd_per_month', 'Other API costs', '$ / month', 0, 1e8, 100,
        'Gateway, support plan and other fixed API-side costs.'],
    ],
  },
  {
    id: 'self_host', title: 'Self-hosting', advanced: 'Advanced: throughput model efficiencies', rows: [
      ['/self_host/model', 'Open model', '', null, null, null, 'The open-weight model you would serve.',
        { kind: 'select', choices: 'models' }],
      ['/self_host/gpu', 'GPU', '', null, null, null, '', { kind: 'select', choices: 'gpus' }],
      ['/self_host/gpus_per_replica', 'GPUs per replica', 'GPUs', 1, 64, 1,
        'GPUs that serve one copy of the model (tensor parallelism).', { int: true }],
      ['/self_host/throughput/source', 'Throughput from', '', null, null, null,
        'Measurement: your figure, else the catalog’s benchmark, else the model. Model: always the roofline model.',
        { kind: 'radio', choices: [['measured', 'Measurement'], ['modeled', 'Model']] }],
      ['/self_host/throughput/tokens_per_second_per_replica', 'Throughput', 'tokens/s per replica', 1, 1e7, 100,
        'Input + output tokens per second one replica serves under real load. Replace with your measurement.',
        { catalog: true, when: MEASURED }],
      ['/self_host/throughput/precision', 'Weight precision', '', null, null, null,
        'Bytes per weight: BF16 and FP16 2, FP8 and INT8 1, INT4 ½. Lower precision fits bigger models and ' +
        'decodes faster.', { kind: 'select', choices: PRECISIONS }],
      ['/self_host/throughput/kv_precision', 'KV-cache precision', '', null, null, null,
        'FP8 halves the cache each sequence holds, so about twice as many fit.',
        { kind: 'select', choices: PRECISIONS.filter(([v]) => !v.startsWith('int')) }],
      ['/self_host/throughput/input_tokens_per_request', 'Input per request', 'tokens', 1, 1e7, 100,
        'Prompt length: sets the prefill time and, with the output, each sequence’s KV cache.'],
      ['/self_host/throughput/output_tokens_per_request', 'Output per request', 'tokens', 1, 1e6, 10,
        'Tokens generated per request.'],
      ['/self_host/throughput/mbu', 'Memory-bandwidth utilization', '% (MBU)', 1, 100, 1,
        'Share of the GPU’s memory bandwidth decode reaches: about 70% for vLLM, SGLang and TensorRT-LLM; ' +
        '50–87% for llama.cpp at batch 1.', { scale: 100, advanced: true }],
      ['/self_host/throughput/mfu', 'Compute utilization, decode', '% (MFU)', 1, 100, 1,
        'Share of peak dense FLOPS the decode matrix multiplies reach at large batches.',
        { scale: 100, advanced: true }],
      ['/self_host/throughput/mfu_prefill', 'Compute utilization, prefill', '% (MFU)', 1, 100, 1,
        'Share of peak dense FLOPS reached while reading the prompt.', { scale: 100, advanced: true }],
      ['/self_host/throughput/tp_efficiency', 'Tensor-parallel efficiency', '%', 1, 100, 1,
        'With several GPUs per replica, bandwidth and FLOPS grow by GPUs × this share (the rest is ' +
        'communication).', { scale: 100, advanced: true }],
      ['/self_host/throughput/gpu_memory_utilization', 'Usable GPU memory', '% of VRAM', 1, 100, 1,
        'Share of each GPU’s memory the serving engine takes (vLLM gpu_memory_utilization).',
        { scale: 100, advanced: true }],
      ['/self_host/throughput/runtime_overhead_gb', 'Runtime overhead', 'GB per GPU', 0, 1000, 0.5,
        'CUDA context, graphs and activations: 1–3 GB.', { advanced: true }],
      ['/self_host/throughput/max_batch', 'Batch cap', 'sequences', 1, 1e6, 1,
        'Most sequences the serving engine runs at once (vLLM max_num_seqs).', { int: true, advanced: true }],
      ['/self_host/target_peak_utilization', 'Target peak load', '% of capacity', 5, 100, 1,
        'Headroom: replicas are added so that no hour runs above this load.', { scale: 100, slider: true }],
      ['/self_host/min_replicas', 'Minimum replicas', 'replicas', 0, 100, 1, '', { int: true }],
      ['/self_host/spare_replicas', 'Spare replicas', 'replicas', 0, 100, 1, 'Redundancy on top of the peak.',
        { int: true }],
      ['/self_host/deployment', 'Rent or buy', '', null, null, null, '',
        { kind: 'radio', choices: [['cloud', 'Rent GPUs'], ['on_prem', 'Buy GPUs']] }],
      ['/self_host/cloud/provider', 'Provider', '', null, null, null, 'Rental rates listed for this GPU.',
        { kind: 'select', choices: 'providers', when: RENT }],
      ['/self_host/cloud/usd_per_gpu_hour', 'GPU rental', '$ / GPU-hour', 0, 1000, 0.01, '',
        { catalog: true, when: RENT, money: true }],
      ['/self_host/cloud/commitment_discount', 'Commitment discount', '% off the rate', 0, 90, 1,
        'Reserved or committed-use pricing: typically 30–60% off on-demand; spot is 40–80% off but can be taken away.',
        { scale: 100, when: RENT, advanced: true }],
      ['/self_host/cloud/autoscale', 'Autoscale hour by hour', '', null, null, null,
        'Bill only the replicas each hour needs, instead of a fixed fleet sized for the peak.',
        { kind: 'toggle', when: RENT }],
      ['/self_host/cloud/other_usd_per_month', 'Other cloud costs', '$ / month', 0, 1e8, 100,
        'Storage, egress, load balancer.', { when: RENT }],
      ['/self_host/on_prem/usd_per_gpu', 'Purchase price', '$ / GPU', 0, 1e7, 100, '', { catalog: true, when: BUY }],
      ['/self_host/on_prem/host_usd_per_gpu', 'Server share', '$ / GPU', 0, 1e7, 100,
        'CPUs, RAM, NICs and chassis: an 8-GPU server’s other parts / 8.', { when: BUY }],
      ['/self_host/on_prem/amortization_months', 'Amortization', 'months', 1, 120, 1, '', { int: true, when: BUY }],
      ['/self_host/on_prem/residual_value_share', 'Residual value', '% of price', 0, 95, 1,
        'Resale value at the end of amortization.', { scale: 100, when: BUY }],
      ['/self_host/on_prem/cost_of_capital_per_year', 'Cost of capital', '% a year', 0, 100, 0.5, '',
        { scale: 100, when: BUY }],
      ['/self_host/on_prem/watts_per_gpu', 'Power', 'W per GPU', 1, 20000, 10,
        'Full draw per GPU including its share of the host.', { catalog: true, when: BUY }],
      ['/self_host/on_prem/idle_power_share', 'Idle power', '% of full draw', 0, 100, 1, '', { scale: 100, when: BUY }],
      ['/self_host/on_prem/pue', 'PUE', '×', 1, 3, 0.01, 'Facility power per unit of IT power.', { when: BUY }],
      ['/self_host/on_prem/usd_per_kwh', 'Electricity', '$ / kWh', 0, 5, 0.01, '', { when: BUY, money: true }],
      ['/self_host/on_prem/colo_usd_per_kw_month', 'Colocation', '$ / kW-month', 0, 10000, 1,
        'Rack space priced per provisioned kW.', { when: BUY }],
      ['/self_host/on_prem/rack_usd_per_month', 'Flat rack cost', '$ / month', 0, 1e8, 100,
        'Optional: replaces the colocation formula.', { catalog: true, when: BUY }],
    ],
  },
  {
    id: 'operations', title: 'Operations', rows: [
      ['/operations/engineering/mode', 'Engineering priced as', '', null, null, null, '',
        { kind: 'radio', choices: [['fte', 'Engineers (FTE)'], ['multiplier', 'Overhead ×']] }],
      ['/operations/engineering/fte', 'Engineers', 'FTE', 0, 1000, 0.05, 'Share of engineers’ time on the stack.',
        { when: FTE }],
      ['/operations/engineering/usd_per_fte_year', 'Cost per engineer', '$ / year', 0, 1e7, 1000,
        'Fully loaded.', { when: FTE }],
      ['/operations/engineering/overhead_multiplier', 'Overhead multiplier', '× raw GPU cost', 1, 20, 0.1,
        'All-in engineering, monitoring and incident response as a multiple of GPU cost (3–5× is typical).',
        { when: { '/operations/engineering/mode': 'multiplier' } }],
      ['/operations/model_refreshes_per_year', 'Model refreshes', 'a year', 0, 365, 1, ''],
      ['/operations/usd_per_model_refresh', 'Cost per refresh', '$', 0, 1e8, 1000, 'Engineering per model update.'],
      ['/operations/observability_usd_per_month', 'Observability', '$ / month', 0, 1e8, 50,
        'Metrics, latency histograms, dashboards.'],
      ['/operations/observability_setup_usd', 'Observability setup', '$ one-off', 0, 1e9, 500, ''],
      ['/operations/one_time_usd', 'One-off work', '$', 0, 1e10, 1000,
        'Migration, load testing, fallbacks: paid up front, spread over the horizon monthly.'],
    ],
  },
  {
    id: 'constraints', title: 'Constraints', rows: [
      ['/constraints/compliance', 'Compliance', '', null, null, null,
        'Data-handling rules that make self-hosting mandatory.',
        { kind: 'select', choices: [['none', 'None'], ['hipaa', 'HIPAA'], ['soc2_type2', 'SOC 2 Type II'],
          ['government', 'Government data handling']] }],
      ['/constraints/p99_latency_ms', 'p99 latency target', 'ms per output token', 0, 10000, 1,
        'Time between generated tokens: the batch is capped so each token arrives within it. 0 means no target.'],
      ['/constraints/p99_ttft_ms', 'p99 time to first token', 'ms', 0, 60000, 10,
        'Wait before the first token: prefill plus one decode step. Caps the batch too. 0 means no target.'],
      ['/constraints/has_mlops_team', 'We already have an MLOps team', '', null, null, null, '',
        { kind: 'toggle' }],
    ],
  },
];

/** The rows as objects, in table order. */
export const PARAMS = GROUPS.flatMap((g) => g.rows.map(([path, label, unit, min, max, step, help, o = {}]) => ({
  group: g.id, path, label, unit, min, max, step, help, kind: 'number', scale: 1, ...o,
})));

export const COMPLIANCE_LABELS = Object.fromEntries(
  PARAMS.find((p) => p.path === '/constraints/compliance').choices);

export const PROFILE_CHOICES = [
  ['flat', 'Flat, around the clock'], ['business_hours', 'Business hours'], ['daytime_peaks', 'Daytime peaks'],
  ['overnight_silence', 'Overnight silence'], ['weekly_batch', 'Weekly batch'], ['custom', 'Custom weights…'],
];
