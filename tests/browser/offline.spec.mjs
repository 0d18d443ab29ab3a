// offline.spec.mjs — the page asks for nothing beyond its own files; dist/tcoscope.html, and the served page saved
// with "Save page as", work from file:// with every network request blocked.
import { test, expect, fixedContext } from './fixtures.mjs';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createServer } from '../../web/serve.mjs';
import { openPage, choosePreset, typeInto, nodeEngine } from './helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// tcoscope.wasm streams in; tcoscope.js (the same bytes as a script) is only for copies saved with "Save page as".
const OWN_FILES = ['/', '/app.css', '/app.js', '/tcoscope.wasm'];

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
  expect([...new Set(seen)].sort()).toEqual(OWN_FILES); // the server saw the same: no favicon.ico, no fetches
});

test('both pages carry a strict Content-Security-Policy', async ({ page }) => {
  for (const url of ['/', pathToFileURL(path.join(root, 'dist/tcoscope.html')).href]) {
    await openPage(page, url);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("'wasm-unsafe-eval'");
    expect(csp).not.toContain("'unsafe-inline'");
    expect(csp).not.toMatch(/https?:|\*/);
  }
});

test('dist/tcoscope.html works from file:// with every network request blocked', async ({ browser }) => {
  const context = await fixedContext(browser, { offline: true });
  const page = await context.newPage();
  const attempted = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
    attempted.push(url);
    return route.abort();
  });
  const file = pathToFileURL(path.join(root, 'dist/tcoscope.html')).href;
  const problems = await openPage(page, file);
  await expect(page.locator('#verdict-sentence')).toHaveText(/^(Keep the API|Self-host)/);
  await choosePreset(page, 'steady-high-volume-small-model');
  await expect(page.locator('#verdict-sentence')).toHaveText(/^Self-host:/);
  await expect(page.locator('[data-chart] canvas')).toHaveCount(3);
  const firstResultMs = await page.evaluate(() => performance.getEntriesByName('tcoscope:first-result')[0]?.startTime);
  console.log(`file:// first result painted after ${firstResultMs?.toFixed(0)} ms`);
  expect(firstResultMs).toBeLessThan(2000); // the 300 ms target is measured by the bench, not asserted here
  expect(problems).toEqual([]);
  expect(attempted).toEqual([]);
  await context.close();
});

/** A context with networking off and every non-file request aborted; `attempted` lists what was tried. */
async function offlineContext(browser) {
  const context = await fixedContext(browser, { offline: true });
  const attempted = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    attempted.push(url);
    return route.abort();
  });
  return { context, attempted };
}

test('"Save page as" of the served page works from file:// with every network request blocked', async ({
  page,
  browser,
}) => {
  // Save the page as Chromium's "Webpage, complete" does: the DOM as drawn (not the original HTML), with its
  // files in index_files/ and the references rewritten to them.
  await openPage(page);
  await choosePreset(page, 'on-prem-two-h100');
  await typeInto(page, 'Tokens per month', '14B');
  // The page keeps the link to what it shows on <html data-link>, a moment after the last edit.
  await expect
    .poll(() =>
      page.evaluate(
        async () => `#${document.documentElement.dataset.link}` === new URL(await globalThis.tcoscope.link()).hash,
      ),
    )
    .toBe(true);
  const shown = await page.evaluate(() => globalThis.tcoscope.result());
  let html = await page.evaluate(
    () =>
      `<!DOCTYPE html>\n<!-- saved from url=(${String(location.href.length).padStart(4, '0')})` +
      `${location.href} -->\n${document.documentElement.outerHTML}`,
  );
  const dir = mkdtempSync(path.join(tmpdir(), 'tcoscope-saved-'));
  mkdirSync(path.join(dir, 'tcoscope_files'));
  for (const name of ['app.css', 'app.js', 'tcoscope.js']) {
    const response = await page.request.get(`/${name}`);
    writeFileSync(path.join(dir, 'tcoscope_files', name), await response.body());
    const before = html;
    html = html.replace(new RegExp(`(src|href)="${name.replace('.', '\\.')}"`), `$1="./tcoscope_files/${name}"`);
    expect(html, `${name} is referenced by the page`).not.toBe(before);
  }
  writeFileSync(path.join(dir, 'tcoscope.html'), html);

  const { context, attempted } = await offlineContext(browser);
  const saved = await context.newPage();
  const problems = [];
  saved.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  saved.on('pageerror', (e) => problems.push(e.message));
  await saved.goto(pathToFileURL(path.join(dir, 'tcoscope.html')).href);
  await expect(saved.locator('body')).toHaveAttribute('data-state', 'ready');
  // It opens on the scenario it showed, drawn once (not on top of the saved drawing).
  expect(await saved.evaluate(() => globalThis.tcoscope.result())).toEqual(shown);
  await expect(saved.locator('#inputs fieldset.group')).toHaveCount(5);
  // Five figures, and the hybrid's card when the scenario has one (at 14B a floor pays); what the script adds
  // outside the drawn parts (the why-no-hybrid line, the hybrid's chart keys) is there once, not twice.
  await expect(saved.locator('.stat')).toHaveCount(shown.hybrid?.kind === 'mix' ? 6 : 5);
  await expect(saved.locator('#no-hybrid')).toHaveCount(1);
  await expect(saved.locator('.legend .key')).toHaveCount(await page.locator('.legend .key').count());
  await expect(saved.locator('[data-chart] canvas')).toHaveCount(3);
  await expect(saved.locator('dialog')).toHaveCount(4); // Embed, Export, Prices and Currency, not eight
  await saved.getByRole('radio', { name: 'Rent GPUs' }).check();
  await expect(saved.locator('#monthly')).toContainText('GPU rental');
  // The saved DOM carries the style attributes the scripts had set; the page's CSP refuses them as it parses
  // (the boot then redraws everything). Those refusals are the only console errors allowed.
  expect(
    problems.filter((p) => !/^Applying inline style violates the following Content Security Policy/.test(p)),
  ).toEqual([]);
  expect(attempted).toEqual([]);
  await context.close();
});

test('dist/tcoscope.html from file:// opens share links, with every network request blocked', async ({ browser }) => {
  const fixtures = JSON.parse(readFileSync(path.join(root, 'tests/browser/fixtures/links.json'), 'utf8'));
  const fixture = fixtures.links.find((l) => l.name.startsWith('edited: llama'));
  const { context, attempted } = await offlineContext(browser);
  const page = await context.newPage();
  const problems = await openPage(page, pathToFileURL(path.join(root, 'dist/tcoscope.html')).href + fixture.fragment);
  const { result } = (await nodeEngine()).evaluate(fixture.scenario);
  expect(await page.evaluate(() => globalThis.tcoscope.result())).toEqual(result);
  await expect(page.locator('#messages')).toBeEmpty();
  // Exports work offline too (Blob downloads, nothing fetched).
  await page.getByRole('button', { name: 'Export / import' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the scenario' }).click(),
  ]);
  expect(JSON.parse(readFileSync(await download.path(), 'utf8'))).toEqual(fixture.scenario);
  expect(problems).toEqual([]);
  expect(attempted).toEqual([]);
  await context.close();
});
