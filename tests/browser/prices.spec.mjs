// prices.spec.mjs — price files on the page: an imported LiteLLM or genai-prices file prices the API by the
// expected arithmetic, stays in this browser and not in links (a link carries the prices used, as numbers), can be
// cleared; a bad file changes nothing; every price shows its date and a stale one is flagged.
import { test, expect, fixedContext } from './fixtures.mjs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPage, settle, pageResult, seriousViolations, settledLink, plainLink } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name) => readFileSync(path.join(here, 'fixtures', name), 'utf8');
const LITELLM = JSON.parse(fixture('litellm-prices.json'));
const GENAI = JSON.parse(fixture('genai-prices.json'));
const shots = path.join(here, '../../test-results/screenshots');

/** What the API costs a month for a scenario's workload at per-1M-token prices (SPEC §4's formula). */
function apiBill(scenario, { input, cached, output, batchDiscount }) {
  const w = scenario.workload;
  const mtok = w.tokens_per_month / 1e6;
  const inputCost = w.input_share * ((1 - w.cached_input_share) * input + w.cached_input_share * cached);
  const base = mtok * (inputCost + (1 - w.input_share) * output);
  return base * (1 - w.batch_share * batchDiscount);
}

/** A LiteLLM entry's prices per 1M tokens (the file gives USD per token). */
const litellmPrices = (e) => ({
  input: e.input_cost_per_token * 1e6,
  cached: (e.cache_read_input_token_cost ?? e.input_cost_per_token) * 1e6,
  output: e.output_cost_per_token * 1e6,
  batchDiscount: e.input_cost_per_token_batches ? 1 - e.input_cost_per_token_batches / e.input_cost_per_token : 0,
});

async function open(page, url = '/') {
  const problems = await openPage(page, url);
  await page.waitForFunction(() => globalThis.tcoscope); // set once the toolbar is wired, just after the first result
  return problems;
}

async function pricesDialog(page) {
  await page.getByRole('button', { name: 'Prices…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Prices: import a price file' });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function importFile(page, name, text) {
  const dialog = await pricesDialog(page);
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    dialog.getByRole('button', { name: 'Choose a price file…' }).click(),
  ]);
  await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(dialog.getByRole('status')).toContainText(`Prices imported from ${name}`);
  await settle(page);
  return dialog;
}

/** The API's monthly figure as shown (innerText: without its formula's hidden description). */
const apiText = (page) => page.evaluate(() => document.querySelector('.stat:nth-child(1) .big').innerText.trim());

test('an imported LiteLLM file prices the API by the arithmetic expected, and its link carries those prices', async ({
  page,
  browser,
}) => {
  const problems = await open(page, plainLink({ workload: { cached_input_share: 0.4, batch_share: 0.2 } }));
  const scenario = await page.evaluate(() => globalThis.tcoscope.scenario());
  const before = (await pageResult(page)).api.usd_per_month;
  const dialog = await importFile(page, 'model_prices_and_context_window.json', JSON.stringify(LITELLM));
  const expected = apiBill(scenario, litellmPrices(LITELLM['gpt-4o-mini']));
  expect(expected).toBeCloseTo(576, 6); // 2,000M tokens: 1,500M input (40% of it cached), 500M output, 20% batched
  const after = (await pageResult(page)).api.usd_per_month;
  expect(after).toBeCloseTo(expected, 6);
  expect(after).not.toBeCloseTo(before, 0);
  expect(await apiText(page)).toBe('$576');
  // The report: what was used, what was skipped and why, the keys not used.
  await expect(dialog).toContainText('1 catalog model updated, 1 added as new choices, 3 skipped');
  await dialog.getByText('Entries skipped, and why (3)').click();
  await expect(dialog).toContainText('acme/tts-voice: mode "audio_speech": not text generation');
  await dialog.getByText('Keys not used, and why (1)').click();
  await expect(dialog).toContainText('input_cost_per_token_above_200k_tokens: a long-context rate');
  await page.keyboard.press('Escape');
  // The prices used show their source and the import's day.
  await expect(page.locator('#prices-card')).toContainText('LiteLLM model_prices_and_context_window.json (imported)');
  await expect(page.locator('#prices-card tbody')).toContainText('2 Dec 2026');

  // The link holds the prices as explicit numbers, not the file: it prices the same in a browser without it.
  const url = await settledLink(page);
  const other = await fixedContext(browser);
  const reader = await other.newPage();
  const readerProblems = await openPage(reader, url);
  await reader.waitForFunction(() => globalThis.tcoscope);
  expect((await pageResult(reader)).api.usd_per_month).toBeCloseTo(expected, 6);
  expect(await reader.evaluate(() => globalThis.tcoscope.prices())).toBeNull();
  const carried = await reader.evaluate(() => globalThis.tcoscope.scenario().api);
  expect(carried).toMatchObject({ model: 'gpt-4o-mini', usd_per_mtok_input: 0.2, usd_per_mtok_output: 0.8 });
  expect(readerProblems).toEqual([]);
  await other.close();

  // The prices stay in this browser across a reload, and clearing them brings the catalog's back.
  await page.reload();
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  await page.waitForFunction(() => globalThis.tcoscope);
  expect(await page.evaluate(() => globalThis.tcoscope.prices()?.file)).toBe('model_prices_and_context_window.json');
  const again = await pricesDialog(page);
  await again.getByRole('button', { name: 'Clear the imported prices' }).click();
  await expect(again.getByRole('status')).toContainText('Imported prices cleared');
  await page.keyboard.press('Escape');
  await settle(page);
  expect(await page.evaluate(() => globalThis.tcoscope.prices())).toBeNull();
  expect(problems).toEqual([]);
});

