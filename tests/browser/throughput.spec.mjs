// throughput.spec.mjs — the throughput panel (will one replica fit, how fast) and the "Which GPU?" table render,
// follow the inputs, say when a model does not fit and how to make it fit, and adopt a row into the scenario.
import { test, expect } from './fixtures.mjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  openPage,
  field,
  typeInto,
  settle,
  outputs,
  pageResult,
  nodeEngine,
  seriousViolations,
  literal,
  plainLink,
} from './helpers.mjs';
import { encodeScenario, fragment } from '../../web/src/link.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shots = path.join(root, 'test-results/screenshots');

/** What the panel shows: the setup line, the VRAM bar's text equivalent, its legend and the rest as text. */
async function panel(page) {
  return page.evaluate(() => {
    const card = document.querySelector('#throughput-card');
    // Off screen the card skips rendering (content-visibility: auto), and skipped text has no innerText: lift that
    // for the read (no frame is drawn before it is put back).
    card.style.contentVisibility = 'visible';
    const text = (s) => card.querySelector(s)?.innerText.replace(/\s+/g, ' ').trim() ?? '';
    const shown = {
      setup: text('#throughput-setup'),
      bar: card.querySelector('.vram-bar').getAttribute('aria-label'),
      legend: text('.vram-legend'),
      stats: text('.tp-stats'),
      speed: text('.tp-speed'),
    };
    card.style.contentVisibility = '';
    return shown;
  });
}

const gpusResult = (page) => page.evaluate(() => globalThis.tcoscope.gpus());
/** Brings "Which GPU?" on screen (it follows the inputs only while seen) and waits for it to draw. */
async function showTable(page) {
  await page.locator('#gpus-card').scrollIntoViewIfNeeded();
  await settle(page);
  await settle(page);
}
const tableRows = (page) => page.locator('#gpus-table tbody tr:not(.gap)');
const pick = async (page, label, value) => {
  await page.getByLabel(label, { exact: true }).selectOption(value);
  await settle(page);
};
// A money cell as shown ("$12,094") as a number.
const dollars = (text) => Number(text.replace(/[^\d.]/g, ''));

test('the panel shows memory, batch, bound, speed and latency, each explained, and follows every input', async ({
  page,
}) => {
  const problems = await openPage(page);
  const card = page.locator('#throughput-card');
  await expect(card).toBeVisible();
  let before = await panel(page);
  expect(before.setup).toBe(
    'Qwen3 14B on 1× NVIDIA H100 SXM 80GB · BF16 weights, BF16 KV cache · 1,000 input + ' +
      '250 output tokens per request',
  );
  expect(before.bar).toMatch(/^Memory of one replica, 80 GB: weights 29\.6 GB, runtime 2 GB, KV cache 40\.3 GB, free /);
  expect(before.legend).toContain('KV cache, 197 sequences');
  expect(before.stats).toContain('Memory-bound');
  // No catalog row for this pair may size a fleet (finite ShareGPT runs, prefill-heavy steady runs): the model
  // sizes it, and the rows are shown for reference with the engine's reason.
  expect(before.speed).toContain('Catalog, for reference');
  expect(before.speed).toContain('Not used: it is a finite run');
  const t = (await pageResult(page)).self_host.throughput;
  expect(before.stats).toContain(`${t.batch} sequences`);

  // Every figure the engine explains carries its formula, as the other figures do.
  for (const [name, formula] of [
    ['29.6 GB', '14.8B parameters × 2 bytes (bf16)'],
    ['40.3 GB', '197 sequences × 1,250 tokens'],
    ['36.4 ms', 'max((weights + KV read)'],
    ['114 ms', 'prefill of 1,000 tokens'],
    ['10,077', '197 × (1,000 + 250) tokens'],
    ['197 sequences', 'floor((72.0 GB usable − 29.6 GB weights'],
  ]) {
    const button = card.getByRole('button', { name, exact: true });
    await expect(button).toHaveAccessibleDescription(new RegExp(literal(formula)));
  }
  await card.getByRole('button', { name: '36.4 ms' }).focus();
  await expect(page.locator('.tip')).toContainText('Time per output token');

  for (const [change, expected] of [
    [() => pick(page, 'GPU', 'h200'), { setup: /on 1× NVIDIA H200/, bar: /^Memory of one replica, 141 GB:/ }],
    [() => pick(page, 'Open model', 'llama-3.1-8b'), { setup: /^Llama 3\.1 8B Instruct on/, bar: /weights 16\.1 GB/ }],
    [() => pick(page, 'Weight precision', 'fp8'), { setup: /FP8 weights/, bar: /weights 8\.0 GB|weights 8 GB/ }],
    [
      () => typeInto(page, 'GPUs per replica', '2'),
      { setup: /on 2× NVIDIA H200/, bar: /^Memory of one replica, 282 GB:/ },
    ],
  ]) {
    await change();
    const now = await panel(page);
    expect(now.setup).toMatch(expected.setup);
    expect(now.bar).toMatch(expected.bar);
    expect(now.stats).not.toEqual(before.stats);
    before = now;
  }
  expect(problems).toEqual([]);
});

