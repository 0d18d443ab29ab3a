// schema.test.mjs — the engine's JSON Schema (tcoscope schema, dist/scenario.schema.json) is checked by an
// independent validator (ajv, draft 2020-12): the presets, the defaults and generated scenarios pass it, and the
// engine and the schema accept and reject the same values at every range boundary of every key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { presets, rng } from './support.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const engine = await require(path.join(root, 'build/wasm/engine/wasm/tcoscope.js'))();
// The CLI's schema: the module the page loads leaves it out (its boot data carries this one).
const schema = JSON.parse(
  execFileSync(path.join(root, 'build/native/engine/tcoscope'), ['schema'], { encoding: 'utf8' }),
);

const ajv = new Ajv2020({ allErrors: true, strict: true });
for (const keyword of ['x-tcoscope-labels', 'x-tcoscope-slider', 'x-tcoscope-limits']) ajv.addKeyword(keyword);
const check = ajv.compile(schema);

/**
 * Errors the engine reports at `pointer` (or inside it) when validating `scenario`. Coded errors are checks
 * across fields and the catalog (does_not_fit, exceeds_limits), which no per-key schema can state: left out.
 */
function engineErrorsAt(scenario, pointer) {
  const envelope = JSON.parse(engine.validate(JSON.stringify(scenario)));
  return (envelope.errors ?? []).filter((e) => !e.code && (e.path === pointer || e.path.startsWith(`${pointer}/`)));
}
function schemaErrorsAt(scenario, pointer) {
  check(scenario);
  return (check.errors ?? []).filter((e) => e.instancePath === pointer || e.instancePath.startsWith(`${pointer}/`));
}
function withValue(pointer, value) {
  const keys = pointer.split('/').slice(1);
  const out = {};
  let at = out;
  for (const k of keys.slice(0, -1)) at = at[k] = {};
  at[keys.at(-1)] = value;
  return out;
}

/** Every leaf property of the schema: [pointer, property schema]. */
function leaves(node = schema, pointer = '') {
  const out = [];
  for (const [key, p] of Object.entries(node.properties ?? {})) {
    const at = `${pointer}/${key}`;
    if (p.type === 'object') out.push(...leaves(p, at));
    else out.push([at, p]);
  }
  return out;
}
const LEAVES = leaves();
const numeric = (p) => [p.type].flat().some((t) => t === 'number' || t === 'integer');

/** Values on both sides of every boundary a property states. */
function boundaryValues(p) {
  const away = (x, direction) => x + direction * Math.max(Math.abs(x) * 1e-9, 1e-9);
  const values = [];
  const bounds = p.anyOf ? p.anyOf.filter((b) => 'minimum' in b)[0] : p;
  for (const edge of [bounds.minimum, bounds.exclusiveMinimum, bounds.maximum]) {
    if (edge === undefined) continue;
    values.push(edge, away(edge, -1), away(edge, 1));
  }
  if (p.anyOf) values.push(0, bounds.minimum / 2);
  if (p.type === 'integer') values.push(bounds.minimum + 0.5);
  values.push('12', true, null);
  return values;
}

test('the schema compiles under draft 2020-12 and names every section', () => {
  assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  for (const section of ['workload', 'api', 'self_host', 'operations', 'constraints']) {
    assert.equal(schema.properties[section].type, 'object', section);
  }
  assert.ok(LEAVES.length > 60, `${LEAVES.length} keys`);
  for (const [pointer, p] of LEAVES) {
    assert.ok(p.description, `${pointer} has a description`);
    if (numeric(p) && p.type !== 'integer' && !p.anyOf) {
      assert.ok('maximum' in p, `${pointer} has a maximum`);
    }
  }
});

