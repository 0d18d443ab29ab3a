// sensitivity.test.mjs — "How sure?" gives bit-identical results in wasm and natively for the same scenario
// and seed (the sampler is the engine's own xoshiro256**, not a std:: distribution), and the page's sliced
// calls give what one call gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { generatedScenario, presets, rng } from './support.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'build/native/engine/tcoscope');
const require = createRequire(import.meta.url);
const engine = await require(path.join(root, 'build/wasm/engine/wasm/tcoscope.js'))();

const native = (text, ...flags) =>
  execFileSync(cli, ['sensitivity', '-', ...flags], { input: text, stdio: ['pipe', 'pipe', 'pipe'] }).toString();
const wasm = (text) => JSON.parse(engine.sensitivity(text));
// The CLI prints the result indented; compare the numbers' text exactly by re-serializing both the same way.
const same = (a, b, label) => assert.equal(JSON.stringify(a), JSON.stringify(b), label);

test('every preset: the same probability, spreads, histogram, tornado and flips in wasm and natively', () => {
  for (const p of presets()) {
    const text = JSON.stringify(p.scenario);
    const w = wasm(text);
    assert.equal(w.ok, true, p.id);
    same(w.result, JSON.parse(native(text)), p.id);
    assert.equal(w.result.monte_carlo.samples, 10000, p.id);
  }
});

test('30 generated scenarios with ranges of their own: identical in wasm and natively', () => {
  const r = rng(20261201);
  let sampled = 0;
  for (let i = 0; i < 30; i++) {
    const scenario = generatedScenario(r);
    const value = scenario.workload.tokens_per_month;
    scenario.uncertainty = {
      samples: 2000,
      seed: Math.floor(r() * 1e9),
      default_ranges: r() < 0.8,
      ranges: {
        '/workload/tokens_per_month': { low: value / 3, high: value * 3, dist: r() < 0.5 ? 'uniform' : 'triangular' },
        '/operations/engineering/fte': r() < 0.5 ? null : { low: 0, high: 2 },
      },
    };
    const text = JSON.stringify(scenario);
    const w = wasm(text);
    let n;
    try {
      n = JSON.parse(native(text));
    } catch (e) {
      assert.equal(w.ok, false, `${text}: native failed with ${e.stderr} but wasm did not`);
      continue;
    }
    assert.equal(w.ok, true, text);
    same(w.result, n, text);
    sampled += w.result.monte_carlo.samples > 0;
  }
  assert.ok(sampled >= 25, `${sampled} of 30 sampled`);
});

test('--samples and --seed on the CLI are the scenario keys of the same name', () => {
  const text = JSON.stringify({ uncertainty: { samples: 777, seed: 3 } });
  same(JSON.parse(native('{}', '--samples', '777', '--seed', '3')), wasm(text).result, 'flags');
});

test('sensitivityBegin + sensitivityStep in slices give exactly what sensitivity gives', () => {
  for (const p of presets().slice(0, 3)) {
    const text = JSON.stringify({ ...p.scenario, uncertainty: { samples: 3000, seed: 11 } });
    const begun = JSON.parse(engine.sensitivityBegin(text));
    assert.equal(begun.ok, true);
    assert.equal(begun.result.samples, 3000);
    let step;
    let slices = 0;
    do {
      step = JSON.parse(engine.sensitivityStep(700));
      slices++;
    } while (!step.done);
    assert.equal(slices, 5);
    same(step.envelope, wasm(text), p.id);
  }
});
