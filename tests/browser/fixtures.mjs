// fixtures.mjs — the `test` every spec uses: Playwright's, with the page's calendar moved to one day. The page checks
// its prices' ages against today (prices.js); the catalog's as-of dates would otherwise turn stale under the tests as
// the calendar moves on, and a passing suite would start to fail on a given day. Only Date moves, by a constant
// offset, so time still flows: Playwright's clock (page.clock) also replaces `performance`, and the tests read the
// page's performance marks and long tasks.
import { test as base, expect } from '@playwright/test';

/** The day the page believes it is in every test (local noon, so no time zone moves it to another day). */
export const TEST_TODAY = new Date('2026-12-02T12:00:00');
/** The same day as the page writes it (YYYY-MM-DD). */
export const TEST_DAY = '2026-12-02';

/** A new browser context on the tests' day, for tests that need a second reader or other context options. */
export async function fixedContext(browser, options = {}) {
  const context = await browser.newContext(options);
  await onTestDay(context);
  return context;
}

/** Runs in every page before its scripts: Date (now, and `new Date()` without arguments) shifted to the tests' day. */
function shiftDate(target) {
  const Real = Date;
  const offset = target - Real.now();
  const now = () => Real.now() + offset;
  function Shifted(...args) {
    if (!new.target) return new Real(now()).toString();
    return args.length ? new Real(...args) : new Real(now());
  }
  Shifted.prototype = Real.prototype;
  Object.defineProperty(Real.prototype, 'constructor', { value: Shifted, writable: true, configurable: true });
  Shifted.now = now;
  Shifted.parse = Real.parse;
  Shifted.UTC = Real.UTC;
  globalThis.Date = Shifted;
}
const onTestDay = (context) => context.addInitScript(shiftDate, TEST_TODAY.getTime());

export const test = base.extend({
  context: async ({ context }, use) => {
    await onTestDay(context);
    await use(context);
  },
});
export { expect };