test('a model only the file has becomes a choice, and its link opens anywhere as custom prices', async ({
  page,
  browser,
}) => {
  await open(page);
  await importFile(page, 'prices.json', JSON.stringify(LITELLM));
  await page.keyboard.press('Escape');
  await page.getByLabel('API model').selectOption('acme/frontier-large');
  await settle(page);
  const scenario = await page.evaluate(() => globalThis.tcoscope.scenario());
  const expected = apiBill(scenario, litellmPrices(LITELLM['acme/frontier-large']));
  expect(expected).toBeCloseTo(10_500, 6);
  expect((await pageResult(page)).api.usd_per_month).toBeCloseTo(expected, 6);
  expect(await apiText(page)).toBe('$10,500');
  const url = await settledLink(page);
  const other = await fixedContext(browser);
  const reader = await other.newPage();
  await openPage(reader, url);
  await reader.waitForFunction(() => globalThis.tcoscope);
  expect((await pageResult(reader)).api.usd_per_month).toBeCloseTo(expected, 6);
  expect(await reader.evaluate(() => globalThis.tcoscope.scenario().api.model)).toBe('custom');
  await other.close();
});

test('pasted genai-prices JSON updates a catalog model; a dropped price file is read as prices', async ({ page }) => {
  await open(page, plainLink({ api: { model: 'claude-haiku-4-5' } }));
  const scenario = await page.evaluate(() => globalThis.tcoscope.scenario());
  const dialog = await pricesDialog(page);
  await dialog.getByLabel('Or paste its JSON').fill(JSON.stringify(GENAI));
  await dialog.getByRole('button', { name: 'Import the pasted prices' }).click();
  await expect(dialog.getByRole('status')).toContainText('Prices imported from the pasted text');
  await page.keyboard.press('Escape');
  await settle(page);
  const p = GENAI[0].models[0].prices;
  const expected = apiBill(scenario, {
    input: p.input_mtok,
    cached: p.cache_read_mtok,
    output: p.output_mtok,
    batchDiscount: 0,
  });
  expect((await pageResult(page)).api.usd_per_month).toBeCloseTo(expected, 6);
  // prices_checked is the row's date
  await expect(page.locator('#prices-card tbody tr').first()).toContainText('20 Nov 2026');

  // Dropped on the page, a LiteLLM file is imported as prices (not refused as a scenario).
  const transfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped-prices.json', { type: 'application/json' }));
    return dt;
  }, JSON.stringify(LITELLM));
  await page.dispatchEvent('body', 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
  await expect(page.locator('#messages')).toContainText('Prices imported from dropped-prices.json');
  expect(await page.evaluate(() => globalThis.tcoscope.prices()?.file)).toBe('dropped-prices.json');
});

