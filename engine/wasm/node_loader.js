// node_loader.js — linked as --pre-js: in node, the module reads its sibling tcoscope.wasm from disk (node's global
// fetch cannot load a file path, TOOLCHAIN.md §6). The page never takes this path: it hands the module its own
// instantiateWasm (web/src/wasm.js), streaming the .wasm over http or decoding the bytes inlined in the single file.
// The catalog: Module.catalogText (JSON text) when given (the page passes its boot data's), else in node the sibling
// tcoscope-catalog.json (every assets/catalog file), loaded before the module's promise hands it out.
if (
  typeof process == 'object' &&
  typeof process.versions == 'object' &&
  typeof process.versions.node == 'string' &&
  !Module['wasmBinary'] &&
  !Module['instantiateWasm']
) {
  Module['wasmBinary'] = require('fs').readFileSync(require('path').join(__dirname, 'tcoscope.wasm'));
}
{
  const loadCatalog = () => {
    let text = Module['catalogText'];
    if (
      text == null &&
      typeof process == 'object' &&
      typeof process.versions == 'object' &&
      typeof process.versions.node == 'string'
    ) {
      text = require('fs').readFileSync(require('path').join(__dirname, 'tcoscope-catalog.json'), 'utf8');
    }
    if (text == null) return;
    const envelope = JSON.parse(Module['loadCatalog'](text));
    if (!envelope.ok) throw new Error(`the engine's catalog could not be loaded: ${envelope.errors[0].message}`);
  };
  const next = Module['onRuntimeInitialized'];
  Module['onRuntimeInitialized'] = () => {
    loadCatalog();
    if (next) next();
  };
}
