// firstpaint.spec.mjs — a result at first paint (issue 13): with the engine held back, the page shows the default
// scenario's figures from the build's own run of the engine, marked as such; the live engine then replaces them
// with identical figures and no layout shift. A link shows its inputs before the engine is ready. Speed itself is
// measured by scripts/bench; the long-task tests below are loose guards against a step of the load in one task.
import { test, expect, fixedContext } from './fixtures.mjs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  outputs,
  pageResult,
  nodeEngine,
  field,
  sampled,
  mainThreadEvents,
  mainThreadTasks,
  plainLink,
} from './helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Holds every request for the engine's wasm until release() is called. */
async function holdEngine(page) {
  const held = [];
  let released = false;
  await page.route('**/tcoscope.wasm', (route) => (released ? route.continue() : held.push(route)));
  return {
    release: async () => {
      released = true;
      for (const route of held.splice(0)) await route.continue();
    },
    held: () => held.length,
  };
}

/** Where the figures are on screen: the verdict, the headline figures, the charts and the form. */
const positions = (page) =>
  page.evaluate(() =>
    ['#verdict-sentence', '#headline', '#monthly', '#per-mtok', '[data-chart] canvas', '#inputs'].flatMap((s) =>
      [...document.querySelectorAll(s)].map((el) => {
        const r = el.getBoundingClientRect();
        return [s, Math.round(r.x), Math.round(r.y + scrollY), Math.round(r.width), Math.round(r.height)];
      }),
    ),
  );

test('the default result is on screen before the engine runs, marked as built, then live with the same figures', async ({
  page,
}) => {
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  const engine = await holdEngine(page);
  await page.goto('/');
  const results = page.locator('#results');
  await expect(results).toHaveAttribute('data-computed', 'build');
  await expect(page.locator('body')).toHaveAttribute('data-state', 'built');
  expect(engine.held()).toBe(1); // the engine is really held back
  await expect(page.locator('#verdict-sentence')).toHaveText(/^(Keep the API|Self-host)/);
  expect(await page.locator('#verdict-heading').evaluate((el) => getComputedStyle(el, '::after').content)).toContain(
    'computed at build time',
  );
  await expect(page.locator('.stat')).toHaveCount(5);
  await expect(page.locator('#inputs fieldset.group')).toHaveCount(5);
  await expect(page.locator('[data-chart] canvas')).toHaveCount(3);
  await expect(field(page, 'Tokens per month')).toHaveValue('2B');
  await expect(page.getByRole('button', { name: 'Copy link' })).toBeDisabled(); // nothing to share yet
  const built = await outputs(page);
  expect(built.verdict).not.toBe('');

  const where = await positions(page);
  await engine.release();
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  await expect(results).toHaveAttribute('data-computed', 'live');
  await sampled(page); // "How sure?" too: its build-time answer is replaced by the sampler's
  expect(await outputs(page)).toEqual(built); // identical figures, text for text
  expect(await pageResult(page)).toEqual((await nodeEngine()).evaluate((await nodeEngine()).defaults()).result);
  expect(await positions(page)).toEqual(where); // nothing moved
  expect(await page.locator('#verdict-heading').evaluate((el) => getComputedStyle(el, '::after').content)).toBe('none');
  expect(problems).toEqual([]);
});

