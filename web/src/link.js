// link.js — the share-link format: the scenario minus its defaults in the URL fragment (never sent to a server).
//
//   #v1=<data>    data = base64url, no padding, of the zlib stream (RFC 1950: deflate + an Adler-32 checksum, so a
//                 cut or altered link is detected) of the scenario's UTF-8 JSON
//   #v1j=<json>   the same JSON, percent-encoded: written when it is shorter, or when the browser has no
//                 CompressionStream; always read
// Options join with "&" before it: `embed` (the compact embed mode), `theme=light|dark`. "v1" is the link
// encoding; the scenario carries its own schema_version. A newer encoding (v2=…) is recognised and refused clearly.
// After it, what the author saw beside the scenario (issue 14; a link without them opens exactly as before):
//   &asof=YYYY-MM-DD           the oldest price the author's figures used ("prices as of …" for a later reader)
//   &cur=EUR~0.92~2026-12-01   the display currency: code, units per US dollar, the rate's day
//   &cmp=<data>                the pinned scenarios of a comparison: a JSON array of minimized scenarios, packed
//                              as v1's data is (zlib, base64url), or cmpj=<json> percent-encoded
// Each is checked as it is read: one cut short or altered makes the whole link damaged, as a cut v1 part does.
// No DOM here: web/build.mjs runs this file in node to make the example page's links.

import { bytes } from './format.js';

export const LINK_FORMAT = 1;
const MAX_LINK_CHARS = 200_000; // a link this long was not made by this page

/** Why a link could not be opened: kind is damaged | newer | unsupported | too-large. */
export class LinkError extends Error {
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
}

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const CURRENCY = /^([A-Z]{3})~(\d+(?:\.\d+)?(?:e[-+]?\d+)?)~(\d{4}-\d{2}-\d{2})$/;
const MAX_COMPARED = 4;

/**
 * Reads a location.hash: { embed, theme, data: { kind: 'z' | 'j', text } | null, newer: number | null, asOf,
 * currency: { code, usd_rate, date } | null, compare: { kind, text } | null, damaged: the name of a part that is
 * cut or altered, or null }.
 */
export function parseFragment(hash) {
  const out = {
    embed: false,
    theme: null,
    data: null,
    newer: null,
    asOf: null,
    currency: null,
    compare: null,
    damaged: null,
  };
  const parts = String(hash ?? '')
    .replace(/^#/, '')
    .split('&');
  // Chat apps and Markdown glue a closing bracket or full stop onto a link: off the last part before it is read.
  if (parts.length > 1 && !/^v\d/.test(parts[parts.length - 1]))
    parts[parts.length - 1] = parts[parts.length - 1].replace(/[)\].,;:!?'">]+$/, '');
  for (const part of parts) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    const version = /^v(\d+)(j?)$/.exec(name);
    if (name === 'embed') out.embed = value === '' || value === '1' || value === 'true';
    else if (name === 'theme' && (value === 'light' || value === 'dark')) out.theme = value;
    else if (version && Number(version[1]) === LINK_FORMAT) out.data = { kind: version[2] ? 'j' : 'z', text: value };
    else if (version && Number(version[1]) > LINK_FORMAT) out.newer = Number(version[1]);
    else if (name === 'asof') {
      if (DAY.test(value)) out.asOf = value;
      else out.damaged ??= 'asof';
    } else if (name === 'cur') {
      const m = CURRENCY.exec(value);
      const rate = m ? Number(m[2]) : Number.NaN;
      if (m && rate > 0 && Number.isFinite(rate) && DAY.test(m[3]))
        out.currency = { code: m[1], usd_rate: rate, date: m[3] };
      else out.damaged ??= 'cur';
    } else if (name === 'cmp' || name === 'cmpj') {
      if (value) out.compare = { kind: name === 'cmpj' ? 'j' : 'z', text: value };
      else out.damaged ??= 'cmp';
    }
  }
  return out;
}

/** The link parts after the scenario: asOf (a day), currency ({ code, usd_rate, date } or null), compare (a packed
 * string from encodeCompare, or null). */
export function extraParts({ asOf = null, currency = null, compare = null } = {}) {
  return [
    compare,
    currency &&
      currency.code !== 'USD' &&
      `cur=${currency.code}~${Number(currency.usd_rate.toPrecision(10))}~${currency.date}`,
    asOf && DAY.test(asOf) && `asof=${asOf}`,
  ].filter(Boolean);
}

