// boot.test.mjs — the boot data both pages carry (the build's own run of the engine, drawn at first paint) is exactly
// what the live engine of the same build answers, and the wasm the pages load is the module the build ran: the
// first paint can never show a stale figure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BOOT_LATER, engineCatalog } from '../../web/src/bootdata.js';
import { unlzma } from '../../web/src/lzma.js';
import { presets } from './support.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const createTcoscope = require(path.join(root, 'build/wasm/engine/wasm/tcoscope.js'));
const engine = await createTcoscope(); // in node, loaded with every catalog file, notes and all
const wasm = readFileSync(path.join(root, 'build/wasm/engine/wasm/tcoscope.wasm'));
// The scenario's JSON Schema from the native CLI (the module leaves it out), built from the same sources.
const schema = JSON.parse(
  execFileSync(path.join(root, 'build/native/engine/tcoscope'), ['schema'], { encoding: 'utf8' }),
);
const page = (name) => readFileSync(path.join(root, 'dist', name), 'utf8');
// The boot data: one element for what the first paint needs, one each for the parts read later (BOOT_LATER).
const bootOf = (html) => {
  const m = /<script type="application\/json" id="tcoscope-boot">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(m, 'the page carries its boot data');
  const boot = JSON.parse(m[1]);
  for (const key of BOOT_LATER) {
    const part = new RegExp(`<script type="application/json" id="tcoscope-boot-${key}">([\\s\\S]*?)</script>`).exec(
      html,
    );
    assert.ok(part, `the page carries its boot data's ${key}`);
    assert.equal(boot[key], undefined, `${key} is in one place`);
    boot[key] = JSON.parse(part[1]);
    if (key === 'catalog') boot.catalogText = part[1]; // the text the page hands its engine
  }
  return boot;
};
const PAGES = ['index.html', 'tcoscope.html'];

for (const name of PAGES) {
  test(`dist/${name}: the boot data equals the live engine's answers, call for call`, () => {
    const boot = bootOf(page(name));
    const defaults = JSON.parse(engine.defaults());
    assert.equal(boot.computed, 'build');
    assert.deepEqual(boot.defaults, defaults);
    assert.deepEqual(boot.schema, schema); // the CLI's: the module has no schema()
    assert.deepEqual(boot.presets, presets());
    assert.deepEqual(boot.catalog, engineCatalog(JSON.parse(engine.catalog())));
    // The page's first call for the default scenario sends this very text.
    assert.deepEqual(boot.evaluate, JSON.parse(engine.evaluate(JSON.stringify(defaults))));
    assert.equal(boot.evaluate.ok, true);
    assert.deepEqual(boot.gpus, JSON.parse(engine.gpus(JSON.stringify(defaults))));
    assert.deepEqual(boot.sensitivity, JSON.parse(engine.sensitivity(JSON.stringify(defaults))));
  });

  test(`dist/${name}: the engine handed the boot data's catalog (no notes) answers as with the whole catalog`, async () => {
    const boot = bootOf(page(name));
    const pageEngine = await createTcoscope({ catalogText: boot.catalogText });
    const scenarios = [boot.defaults, ...boot.presets.map((p) => p.scenario)].map((s) => JSON.stringify(s));
    for (const text of scenarios) {
      for (const call of ['evaluate', 'gpus', 'sensitivity'])
        assert.deepEqual(JSON.parse(pageEngine[call](text)), JSON.parse(engine[call](text)), call);
    }
  });

  test(`dist/${name}: the boot data was computed by the module the page loads`, () => {
    assert.equal(bootOf(page(name)).engine_sha256, createHash('sha256').update(wasm).digest('hex'));
  });
}

test('the single file inlines the same wasm, LZMA-compressed and base64', () => {
  const m = /<script type="application\/x-tcoscope-wasm" id="tcoscope-wasm">([A-Za-z0-9+/=]+)<\/script>/.exec(
    page('tcoscope.html'),
  );
  assert.ok(m, 'tcoscope.html inlines the module');
  assert.ok(Buffer.from(unlzma(new Uint8Array(Buffer.from(m[1], 'base64')))).equals(wasm));
});

test('the served site streams the same wasm, and tcoscope.js (for saved copies) carries it too', () => {
  assert.ok(readFileSync(path.join(root, 'dist/tcoscope.wasm')).equals(wasm));
  const m = /var tcoscopeWasm = "([A-Za-z0-9+/=]+)";/.exec(page('tcoscope.js'));
  assert.ok(m, 'tcoscope.js assigns the bytes');
  assert.ok(Buffer.from(unlzma(new Uint8Array(Buffer.from(m[1], 'base64')))).equals(wasm));
  assert.match(
    page('index.html'),
    /<script type="application\/x-tcoscope-wasm" id="tcoscope-wasm" src="tcoscope\.js">/,
  );
});
