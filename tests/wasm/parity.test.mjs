// parity.test.mjs — the wasm module and the native CLI give the same answer, to the last printed digit,
// for every preset and for generated scenarios; bad input comes back as errors, never as a crash.
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
const createTcoscope = require(path.join(root, 'build/wasm/engine/wasm/tcoscope.js'));
const engine = await createTcoscope();

function native(command, scenario) {
  try {
    const out = execFileSync(cli, [command, '-', '--today', 'none'], {
      input: scenario,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    return { ok: true, result: JSON.parse(out.toString()) };
  } catch (e) {
    return { ok: false, status: e.status, stderr: e.stderr.toString() };
  }
}

function wasm(command, scenario) {
  return JSON.parse(engine[command](scenario));
}

test('every preset evaluates identically in wasm and natively', () => {
  const all = presets();
  assert.ok(all.length >= 6);
  for (const p of all) {
    const text = JSON.stringify(p.scenario);
    const n = native('evaluate', text);
    const w = wasm('evaluate', text);
    assert.equal(n.ok, true, `${p.id}: ${n.stderr}`);
    assert.equal(w.ok, true, p.id);
    assert.equal(JSON.stringify(w.result), JSON.stringify(n.result), p.id);
  }
});

test('generated scenarios evaluate identically in wasm and natively', () => {
  const r = rng(20261127);
  for (let i = 0; i < 60; i++) {
    const scenario = generatedScenario(r);
    const text = JSON.stringify(scenario);
    const n = native('evaluate', text);
    const w = wasm('evaluate', text);
    assert.equal(w.ok, n.ok, text);
    if (n.ok) assert.equal(JSON.stringify(w.result), JSON.stringify(n.result), text);
  }
});

test('price paths and spot capacity evaluate identically in wasm and natively', () => {
  // The paths' factors use only +, ×, ÷ and sqrt (model/price_path.hpp), so they are bit-identical too.
  const r = rng(20261202);
  for (let i = 0; i < 40; i++) {
    const scenario = generatedScenario(r);
    scenario.api.price_change_per_year = r() * 1.4 - 0.8;
    scenario.self_host.cloud.rate_change_per_year = r() * 1.2 - 0.6;
    scenario.self_host.cloud.spot = ['none', 'hybrid_floor', 'fleet'][Math.floor(r() * 3)];
    scenario.self_host.cloud.spot_spare_share = r() * 0.5;
    scenario.self_host.cloud.spot_restart_loss_share = r() * 0.2;
    scenario.self_host.on_prem.price_change_per_year = r() * 0.8 - 0.5;
    const text = JSON.stringify(scenario);
    const n = native('evaluate', text);
    const w = wasm('evaluate', text);
    assert.equal(w.ok, n.ok, text);
    if (n.ok) assert.equal(JSON.stringify(w.result), JSON.stringify(n.result), text);
  }
});

test('malformed JSON and bad values come back as errors naming the field, not as a crash', () => {
  const cases = [
    ['{bad', ''],
    ['[1, 2]', ''],
    ['{"workload": {"input_share": 1.5}}', '/workload/input_share'],
    ['{"workload": {"tokens_per_month": "lots"}}', '/workload/tokens_per_month'],
    ['{"api": {"model": "gpt-9"}}', '/api/model'],
    ['{"self_host": {"gpus_per_replica": 2.5}}', '/self_host/gpus_per_replica'],
    ['{"workload": {"load_profile": {"hourly_weights": [1, 2, 3]}}}', '/workload/load_profile/hourly_weights'],
    ['{"workload": {"tokens_per_month": 1e999}}', '/workload/tokens_per_month'],
    [JSON.stringify({ name: 'x'.repeat(512 * 1024) }), '/name'],
  ];
  for (const [text, pointer] of cases) {
    const w = wasm('evaluate', text);
    assert.equal(w.ok, false, text.slice(0, 80));
    assert.ok(
      w.errors.some((e) => e.path === pointer),
      `${text.slice(0, 80)} → ${JSON.stringify(w.errors)}`,
    );
    const n = native('evaluate', text);
    assert.equal(n.ok, false);
    assert.equal(n.status, 2);
    assert.ok(n.stderr.includes(`${pointer || '/'}: `), n.stderr);
  }
  // The module still works after all of that.
  assert.equal(wasm('evaluate', '{}').ok, true);
});

test('defaults, presets, catalog and validate agree with the CLI', () => {
  assert.deepEqual(JSON.parse(engine.defaults()), JSON.parse(execFileSync(cli, ['defaults']).toString()));
  assert.deepEqual(JSON.parse(engine.catalog()), JSON.parse(execFileSync(cli, ['catalog']).toString()));
  const v = wasm('validate', '{"workload": {"tokens_per_month": 5e9}}');
  assert.equal(v.ok, true);
  assert.equal(v.result.workload.tokens_per_month, 5e9);
  assert.equal(v.result.api.model, 'gpt-4o-mini');
});