test('a malformed or empty price file is refused with the reason, and nothing changes', async ({ page }) => {
  await open(page);
  const before = await pageResult(page);
  const dialog = await pricesDialog(page);
  const box = dialog.getByLabel('Or paste its JSON');
  const submit = dialog.getByRole('button', { name: 'Import the pasted prices' });
  await box.fill('{"gpt-4o-mini": {');
  await submit.click();
  await expect(dialog.getByRole('status')).toContainText('was not imported');
  await expect(dialog.getByRole('status')).toContainText('not valid JSON');
  await box.fill('{"acme/embed": {"input_cost_per_token": 1e-8, "mode": "embedding"}}');
  await submit.click();
  await expect(dialog.getByRole('status')).toContainText('has no per-token prices the calculator can use');
  await box.fill('');
  await submit.click();
  await expect(dialog.getByRole('status')).toContainText('Nothing to import');
  await page.keyboard.press('Escape');
  await settle(page);
  expect(await page.evaluate(() => globalThis.tcoscope.prices())).toBeNull();
  expect(await pageResult(page)).toEqual(before);
});

test('a stale price shows its date and warning; the threshold is the scenario’s', async ({ page }) => {
  // The L40S's default rate (Vultr) is dated 2025-08-12: more than 6 months before 2026-12-02.
  const problems = await open(page, plainLink({ self_host: { gpu: 'l40s' } }, '&asof=2025-09-01'));
  const reason = page.locator('#reasons li', { hasText: 'Some prices are more than 6 months old on 2026-12-02' });
  await expect(reason).toContainText('Vultr on_demand as of 2025-08-12');
  const row = page.locator('#prices-card tbody tr', { hasText: 'GPU rental rate' });
  await expect(row).toHaveClass(/stale/);
  await expect(row).toContainText('12 Aug 2025 · stale');
  await expect(page.locator('#prices-line')).toContainText('Prices as of 12 Aug 2025 (the oldest used)');
  await expect(page.locator('#prices-line')).toContainText('one is older than 6 months');
  // The link said what its author saw.
  await expect(page.locator('#prices-line')).toContainText('the link’s author saw prices as of 1 Sep 2025');
  expect(await page.locator('#prices-card tbody tr.stale').count()).toBe(1);
  // A longer threshold, then 0 (never): the warning goes.
  const threshold = page.getByLabel('Flag prices older than');
  await threshold.fill('24');
  await threshold.press('Enter');
  await threshold.blur();
  await settle(page);
  await expect(reason).toHaveCount(0);
  await expect(page.locator('#prices-card tbody tr.stale')).toHaveCount(0);
  expect((await page.evaluate(() => globalThis.tcoscope.scenario())).prices_stale_after_months).toBe(24);
  // A bad threshold names the field.
  await threshold.fill('-3');
  await threshold.blur();
  await settle(page);
  await expect(page.locator('#prices-card .field-error')).toContainText('Flag prices older than:');
  await expect(threshold).toHaveAttribute('aria-invalid', 'true');
  expect(problems).toEqual([]);
});

test('with every price typed into the scenario the card says none carries a date, and a catalog price brings its row', async ({
  page,
}) => {
  const typed = {
    api: { usd_per_mtok_input: 1, usd_per_mtok_output: 2, usd_per_mtok_cached_input: 0.5, batch_discount: 0.5 },
    self_host: { cloud: { usd_per_gpu_hour: 2 } },
  };
  const problems = await open(page, plainLink(typed));
  const rows = page.locator('#prices-card tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows).toHaveText('Every price is typed into the scenario: none carries a date.');
  // The GPU's rate from the catalog again: its dated row replaces the line.
  await page.getByRole('textbox', { name: /^GPU rental/ }).fill('');
  await settle(page);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('GPU rental rate');
  expect(problems).toEqual([]);
});

test('prices: the dialog and the card are axe-clean and fit a 360 px phone, light and dark', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await open(page, plainLink({ self_host: { gpu: 'l40s' } }));
  await importFile(page, 'model_prices_and_context_window.json', JSON.stringify(LITELLM));
  const dialog = page.getByRole('dialog', { name: 'Prices: import a price file' });
  await dialog.getByText('Entries skipped, and why (3)').click();
  expect(await seriousViolations(page, ['#prices-dialog'])).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.screenshot({ path: path.join(shots, 'prices-dialog-360.png') });
  await page.keyboard.press('Escape');
  expect(await seriousViolations(page, ['#prices-card', '.verdict'])).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.locator('#prices-card').screenshot({ path: path.join(shots, 'prices-card-360-light.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.locator('#prices-card').screenshot({ path: path.join(shots, 'prices-card-360-dark.png') });
  await page.setViewportSize({ width: 1280, height: 900 });
  await settle(page);
  await page.locator('.verdict').screenshot({ path: path.join(shots, 'verdict-prices-1280-dark.png') });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.locator('#prices-card').screenshot({ path: path.join(shots, 'prices-card-1280-light.png') });
});
