// helpers.mjs — shared steps for the page's browser tests: open the page, pick a preset, read what it shows.
import { expect } from '@playwright/test';

/** Opens the page, failing the test on any console error or uncaught exception. */
export async function openPage(page, url = '/') {
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(url);
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  return problems;
}

export async function choosePreset(page, id) {
  await page.getByLabel('Scenario').selectOption(id);
  await settle(page);
}

/** The field's text box, found by its visible label. */
export const field = (page, label) =>
  page.getByRole('textbox', { name: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });

/** Replaces a field's text the way a person does (select all, type). */
export async function typeInto(page, label, text) {
  const box = field(page, label);
  await box.fill(text);
  await settle(page);
}

/** Waits until the batched recompute has run (two animation frames). */
export async function settle(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Everything the page shows as a result, part by part, to compare before and after a change. */
export async function outputs(page) {
  return page.evaluate(() => {
    // innerText: what is rendered, without the hidden formula descriptions.
    const text = (s) => document.querySelector(s)?.innerText.replace(/\s+/g, ' ').trim() ?? '';
    const marker = (s) => {
      const m = document.querySelector(`.marker.${s}`);
      return m && !m.hidden ? `|${m.innerText}@${m.style.left}` : '';
    };
    return {
      verdict: text('#verdict-sentence'),
      reasons: text('#reasons'),
      apiMonthly: text('.stat:nth-child(1) .big'),
      selfMonthly: text('.stat:nth-child(2) .big'),
      breakeven: text('.stat:nth-child(3)'),
      utilization: text('.stat:nth-child(4)'),
      payback: text('.stat:nth-child(5)'),
      monthly: text('#monthly'),
      perMtok: text('#per-mtok'),
      volumeChart: text('#volume-caption') + marker('breakeven') + marker('current'),
      cumulativeChart: text('#cumulative-caption') + marker('payback'),
      loadChart: text('#load-caption'),
    };
  });
}

/** The left edge (px) of a chart marker, or null when it is not shown. */
export async function markerX(page, cls) {
  const m = page.locator(`.marker.${cls}`);
  if (!(await m.isVisible())) return null;
  return (await m.boundingBox()).x;
}
