// bench.mjs — page timings in headless Chromium (for scripts/bench), medians of interleaved rounds, each load in a
// fresh browser context (no cache): navigation to the first result, first contentful paint, the live engine's
// result, long tasks during load, for the served site (http) and the single file (file://), side by side with a
// deliberately minimal static page of our own (an HTML table, no script, no engine: the floor) and the ratio to it;
// every long task of our loads (issue 13: none over 50 ms), with the part of the load it came in; a trace-based
// breakdown of one load (where the time goes, and what ran in each long task); an edit of the volume box to the
// painted frame, at the top of the page, with the cost charts on screen and with the rows of "Which GPU?" on
// screen (each drawn in that frame); the first evaluate() and the "Which GPU?" call; the size of dist/, raw and
// gzipped.
// `node web/bench.mjs --compare DIR` also loads another build's dist/ (e.g. a copy from before a change) in the
// same rounds; `--rounds N` sets the rounds (default 9); `--only edit` (or `--only loads`) runs one part.
import { chromium } from '@playwright/test';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { CHROMIUM_ARGS } from '../tests/browser/playwright.config.mjs';
import { createServer } from './serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const ROUNDS = Number(arg('--rounds') ?? 9);
const compareDir = arg('--compare') ? path.resolve(arg('--compare')) : null;
const only = arg('--only');
const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return Number.NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : '—');

