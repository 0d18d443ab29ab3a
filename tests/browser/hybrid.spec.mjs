// hybrid.spec.mjs — the third option on the page (issue 11): when the engine finds a self-hosted floor with API
// overflow cheaper than both pure options, it stands beside them in every comparison (verdict, costs by component,
// cost per 1M tokens, both cost charts), the week shows what the floor serves and what overflows, links and
// exports carry it with the engine's figures; when there is none, the page says why and draws no empty column.
import { test, expect } from './fixtures.mjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  openPage,
  choosePreset,
  settle,
  sampled,
  outputs,
  pageResult,
  nodeEngine,
  settledLink,
  seriousViolations,
  exportDialog,
  downloaded,
  chartBox,
  renderDetails,
  summaryOf,
} from './helpers.mjs';
import { compact, percent, usd } from '../../web/src/format.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shots = path.join(root, 'test-results/screenshots');

const HYBRID = 'llama-70b-vs-gpt-4o'; // a floor of 1 replica serves 99.6% of the tokens (engine)
const NO_MIX = 'on-prem-two-h100'; // the cheapest floor is 0 replicas: the API alone

const legendKeys = (page, chart) =>
  page.locator('figure', { has: page.locator(`[data-chart="${chart}"]`) }).locator('.legend .key:visible');

/** The preset's result from the wasm engine in node: what every figure on the page must equal. */
async function engineResult(id, edit = (s) => s) {
  const engine = await nodeEngine();
  const preset = engine.presets().find((p) => p.id === id);
  const out = engine.evaluate(edit(structuredClone(preset.scenario)));
  expect(out.ok).toBe(true);
  return out.result;
}

/** Moves the pointer over a chart at a fraction of its width and returns the readout under it. */
async function readoutAt(page, chart, at) {
  const box = await chartBox(page, chart);
  await page.mouse.move(box.x + box.width * at, box.y + box.height / 2);
  return page.locator(`[data-readout="${chart}"]`).innerText();
}

