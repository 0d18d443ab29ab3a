// firstpaint.spec.mjs — a result at first paint (issue 13): with the engine held back, the page shows the default
// scenario's figures from the build's own run of the engine, marked as such; the live engine then replaces them
// with identical figures and no layout shift. A link shows its inputs before the engine is ready. Speed itself is
// measured by scripts/bench, not asserted here.
import { test, expect } from './fixtures.mjs';
import { outputs, pageResult, nodeEngine, field, sampled } from './helpers.mjs';

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

test('a link shows its inputs before the engine is ready, and its figures once it is', async ({ page }) => {
  const engine = await holdEngine(page);
  const scenario = { name: 'Five billion', workload: { tokens_per_month: 5e9 } };
  await page.goto(`/#v1j=${encodeURIComponent(JSON.stringify(scenario))}`);
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

// The bar is 50 ms (issue 13; scripts/bench reports the count and the longest task); this test, run beside another
// worker on a shared 2-core machine, catches the regressions that matter: one task doing all of the hand-over.
const LONG_TASK_MS = 200;
test('a default load has no long main-thread task once the page has painted its first result', async ({ page }) => {
  await page.addInitScript(() => {
    globalThis.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) globalThis.longTasks.push([Math.round(e.startTime), Math.round(e.duration)]);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto('/');
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  await sampled(page);
  const { tasks, first } = await page.evaluate(() => ({
    tasks: globalThis.longTasks,
    first: performance.getEntriesByName('first-contentful-paint')[0].startTime,
  }));
  // The boot task that draws the first result is the page's own parse-and-draw; after it, every step of the
  // hand-over to the engine (compile, instantiate, the first live evaluation, sampling) is a short task.
  const after = tasks.filter(([start, duration]) => start > first && duration > LONG_TASK_MS);
  expect(after, `long tasks after the first paint at ${Math.round(first)} ms`).toEqual([]);
});
