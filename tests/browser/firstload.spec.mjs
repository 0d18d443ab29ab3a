// firstload.spec.mjs — no input leaves the page stuck or claiming figures it does not have (issue 9): a first
// evaluation that fails says why and offers the defaults; the autosave never restores or saves a scenario that
// does not evaluate; import says so too; links and files over the engine's byte limit, and documents nested far
// deeper than it accepts, are refused with a clear message before the page parses them.
import { test, expect } from './fixtures.mjs';
import { deflateSync } from 'node:zlib';
import { openPage, typeInto, settle, field, pageResult, nodeEngine, plainLink } from './helpers.mjs';

const KEY = 'tcoscope:scenario';
const packedLink = (text) => `/#v1=${deflateSync(Buffer.from(text)).toString('base64url')}`;
const stored = (page) => page.evaluate((key) => localStorage.getItem(key), KEY);
const DEEP = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);

/** Opens url and returns the console errors and uncaught exceptions from then on (not waiting for a result). */
async function open(page, url) {
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(url);
  return problems;
}

/** Imports a file through the Export and import dialog. */
async function importFile(page, name, buffer) {
  await page.getByRole('button', { name: 'Export / import' }).click();
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Import a scenario file…' }).click(),
  ]);
  await chooser.setFiles({ name, mimeType: 'application/json', buffer });
  await settle(page);
}

test('tiny custom weights (1e-310 and 167 zeros) in a link now evaluate and show a result', async ({ page }) => {
  const weights = [1e-310, ...Array(167).fill(0)];
  const problems = await openPage(page, plainLink({ workload: { load_profile: { hourly_weights: weights } } }));
  await expect(page.locator('#verdict-sentence')).toHaveText(/^(Keep the API|Self-host)/);
  await expect(page.locator('#notices')).toBeEmpty();
  expect((await pageResult(page)).load.hourly_weights[0]).toBeGreaterThan(0);
  expect(problems).toEqual([]);
});

// A scenario the engine validates always evaluates now (issue 9); its last guard is an evaluation error when a
// result is not finite. To show what the page does then, the engine below fails evaluate() for one marked volume,
// with that guard's message, and behaves as itself otherwise.
const MARKED = 123_456_789;
const GUARD = {
  path: '/self_host/usd_per_month',
  message: 'the engine produced a non-finite number for this scenario; please report it',
};
async function markedVolumeFails(page) {
  await page.addInitScript(
    ([marker, guard]) => {
      let real = null;
      Object.defineProperty(window, 'createTcoscope', {
        configurable: true,
        set(fn) {
          real = fn;
        },
        get() {
          return (
            real &&
            (async (...args) => {
              const m = await real(...args);
              const fake = Object.create(m);
              fake.evaluate = (text) =>
                text.includes(`"tokens_per_month":${marker}`)
                  ? JSON.stringify({ ok: false, errors: [guard], warnings: [] })
                  : m.evaluate(text);
              // The page evaluates as of today (its prices' ages): the same guard on that call.
              fake.evaluateWith = (text, prices, today) =>
                text.includes(`"tokens_per_month":${marker}`)
                  ? JSON.stringify({ ok: false, errors: [guard], warnings: [] })
                  : m.evaluateWith(text, prices, today);
              return fake;
            })
          );
        },
      });
    },
    [MARKED, GUARD],
  );
}
const marked = { name: 'Marked', workload: { tokens_per_month: MARKED } };