// From the first paint to the sampled live result nothing on screen jumps: the layout shifts the browser reports
// (the Layout Instability API) move none of the results, and add up to less than 0.05 (Core Web Vitals call 0.1
// good). A warning about an input used to show above the verdict until the form took it beside its field: the
// verdict fell 290 px at 360 px.
for (const width of [360, 1440]) {
  test(`a default load at ${width} px moves nothing of the result from first paint to the live result`, async ({
    browser,
  }) => {
    const context = await fixedContext(browser, { viewport: { width, height: 800 } });
    const page = await context.newPage();
    await page.addInitScript(() => {
      globalThis.shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries())
          globalThis.shifts.push({
            value: e.value,
            results: e.sources.some((s) => s.node?.closest?.('#results')),
            what: e.sources.map((s) => s.node?.id || s.node?.className || s.node?.nodeName).join(', '),
          });
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto('/');
    await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
    await sampled(page);
    const shifts = await page.evaluate(() => globalThis.shifts);
    expect(shifts.filter((s) => s.results)).toEqual([]);
    expect(
      shifts.reduce((sum, s) => sum + s.value, 0),
      JSON.stringify(shifts),
    ).toBeLessThan(0.05);
    await context.close();
  });
}

// Each font size and weight on screen costs the renderer a font lookup, on Linux a synchronous call to the browser
// process: the 41 of a load before the type scale (styles.css :root) made the frame of the first result a long task.
// Every text of the page (the parts below the fold too, and the closed ones aside) is in one of the scale's sizes
// and one of its two weights; monospace (code, the export box) aside.
const MAX_TEXT_STYLES = 12; // the page's today: a new combination is a cost at every load
for (const width of [360, 1440]) {
  test(`at ${width} px every text is in the type scale, in at most ${MAX_TEXT_STYLES} sizes and weights`, async ({
    browser,
  }) => {
    const context = await fixedContext(browser, { viewport: { width, height: 800 } });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
    await sampled(page);
    const { scale, bold, styles, outside } = await page.evaluate(() => {
      const root = getComputedStyle(document.documentElement);
      const probe = document.body.appendChild(document.createElement('span'));
      const px = (name) => {
        probe.style.fontSize = `var(${name})`;
        return getComputedStyle(probe).fontSize;
      };
      const names = [...document.styleSheets]
        .flatMap((s) => [...s.cssRules])
        .filter((r) => r.selectorText === ':root')
        .flatMap((r) => [...r.style].filter((p) => p.startsWith('--text-')));
      const scale = [...new Set(names)].map(px);
      probe.remove();
      const bold = root.getPropertyValue('--bold').trim();
      const styles = new Set();
      const outside = [];
      for (const el of document.body.querySelectorAll('*')) {
        if (![...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim())) continue;
        if (!el.checkVisibility()) continue;
        const cs = getComputedStyle(el);
        if (cs.fontFamily.includes('monospace')) continue;
        const style = `${cs.fontFamily} ${cs.fontSize} ${cs.fontWeight} ${cs.fontStyle}`;
        styles.add(style);
        if (!scale.includes(cs.fontSize) || !['400', bold].includes(cs.fontWeight) || cs.fontStyle !== 'normal')
          outside.push(`${el.id || el.className || el.tagName}: ${style}`);
      }
      return { scale, bold, styles: [...styles], outside: [...new Set(outside)] };
    });
    expect(scale.length, 'the scale read from styles.css').toBeGreaterThanOrEqual(6);
    expect(bold).toMatch(/^\d+$/);
    expect(outside, `texts outside the type scale (${scale.join(', ')}; 400 or ${bold})`).toEqual([]);
    expect(styles.length, styles.join('\n')).toBeLessThanOrEqual(MAX_TEXT_STYLES);
    await context.close();
  });
}

test('a link shows its inputs before the engine is ready, and its figures once it is', async ({ page }) => {
  const engine = await holdEngine(page);
  const scenario = { name: 'Five billion', workload: { tokens_per_month: 5e9 } };
  await page.goto(plainLink(scenario));
  await expect(field(page, 'Tokens per month')).toHaveValue('5B');
  await expect(page.locator('#results')).toHaveAttribute('data-computed', 'waiting');
  await expect(page.getByLabel('Scenario').locator('option:checked')).toHaveText('From the link: Five billion');
  // No build-time figures for a scenario the build did not compute.
  await expect(page.locator('#verdict-sentence')).toHaveText('Loading the cost engine…');
  await engine.release();
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  const live = await nodeEngine();
  expect(await pageResult(page)).toEqual(
    live.evaluate({ ...live.defaults(), ...scenario, workload: { ...live.defaults().workload, ...scenario.workload } })
      .result,
  );
  await expect(field(page, 'Tokens per month')).toHaveValue('5B');
});

test('a link gets its figures as soon as the engine is there, before the rest of the form and the panels', async ({
  page,
}) => {
  // The engine usually arrives while the form is being built (the served page starts it in its head): the page
  // goes live at once, and the form's other groups, the charts and "Which GPU?" follow (the default scenario, whose
  // result is on screen from the build, does the reverse).
  await page.goto(plainLink({ workload: { tokens_per_month: 5e9 } }));
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  const marks = await page.evaluate(() =>
    performance
      .getEntriesByType('mark')
      .filter((m) => m.name.startsWith('tcoscope:'))
      .map((m) => [m.name.replace('tcoscope:', ''), m.startTime]),
  );
  const at = (name) => marks.find(([n]) => n === name)?.[1];
  const ready = at('engine-ready');
  const live = at('live-result');
  expect(ready).toBeLessThan(live);
  expect(marks.filter(([n, t]) => n === 'form-group' && t > ready && t < live)).toEqual([]);
  // When the engine came before the form was whole, the result came before it too.
  if (ready < at('form')) expect(live).toBeLessThan(at('form'));
  expect(await page.locator('#gpus-table tbody tr').count()).toBeGreaterThan(0);
});

test('an edit made before the engine is ready is kept and computed once it runs', async ({ page }) => {
  const engine = await holdEngine(page);
  await page.goto('/');
  await expect(page.locator('#results')).toHaveAttribute('data-computed', 'build');
  await field(page, 'Tokens per month').fill('7B');
  await expect(page.locator('#results')).toHaveAttribute('data-computed', 'waiting');
  await engine.release();
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  await expect(field(page, 'Tokens per month')).toHaveValue('7B');
  expect((await pageResult(page)).workload.tokens_per_month).toBe(7e9);
});

/** In the page: resolves once it is ready (body[data-state="ready"], its API set) and "How sure?" has sampled. */
function readyAndSampled() {
  return new Promise((resolve) => {
    const poll = () => {
      if (document.body.dataset.state === 'ready' && globalThis.tcoscope) globalThis.tcoscope.sampled().then(resolve);
      else setTimeout(poll, 50);
    };
    poll();
  });
}

/**
 * The main-thread tasks of one default load in a fresh context, until "How sure?" has sampled: [{ at, ms, cpu }]
 * (from navigation; wall time and the thread's own time, ms), from a Chromium trace of the page's renderer.
 */
async function loadTasks(browser, url) {
  return mainThreadTasks(await tracedLoad(browser, url));
}

/** A Chromium trace (categories added to the timeline's) of one default load in a fresh context, until sampled. */
async function tracedLoad(browser, url, categories = []) {
  const context = await fixedContext(browser, { baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'toplevel', 'blink.user_timing', ...categories],
  });
  await page.goto(url);
  // Waited for with the page's own means: Playwright's polling expect() snapshots the page's accessibility tree
  // while it waits (100–250 ms tasks of its own on the same thread).
  await page.evaluate(readyAndSampled);
  const buffer = await browser.stopTracing();
  await context.close();
  return buffer;
}

