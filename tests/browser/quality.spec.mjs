// quality.spec.mjs — axe-core finds no serious or critical problem (light, dark, with inline errors), and the
// page is captured at phone and desktop sizes under test-results/screenshots/ for a person to look at.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPage, choosePreset, typeInto } from './helpers.mjs';

const shots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screenshots');

async function seriousViolations(page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

for (const colorScheme of ['light', 'dark']) {
  test(`axe-core finds no serious or critical violations (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await openPage(page);
    expect(await seriousViolations(page)).toEqual([]);
    await choosePreset(page, 'on-prem-two-h100');
    await typeInto(page, 'Purchase price', '-1');
    await expect(page.locator('#notices')).toContainText('needs attention');
    expect(await seriousViolations(page)).toEqual([]);
  });
}

const SIZES = [['phone', 390, 844], ['desktop', 1440, 900]];
for (const [name, width, height] of SIZES) {
  for (const colorScheme of ['light', 'dark']) {
    test(`screenshot at ${width}×${height} (${colorScheme})`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme });
      await openPage(page);
      await choosePreset(page, 'llama-70b-vs-gpt-4o');
      await page.screenshot({ path: path.join(shots, `${name}-${colorScheme}.png`) });
      await page.screenshot({ path: path.join(shots, `${name}-${colorScheme}-full.png`), fullPage: true });
      // The page must never scroll sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    });
  }
}

test('screenshot of a formula tooltip and of the print layout', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openPage(page);
  await page.locator('.stat:nth-child(2) .big .fig-button').hover();
  await expect(page.locator('.tip')).toBeVisible();
  await page.screenshot({ path: path.join(shots, 'desktop-tooltip.png') });
  await page.emulateMedia({ media: 'print' });
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(shots, 'print.png'), fullPage: true });
});

test('the page fits a 360 px phone without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await openPage(page);
  await choosePreset(page, 'on-prem-two-h100');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});
