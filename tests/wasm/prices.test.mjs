// prices.test.mjs — price import, priced runs and compare give the same JSON in wasm as the native CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'build/native/engine/tcoscope');
const require = createRequire(import.meta.url);
const engine = await require(path.join(root, 'build/wasm/engine/wasm/tcoscope.js'))();
const fixture = (name) => path.join(root, 'tests/fixtures/prices', name);
const today = '2026-12-02';

function native(args, input) {
  return JSON.parse(execFileSync(cli, args, { input, stdio: ['pipe', 'pipe', 'pipe'] }).toString());
}

// The CLI dates a file that carries no date by its modification time; the wasm call has no file, so both
// are given the day explicitly through a tcoscope price file carrying its rows' as_of.
function pricesFile(name) {
  const report = JSON.parse(engine.importPrices(readFileSync(fixture(name), 'utf8'), today));
  assert.equal(report.ok, true);
  return JSON.stringify({ api_models: report.result.api_models });
}

// The CLI dates a file's undated rows by the file's modification time: a copy modified on `today`, so that the
// report does not depend on when the checkout was made.
function datedCopy(name) {
  const copy = path.join(mkdtempSync(path.join(tmpdir(), 'tcoscope-prices-')), name);
  copyFileSync(fixture(name), copy);
  const noon = new Date(`${today}T12:00:00Z`);
  utimesSync(copy, noon, noon);
  return copy;
}

test('importing a genai-prices file gives the same report natively and in wasm', () => {
  const w = JSON.parse(engine.importPrices(readFileSync(fixture('genai-prices.json'), 'utf8'), today));
  assert.equal(w.ok, true);
  const n = native(['prices', datedCopy('genai-prices.json'), '--today', today]);
  assert.equal(JSON.stringify(w.result), JSON.stringify(n));
  assert.equal(w.result.format, 'genai_prices');
});

test('a run priced with an imported file and checked on a day is the same natively and in wasm', () => {
  const prices = pricesFile('litellm.json');
  const scenario = JSON.stringify({ api: { model: 'gpt-4o-mini' }, self_host: { gpu: 'l40s' } });
  const w = JSON.parse(engine.evaluateWith(scenario, prices, today));
  assert.equal(w.ok, true);
  const file = path.join(root, 'build/native/prices.test.json');
  execFileSync('sh', ['-c', `cat > "${file}"`], { input: prices });
  const n = native(['evaluate', '-', '--prices', file, '--today', today], scenario);
  assert.equal(JSON.stringify(w.result), JSON.stringify(n));
  assert.ok(w.result.verdict.reasons.some((r) => r.code === 'stale_prices'));
});

test('compare gives the same comparison natively and in wasm', () => {
  const a = { name: 'A', uncertainty: { samples: 300 } };
  const b = {
    name: 'B',
    self_host: { gpu: 'l40s' },
    workload: { tokens_per_month: 4e9 },
    uncertainty: { samples: 300 },
  };
  const w = JSON.parse(engine.compare(JSON.stringify([a, b]), '', today));
  assert.equal(w.ok, true);
  const dir = path.join(root, 'build/native');
  const fa = path.join(dir, 'compare-a.test.json');
  const fb = path.join(dir, 'compare-b.test.json');
  execFileSync('sh', ['-c', `cat > "${fa}"`], { input: JSON.stringify(a) });
  execFileSync('sh', ['-c', `cat > "${fb}"`], { input: JSON.stringify(b) });
  const n = native(['compare', fa, fb, '--today', today]);
  assert.equal(JSON.stringify(w.result), JSON.stringify(n));
  assert.ok(w.result.input_differences.some((d) => d.path === '/self_host/gpu'));
});

test('a malformed price file is an error in wasm, never a crash', () => {
  const w = JSON.parse(engine.importPrices('{"gpt-4o": {', today));
  assert.equal(w.ok, false);
  assert.match(w.errors[0].message, /not valid JSON/);
  const e = JSON.parse(engine.evaluateWith('{}', '[1, 2]', today));
  assert.equal(e.ok, false);
  assert.equal(e.errors[0].path, '(prices)');
});
