// build.mjs — bundles web/ into dist/: the served site (index.html, app.js, app.css, tcoscope.js), tcoscope.html (one
// self-contained file: classic scripts, CSS and the SINGLE_FILE wasm module inlined; works from file://) and
// embed-example.html (a blog post embedding the calculator). TCOSCOPE_SITE_URL (e.g. https://example.org/tcoscope/)
// adds og:url and a canonical link to the pages' link-preview tags.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { encodeScenario, fragment } from './src/link.js';
import { embedSnippet, RESIZE_SCRIPT } from './src/snippet.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const enginePath = path.join(root, 'build/wasm/engine/wasm/tcoscope.js');
if (!existsSync(enginePath)) {
  console.error(
    `build.mjs: ${path.relative(root, enginePath)} is missing; run scripts/build (it builds the wasm preset first)`,
  );
  process.exit(1);
}

const bundle = await esbuild.build({
  entryPoints: [path.join(root, 'web/src/main.js')],
  bundle: true,
  format: 'iife',
  minify: true,
  target: ['chrome109', 'firefox115', 'safari16'],
  outdir: dist,
  write: false,
  legalComments: 'none',
  logLevel: 'warning',
});
const output = (ext) => bundle.outputFiles.find((f) => f.path.endsWith(ext)).text;
const appJs = output('.js');
const appCss = output('.css');
const engineJs = readFileSync(enginePath, 'utf8');
const template = readFileSync(path.join(root, 'web/index.html'), 'utf8');

// Inlined text must not end its own element early.
for (const [name, text, bad] of [
  ['app.js', appJs, /<\/script|<!--/i],
  ['tcoscope.js', engineJs, /<\/script|<!--/i],
  ['app.css', appCss, /<\/style/i],
]) {
  if (bad.test(text)) throw new Error(`${name} contains ${bad}: it cannot be inlined as is`);
}

// Emscripten's embind builds its invokers with new Function unless the module is linked with
// -sDYNAMIC_EXECUTION=0; only then can the policy drop 'unsafe-eval'.
const evalSource = /new Function\(/.test(engineJs) ? " 'unsafe-eval'" : '';
// connect-src data: lets Emscripten's loader fetch() its own inlined base64 wasm (a data: URL, no network);
// without it the fetch is refused, logged as a CSP violation, and the loader falls back to decoding it itself.
const common = "default-src 'none'; connect-src data:; img-src data:; base-uri 'none'; form-action 'none'";
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

const fill = (csp, styles, scripts, offline) =>
  // Function replacements: the inlined code may contain "$&" or "$'", which a string replacement would expand.
  template
    .replace('%CSP%', () => csp)
    .replace('%STYLES%', () => styles)
    .replace('%SCRIPTS%', () => scripts)
    .replaceAll('%DESCRIPTION%', () => esc(DESCRIPTION))
    .replaceAll('%OG_TITLE%', () => esc(OG_TITLE))
    .replace('%TWITTER_CARD%', 'summary')
    .replace('%SITE_META%', () => siteMeta)
    .replace('%OFFLINE_NOTE%', () => offline);

const served = fill(
  `${common}; script-src 'self' 'wasm-unsafe-eval'${evalSource}; style-src 'self'`,
  '<link rel="stylesheet" href="app.css">',
  '<script defer src="tcoscope.js"></script>\n<script defer src="app.js"></script>',
  OFFLINE.served,
);
const single = fill(
  `${common}; script-src ${sha(engineJs)} ${sha(appJs)} 'wasm-unsafe-eval'${evalSource}; style-src ${sha(appCss)}`,
  `<style>${appCss}</style>`,
  `<script>${engineJs}</script>\n<script>${appJs}</script>`,
  OFFLINE.single,
);
if (/%[A-Z_]+%/.test(served + single.slice(0, 4000)))
  throw new Error('index.html has a placeholder build.mjs does not fill');

// The example blog post embeds the utilization-trap preset, with the snippet the Embed dialog writes.
const engine = await createRequire(import.meta.url)(enginePath)();
const trap = JSON.parse(engine.presets()).find((p) => p.id === 'utilization-trap');
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
  'tcoscope.js': engineJs,
  'tcoscope.html': single,
  'embed-example.html': example,
};
for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dist, name), text);

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const name of readdirSync(dist).sort()) {
  const bytes = readFileSync(path.join(dist, name));
  const gzip = gzipSync(bytes, { level: 9 }).length;
  console.log(`dist/${name.padEnd(18)} ${kb(bytes.length).padStart(10)} raw ${kb(gzip).padStart(10)} gzip`);
}
if (evalSource)
  console.log("note: CSP allows 'unsafe-eval' because the engine was linked without -sDYNAMIC_EXECUTION=0");