test('price paths and spot capacity are in the schema with their ranges and defaults', () => {
  const api = schema.properties.api.properties;
  const cloud = schema.properties.self_host.properties.cloud.properties;
  const onPrem = schema.properties.self_host.properties.on_prem.properties;
  for (const p of [api.price_change_per_year, cloud.rate_change_per_year, onPrem.price_change_per_year]) {
    assert.equal(p.default, 0);
    assert.equal(p.minimum, -0.9);
    assert.equal(p.maximum, 1);
    assert.match(p.description, /compounded monthly/);
  }
  assert.deepEqual(cloud.spot.enum, ['none', 'hybrid_floor', 'fleet']);
  assert.equal(cloud.spot.default, 'none');
  assert.equal(cloud.spot_discount.default, 0.6);
  assert.equal(cloud.spot_spare_share.default, 0.2);
  assert.equal(cloud.spot_restart_loss_share.default, 0.0001);
  assert.ok(check({ api: { price_change_per_year: -0.2 }, self_host: { cloud: { spot: 'fleet' } } }));
  assert.ok(!check({ self_host: { cloud: { spot: 'always' } } }));
});

test('the defaults and every preset pass the schema', () => {
  assert.ok(check(JSON.parse(engine.defaults())), JSON.stringify(check.errors));
  for (const p of presets()) assert.ok(check(p.scenario), `${p.id}: ${JSON.stringify(check.errors)}`);
});

test('every default the schema states is the engine default', () => {
  const defaults = JSON.parse(engine.defaults());
  for (const [pointer, p] of LEAVES) {
    if (!('default' in p)) continue;
    const keys = pointer.split('/').slice(1);
    const value = keys.reduce((o, k) => o?.[k], defaults);
    assert.deepEqual(p.default, value, pointer);
  }
});

/** The values at which the engine and a (possibly altered) schema disagree, over every numeric boundary. */
function disagreements(s = schema) {
  const validate = s === schema ? check : ajv.compile(s);
  const out = [];
  let checked = 0;
  for (const [pointer, p] of leaves(s).filter(([, q]) => numeric(q))) {
    for (const value of boundaryValues(p)) {
      const scenario = withValue(pointer, value);
      validate(scenario);
      const bySchema = !(validate.errors ?? []).some((e) => e.instancePath === pointer);
      const byEngine = engineErrorsAt(scenario, pointer).length === 0;
      if (bySchema !== byEngine)
        out.push(`${pointer} = ${JSON.stringify(value)}: schema ${bySchema}, engine ${byEngine}`);
      checked += 1;
    }
  }
  return { out, checked };
}

test('engine and schema accept and reject the same values at every numeric boundary', () => {
  const { out, checked } = disagreements();
  assert.deepEqual(out, []);
  assert.ok(checked > 400, `${checked} values checked`);
});

test('a schema whose range drifted from the engine is caught by that comparison', () => {
  const drifted = structuredClone(schema);
  drifted.$id = 'urn:test:drifted';
  drifted.properties.self_host.properties.target_peak_utilization.minimum = 0.05; // the page's old 5 %
  const { out } = disagreements(drifted);
  assert.ok(out.length > 0 && out.every((d) => d.startsWith('/self_host/target_peak_utilization = ')), out.join('\n'));
});

test('every enum value is accepted and a foreign value is rejected at its path by both', () => {
  for (const [pointer, p] of LEAVES.filter(([, q]) => q.enum)) {
    assert.equal(p['x-tcoscope-labels'].length, p.enum.length, pointer);
    for (const value of p.enum) {
      assert.equal(schemaErrorsAt(withValue(pointer, value), pointer).length, 0, `${pointer} = ${value}`);
      assert.equal(engineErrorsAt(withValue(pointer, value), pointer).length, 0, `${pointer} = ${value}`);
    }
    const foreign = withValue(pointer, 'not-a-choice');
    assert.ok(schemaErrorsAt(foreign, pointer).length > 0, pointer);
    const errors = engineErrorsAt(foreign, pointer);
    assert.equal(errors[0]?.path, pointer);
    assert.match(errors[0].message, /is not accepted; accepted: /);
  }
});

test('text lengths are counted in characters by both, not bytes', () => {
  for (const [pointer, p] of LEAVES.filter(([, q]) => q.type === 'string' && q.maxLength)) {
    if (pointer === '/$schema') continue;
    for (const [text, ok] of [
      ['€'.repeat(p.maxLength), true],
      ['x'.repeat(p.maxLength + 1), false],
    ]) {
      const scenario = withValue(pointer, text);
      assert.equal(schemaErrorsAt(scenario, pointer).length === 0, ok, `${pointer} schema, ${text.length} chars`);
      const parseErrors = engineErrorsAt(scenario, pointer).filter((e) => /too long/.test(e.message));
      assert.equal(parseErrors.length === 0, ok, `${pointer} engine, ${text.length} chars`);
    }
  }
});

