// quality.spec.mjs — axe-core finds no problem in the default page and no serious or critical one anywhere else
// (light, dark, with inline errors, in the dialogs), the link-preview tags are there, and the page is captured at
// phone and desktop sizes under test-results/screenshots/ for a person to look at.
import { test, expect } from './fixtures.mjs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openPage, choosePreset, typeInto, seriousViolations } from './helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shots = path.join(root, 'test-results/screenshots');

for (const colorScheme of ['light', 'dark']) {
  test(`axe-core finds no serious or critical violations (${colorScheme})`, async ({ page }) => {
    test.setTimeout(120_000); // axe-core walks the whole page: minutes on a loaded 2-core machine
    await page.emulateMedia({ colorScheme });
    await openPage(page);
    // The default page has none at all, of any impact (two regions named alike once hid among the moderate ones).
    expect(await seriousViolations(page, [], { all: true })).toEqual([]);
    await choosePreset(page, 'on-prem-two-h100');
    await typeInto(page, 'Purchase price', '-1');
    await expect(page.locator('#notices')).toContainText('needs attention');
    expect(await seriousViolations(page)).toEqual([]);
  });
}

const SIZES = [
  ['phone', 390, 844],
  ['desktop', 1440, 900],
];
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

test('axe-core finds no serious violations in the Embed and Export dialogs or a link message', async ({ page }) => {
  test.setTimeout(120_000); // axe-core walks the whole page: minutes on a loaded 2-core machine
  await openPage(page, '/#v1=brokenlink');
  await expect(page.locator('#messages .notice-error')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  for (const [button, name] of [
    ['Embed', 'Embed this calculator'],
    ['Export / import', 'Export and import'],
  ]) {
    await page.getByRole('button', { name: button }).click();
    await expect(page.getByRole('dialog', { name })).toBeVisible();
    expect(await seriousViolations(page), name).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name })).toBeHidden();
    await expect(page.getByRole('button', { name: button })).toBeFocused(); // focus comes back to its button
  }
});

test('screenshots of the dialogs on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openPage(page);
  await choosePreset(page, 'utilization-trap');
  for (const [button, file] of [
    ['Embed', 'embed-dialog-phone'],
    ['Export / import', 'export-dialog-phone'],
  ]) {
    await page.getByRole('button', { name: button }).click();
    await page.waitForTimeout(200);
    await page.screenshot({ path: path.join(shots, `${file}.png`) });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.keyboard.press('Escape');
  }
});

test('link previews: title, description and Open Graph tags on both pages', async ({ page }) => {
  for (const url of ['/', pathToFileURL(path.join(root, 'dist/tcoscope.html')).href]) {
    await openPage(page, url);
    const meta = (selector) => page.locator(`meta[${selector}]`).getAttribute('content');
    const description = await meta('name="description"');
    expect(description.length).toBeGreaterThan(80);
    expect(description.length).toBeLessThanOrEqual(300);
    expect(await meta('property="og:title"')).toContain('self-host an open-weight LLM, or pay per token?');
    expect(await meta('property="og:description"')).toBe(description);
    expect(await meta('property="og:type"')).toBe('website');
    expect(await meta('property="og:site_name"')).toBe('tcoscope');
    expect(await meta('name="twitter:card"')).toBe('summary');
    // The static title is what a link preview shows; the tab then names the scenario.
    expect(await page.title()).toBe('Support assistant, 2B tokens/month · tcoscope');
  }
  const html = await (await page.request.get('/')).text();
  expect(html).toMatch(/<title>tcoscope — self-host an open-weight LLM, or pay per token\?<\/title>/);
});