test('a hybrid verdict puts the hybrid beside both options in every comparison, with the engine’s figures', async ({
  page,
}) => {
  const r = await engineResult(HYBRID);
  expect(r.verdict.choice).toBe('hybrid');
  expect(r.hybrid.kind).toBe('mix');
  const problems = await openPage(page);
  await choosePreset(page, HYBRID);
  expect(await pageResult(page)).toEqual(r);

  // The verdict: the hybrid, its margin over the runner-up (self-hosting everything), the floor.
  await expect(page.locator('#verdict-sentence')).toHaveText(
    `Hybrid: self-host a floor of 1 replica and send each hour’s overflow to the API; it costs ` +
      `${usd(r.verdict.margin_usd_per_month)} a month less than self-hosting everything, on average over 36 months.`,
    { useInnerText: true },
  );
  expect(r.verdict.runner_up).toBe('self_host');
  // The three options side by side, the verdict's marked.
  const o = await outputs(page);
  expect([o.apiMonthly, o.selfMonthly, o.hybridMonthly]).toEqual([
    usd(r.api.usd_per_month),
    usd(r.self_host.usd_per_month),
    usd(r.hybrid.usd_per_month),
  ]);
  await expect(page.locator('.stat .pick:visible')).toHaveCount(1);
  await expect(page.locator('.stat[data-stat="hybrid"] .stat-label')).toHaveText('Hybrid, the verdict');
  await expect(page.locator('.stat[data-stat="hybrid"] .sub')).toHaveText(
    `a month · ${usd(r.hybrid.usd_per_mtok)} per 1M tokens · a floor of 1 replica serves ` +
      `${percent(r.hybrid.self_served_share)}, busy ${percent(r.hybrid.utilization)}`,
    { useInnerText: true },
  );
  expect(o.noHybrid).toBe('');
  // Its formula, on focus: the floor and the overflow's API bill.
  await page.locator('.stat[data-stat="hybrid"] .big .fig-button').focus();
  await expect(page.locator('.tip')).toContainText('Hybrid per month');
  await expect(page.locator('.tip')).toContainText(`${usd(r.hybrid.overflow_api_usd_per_month, { cents: true })} API`);
  await page.keyboard.press('Escape');

  // Costs by component: a third bar and table, the floor's components and the API bill for the overflow.
  await renderDetails(page); // read as rendered (innerText)
  await expect(page.locator('#monthly .stack-row')).toHaveCount(3);
  await expect(page.locator('#monthly .stack-row').nth(2)).toHaveText(`Hybrid ${usd(r.hybrid.usd_per_month)}`, {
    useInnerText: true,
  });
  const hybridTable = page.locator('#monthly table.breakdown', { hasText: 'Hybrid, per month' });
  const rows = await hybridTable.locator('tbody tr').allInnerTexts();
  const floor = Object.entries(r.hybrid.floor_breakdown).filter(([, v]) => v !== 0);
  expect(rows).toHaveLength(floor.length + 1);
  // In the page's display order (big fixed blocks first): compared as a set, the overflow last.
  const amounts = rows.map((row) => row.split('\t').at(-1).trim());
  expect(amounts.slice(0, -1).sort()).toEqual(floor.map(([, v]) => usd(v)).sort());
  expect(amounts.at(-1)).toBe(usd(r.hybrid.overflow_api_usd_per_month));
  expect(rows.at(-1)).toContain('API for the overflow');
  expect(rows[0]).toContain('GPU rental');

  // Cost per 1M tokens: a hybrid row.
  const mtok = page.locator('#per-mtok tbody tr', { hasText: 'Hybrid, all-in' });
  await expect(mtok).toHaveCount(1);
  await expect(mtok.locator('td.num')).toHaveText(usd(r.hybrid.usd_per_mtok), { useInnerText: true });

  // Cost vs volume: a third line in the legend and under the pointer, the volume from which a floor pays.
  await expect(legendKeys(page, 'volume')).toHaveText(['API', 'Self-hosting', 'Hybrid, best floor at each volume']);
  await expect(page.locator('#volume-caption')).toContainText(
    `beats the API alone from ${compact(r.curves.hybrid_breakeven_tokens_per_month)} tokens a month`,
  );
  const volume = /^At (\S+) tokens\/month: API (\S+), self-hosting (\S+), hybrid (\S+) a month$/.exec(
    await readoutAt(page, 'volume', 0.7),
  );
  expect(volume).not.toBeNull();
  const i = r.curves.tokens_per_month.findIndex((t) => compact(t) === volume[1]);
  expect(usd(r.curves.hybrid_usd_per_month[i])).toBe(volume[4]);

  // Cumulative cost: the hybrid's line, its total in the caption and the totals.
  await expect(legendKeys(page, 'cumulative')).toHaveText(['API', 'Self-hosting', 'Hybrid']);
  await expect(page.locator('#cumulative-caption')).toContainText(`the hybrid ${usd(r.horizon.total_hybrid_usd)}`);
  await expect(page.locator('#horizon-totals')).toHaveText(
    `Totals over 36 months: API ${usd(r.horizon.total_api_usd)}, self-hosting ` +
      `${usd(r.horizon.total_self_host_usd)}, hybrid ${usd(r.horizon.total_hybrid_usd)}.`,
    { useInnerText: true },
  );
  const month = /^Month (\d+): API (\S+), self-hosting (\S+), hybrid (\S+) in total$/.exec(
    await readoutAt(page, 'cumulative', 0.5),
  );
  expect(month).not.toBeNull();
  expect(month[4]).toBe(usd(r.horizon.cumulative_hybrid_usd[Number(month[1]) - 1]));
  expect(problems).toEqual([]);
});