test('a linked scenario whose evaluation fails says why and offers the defaults, never "Loading…"', async ({
  page,
}) => {
  const engine = await nodeEngine();
  expect(engine.minimize(marked).ok).toBe(true); // it validates
  await markedVolumeFails(page);
  const problems = await open(page, plainLink(marked));
  await expect(page.locator('body')).toHaveAttribute('data-state', 'invalid');
  await expect(page.locator('#verdict-sentence')).toHaveText(/^No result: this scenario cannot be evaluated/);
  const notices = page.locator('#notices');
  await expect(notices).toContainText('This scenario cannot be evaluated, so there are no figures yet.');
  await expect(notices).toContainText(`${GUARD.path}: ${GUARD.message}`); // the engine's own words
  await expect(notices).not.toContainText('last valid inputs'); // there were none
  await expect(page.locator('#headline')).toBeHidden(); // no empty figures
  await expect(page.getByLabel('Scenario').locator('option:checked')).toHaveText('From the link: Marked');
  expect(await pageResult(page)).toBeNull();

  // An edit that still does not evaluate is saved nowhere: not in the autosave, not in the address bar.
  const url = page.url();
  await typeInto(page, 'Horizon', '24');
  await expect(page.locator('body')).toHaveAttribute('data-state', 'invalid');
  await page.waitForTimeout(600); // longer than the autosave delay
  expect(await stored(page)).toBeNull();
  expect(page.url()).toBe(url);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.locator('#share-status')).toHaveText(/no link to copy yet/);

  await notices.getByRole('button', { name: 'Open the default scenario' }).click();
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  expect(await pageResult(page)).toEqual(engine.evaluate({}).result);
  await expect(page.getByLabel('Scenario')).toHaveValue('');
  await expect(notices).toBeEmpty();
  expect(problems).toEqual([]);
});

test('the same scenario, fixed in the form, shows its figures and is then saved', async ({ page }) => {
  await markedVolumeFails(page);
  const problems = await open(page, plainLink(marked));
  await expect(page.locator('body')).toHaveAttribute('data-state', 'invalid');
  await typeInto(page, 'Tokens per month', '3B');
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('#notices')).toBeEmpty();
  await expect(page.locator('.marker.current')).toContainText('3B');
  await expect
    .poll(async () => JSON.parse((await stored(page)) ?? 'null')?.scenario.workload.tokens_per_month)
    .toBe(3e9);
  expect(problems).toEqual([]);
});

test('a saved scenario that does not evaluate is not restored: the defaults open with the reason', async ({ page }) => {
  await markedVolumeFails(page);
  await openPage(page);
  const defaults = await pageResult(page);
  const record = JSON.stringify({ format: 1, saved_at: '2026-11-30T10:00:00Z', scenario: marked });
  await page.evaluate(([key, text]) => localStorage.setItem(key, text), [KEY, record]);

  for (let visit = 0; visit < 2; visit++) {
    // on every visit, not only the first
    const problems = await openPage(page, '/');
    const message = page.locator('#messages .notice-warning');
    await expect(message).toContainText('could not be used (it does not evaluate with this version of the calculator)');
    await expect(message).toContainText(`${GUARD.path}: ${GUARD.message}`);
    await expect(message).toContainText('the default scenario is shown');
    expect(await pageResult(page)).toEqual(defaults);
    await expect(page.locator('#notices')).toBeEmpty();
    expect(await stored(page)).toBe(record); // kept until the person's next change replaces it
    expect(problems).toEqual([]);
  }

  // Opened anyway by the person, it shows what is wrong over the last valid figures, saved once it evaluates.
  await page.locator('#messages').getByRole('button', { name: 'Open it anyway and fix the fields' }).click();
  await settle(page);
  await expect(page.locator('body')).toHaveAttribute('data-state', 'stale');
  await expect(page.locator('#notices')).toContainText('The figures below are from the last valid inputs.');
  await expect(page.locator('#notices')).toContainText(GUARD.message);
  expect(await pageResult(page)).toEqual(defaults);
  await typeInto(page, 'Tokens per month', '4B');
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  await expect.poll(async () => JSON.parse(await stored(page)).scenario.workload.tokens_per_month).toBe(4e9);
});

