// startup.js — which scenario the page opens: a link always wins, then the autosaved scenario, then the defaults.
// Anything from outside (a link, storage, a file) goes through the engine's minimize, which validates it and
// drops unknown keys; a problem becomes a message and the defaults open — never a blank page.
import { decodeScenario, LinkError, LINK_FORMAT } from './link.js';
import { loadSaved } from './storage.js';
import { overlay } from './state.js';
import { problemLines } from './messages.js';

/**
 * Admits a scenario object from outside: { ok: true, scenario (over the defaults), minimized, warnings } or
 * { ok: false, errors, newer } (newer: it names a schema version above the engine's).
 */
export function admit(engine, defaults, value) {
  const envelope = engine.minimize(value);
  if (envelope.ok) {
    return { ok: true, minimized: envelope.result, scenario: overlay(defaults, envelope.result), warnings: envelope.warnings };
  }
  const version = value?.schema_version;
  return { ok: false, errors: envelope.errors,
    newer: typeof version === 'number' && version > (defaults.schema_version ?? 1) };
}

/**
 * The scenario a link's fragment carries, with the messages to show: { scenario, source, messages }. inPlace: the
 * link was pasted into an open page (its scenario stays on a failure) rather than opened (the defaults open).
 */
export async function fromLink(engine, defaults, frag, { inPlace = false } = {}) {
  const OPENED_DEFAULTS = inPlace ? 'The scenario on screen is unchanged.'
    : 'The calculator opened its default scenario instead.';
  const fail = (title, lines = []) => ({ scenario: null, source: 'link', messages: [{ key: 'link', kind: 'error', title, lines }] });
  if (!frag.data && frag.newer) {
    return fail(`This link was made by a newer version of tcoscope (link format ${frag.newer}; this page reads ` +
      `format ${LINK_FORMAT}). ${OPENED_DEFAULTS} Open the link in the current calculator.`);
  }
  let value;
  try {
    value = await decodeScenario(frag.data);
  } catch (e) {
    if (!(e instanceof LinkError)) throw e;
    return fail(`This link could not be opened: ${e.message}. ${OPENED_DEFAULTS} ` +
      (e.kind === 'damaged' ? 'Check that the whole link was copied, or ask for it again.' : ''));
  }
  const a = admit(engine, defaults, value);
  if (!a.ok && a.newer) {
    return fail(`This link was made by a newer version of tcoscope (scenario schema version ${value.schema_version}; ` +
      `this page understands ${defaults.schema_version ?? 1}). ${OPENED_DEFAULTS} Open the link in the current calculator.`);
  }
  if (!a.ok) {
    const n = a.errors.length;
    return fail(`This link's scenario has ${n === 1 ? 'a problem' : `${n} problems`}, so it was not opened. ` +
      `${OPENED_DEFAULTS}`, problemLines(a.errors));
  }
  const messages = a.warnings.length ? [{ key: 'link', kind: 'warning',
    title: 'This link has settings this calculator does not know; they were ignored:',
    lines: problemLines(a.warnings) }] : [];
  return { scenario: a.scenario, source: 'link', messages };
}

/** The autosaved scenario, if any: { scenario | null, source: 'saved', messages }. */
export function fromStorage(engine, defaults) {
  const saved = loadSaved();
  if (saved.status === 'none' || saved.status === 'unavailable') return { scenario: null, source: 'saved', messages: [] };
  const ignored = (why, lines = []) => ({ scenario: null, source: 'saved', messages: [{ key: 'saved', kind: 'warning',
    title: `The scenario saved in this browser could not be used (${why}), so it was ignored and the default ` +
      'scenario is shown. Your next change replaces it.', lines }] });
  if (saved.status === 'corrupt') return ignored(saved.problem);
  const a = admit(engine, defaults, saved.scenario);
  if (!a.ok) return ignored(a.newer ? 'a newer version of tcoscope saved it' : 'it does not pass validation', problemLines(a.errors));
  // Nothing to say when what was saved is the default scenario itself.
  if (Object.keys(a.minimized).every((k) => k === 'schema_version')) return { scenario: a.scenario, source: 'saved', messages: [] };
  const when = saved.savedAt ? new Date(saved.savedAt) : null;
  const date = when && !Number.isNaN(when.getTime())
    ? ` on ${when.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}` : '';
  return { scenario: a.scenario, source: 'saved', messages: [{ key: 'saved', kind: 'info',
    title: `This is the scenario you last worked on, restored from this browser (saved${date}).`, action: 'start-over' }] };
}
