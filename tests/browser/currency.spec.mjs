// currency.spec.mjs — a display currency at a rate the person gives: every money figure on the page, the chart
// readouts, the engine's own sentences, the exports and the print layout follow it, with the rate and its date
// beside them; it travels in links and stays in this browser; bad input names its field; US dollars come back.
import { test, expect, fixedContext } from './fixtures.mjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  openPage,
  settle,
  pageResult,
  seriousViolations,
  settledLink,
  choosePreset,
  sampled,
  downloaded,
  chartBox,
  summaryOf,
} from './helpers.mjs';
import { checkCurrency, setCurrency, usd } from '../../web/src/format.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const shots = path.join(here, '../../test-results/screenshots');
const EUR = { code: 'EUR', usd_rate: 0.9, date: '2026-12-01' };
// A dollar amount written as the page writes it ("$525", "−$1.2k"), but not "CA$…".
const DOLLARS = /(?<![A-Za-z])\$\d/;
// A page opened from a link says that its prices are the ones the link's author saw; otherwise it is the same page.
const same = (text) => text.replace(' · as the link’s author saw them', '');

async function open(page, url = '/') {
  const problems = await openPage(page, url);
  await page.waitForFunction(() => globalThis.tcoscope);
  return problems;
}

async function currencyDialog(page) {
  await page.getByRole('button', { name: /^Currency: / }).click();
  const dialog = page.getByRole('dialog', { name: 'Display currency' });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function choose(page, { code, usd_rate, date }, { other = false } = {}) {
  const dialog = await currencyDialog(page);
  await dialog.getByLabel('Currency', { exact: true }).selectOption(other ? 'other' : code);
  if (other) await dialog.getByLabel('Currency code (ISO 4217)').fill(code);
  await dialog.getByLabel('Exchange rate').fill(String(usd_rate));
  await dialog.getByLabel('Rate date').fill(date);
  await dialog.getByRole('button', { name: 'Apply' }).click();
  return dialog;
}

/**
 * The text a person sees in the results and the cost details (no hidden formula descriptions). The long sections
 * skip rendering off screen (content-visibility: auto) and skipped text has no innerText: lifted for the read.
 */
const seen = (page, { gpus = true } = {}) =>
  page.evaluate((gpus) => {
    const parts = [document.querySelector('#results'), ...document.querySelector('#details').children].filter(
      (el) => gpus || el.id !== 'gpus-card',
    );
    const all = [...parts, document.querySelector('#howsure')];
    for (const el of all) el.style.contentVisibility = 'visible';
    const text = parts.map((el) => el.innerText).join('\n');
    for (const el of all) el.style.contentVisibility = '';
    return text;
  }, gpus);

/** The money figures in the given currency, formatted by the page's own formatter (format.js). */
function inCurrency(currency, x) {
  setCurrency(currency ? checkCurrency(currency).currency : null);
  const text = usd(x);
  setCurrency(null);
  return text;
}

test('a display currency changes every figure, the readouts, the exports and the print layout', async ({
  page,
  browser,
}) => {
  const problems = await open(page);
  await choosePreset(page, 'llama-70b-vs-gpt-4o');
  await sampled(page);
  const r = await pageResult(page);
  const before = await seen(page, { gpus: false }); // "Which GPU?" catches up only once scrolled to
  expect(before).toMatch(DOLLARS);
  const dialog = await choose(page, EUR);
  await expect(dialog.getByRole('status')).toContainText(
    'Amounts in EUR at 0.9 EUR per US dollar (rate of 2026-12-01)',
  );
  await page.keyboard.press('Escape');
  await settle(page);
  await expect(page.getByRole('button', { name: 'Currency: EUR' })).toBeVisible();
  await expect(page.locator('#currency-line')).toHaveText(
    'Amounts in EUR at 0.9 EUR per US dollar (rate of 2026-12-01); the engine computes in US dollars.',
  );
  // The engine's figures are unchanged (it counts in dollars); the page shows them in euros.
  expect(await pageResult(page)).toEqual(r);
  const apiShown = await page.evaluate(() => document.querySelector('.stat:nth-child(1) .big').innerText.trim());
  expect(apiShown).toBe(inCurrency(EUR, r.api.usd_per_month));
  expect(apiShown).toMatch(/^€/);
  const after = await seen(page);
  expect(after, 'no dollar amount is left in the results and details').not.toMatch(DOLLARS);
  expect(after).toContain(inCurrency(EUR, r.self_host.usd_per_month));
  // The engine's sentences too: the verdict's reasons carry converted amounts.
  await expect(page.locator('#reasons')).toContainText('€');
  // A figure's formula, on hover.
  await page.locator('.stat:nth-child(1) .big .fig-button').hover();
  await expect(page.locator('.tip')).toContainText('€');
  await expect(page.locator('.tip')).not.toContainText(/(?<![A-Za-z])\$\d/);
  // The chart's readout (the axes use the same formatter, on the canvas).
  const box = await chartBox(page, 'volume');
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
  await expect(page.locator('[data-readout="volume"]')).toContainText(/API €[\d,.]+/);
  await page.locator('#volume-card').screenshot({ path: path.join(shots, 'currency-volume-chart-1280-light.png') });

  // Exports: the Markdown states the rate; CSV keeps dollars and adds euros and the rate.
  await page.getByRole('button', { name: 'Export / import' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export and import' });
  const md = await summaryOf(page, exportDialog);
  expect(md).toContain(
    '_Amounts in EUR at 0.9 EUR per US dollar (rate of 2026-12-01); the engine computes in US dollars._',
  );
  expect(md).toContain(
    `| Cost per month | ${inCurrency(EUR, r.api.usd_per_month)} | ${inCurrency(EUR, r.self_host.usd_per_month)} |`,
  );
  const results = md.slice(0, md.indexOf('### Inputs'));
  expect(results, 'no dollar amount before the inputs (which stay in dollars)').not.toMatch(DOLLARS);
  const csv = (await downloaded(page, exportDialog, 'Cost vs volume')).text.trim().split('\r\n');
  expect(csv[0]).toBe(
    'tokens_per_month,api_usd_per_month,api_eur_per_month,self_host_usd_per_month,self_host_eur_per_month,hybrid_usd_per_month,hybrid_eur_per_month,eur_per_usd_2026-12-01',
  );
  const [, apiUsd, apiEur, selfUsd, selfEur, hybridUsd, hybridEur, rate] = csv[1].split(',').map(Number);
  // 12 significant digits in each column, as every CSV here writes them
  expect(apiUsd / r.curves.api_usd_per_month[0]).toBeCloseTo(1, 10);
  expect(apiEur / (r.curves.api_usd_per_month[0] * 0.9)).toBeCloseTo(1, 10);
  expect(selfEur / (r.curves.self_host_usd_per_month[0] * 0.9)).toBeCloseTo(1, 10);
  expect(selfUsd / r.curves.self_host_usd_per_month[0]).toBeCloseTo(1, 10);
  expect(hybridUsd / r.curves.hybrid_usd_per_month[0]).toBeCloseTo(1, 10);
  expect(hybridEur / (r.curves.hybrid_usd_per_month[0] * 0.9)).toBeCloseTo(1, 10);
  expect(rate).toBe(0.9);
  await exportDialog.getByRole('button', { name: 'Close' }).click();

  // On paper: the figures in euros, and the rate beside them.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('#currency-line')).toBeVisible();
  expect(await seen(page)).not.toMatch(DOLLARS);
  await page.screenshot({ path: path.join(shots, 'currency-print.png'), fullPage: false });
  await page.emulateMedia({ media: 'screen' });

  // The link carries the currency; a reader without it in their browser sees euros.
  const url = await settledLink(page);
  expect(url).toMatch(/&cur=EUR~0\.9~2026-12-01/);
  const other = await fixedContext(browser);
  const reader = await other.newPage();
  await open(reader, url);
  await expect(reader.locator('#currency-line')).toContainText('Amounts in EUR at 0.9 EUR per US dollar');
  await expect(reader.locator('#prices-line')).toContainText('as the link’s author saw them');
  await sampled(reader);
  expect(same(await seen(reader, { gpus: false }))).toBe(await seen(page, { gpus: false }));
  await other.close();

  // It stays in this browser; back to dollars restores every figure and the link loses it.
  await page.reload();
  await page.waitForFunction(() => globalThis.tcoscope);
  await expect(page.locator('#currency-line')).toContainText('Amounts in EUR');
  const back = await currencyDialog(page);
  await back.getByRole('button', { name: 'Back to US dollars' }).click();
  await page.keyboard.press('Escape');
  await settle(page);
  await expect(page.locator('#currency-line')).toBeHidden();
  await sampled(page);
  expect(same(await seen(page, { gpus: false }))).toBe(before);
  expect(await settledLink(page)).not.toContain('cur=');
  expect(problems).toEqual([]);
});

test('bad currency input names its field and changes nothing', async ({ page }) => {
  await open(page);
  await page.evaluate(() => globalThis.tcoscope.sampled()); // How sure? finished: its progress line is gone
  const before = await seen(page, { gpus: false }); // "Which GPU?" catches up only once scrolled to
  const dialog = await currencyDialog(page);
  const error = dialog.getByRole('alert');
  await dialog.getByLabel('Currency', { exact: true }).selectOption('GBP');
  await dialog.getByLabel('Exchange rate').fill('abc');
  await dialog.getByLabel('Rate date').fill('2026-12-01');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(error).toHaveText(/^Exchange rate: “abc” is not a rate; accepted: GBP per US dollar/);
  await expect(dialog.getByLabel('Exchange rate')).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByLabel('Exchange rate').fill('0');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(error).toContainText('Exchange rate: “0” is not a rate');
  await dialog.getByLabel('Exchange rate').fill('0.79');
  await dialog.getByLabel('Rate date').fill('');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(error).toHaveText('Rate date: no date given; accepted: the rate’s day as YYYY-MM-DD.');
  await dialog.getByLabel('Currency', { exact: true }).selectOption('other');
  await dialog.getByLabel('Currency code (ISO 4217)').fill('E1');
  await dialog.getByLabel('Rate date').fill('2026-12-01');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(error).toContainText('Currency code: “E1” is not a currency code');
  await page.keyboard.press('Escape');
  expect(await seen(page, { gpus: false })).toBe(before);
  await expect(page.getByRole('button', { name: 'Currency: USD' })).toBeVisible();
  // A link with a damaged currency part is a damaged link.
  await open(page, '/#v1j=%7B%7D&cur=EUR~abc~2026-12-01');
  await expect(page.locator('#messages .notice-error')).toContainText('its currency part is cut short or altered');
});

test('yen and a typed code: the symbol, whole amounts, axe-clean at 360 px, light and dark', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await open(page);
  const r = await pageResult(page);
  await choose(page, { code: 'JPY', usd_rate: 150, date: '2026-12-01' });
  const dialog = page.getByRole('dialog', { name: 'Display currency' });
  expect(await seriousViolations(page, ['#currency-dialog'])).toEqual([]);
  await page.screenshot({ path: path.join(shots, 'currency-dialog-360-light.png') });
  await page.keyboard.press('Escape');
  await settle(page);
  const api = await page.evaluate(() => document.querySelector('.stat:nth-child(1) .big').innerText.trim());
  expect(api).toBe(`¥${Math.round(r.api.usd_per_month * 150).toLocaleString('en-US')}`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  expect(await seriousViolations(page, ['.verdict', '.toolbar'])).toEqual([]);
  await page.locator('.verdict').screenshot({ path: path.join(shots, 'currency-verdict-360-light.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.locator('.verdict').screenshot({ path: path.join(shots, 'currency-verdict-360-dark.png') });
  await choose(page, { code: 'NOK', usd_rate: 10.5, date: '2026-11-30' }, { other: true });
  await expect(dialog.getByRole('status')).toContainText('Amounts in NOK at 10.5 NOK per US dollar');
  await page.keyboard.press('Escape');
  await settle(page);
  await expect(page.locator('.stat:nth-child(1) .big')).toContainText(/^NOK\u00a0[\d,]+/);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: path.join(shots, 'currency-1280-dark.png') });
});
