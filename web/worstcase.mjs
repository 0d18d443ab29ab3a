// worstcase.mjs — the time and memory the page takes on the largest inputs it accepts (issue 9): a link and an
// import at the engine's limits, and "How sure?" at its most samples over the longest horizon. Run after
// scripts/build: node web/worstcase.mjs [rounds]. Prints, per case, the median over rounds of the time from the
// act (navigation or file chosen) to the result on screen, the longest task seen meanwhile, and the page's JS heap
// and the engine's wasm memory afterwards. A measurement, not a test: the machine is shared and noisy.
import { chromium } from '@playwright/test';
import { deflateSync } from 'node:zlib';
import { createServer } from './serve.mjs';
import { CHROMIUM_ARGS } from '../tests/browser/playwright.config.mjs';

const rounds = Number(process.argv[2] || 3);
const only = process.argv[3]; // run only the cases whose name contains this
const server = createServer();
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });

const MAX_BYTES = 1024 * 1024; // x-tcoscope-limits.max_bytes
// x-tcoscope-limits.max_values: 10,000 keys and values together, so 4,990 unknown keys (each a key and a value)
// stay under it with the real ones.
const MOST_KEYS = 4990;
const unknownKeys = (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`x${i}`, i]));
const longest = { horizon_months: 120, uncertainty: { samples: 100_000 } };

const cases = [
  {
    name: 'link: 120 months, 100,000 samples (How sure? finished)',
    url: `#v1j=${encodeURIComponent(JSON.stringify(longest))}`,
    sampled: true,
  },
  {
    name: 'link: 4,990 unknown keys (deflated)',
    url: `#v1=${deflateSync(Buffer.from(JSON.stringify({ horizon_months: 24, ...unknownKeys(MOST_KEYS) }))).toString('base64url')}`,
  },
  {
    name: 'import: a 1 MiB file (a scenario padded with whitespace to the limit)',
    file: () => {
      const text = JSON.stringify({ horizon_months: 24 }); // not the default, so the import shows
      return Buffer.from(text.slice(0, -1) + ' '.repeat(MAX_BYTES - text.length - 16) + '}');
    },
  },
  {
    name: 'import: 4,990 unknown keys',
    file: () => Buffer.from(JSON.stringify({ horizon_months: 24, ...unknownKeys(MOST_KEYS) })),
  },
];

async function measure(c) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    globalThis.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) globalThis.__longest = Math.max(globalThis.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  let ms;
  if (c.url) {
    const t0 = Date.now();
    await page.goto(base + c.url);
    await page.waitForSelector('body[data-state="ready"]', { timeout: 120_000 });
    if (c.sampled) await page.evaluate(() => globalThis.tcoscope.sampled());
    ms = Date.now() - t0;
  } else {
    await page.goto(base);
    await page.waitForSelector('body[data-state="ready"]');
    await page.evaluate(() => (globalThis.__longest = 0));
    const buffer = c.file();
    await page.getByRole('button', { name: 'Export / import' }).click();
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Import a scenario file…' }).click(),
    ]);
    const before = await page.evaluate(() => JSON.stringify(globalThis.tcoscope.scenario()));
    const t0 = Date.now();
    await chooser.setFiles({ name: 'worst.json', mimeType: 'application/json', buffer });
    // Done when the scenario on screen changed (or a notice says why it did not) and two frames were painted.
    await page.waitForFunction(
      (b) => JSON.stringify(globalThis.tcoscope.scenario()) !== b || document.querySelector('#messages .notice-error'),
      before,
      { timeout: 120_000 },
    );
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    ms = Date.now() - t0;
  }
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize').value;
  const longestTask = await page.evaluate(() => globalThis.__longest);
  const notices = await page.evaluate(() => document.querySelector('#messages')?.innerText.slice(0, 160) ?? '');
  await context.close();
  return { ms, longestTask, heap, notices };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const c of cases) {
  if (only && !c.name.includes(only)) continue;
  const runs = [];
  for (let i = 0; i < rounds; i++) runs.push(await measure(c));
  const mb = (b) => `${(b / 1e6).toFixed(1)} MB`;
  console.log(
    `${c.name}: ${median(runs.map((r) => r.ms))} ms to the result (median of ${rounds}: ` +
      `${runs.map((r) => r.ms).join(', ')}), longest task ${Math.round(median(runs.map((r) => r.longestTask)))} ms, ` +
      `JS heap ${mb(median(runs.map((r) => r.heap)))}${runs[0].notices ? `; notice: ${runs[0].notices.replace(/\s+/g, ' ')}` : ''}`,
  );
}
await browser.close();
server.close();
