// early.js — a classic script inlined at the top of the served page only (build.mjs), before anything else: the
// engine's bytes stream in and compile from here while the page waits for app.js, ~70 ms before app.js could ask
// for them (issue 13: a link's result comes as soon as the engine is ready). wasm.js takes the compilation over,
// or starts its own where this one fails (a server that sends another MIME type). Not in a copy saved to disk
// (file://) or a sandboxed frame (an opaque origin): neither can fetch, and wasm.js loads tcoscope.js there.
if (/^https?:$/.test(location.protocol) && globalThis.origin !== 'null' && WebAssembly.compileStreaming) {
  globalThis.tcoscopeCompiling = WebAssembly.compileStreaming(fetch('tcoscope.wasm', { credentials: 'same-origin' }));
  globalThis.tcoscopeCompiling.catch(() => {}); // wasm.js reports what fails
}
