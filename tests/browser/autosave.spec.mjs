// autosave.spec.mjs — the last scenario survives a reload, a link always wins over it, and corrupted storage is
// ignored with a notice (and replaced by the next edit).
import { test, expect } from './fixtures.mjs';
import { openPage, choosePreset, typeInto, pageResult, settledLink } from './helpers.mjs';

const KEY = 'tcoscope:scenario';
const stored = (page) => page.evaluate((key) => localStorage.getItem(key), KEY);
/** The saved tokens per month, or null while storage holds something else. */
const savedVolume = (page) =>
  stored(page).then((t) => {
    try {
      return JSON.parse(t)?.scenario?.workload?.tokens_per_month ?? null;
    } catch {
      return null;
    }
  });

test('the last scenario survives a reload', async ({ page }) => {
  await openPage(page);
  expect(await stored(page)).toBeNull(); // opening the page saves nothing; only edits do
  await choosePreset(page, 'utilization-trap');
  await typeInto(page, 'Tokens per month', '6.5B');
  await expect.poll(() => savedVolume(page)).toBe(6.5e9);
  const shown = await pageResult(page);

  const problems = await openPage(page, '/'); // the bare address: no link
  expect(await pageResult(page)).toEqual(shown);
  await expect(page.locator('#messages .notice-info')).toContainText('the scenario you last worked on, restored');
  await expect(page.getByLabel('Scenario').locator('option:checked')).toHaveText(
    /^Saved in this browser: The utilization trap: 5B tokens\/month in office hours, changed$/, // now 6.5B
  );
  expect(new URL(await settledLink(page)).hash).toMatch(/^#v1=/); // and the address bar shows its link
  expect(problems).toEqual([]);

  await page.getByRole('button', { name: 'Start over with the default scenario' }).click();
  await expect(page.getByLabel('Scenario')).toHaveValue('');
  await expect
    .poll(() => stored(page).then((t) => JSON.stringify(JSON.parse(t).scenario)))
    .toBe('{"schema_version":1}');
  await openPage(page, '/');
  await expect(page.locator('#messages')).toBeEmpty(); // the defaults, restored, need no notice
});

test('a link always wins over the autosave, and opening it does not overwrite it', async ({ page, context }) => {
  await openPage(page);
  await choosePreset(page, 'on-prem-two-h100');
  await expect.poll(() => stored(page)).toContain('on_prem');
  const saved = await stored(page);

  const other = await context.newPage();
  await openPage(other);
  await choosePreset(other, 'startup-low-volume');
  const link = await settledLink(other);
  const linked = await pageResult(other);
  await other.close();
  // Put the on-prem scenario back as the last save, as if the tab above had never edited.
  await page.evaluate(([key, text]) => localStorage.setItem(key, text), [KEY, saved]);

  await openPage(page, link);
  expect(await pageResult(page)).toEqual(linked);
  await expect(page.locator('#messages')).toBeEmpty();
  await page.waitForTimeout(600); // longer than the autosave delay
  expect(await stored(page)).toBe(saved);
  await typeInto(page, 'Tokens per month', '90M'); // an edit of the linked scenario is the person's own
  await expect.poll(() => stored(page)).toContain('90000000');
});

test('a scenario saved under the old name (llmtco) is restored once, then the old key is removed', async ({ page }) => {
  await openPage(page);
  await choosePreset(page, 'utilization-trap');
  await typeInto(page, 'Tokens per month', '7B');
  await expect.poll(() => savedVolume(page)).toBe(7e9);
  const shown = await pageResult(page);
  // As the page saved it before the rename: the same record under the old key, nothing under the new one.
  await page.evaluate((key) => {
    localStorage.setItem('llmtco:scenario', localStorage.getItem(key));
    localStorage.removeItem(key);
  }, KEY);

  await openPage(page, '/');
  expect(await pageResult(page)).toEqual(shown);
  await expect(page.locator('#messages .notice-info')).toContainText('the scenario you last worked on, restored');
  expect(await page.evaluate(() => localStorage.getItem('llmtco:scenario'))).toBeNull();
  expect(await stored(page)).toContain('7000000000');
  await openPage(page, '/'); // the second visit reads the new key alone
  expect(await pageResult(page)).toEqual(shown);
});

const CORRUPT = [
  ['not JSON', '{"format":1,"scenario":{"workl', /could not be used \(it is not valid JSON\)/],
  ['a string', '"hello"', /not a scenario this calculator saved/],
  ['no scenario', '{"format":1}', /not a scenario this calculator saved/],
  ['another format', '{"format":7,"scenario":{}}', /not a scenario this calculator saved/],
  [
    'invalid values',
    '{"format":1,"scenario":{"workload":{"input_share":5}}}',
    /does not pass validation[\s\S]*\/workload\/input_share: 5 is out of range/,
  ],
  ['a newer schema', '{"format":1,"scenario":{"schema_version":9}}', /a newer version of tcoscope saved it/],
];
for (const [name, text, message] of CORRUPT) {
  test(`corrupted storage (${name}) is ignored with a notice, and the next edit replaces it`, async ({ page }) => {
    await openPage(page);
    const defaults = await pageResult(page);
    await page.evaluate(([key, t]) => localStorage.setItem(key, t), [KEY, text]);
    const problems = await openPage(page, '/');
    await expect(page.locator('#messages .notice-warning')).toHaveText(message);
    await expect(page.locator('#messages')).toContainText('the default scenario is shown');
    expect(await pageResult(page)).toEqual(defaults);
    expect(problems).toEqual([]);
    await typeInto(page, 'Tokens per month', '3B');
    await expect.poll(() => savedVolume(page)).toBe(3e9);
  });
}

test('storage that refuses to be read or written leaves the page working', async ({ page }) => {
  await page.addInitScript(() => {
    const refuse = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    Object.defineProperty(window, 'localStorage', { get: refuse, configurable: true });
  });
  const problems = await openPage(page);
  await choosePreset(page, 'llama-70b-vs-gpt-4o');
  await typeInto(page, 'Tokens per month', '12B');
  await settledLink(page);
  await expect(page.locator('#messages')).toBeEmpty();
  expect(problems).toEqual([]);
});