test('an import that validates but does not evaluate is reported as not imported', async ({ page }) => {
  await markedVolumeFails(page);
  await openPage(page);
  const before = await pageResult(page);
  await importFile(page, 'marked.json', Buffer.from(JSON.stringify(marked)));
  const message = page.locator('#messages .notice-error');
  await expect(message).toContainText(
    'marked.json was not imported: it cannot be evaluated (a problem). ' + 'The scenario on screen is unchanged.',
  );
  await expect(message).toContainText(`${GUARD.path}: ${GUARD.message}`);
  expect(await pageResult(page)).toEqual(before);
  await expect(page.locator('#messages')).not.toContainText('Imported');

  await message.getByRole('button', { name: 'Open it anyway and fix the fields' }).click();
  await settle(page);
  await expect(page.locator('body')).toHaveAttribute('data-state', 'stale');
  await expect(field(page, 'Tokens per month')).toHaveValue('123M');
  expect(await pageResult(page)).toEqual(before);
});

test('a scenario the engine rejects opens the defaults with its reason, from a link or from the autosave', async ({
  page,
}) => {
  const engine = await nodeEngine();
  const tooBig = { self_host: { model: 'llama-3.3-70b' } }; // 141 GB of weights on one 80 GB H100
  const [error] = engine.minimize(tooBig).errors;
  expect(error.code).toBe('does_not_fit');
  const problems = await openPage(page, plainLink(tooBig));
  await expect(page.locator('#messages .notice-error')).toContainText(`/self_host/gpus_per_replica: ${error.message}`);
  expect(await pageResult(page)).toEqual(engine.evaluate({}).result);
  await page.evaluate(
    ([key, text]) => localStorage.setItem(key, text),
    [KEY, JSON.stringify({ format: 1, scenario: tooBig })],
  );
  await openPage(page, '/');
  await expect(page.locator('#messages .notice-warning')).toContainText('it does not pass validation');
  expect(await pageResult(page)).toEqual(engine.evaluate({}).result);
  expect(problems).toEqual([]);
});

test('files and links larger than the engine accepts are refused before they are parsed', async ({ page }) => {
  const limit = (await nodeEngine()).schema()['x-tcoscope-limits'].max_bytes;
  expect(limit).toBe(1024 * 1024);
  const problems = await openPage(page);
  const before = await pageResult(page);
  // Dropped on the page, made in the page: nothing to transfer through the file chooser.
  const transfer = await page.evaluateHandle((size) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(size).fill(32)], 'huge.json', { type: 'application/json' }));
    return dt;
  }, limit + 1);
  await page.dispatchEvent('body', 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
  await expect(page.locator('#messages .notice-error')).toHaveText(
    /huge\.json was not imported: at 1 MiB it is larger than the 1 MiB the calculator accepts\. The scenario on screen is unchanged\./,
  );
  expect(await pageResult(page)).toEqual(before);

  // A link of 40 KB that inflates past the limit (a zip bomb) stops as it inflates.
  const bomb = packedLink(' '.repeat(limit + 1));
  expect(bomb.length).toBeLessThan(200_000);
  await openPage(page, bomb);
  await expect(page.locator('#messages .notice-error')).toContainText(
    'This link could not be opened: its scenario is ' +
      'larger than the 1 MiB the calculator accepts. The calculator opened its default scenario instead.',
  );
  expect(await pageResult(page)).toEqual(before);
  expect(problems).toEqual([]);
});

test("a document nested 100,000 deep is refused with the engine's message, by import and by link", async ({ page }) => {
  const problems = await openPage(page);
  const before = await pageResult(page);
  await importFile(page, 'deep.json', Buffer.from(DEEP));
  const message = page.locator('#messages .notice-error');
  await expect(message).toContainText(
    'deep.json was not imported: it has a problem. The scenario on screen is unchanged.',
  );
  await expect(message).toContainText('the scenario nests 100000 levels deep; accepted: at most 32');
  await expect(message.getByRole('button', { name: /Open it anyway/ })).toHaveCount(0);
  expect(await pageResult(page)).toEqual(before);

  await openPage(page, packedLink(DEEP));
  await expect(page.locator('#messages .notice-error')).toContainText(
    "This link's scenario has a problem, so it was " + 'not opened.',
  );
  await expect(page.locator('#messages .notice-error')).toContainText('nests 100000 levels deep; accepted: at most 32');
  expect(await pageResult(page)).toEqual(before);
  expect(problems).toEqual([]);
});
