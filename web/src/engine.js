// engine.js — the thin wrapper over the wasm module: JSON strings cross, plain objects come back.
//
// The module is a classic Emscripten script (it also loads from file://) that defines the global createTcoscope.

/** Loads the engine once; resolves to { evaluate, gpus, defaults, presets, catalog, minimize }. */
export async function loadEngine() {
  if (typeof globalThis.createTcoscope !== 'function') throw new Error('the cost engine script did not load');
  const m = await globalThis.createTcoscope();
  const call = (fn, scenario) => JSON.parse(m[fn](JSON.stringify(scenario)));
  return {
    /** Envelope: { ok: true, result, warnings } or { ok: false, errors: [{path, message}], warnings }. */
    evaluate: (scenario) => call('evaluate', scenario),
    minimize: (scenario) => call('minimize', scenario),
    /** "Which GPU?": { model, tokens_per_month, options: [...] } in the envelope, cheapest first, unfit last. */
    gpus: (scenario) => call('gpus', scenario),
    defaults: () => JSON.parse(m.defaults()),
    presets: () => JSON.parse(m.presets()),
    catalog: () => JSON.parse(m.catalog()),
  };
}
