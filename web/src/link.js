// link.js — the share-link format: the scenario minus its defaults in the URL fragment (never sent to a server).
//
//   #v1=<data>    data = base64url, no padding, of the zlib stream (RFC 1950: deflate + an Adler-32 checksum, so a
//                 cut or altered link is detected) of the scenario's UTF-8 JSON
//   #v1j=<json>   the same JSON, percent-encoded: written when it is shorter, or when the browser has no
//                 CompressionStream; always read
// Options join with "&" before it: `embed` (the compact embed mode), `theme=light|dark`. "v1" is the link
// encoding; the scenario carries its own schema_version. A newer encoding (v2=…) is recognised and refused clearly.
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

/** Reads a location.hash: { embed, theme, data: { kind: 'z' | 'j', text } | null, newer: number | null }. */
export function parseFragment(hash) {
  const out = { embed: false, theme: null, data: null, newer: null };
  for (const part of String(hash ?? '')
    .replace(/^#/, '')
    .split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    const version = /^v(\d+)(j?)$/.exec(name);
    if (name === 'embed') out.embed = value === '' || value === '1' || value === 'true';
    else if (name === 'theme' && (value === 'light' || value === 'dark')) out.theme = value;
    else if (version && Number(version[1]) === LINK_FORMAT) out.data = { kind: version[2] ? 'j' : 'z', text: value };
    else if (version && Number(version[1]) > LINK_FORMAT) out.newer = Number(version[1]);
  }
  return out;
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
