// cli.test.mjs — the native CLI at its edges (issue 9): input is bounded while it is read, files that cannot be
// read say so, NUL bytes and glued tokens are named, limits are checked before work, and no -0 is echoed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'build/native/engine/tcoscope');
const run = (args, input) => {
  const r = spawnSync(cli, args, { input, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
};

test('an endless stream is refused at the byte limit, not read to the end', () => {
  const r = spawnSync('sh', ['-c', `head -c 40000000 /dev/zero | "${cli}" evaluate -`], { timeout: 60_000 });
  assert.equal(r.status, 2);
  assert.match(r.stderr.toString(), /1048577 bytes; accepted: at most 1 MiB/);
  const file = run(['evaluate', '/dev/zero']);
  assert.equal(file.status, 2);
  assert.match(file.stderr, /at most 1 MiB/);
});

test('a directory or a missing file cannot be read: exit 1, not a JSON error', () => {
  for (const target of [root, path.join(root, 'no-such-file.json')]) {
    const r = run(['validate', target]);
    assert.equal(r.status, 1, target);
    assert.match(r.stderr, /cannot read/);
    assert.doesNotMatch(r.stderr, /not valid JSON/);
  }
  assert.match(run(['validate', root]).stderr, /it is a directory/);
});

test('a NUL byte does not end the document', () => {
  const r = run(['minimize', '-'], Buffer.from('{"horizon_months": 12}\0 garbage {{{'));
  assert.equal(r.status, 2);
  assert.match(r.stderr, /NUL byte at character 23/);
});

test('a parse error glued to a value names the field, not its parent', () => {
  const r = run(['validate', '-'], '{"workload":{"tokens_per_month":0x10}}');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^\/workload\/tokens_per_month: not valid JSON/);
});

test('a document nested 200,000 deep is refused before parsing, in one short line', () => {
  const r = run(['validate', '-'], '{"a":'.repeat(200000));
  assert.equal(r.status, 2);
  assert.ok(r.stderr.length < 300, `${r.stderr.length} characters`);
  assert.match(r.stderr, /nests 200000 levels deep; accepted: at most 32/);
});

test('20,000 unknown keys are refused at the key limit; 5,000 list 100 warnings and a count of the rest', () => {
  const many = (n) => `{${Array.from({ length: n }, (_, i) => `"k${i}": 1`).join(',')}}`;
  const refused = run(['validate', '-'], many(20000)); // 240 KB: under the byte limit, over the key limit
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /about 40000 keys and array items; accepted: at most 10000/);
  const accepted = run(['validate', '-'], many(5000));
  assert.equal(accepted.status, 0);
  // Beside them, the default scenario's note on what sized its fleet (it is not about keys).
  const lines = accepted.stderr
    .trim()
    .split('\n')
    .filter((l) => !l.includes('sized on the modeled'));
  assert.equal(lines.length, 101);
  assert.match(lines.at(-1), /and 4900 more/);
});

test('-0 is never echoed by validate, minimize or evaluate', () => {
  const scenario = '{"workload": {"monthly_growth": -0.0, "tokens_per_month": -0}}';
  for (const command of ['validate', 'minimize', 'evaluate']) {
    const r = run([command, '-'], scenario);
    assert.equal(r.status, 0, command);
    assert.doesNotMatch(r.stdout, /-0(\.0)?[,\n}\]]/, command);
  }
});

test('a $0 tie reads as a tie, not as the API saving $0', () => {
  const scenario = JSON.stringify({
    workload: { tokens_per_month: 0 },
    self_host: { min_replicas: 0, cloud: { usd_per_gpu_hour: 0 } },
    operations: {
      engineering: { fte: 0 },
      model_refreshes_per_year: 0,
      observability_usd_per_month: 0,
      observability_setup_usd: 0,
      one_time_usd: 0,
    },
  });
  const r = run(['evaluate', '-', '--format', 'text'], scenario);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /Verdict: A tie/);
  assert.match(r.stdout, /\[costs_tie\]/);
  assert.doesNotMatch(r.stdout, /saves \$0/);
});

test('the schema command prints the JSON Schema the build ships', () => {
  const r = run(['schema']);
  assert.equal(r.status, 0);
  const schema = JSON.parse(r.stdout);
  assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  assert.equal(schema.properties.workload.properties.tokens_per_month.default, 2e9);
});
