// support.mjs — what the node tests of the wasm module share.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// A small deterministic generator (mulberry32) so failures reproduce.
export function rng(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// A random but valid scenario across models, GPUs, deployments, load shapes and engineering modes.
export function generatedScenario(r) {
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  return {
    horizon_months: 1 + Math.floor(r() * 60),
    workload: {
      tokens_per_month: Math.round(10 ** (6 + r() * 7)),
      input_share: r(),
      cached_input_share: r(),
      batch_share: r(),
      monthly_growth: r() * 0.2 - 0.05,
      load_profile: {
        preset: pick(['flat', 'business_hours', 'daytime_peaks', 'overnight_silence', 'weekly_batch']),
      },
    },
    api: { model: pick(['gpt-4o', 'gpt-4o-mini', 'claude-haiku-4-5', 'gpt-4.1-mini', 'deepinfra-llama-3.3-70b']) },
    self_host: {
      gpu: pick(['h100-sxm', 'a100-80gb', 'l40s', 'rtx-4090', 'h200']),
      deployment: pick(['cloud', 'on_prem']),
      throughput: { tokens_per_second_per_replica: 100 + r() * 20000 },
      target_peak_utilization: 0.3 + r() * 0.7,
      min_replicas: Math.floor(r() * 3),
      spare_replicas: Math.floor(r() * 2),
      cloud: { autoscale: r() < 0.5 },
      on_prem: { cost_of_capital_per_year: r() * 0.1 },
    },
    operations: { engineering: { mode: pick(['fte', 'multiplier']), fte: r() * 2 } },
  };
}

// The preset scenarios [{id, name, description, scenario}], as the CLI lists them: the module has none compiled in
// (its page carries them; engine/CMakeLists.txt).
export function presets() {
  const cli = fileURLToPath(new URL('../../build/native/engine/tcoscope', import.meta.url));
  return JSON.parse(execFileSync(cli, ['presets', '--format', 'json'], { encoding: 'utf8' }));
}