test('a 70B model on one H100 in bf16 does not fit: the panel says why and how to fit it, the last result stays', async ({
  page,
}) => {
  await openPage(page);
  const shown = await outputs(page);
  const good = await pageResult(page);
  await pick(page, 'Open model', 'llama-3.3-70b');

  const problem = page.locator('#throughput-problem');
  await expect(problem).toBeVisible();
  await expect(problem).toContainText('This replica cannot serve the model as set up');
  await expect(problem).toContainText('Llama 3.3 70B Instruct does not fit on 1× NVIDIA H100 SXM 80GB in bf16');
  await expect(problem).toContainText(/It would fit with \d+ GPUs per replica/);
  await expect(problem).toContainText('The figures below are from the last inputs that ran.');
  await expect(page.locator('body')).toHaveAttribute('data-state', 'stale');
  await expect(field(page, 'GPUs per replica')).toHaveAttribute('aria-invalid', 'true');
  // The last good result stays on screen, never a zero or an infinite throughput.
  expect(await outputs(page)).toEqual(shown);
  expect(await pageResult(page)).toEqual(good);
  expect((await panel(page)).setup).toMatch(/^Qwen3 14B on 1×/);

  // One way out: the table's other GPUs (the button takes the keyboard there)...
  await problem.getByRole('button', { name: 'Compare the GPUs that fit' }).click();
  await expect(page.locator('#gpus-heading')).toBeFocused();
  await expect(page.locator('#gpus-card')).toContainText('Llama 3.3 70B Instruct at 2B tokens a month');
  // ...another: more GPUs of this kind per replica, as "Which GPU?" sizes them.
  const gpus = await gpusResult(page);
  const smallest = gpus.options.find((o) => o.fits && o.gpu === 'h100-sxm').gpus_per_replica;
  await problem.getByRole('button', { name: `Use ${smallest} GPUs per replica` }).click();
  await settle(page);
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  await expect(problem).toBeHidden();
  expect((await page.evaluate(() => globalThis.tcoscope.scenario())).self_host.gpus_per_replica).toBe(smallest);
  expect((await panel(page)).setup).toMatch(new RegExp(`^Llama 3\\.3 70B Instruct on ${smallest}× NVIDIA H100`));
  expect(await outputs(page)).not.toEqual(shown);
});

test('with a measured figure the model still says it does not fit, and the bar shows by how much', async ({ page }) => {
  await openPage(page);
  await pick(page, 'Open model', 'llama-3.3-70b');
  await typeInto(page, 'Throughput', '3000');
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  const problem = page.locator('#throughput-problem');
  await expect(problem).toContainText('does not fit on 1× NVIDIA H100 SXM 80GB');
  await expect(problem.getByText('The figures below are from the last inputs that ran.')).toBeHidden();
  const now = await panel(page);
  expect(now.bar).toContain('weights 141.2 GB');
  expect(now.bar).toContain('more than the 72 GB usable');
  expect(now.speed).toMatch(/Modeled does not fit/);
  expect(now.speed).toMatch(/Your figure sizes the fleet .*3,000/);
});

