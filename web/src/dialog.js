// dialog.js — a modal <dialog> with a title and a close button: the browser traps focus, Escape closes it and
// focus returns to the button that opened it.
import { h } from './dom.js';

export function createDialog({ id, title, intro = null }) {
  const heading = h('h2', { id: `${id}-title`, class: 'dialog-title' }, title);
  const close = h('button', { type: 'button', class: 'dialog-close', 'aria-label': 'Close' }, '×');
  const body = h('div', { class: 'dialog-body' }, intro ? h('p', { class: 'help' }, intro) : null);
  const dialog = h(
    'dialog',
    { id, class: 'dialog', 'aria-labelledby': `${id}-title` },
    h('div', { class: 'dialog-head' }, heading, close),
    body,
  );
  close.addEventListener('click', () => dialog.close());
  // A click on the backdrop lands on the dialog element itself (its content box is the inner wrapper).
  dialog.addEventListener('click', (e) => {
    if (e.target === dialog) dialog.close();
  });
  document.body.append(dialog);
  const opened = [];
  return {
    dialog,
    body,
    /** Runs fn each time the dialog opens (to refresh what it shows). */
    onOpen(fn) {
      opened.push(fn);
    },
    open() {
      for (const fn of opened) fn();
      if (!dialog.open) dialog.showModal();
    },
    close() {
      dialog.close();
    },
  };
}

/** A labelled section inside a dialog. */
export function section(title, ...children) {
  return h('section', { class: 'dialog-section' }, h('h3', {}, title), ...children);
}