// The floor: what the simplest static calculator is — a table of precomputed figures, no script at all.
const floorDir = mkdtempSync(path.join(tmpdir(), 'tcoscope-floor-'));
writeFileSync(
  path.join(floorDir, 'index.html'),
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Minimal static calculator</title><link rel="icon" href="data:,">
<style>body{font:16px system-ui,sans-serif;margin:2rem}td,th{padding:4px 10px;text-align:right}</style></head>
<body><h1>LLM cost per month</h1><table><thead><tr><th>Tokens/month</th><th>API</th><th>Self-host</th></tr></thead>
<tbody><tr><td>1B</td><td>$1,200</td><td>$12,000</td></tr><tr><td>10B</td><td>$12,000</td><td>$14,000</td></tr>
<tr><td>100B</td><td>$120,000</td><td>$40,000</td></tr></tbody></table></body></html>`,
);

/** Timings of one load in a fresh context: { first, fcp, live, longTasks, longMs, marks }. */
async function load(browser, url, { ours, trace = null } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    globalThis.benchLong = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) globalThis.benchLong.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  });
  if (trace) await browser.startTracing(page, { path: trace, screenshots: false });
  await page.goto(url);
  if (ours) {
    await page.waitForSelector('body[data-state="ready"]', { timeout: 30_000 });
    await page.evaluate(() => globalThis.tcoscope.sampled());
  } else {
    await page.waitForLoadState('load');
  }
  await page.waitForTimeout(100); // let the last paint and long-task entries land
  if (trace) await browser.stopTracing();
  const out = await page.evaluate(() => {
    const mark = (name) => performance.getEntriesByName(name)[0];
    const marks = Object.fromEntries(
      performance.getEntriesByType('mark').map((m) => [m.name.replace('tcoscope:', ''), m.startTime]),
    );
    const fcp = mark('first-contentful-paint')?.startTime;
    return {
      fcp,
      // A result counts once it is painted: the page's mark is set before its frame is drawn, so the first result
      // is no earlier than the first contentful paint. The floor's result is its table, there at first paint.
      first: Math.max(marks['first-result'] ?? fcp, fcp),
      firstMark: marks['first-result'] ?? fcp,
      live: marks['live-result'] ?? marks['first-result'] ?? fcp,
      firstEvaluate: mark('tcoscope:first-evaluate')?.duration,
      longTasks: globalThis.benchLong.length,
      longMs: globalThis.benchLong.reduce((a, [, d]) => a + d, 0),
      maxLong: Math.max(0, ...globalThis.benchLong.map(([, d]) => d)),
      long: globalThis.benchLong,
      marks,
    };
  });
  await context.close();
  return out;
}

/** One traced load: main-thread time by kind between navigation and the live result, and the page's own marks. */
function breakdown(tracePath) {
  const { traceEvents } = JSON.parse(readFileSync(tracePath, 'utf8'));
  const threads = new Map();
  for (const e of traceEvents)
    if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
  const navStart = traceEvents.find((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame);
  const mains = new Set([...threads].filter(([, name]) => name === 'CrRendererMain').map(([key]) => key));
  const pid = navStart?.pid;
  const t0 = navStart?.ts ?? 0;
  const KINDS = [
    ['ParseHTML', 'parse HTML'],
    ['EvaluateScript', 'run scripts'],
    ['v8.compile', 'compile scripts'],
    ['v8.wasm.compiledModule', 'wasm compile (main)'],
    ['v8.wasm.streamFromResponseCallback', 'wasm stream'],
    ['FunctionCall', 'callbacks (timers, rAF, events)'],
    ['FireAnimationFrame', 'animation frames'],
    ['UpdateLayoutTree', 'style'],
    ['Layout', 'layout'],
    ['Paint', 'paint'],
    ['MajorGC', 'GC'],
    ['MinorGC', 'GC'],
  ];
  const sums = new Map();
  for (const e of traceEvents) {
    if (e.ph !== 'X' || e.pid !== pid || !mains.has(`${e.pid}:${e.tid}`)) continue;
    const kind = KINDS.find(([name]) => name === e.name)?.[1];
    if (kind) sums.set(kind, (sums.get(kind) ?? 0) + (e.dur ?? 0) / 1000);
  }
  const marks = traceEvents
    .filter((e) => e.pid === pid && e.cat?.includes('blink.user_timing') && e.name.startsWith('tcoscope:'))
    .map((e) => [e.name.replace('tcoscope:', ''), (e.ts - t0) / 1000])
    .filter(([name, t]) => t >= 0 && name !== 'form-group');
  // The main thread's tasks over 50 ms (the tasks themselves: the outermost ones), with what ran in them.
  const main = traceEvents
    .filter((e) => e.ph === 'X' && e.pid === pid && mains.has(`${e.pid}:${e.tid}`) && e.ts >= t0)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = [];
  let end = 0;
  let longestOwn = 0; // the most main-thread time of any one task (µs)
  for (const e of main) {
    if (e.name !== 'ThreadControllerImpl::RunTask' && e.name !== 'RunTask') continue;
    if (e.ts < end) continue;
    end = e.ts + e.dur;
    longestOwn = Math.max(longestOwn, e.tdur ?? 0);
    if (e.dur > 50_000) tasks.push(e);
  }
  // Inside a task (outermost first, so nothing counts twice), also what runs a MessageChannel task's callback.
  const TASK_KINDS = [
    ...KINDS,
    ['v8.callFunction', 'callbacks (timers, rAF, events)'],
    ['RunMicrotasks', 'promise continuations'],
  ];
  const long = tasks.map((task) => {
    const parts = new Map();
    const counted = [];
    for (const e of main) {
      if (e.ts < task.ts || e.ts + e.dur > task.ts + task.dur) continue;
      const kind = TASK_KINDS.find(([name]) => name === e.name)?.[1];
      if (!kind || counted.some(([a, b]) => e.ts >= a && e.ts < b)) continue; // inside one counted already
      counted.push([e.ts, e.ts + e.dur]);
      parts.set(kind, (parts.get(kind) ?? 0) + e.dur / 1000);
    }
    const inside = marks.filter(([, t]) => t >= (task.ts - t0) / 1000 && t <= (task.ts + task.dur - t0) / 1000);
    return {
      start: (task.ts - t0) / 1000,
      ms: task.dur / 1000,
      own: task.tdur / 1000, // the thread's own time: the rest it spent waiting (another process, a sync call)
      parts: [...parts].sort((a, b) => b[1] - a[1]),
      marks: inside.map(([n]) => n),
    };
  });
  return { sums: [...sums].sort((a, b) => b[1] - a[1]), marks, long, longestOwn: longestOwn / 1000 };
}

/**
 * Edits of the volume box to the painted frame: the input event, the page's animation frame (its one engine call
 * and render), then style, layout and paint; the clock stops in a user-blocking task queued from the frame after
 * the page's, which the scheduler runs once that frame is rendered (before the page's deferred work). With
 * `view` (a selector), that part is scrolled into view first, so the frame draws it and whatever else is seen.
 */
async function editToFrame(browser, url, { view = null } = {}) {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForSelector('body[data-state="ready"]');
  await page.evaluate(() => globalThis.tcoscope.sampled());
  if (view) {
    await page.locator(view).scrollIntoViewIfNeeded();
    await page.waitForTimeout(300); // the sections around it take their height, the chart is built
  }
  const times = await page.evaluate(async () => {
    const box = document.querySelector('[data-path="/workload/tokens_per_month"] input.num');
    const out = [];
    const painted = () =>
      new Promise((resolve) =>
        requestAnimationFrame(() =>
          globalThis.scheduler?.postTask
            ? scheduler.postTask(resolve, { priority: 'user-blocking' })
            : setTimeout(resolve, 0),
        ),
      );
    for (let i = 0; i < 60; i++) {
      await new Promise((r) => setTimeout(r, 30));
      const t0 = performance.now();
      box.value = `${1 + (i % 40)}B`;
      box.dispatchEvent(new Event('input', { bubbles: true }));
      await painted();
      out.push(performance.now() - t0);
    }
    return out.slice(10); // after warm-up
  });
  const evaluate = await page.evaluate(() => {
    const m = globalThis.tcoscope;
    return m ? performance.getEntriesByName('tcoscope:first-evaluate')[0]?.duration : undefined;
  });
  await page.close();
  return { median: median(times), max: Math.max(...times), over33: times.filter((t) => t > 33).length, evaluate };
}

/** engine.gpus() ("Which GPU?") as the page calls it on every recompute while the table is on screen. */
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

const serve = async (dir) => {
  const server = createServer({ dir });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
};
const servers = [await serve(dist), await serve(floorDir)];
if (compareDir) servers.push(await serve(compareDir));
const [ours, floor, before] = servers;
const singleFile = (dir) =>
  pathToFileURL(
    path.join(
      dir,
      readdirSync(dir).find((n) => /^(tcoscope|llmtco)\.html$/.test(n)),
    ),
  ).href;
// A shared link: a scenario the build did not compute, so its first result is the live engine's (issue 13: "the
// result as soon as the engine is ready").
const LINK = `#v1j=${encodeURIComponent(JSON.stringify({ workload: { tokens_per_month: 5e9 } }))}`;
const targets = [
  ['ours http', ours.url, true],
  ['ours file://', singleFile(dist), true],
  ['ours link', ours.url + LINK, true],
  ['floor http', floor.url, false],
  ['floor file://', pathToFileURL(path.join(floorDir, 'index.html')).href, false],
];
if (before) {
  targets.push(
    ['before http', before.url, true],
    ['before file://', singleFile(compareDir), true],
    ['before link', before.url + LINK, true],
  );
}

/** Which part of the load a long task came in: the page's last mark before the task ended. */
function phase(marks, start, duration) {
  const before = Object.entries(marks)
    .filter(([, t]) => t <= start + duration)
    .sort((a, b) => b[1] - a[1])[0];
  return before ? `after ${before[0]}` : 'before the page script';
}

/**
 * Issue 13's bar for a default load: no long task (over 50 ms) at all. Per page: the rounds that had one, and
 * each such task (start+duration ms, which part of the load).
 */
function reportLongTasks(targets, runs) {
  console.log("\nlong tasks (over 50 ms) in a default load, each as start+duration ms (issue 13's target: none)");
  for (const [name, , isOurs] of targets) {
    if (!isOurs) continue;
    const rs = runs.get(name);
    const withLong = rs.filter((r) => r.long.length);
    const verdict = withLong.length
      ? `${withLong.length} of ${rs.length} rounds had one`
      : `none in ${rs.length} rounds`;
    console.log(`  ${name.padEnd(15)} ${verdict}`);
    for (const r of withLong) {
      const list = r.long.map(([start, d]) => `${start.toFixed(0)}+${d.toFixed(0)} (${phase(r.marks, start, d)})`);
      console.log(`    ${list.join(' · ')}`);
    }
  }
}

/** The load table: medians per page, and the per-round ratio of first results to the floor's. */
function reportLoads(targets, runs) {
  console.log(`page loads: medians of ${ROUNDS} interleaved rounds, fresh context each (ms from navigation)`);
  console.log("  * painted: the later of the page's first-result mark and its first contentful paint");
  console.log(
    `${'page'.padEnd(15)} ${'1st result*'.padStart(12)} ${'FCP'.padStart(7)} ${'live result'.padStart(12)} ` +
      `${'1st evaluate'.padStart(12)} ${'long tasks'.padStart(10)} ${'longest'.padStart(8)} ${'× floor'.padStart(8)}`,
  );
  for (const [name] of targets) {
    const rs = runs.get(name);
    const floorRuns = runs.get(name.endsWith('file://') ? 'floor file://' : 'floor http');
    const ratio = median(rs.map((r, i) => r.first / floorRuns[i].first)); // per round: same moment, same load
    console.log(
      `${name.padEnd(15)} ${ms(median(rs.map((r) => r.first))).padStart(12)} ${ms(median(rs.map((r) => r.fcp))).padStart(7)} ` +
        `${ms(median(rs.map((r) => r.live))).padStart(12)} ${ms(median(rs.map((r) => r.firstEvaluate))).padStart(12)} ` +
        `${median(rs.map((r) => r.longTasks))
          .toFixed(0)
          .padStart(10)} ${ms(median(rs.map((r) => r.maxLong))).padStart(8)} ` +
        `${ratio.toFixed(2).padStart(8)}`,
    );
  }
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const runs = new Map(targets.map(([name]) => [name, []]));
  for (let round = 0; only !== 'edit' && round < ROUNDS + 1; round++) {
    for (const [name, url, isOurs] of targets) {
      const r = await load(browser, url, { ours: isOurs });
      if (round > 0) runs.get(name).push(r); // round 0 warms the browser and the disk cache
    }
  }
  if (only !== 'edit') {
    reportLoads(targets, runs);
    reportLongTasks(targets, runs);
  }
  for (const [name, url] of only === 'edit'
    ? []
    : [
        ['http', ours.url],
        ['file://', singleFile(dist)],
      ]) {
    const tracePath = path.join(floorDir, `trace-${name.replace(/\W/g, '')}.json`);
    await load(browser, url, { ours: true, trace: tracePath });
    const { sums, marks, long, longestOwn } = breakdown(tracePath);
    console.log(`\ntrace of one load (${name}): the page's marks, ms from navigation`);
    console.log(`  ${marks.map(([n, t]) => `${n} ${t.toFixed(0)}`).join(' · ')}`);
    console.log('  main-thread time by kind until the page went quiet (ms):');
    console.log(`  ${sums.map(([k, v]) => `${k} ${v.toFixed(1)}`).join(' · ')}`);
    console.log(`  the longest task's own time on the main thread: ${longestOwn.toFixed(0)} ms`);
    console.log(
      `  tasks over 50 ms (traced, so slower than untraced; own: the main thread's own time): ${long.length ? '' : 'none'}`,
    );
    for (const t of long) {
      const what = t.parts.map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ');
      console.log(
        `    at ${t.start.toFixed(0)} ms, ${t.ms.toFixed(0)} ms (own ${t.own.toFixed(0)}): ${what || 'other'}${t.marks.length ? ` (marks: ${t.marks.join(', ')})` : ''}`,
      );
    }
  }

  console.log();
  if (only !== 'loads') {
    // Where the page is scrolled to: its top (the verdict), the cost charts, the rows of "Which GPU?".
    const views = [
      [null, 'edit of the volume box to the painted frame'],
      ['[data-chart="volume"]', 'the same with the cost charts on screen'],
      ['#gpus-table', 'the same with the rows of "Which GPU?" on screen'],
    ];
    for (const [view, label] of views) {
      const line = (who, r) =>
        console.log(
          `${who}: ${label}${who === 'page' ? ' (median of 50)' : ''}  ${r.median.toFixed(1)} ms ` +
            `(max ${r.max.toFixed(1)}, ${r.over33} over 33 ms)`,
        );
      line('page', await editToFrame(browser, ours.url, { view }));
      if (before) line('page (before)', await editToFrame(browser, before.url, { view }));
    }
    const gpus = await gpusCall(browser, ours.url);
    console.log(
      `page: "Which GPU?" gpus() call (median of 50)  ${gpus.median.toFixed(1)} ms (max ${gpus.max.toFixed(1)})`,
    );
  }
} finally {
  await browser.close();
  for (const { server } of servers) server.close();
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const [label, dir] of [['', dist], ...(compareDir ? [['before ', compareDir]] : [])]) {
  for (const name of readdirSync(dir).sort()) {
    const bytes = readFileSync(path.join(dir, name));
    console.log(
      `size: ${label}dist/${name.padEnd(22)} ${kb(bytes.length).padStart(9)} raw ${kb(gzipSync(bytes, { level: 9 }).length).padStart(9)} gzip`,
    );
    // Issue 13's target for the single file: at most 250 KB gzip.
    if (name === 'tcoscope.html') {
      const gz = gzipSync(bytes, { level: 9 }).length;
      console.log(`size: ${label}tcoscope.html against its 250 KB gzip target: ${gz <= 250 * 1024 ? 'met' : 'MISSED'}`);
    }
  }
}
