// build.mjs — bundles web/ into dist/: the served site (index.html; app.js: the engine's glue and the page as one
// classic script; app.css; tcoscope.wasm, streamed; tcoscope.js: the same bytes as a classic script, for copies saved
// with "Save page as"), tcoscope.html (one self-contained file: script, CSS and the wasm bytes, LZMA-compressed, inlined;
// works from file://) and embed-example.html (a blog post embedding the calculator). Both pages carry the build's
// own run of the engine (boot data: schema, defaults, catalog, presets and the default scenario's result), so the
// first paint shows a result before the engine has started. TCOSCOPE_SITE_URL (e.g. https://example.org/tcoscope/)
// adds og:url and a canonical link to the pages' link-preview tags.
import * as esbuild from 'esbuild';
import { minify } from 'terser';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { encodeScenario, fragment } from './src/link.js';
import { embedSnippet, RESIZE_SCRIPT } from './src/snippet.js';
import { BOOT_LATER, engineCatalog } from './src/bootdata.js';
import { unlzma } from './src/lzma.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const enginePath = path.join(root, 'build/wasm/engine/wasm/tcoscope.js');
const wasmPath = path.join(root, 'build/wasm/engine/wasm/tcoscope.wasm');
const cliPath = path.join(root, 'build/native/engine/tcoscope');
for (const needed of [enginePath, wasmPath, cliPath]) {
  if (!existsSync(needed)) {
    console.error(
      `build.mjs: ${path.relative(root, needed)} is missing; run scripts/build (it builds the CLI and the module first)`,
    );
    process.exit(1);
  }
}

const bundle = await esbuild.build({
  entryPoints: [path.join(root, 'web/src/main.js')],
  bundle: true,
  format: 'iife',
  minify: !process.env.TCOSCOPE_NO_MINIFY, // TCOSCOPE_NO_MINIFY=1: readable names in a profile
  target: ['chrome109', 'firefox115', 'safari16'],
  outdir: dist,
  write: false,
  legalComments: 'none',
  logLevel: 'warning',
});
const output = (ext) => bundle.outputFiles.find((f) => f.path.endsWith(ext)).text;
const appCss = output('.css');
// Emscripten's glue minified once more (esbuild renames its locals; the global createTcoscope stays): ~25% less gzip.
const engineJs = (
  await esbuild.transform(readFileSync(enginePath, 'utf8'), {
    minify: !process.env.TCOSCOPE_NO_MINIFY,
    target: 'chrome109',
    legalComments: 'none',
  })
).code;
const wasm = readFileSync(wasmPath);
// The head's warm-up (warm.js): the type scale as styles.css :root declares it, sizes in px at the default 16 px rem.
function typeScale(css) {
  const root = css.match(/:root\s*\{([^}]*)\}/)?.[1] ?? '';
  const font = root.match(/--font:\s*([^;]+)/)?.[1].trim();
  const sizes = [...root.matchAll(/--text-[a-z0-9]+:\s*([\d.]+)rem/g)].map((m) => Number(m[1]) * 16);
  const bold = Number(root.match(/--bold:\s*(\d+)/)?.[1]);
  if (!font || sizes.length < 4 || !bold) throw new Error('styles.css :root has no --font, --text-* (rem) or --bold');
  return { font, sizes, weights: [400, bold] };
}
const warmSource = readFileSync(path.join(root, 'web/src/warm.js'), 'utf8');
if (!warmSource.includes('= TYPE_SCALE;')) throw new Error('warm.js no longer reads TYPE_SCALE');
const warmJs = (
  await minify(
    warmSource.replace('= TYPE_SCALE;', () => `= ${JSON.stringify(typeScale(appCss))};`),
    { ecma: 2020 },
  )
).code;
// The served page's engine start (early.js): in its head, before the warm-up.
const earlyJs = (await minify(readFileSync(path.join(root, 'web/src/early.js'), 'utf8'), { ecma: 2020 })).code;
// The glue first, as a classic script: its `var createTcoscope` is a global the page (and tests) can reach. Then
// terser over both, after esbuild: its second compress pass takes 69.3 KB gzip to 65.5 (issue 13), where esbuild
// alone leaves the bundle; top-level names stay (not a module).
let appJs = `${engineJs.trim()}\n${output('.js')}`;
if (!process.env.TCOSCOPE_NO_MINIFY)
  appJs = (await minify(appJs, { compress: { passes: 2 }, mangle: true, ecma: 2020, module: false })).code;
