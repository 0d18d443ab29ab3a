// helpers.mjs — shared steps for the page's browser tests: open the page, pick a preset, read what it shows.
import { expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { TEST_DAY } from './fixtures.mjs';

/** A link that carries the scenario as plain JSON (v1j=, always read), then `extra` parts ("&cur=…"). */
export const plainLink = (scenario, extra = '') => `/#v1j=${encodeURIComponent(JSON.stringify(scenario))}${extra}`;

/**
 * Opens the page (a fresh load, even when only the fragment differs from the current address) and returns the
 * console errors and uncaught exceptions seen from then on.
 */
export async function openPage(page, url = '/') {
  const problems = [];
  if (page.url() !== 'about:blank') await page.goto('about:blank');
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(url);
  // The live engine takes over in well under a second here; on a machine loaded by both workers and the sanitize
  // build beside them it has taken over 5 s (expect's default). Speed is measured by scripts/bench, not here.
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
  return problems;
}

export async function choosePreset(page, id) {
  await page.getByLabel('Scenario').selectOption(id);
  await settle(page);
}

/** `text` as a regular expression that matches it literally (for a RegExp built around it). */
export const literal = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The field's text box, found by its visible label. */
export const field = (page, label) => page.getByRole('textbox', { name: new RegExp(`^${literal(label)}`) });

/** Replaces a field's text the way a person does (select all, type). */
export async function typeInto(page, label, text) {
  const box = field(page, label);
  await box.fill(text);
  await settle(page);
}

/** Waits until the batched recompute has run and "How sure?" has sampled the scenario on screen. */
export async function sampled(page) {
  await settle(page);
  await page.evaluate(() => globalThis.tcoscope.sampled());
}

/** Waits until the batched recompute has run (two animation frames). */
export async function settle(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Everything the page shows as a result, part by part, to compare before and after a change. */
export async function outputs(page) {
  return page.evaluate(() => {
    // innerText: what is rendered, without the hidden formula descriptions. The sections off screen skip
    // rendering (content-visibility: auto) and skipped text has no innerText: lifted for the read.
    const skipping = [...document.querySelectorAll('#details > section.card')];
    for (const el of skipping) el.style.contentVisibility = 'visible';
    const text = (s) => document.querySelector(s)?.innerText.replace(/\s+/g, ' ').trim() ?? '';
    const marker = (s) => {
      const m = document.querySelector(`.marker.${s}`);
      return m && !m.hidden ? `|${m.innerText}@${m.style.left}` : '';
    };
    const shown = {
      verdict: text('#verdict-sentence'),
      reasons: text('#reasons'),
      apiMonthly: text('.stat[data-stat="api"] .big'),
      selfMonthly: text('.stat[data-stat="self"] .big'),
      hybridMonthly: text('.stat[data-stat="hybrid"] .big'),
      noHybrid: document.querySelector('#no-hybrid:not([hidden])')?.innerText.trim() ?? '',
      breakeven: text('.stat[data-stat="breakeven"]'),
      utilization: text('.stat[data-stat="utilization"]'),
      payback: text('.stat[data-stat="payback"]'),
      monthly: text('#monthly'),
      perMtok: text('#per-mtok'),
      volumeChart: text('#volume-caption') + marker('breakeven') + marker('current'),
      cumulativeChart: text('#cumulative-caption') + marker('payback'),
      loadChart: text('#load-caption'),
    };
    for (const el of skipping) el.style.contentVisibility = '';
    return shown;
  });
}

/**
 * Renders the cards of the details that skip rendering off screen (content-visibility: auto), for the rest of the
 * page's life: skipped text has no innerText, and a test that reads it as rendered needs it there.
 */
export async function renderDetails(page) {
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('#details > section.card')) el.style.contentVisibility = 'visible';
  });
}

/** The left edge (px) of a chart marker, or null when it is not shown. */
export async function markerX(page, cls) {
  const m = page.locator(`.marker.${cls}`);
  if (!(await m.isVisible())) return null;
  return (await m.boundingBox()).x;
}

/** The engine's result on screen, as data (the page's tcoscope.result(): the engine's JSON, value for value). */
export const pageResult = (page) => page.evaluate(() => globalThis.tcoscope.result());

/** Waits until the address bar holds the link to what is on screen, and returns that URL. */
export async function settledLink(page) {
  await expect
    .poll(() => page.evaluate(async () => location.href === (await globalThis.tcoscope.link())), { timeout: 5000 })
    .toBe(true);
  return page.url();
}

let engine = null;
/**
 * The wasm engine in node (the same module the page runs): { evaluate, minimize, sensitivity, presets, defaults,
 * schema, catalog }.
 */
export async function nodeEngine() {
  if (!engine) {
    const { createRequire } = await import('node:module');
    const { execFileSync } = await import('node:child_process');
    const cliPath = (await import('node:url')).fileURLToPath(
      new URL('../../build/native/engine/tcoscope', import.meta.url),
    );
    const m = await createRequire(import.meta.url)('../../build/wasm/engine/wasm/tcoscope.js')();
    const call = (fn) => (scenario) => JSON.parse(m[fn](JSON.stringify(scenario)));
    // The page evaluates as of its today (its prices' ages: prices.js), the tests' fixed day: so does this engine.
    const today = TEST_DAY;
    engine = {
      evaluate: (scenario) => JSON.parse(m.evaluateWith(JSON.stringify(scenario), '', today)),
      minimize: call('minimize'),
      sensitivity: call('sensitivity'),
      // The CLI's too: the module has no presets compiled in (the page's boot data carries them).
      presets: () => JSON.parse(execFileSync(cliPath, ['presets', '--format', 'json'])),
      catalog: () => JSON.parse(m.catalog()),
      defaults: () => JSON.parse(m.defaults()),
      // The CLI's: the module the page loads has no schema() (the page's boot data carries this one).
      schema: () => JSON.parse(execFileSync(cliPath, ['schema'])),
    };
  }
  return engine;
}

