// share.js — the link to what is on screen: the address bar follows it (history.replaceState, so edits never
// flood the history), the autosave follows the person's own edits, and the Copy link button copies it. What the
// author saw beside the scenario (the prices' date, the display currency, the pinned scenarios of a comparison:
// link.js's extra parts) joins the link after it; the autosave keeps the scenario alone.
import { encodeScenario, fragment } from './link.js';
import { save } from './storage.js';
import { copyText } from './dom.js';

const FOLLOW_MS = 250; // the address bar and the autosave settle this long after the last change

/**
 * engine; embed/theme: the display options the page was opened with; followUrl: whether the address bar
 * already shows the scenario (false while it shows nothing, or a broken link, until the first edit).
 */
export function createShare({ engine, embed, theme, followUrl: follows }) {
  let followUrl = follows;
  let shown = null; // the last scenario with a good result
  let edited = false; // the person changed something since the page opened
  let timer = 0;
  let sequence = 0;
  let current = null; // { link, minimized } for `shown`
  const listeners = [];
  let extras = async () => []; // the link parts after the scenario's (link.js extraParts)

  const base = () => location.href.split('#')[0];

  async function compute(scenario) {
    const envelope = engine.minimize(scenario);
    if (!envelope.ok) return null;
    const parts = [await encodeScenario(envelope.result), ...(await extras())];
    return { minimized: envelope.result, link: parts.join('&') };
  }

  async function follow() {
    const mine = ++sequence;
    const next = await compute(shown);
    if (!next || mine !== sequence) return;
    current = next;
    const hash = fragment(next.link, { embed, theme });
    if (!embed && (followUrl || edited) && location.hash !== hash) {
      try {
        history.replaceState(history.state, '', hash);
      } catch {
        // A sandboxed or file:// document may refuse; the Copy link button still works.
      }
    }
    if (!embed && edited) save(next.minimized);
    for (const fn of listeners) fn(next);
  }

  return {
    /** Whether the address bar follows the scenario before the first edit (it does for a restored autosave). */
    follow(value) {
      followUrl = value;
    },
    /** The state changed by the person's hand (not by opening a link or restoring). */
    markEdited() {
      edited = true;
    },
    /** A scenario was evaluated and drawn: the link, address bar and autosave follow shortly. */
    shown(scenario) {
      shown = structuredClone(scenario);
      clearTimeout(timer);
      timer = setTimeout(follow, current ? FOLLOW_MS : 0); // the first link at once (the embed's link out)
    },
    /** fn() resolves to the link parts that follow the scenario's: what the author saw beside it. */
    setExtras(fn) {
      extras = fn;
    },
    /** The extras changed (a pin, the currency): the address bar and the link follow now. */
    refresh() {
      if (!shown) return;
      clearTimeout(timer);
      timer = setTimeout(follow, 0);
    },
    /** Calls fn({ link, minimized }) whenever the link changes (print line, embed link, open dialogs). */
    onLink(fn) {
      listeners.push(fn);
      if (current) fn(current);
    },
    /** The link to what is on screen now, not waiting for the address bar: { link, minimized, url }. */
    async now(options = {}) {
      const next = shown ? await compute(shown) : null;
      if (!next) return null;
      return { ...next, url: base() + fragment(next.link, options) };
    },
    url: (link, options = {}) => base() + fragment(link, options),
    base,
    /** Copies the full-calculator link; { ok, url, fromFile }. */
    async copy() {
      const now = await this.now();
      if (!now) return { ok: false };
      return { ok: await copyText(now.url), url: now.url, fromFile: location.protocol === 'file:' };
    },
  };
}
