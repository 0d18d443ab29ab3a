// node_loader.js — linked as --pre-js: in node, the module reads its sibling tcoscope.wasm from disk (node's global
// fetch cannot load a file path, TOOLCHAIN.md §6). The page never takes this path: it hands the module its own
// instantiateWasm (web/src/wasm.js), streaming the .wasm over http or decoding the bytes inlined in the single file.
if (
  typeof process == 'object' &&
  typeof process.versions == 'object' &&
  typeof process.versions.node == 'string' &&
  !Module['wasmBinary'] &&
  !Module['instantiateWasm']
) {
  Module['wasmBinary'] = require('fs').readFileSync(require('path').join(__dirname, 'tcoscope.wasm'));
}
