// wasm_vs_native.mjs — the same operations timed in the wasm module (node) and natively (Google Benchmark),
// in one run, reported as medians and as a ratio. Usage: node tests/bench/wasm_vs_native.mjs
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const engine = await require(path.join(root, 'build/wasm/engine/wasm/tcoscope.js'))();

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

// Median microseconds per call over `rounds` rounds of `batch` calls (after a warm-up).
function time(fn, rounds = 31, batch = 20) {
  for (let i = 0; i < 50; i++) fn();
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e3 / batch);
  }
  return median(samples);
}

const scenarios = {
  fixed: JSON.stringify({ self_host: { cloud: { autoscale: false } }, workload: { monthly_growth: 0.05 } }),
  autoscale: JSON.stringify({ self_host: { cloud: { autoscale: true } }, workload: { monthly_growth: 0.05 } }),
};

const native = JSON.parse(
  execFileSync(path.join(root, 'build/native/tests/tcoscope_bench'), [
    '--benchmark_filter=BM_(full_recompute_from_text|validate_from_text)',
    '--benchmark_repetitions=9',
    '--benchmark_report_aggregates_only=true',
    '--benchmark_format=json',
  ]).toString(),
);
function native_us(name) {
  const b = native.benchmarks.find((x) => x.name === `${name}_median`);
  return b.real_time / (b.time_unit === 'ns' ? 1e3 : b.time_unit === 'us' ? 1 : 1e-3);
}

const rows = [];
for (const [label, text] of Object.entries(scenarios)) {
  const flag = label === 'autoscale' ? 1 : 0;
  const w_full = time(() => engine.evaluate(text));
  const n_full = native_us(`BM_full_recompute_from_text/autoscale:${flag}`);
  const w_val = time(() => engine.validate(text));
  const n_val = native_us(`BM_validate_from_text/autoscale:${flag}`);
  rows.push([`validate (parse + resolve + JSON), ${label}`, n_val, w_val]);
  rows.push([`full recompute (evaluate + breakeven + curves + horizon + JSON), ${label}`, n_full, w_full]);
}
console.log('operation'.padEnd(80), 'native µs', '  wasm µs', '  ratio');
for (const [name, n, w] of rows)
  console.log(name.padEnd(80), n.toFixed(1).padStart(9), w.toFixed(1).padStart(9), (w / n).toFixed(2).padStart(7));
