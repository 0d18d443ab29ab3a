// schema.spec.mjs — the form is the engine's schema presented: every row of web/src/params.js names a schema key
// and every schema key has a row (or a reason in NOT_IN_FORM); the ranges, choices, labels and defaults the page
// shows are the schema's. The first tests run in node on the same modules and wasm engine the page uses.
import { test, expect } from './fixtures.mjs';
import { openPage, nodeEngine } from './helpers.mjs';
import { PARAMS, NOT_IN_FORM, HOW_SURE } from '../../web/src/params.js';
import { formFields, keysWithoutRows, schemaAt, schemaKeys, choicesOf, isPointerMap } from '../../web/src/schema.js';
import { compact, plain } from '../../web/src/format.js';

const schema = async () => (await nodeEngine()).schema();

test("every params.js row names a key of the engine's schema", async () => {
  const s = await schema();
  const unknown = PARAMS.filter((p) => !schemaAt(s, p.path)).map((p) => p.path);
  expect(unknown, 'rows whose key the schema lacks').toEqual([]);
  expect(() => formFields(s, PARAMS)).not.toThrow();
});

test('every schema key has a params.js row, or a reason in NOT_IN_FORM', async () => {
  const s = await schema();
  expect(keysWithoutRows(s, PARAMS, NOT_IN_FORM), 'schema keys the form does not show').toEqual([]);
  // The allow-list names only keys the schema has, and none that also has a row.
  for (const key of Object.keys(NOT_IN_FORM)) {
    expect(schemaKeys(s), key).toContain(key);
    expect(
      PARAMS.map((p) => p.path),
      key,
    ).not.toContain(key);
  }
});

test('every input a range can go on is one the page can name (a form row, or a sourced default range)', async () => {
  const engine = await nodeEngine();
  const s = engine.schema();
  const ranges = schemaAt(s, '/uncertainty/ranges');
  expect(isPointerMap(ranges)).toBe(true); // one key of the scenario, edited as rows: schemaKeys stops at it
  const named = new Set([...PARAMS.map((p) => p.path), ...engine.catalog().default_ranges.map((r) => r.path)]);
  expect(Object.keys(ranges.properties).filter((path) => !named.has(path))).toEqual([]);
  // Each is a number key of the scenario, but the peak hour, which the load profile's row presents.
  for (const path of Object.keys(ranges.properties)) {
    if (path === '/workload/load_profile/peak_to_average') continue;
    expect([schemaAt(s, path)?.type].flat(), path).toEqual(
      expect.arrayContaining([expect.stringMatching(/number|integer/)]),
    );
  }
});

test('a row the schema lacks, or a choice its enum lacks, is an error, not a silent omission', async () => {
  const s = await schema();
  const extra = { group: 'workload', path: '/workload/no_such_key', label: 'Nope', kind: 'number', scale: 1 };
  expect(() => formFields(s, [...PARAMS, extra])).toThrow(/\/workload\/no_such_key/);
  const narrowed = PARAMS.map((p) => (p.path === '/constraints/compliance' ? { ...p, choices: ['none', 'itar'] } : p));
  expect(() => formFields(s, narrowed)).toThrow(/"itar"/);
  // A key the engine adds without a row is reported too.
  const grown = structuredClone(s);
  grown.properties.workload.properties.new_share = { type: 'number', minimum: 0, maximum: 1, default: 0 };
  expect(keysWithoutRows(grown, PARAMS, NOT_IN_FORM)).toEqual(['/workload/new_share']);
});