test('a custom model shows the measured figure it runs on, and the table says what it needs', async ({ page }) => {
  const engine = await nodeEngine();
  const scenario = engine.defaults();
  scenario.self_host.model = 'custom';
  scenario.self_host.throughput.tokens_per_second_per_replica = 3000;
  await openPage(page, `/${fragment(await encodeScenario(engine.minimize(scenario).result))}`);
  const now = await panel(page);
  expect(now.setup).toMatch(/^Your model on 1× NVIDIA H100/);
  expect(now.speed).toMatch(/Your figure sizes the fleet .*3,000/);
  await expect(page.locator('#throughput-card .tp-no-model')).toContainText('modeled for catalog models');
  await expect(page.locator('.tp-memory')).toBeHidden();
  await showTable(page);
  await expect(page.locator('#gpus-body .notice')).toContainText('needs a catalog model');
  await expect(page.locator('#gpus-table')).toBeHidden();
});

test('the efficiency factors live in Advanced, which opens to show a problem inside', async ({ page }) => {
  await openPage(page);
  const advanced = page.locator('#group-self_host details.advanced');
  const mbu = field(page, 'Memory-bandwidth utilization');
  await expect(advanced).not.toHaveAttribute('open', '');
  await expect(mbu).toBeHidden();
  await advanced.locator('summary').click();
  await typeInto(page, 'Memory-bandwidth utilization', '150');
  await expect(mbu).toHaveAttribute('aria-invalid', 'true');

  // Closed by hand while the problem stands, it opens again on the next recompute...
  await advanced.locator('summary').click();
  await expect(mbu).toBeHidden();
  await typeInto(page, 'Output per request', '300');
  await expect(advanced).toHaveAttribute('open', '');
  // ...and "Go to the field" opens it and puts the keyboard there.
  await advanced.locator('summary').click();
  await page.getByRole('button', { name: 'Go to the field' }).click();
  await expect(mbu).toBeFocused();
  await typeInto(page, 'Memory-bandwidth utilization', '50');
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  expect((await page.evaluate(() => globalThis.tcoscope.scenario())).self_host.throughput.mbu).toBe(0.5);
});

test('switching the source to the model changes the capacity the fleet is sized on', async ({ page }) => {
  // TensorRT-LLM's steady-state run of Llama 3.1 8B in FP8 on one H100 at 1,000 in / 1,000 out sizes this fleet.
  const scenario = {
    self_host: {
      model: 'llama-3.1-8b',
      throughput: {
        precision: 'fp8',
        engine: 'trtllm',
        input_tokens_per_request: 1000,
        output_tokens_per_request: 1000,
      },
    },
  };
  await openPage(page, plainLink(scenario));
  const speed = page.locator('.tp-speed');
  await expect(speed.locator('tr', { hasText: 'sizes the fleet' })).toContainText('Measured');
  const measured = (await pageResult(page)).self_host;
  expect(measured.throughput.source).toBe('catalog');
  expect(measured.throughput.total_tokens_per_second_per_replica).toBe(30440);
  const capacity = page.locator('#sizing tr', { hasText: 'Replica capacity' });
  await expect(capacity).toContainText('110M tokens/h');

  await page.getByRole('radio', { name: 'Model', exact: true }).check();
  await settle(page);
  const modeled = (await pageResult(page)).self_host;
  expect(modeled.throughput.source).toBe('modeled');
  expect(modeled.throughput.total_tokens_per_second_per_replica).not.toBe(
    measured.throughput.total_tokens_per_second_per_replica,
  );
  await expect(speed.locator('tr', { hasText: 'sizes the fleet' })).toContainText('Modeled');
  await expect(capacity).not.toContainText('110M tokens/h');
  // The measured field is not used by the model: it is out of the way.
  await expect(field(page, 'Throughput')).toBeHidden();
});

