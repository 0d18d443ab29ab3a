// compare.spec.mjs — scenarios side by side: pin, change inputs, the table is the engine's compare() with the
// differences marked; three scenarios travel in one link and reopen identical; the comparison exports as JSON, CSV
// and Markdown; a damaged comparison part is refused like a damaged link.
import { test, expect, fixedContext } from './fixtures.mjs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPage, settle, pageResult, seriousViolations, settledLink, typeInto } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const shots = path.join(here, '../../test-results/screenshots');
const card = (page) => page.locator('#compare');

async function open(page, url = '/') {
  const problems = await openPage(page, url);
  await page.waitForFunction(() => globalThis.tcoscope);
  return problems;
}

async function pin(page) {
  await card(page).getByRole('button', { name: 'Pin this scenario' }).click();
  await expect(card(page).getByRole('status')).toContainText('Pinned');
}

/** Waits for the comparison to follow the last edit (it waits for edits to pause) with n columns. */
async function columns(page, n) {
  await expect(card(page).locator('.compare-table').first().locator('thead th')).toHaveCount(n);
  await expect.poll(() => page.evaluate(() => globalThis.tcoscope.comparison()?.scenarios.length ?? 0)).toBe(n);
}

const tableText = (page) => page.evaluate(() => document.querySelector('#compare .compare-body').innerText);

/** Pins the default scenario, an L40S one and a 10B-token one: three pins, the last on screen. */
async function threePins(page) {
  await pin(page);
  await page.getByLabel('GPU', { exact: true }).selectOption('l40s');
  await settle(page);
  await columns(page, 2);
  await pin(page);
  await typeInto(page, 'Tokens per month', '10B');
  await columns(page, 3);
  await pin(page);
  await columns(page, 3); // the one on screen is pinned: no fourth column
}

test('pinned scenarios sit side by side, as the engine compares them, differences marked', async ({ page }) => {
  const problems = await open(page);
  await expect(card(page)).toContainText('Pin this scenario, then change inputs');
  await threePins(page);
  const cmp = await page.evaluate(() => globalThis.tcoscope.comparison());
  expect(await page.evaluate(() => globalThis.tcoscope.pins().length)).toBe(3);
  // One row per figure of the engine's comparison, in its order, the differing ones marked.
  const rows = card(page).locator('.compare-table').first().locator('tbody tr');
  await expect(rows).toHaveCount(cmp.rows.length);
  for (const [i, row] of cmp.rows.entries()) {
    await expect(rows.nth(i).locator('th')).toContainText(row.label);
    await expect(rows.nth(i)).toHaveClass(row.differs ? /differs/ : /^$/);
  }
  // The on-screen scenario's own figures are its column's: the self-hosting bill, and the lowest one is marked.
  const now = await pageResult(page);
  const selfRow = cmp.rows.find((r) => r.key === 'self_host_usd_per_month');
  expect(selfRow.values[2]).toBeCloseTo(now.self_host.usd_per_month, 6);
  const self = rows.nth(cmp.rows.indexOf(selfRow));
  await expect(self.locator('td.best')).toHaveCount(selfRow.best == null ? 0 : 1);
  await expect(self).toContainText(/differs/);
  // The inputs that differ, by path.
  await expect(card(page).locator('.inputs-diff')).toContainText('/self_host/gpu');
  await expect(card(page).locator('.inputs-diff')).toContainText('/workload/tokens_per_month');
  // The hybrid option and the confidence are rows too, when the engine gives them.
  for (const key of ['hybrid_usd_per_month', 'confidence', 'payback_month', 'breakeven_kind'])
    expect(cmp.rows.map((r) => r.key)).toContain(key);
  // A fifth is refused; unpinning frees a place.
  await page.getByLabel('GPU', { exact: true }).selectOption('a100-80gb');
  await settle(page);
  await pin(page);
  await card(page).getByRole('button', { name: 'Pin this scenario' }).click(); // the same again
  await expect(card(page).getByRole('status')).toContainText('pinned already');
  await page.getByLabel('GPU', { exact: true }).selectOption('h200');
  await settle(page);
  await card(page).getByRole('button', { name: 'Pin this scenario' }).click();
  await expect(card(page).getByRole('status')).toContainText('At most 4 scenarios are compared');
  await card(page)
    .getByRole('button', { name: /^Unpin / })
    .first()
    .click();
  expect(await page.evaluate(() => globalThis.tcoscope.pins().length)).toBe(3);
  expect(problems).toEqual([]);
});