/** The link part for the pinned scenarios of a comparison (minimized): "cmp=…" or "cmpj=…", whichever is shorter. */
export async function encodeCompare(minimizedList) {
  const json = JSON.stringify(minimizedList);
  const plain = `cmpj=${encodeJson(json)}`;
  if (typeof CompressionStream !== 'function') return plain;
  const packed = `cmp=${toBase64url(await deflate(json))}`;
  return packed.length < plain.length ? packed : plain;
}

/**
 * The pinned scenarios a parsed fragment carries: an array of 1 to 4 JSON texts (each goes to the engine as text,
 * which checks it), or throws LinkError. maxBytes: the engine's limit on one scenario.
 */
export async function decodeCompare(data, { maxBytes = Infinity } = {}) {
  const json = await decodeScenario(data, { maxBytes: maxBytes * MAX_COMPARED });
  let list;
  try {
    list = JSON.parse(json);
  } catch {
    throw new LinkError('damaged', 'its comparison is not valid JSON');
  }
  if (!Array.isArray(list) || list.length < 1 || list.length > MAX_COMPARED)
    throw new LinkError('damaged', `its comparison is not a list of 1 to ${MAX_COMPARED} scenarios`);
  return list.map((s) => JSON.stringify(s));
}

/** The fragment for a link string (from encodeScenario) and display options. */
export function fragment(link, { embed = false, theme = null } = {}) {
  return '#' + [embed && 'embed', theme && `theme=${theme}`, link].filter(Boolean).join('&');
}

// Percent-encoding that also escapes ! ' ( ) *, which Markdown and chat linkifiers treat as the end of a URL.
const encodeJson = (json) =>
  encodeURIComponent(json).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function toBase64url(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) {
    throw new LinkError('damaged', 'its data contains characters a link never has');
  }
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

async function deflate(text) {
  const stream = new Blob([new TextEncoder().encode(text)]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function inflate(bytes, maxBytes) {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate')).getReader();
  const chunks = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) {
        // stops a zip bomb as it inflates
        await reader.cancel().catch(() => {});
        throw tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof LinkError) throw e;
    throw new LinkError('damaged', 'its data is cut short or altered (the checksum does not match)');
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The link string for a minimized scenario: "v1=…" (compressed) or "v1j=…" (JSON), whichever is shorter. */
export async function encodeScenario(minimized) {
  const json = JSON.stringify(minimized);
  const plain = `v${LINK_FORMAT}j=${encodeJson(json)}`;
  if (typeof CompressionStream !== 'function') return plain;
  const packed = `v${LINK_FORMAT}=${toBase64url(await deflate(json))}`;
  return packed.length < plain.length ? packed : plain;
}

const tooLarge = (maxBytes) =>
  new LinkError('too-large', `its scenario is larger than the ${bytes(maxBytes)} ` + 'the calculator accepts');

/**
 * The scenario JSON text a parsed fragment carries, not parsed: the engine checks it (size, depth, value count,
 * syntax) before anything builds a tree of it. maxBytes (the engine's x-tcoscope-limits.max_bytes) is checked
 * here on the decoded text, as it decompresses. Throws LinkError with a reason a person can read.
 */
export async function decodeScenario(data, { maxBytes = Infinity } = {}) {
  if (data.text.length > MAX_LINK_CHARS)
    throw new LinkError('too-large', 'it is far longer than any link the calculator makes');
  let json;
  if (data.kind === 'j') {
    try {
      json = decodeURIComponent(data.text);
    } catch {
      throw new LinkError('damaged', 'its text is not validly encoded');
    }
    // UTF-8 bytes, as the engine counts them (a character is up to 3 of them in a percent-decoded string).
    if (json.length * 3 > maxBytes && new TextEncoder().encode(json).length > maxBytes) throw tooLarge(maxBytes);
  } else {
    if (typeof DecompressionStream !== 'function') {
      throw new LinkError(
        'unsupported',
        'this browser cannot decompress it (it has no DecompressionStream); ' +
          'open it in a current Chrome, Edge, Firefox or Safari',
      );
    }
    // Chat apps and Markdown often glue a closing bracket or full stop onto a link; the checksum guards the rest.
    const packed = fromBase64url(data.text.replace(/[^A-Za-z0-9_-]+$/, ''));
    if (packed.length < 6) throw new LinkError('damaged', 'its data is cut short');
    try {
      json = new TextDecoder('utf-8', { fatal: true }).decode(await inflate(packed, maxBytes));
    } catch (e) {
      if (e instanceof LinkError) throw e;
      throw new LinkError('damaged', 'its data is not valid text');
    }
  }
  return json;
}
