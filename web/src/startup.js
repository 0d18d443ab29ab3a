// startup.js — how the page starts: the fragment (embed mode, theme, a link), the boot data (the build's own run of
// the engine: schema, defaults, catalog, presets, the default scenario's result), the engine, and which scenario
// opens: a link always wins, then the autosaved scenario, then the defaults. Before the engine is ready the page
// previews that scenario from the boot data (its inputs at once; the figures too when it is the default). Anything
// from outside (a link, storage, a file) then reaches the engine as JSON text: it checks size, depth and value count
// before it parses, then validates and drops unknown keys (minimize). A problem becomes a message and the defaults
// open — never a blank page.
import { $, setText } from './dom.js';
import { loadEngine } from './engine.js';
import { decodeScenario, LinkError, LINK_FORMAT, parseFragment } from './link.js';
import { loadSaved } from './storage.js';
import { overlay } from './state.js';
import { problemLines, showMessage, clearMessage } from './messages.js';
import { limitsOf, useSchema } from './schema.js';
import { readBoot } from './bootdata.js';
import { nextTask } from './tasks.js';

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Admits scenario JSON text from outside: { ok: true, scenario (over the defaults), minimized, warnings: the keys
 * the engine does not know (code "unknown_key"; every other warning shows with the result) } or
 * { ok: false, errors, value, newer } (value: the text parsed, when the engine got as far as parsing it; newer: it
 * names a schema version above the engine's).
 */
export function admit(engine, defaults, text) {
  const envelope = engine.minimize(text);
  if (envelope.ok) {
    return {
      ok: true,
      minimized: envelope.result,
      scenario: overlay(defaults, envelope.result),
      warnings: envelope.warnings.filter((w) => w.code === 'unknown_key'),
    };
  }
  // The page parses the text itself only once the engine has (a problem names a field): a document the engine
  // refused whole may be far too deep or too large for the page's own JSON functions.
  let value;
  if (envelope.errors.some((e) => e.path)) {
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
  }
  const version = value?.schema_version;
  return {
    ok: false,
    errors: envelope.errors,
    value,
    newer: typeof version === 'number' && version > (defaults.schema_version ?? 1),
  };
}

/**
 * What a person may open anyway to fix by hand, from an admit() that failed: the document over the defaults when
 * every problem names a field of a scenario of this version; null otherwise.
 */
export function fixable(defaults, a) {
  const ok = !a.newer && isObject(a.value) && a.errors.every((e) => e.path && e.path !== '/schema_version');
  return ok ? overlay(defaults, a.value) : null;
}

/**
 * The scenario a link's fragment carries, with the messages to show: { scenario, source, messages }. inPlace: the
 * link was pasted into an open page (its scenario stays on a failure) rather than opened (the defaults open).
 * maxBytes: the engine's limit on a scenario's JSON, checked on the decoded link before anything parses it.
 */
export async function fromLink(engine, defaults, frag, { inPlace = false, maxBytes = Infinity } = {}) {
  const OPENED_DEFAULTS = inPlace
    ? 'The scenario on screen is unchanged.'
    : 'The calculator opened its default scenario instead.';
  const fail = (title, lines = []) => ({
    scenario: null,
    source: 'link',
    messages: [{ key: 'link', kind: 'error', title, lines }],
  });
  if (frag.damaged) {
    const PART = { asof: 'prices-date', cur: 'currency', cmp: 'comparison' };
    return fail(
      `This link could not be opened: its ${PART[frag.damaged]} part is cut short or altered. ${OPENED_DEFAULTS} ` +
        'Check that the whole link was copied, or ask for it again.',
    );
  }
  if (!frag.data && frag.newer) {
    return fail(
      `This link was made by a newer version of tcoscope (link format ${frag.newer}; this page reads ` +
        `format ${LINK_FORMAT}). ${OPENED_DEFAULTS} Open the link in the current calculator.`,
    );
  }
  let text;
  try {
    text = await decodeScenario(frag.data, { maxBytes });
  } catch (e) {
    if (!(e instanceof LinkError)) throw e;
    return fail(
      `This link could not be opened: ${e.message}. ${OPENED_DEFAULTS} ` +
        (e.kind === 'damaged' ? 'Check that the whole link was copied, or ask for it again.' : ''),
    );
  }
  const a = admit(engine, defaults, text);
  if (!a.ok && a.newer) {
    return fail(
      `This link was made by a newer version of tcoscope (scenario schema version ${a.value.schema_version}; ` +
        `this page understands ${defaults.schema_version ?? 1}). ${OPENED_DEFAULTS} Open the link in the current calculator.`,
    );
  }
  if (!a.ok) {
    const n = a.errors.length;
    return fail(
      `This link's scenario has ${n === 1 ? 'a problem' : `${n} problems`}, so it was not opened. ` +
        `${OPENED_DEFAULTS}`,
      problemLines(a.errors),
    );
  }
  // A scenario that validates but does not evaluate opens all the same: the page marks its fields and says why.
  const messages = a.warnings.length
    ? [
        {
          key: 'link',
          kind: 'warning',
          title: 'This link has settings this calculator does not know; they were ignored:',
          lines: problemLines(a.warnings),
        },
      ]
    : [];
  return { scenario: a.scenario, source: 'link', messages };
}

/**
 * The autosaved scenario, if any: { scenario | null, source: 'saved', messages }. A save that does not validate or
 * does not evaluate is never restored (it would open with no figures): the defaults open, with a message saying
 * why and, when it can be fixed by hand, a way to open it anyway (messages[i].open).
 */
export function fromStorage(engine, defaults) {
  const saved = loadSaved();
  if (saved.status === 'none' || saved.status === 'unavailable')
    return { scenario: null, source: 'saved', messages: [] };
  const ignored = (why, lines = [], open = null) => ({
    scenario: null,
    source: 'saved',
    messages: [
      {
        key: 'saved',
        kind: 'warning',
        title:
          `The scenario saved in this browser could not be used (${why}), so it was ignored and the ` +
          'default scenario is shown. Your next change replaces it.',
        lines,
        open,
      },
    ],
  });
  if (saved.status === 'corrupt') return ignored(saved.problem);
  let text;
  try {
    text = JSON.stringify(saved.scenario);
  } catch {
    return ignored('it is not a scenario this calculator saved');
  }
  const a = admit(engine, defaults, text);
  if (!a.ok) {
    return ignored(
      a.newer ? 'a newer version of tcoscope saved it' : 'it does not pass validation',
      problemLines(a.errors),
      fixable(defaults, a),
    );
  }
  const run = engine.evaluate(a.scenario);
  if (!run.ok)
    return ignored('it does not evaluate with this version of the calculator', problemLines(run.errors), a.scenario);
  // Nothing to say when what was saved is the default scenario itself.
  if (Object.keys(a.minimized).every((k) => k === 'schema_version'))
    return { scenario: a.scenario, source: 'saved', messages: [] };
  const when = saved.savedAt ? new Date(saved.savedAt) : null;
  const date =
    when && !Number.isNaN(when.getTime())
      ? ` on ${when.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}`
      : '';
  return {
    scenario: a.scenario,
    source: 'saved',
    messages: [
      {
        key: 'saved',
        kind: 'info',
        title: `This is the scenario you last worked on, restored from this browser (saved${date}).`,
        action: 'start-over',
      },
    ],
  };
}

/**
 * A page kept with the browser's "Save page as" holds the DOM as it was drawn (results, inputs, charts, the
 * flags on <body>): start again from the skeleton, so the saved copy boots like the original.
 */
function resetDrawn() {
  for (const el of document.querySelectorAll('[data-drawn]')) el.replaceChildren();
  for (const el of document.querySelectorAll('body > .tip, body > dialog')) el.remove();
  delete document.body.dataset.state;
  delete document.body.dataset.evaluations;
  setText($('#verdict-sentence'), 'Loading the cost engine…');
}

// Larger texts wait for the engine, which checks their size and depth before anything parses them.
const PREVIEW_MAX_CHARS = 64 * 1024;

/**
 * The scenario to show before the engine can check it: { scenario, source } — the link's or the autosave's over
 * the defaults, or the defaults. Only a guess at what opens (chooseStart decides, once the engine runs).
 */
export async function previewStart(boot, frag) {
  const defaults = boot.defaults;
  const none = { scenario: defaults, source: 'defaults' };
  const parsed = (text) => {
    if (typeof text !== 'string' || text.length > PREVIEW_MAX_CHARS) return null;
    try {
      const value = JSON.parse(text);
      return isObject(value) ? value : null;
    } catch {
      return null;
    }
  };
  if (frag.data || frag.newer) {
    if (!frag.data) return none;
    try {
      const value = parsed(await decodeScenario(frag.data, { maxBytes: PREVIEW_MAX_CHARS }));
      return value ? { scenario: overlay(defaults, value), source: 'link' } : none;
    } catch {
      return none;
    }
  }
  if (frag.embed) return none;
  const saved = loadSaved();
  return saved.status === 'ok' && isObject(saved.scenario)
    ? { scenario: overlay(defaults, saved.scenario), source: 'saved' }
    : none;
}

/**
 * Which scenario opens, now that the engine runs: { scenario | null, source, messages } (null: the defaults).
 */
export async function chooseStart(engine, defaults, frag, limits) {
  // A link always wins; then the autosave (not in an embed: a frame shows what its host chose); then the defaults.
  if (frag.data || frag.newer || frag.damaged) return fromLink(engine, defaults, frag, { maxBytes: limits.max_bytes });
  if (!frag.embed) return fromStorage(engine, defaults);
  return { scenario: null, source: 'defaults', messages: [] };
}

/**
 * Starts the page, synchronously (nothing here waits for the engine): { frag, embed, boot, schema, limits,
 * defaults, engineReady }, where engineReady resolves to the engine (engine.js) once its module is instantiated.
 */
export function startPage() {
  const html = document.documentElement;
  // Nothing of the page is laid out before its first frame (issue 13): see layOutInFrame.
  html.dataset.booting = '';
  // A saved copy of the page keeps the scenario it showed on <html data-link>; a link in the address bar wins.
  const keptLink = html.dataset.link;
  resetDrawn();
  const frag = parseFragment(location.hash || (keptLink ? `#${keptLink}` : ''));
  html.dataset.mode = frag.embed ? 'embed' : 'full';
  if (frag.theme) html.dataset.theme = frag.theme;
  else delete html.dataset.theme;

  const boot = readBoot();
  const engineReady = loadEngine(() => boot.catalogText).then((engine) => {
    performance.mark('tcoscope:engine-ready');
    return engine;
  });
  useSchema(boot.schema);
  const limits = limitsOf(boot.schema);
  return { frag, embed: frag.embed, boot, schema: boot.schema, limits, defaults: boot.defaults, engineReady };
}

/**
 * Lifts html[data-booting] (display: none on the body's children, set by startPage) in the next animation frame,
 * before that frame's style and layout; resolves in a task after that frame. The page's first task ends with the
 * document's load, and the load lays the whole document out at once: ~30 ms of style and layout (fonts and all) in
 * the same task as the script that drew the first result. Hidden, that layout is nothing; the frame then lays out and
 * paints the result, as it would have: the same first paint, in two tasks instead of one. (content-visibility:
 * hidden does not do: the load's layout forces the skipped parts.) A hidden tab gets no frames: a timer lifts it.
 */
export function layOutInFrame() {
  return new Promise((resolve) => {
    let lifted = false;
    const lift = () => {
      if (lifted) return;
      lifted = true;
      // The sections beside and below the verdict keep their contents skipped for one more frame, so that
      // this frame lays out the verdict and the page's frame, the next one the rest: two frames of ~25 ms, not
      // one long task (issue 13; web/bench.mjs: 6 of 7 served loads had one of 55-69 ms, now 1 of 5 of 54).
      const html = document.documentElement;
      html.dataset.revealing = '';
      delete html.dataset.booting;
      const reveal = () => delete html.dataset.revealing;
      requestAnimationFrame(reveal);
      setTimeout(reveal, 250);
      nextTask().then(resolve);
    };
    requestAnimationFrame(lift);
    setTimeout(lift, 250);
  });
}

/**
 * A link pasted into the address bar of an open page changes only the fragment: its scenario opens in place
 * (open(scenario, link): the parsed link, for its other parts), or the page says why not. Another display mode or
 * theme reloads the page.
 */
export function followPastedLinks({ engine, defaults, frag, limits, open }) {
  window.addEventListener('hashchange', async () => {
    const next = parseFragment(location.hash);
    if (next.embed !== frag.embed || next.theme !== frag.theme) {
      location.reload();
      return;
    }
    if (!next.data && !next.newer) return;
    const opened = await fromLink(engine, defaults, next, { inPlace: true, maxBytes: limits.max_bytes });
    clearMessage('link');
    for (const m of opened.messages) showMessage(m);
    if (opened.scenario) await open(opened.scenario, next);
  });
}