// The wasm inlined in the single file: compressed, then base64 (gzip cannot squeeze base64 of raw wasm: 4/3 of it
// stays). LZMA (xz --format=lzma -9e) takes the module to 161 KB where deflate -9 leaves 209; the page decodes it
// with lzma.js, in slices. pb=0: wasm's code is a byte stream with no 4-byte structure for the default pb=2 to
// model (~340 bytes less here). lc=4 (four bits of the previous byte as the literals' context, the most LZMA allows)
// and nice=128: 69 bytes less than the defaults on the module of 2026-12-04 (lc=2: 1 KB more; pb=1: 90 more). The
// header's size field is set (xz writes "unknown"), and the stream is decoded here once, so a build whose decoder
// and encoder disagree fails now rather than in a browser.
function lzma(bytes) {
  const packed = new Uint8Array(
    execFileSync('xz', ['--format=lzma', '--lzma1=preset=9e,pb=0,lc=4,nice=128', '-c'], {
      input: bytes,
      maxBuffer: 1 << 26,
    }),
  );
  for (let i = 0, n = bytes.length; i < 8; i++, n = Math.floor(n / 256)) packed[5 + i] = n % 256;
  if (!Buffer.from(unlzma(packed)).equals(bytes)) throw new Error('lzma.js does not decode what xz wrote');
  return Buffer.from(packed);
}
const wasmBase64 = lzma(wasm).toString('base64');
const WASM_TYPE = 'application/x-tcoscope-wasm'; // wasm.js reads it; the browser neither runs nor fetches it
const template = readFileSync(path.join(root, 'web/index.html'), 'utf8');

// Inlined text must not end its own element early.
for (const [name, text, bad] of [
  ['app.js', appJs, /<\/script|<!--/i],
  ['the engine glue', engineJs, /<\/script|<!--/i],
  ['app.css', appCss, /<\/style/i],
]) {
  if (bad.test(text)) throw new Error(`${name} contains ${bad}: it cannot be inlined as is`);
}

