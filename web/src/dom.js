// dom.js — builds elements from data with createElement and text nodes only: no innerHTML anywhere on the page.
// Text on its way in passes moneyText (format.js): the engine's sentences carry US dollar amounts, shown in the
// display currency when one is chosen (a no-op in US dollars). Such text is remembered in its dollars (weakly), so
// refreshMoney() can rewrite it when the currency changes: figures formatted by format.js are redrawn by their
// modules; this covers the rest (the engine's sentences, fixed labels such as "$0").
import { moneyText } from './format.js';

const HAS_DOLLARS = /(?<![A-Za-z])\$\d/;
const remembered = new Set(); // WeakRefs to text nodes written from text with dollar amounts in it
let writes = 0;

/** Remembers that a text node shows `text` (converted), when `text` holds dollar amounts, for refreshMoney(). */
function track(node, text) {
  if (!HAS_DOLLARS.test(text)) {
    if (node.usdText !== undefined) node.usdText = undefined;
    return;
  }
  if (node.usdText === undefined) {
    remembered.add(new WeakRef(node));
    if (++writes % 2000 === 0) prune();
  }
  node.usdText = text;
}

/** A text node for text that may hold dollar amounts: converted now, and again on refreshMoney(). */
function moneyNode(text) {
  const node = document.createTextNode(moneyText(text));
  track(node, text);
  return node;
}

function prune() {
  for (const ref of remembered) {
    const n = ref.deref();
    if (!n?.isConnected) remembered.delete(ref);
  }
}

/** Rewrites, in the display currency now set, every text on the page that was written from dollar amounts. */
export function refreshMoney() {
  prune();
  for (const ref of remembered) {
    const n = ref.deref();
    if (n?.usdText !== undefined) n.data = moneyText(n.usdText);
  }
}

/** h('p', { class: 'x', 'aria-live': 'polite' }, 'text', child) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : k === 'aria-label' || k === 'title' ? moneyText(String(v)) : String(v));
  }
  el.append(
    ...children
      .flat()
      .filter((c) => c != null && c !== false)
      .map((c) => (typeof c === 'string' ? moneyNode(c) : c)),
  );
  return el;
}

/**
 * Sets inline styles through the CSSOM (el.style), which the page's Content-Security-Policy allows; a style
 * attribute written as text would be refused. styled(h('span'), { left: '20%' }) returns the element.
 */
export function styled(el, props) {
  Object.assign(el.style, props);
  return el;
}

/** SVG elements (the small load-profile visual). */
export function svg(tag, attrs = {}) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

let counter = 0;
/** A unique id for label/description wiring. */
export const uid = (prefix) => `${prefix}-${++counter}`;

/**
 * Sets an element's text only when it changed (keeps screen readers and layout quiet). An element that holds one
 * text node keeps it and has its data rewritten: a new node would be a new layout object, laid out from scratch
 * with its block. Empty text leaves no node behind, so that `:empty` still matches.
 */
export function setText(el, text) {
  const shown = moneyText(text);
  const node = el.firstChild;
  const single = node !== null && node === el.lastChild && node.nodeType === Node.TEXT_NODE;
  if (single ? node.data === shown && (node.usdText ?? text) === text : shown === '' && node === null) return;
  if (shown === '') el.textContent = '';
  else if (single) {
    node.data = shown;
    track(node, text);
  } else el.replaceChildren(moneyNode(text));
}

/** Hides el or shows it, writing only a change: a write of the same value still has the element restyled. */
export function show(el, on) {
  if (el.hidden === on) el.hidden = !on;
}

/** Sets an attribute to `value` (null removes it), writing only a change. */
export function attr(el, name, value) {
  if (el.getAttribute(name) === value) return;
  if (value === null) el.removeAttribute(name);
  else el.setAttribute(name, value);
}

/**
 * Rebuilds el's children from build() only when `key`, the data they are drawn from, changed since the last
 * time: a list the same as before keeps its nodes, and layout leaves it alone. (Dollar amounts in it follow a
 * currency change through refreshMoney.)
 */
export function redrawOn(el, key, build) {
  if (el.drawnFrom === key) return;
  el.drawnFrom = key;
  el.replaceChildren(...build());
}

/**
 * Makes `parent`'s children exactly `children`, in order, moving only the nodes out of place: a node that stays
 * put is never detached, so it keeps the keyboard focus (replaceChildren would drop it).
 */
export function reconcile(parent, children) {
  children.forEach((child, i) => {
    if (parent.children[i] !== child) parent.insertBefore(child, parent.children[i] ?? null);
  });
  while (parent.children.length > children.length) parent.lastElementChild.remove();
}

/** Copies text to the clipboard: the async Clipboard API, else a selected textarea and execCommand. */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard permission (an iframe, an old browser): fall through to the selection.
  }
  const previous = document.activeElement;
  const area = h('textarea', { class: 'visually-hidden', readonly: true, 'aria-hidden': 'true' });
  area.value = text;
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  previous?.focus?.();
  return ok;
}

/** Offers text as a file download (a Blob URL; nothing leaves the browser). */
export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Calls onChange(seen) whenever `el` comes within `margin` px (above or below) of the viewport, or leaves it: the
 * page's parts that draw only while seen (charts, the comparison, the details, "Which GPU?").
 */
export function watchSeen(el, margin, onChange) {
  new IntersectionObserver((entries) => onChange(entries[entries.length - 1].isIntersecting), {
    rootMargin: `${margin}px 0px`,
  }).observe(el);
}
