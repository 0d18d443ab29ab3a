// bench.mjs — page timings in headless Chromium (for scripts/bench): navigation to first result, from file:// and
// over http, an input edit to the updated display and the "Which GPU?" call (medians of many); plus the size of
// dist/, raw and gzipped.
import { chromium } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createServer } from './serve.mjs';
import { CHROMIUM_ARGS } from '../tests/browser/playwright.config.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const RUNS = 7;

async function firstResult(browser, url) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForSelector('body[data-state="ready"]');
    times.push(await page.evaluate(() => performance.getEntriesByName('tcoscope:first-result')[0].startTime));
    await page.close();
  }
  return median(times);
}

/** One edit of the volume box to the frame that shows its result (the rAF after the page's own). */
async function inputToDisplay(browser, url) {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForSelector('body[data-state="ready"]');
  const times = await page.evaluate(async () => {
    const box = document.querySelector('[data-path="/workload/tokens_per_month"] input.num');
    const out = [];
    for (let i = 0; i < 60; i++) {
      await new Promise((r) => setTimeout(r, 20));
      const t0 = performance.now();
      box.value = `${1 + (i % 40)}B`;
      box.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => r())); // runs after the page's frame callback
      out.push(performance.now() - t0);
    }
    return out.slice(10); // after warm-up
  });
  await page.close();
  return { median: median(times), max: Math.max(...times) };
}

/**
 * engine.gpus() ("Which GPU?") as the page calls it on every recompute while the table is on screen, over volume
 * edits (the page's own performance measure).
 */
async function gpusCall(browser, url) {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForSelector('body[data-state="ready"]');
  await page.locator('#gpus-card').scrollIntoViewIfNeeded();
  await page.waitForSelector('#gpus-table tbody tr');
  const times = await page.evaluate(async () => {
    const box = document.querySelector('[data-path="/workload/tokens_per_month"] input.num');
    const out = [];
    for (let i = 0; i < 60; i++) {
      box.value = `${1 + (i % 40)}B`;
      box.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      out.push(performance.getEntriesByName('tcoscope:gpus')[0].duration);
    }
    return out.slice(10);
  });
  await page.close();
  return { median: median(times), max: Math.max(...times) };
}

const server = createServer();
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const http = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const file = pathToFileURL(path.join(dist, 'tcoscope.html')).href;
  console.log(
    `page: first result from file:// (median of ${RUNS})  ${(await firstResult(browser, file)).toFixed(0)} ms`,
  );
  console.log(
    `page: first result over http (median of ${RUNS})     ${(await firstResult(browser, http)).toFixed(0)} ms`,
  );
  const edit = await inputToDisplay(browser, http);
  console.log(
    `page: input to updated display (median of 50)   ${edit.median.toFixed(1)} ms (max ${edit.max.toFixed(1)})`,
  );
  const gpus = await gpusCall(browser, http);
  console.log(
    `page: "Which GPU?" gpus() call (median of 50)  ${gpus.median.toFixed(1)} ms (max ${gpus.max.toFixed(1)})`,
  );
} finally {
  await browser.close();
  server.close();
}
for (const name of readdirSync(dist).sort()) {
  const bytes = readFileSync(path.join(dist, name));
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `size: dist/${name.padEnd(18)} ${kb(bytes.length).padStart(9)} raw ${kb(gzipSync(bytes, { level: 9 }).length).padStart(9)} gzip`,
  );
}