// Emscripten's embind builds its invokers with new Function unless the module is linked with
// -sDYNAMIC_EXECUTION=0; only then can the policy drop 'unsafe-eval'.
const evalSource = /new Function\(/.test(engineJs) ? " 'unsafe-eval'" : '';
// connect-src 'self': the served page streams tcoscope.wasm; the single file fetches nothing.
const common = "default-src 'none'; img-src data:; base-uri 'none'; form-action 'none'";
const sha = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

// Link previews: what chat apps and wikis show for a pasted link. The fragment (the scenario) never reaches them.
const DESCRIPTION =
  'The total cost of self-hosting an open-weight LLM against a per-token API: GPUs at real ' +
  'utilization, engineering, refreshes, breakeven and payback, every number explained. Runs entirely in your browser.';
const OG_TITLE = 'tcoscope — self-host an open-weight LLM, or pay per token?';
const siteUrl = process.env.TCOSCOPE_SITE_URL?.trim();
const esc = (text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const siteMeta = siteUrl
  ? `<meta property="og:url" content="${esc(siteUrl)}">\n<link rel="canonical" href="${esc(siteUrl)}">`
  : '';
const OFFLINE = {
  served:
    '<p class="offline-note">Works offline: <a href="tcoscope.html" download>download the calculator as one ' +
    'file</a> and open it from your disk, with no network at all.</p>',
  single: '<p class="offline-note">This is the offline copy: one file that works from your disk with no network.</p>',
};

// The build's own run of the engine (the same module the page loads): what the page needs before that module is
// ready. A test (tests/wasm/boot.test.mjs) pins it to the live engine's answers, so it can never go stale.
// The module has no catalog compiled in: node_loader.js hands it every catalog file; the page hands its engine the
// boot data's (without notes), so the figures below come from a module loaded exactly as the page's is.
const load = createRequire(import.meta.url)(enginePath);
const engine = await load();
const json = (text) => JSON.parse(text);
const catalog = engineCatalog(json(engine.catalog()));
const pageEngine = await load({ catalogText: JSON.stringify(catalog) });
const defaults = json(pageEngine.defaults());
const boot = {
  computed: 'build', // the figures were computed when this page was built, by this page's engine
  engine_sha256: createHash('sha256').update(wasm).digest('hex'),
  // The scenario's JSON Schema, from the native CLI built from the same sources (the module leaves it out).
  schema: json(execFileSync(cliPath, ['schema'], { encoding: 'utf8' })),
  defaults,
  catalog, // what the page shows from the catalog and hands its engine (engine.js)
  presets: json(execFileSync(cliPath, ['presets', '--format', 'json'], { encoding: 'utf8' })),
  // Exactly the calls the page makes first for the default scenario (the text the page sends is the same).
  evaluate: json(pageEngine.evaluate(JSON.stringify(defaults))),
  gpus: json(pageEngine.gpus(JSON.stringify(defaults))), // "Which GPU?", drawn at once so nothing below it moves
  // "How sure?" for the default scenario: the sampler's answer, identical for the same seed (sliced or not).
  sensitivity: json(pageEngine.sensitivity(JSON.stringify(defaults))),
};
// Inert JSON in the page (<script type="application/json">): "<" escaped so no text in it can end the element.
// What the first paint needs in one element; the parts it does not need each in their own, which the page parses
// only when it first reads them (bootdata.js BOOT_LATER: the catalog goes to the engine as it stands, unparsed).
const inert = (id, value) =>
  `<script type="application/json" id="${id}">${JSON.stringify(value).replace(/</g, '\\u003c')}</script>`;
const bootScript = [
  inert('tcoscope-boot', Object.fromEntries(Object.entries(boot).filter(([k]) => !BOOT_LATER.includes(k)))),
  ...BOOT_LATER.map((k) => inert(`tcoscope-boot-${k}`, boot[k])),
].join('\n');

const fill = (csp, styles, headScripts, scripts, offline) =>
  // Function replacements: the inlined code may contain "$&" or "$'", which a string replacement would expand.
  template
    .replace('%CSP%', () => csp)
    .replace('%STYLES%', () => styles)
    .replace('%HEAD_SCRIPTS%', () => headScripts)
    .replace('%SCRIPTS%', () => `${bootScript}\n${scripts}`)
    .replaceAll('%DESCRIPTION%', () => esc(DESCRIPTION))
    .replaceAll('%OG_TITLE%', () => esc(OG_TITLE))
    .replace('%TWITTER_CARD%', 'summary')
    .replace('%SITE_META%', () => siteMeta)
    .replace('%OFFLINE_NOTE%', () => offline);

// Served: the engine's start and the warm-up inline (their hashes in the policy), then one render-blocking deferred
// script, so the first paint already carries the build-time result; the wasm streams from the head on. The inert
// element names tcoscope.js for a saved copy (wasm.js).
const served = fill(
  `${common}; connect-src 'self'; script-src 'self' ${sha(earlyJs)} ${sha(warmJs)} 'wasm-unsafe-eval'${evalSource}; style-src 'self'`,
  '<link rel="stylesheet" href="app.css">',
  `<script>${earlyJs}</script>\n<script>${warmJs}</script>\n<script defer blocking="render" src="app.js"></script>`,
  `<script type="${WASM_TYPE}" id="tcoscope-wasm" src="tcoscope.js"></script>`,
  OFFLINE.served,
);
// Single file: inline scripts run as the parser reaches them, before the first paint (the warm-up's tasks between
// the parser's).
const single = fill(
  `${common}; script-src ${sha(warmJs)} ${sha(appJs)} 'wasm-unsafe-eval'${evalSource}; style-src ${sha(appCss)}`,
  // The warm-up before the styles: their :root repeats its font stack within deflate's window (48 bytes less).
  `<script>${warmJs}</script>\n<style>${appCss}</style>`,
  '',
  `<script type="${WASM_TYPE}" id="tcoscope-wasm">${wasmBase64}</script>\n<script>${appJs}</script>`,
  OFFLINE.single,
);
if (/%[A-Z_]+%/.test(served + single.slice(0, 4000)))
  throw new Error('index.html has a placeholder build.mjs does not fill');

// The example blog post embeds the utilization-trap preset, with the snippet the Embed dialog writes.
const trap = boot.presets.find((p) => p.id === 'utilization-trap');
const trapLink = await encodeScenario(JSON.parse(engine.minimize(JSON.stringify(trap.scenario))).result);
const exampleTemplate = readFileSync(path.join(root, 'web/embed-example.html'), 'utf8');
const exampleCss = exampleTemplate.match(/<style>([\s\S]*?)<\/style>/)[1];
const example = exampleTemplate
  .replace(
    '%CSP%',
    () =>
      `default-src 'none'; frame-src 'self'; img-src data:; style-src ${sha(exampleCss)}; ` +
      `script-src ${sha(`\n${RESIZE_SCRIPT}\n`)}; base-uri 'none'; form-action 'none'`,
  )
  .replace('%EMBED%', () => embedSnippet({ src: `index.html${fragment(trapLink, { embed: true })}` }));

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
const files = {
  'index.html': served,
  'app.js': appJs,
  'app.css': appCss,
  'tcoscope.wasm': wasm,
  // For a copy saved with "Save page as" (file://, where nothing can be fetched): the bytes as a classic script.
  'tcoscope.js': `// tcoscope.js — the cost engine's WebAssembly (LZMA, base64) for saved copies of the page (wasm.js).\nvar tcoscopeWasm = "${wasmBase64}";\n`,
  'tcoscope.html': single,
  'embed-example.html': example,
};
for (const [name, body] of Object.entries(files)) writeFileSync(path.join(dist, name), body);

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const name of readdirSync(dist).sort()) {
  const bytes = readFileSync(path.join(dist, name));
  const gzip = gzipSync(bytes, { level: 9 }).length;
  console.log(`dist/${name.padEnd(18)} ${kb(bytes.length).padStart(10)} raw ${kb(gzip).padStart(10)} gzip`);
}
if (evalSource)
  console.log("note: CSP allows 'unsafe-eval' because the engine was linked without -sDYNAMIC_EXECUTION=0");
