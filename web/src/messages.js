// messages.js — dismissible messages above the results: what happened to a link, the autosave, an import.
// Unlike the input notices (redrawn on every recompute), these stay until dismissed or replaced by the same key.
import { $, h } from './dom.js';

/**
 * Shows a message: kind info | warning | error, a title sentence, optional lines (problems, "path: message"), and
 * actions [label, run] shown as buttons (the message closes after its action runs).
 */
export function showMessage({ key, kind = 'info', title, lines = [], actions = [] }) {
  const box = $('#messages');
  clearMessage(key);
  const el = h('div', { class: `notice notice-${kind} message`, 'data-key': key });
  const dismiss = h('button', { type: 'button', class: 'dismiss', 'aria-label': 'Dismiss this message' }, '×');
  dismiss.addEventListener('click', () => el.remove());
  el.append(
    ...[
      h('p', { class: 'message-title' }, title),
      lines.length
        ? h(
            'ul',
            {},
            lines.map((l) => h('li', {}, l)),
          )
        : null,
      actions.length
        ? h(
            'p',
            { class: 'message-actions' },
            actions.map(([label, run]) =>
              h(
                'button',
                {
                  type: 'button',
                  class: 'link',
                  onclick: () => {
                    el.remove();
                    run();
                  },
                },
                label,
              ),
            ),
          )
        : null,
      dismiss,
    ].filter(Boolean),
  );
  box.append(el);
  return el;
}

export function clearMessage(key) {
  for (const el of $('#messages').children) if (el.dataset.key === key) el.remove();
}

/** Engine problems ({path, message}) as lines a person reads: "/workload/input_share: 5 is out of range…". */
export const problemLines = (problems) => problems.map((p) => `${p.path || 'The scenario'}: ${p.message}`);