test('the week shows what the hybrid’s floor serves, its limit, and the hours that overflow to the API', async ({
  page,
}) => {
  const r = await engineResult(HYBRID);
  const over = r.hybrid.by_hour.overflow_tokens_per_hour;
  const served = r.hybrid.by_hour.self_served_tokens_per_hour;
  const hours = over.map((t, h) => (t > 0 ? h : -1)).filter((h) => h >= 0);
  expect(hours.length).toBeGreaterThan(0);
  expect(hours.length).toBeLessThan(168);
  // Runs of consecutive overflowing hours, as the strip under the chart marks them.
  const runs = hours.filter((h, k) => k === 0 || hours[k - 1] !== h - 1).length;
  await openPage(page);
  await choosePreset(page, HYBRID);
  await expect(legendKeys(page, 'load')).toHaveText([
    'Demand',
    'Provisioned capacity',
    'Idle, still paid for',
    'Served by the hybrid’s floor',
    'Overflow to the API (hours marked at the foot)',
    'Floor limit',
  ]);
  await expect(page.locator('#load-caption')).toContainText(
    `The hybrid’s floor of 1 replica is busy ${percent(r.hybrid.utilization)} of the time; in ` +
      `${hours.length} of the week’s 168 hours demand rises above it and the rest, ` +
      `${compact(r.hybrid.overflow_tokens_per_month)} tokens a month`,
  );
  const strip = page.locator('[data-chart="load"] .spans .span:not([hidden])');
  await expect(strip).toHaveCount(runs);
  // The strip sits under the hours that overflow: the first run starts at the first such hour.
  const plot = await chartBox(page, 'load');
  const first = await strip.first().boundingBox();
  expect((first.x - plot.x) / plot.width).toBeCloseTo(hours[0] / 168, 2);

  // Under the pointer: an hour that overflows, and one the floor serves whole.
  const busiest = over.indexOf(Math.max(...over));
  const atBusiest = await readoutAt(page, 'load', (busiest + 0.5) / 168);
  expect(atBusiest).toContain(`the hybrid’s floor serves ${compact(served[busiest])}`);
  expect(atBusiest).toContain(`${compact(over[busiest])} overflow to the API`);
  const quiet = over.indexOf(0);
  expect(await readoutAt(page, 'load', (quiet + 0.5) / 168)).toContain(
    `the hybrid’s floor serves ${compact(served[quiet])}, 0 overflow to the API`,
  );
});

test('with no hybrid benefit there is no hybrid column anywhere, and one line says why', async ({ page }) => {
  const r = await engineResult(NO_MIX);
  expect(r.hybrid.kind).toBe('api_only');
  await openPage(page);
  await choosePreset(page, NO_MIX);
  await expect(page.locator('.stat')).toHaveCount(5);
  await expect(page.locator('.stat[data-stat="hybrid"]')).toHaveCount(0);
  await expect(page.locator('.stat[data-stat="api"] .pick')).toBeVisible();
  await expect(page.locator('#no-hybrid')).toHaveText(
    'No hybrid: no floor with API overflow beats the API alone over the horizon. Best floor: 0 replicas (the API alone).',
    { useInnerText: true },
  );
  await expect(page.locator('#monthly .stack-row')).toHaveCount(2);
  await expect(page.locator('#monthly table.breakdown')).toHaveCount(2);
  await expect(page.locator('#per-mtok tbody tr')).toHaveCount(4);
  await expect(page.locator('#horizon-totals')).not.toContainText('hybrid');
  await expect(page.locator('#cumulative-caption')).not.toContainText('hybrid');
  await expect(legendKeys(page, 'cumulative')).toHaveText(['API', 'Self-hosting']);
  await expect(legendKeys(page, 'load')).toHaveText(['Demand', 'Provisioned capacity', 'Idle, still paid for']);
  await expect(page.locator('[data-chart="load"] .spans .span:not([hidden])')).toHaveCount(0);
  expect(await readoutAt(page, 'cumulative', 0.5)).not.toContain('hybrid');
  // The volume chart still draws the best floor at each volume: from some volume up a floor pays.
  await expect(legendKeys(page, 'volume')).toHaveText(['API', 'Self-hosting', 'Hybrid, best floor at each volume']);
  await expect(page.locator('#volume-caption')).toContainText(
    `beats the API alone from ${compact(r.curves.hybrid_breakeven_tokens_per_month)} tokens a month`,
  );
  await sampled(page);
  await expect(page.locator('.hs-pure')).toBeHidden();
  await expect(page.locator('#verdict-confidence')).not.toContainText('the hybrid');

  // Compliance without overflow: no hybrid at all, not even on the volume chart; allowing overflow brings it back.
  await choosePreset(page, HYBRID);
  await page.getByLabel('Compliance').selectOption('hipaa');
  await settle(page);
  await expect(page.locator('.stat[data-stat="hybrid"]')).toHaveCount(0);
  await expect(page.locator('.stat[data-stat="self"] .pick')).toBeVisible();
  await expect(page.locator('#no-hybrid')).toHaveText(
    'No hybrid: HIPAA keeps every token self-hosted, so nothing may overflow to the API (“Overflow to the API is ' +
      'allowed” under Constraints changes that).',
    { useInnerText: true },
  );
  await expect(legendKeys(page, 'volume')).toHaveText(['API', 'Self-hosting']);
  await expect(page.locator('#volume-caption')).not.toContainText('hybrid');
  await page.getByLabel('Overflow to the API is allowed').check();
  await settle(page);
  await expect(page.locator('.stat[data-stat="hybrid"] .pick')).toBeVisible();
  await expect(page.locator('#no-hybrid')).toBeHidden();
  await expect(page.locator('#monthly .stack-row')).toHaveCount(3);
});