test('custom hourly weights: 168 non-negative numbers with one above zero, by both', () => {
  const pointer = '/workload/load_profile/hourly_weights';
  const cases = [
    [Array.from({ length: 168 }, (_, i) => (i === 5 ? 1e-310 : 0)), true],
    [Array(168).fill(1), true],
    [Array(168).fill(0), false],
    [Array(167).fill(1), false],
    [[...Array(167).fill(1), -1], false],
    [[...Array(167).fill(1), 1e9 * 1.01], false],
  ];
  for (const [weights, ok] of cases) {
    const scenario = withValue(pointer, weights);
    assert.equal(schemaErrorsAt(scenario, pointer).length === 0, ok, `schema ${weights.length}`);
    assert.equal(engineErrorsAt(scenario, pointer).length === 0, ok, `engine ${weights.length}`);
  }
});

test('300 generated scenarios: the schema accepts exactly those whose values the engine accepts', () => {
  const random = rng(20261201);
  const numbers = LEAVES.filter(([, p]) => numeric(p));
  const enums = LEAVES.filter(([, p]) => p.enum);
  let valid = 0;
  for (let i = 0; i < 300; i += 1) {
    const scenario = {};
    const set = (pointer, value) => {
      const keys = pointer.split('/').slice(1);
      let at = scenario;
      for (const k of keys.slice(0, -1)) at = at[k] ??= {};
      at[keys.at(-1)] = value;
    };
    for (let k = 0; k < 6; k += 1) {
      const [pointer, p] = numbers[Math.floor(random() * numbers.length)];
      const b = p.anyOf ? p.anyOf[1] : p;
      const lo = b.minimum ?? b.exclusiveMinimum;
      const span = b.maximum - lo;
      // Mostly inside the range, sometimes just outside it.
      let x = lo + span * (random() * 1.1 - 0.05);
      if (p.type === 'integer' && random() < 0.9) x = Math.round(x);
      set(pointer, x);
    }
    const [pointer, p] = enums[Math.floor(random() * enums.length)];
    set(pointer, random() < 0.9 ? p.enum[Math.floor(random() * p.enum.length)] : 'other');
    const bySchema = check(scenario);
    const envelope = JSON.parse(engine.validate(JSON.stringify(scenario)));
    // Only value problems count: a catalog cross-check (e.g. a model that does not fit) is beyond a schema.
    const valueErrors = (envelope.errors ?? []).filter((e) => !e.code);
    assert.equal(
      valueErrors.length === 0,
      bySchema,
      `${JSON.stringify(scenario)}\nschema: ${JSON.stringify(check.errors)}\nengine: ${JSON.stringify(valueErrors)}`,
    );
    valid += bySchema ? 1 : 0;
  }
  assert.ok(valid > 60 && valid < 280, `${valid} of 300 valid: the generator spans both sides`);
});

test('the schema refuses a mistyped key, which the engine ignores with a warning', () => {
  const scenario = { workload: { tokens_per_mnth: 5 } };
  assert.equal(check(scenario), false);
  const envelope = JSON.parse(engine.validate(JSON.stringify(scenario)));
  assert.equal(envelope.ok, true);
  const unknown = envelope.warnings.filter((w) => w.code === 'unknown_key');
  assert.deepEqual(
    unknown.map((w) => w.path),
    ['/workload/tokens_per_mnth'],
  );
});

test('a scenario may name its schema for editors: "$schema" is accepted without a warning', () => {
  const scenario = { $schema: './scenario.schema.json', horizon_months: 12 };
  assert.ok(check(scenario));
  const envelope = JSON.parse(engine.validate(JSON.stringify(scenario)));
  assert.equal(envelope.ok, true);
  assert.deepEqual(
    envelope.warnings.filter((w) => w.code === 'unknown_key'),
    [],
  );
});