// Every task of a default load, the first included, is short: none over 50 ms (issue 13; web/bench.mjs reports the
// wall time, with the part of the load each came in). Here, beside another worker on a shared 2-core machine, a
// guard that does not flake: a task's own time on the main thread (another process's load does not lengthen it, as
// it does the wall time), a second load tried before the test fails. A default load's longest task is ~30 ms of it
// now; before issue 13 the first one (the script that drew the result, then the whole first layout) took ~70 ms.
const TASK_CPU_MS = 50;
for (const [where, url] of [
  ['served', '/'],
  ['from file://', pathToFileURL(path.join(root, 'dist/tcoscope.html')).href],
]) {
  test(`a default load ${where} has no task over ${TASK_CPU_MS} ms of the main thread, the first included`, async ({
    browser,
  }) => {
    let long = [];
    for (let attempt = 0; attempt < 2; attempt++) {
      long = (await loadTasks(browser, url)).filter((t) => t.cpu > TASK_CPU_MS);
      if (!long.length) break;
    }
    expect(long, `tasks over ${TASK_CPU_MS} ms of the main thread's time, in both loads`).toEqual([]);
  });
}

// The head's warm-up (warm.js) asks for every font of the type scale in a few short tasks of its own, while the page
// waits for its script: the frames of the load then find them all cached, and none of them waits on the browser
// process for one (on Linux a synchronous call per size and weight; before the warm-up, 20–35 ms of the first
// result's 50–60 ms frame). Every text being in the scale (the test above) is what makes "none" true. Served only:
// the single file has nothing to wait for (from disk it is often parsed in ~40 ms), so its first frame may come
// before the warm-up's last task, and then looks up what is left itself.
test('a default load served asks for its fonts before it draws, and no frame waits for one', async ({ browser }) => {
  const { events, t0, marks } = mainThreadEvents(await tracedLoad(browser, '/', ['fonts']));
  expect(marks).toContain('tcoscope:warm');
  const lookups = events.filter((e) => e.name === 'WebSandboxSupportLinux::GetWebFontRenderStyleForStrike');
  expect(lookups.length, 'the trace shows the font lookups').toBeGreaterThan(0);
  // The rendering of a frame: style, layout (where text is shaped) and paint.
  const drawing = events.filter((e) => ['UpdateLayoutTree', 'Layout', 'Paint'].includes(e.name));
  const inFrame = lookups.filter((l) => drawing.some((d) => d.ts <= l.ts && l.ts <= d.ts + d.dur));
  expect(
    inFrame.map((l) => Math.round((l.ts - t0) / 1000)),
    'font lookups while drawing a frame (ms from navigation)',
  ).toEqual([]);
});
