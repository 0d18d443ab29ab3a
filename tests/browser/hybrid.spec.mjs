// hybrid.spec.mjs — the third option on the page (issue 11): when the engine finds a self-hosted floor with API
// overflow cheaper than both pure options, it stands beside them in every comparison (verdict, costs by component,
// cost per 1M tokens, both cost charts), the week shows what the floor serves and what overflows, links and
// exports carry it with the engine's figures; when there is none, the page says why and draws no empty column.
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  openPage,
  choosePreset,
  settle,
  sampled,
  pageResult,
  nodeEngine,
  settledLink,
  seriousViolations,
} from './helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shots = path.join(root, 'test-results/screenshots');

const HYBRID = 'llama-70b-vs-gpt-4o'; // a floor of 1 replica serves 99.6% of the tokens (engine)

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
