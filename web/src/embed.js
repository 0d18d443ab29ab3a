// embed.js — the embed mode's behaviour (height messages to the host, the "Open the full calculator" link) and
// the Embed dialog that writes the iframe snippet for the scenario on screen.
import { $, h, copyText, uid } from './dom.js';
import { createDialog } from './dialog.js';
import { embedSnippet, HEIGHT_MESSAGE } from './snippet.js';
import { fragment } from './link.js';

/** Inside a frame, tells the parent the page's height whenever it changes: {type: "tcoscope:height", height}. */
export function reportHeight() {
  if (window.parent === window) return;
  let last = -1;
  // biome-ignore lint/correctness/noUnusedVariables: read by `timer ||=` below (a false positive)
  let timer = 0;
  const send = () => {
    timer = 0;
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: HEIGHT_MESSAGE, height }, '*');
  };
  // A timer, not requestAnimationFrame: browsers pause frames in off-screen cross-origin iframes.
  new ResizeObserver(() => {
    timer ||= setTimeout(send, 0);
  }).observe(document.documentElement);
  send();
}

/** The embed's link to the full calculator, following the scenario; a fallback when the host forbids new tabs. */
export function wireOpenFull(share) {
  const a = $('#open-full');
  a.href = share.base();
  share.onLink(({ link }) => {
    a.href = share.url(link);
  });
  const fallback = $('#open-full-fallback');
  a.addEventListener('click', (e) => {
    e.preventDefault();
    const w = window.open(a.href, '_blank');
    if (w) {
      try {
        w.opener = null;
      } catch {
        /* already cross-origin */
      }
      fallback.hidden = true;
      return;
    }
    // The host's sandbox has no allow-popups: the frame cannot open a tab, so offer the address to copy.
    const id = uid('in');
    const box = h('input', { id, type: 'text', readonly: true, class: 'num', value: a.href });
    fallback.replaceChildren(
      h('label', { for: id }, 'This page’s frame cannot open a new tab. Copy the address:'),
      box,
    );
    fallback.hidden = false;
    box.focus();
    box.select();
  });
}

/** The Embed dialog: theme, address, the resize script, the snippet and a copy button. */
export function createEmbedDialog(share) {
  const d = createDialog({
    id: 'embed-dialog',
    title: 'Embed this calculator',
    intro:
      'Paste this HTML into a blog post or a wiki page. The frame shows the verdict, the key inputs and the ' +
      'cost-vs-volume chart for the scenario on screen now; readers can change the inputs, and a link opens the ' +
      'full calculator. It runs sandboxed: it cannot see the host page, and nothing is sent anywhere.',
  });
  const themes = [
    ['', 'Automatic'],
    ['light', 'Light'],
    ['dark', 'Dark'],
  ];
  const themeName = uid('theme');
  const radios = themes.map(([value, label]) => {
    const input = h('input', { type: 'radio', name: themeName, value, checked: value === '' });
    input.addEventListener('change', refresh);
    return h('label', { class: 'segment' }, input, h('span', {}, label));
  });
  const addressId = uid('in');
  const fromFile = location.protocol === 'file:';
  const address = h('input', {
    id: addressId,
    type: 'url',
    class: 'num wide',
    spellcheck: 'false',
    placeholder: 'https://your-site.example/tcoscope/',
    value: fromFile ? '' : share.base(),
    'aria-describedby': `${addressId}-help`,
  });
  address.addEventListener('input', refresh);
  const resizeId = uid('in');
  const resize = h('input', { id: resizeId, type: 'checkbox', checked: true });
  resize.addEventListener('change', refresh);
  const snippetId = uid('in');
  const snippet = h('textarea', { id: snippetId, class: 'code', rows: 9, readonly: true, spellcheck: 'false' });
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const copy = h('button', { type: 'button', class: 'tool primary' }, 'Copy the snippet');
  const preview = h(
    'a',
    { class: 'tool', target: '_blank', rel: 'noopener', href: share.base() },
    'Preview the embed ↗',
  );
  copy.addEventListener('click', async () => {
    const ok = await copyText(snippet.value);
    status.textContent = ok ? 'Snippet copied.' : 'Copying was refused: select the snippet and copy it yourself.';
    if (!ok) snippet.select();
  });

  d.body.append(
    h(
      'fieldset',
      { class: 'dialog-field', 'aria-describedby': `${themeName}-help` },
      h('legend', { class: 'field-label' }, 'Colours'),
      h('div', { class: 'segmented' }, radios),
      h(
        'p',
        { class: 'help', id: `${themeName}-help` },
        'Automatic follows each reader’s light or dark setting; ' + 'choose Light or Dark to match your site.',
      ),
    ),
    h(
      'div',
      { class: 'dialog-field' },
      h('label', { for: addressId, class: 'field-label' }, 'Address of the calculator'),
      address,
      h(
        'p',
        { class: 'help', id: `${addressId}-help` },
        fromFile
          ? 'This page was opened from a file, which a reader cannot reach: enter the address where dist/ is published.'
          : 'Where this page is published; change it if you host dist/ elsewhere.',
      ),
    ),
    h(
      'div',
      { class: 'dialog-field toggle-row' },
      resize,
      h(
        'label',
        { for: resizeId },
        'Resize the frame to its content (a 7-line script; hosts that strip scripts keep the fixed height)',
      ),
    ),
    h('div', { class: 'dialog-field' }, h('label', { for: snippetId, class: 'field-label' }, 'HTML to paste'), snippet),
    h('p', { class: 'dialog-actions' }, copy, preview),
    status,
  );

  async function refresh() {
    const now = await share.now();
    if (!now) return;
    const theme = radios.map((l) => l.firstChild).find((r) => r.checked)?.value || null;
    const frag = fragment(now.link, { embed: true, theme });
    const base = address.value.trim() || address.placeholder;
    snippet.value = embedSnippet({ src: base + frag, resize: resize.checked });
    preview.href = (address.value.trim() && !fromFile ? address.value.trim() : share.base()) + frag;
    status.textContent = '';
  }
  d.onOpen(refresh);
  share.onLink(() => {
    if (d.dialog.open) refresh();
  });
  return d;
}