const axeSource = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/**
 * axe-core's violations on the page (or only inside the `include` selectors), as lines: the serious and critical
 * ones, or with `all`, every one whatever its impact. axe-core runs in the page itself, put there through the
 * DevTools protocol (the page's CSP does not apply), with its default rules. Only violations are gathered
 * (resultTypes) and only these lines come back: a walk of "Which GPU?" takes 1.5 s here, against 7 s through
 * @axe-core/playwright (dropped for this), which finishes each walk in a new page. The page has no frames for
 * axe-core to enter (a test that makes one fails here rather than skipping it).
 */
export async function seriousViolations(page, include = [], { all = false } = {}) {
  expect(page.frames(), 'axe-core walks only the top document here').toHaveLength(1);
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource);
  return page.evaluate(
    async ({ include, all }) => {
      const context = include.length ? { include } : document;
      const { violations } = await globalThis.axe.run(context, { resultTypes: ['violations'], iframes: false });
      return violations
        .filter((v) => all || v.impact === 'serious' || v.impact === 'critical')
        .map(
          (v) =>
            `${v.id} (${v.impact}): ${v.help} (${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(', ')})`,
        );
    },
    { include, all },
  );
}

/**
 * The wiki summary (Markdown) of the open Export dialog, once it is written for the scenario on screen: the dialog
 * writes it when "How sure?" has sampled, so a read right after opening finds it empty, or still the last
 * scenario's. Written, it ends with the scenario's link.
 */
export async function summaryOf(page, dialog) {
  const box = dialog.getByLabel('Verdict, results and inputs as tables');
  const link = await page.evaluate(() => globalThis.tcoscope.link());
  await expect(box).toHaveValue(new RegExp(`\\(${literal(link)}\\)`));
  return box.inputValue();
}

/** Opens the Export and import dialog. */
export async function exportDialog(page) {
  await page.getByRole('button', { name: 'Export / import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export and import' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Clicks a download button in dialog and returns the file's name and text. */
export async function downloaded(page, dialog, name) {
  const [file] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name }).click()]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

/**
 * A chart's plot box, scrolled into view and settled: the long sections above it skip layout while off screen
 * (content-visibility: auto) and take their real height as the scroll brings them near, which can move the chart
 * after the scroll. The box is returned once it is the same in two frames in a row.
 */
export async function chartBox(page, chart) {
  const over = page.locator(`[data-chart="${chart}"] .plot-over`);
  await over.scrollIntoViewIfNeeded();
  let box = await over.boundingBox();
  for (let i = 0; i < 50; i++) {
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const next = await over.boundingBox();
    if (next && box && next.x === box.x && next.y === box.y && next.width === box.width) return next;
    await over.scrollIntoViewIfNeeded();
    box = await over.boundingBox();
  }
  throw new Error(`the ${chart} chart does not settle after scrolling to it`);
}

/**
 * The renderer's main thread in a Chromium trace (browser.stopTracing()'s buffer, with the blink.user_timing
 * category): its complete events, sorted, from the main frame's navigation, or from the page's performance mark
 * `from`, up to the mark `to` if given; t0 their origin (µs); marks the names of the page's performance marks.
 */
export function mainThreadEvents(buffer, { from = null, to = null } = {}) {
  const { traceEvents } = JSON.parse(buffer.toString());
  const nav = traceEvents.find((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame);
  const timing = traceEvents.filter((e) => e.cat?.includes('blink.user_timing'));
  const mark = (name) => {
    const m = timing.find((e) => e.name === name);
    if (!m) throw new Error(`no performance mark ${name} in the trace`);
    return m;
  };
  const pid = from ? mark(from).pid : nav.pid;
  const t0 = from ? mark(from).ts : nav.ts;
  const t1 = to ? mark(to).ts : Number.POSITIVE_INFINITY;
  const main = new Set(
    traceEvents
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const events = traceEvents
    .filter((e) => e.ph === 'X' && e.pid === pid && main.has(`${e.pid}:${e.tid}`) && e.ts >= t0 && e.ts <= t1)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const marks = timing.filter((e) => e.pid === pid).map((e) => e.name);
  return { events, t0, marks };
}

/**
 * The renderer's main-thread tasks (mainThreadEvents() with the same options): [{ at, ms, cpu }] — ms from the main
 * frame's navigation, or from the mark `from`; the task's wall time and its own time on the thread; only the tasks
 * that start before the mark `to`, if given. The thread's time is what a timing guard can rely on here: on a shared
 * 2-core machine another process's load lengthens the wall time, not that.
 */
export function mainThreadTasks(buffer, options = {}) {
  const { events, t0 } = mainThreadEvents(buffer, options);
  const out = [];
  let end = 0;
  for (const t of events) {
    if (t.name !== 'ThreadControllerImpl::RunTask' && t.name !== 'RunTask') continue;
    if (t.ts < end) continue; // inside the task before (the outermost event is the task)
    end = t.ts + t.dur;
    out.push({ at: Math.round((t.ts - t0) / 1000), ms: Math.round(t.dur / 1000), cpu: Math.round(t.tdur / 1000) });
  }
  return out;
}