test('“How sure?” prices the hybrid’s floor when the verdict is the hybrid, and says what the rest compares', async ({
  page,
}) => {
  await openPage(page);
  await choosePreset(page, HYBRID);
  await sampled(page);
  const sens = await page.evaluate(() => globalThis.tcoscope.sensitivity());
  const result = await pageResult(page);
  // The engine counts the samples where the verdict's own floor is the cheapest option.
  const hy = sens.monte_carlo.hybrid;
  expect(hy.floor_replicas).toBe(result.hybrid.floor_replicas);
  expect(hy.probability_cheapest).toBe(hy.cheapest / sens.monte_carlo.samples);
  expect(sens.confidence.message).toMatch(
    /^(The hybrid is cheapest in |Too close to call: the hybrid is cheapest in only )/,
  );
  await expect(page.locator('#verdict-confidence')).toHaveText(`How sure? ${sens.confidence.message}`, {
    useInnerText: true,
  });
  const pure = page.locator('.hs-pure');
  await expect(pure).toBeVisible();
  const shown = (await pure.textContent()).match(/it is the cheapest option in ([\d.]+)% of the samples/);
  expect(shown, await pure.textContent()).not.toBeNull();
  expect(Number(shown[1])).toBeCloseTo(hy.probability_cheapest * 100, 1);
  await expect(pure).toContainText('compare the two pure options, the API alone and self-hosting everything');
  await expect(page.locator('.hs-flips-box h3, .hs-flips-box .hs-h3').first()).toHaveText(
    /^What would have to be true for (the API to be cheaper than self-hosting everything|self-hosting to be cheaper than the API alone)$/,
  );
  // Back to a pure verdict: the note goes.
  await page.getByRole('textbox', { name: /^Tokens per month/ }).fill('1B');
  await sampled(page);
  await expect(page.locator('#verdict-sentence')).toHaveText(/^Keep the API:/);
  await expect(page.locator('.hs-pure')).toBeHidden();
  await expect(page.locator('#verdict-confidence')).not.toContainText('pure options');
});

test('a link opens a hybrid scenario exactly as it was shown', async ({ page, context }) => {
  await openPage(page);
  await choosePreset(page, HYBRID);
  await page.getByLabel('Compliance').selectOption('soc2_type2');
  await page.getByLabel('Overflow to the API is allowed').check();
  await settle(page);
  await expect(page.locator('#verdict-sentence')).toHaveText(/^Hybrid:/);
  const url = await settledLink(page);
  const shown = { result: await pageResult(page), outputs: await outputs(page) };
  const other = await context.newPage();
  const problems = await openPage(other, url);
  expect(await pageResult(other)).toEqual(shown.result);
  expect(await outputs(other)).toEqual(shown.outputs);
  await renderDetails(page);
  await renderDetails(other);
  await expect(other.locator('#monthly')).toHaveText(await page.locator('#monthly').innerText(), {
    useInnerText: true,
  });
  await expect(other.getByLabel('Overflow to the API is allowed')).toBeChecked();
  expect(problems).toEqual([]);
});

const parseCsv = (csv) =>
  csv
    .trim()
    .split('\r\n')
    .map((line) => line.split(','));

