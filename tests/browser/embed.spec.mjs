// embed.spec.mjs — the embed mode inside <iframe sandbox="allow-scripts"> on another site's page: it works without
// storage, posts {type: "tcoscope:height", height}, and the Embed dialog's snippet, pasted into a page, shows the same
// scenario. dist/embed-example.html does the same; screenshots go to test-results/screenshots/.
import { test, expect } from './fixtures.mjs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PORT } from './playwright.config.mjs';
import { openPage, choosePreset, typeInto, pageResult, nodeEngine, seriousViolations } from './helpers.mjs';

const shots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screenshots');
const APP = `http://127.0.0.1:${PORT}`;

/** Serves one HTML page from another origin (another port), as a blog would. */
async function hostPage(html) {
  const server = http.createServer((req, res) =>
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html),
  );
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/post.html`, close: () => server.close() };
}

// The host records every height message it receives, and where it came from.
const RECORDER = `<script>
window.heights = [];
addEventListener('message', (e) => {
  if (e.data && e.data.type === 'tcoscope:height') window.heights.push({ height: e.data.height, origin: e.origin });
});
</script>`;

async function embedLink(id) {
  const engine = await nodeEngine();
  const { encodeScenario } = await import('../../web/src/link.js');
  const scenario = engine.presets().find((p) => p.id === id).scenario;
  return { link: await encodeScenario(engine.minimize(scenario).result), result: engine.evaluate(scenario).result };
}

test('embed mode works inside <iframe sandbox="allow-scripts"> on another site and reports its height', async ({
  page,
}) => {
  const { link, result } = await embedLink('llama-70b-vs-gpt-4o');
  const host = await hostPage(`<!doctype html><title>A post</title><h1>A post</h1>${RECORDER}
    <iframe id="calc" title="tcoscope" sandbox="allow-scripts" style="width:720px;height:400px;border:0"
      src="${APP}/index.html#embed&amp;${link}"></iframe>`);
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  try {
    await page.goto(host.url);
    const frame = page.frameLocator('#calc');
    await expect(frame.locator('body')).toHaveAttribute('data-state', 'ready');
    const inner = page.frames().find((f) => f.url().includes('#embed'));
    // A sandboxed frame has an opaque origin and no storage: the page must not need it.
    expect(
      await inner.evaluate(() => [
        origin,
        (() => {
          try {
            return typeof localStorage;
          } catch (e) {
            return e.name;
          }
        })(),
      ]),
    ).toEqual(['null', 'SecurityError']);
    expect(await inner.evaluate(() => globalThis.tcoscope.result())).toEqual(result);

    // Compact: the verdict, three figures, five key inputs, one chart, a link out; nothing else.
    await expect(frame.locator('#verdict-sentence')).toHaveText(/^(Self-host|Hybrid):/);
    await expect(frame.locator('.stat:visible')).toHaveCount(3);
    await expect(frame.locator('#inputs .field:visible')).toHaveCount(5);
    await expect(frame.locator('canvas')).toHaveCount(1);
    await expect(frame.locator('#reasons')).toBeHidden();
    await expect(frame.locator('.toolbar')).toBeHidden();
    await expect(frame.locator('#open-full')).toHaveAttribute('href', new RegExp(`^${APP}/index\\.html#v1=`));

    // The height messages: from the sandboxed frame (origin "null"), matching its content.
    await expect.poll(() => page.evaluate(() => window.heights.length)).toBeGreaterThan(0);
    const contentHeight = () =>
      inner.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    const lastHeight = () => page.evaluate(() => window.heights.at(-1));
    await expect.poll(async () => (await lastHeight()).height).toBe(await contentHeight());
    expect((await lastHeight()).origin).toBe('null');
    const wide = (await lastHeight()).height;
    // Narrower, the content reflows taller: a new message follows.
    await page.locator('#calc').evaluate((f) => {
      f.style.width = '360px';
    });
    await expect.poll(async () => (await lastHeight()).height).toBeGreaterThan(wide);
    await expect.poll(async () => (await lastHeight()).height).toBe(await contentHeight());

    // It is a working calculator: the reader's change recomputes, and the link out follows it.
    await frame.getByRole('textbox', { name: /^Tokens per month/ }).fill('1B');
    await expect(frame.locator('#verdict-sentence')).toHaveText(/^Keep the API:/);
    await expect.poll(() => frame.locator('#open-full').getAttribute('href')).not.toContain(link);
    expect(problems).toEqual([]);
  } finally {
    host.close();
  }
});

test('the full page, too, works in a sandboxed frame (no storage: no autosave, no errors)', async ({ page }) => {
  const host =
    await hostPage(`<!doctype html><iframe id="calc" sandbox="allow-scripts" style="width:1100px;height:700px"
    src="${APP}/index.html"></iframe>`);
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  try {
    await page.goto(host.url);
    const frame = page.frameLocator('#calc');
    await expect(frame.locator('body')).toHaveAttribute('data-state', 'ready');
    await frame.getByLabel('Scenario').selectOption('on-prem-two-h100');
    await frame.getByRole('textbox', { name: /^Tokens per month/ }).fill('20B');
    await expect(frame.locator('.marker.current')).toContainText('20B');
    await page.waitForTimeout(500); // past the autosave delay: it must fail quietly
    await expect(frame.locator('#messages')).toBeEmpty();
    expect(problems).toEqual([]);
  } finally {
    host.close();
  }
});

