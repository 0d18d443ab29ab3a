// engine.js — the thin wrapper over the wasm module: JSON strings cross, plain objects come back.
//
// The module is a classic Emscripten script (it also loads from file://) that defines the global createTcoscope;
// wasm.js starts it as the page's script begins.
import { engineModule } from './wasm.js';
import { nextTask } from './tasks.js';

/**
 * Loads the engine once, handing it the catalog (the boot data's: the module has none compiled in; catalogText()
 * returns its JSON text); resolves to { evaluate, gpus, minimize, sensitivity, sensitivityBegin, sensitivityStep,
 * evaluateWith, importPrices, compare, defaults, presets, catalog } (the JSON Schema is in the boot data: the module
 * leaves it out).
 */
export async function loadEngine(catalogText) {
  const m = await engineModule;
  // Its own task: parsing the catalog is a few ms of the main thread, kept apart from the first evaluate.
  await nextTask();
  // As UTF-8 bytes: the glue copies a Uint8Array as it stands, where a string goes through two loops in JS that
  // count and encode its ~100 KB character by character.
  const loaded = JSON.parse(m.loadCatalog(new TextEncoder().encode(catalogText())));
  if (!loaded.ok) throw new Error(`the cost engine could not read its catalog: ${loaded.errors[0]?.message}`);
  // A scenario is an object, or JSON text from outside (a file, a link) handed over as it is: the engine checks its
  // size, depth and value count before it parses it, so a hostile document never goes through JSON.stringify.
  const call = (fn, scenario) => JSON.parse(m[fn](typeof scenario === 'string' ? scenario : JSON.stringify(scenario)));
  return {
    /** Envelope: { ok: true, result, warnings } or { ok: false, errors: [{path, message, code?}], warnings }. */
    evaluate: (scenario) => call('evaluate', scenario),
    minimize: (scenario) => call('minimize', scenario),
    /** "Which GPU?": { model, tokens_per_month, options: [...] } in the envelope, cheapest first, unfit last. */
    gpus: (scenario) => call('gpus', scenario),
    /** "How sure?" in one call (10,000 samples: tens of ms, too long for one main-thread task): the envelope. */
    sensitivity: (scenario) => call('sensitivity', scenario),
    /**
     * The same in slices (sampler.js): begin() does the ranges, tornado and flip points and replaces any earlier
     * job; { ok: true, result: { samples } } or the error envelope. step(n) draws up to n more samples:
     * { done: false, samples_done, samples } or { done: true, envelope } with exactly what sensitivity() returns.
     */
    sensitivityBegin: (scenario) => call('sensitivityBegin', scenario),
    sensitivityStep: (maxSamples) => JSON.parse(m.sensitivityStep(maxSamples)),
    /**
     * evaluate() with imported prices (a price file's text, usually {"api_models": [...]}; '' for the catalog's)
     * checked for staleness on `today` (YYYY-MM-DD; '' checks nothing): the envelope. Prices never enter a scenario.
     */
    evaluateWith: (scenario, prices, today) =>
      JSON.parse(m.evaluateWith(typeof scenario === 'string' ? scenario : JSON.stringify(scenario), prices, today)),
    /** Reads a price file (LiteLLM, genai-prices or tcoscope's own): the envelope with the import report. */
    importPrices: (text, today) => JSON.parse(m.importPrices(text, today)),
    /** 2 to 4 scenarios side by side (one row per figure, what differs): the envelope. */
    compare: (scenarios, prices, today) => JSON.parse(m.compare(JSON.stringify(scenarios), prices, today)),
    defaults: () => JSON.parse(m.defaults()),
    catalog: () => JSON.parse(m.catalog()),
  };
}
