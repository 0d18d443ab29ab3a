// toolbar.js — the full page's toolbar: Copy link, Embed, Export / import (and a file dropped on the page), Print;
// and what follows the link for them: the link line on paper and the address a "Save page as" copy keeps.
import { $, setText } from './dom.js';
import { createEmbedDialog } from './embed.js';
import { createExportDialog, wireDrop } from './exportui.js';
import { showMessage } from './messages.js';

/** importer: what the Export dialog needs (see exportui.js). */
export function createToolbar({ share, importer }) {
  const html = document.documentElement;
  const exportDialog = createExportDialog({ share, ...importer });
  const embedDialog = createEmbedDialog(share);
  wireDrop(importer.dropped ? (file) => importer.dropped(file, exportDialog.importFile) : exportDialog.importFile);
  share.onLink(({ link }) => {
    setText($('#print-link'), share.url(link));
    html.dataset.link = link; // so that "Save page as" keeps the scenario on screen (startup.js reads it)
  });

  const status = $('#share-status');
  let statusTimer = 0;
  const say = (text) => {
    setText(status, text);
    clearTimeout(statusTimer);
    statusTimer = setTimeout(() => setText(status, ''), 8000);
  };
  $('#copy-link').addEventListener('click', async () => {
    const copied = await share.copy();
    const state = document.body.dataset.state;
    if (copied.ok) {
      say(
        copied.fromFile
          ? 'Link copied. This page is a file on this computer, so the link opens only here: ' +
              'publish dist/ to share it.'
          : state === 'stale'
            ? 'Link copied, with the last valid ' + 'inputs: the field marked in red is not in it.'
            : 'Link copied. It holds the whole scenario; nothing is ' + 'stored on any server.',
      );
    } else if (copied.url) {
      showMessage({
        key: 'copy',
        kind: 'warning',
        title: 'The browser refused to copy. Select the link and copy it:',
        lines: [copied.url],
      });
    } else {
      say('There is no link to copy yet: the scenario on screen does not evaluate.');
    }
  });
  $('#open-embed').addEventListener('click', () => embedDialog.open());
  $('#open-export').addEventListener('click', () => exportDialog.open());
  $('#print-page').addEventListener('click', () => window.print());
  for (const b of document.querySelectorAll('.toolbar button')) b.disabled = false;
}