test("the Embed dialog's snippet, pasted into a page, shows the same scenario and sizes its frame", async ({
  page,
  context,
}) => {
  await openPage(page);
  await choosePreset(page, 'steady-high-volume-small-model');
  await typeInto(page, 'Tokens per month', '120B');
  const shown = await pageResult(page);
  await page.getByRole('button', { name: 'Embed' }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed this calculator' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radio', { name: 'Dark' }).check();
  await expect(dialog.getByLabel('HTML to paste')).toHaveValue(/theme=dark/);
  const snippet = await dialog.getByLabel('HTML to paste').inputValue();
  expect(snippet).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/#embed&amp;theme=dark&amp;v1=/);
  expect(snippet).toContain('sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"');
  expect(snippet).toContain('"tcoscope:height"');
  await page.screenshot({ path: path.join(shots, 'embed-dialog.png') });
  await dialog.getByRole('button', { name: 'Close' }).click();

  const host = await hostPage(`<!doctype html><meta charset="utf-8"><title>Post</title><h1>Post</h1>${snippet}`);
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  try {
    await page.goto(host.url);
    const frame = page.frameLocator('iframe');
    await expect(frame.locator('body')).toHaveAttribute('data-state', 'ready');
    await expect(frame.locator('html')).toHaveAttribute('data-theme', 'dark');
    const inner = page.frames().find((f) => f.url().includes('#embed'));
    expect(await inner.evaluate(() => globalThis.tcoscope.result())).toEqual(shown);
    // The snippet's script sized the frame to its content.
    // (The content may still grow as its confidence line arrives: compare against its height at each poll.)
    const content = () => inner.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    await expect
      .poll(
        async () =>
          (await page.locator('iframe').evaluate((f) => f.getBoundingClientRect().height)) - (await content()),
      )
      .toBe(0);

    // Its link opens the full calculator (a new tab: the snippet allows popups) on the same scenario.
    const [popup] = await Promise.all([
      context.waitForEvent('page'),
      frame.getByRole('link', { name: /Open the full calculator/ }).click(),
    ]);
    await expect(popup.locator('body')).toHaveAttribute('data-state', 'ready');
    expect(popup.url()).not.toContain('embed');
    expect(await pageResult(popup)).toEqual(shown);
    expect(problems).toEqual([]);
  } finally {
    host.close();
  }
});

test('without allow-popups the full-calculator link offers its address to copy', async ({ page }) => {
  const { link } = await embedLink('utilization-trap');
  const host = await hostPage(`<!doctype html><iframe id="calc" sandbox="allow-scripts" style="width:600px;height:900px"
    src="${APP}/index.html#embed&amp;${link}"></iframe>`);
  try {
    await page.goto(host.url);
    const frame = page.frameLocator('#calc');
    await expect(frame.locator('body')).toHaveAttribute('data-state', 'ready');
    await expect(frame.locator('#open-full')).toHaveAttribute('href', /#v1=/);
    const href = await frame.locator('#open-full').getAttribute('href');
    await frame.locator('#open-full').click();
    const box = frame.getByLabel('This page’s frame cannot open a new tab. Copy the address:');
    await expect(box).toBeVisible();
    await expect(box).toHaveValue(href);
    expect(page.context().pages()).toHaveLength(1);
  } finally {
    host.close();
  }
});

test('dist/embed-example.html embeds the calculator and sizes its frame (screenshots)', async ({ page }) => {
  for (const [name, width] of [
    ['embed-example-desktop', 1280],
    ['embed-example-phone', 390],
  ]) {
    await page.setViewportSize({ width, height: 900 });
    const problems = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await page.goto('/embed-example.html');
    const frame = page.frameLocator('iframe');
    await expect(frame.locator('body')).toHaveAttribute('data-state', 'ready');
    await expect(frame.locator('#verdict-sentence')).toHaveText(/^Keep the API:/); // the utilization trap
    const inner = page.frames().find((f) => f.url().includes('#embed'));
    // Its height changes once more when "How sure?" has sampled (the confidence line): the frame follows.
    await inner.evaluate(() => globalThis.tcoscope.sampled());
    const content = () => inner.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    await expect
      .poll(
        async () =>
          (await page.locator('iframe').evaluate((f) => f.getBoundingClientRect().height)) - (await content()),
      )
      .toBe(0);
    expect(await inner.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    // The frame's end in view (a full-page capture can leave the part of a frame below the fold unpainted).
    await page.locator('figcaption').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(shots, `${name}-end.png`) });
    await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
    expect(problems).toEqual([]);
  }
});

test('embed mode at 390 px: no sideways scrolling, no accessibility problem (screenshots)', async ({ page }) => {
  const { link } = await embedLink('on-prem-two-h100');
  await page.setViewportSize({ width: 390, height: 844 });
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    const problems = await openPage(page, `/#embed&${link}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(shots, `embed-phone-${colorScheme}.png`), fullPage: true });
    expect(await seriousViolations(page, [], { all: true })).toEqual([]);
    expect(problems).toEqual([]);
  }
});
