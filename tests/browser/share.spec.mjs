// share.spec.mjs — share links: every preset and edited scenarios round-trip value for value, the address bar follows
// edits without new history entries, Copy link, broken and newer links, and the frozen links made on 2026-11-27.
import { test, expect, fixedContext } from './fixtures.mjs';
import { readFileSync } from 'node:fs';
import {
  openPage,
  choosePreset,
  typeInto,
  field,
  settle,
  pageResult,
  settledLink,
  nodeEngine,
  plainLink,
} from './helpers.mjs';

const fixtures = JSON.parse(readFileSync(new URL('./fixtures/links.json', import.meta.url), 'utf8'));

/** Opens url in a fresh page of the same context and returns what it shows. */
async function reopen(context, url) {
  const page = await context.newPage();
  const problems = await openPage(page, url);
  const out = {
    result: await pageResult(page),
    scenario: await page.evaluate(() => globalThis.tcoscope.scenario()),
    preset: await page.getByLabel('Scenario').inputValue(),
    messages: await page.locator('#messages').innerText(),
    url: page.url(),
    problems,
  };
  await page.close();
  return out;
}

test('every preset, and the defaults, survive a link round trip value for value', async ({ page, context }) => {
  test.setTimeout(60_000); // 16 page loads, each sampling "How sure?" too: ~18 s alone, twice that beside another worker
  const engine = await nodeEngine();
  await openPage(page);
  for (const id of ['', ...engine.presets().map((p) => p.id)]) {
    if (id) await choosePreset(page, id);
    else await typeInto(page, 'Tokens per month', '2B'); // the defaults, as an edit: the address bar shows them
    const url = await settledLink(page);
    expect(url).toMatch(/#v1j?=/);
    const original = await pageResult(page);
    const restored = await reopen(context, url);
    expect(restored.result, id || 'defaults').toEqual(original);
    expect(restored.preset).toBe(id);
    expect(restored.url).toBe(url);
    expect(restored.messages).toBe('');
    expect(restored.problems).toEqual([]);
  }
});

test('an edited scenario survives a link round trip value for value', async ({ page, context }) => {
  const engine = await nodeEngine();
  await openPage(page);
  await choosePreset(page, 'llama-70b-vs-gpt-4o');
  await typeInto(page, 'Tokens per month', '27.5B');
  await typeInto(page, 'Growth', '2.5');
  await page.getByLabel('API model').selectOption('custom');
  await settle(page);
  await typeInto(page, 'Output price', '7.25');
  await page.getByRole('radio', { name: 'Buy GPUs' }).check();
  await settle(page);
  await typeInto(page, 'Purchase price', '21,000');
  await typeInto(page, 'Electricity', '0.085');
  await page.getByLabel('Load profile').selectOption('custom');
  await settle(page);
  await page
    .getByLabel('168 hourly weights')
    .fill(Array.from({ length: 168 }, (_, i) => (i % 24 < 8 ? 0.2 : 1.6)).join(', '));
  await page.getByLabel('Compliance').selectOption('soc2_type2');
  await typeInto(page, 'p99 latency target', '90');
  await page.getByLabel('We already have an MLOps team').check();
  await settle(page);
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');

  const url = await settledLink(page);
  const original = await pageResult(page);
  const scenario = await page.evaluate(() => globalThis.tcoscope.scenario());
  const restored = await reopen(context, url);
  expect(restored.result).toEqual(original);
  expect(engine.minimize(restored.scenario)).toEqual(engine.minimize(scenario));
  expect(restored.preset).toBe('current'); // "From the link: …": it is no preset any more
  expect(restored.problems).toEqual([]);
  expect(original.self_host.breakdown.hardware_amortization).toBeGreaterThan(0);
  expect(original.load.hourly_weights[0]).toBeLessThan(original.load.hourly_weights[12]);
});

test('a link that changes the default or a preset says so in the picker, whose names state a volume', async ({
  page,
}) => {
  const engine = await nodeEngine();
  const checked = page.getByLabel('Scenario').locator('option:checked');
  // The defaults at 5B tokens: the default's name ("…, 2B tokens/month") comes with the link, unchanged.
  await openPage(page, plainLink({ workload: { tokens_per_month: 5e9 } }));
  await expect(checked).toHaveText('From the link: the default, changed');
  expect(await page.evaluate(() => globalThis.tcoscope.scenario().name)).toBe(engine.defaults().name);
  // A preset at another volume keeps the preset's name, said as changed.
  const startup = engine.presets().find((p) => p.id === 'startup-low-volume');
  await openPage(
    page,
    plainLink({ ...startup.scenario, workload: { ...startup.scenario.workload, tokens_per_month: 9e7 } }),
  );
  await expect(checked).toHaveText(`From the link: ${startup.name}, changed`);
  // A name of its own stands as it is; the preset itself is picked by its own entry.
  await openPage(page, plainLink({ ...startup.scenario, name: 'Our support bot' }));
  await expect(checked).toHaveText('From the link: Our support bot');
  await openPage(page, plainLink(startup.scenario));
  await expect(checked).toHaveText(startup.name);
});

test('the address bar follows edits without adding history entries', async ({ page }) => {
  await openPage(page);
  expect(new URL(page.url()).hash).toBe(''); // a pristine page keeps a clean address
  const before = await page.evaluate(() => history.length);
  for (const volume of ['3B', '4B', '5B', '6B', '7B', '8B', '9B', '11B'])
    await typeInto(page, 'Tokens per month', volume);
  await page.getByRole('radio', { name: 'Buy GPUs' }).check();
  const url = await settledLink(page);
  expect(new URL(url).hash).toMatch(/^#v1=/);
  expect(await page.evaluate(() => history.length)).toBe(before);
  const shown = await pageResult(page);
  await page.reload();
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  expect(await pageResult(page)).toEqual(shown);
  expect(page.url()).toBe(url);
});

test('Copy link puts the link to what is on screen on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openPage(page);
  await choosePreset(page, 'hipaa-regulated');
  await typeInto(page, 'Tokens per month', '4.2B');
  await page.getByRole('button', { name: 'Copy link' }).click(); // at once: not waiting for the address bar
  await expect(page.locator('#share-status')).toContainText('Link copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await page.evaluate(() => globalThis.tcoscope.link()));
  const restored = await reopen(context, copied);
  expect(restored.result).toEqual(await pageResult(page));
});

test('a link pasted into the address bar of an open page opens in place', async ({ page }) => {
  const engine = await nodeEngine();
  await openPage(page);
  const fixture = fixtures.links.find((l) => l.name.startsWith('preset: on-prem'));
  await page.evaluate((hash) => {
    location.hash = hash;
  }, fixture.fragment);
  await expect(page.getByLabel('Scenario')).toHaveValue('on-prem-two-h100');
  // The picker changes before the page's next frame recomputes: wait for the result, do not race it.
  const expected = engine.evaluate(fixture.scenario).result;
  await expect.poll(() => pageResult(page)).toEqual(expected);
});

test('links glued to a closing bracket or full stop by a chat app still open', async ({ page, context }) => {
  await openPage(page);
  await choosePreset(page, 'startup-low-volume');
  const url = await settledLink(page);
  const original = await pageResult(page);
  for (const tail of [')', '.', '),']) {
    const restored = await reopen(context, url + tail);
    expect(restored.result, tail).toEqual(original);
    expect(restored.messages).toBe('');
  }
});

test('a link with settings this version does not know opens, and names what it ignored', async ({ page }) => {
  const scenario = { schema_version: 1, workload: { tokens_per_month: 5e9, colour: 'red' }, future_section: { x: 1 } };
  await openPage(page, plainLink(scenario));
  await expect(page.locator('#messages')).toContainText('does not know; they were ignored');
  await expect(page.locator('#messages')).toContainText('/workload/colour');
  await expect(page.locator('#messages')).toContainText('/future_section');
  await expect(field(page, 'Tokens per month')).toHaveValue('5B');
  await expect(page.locator('#notices')).toBeEmpty(); // ignored once, not on every recompute
});

test.describe('broken links show a clear message and open the defaults, never a blank page', () => {
  let good = '';
  let defaults = null;
  test.beforeAll(async ({ browser }) => {
    const context = await fixedContext(browser);
    const page = await context.newPage();
    await openPage(page);
    defaults = await pageResult(page);
    await choosePreset(page, 'llama-70b-vs-gpt-4o');
    good = new URL(await settledLink(page)).hash.slice('#v1='.length);
    await context.close();
  });
  const tamper = (s) => {
    const i = Math.floor(s.length / 2);
    return s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
  };
  const CASES = [
    [
      'truncated',
      () => `#v1=${good.slice(0, Math.floor(good.length * 0.15) * 4)}`, // whole base64 quads: cut, not malformed
      /could not be opened: its data is cut short/,
    ],
    ['cut by one character', () => `#v1=${good.slice(0, -1)}`, /could not be opened/],
    ['tampered', () => `#v1=${tamper(good)}`, /could not be opened: its data is cut short or altered/],
    ['not base64', () => '#v1=%%%not*base64', /could not be opened: its data contains characters a link never has/],
    ['empty', () => '#v1=', /could not be opened/],
    ['truncated plain JSON', () => `#v1j=${encodeURIComponent('{"workload":{"tokens_per_mon')}`, /not valid JSON/],
    ['badly percent-encoded', () => '#v1j=%7B%E0%A4%A', /not validly encoded/],
    ['not an object', () => `#v1j=${encodeURIComponent('[1,2,3]')}`, /has a problem, so it was not opened/],
    [
      'invalid values',
      () => `#v1j=${encodeURIComponent('{"workload":{"input_share":5,"tokens_per_month":"lots"}}')}`,
      [/has 2 problems/, /\/workload\/input_share: 5 is out of range/, /\/workload\/tokens_per_month: /],
    ],
    [
      'a newer schema',
      () => `#v1j=${encodeURIComponent('{"schema_version":2,"workload":{"tokens_per_month":1e9}}')}`,
      /newer version of tcoscope \(scenario schema version 2; this page understands 1\)/,
    ],
    [
      'a newer link format',
      () => '#v2=AbCdEf',
      /newer version of tcoscope \(link format 2; this page reads format 1\)/,
    ],
    ['absurdly long', () => `#v1=${'A'.repeat(250_000)}`, /far longer than any link/],
  ];
  for (const [name, hash, message] of CASES) {
    test(name, async ({ page }) => {
      const problems = await openPage(page, `/${hash()}`);
      for (const m of [message].flat()) await expect(page.locator('#messages .notice-error')).toHaveText(m);
      await expect(page.locator('#messages')).toContainText(/default scenario instead|newer version/);
      expect(await pageResult(page)).toEqual(defaults);
      await expect(page.getByLabel('Scenario')).toHaveValue('');
      await expect(page.locator('[data-chart] canvas')).toHaveCount(3);
      expect(problems).toEqual([]);
      // The broken link stays in the address bar (to be checked or copied again) until the first edit.
      await typeInto(page, 'Tokens per month', '3B');
      // (followed by the date of the oldest price its figures use, for a reader who opens it later)
      await expect.poll(() => new URL(page.url()).hash).toMatch(/^#v1j?=[A-Za-z0-9_%-]+&asof=\d{4}-\d{2}-\d{2}$/);
      await page.getByRole('button', { name: 'Dismiss this message' }).click();
      await expect(page.locator('#messages')).toBeEmpty();
    });
  }
});

test('frozen links made on 2026-11-27 keep opening to the same scenario and result', async ({ page }) => {
  const engine = await nodeEngine();
  expect(fixtures.links.length).toBeGreaterThanOrEqual(6);
  for (const fixture of fixtures.links) {
    await page.goto('about:blank');
    const problems = await openPage(page, `/${fixture.fragment}`);
    await expect(page.locator('#messages'), fixture.name).toBeEmpty();
    const scenario = await page.evaluate(() => globalThis.tcoscope.scenario());
    expect(engine.minimize(scenario).result, fixture.name).toEqual(fixture.scenario);
    expect(await pageResult(page), fixture.name).toEqual(engine.evaluate(fixture.scenario).result);
    const embed = fixture.fragment.includes('embed');
    await expect(page.locator('html')).toHaveAttribute('data-mode', embed ? 'embed' : 'full');
    if (fixture.fragment.includes('theme=dark'))
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(problems, fixture.name).toEqual([]);
  }
});

test('without CompressionStream the page writes plain-JSON links, and says why it cannot open compressed ones', async ({
  page,
  context,
}) => {
  await page.addInitScript(() => {
    delete window.CompressionStream;
    delete window.DecompressionStream;
  });
  const compressed = fixtures.links.find((l) => l.name.startsWith('preset: utilization-trap')).fragment;
  const problems = await openPage(page, `/${compressed}`);
  await expect(page.locator('#messages .notice-error')).toContainText('this browser cannot decompress it');
  await choosePreset(page, 'llama-70b-vs-gpt-4o');
  await typeInto(page, 'Tokens per month', '12B');
  const url = await settledLink(page);
  expect(new URL(url).hash).toMatch(/^#v1j=%7B/);
  const original = await pageResult(page);
  const restored = await reopen(context, url); // a plain-JSON link opens in any browser
  expect(restored.result).toEqual(original);
  expect(problems).toEqual([]);
});
