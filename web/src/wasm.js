// wasm.js — starts the engine as the page's script runs (its work from the next task on), before the page boots:
// main.js imports it first. Over http the .wasm streams in and compiles as it arrives
// (WebAssembly.compileStreaming; a server that sends the wrong MIME type gets the buffered path). In the single file
// its bytes sit in the page, LZMA-compressed and base64'd
// (<script type="application/x-tcoscope-wasm">): decoded natively (Uint8Array.fromBase64, else atob), then unpacked
// by lzma.js in slices of a few ms (so that no task of the load runs long) and compiled. A copy saved with "Save page
// as" runs from file://, where nothing can be fetched, and an embed in a sandboxed frame (an opaque origin, which
// CORS refuses) load tcoscope.js instead: the same bytes as a classic script.
import { lzmaDecoder } from './lzma.js';
import { nextTask } from './tasks.js';

const WASM_URL = 'tcoscope.wasm';
const TYPE = 'application/x-tcoscope-wasm';

function fromBase64(text) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const SLICE_MS = 8; // the longest a slice of unpacking keeps the main thread

/** The inlined bytes (LZMA, base64), unpacked in slices: the module's bytes. */
async function unpacked(base64) {
  const decoder = lzmaDecoder(fromBase64(base64.trim()));
  for (;;) {
    const start = performance.now();
    do {
      if (decoder.run(16384)) return decoder.output;
    } while (performance.now() - start < SLICE_MS);
    await nextTask();
  }
}

/** tcoscope.js (a saved copy's engine): a classic script that sets globalThis.tcoscopeWasm to the base64 bytes. */
function fromScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () =>
      typeof globalThis.tcoscopeWasm === 'string'
        ? resolve(unpacked(globalThis.tcoscopeWasm))
        : reject(new Error(`${src} did not carry the engine`));
    script.onerror = () => reject(new Error(`the cost engine (${src}) could not be loaded`));
    document.head.append(script);
  });
}

async function streamed() {
  // Begun in the served page's head (early.js), before this script arrived.
  const early = globalThis.tcoscopeCompiling;
  delete globalThis.tcoscopeCompiling;
  try {
    return await (early ?? WebAssembly.compileStreaming(fetch(WASM_URL, { credentials: 'same-origin' })));
  } catch (e) {
    // A server that labels the file with another MIME type: compile from a buffer instead.
    const response = await fetch(WASM_URL, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`the cost engine (${WASM_URL}) could not be loaded: HTTP ${response.status}`);
    if (e instanceof TypeError || e instanceof WebAssembly.CompileError) {
      return WebAssembly.compile(await response.arrayBuffer());
    }
    throw e;
  }
}

/** Compiles the module from wherever this page keeps it. */
async function compile() {
  const el = document.querySelector(`script[type="${TYPE}"]`);
  const inline = el?.textContent.trim();
  if (inline) return WebAssembly.compile(await unpacked(inline));
  // file:// refuses fetch() (and logs it), and so does CORS for a sandboxed frame's opaque origin ("null"): a saved
  // copy and a sandboxed embed load the same bytes as a classic script, which needs neither.
  const script = async () => WebAssembly.compile(await fromScript(el.src));
  if ((location.protocol === 'file:' || globalThis.origin === 'null') && el?.src) return script();
  return el?.src ? streamed().catch(script) : streamed();
}

/** Resolves to the Emscripten module (instantiated, runtime ready); rejects with a readable error. */
function start() {
  performance.mark('tcoscope:engine-start');
  const compiled = compile().then((m) => {
    performance.mark('tcoscope:engine-compiled');
    return m;
  });
  return new Promise((resolve, reject) => {
    // Read at call time: tests wrap the global (and the glue's `var createTcoscope` has run by now).
    const create = globalThis.createTcoscope;
    if (typeof create !== 'function') {
      reject(new Error('the cost engine script did not load'));
      return;
    }
    compiled.catch(reject);
    create({
      instantiateWasm(imports, receive) {
        compiled
          .then((m) => WebAssembly.instantiate(m, imports).then((instance) => receive(instance, m)))
          .catch(reject);
        return {};
      },
    }).then(resolve, reject);
  });
}

/**
 * The engine module, on its way from the page's second task: the first draws the first result, and the single
 * file's first slice of unpacking, the served page's fetch and the glue's set-up would add ~10 ms to it; the engine
 * is not needed before the form is up.
 */
export const engineModule = nextTask().then(start);
// An engine that cannot start is reported by the boot (startup.js), not as an unhandled rejection.
engineModule.catch(() => {});
