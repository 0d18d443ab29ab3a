// lzma.test.mjs — web/src/lzma.js against the xz tool's LZMA encoder: every kind of input and every corner of the
// format's properties decodes to the bytes that went in, in one call or in slices of any size; broken streams throw
// LzmaError and never loop or read past their end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LzmaError, lzmaDecoder, unlzma } from '../../web/src/lzma.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// xz's .lzma, with the size written into the header as web/build.mjs does (xz leaves it "unknown").
function pack(bytes, options = '-9e') {
  const packed = new Uint8Array(execFileSync('xz', ['--format=lzma', options, '-c'], { input: bytes }));
  for (let i = 0, n = bytes.length; i < 8; i++, n = Math.floor(n / 256)) packed[5 + i] = n % 256;
  return packed;
}

// Deterministic pseudo-random bytes (xorshift32): incompressible input, so literals dominate.
function noise(n, seed = 1) {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const inputs = {
  empty: new Uint8Array(0),
  'one byte': new Uint8Array([42]),
  'a long run (overlapping matches)': new Uint8Array(200_000).fill(7),
  noise: noise(70_000),
  // Repeats at many distances, near and far (long distances use the direct bits and the align coder).
  'text with far repeats': (() => {
    const text = readFileSync(path.join(root, 'web/src/main.js'));
    const far = noise(300_000, 9);
    return new Uint8Array(Buffer.concat([text, far, text, far.subarray(0, 5000), text]));
  })(),
  'the wasm module': readFileSync(path.join(root, 'build/wasm/engine/wasm/tcoscope.wasm')),
};

const SETTINGS = [
  '-9e',
  '-0',
  '--lzma1=preset=6,lc=0,lp=0,pb=0',
  '--lzma1=preset=6,lc=4,lp=0,pb=4',
  '--lzma1=preset=6,lc=0,lp=4,pb=2',
  '--lzma1=preset=6,lc=3,lp=1,pb=1',
];

for (const [name, bytes] of Object.entries(inputs)) {
  test(`lzma.js decodes ${name} (${bytes.length} bytes) as xz wrote it, for every setting`, () => {
    for (const setting of SETTINGS) {
      if (name === 'the wasm module' && setting !== '-9e') continue; // the build's setting; the others are slow
      const out = unlzma(pack(bytes, setting));
      assert.equal(out.length, bytes.length, setting);
      assert.ok(Buffer.from(out).equals(Buffer.from(bytes)), `${name}, ${setting}`);
    }
  });
}

test('decoding in slices gives the same bytes as decoding at once, whatever the slice', () => {
  const bytes = inputs['text with far repeats'];
  const packed = pack(bytes);
  for (const budget of [1, 17, 4096, 65536]) {
    const decoder = lzmaDecoder(packed);
    let calls = 0;
    while (!decoder.run(budget)) calls++;
    assert.ok(Buffer.from(decoder.output).equals(Buffer.from(bytes)), `budget ${budget}`);
    assert.ok(calls >= Math.floor(bytes.length / (budget + 273)) - 1, `budget ${budget}: ${calls} calls`);
    assert.equal(decoder.run(budget), true, 'a finished decoder stays finished');
  }
});

test('broken streams throw LzmaError: too short, bad properties, unknown size, truncated, corrupt', () => {
  const bytes = inputs['text with far repeats'];
  const packed = pack(bytes);
  const broken = {
    'too short': packed.subarray(0, 10),
    'bad properties': Uint8Array.from(packed, (b, i) => (i === 0 ? 225 : b)),
    'unknown size': new Uint8Array(execFileSync('xz', ['--format=lzma', '-c'], { input: bytes })),
    'range coder not starting with 0': Uint8Array.from(packed, (b, i) => (i === 13 ? 1 : b)),
    truncated: packed.subarray(0, packed.length >> 1),
    'a size larger than the data': (() => {
      const p = Uint8Array.from(packed);
      p[5] = 0xff; // the size's low byte: 255 bytes more than the stream holds
      p[6] = (p[6] + 1) & 0xff;
      return p;
    })(),
  };
  for (const [name, stream] of Object.entries(broken)) {
    assert.throws(() => unlzma(stream), LzmaError, name);
  }
  // Flipped bytes in the body: an error or (rarely) other bytes, never a hang or a crash of another kind.
  for (let k = 0; k < 40; k++) {
    const p = Uint8Array.from(packed);
    p[20 + ((k * 7919) % (p.length - 20))] ^= 1 << (k % 8);
    try {
      const out = unlzma(p);
      assert.equal(out.length, bytes.length);
    } catch (e) {
      assert.ok(e instanceof LzmaError, `flip ${k}: ${e}`);
    }
  }
  assert.throws(() => unlzma('not bytes'), LzmaError);
});