test('a latency target lowers the batch and the capacity', async ({ page }) => {
  await openPage(page);
  await page.getByRole('radio', { name: 'Model', exact: true }).check();
  await settle(page);
  const free = (await pageResult(page)).self_host.throughput;
  await typeInto(page, 'p99 latency target', '20');
  const capped = (await pageResult(page)).self_host.throughput;
  expect(capped.limited_by).toBe('tpot_target');
  expect(capped.batch).toBeLessThan(free.batch);
  expect(capped.tpot_ms).toBeLessThanOrEqual(20);
  expect(capped.total_tokens_per_second_per_replica).toBeLessThan(free.total_tokens_per_second_per_replica);
  const now = await panel(page);
  expect(now.stats).toContain(
    `${capped.batch} sequences capped by the time-per-token target; memory holds ${free.batch}`,
  );
  expect(now.stats).toContain('target 20 ms (p99)');
  expect(now.speed).toContain('Modeled, no latency target');
  expect(now.legend).toContain(`KV cache, ${capped.batch} sequences`);
});

test('Which GPU? lists every option cheapest first, calls out the cheapest and highlights the current choice', async ({
  page,
}) => {
  await openPage(page);
  await showTable(page);
  const table = page.getByRole('table', { name: /^Which GPU\?/ });
  await expect(table).toBeVisible();
  await expect(table.locator('thead th[scope="col"]')).toHaveCount(9);
  const gpus = await gpusResult(page);
  const fit = gpus.options.filter((o) => o.fits);
  expect(fit.length).toBeGreaterThan(20);
  for (let i = 1; i < fit.length; i++) expect(fit[i].usd_per_month).toBeGreaterThanOrEqual(fit[i - 1].usd_per_month);

  // The 8 cheapest, then the scenario's own choice (the 43rd): 9 rows, and what lies between.
  const rows = tableRows(page);
  await expect(rows).toHaveCount(9);
  const months = (await rows.locator('td.c-month').allInnerTexts()).map(dollars);
  expect(months).toEqual([...months].sort((a, b) => a - b));
  await expect(rows.first()).toHaveClass(/cheapest/);
  await expect(rows.first().getByRole('rowheader')).toContainText('Cheapest');
  const current = page.locator('#gpus-table tr.current');
  await expect(current).toHaveCount(1);
  await expect(current.getByRole('rowheader')).toContainText('NVIDIA H100 SXM 80GB');
  await expect(current.getByRole('rowheader')).toContainText('Your choice');
  await expect(current).toContainText('Rent · Crusoe');
  await expect(current.getByRole('button', { name: /^In use/ })).toHaveAttribute('aria-disabled', 'true');
  // Where the scenario's own choice ranks, and what the callout names as cheapest, come from the engine's rows.
  const rank = gpus.options.findIndex((o) => o.current) + 1;
  expect(rank).toBeGreaterThan(9);
  await expect(page.locator('#gpus-table tr.gap')).toContainText(`${rank - 1 - 8} more options`);
  const first = fit[0];
  await expect(page.locator('.gpus-callout')).toContainText(
    `Cheapest: ${first.gpus_per_replica}× ${first.gpu_name} ${first.option === 'rent' ? `rented from ${first.provider_name}` : 'bought'}`,
  );
  await expect(page.locator('.gpus-callout')).toContainText(`ranks ${rank} of`);
  // Every row dates its price, with the source one focus away.
  await expect(rows.first().getByRole('button', { name: /^Price source, as of \d{4}/ })).toBeVisible();

  const more = page.getByRole('button', { name: `Show all ${gpus.options.length} rows` });
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  await more.click();
  await expect(tableRows(page)).toHaveCount(gpus.options.length);
  await expect(page.getByRole('button', { name: 'Show the 8 cheapest' })).toHaveAttribute('aria-expanded', 'true');
});

test('GPUs that cannot serve the model are listed last, with the reason', async ({ page }) => {
  await openPage(page);
  await pick(page, 'Open model', 'deepseek-v3');
  await showTable(page);
  const gpus = await gpusResult(page);
  const unfit = gpus.options.filter((o) => !o.fits);
  expect(unfit.length).toBeGreaterThan(0);
  expect(gpus.options.slice(-unfit.length).every((o) => !o.fits)).toBe(true);
  await expect(page.locator('.gpus-unfit-note')).toContainText(`${unfit.length} GPUs cannot serve DeepSeek-V3`);
  await page.getByRole('button', { name: /^Show all/ }).click();
  const last = tableRows(page).last();
  await expect(last).toHaveClass(/unfit/);
  await expect(last).toContainText(unfit.at(-1).gpu_name);
  await expect(last).toContainText('does not fit');
});

