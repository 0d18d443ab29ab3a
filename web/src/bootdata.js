// bootdata.js — the boot data: what web/build.mjs computed with the engine when it built the page (schema, defaults,
// a lean catalog, presets, the default scenario's evaluation), inlined as inert JSON so that the first paint needs
// no engine. tests/wasm/boot.test.mjs pins it to the live engine of the same build.

// Prose the page never shows (the engine's results carry the sources of the figures they use): left out of the boot
// data's catalog to keep the page small.
const PROSE = /(^|_)(note|notes|source|sources)$/;

/**
 * The catalog without its prose fields (notes and sources), but for the default ranges, whose sources "How sure?"
 * shows: the boot data's copy, all the page needs from the catalog.
 */
export function leanCatalog(catalog) {
  return { ...lean(catalog), default_ranges: catalog.default_ranges };
}

function lean(value) {
  if (Array.isArray(value)) return value.map(lean);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !PROSE.test(k))
      .map(([k, v]) => [k, lean(v)]),
  );
}

/** The boot data in the page: { computed, engine_sha256, schema, defaults, catalog (lean), presets, evaluate }. */
export function readBoot(doc = document) {
  const el = doc.getElementById('tcoscope-boot');
  if (!el) throw new Error('the page was built without its boot data (web/build.mjs writes it)');
  return JSON.parse(el.textContent);
}
