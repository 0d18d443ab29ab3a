// bootdata.js — the boot data: what web/build.mjs computed with the engine when it built the page (schema, defaults,
// the catalog without its notes, presets, the default scenario's evaluation), inlined as inert JSON so that the first paint needs
// no engine. tests/wasm/boot.test.mjs pins it to the live engine of the same build.

// Prose neither the page nor the engine reads (the engine's results carry the sources of the figures they use, so
// sources stay): left out of the boot data's catalog to keep the page small. The serving-engine profiles keep
// theirs (the engine reads a profile's note).
const PROSE = /(^|_)(note|notes)$/;

/**
 * The catalog without its notes: the boot data's copy, all the page needs from the catalog and what it hands the
 * engine (which has none compiled in). tests/wasm/boot.test.mjs pins that the engine answers the same with it.
 */
export function engineCatalog(catalog) {
  return { ...lean(catalog), engines: catalog.engines };
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

/** The boot data in the page: { computed, engine_sha256, schema, defaults, catalog, presets, evaluate, gpus, sensitivity }. */
export function readBoot(doc = document) {
  const el = doc.getElementById('tcoscope-boot');
  if (!el) throw new Error('the page was built without its boot data (web/build.mjs writes it)');
  return JSON.parse(el.textContent);
}
