// explain.js — every figure with an engine `explain` entry shows its formula on hover, focus and tap.
//
// Accessible toggletip: the figure is a button whose accessible description (a hidden span) is the formula, so
// screen readers read it on focus; the visible popover is a shared, aria-hidden copy placed next to the button.
// It stays open while hovered (WCAG 1.4.13), a tap pins it, Escape or a tap elsewhere closes it.
import { h, setText, uid } from './dom.js';
import { moneyText } from './format.js';

let tip;
let anchor = null;
let pinned = false;
let hideTimer = 0;

function ensureTip() {
  if (tip) return tip;
  tip = h('div', { class: 'tip', 'aria-hidden': 'true', hidden: true });
  tip.addEventListener('mouseenter', () => clearTimeout(hideTimer));
  tip.addEventListener('mouseleave', () => {
    if (!pinned) scheduleHide();
  });
  document.body.append(tip);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && anchor) hide();
  });
  document.addEventListener('pointerdown', (e) => {
    if (anchor && !anchor.contains(e.target) && !tip.contains(e.target)) hide();
  });
  window.addEventListener('resize', () => anchor && place());
  return tip;
}

function place() {
  const r = anchor.getBoundingClientRect();
  const width = Math.min(360, document.documentElement.clientWidth - 16);
  tip.style.maxWidth = `${width}px`;
  const left = Math.max(8, Math.min(r.left, document.documentElement.clientWidth - width - 8));
  tip.style.left = `${left + window.scrollX}px`;
  const below = r.bottom + 6 + tip.offsetHeight < window.innerHeight || r.top < tip.offsetHeight + 12;
  tip.style.top = `${(below ? r.bottom + 6 : r.top - tip.offsetHeight - 6) + window.scrollY}px`;
}

function show(button) {
  ensureTip();
  clearTimeout(hideTimer);
  anchor = button;
  const lines = button._tipLines ?? [];
  tip.replaceChildren(...lines.map(([cls, text]) => h('div', { class: cls }, text)));
  tip.hidden = false;
  place();
}

function hide() {
  clearTimeout(hideTimer);
  if (tip) tip.hidden = true;
  anchor = null;
  pinned = false;
}

function scheduleHide() {
  clearTimeout(hideTimer);
  hideTimer = setTimeout(hide, 150);
}

/** Makes a button a toggletip anchor; its lines are set with setTip. */
export function tipButton(attrs, ...children) {
  const descId = uid('desc');
  const desc = h('span', { id: descId, hidden: true });
  const button = h('button', { type: 'button', 'aria-describedby': descId, ...attrs }, ...children);
  button._desc = desc;
  button.addEventListener('mouseenter', () => show(button));
  button.addEventListener('mouseleave', () => {
    if (!pinned) scheduleHide();
  });
  button.addEventListener('focus', () => show(button));
  button.addEventListener('blur', () => {
    if (!pinned) hide();
  });
  button.addEventListener('click', () => {
    if (anchor === button && pinned) hide();
    else {
      show(button);
      pinned = true;
    }
  });
  return [button, desc];
}

/** Sets what a toggletip says: lines of [className, text]. */
export function setTip(button, lines) {
  button._tipLines = lines;
  const text = moneyText(lines.map(([, t]) => t).join(' '));
  setText(button._desc, text);
  if (anchor === button) show(button);
}

/** The lines for one engine explain entry: label, formula, "= value". */
export function explainLines(entry) {
  const lines = [['tip-label', entry.label]];
  if (entry.formula)
    lines.push(['tip-formula', moneyText(entry.formula)], ['tip-value', `= ${moneyText(entry.value)}`]);
  else lines.push(['tip-value', `${moneyText(entry.value)}, as entered`]);
  return lines;
}

/**
 * A figure: its value text, explained when the engine has an entry for it. Returns a container element whose
 * update(text, entry) keeps the same button across renders, so focus survives a recompute.
 */
export function figure(cls = '') {
  const box = h('span', { class: `fig ${cls}`.trim() });
  const [button, desc] = tipButton({ class: 'fig-button' });
  const plainText = h('span', { class: 'fig-text' });
  box.update = (text, entry) => {
    if (entry) {
      setText(button, text);
      setTip(button, explainLines(entry));
      if (button.parentNode !== box) box.replaceChildren(button, desc);
    } else {
      setText(plainText, text);
      if (plainText.parentNode !== box) box.replaceChildren(plainText);
    }
  };
  return box;
}