test('rows take their range, choices, default and catalog flag from the schema', async () => {
  const s = await schema();
  const fields = formFields(s, PARAMS);
  const field = (path) => fields.find((f) => f.path === path);
  expect(field('/self_host/target_peak_utilization')).toMatchObject({
    min: 0.01,
    max: 1,
    default: 0.7,
    catalog: false,
    slider: { min: 0.01, max: 1, log: false },
  });
  expect(field('/self_host/min_replicas')).toMatchObject({ min: 0, max: 10000, integer: true });
  expect(field('/workload/tokens_per_month')).toMatchObject({
    min: 1,
    max: 1e15,
    slider: { min: 1e6, max: 1e14, log: true },
  });
  expect(field('/self_host/throughput/tokens_per_second_per_replica')).toMatchObject({ min: 0.001, catalog: true });
  expect(field('/constraints/compliance').choices).toEqual(choicesOf(schemaAt(s, '/constraints/compliance')));
  expect(field('/self_host/throughput/kv_precision').choices.map(([v]) => v)).toEqual(['bf16', 'fp16', 'fp8']);
  expect(field('/workload/load_profile').choices).toEqual(choicesOf(schemaAt(s, '/workload/load_profile/preset')));
  // A catalog-filled number is exactly an optional one with no default.
  for (const f of fields.filter((x) => x.kind === 'number')) {
    expect(f.catalog, f.path).toBe([schemaAt(s, f.path).type].flat().includes('null'));
    if (!f.catalog) expect(typeof f.default, f.path).toBe('number');
  }
});

test("the page renders every schema key with the schema's choices, labels, ranges and defaults", async ({ page }) => {
  const s = await schema();
  const problems = await openPage(page);
  const shown = await page.locator('#inputs [data-path]').evaluateAll((els) => els.map((e) => e.dataset.path));
  const covered = (key) => shown.includes(key) || Object.hasOwn(NOT_IN_FORM, key);
  expect(
    schemaKeys(s).filter((key) => !covered(key)),
    'schema keys with no field on the page',
  ).toEqual([]);
  expect(
    shown.filter((path) => !schemaAt(s, path)),
    'fields with no schema key',
  ).toEqual([]);
  // The "How sure?" section edits its own keys (uncertainty.*): each is there, marked with its path.
  const howSure = Object.entries(NOT_IN_FORM).filter(([, why]) => why.startsWith(HOW_SURE));
  expect(howSure.map(([key]) => key).sort()).toEqual(
    schemaKeys(s)
      .filter((k) => k.startsWith('/uncertainty/'))
      .sort(),
  );
  for (const [key] of howSure) await expect(page.locator(`#howsure [data-path="${key}"]`), key).toHaveCount(1);

  for (const f of formFields(s, PARAMS)) {
    const el = page.locator(`#inputs [data-path="${f.path}"]`);
    if (f.kind === 'select' && Array.isArray(f.choices)) {
      const options = await el.locator('option').evaluateAll((os) => os.map((o) => [o.value, o.textContent]));
      expect(options, f.path).toEqual(f.choices);
    } else if (f.kind === 'radio') {
      const radios = await el
        .locator('.segment')
        .evaluateAll((ls) => ls.map((l) => [l.querySelector('input').value, l.textContent]));
      expect(radios, f.path).toEqual(f.choices);
    } else if (f.kind === 'profile') {
      const options = await el.locator('select option').evaluateAll((os) => os.map((o) => o.value));
      expect(options, f.path).toEqual([...f.choices.map(([v]) => v), 'custom']);
    } else if (f.kind === 'number' || f.kind === 'tokens') {
      const box = el.locator('input.num');
      if (!f.catalog) {
        await expect(box, f.path).toHaveAttribute(
          'placeholder',
          f.kind === 'tokens' ? compact(f.default) : plain(f.default * f.scale, { money: f.money }),
        );
      }
      const slider = el.locator('input[type="range"]');
      await expect(slider, f.path).toHaveCount(f.slider ? 1 : 0);
      if (f.slider) {
        const at = (v) => String(f.slider.log ? Math.log10(v) : v * f.scale);
        await expect(slider, f.path).toHaveAttribute('min', at(f.slider.min));
        await expect(slider, f.path).toHaveAttribute('max', at(f.slider.max));
      }
    }
  }
  expect(problems).toEqual([]);
});
