// storage.js — autosave: the last scenario (minus its defaults) in localStorage, so it survives a reload.
//
// The record is {"format": 1, "saved_at": ISO date, "scenario": {…}} under one key. Storage can be missing
// (a sandboxed iframe throws SecurityError on access), full, or hold anything at all: every path is handled.

export const STORAGE_KEY = 'tcoscope:scenario';
// The product was called llmtco until December 2026: a scenario saved under that key moves to the new one once.
export const LEGACY_STORAGE_KEY = 'llmtco:scenario';

/** Moves a record saved under the old name to the new key (unless one is there already), then drops the old key. */
function migrate(s) {
  try {
    const old = s.getItem(LEGACY_STORAGE_KEY);
    if (old == null) return;
    if (s.getItem(STORAGE_KEY) == null) s.setItem(STORAGE_KEY, old);
    s.removeItem(LEGACY_STORAGE_KEY);
  } catch {
    // full or unavailable: the old record stays where it is and the page starts without it
  }
}

function storage() {
  try {
    const s = globalThis.localStorage;
    s?.getItem(STORAGE_KEY); // some browsers only throw on first use
    if (s) migrate(s);
    return s ?? null;
  } catch {
    return null; // SecurityError: an opaque origin (sandboxed frame) or storage disabled by the user
  }
}

/**
 * What was saved: { status: 'none' | 'unavailable' } or { status: 'ok', scenario, savedAt } or
 * { status: 'corrupt', problem } when the stored text is not a record this page wrote.
 */
export function loadSaved() {
  const s = storage();
  if (!s) return { status: 'unavailable' };
  let text;
  try {
    text = s.getItem(STORAGE_KEY);
  } catch {
    return { status: 'unavailable' };
  }
  if (text == null) return { status: 'none' };
  let record;
  try {
    record = JSON.parse(text);
  } catch {
    return { status: 'corrupt', problem: 'it is not valid JSON' };
  }
  const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isObject(record) || record.format !== 1 || !isObject(record.scenario)) {
    return { status: 'corrupt', problem: 'it is not a scenario this calculator saved' };
  }
  return {
    status: 'ok',
    scenario: record.scenario,
    savedAt: typeof record.saved_at === 'string' ? record.saved_at : null,
  };
}

/** Saves a minimized scenario; false when storage is unavailable or full. */
export function save(minimized) {
  const s = storage();
  if (!s) return false;
  try {
    s.setItem(STORAGE_KEY, JSON.stringify({ format: 1, saved_at: new Date().toISOString(), scenario: minimized }));
    return true;
  } catch {
    return false; // QuotaExceededError
  }
}
