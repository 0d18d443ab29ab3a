// offline.spec.mjs — the page asks for nothing beyond its own files, and dist/llmtco.html works from file://
// with every network request blocked.
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createServer } from '../../web/serve.mjs';
import { openPage, choosePreset, typeInto } from './helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OWN_FILES = ['/', '/app.css', '/app.js', '/llmtco.js'];

test('the served page makes zero requests beyond its own files', async ({ page }) => {
  const seen = [];
  const server = createServer({ onRequest: (method, pathname) => seen.push(pathname) });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const requested = [];
  page.on('request', (r) => requested.push(r.url()));
  try {
    const problems = await openPage(page, `${origin}/`);
    await choosePreset(page, 'on-prem-two-h100');
    await typeInto(page, 'Tokens per month', '50B');
    await page.locator('.stat:nth-child(2) .big .fig-button').hover();
    await page.getByRole('radio', { name: 'Rent GPUs' }).check();
    await page.waitForTimeout(300);
    expect(problems).toEqual([]);
  } finally {
    server.close();
  }
  const foreign = requested.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:'));
  expect(foreign).toEqual([]);
  const paths = requested.filter((u) => u.startsWith(origin)).map((u) => new URL(u).pathname);
  expect([...new Set(paths)].sort()).toEqual(OWN_FILES);
  expect([...new Set(seen)].sort()).toEqual(OWN_FILES);  // the server saw the same: no favicon.ico, no fetches
});

test('both pages carry a strict Content-Security-Policy', async ({ page }) => {
  for (const url of ['/', pathToFileURL(path.join(root, 'dist/llmtco.html')).href]) {
    await openPage(page, url);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("'wasm-unsafe-eval'");
    expect(csp).not.toContain("'unsafe-inline'");
    expect(csp).not.toMatch(/https?:|\*/);
  }
});

test('dist/llmtco.html works from file:// with every network request blocked', async ({ browser }) => {
  const context = await browser.newContext({ offline: true });
  const page = await context.newPage();
  const attempted = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
    attempted.push(url);
    return route.abort();
  });
  const file = pathToFileURL(path.join(root, 'dist/llmtco.html')).href;
  const problems = await openPage(page, file);
  await expect(page.locator('#verdict-sentence')).toHaveText(/^(Keep the API|Self-host)/);
  await choosePreset(page, 'steady-high-volume-small-model');
  await expect(page.locator('#verdict-sentence')).toHaveText(/^Self-host:/);
  await expect(page.locator('[data-chart] canvas')).toHaveCount(3);
  const firstResultMs = await page.evaluate(() => performance.getEntriesByName('llmtco:first-result')[0]?.startTime);
  console.log(`file:// first result painted after ${firstResultMs?.toFixed(0)} ms`);
  expect(firstResultMs).toBeLessThan(2000);  // the 300 ms target is measured by the bench, not asserted here
  expect(problems).toEqual([]);
  expect(attempted).toEqual([]);
  await context.close();
});