test('the exports carry the hybrid with the engine’s figures', async ({ page }) => {
  const r = await engineResult(HYBRID);
  await openPage(page);
  await choosePreset(page, HYBRID);
  const dialog = await exportDialog(page);
  const md = await summaryOf(page, dialog);
  expect(md).toContain('|  | API | Self-hosting | Hybrid (the verdict) |');
  expect(md).toContain(
    `| Cost per month | ${usd(r.api.usd_per_month)} | ${usd(r.self_host.usd_per_month)} | ` +
      `${usd(r.hybrid.usd_per_month)} |`,
  );
  expect(md).toContain(
    `| Cost per 1M tokens, all-in | ${usd(r.api.usd_per_mtok)} | ${usd(r.self_host.usd_per_mtok)} | ` +
      `${usd(r.hybrid.usd_per_mtok)} |`,
  );
  expect(md).toContain(
    `| Total over 36 months | ${usd(r.horizon.total_api_usd)} | ${usd(r.horizon.total_self_host_usd)} | ` +
      `${usd(r.horizon.total_hybrid_usd)} |`,
  );
  expect(md).toContain(
    `| Hybrid floor | 1 replica (2 GPUs), busy ${percent(r.hybrid.utilization)}, serving ` +
      `${percent(r.hybrid.self_served_share)} of the tokens; ${compact(r.hybrid.overflow_tokens_per_month)} tokens ` +
      `a month overflow to the API for ${usd(r.hybrid.overflow_api_usd_per_month)} |`,
  );
  expect(md).toContain(`| **Hybrid** | **${usd(r.hybrid.usd_per_month)}** |`);
  expect(md).toContain(`| API for the overflow | ${usd(r.hybrid.overflow_api_usd_per_month)} |`);
  expect(md).toContain('- **Hybrid:** A self-hosted floor of 1 replica');
  expect(md).not.toContain('No hybrid');

  const volume = parseCsv((await downloaded(page, dialog, 'Cost vs volume')).text);
  expect(volume[0].at(-1)).toBe('hybrid_usd_per_month');
  volume.slice(1).forEach((row, i) => {
    expect(Number(row[3]) / r.curves.hybrid_usd_per_month[i]).toBeCloseTo(1, 10);
  });
  const months = parseCsv((await downloaded(page, dialog, 'Month by month, cumulative')).text);
  expect(months[0].slice(-2)).toEqual(['hybrid_usd', 'cumulative_hybrid_usd']);
  expect(months).toHaveLength(r.horizon.months + 1);
  months.slice(1).forEach((row, i) => {
    expect(Number(row.at(-2)) / r.horizon.hybrid_usd[i]).toBeCloseTo(1, 10);
    expect(Number(row.at(-1)) / r.horizon.cumulative_hybrid_usd[i]).toBeCloseTo(1, 10);
  });
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Without a hybrid: the summary says why, and the month-by-month file has no hybrid columns.
  await choosePreset(page, NO_MIX);
  const again = await exportDialog(page);
  const plain = await summaryOf(page, again);
  expect(plain).toContain('|  | API (the verdict) | Self-hosting |');
  expect(plain).toContain('No hybrid: no floor with API overflow beats the API alone over the horizon.');
  expect(plain).not.toContain('| Hybrid floor |');
  const pure = parseCsv((await downloaded(page, again, 'Month by month, cumulative')).text);
  expect(pure[0]).not.toContain('hybrid_usd');
});

test('the hybrid’s parts of the page have no serious accessibility problem (light and dark)', async ({ page }) => {
  test.setTimeout(120_000); // axe-core walks the results and the details: slow on a loaded 2-core machine
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    await openPage(page);
    await choosePreset(page, HYBRID);
    await sampled(page);
    expect(await seriousViolations(page, ['.verdict', '#howsure', '#details']), colorScheme).toEqual([]);
  }
});

for (const [name, width, height] of [
  ['phone', 360, 780],
  ['desktop', 1280, 900],
]) {
  for (const colorScheme of ['light', 'dark']) {
    test(`screenshot of a hybrid verdict at ${width} px (${colorScheme})`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme });
      await openPage(page);
      await choosePreset(page, HYBRID);
      await sampled(page);
      await page.screenshot({ path: path.join(shots, `hybrid-${name}-${colorScheme}.png`) });
      await page.screenshot({ path: path.join(shots, `hybrid-${name}-${colorScheme}-full.png`), fullPage: true });
      // The comparisons one by one, for a person to look at.
      const cards = {
        verdict: page.locator('.verdict'),
        monthly: page.locator('section.card', { has: page.locator('#monthly') }),
        mtok: page.locator('section.card', { has: page.locator('#per-mtok') }),
        volume: page.locator('figure', { has: page.locator('[data-chart="volume"]') }),
        cumulative: page.locator('figure', { has: page.locator('[data-chart="cumulative"]') }),
        week: page.locator('figure', { has: page.locator('[data-chart="load"]') }),
        howsure: page.locator('#howsure'),
      };
      for (const [part, card] of Object.entries(cards)) {
        await card.scrollIntoViewIfNeeded();
        await settle(page);
        await card.screenshot({ path: path.join(shots, `hybrid-${name}-${colorScheme}-${part}.png`) });
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    });
  }
}
