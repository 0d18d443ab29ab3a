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

/**
 * The parts of the boot data the first paint does not need: each in an element of its own (id tcoscope-boot-<key>),
 * parsed when first read (half the boot data's ~290 KB, out of the page's first task).
 */
export const BOOT_LATER = ['catalog', 'presets', 'gpus'];

/**
 * The boot data in the page: { computed, engine_sha256, schema, defaults, catalog, presets, evaluate, gpus,
 * sensitivity, catalogText } (catalog, presets and gpus parsed when first read; catalogText: the catalog's JSON as
 * the page carries it, for the engine).
 */
export function readBoot(doc = document) {
  const el = doc.getElementById('tcoscope-boot');
  if (!el) throw new Error('the page was built without its boot data (web/build.mjs writes it)');
  const boot = JSON.parse(el.textContent);
  const text = (key) => {
    const part = doc.getElementById(`tcoscope-boot-${key}`);
    if (!part) throw new Error(`the page was built without its boot data's ${key} (web/build.mjs writes it)`);
    return part.textContent;
  };
  for (const key of BOOT_LATER) {
    let value;
    Object.defineProperty(boot, key, { enumerable: true, get: () => (value ??= JSON.parse(text(key))) });
  }
  Object.defineProperty(boot, 'catalogText', { get: () => text('catalog') });
  return boot;
}
