// wasm_size.mjs — the wasm module's size by section, by kind of code and data, and its largest functions (for
// scripts/bench). Reads the module built with its names kept (tcoscope_wasm_names: --profiling-funcs); needs no
// tool beyond node. Usage: node tests/bench/wasm_size.mjs [path/to/tcoscope-names.wasm] [--top N]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const TOP = topAt >= 0 ? Number(args[topAt + 1]) : 15;
const file =
  args.find((a, i) => !a.startsWith('--') && i !== topAt + 1) ??
  path.join(root, 'build/wasm/engine/wasm/tcoscope-names.wasm');
const bytes = readFileSync(file);

let pos = 8;
const leb = () => {
  let result = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[pos++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return result;
};
const text = () => {
  const n = leb();
  const s = bytes.toString('utf8', pos, pos + n);
  pos += n;
  return s;
};

const SECTIONS = [
  'custom',
  'type',
  'import',
  'function',
  'table',
  'memory',
  'global',
  'export',
  'start',
  'element',
  'code',
  'data',
  'data count',
];
const sections = [];
while (pos < bytes.length) {
  const id = bytes[pos++];
  const size = leb();
  const start = pos;
  let name = SECTIONS[id];
  if (id === 0) name = `custom "${text()}"`;
  sections.push({ id, name, size, start, end: start + size });
  pos = start + size;
}

// Imported functions come first in the function index space.
let imported = 0;
const importSec = sections.find((s) => s.id === 2);
if (importSec) {
  pos = importSec.start;
  for (let n = leb(); n > 0; n--) {
    text();
    text();
    const kind = bytes[pos++];
    if (kind === 0) {
      imported++;
      leb();
    } else if (kind === 1) {
      pos++;
      const flags = leb();
      leb();
      if (flags & 1) leb();
    } else if (kind === 2) {
      const flags = leb();
      leb();
      if (flags & 1) leb();
    } else pos += 2;
  }
}

const names = new Map();
const nameSec = sections.find((s) => s.name === 'custom "name"');
if (nameSec) {
  pos = nameSec.start;
  text();
  while (pos < nameSec.end) {
    const sub = bytes[pos++];
    const size = leb();
    const end = pos + size;
    if (sub === 1) for (let n = leb(); n > 0; n--) names.set(leb(), text());
    pos = end;
  }
}

const functions = [];
const code = sections.find((s) => s.id === 10);
pos = code.start;
for (let n = leb(), i = 0; i < n; i++) {
  const size = leb();
  functions.push({ name: names.get(imported + i) ?? `func${imported + i}`, size });
  pos += size;
}

const segments = [];
const data = sections.find((s) => s.id === 11);
pos = data.start;
for (let n = leb(); n > 0; n--) {
  const flags = leb();
  if (flags === 0 || flags === 2) {
    if (flags === 2) leb();
    while (bytes[pos] !== 0x0b) pos++; // the offset expression
    pos++;
  }
  const size = leb();
  segments.push(bytes.subarray(pos, pos + size));
  pos += size;
}

// Kinds of code, by the (demangled) names --profiling-funcs keeps; the first that matches wins.
const KINDS = [
  ['nlohmann::json', /nlohmann/],
  [
    'JSON (contract/json.*)',
    /^(tcoscope::(Json(::|Parser|Init)|json_number|operator==\(tcoscope::Json)|std::__2::vector<tcoscope::Json)/,
  ],
  [
    'iostreams, locale',
    /basic_(o|i)?stream|basic_ios|ios_base|locale|num_put|num_get|ctype|codecvt|moneypunct|money_(get|put)|time_(get|put)|messages|collate|numpunct|streambuf|__stdoutbuf|__stdinbuf/,
  ],
  ['embind', /emscripten|embind|EmscriptenBindingInitializer|_embind_/],
  [
    'engine: analysis',
    /tcoscope::(\(anonymous namespace\)::)?(Sensitivity|sensitivity|sample|tornado|flip)|SensitivityJob/,
  ],
  ['engine (tcoscope::)', /tcoscope/],
  [
    'printf, strtod, libc',
    /^(printf|vfprintf|fmt_|strto|__floatscan|__intscan|snprintf|vsnprintf|sprintf|pop_arg|__shgetc|scanexp|decfloat|hexfloat|frexp|fmt_fp|memcpy|memset|memmove|strlen|__)/,
  ],
  ['std:: (strings, containers, other)', /std::/],
  ['malloc (emmalloc)', /malloc|free|sbrk|dlrealloc|dispose_chunk|emscripten_builtin/],
];
const byKind = new Map();
for (const f of functions) {
  const kind = KINDS.find(([, re]) => re.test(f.name))?.[0] ?? 'other';
  const k = byKind.get(kind) ?? { size: 0, count: 0 };
  k.size += f.size;
  k.count++;
  byKind.set(kind, k);
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(10);
const gz = (buf) => kb(gzipSync(buf, { level: 9 }).length);
console.log(
  `${path.relative(process.cwd(), file)}: ${kb(bytes.length).trim()} raw, ${gz(bytes).trim()} gzip (names included)`,
);
console.log('by section (raw, gzip of the section alone):');
for (const s of sections) console.log(`  ${s.name.padEnd(24)} ${kb(s.size)} ${gz(bytes.subarray(s.start, s.end))}`);
console.log(`code by kind (${functions.length} functions, raw body bytes):`);
for (const [kind, k] of [...byKind].sort((a, b) => b[1].size - a[1].size))
  console.log(`  ${kind.padEnd(36)} ${kb(k.size)}  ${String(k.count).padStart(5)} functions`);
// Data: the JSON the engine carries (the embedded catalog and presets) is told apart by its shape.
const jsonish = [];
let otherData = 0;
for (const seg of segments) {
  const s = seg.toString('latin1');
  const pieces = s.split('\0');
  for (const piece of pieces) {
    if (piece.length > 200 && /^[[{]/.test(piece)) jsonish.push(piece);
    else otherData += piece.length + 1;
  }
}
const jsonBytes = jsonish.reduce((a, s) => a + s.length, 0);
console.log(
  `data: ${segments.length} segments; JSON text (compiled-in catalog and presets) ${kb(jsonBytes).trim()} in ` +
    `${jsonish.length} pieces (gzip ${gz(Buffer.from(jsonish.join(''), 'latin1')).trim()}); the rest ${kb(otherData).trim()}`,
);
console.log(`the ${TOP} largest functions (raw body bytes):`);
for (const f of [...functions].sort((a, b) => b.size - a.size).slice(0, TOP))
  console.log(`  ${String(f.size).padStart(7)}  ${f.name.length > 140 ? `${f.name.slice(0, 137)}...` : f.name}`);