test('the table follows the volume while it is on screen', async ({ page }) => {
  await openPage(page);
  await showTable(page);
  const caption = page.locator('#gpus-table caption');
  await expect(caption).toContainText('at 2B tokens a month');
  const before = await gpusResult(page);
  const months = await tableRows(page).locator('td.c-month').allInnerTexts();
  await typeInto(page, 'Tokens per month', '50B');
  await showTable(page);
  await expect(caption).toContainText('at 50B tokens a month');
  const after = await gpusResult(page);
  expect(after.tokens_per_month).toBe(5e10);
  const key = (o) => `${o.gpu}|${o.option}|${o.provider}`;
  const same = after.options.find((o) => key(o) === key(before.options[0]));
  expect(same.replicas_peak).toBeGreaterThan(before.options[0].replicas_peak);
  expect(await tableRows(page).locator('td.c-month').allInnerTexts()).not.toEqual(months);
});

test('off screen the table waits, and catches up as soon as it is seen', async ({ page }) => {
  await openPage(page);
  await showTable(page);
  const caption = page.locator('#gpus-table caption');
  await expect(caption).toContainText('at 2B tokens a month');
  await page.evaluate(() => window.scrollTo(0, 0));
  await settle(page);
  await typeInto(page, 'Tokens per month', '7B');
  await settle(page);
  await expect(page.locator('.stat:nth-child(2) .big')).not.toHaveText('$12,094', { useInnerText: true });
  expect((await gpusResult(page)).tokens_per_month).toBe(2e9);
  await showTable(page);
  await expect(caption).toContainText('at 7B tokens a month');
  expect((await gpusResult(page)).tokens_per_month).toBe(7e9);
});

test('an edit redraws the table in its own frame while its rows are on screen, else in the task after it', async ({
  page,
}) => {
  await openPage(page);
  await showTable(page);
  // Scrolls so that `px` of the table's foot are on screen, waits for the observers, then edits the volume and
  // reads the table's caption in the edit's frame (a frame callback asked for after the page's) and after it.
  const edit = (px, volume) =>
    page.evaluate(
      async ({ px, volume }) => {
        const table = document.querySelector('#gpus-table');
        window.scrollTo(0, scrollY + table.getBoundingClientRect().bottom - px);
        await new Promise((r) => setTimeout(r, 200));
        const caption = () => table.querySelector('caption').textContent;
        const box = document.querySelector('[data-path="/workload/tokens_per_month"] input.num');
        box.value = volume;
        box.dispatchEvent(new Event('input', { bubbles: true }));
        const inFrame = await new Promise((r) => requestAnimationFrame(() => r(caption())));
        await new Promise((r) => setTimeout(r, 100));
        return { inFrame, after: caption() };
      },
      { px, volume },
    );
  // 20 px of its last row on screen, over the charts: no figure is seen, the frame leaves the table to the task.
  let seen = await edit(20, '3B');
  expect(seen.inFrame).toContain('at 2B tokens a month');
  expect(seen.after).toContain('at 3B tokens a month');
  // 200 px of rows on screen: drawn in the frame.
  seen = await edit(200, '4B');
  expect(seen.inFrame).toContain('at 4B tokens a month');
  expect(seen.after).toContain('at 4B tokens a month');
});

