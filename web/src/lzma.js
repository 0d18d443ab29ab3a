// lzma.js — a decoder for LZMA ("LZMA alone", the .lzma files `xz --format=lzma` writes), so that the single file
// can carry the engine at about two thirds of its deflated size (issue 13: 161 KB against 209 KB for the module).
// Written from the format's description in the LZMA SDK (lzma-specification.txt, DOC/lzma-specification.txt in
// https://www.7-zip.org/sdk.html): a range decoder with adaptive bit probabilities, literals coded with the previous
// byte (and, after a match, the byte at the last distance) as context, and matches coded as lengths and distances,
// with four recent distances kept for cheap repeats.
//
// The header must carry the uncompressed size (web/build.mjs writes it): the whole output is one Uint8Array, so no
// sliding dictionary is needed. run(budget) decodes about `budget` more bytes and returns true when done, so the
// page can decode in slices between other work; a truncated or inconsistent stream throws LzmaError.

export class LzmaError extends Error {}

const BIT_MODEL_TOTAL = 2048; // probabilities are 11-bit fractions of this
const MOVE_BITS = 5;
const TOP = 2 ** 24; // the range decoder reads a byte whenever its range drops below this
const END_MARKER = 0xffffffff;
const MATCH_MIN_LEN = 2;

// The probabilities, one Uint16Array; offsets of each model in it (12 states, up to 16 position states).
const IS_MATCH = 0; // [state][posState]
const IS_REP = IS_MATCH + 12 * 16;
const IS_REP_G0 = IS_REP + 12;
const IS_REP_G1 = IS_REP_G0 + 12;
const IS_REP_G2 = IS_REP_G1 + 12;
const IS_REP0_LONG = IS_REP_G2 + 12; // [state][posState]
const POS_SLOT = IS_REP0_LONG + 12 * 16; // [min(len, 3)][64]: a 6-bit tree per length state
const SPEC_POS = POS_SLOT + 4 * 64; // reverse trees for distance slots 4 to 13 (1 + 128 - 14 entries)
const ALIGN = SPEC_POS + 115; // the low 4 bits of long distances, a reverse tree
const LEN = ALIGN + 16; // a length coder: choice, choice2, low[16][8], mid[16][8], high[256]
const LEN_SIZE = 2 + 16 * 8 + 16 * 8 + 256;
const REP_LEN = LEN + LEN_SIZE;
const LITERAL = REP_LEN + LEN_SIZE; // 0x300 per literal context

/**
 * A decoder for one .lzma stream (Uint8Array). { size, output, run(budget) }: output is filled as run() goes.
 */