test('a comparison of three scenarios travels in one link and reopens identical', async ({ page, browser }) => {
  await open(page);
  await threePins(page);
  const url = await settledLink(page);
  expect(url).toMatch(/#v1=[^&]+&cmp=[A-Za-z0-9_-]+&asof=\d{4}-\d{2}-\d{2}$/);
  expect(url.length).toBeLessThan(4000);
  const original = {
    pins: await page.evaluate(() => globalThis.tcoscope.pins()),
    comparison: await page.evaluate(() => globalThis.tcoscope.comparison()),
    result: await pageResult(page),
    text: await tableText(page),
  };
  const other = await fixedContext(browser);
  const reader = await other.newPage();
  const problems = await open(reader, url);
  await columns(reader, 3);
  expect(await reader.evaluate(() => globalThis.tcoscope.pins())).toEqual(original.pins);
  expect(await reader.evaluate(() => globalThis.tcoscope.comparison())).toEqual(original.comparison);
  expect(await pageResult(reader)).toEqual(original.result);
  expect(await tableText(reader)).toBe(original.text);
  await expect(reader.locator('#messages')).toBeEmpty();
  expect(reader.url()).toBe(url);
  expect(problems).toEqual([]);
  await reader.screenshot({ path: path.join(shots, 'compare-1280-light.png'), fullPage: false });
  await card(reader).screenshot({ path: path.join(shots, 'compare-card-1280-light.png') });
  await reader.emulateMedia({ colorScheme: 'dark' });
  await card(reader).screenshot({ path: path.join(shots, 'compare-card-1280-dark.png') });
  await reader.setViewportSize({ width: 360, height: 800 });
  await settle(reader);
  expect(await reader.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  expect(await seriousViolations(reader, ['#compare'], { all: true })).toEqual([]);
  await card(reader).screenshot({ path: path.join(shots, 'compare-card-360-dark.png') });
  await reader.emulateMedia({ colorScheme: 'light' });
  await card(reader).screenshot({ path: path.join(shots, 'compare-card-360-light.png') });
  await other.close();
});

test('a cut comparison part is a damaged link; a link without one opens as before', async ({ page }) => {
  await open(page);
  await threePins(page);
  const url = await settledLink(page);
  const hash = new URL(url).hash;
  const [v1, cmp] = hash.slice(1).split('&');
  // Cut inside the packed comparison: its checksum catches it; the scenario opens, nothing is pinned.
  await open(page, `/#${v1}&${cmp.slice(0, cmp.length - 12)}`);
  await expect(page.locator('#messages .notice-warning')).toContainText(
    'This link’s comparison could not be opened: its data is cut short or altered',
  );
  expect(await page.evaluate(() => globalThis.tcoscope.pins())).toEqual([]);
  expect((await page.evaluate(() => globalThis.tcoscope.scenario())).workload.tokens_per_month).toBe(10e9);
  // Cut in its last part (the prices' date), the whole link is damaged, as a cut scenario part is.
  await open(page, url.slice(0, -1));
  await expect(page.locator('#messages .notice-error')).toContainText('its prices-date part is cut short or altered');
  // The scenario part alone: the scenario on screen, nothing pinned, no message.
  await open(page, `/#${v1}`);
  await expect(page.locator('#messages')).toBeEmpty();
  expect(await page.evaluate(() => globalThis.tcoscope.pins())).toEqual([]);
  expect((await page.evaluate(() => globalThis.tcoscope.scenario())).workload.tokens_per_month).toBe(10e9);
  // A comparison with one scenario that does not validate pins the others and says which.
  const list = [{ name: 'Good' }, { workload: { input_share: 5 } }];
  await open(page, `/#${v1}&cmpj=${encodeURIComponent(JSON.stringify(list))}`);
  await expect(page.locator('#messages')).toContainText('Scenario 2: /workload/input_share');
  expect(await page.evaluate(() => globalThis.tcoscope.pins().map((p) => p.name))).toEqual(['Good']);
});

test('the comparison exports as JSON, CSV and Markdown, and joins the Markdown summary', async ({ page }) => {
  await open(page);
  await threePins(page);
  const cmp = await page.evaluate(() => globalThis.tcoscope.comparison());
  const download = async (name) => {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      card(page).getByRole('button', { name, exact: true }).click(),
    ]);
    return readFileSync(await file.path(), 'utf8');
  };
  const json = JSON.parse(await download('JSON'));
  expect(json.comparison).toEqual(cmp);
  expect(json.scenarios).toEqual(await page.evaluate(() => globalThis.tcoscope.pins()));
  expect(json.display_currency).toBeNull();
  const csv = (await download('CSV')).trim().split('\r\n');
  expect(csv[0]).toBe('figure,unit,scenario_1,scenario_2,scenario_3,differs,lowest');
  expect(csv).toHaveLength(cmp.rows.length + 2);
  const self = cmp.rows.find((r) => r.key === 'self_host_usd_per_month');
  const selfLine = csv.find((l) => l.startsWith('self_host_usd_per_month,')).split(',');
  for (const [i, v] of selfLine.slice(2, 5).entries()) expect(Number(v)).toBeCloseTo(self.values[i], 6);
  const md = await download('Markdown');
  expect(md).toContain('## Compared scenarios');
  expect(md).toContain('### Inputs that differ');
  expect(md).toContain('`/self_host/gpu`');
  // The wiki summary carries the comparison too.
  await page.getByRole('button', { name: 'Export / import' }).click();
  const summary = page.getByLabel('Verdict, results and inputs as tables');
  await expect(summary).toHaveValue(/### Compared scenarios/);
});

test('a link pasted into the open page brings its comparison, currency and prices date; parts it lacks stay', async ({
  page,
  browser,
}) => {
  // The link is a real one: three pins, euros, as shared from another browser.
  const other = await fixedContext(browser);
  const author = await other.newPage();
  await open(author);
  await threePins(author);
  await author.evaluate(() => {
    localStorage.clear();
  });
  const authored = await settledLink(author);
  const authorPins = await author.evaluate(() => globalThis.tcoscope.pins());
  const authorScenario = await author.evaluate(() => globalThis.tcoscope.scenario());
  await other.close();
  const withCurrency = `${new URL(authored).hash}&cur=EUR~0.9~2026-12-01`;

  const problems = await open(page);
  expect(await page.evaluate(() => globalThis.tcoscope.pins())).toEqual([]);
  await page.evaluate((hash) => {
    location.hash = hash;
  }, withCurrency);
  await columns(page, 3);
  expect(await page.evaluate(() => globalThis.tcoscope.pins())).toEqual(authorPins);
  const opened = await page.evaluate(() => globalThis.tcoscope.scenario());
  expect([opened.self_host.gpu, opened.workload.tokens_per_month]).toEqual([
    authorScenario.self_host.gpu,
    authorScenario.workload.tokens_per_month,
  ]);
  await expect(page.locator('#currency-line')).toContainText('Amounts in EUR at 0.9 EUR per US dollar');
  await expect(page.locator('#prices-line')).toContainText('as the link’s author saw them');
  await expect(page.locator('#messages')).toBeEmpty();
  // What the page would share now carries all of it.
  const link = await page.evaluate(() => globalThis.tcoscope.link());
  expect(link).toContain('&cur=EUR~0.9~2026-12-01');
  expect(link).toContain(new URL(authored).hash.split('&')[1]); // the comparison part

  // A plain scenario link: the scenario changes; the euros and the pins, the reader's now, stay.
  await page.evaluate(() => {
    location.hash = `#v1j=${encodeURIComponent(JSON.stringify({ workload: { tokens_per_month: 3e9 } }))}`;
  });
  await expect.poll(() => page.evaluate(() => globalThis.tcoscope.scenario().workload.tokens_per_month)).toBe(3e9);
  await expect(page.locator('#currency-line')).toContainText('Amounts in EUR');
  expect(await page.evaluate(() => globalThis.tcoscope.pins())).toEqual(authorPins);
  await expect(page.locator('#prices-line')).not.toContainText('link’s author');
  expect(problems).toEqual([]);
});