test('adopting a row puts it in the scenario and the main result, by mouse or keyboard', async ({ page }) => {
  await openPage(page);
  await showTable(page);
  const selfMonthly = page.locator('.stat:nth-child(2) .big');
  const before = await selfMonthly.innerText();
  // The cheapest rented row among those shown (the 8 cheapest).
  const options = (await gpusResult(page)).options;
  const at = options.findIndex((o) => o.option === 'rent');
  expect(at).toBeGreaterThanOrEqual(0);
  expect(at).toBeLessThan(8);
  const cheapest = options[at];
  await tableRows(page).nth(at).getByRole('button', { name: /^Use / }).click();
  await settle(page);
  let scenario = await page.evaluate(() => globalThis.tcoscope.scenario());
  expect(scenario.self_host).toMatchObject({
    gpu: cheapest.gpu,
    gpus_per_replica: cheapest.gpus_per_replica,
    deployment: 'cloud',
    cloud: { provider: cheapest.provider },
  });
  await expect(page.locator('#gpus-body .status')).toHaveText(
    `Now using ${cheapest.gpus_per_replica}× ` + `${cheapest.gpu_name} rented from ${cheapest.provider_name}.`,
  );
  // The row's all-in cost is now the page's self-hosting cost, and the row is the current choice.
  const row = tableRows(page).nth(at);
  await expect(selfMonthly).not.toHaveText(before, { useInnerText: true });
  await expect(selfMonthly).toHaveText(await row.locator('td.c-month').innerText(), { useInnerText: true });
  await expect(row).toHaveClass(/current/);
  await expect(row.getByRole('button', { name: /^In use/ })).toBeFocused();
  await expect(page.getByLabel('GPU', { exact: true })).toHaveValue(cheapest.gpu);
  await expect(field(page, 'GPUs per replica')).toHaveValue(String(cheapest.gpus_per_replica));
  expect((await pageResult(page)).self_host.usd_per_month).toBeCloseTo(cheapest.usd_per_month, 6);

  // The keyboard: the first "buy" row's button, focused and taken with Enter.
  const buyRow = tableRows(page).filter({ hasText: 'Buy' }).first();
  const buyButton = buyRow.getByRole('button', { name: /^Use / });
  await buyButton.focus();
  await page.keyboard.press('Enter');
  await settle(page);
  scenario = await page.evaluate(() => globalThis.tcoscope.scenario());
  expect(scenario.self_host.deployment).toBe('on_prem');
  expect(scenario.self_host.cloud.provider).toBeUndefined();
  await expect(field(page, 'Purchase price')).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Buy GPUs' })).toBeChecked();
  await expect(buyRow).toHaveClass(/current/);
  await expect(page.locator('#monthly')).toContainText('Hardware amortization');
});

for (const colorScheme of ['light', 'dark']) {
  test(`axe-core passes with the panel and the table on screen (${colorScheme})`, async ({ page }) => {
    test.setTimeout(240_000); // three axe-core walks: 1.8-2 min on a loaded 2-core machine (its walks are slow here)
    await page.emulateMedia({ colorScheme });
    await openPage(page);
    await page.locator('.advanced > summary').click();
    await showTable(page);
    await page.getByRole('button', { name: /^Show all/ }).click();
    expect(await seriousViolations(page, ['#throughput-card', '#gpus-card', '#group-self_host'])).toEqual([]);
    await pick(page, 'Open model', 'llama-3.3-70b');
    await expect(page.locator('#throughput-problem')).toBeVisible();
    expect(await seriousViolations(page, ['#throughput-card', '#gpus-card', '#group-self_host'])).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await pick(page, 'Open model', 'deepseek-v3');
    expect(await seriousViolations(page, ['#throughput-card', '#gpus-card', '#group-self_host'])).toEqual([]);
  });
}

const SIZES = [
  ['phone', 390, 844],
  ['desktop', 1440, 900],
];
for (const [name, width, height] of SIZES) {
  for (const colorScheme of ['light', 'dark']) {
    test(`screenshots of the panel and the table at ${width}×${height} (${colorScheme})`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme });
      await openPage(page);
      await page
        .locator('#throughput-card')
        .screenshot({ path: path.join(shots, `throughput-${name}-${colorScheme}.png`) });
      await showTable(page);
      await page.locator('#gpus-card').screenshot({ path: path.join(shots, `gpus-${name}-${colorScheme}.png`) });
      await pick(page, 'Open model', 'llama-3.3-70b');
      await page.locator('#throughput-card').screenshot({
        path: path.join(shots, `throughput-${name}-${colorScheme}-no-fit.png`),
      });
      // The page never scrolls sideways, table or not.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    });
  }
}