export function lzmaDecoder(input) {
  if (!(input instanceof Uint8Array) || input.length < 18) throw new LzmaError('not an LZMA stream: too short');
  const props = input[0];
  if (props >= 9 * 5 * 5) throw new LzmaError('not an LZMA stream: bad properties byte');
  const lc = props % 9;
  const lp = Math.floor(props / 9) % 5;
  const pb = Math.floor(props / 45);
  let size = 0;
  for (let i = 12; i >= 5; i--) size = size * 256 + input[i];
  if (size === 2 ** 64 - 1 || size >= 2 ** 31) throw new LzmaError('the LZMA header does not give the size');
  if (input[13] !== 0) throw new LzmaError('corrupt LZMA stream: the range coder does not start with 0');

  const out = new Uint8Array(size);
  const probs = new Uint16Array(LITERAL + (0x300 << (lc + lp))).fill(BIT_MODEL_TOTAL >> 1);
  const lpMask = (1 << lp) - 1;
  const pbMask = (1 << pb) - 1;
  let inPos = 14;
  // The range coder's range and code, unsigned 32-bit (in a typed array: no boxed numbers in the hot loop).
  const rc = new Uint32Array(2);
  rc[0] = 0xffffffff;
  for (let i = 0; i < 4; i++) rc[1] = rc[1] * 256 + input[inPos++];
  if (rc[1] === rc[0]) throw new LzmaError('corrupt LZMA stream');
  let outPos = 0;
  let state = 0;
  let rep0 = 0;
  let rep1 = 0;
  let rep2 = 0;
  let rep3 = 0;

  // One bit with the adaptive probability probs[i].
  function bit(i) {
    const p = probs[i];
    let range = rc[0];
    let code = rc[1];
    const bound = (range >>> 11) * p;
    let b;
    if (code < bound) {
      range = bound;
      probs[i] = p + ((BIT_MODEL_TOTAL - p) >>> MOVE_BITS);
      b = 0;
    } else {
      range -= bound;
      code -= bound;
      probs[i] = p - (p >>> MOVE_BITS);
      b = 1;
    }
    if (range < TOP) {
      range *= 256;
      code = code * 256 + input[inPos++];
    }
    rc[0] = range;
    rc[1] = code;
    return b;
  }
  // `n` bits with probability one half, most significant first.
  function direct(n) {
    let r = 0;
    let range = rc[0];
    let code = rc[1];
    for (; n > 0; n--) {
      range = range >>> 1;
      let b = 0;
      if (code >= range) {
        code -= range;
        b = 1;
      }
      r = r * 2 + b;
      if (range < TOP) {
        range *= 256;
        code = code * 256 + input[inPos++];
      }
    }
    rc[0] = range;
    rc[1] = code;
    return r;
  }
  // A bit tree of `n` bits at probs[base + 1 ...], most significant bit first.
  function tree(base, n) {
    let m = 1;
    for (let i = 0; i < n; i++) m = (m << 1) | bit(base + m);
    return m - (1 << n);
  }
  // The same, least significant bit first.
  function reverse(base, n) {
    let m = 1;
    let sym = 0;
    for (let i = 0; i < n; i++) {
      const b = bit(base + m);
      m = (m << 1) | b;
      sym |= b << i;
    }
    return sym;
  }
  function length(base, posState) {
    if (bit(base) === 0) return tree(base + 2 + (posState << 3), 3);
    if (bit(base + 1) === 0) return 8 + tree(base + 2 + 128 + (posState << 3), 3);
    return 16 + tree(base + 2 + 256, 8);
  }
  function distance(len) {
    const slot = tree(POS_SLOT + (Math.min(len, 3) << 6), 6);
    if (slot < 4) return slot;
    const bits = (slot >>> 1) - 1;
    let dist = (2 + (slot & 1)) * 2 ** bits;
    if (slot < 14) return dist + reverse(SPEC_POS + dist - slot, bits);
    dist += direct(bits - 4) * 16;
    return dist + reverse(ALIGN, 4);
  }
  function literal() {
    const prev = outPos > 0 ? out[outPos - 1] : 0;
    const base = LITERAL + 0x300 * (((outPos & lpMask) << lc) + (prev >>> (8 - lc)));
    let sym = 1;
    if (state >= 7) {
      // After a match: the byte at the last distance guides the bits until the first that differs.
      let match = out[outPos - rep0 - 1];
      do {
        const matchBit = (match >>> 7) & 1;
        match <<= 1;
        const b = bit(base + ((1 + matchBit) << 8) + sym);
        sym = (sym << 1) | b;
        if (matchBit !== b) break;
      } while (sym < 0x100);
    }
    while (sym < 0x100) sym = (sym << 1) | bit(base + sym);
    out[outPos++] = sym & 0xff;
    state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
  }

  function run(budget) {
    const stop = Math.min(size, outPos + budget);
    while (outPos < stop) {
      const posState = outPos & pbMask;
      if (bit(IS_MATCH + (state << 4) + posState) === 0) {
        literal();
        continue;
      }
      let len;
      if (bit(IS_REP + state) === 0) {
        rep3 = rep2;
        rep2 = rep1;
        rep1 = rep0;
        len = length(LEN, posState);
        state = state < 7 ? 7 : 10;
        rep0 = distance(len);
        if (rep0 === END_MARKER) throw new LzmaError('corrupt LZMA stream: it ends before its size');
      } else {
        if (outPos === 0) throw new LzmaError('corrupt LZMA stream: a repeat before any data');
        if (bit(IS_REP_G0 + state) === 0) {
          if (bit(IS_REP0_LONG + (state << 4) + posState) === 0) {
            // One byte from the last distance.
            state = state < 7 ? 9 : 11;
            out[outPos] = out[outPos - rep0 - 1];
            outPos++;
            continue;
          }
        } else {
          let dist;
          if (bit(IS_REP_G1 + state) === 0) dist = rep1;
          else {
            if (bit(IS_REP_G2 + state) === 0) dist = rep2;
            else {
              dist = rep3;
              rep3 = rep2;
            }
            rep2 = rep1;
          }
          rep1 = rep0;
          rep0 = dist;
        }
        len = length(REP_LEN, posState);
        state = state < 7 ? 8 : 11;
      }
      len += MATCH_MIN_LEN;
      if (rep0 >= outPos) throw new LzmaError('corrupt LZMA stream: a match reaches before the data');
      if (outPos + len > size) throw new LzmaError('corrupt LZMA stream: a match runs past its size');
      // Forward, byte by byte: a match may overlap what it writes (a run).
      for (let from = outPos - rep0 - 1, end = outPos + len; outPos < end; ) out[outPos++] = out[from++];
    }
    if (inPos > input.length) throw new LzmaError('truncated LZMA stream');
    return outPos >= size;
  }

  return { size, output: out, run };
}

/** Decodes a whole .lzma stream at once. */
export function unlzma(input) {
  const decoder = lzmaDecoder(input);
  decoder.run(Number.POSITIVE_INFINITY);
  return decoder.output;
}
