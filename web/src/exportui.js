// exportui.js — the Export and import dialog: the scenario as JSON (down and up, or dropped on the page), CSV of
// the curves and of the month-by-month series, the Markdown summary with a copy button, and print.
import { h, copyText, download, uid } from './dom.js';
import { createDialog, section } from './dialog.js';
import { horizonCsv, markdown, scenarioJson, slug, volumeCsv } from './exports.js';
import { admit } from './startup.js';
import { overlay } from './state.js';
import { showMessage, problemLines } from './messages.js';

const MAX_FILE_BYTES = 2_000_000;

/**
 * share; engine, defaults; current() → { scenario, result } on screen; scenarioNow() → the form's scenario;
 * describeInputs() → the inputs as shown; apply(scenario, source) puts a scenario on screen.
 */
export function createExportDialog({ share, engine, defaults, current, scenarioNow, describeInputs, apply }) {
  const d = createDialog({ id: 'export-dialog', title: 'Export and import' });
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const stale = h('p', { class: 'notice notice-warning', hidden: true },
    'An input needs attention: everything here uses the last valid inputs, the figures on screen.');
  const say = (text) => { status.textContent = text; };
  const button = (label, onclick, cls = 'tool') => h('button', { type: 'button', class: cls, onclick }, label);
  const name = () => slug(current()?.result.name);

  const picker = h('input', { type: 'file', accept: '.json,application/json', hidden: true });
  picker.addEventListener('change', () => {
    const file = picker.files?.[0];
    picker.value = '';
    if (file) importFile(file);
  });

  const mdId = uid('in');
  const mdBox = h('textarea', { id: mdId, class: 'code', rows: 10, readonly: true, spellcheck: 'false' });

  d.body.append(stale,
    section('Scenario file (JSON)',
      h('p', { class: 'help' }, 'What differs from the defaults, as a link holds it; ',
        h('code', {}, 'tcoscope evaluate FILE'), ' reads it too. Import a file here, or drop one on the page.'),
      h('p', { class: 'dialog-actions' },
        button('Download the scenario', async () => {
          const now = await share.now();
          if (!now) return;
          download(`${name()}.json`, scenarioJson(now.minimized), 'application/json');
          say('Scenario downloaded.');
        }, 'tool primary'),
        button('Import a scenario file…', () => picker.click()), picker)),
    section('Series (CSV)',
      h('p', { class: 'help' }, 'Columns in US dollars and tokens, one row per point, as the charts draw them.'),
      h('p', { class: 'dialog-actions' },
        button('Cost vs volume', () => {
          download(`${name()}-cost-vs-volume.csv`, volumeCsv(current().result), 'text/csv');
          say('Cost vs volume downloaded.');
        }),
        button('Month by month, cumulative', () => {
          download(`${name()}-by-month.csv`, horizonCsv(current().result), 'text/csv');
          say('Month-by-month series downloaded.');
        }))),
    section('Summary for a wiki (Markdown)',
      h('label', { for: mdId, class: 'field-label' }, 'Verdict, results and inputs as tables'),
      mdBox,
      h('p', { class: 'dialog-actions' },
        button('Copy the Markdown', async () => {
          const ok = await copyText(mdBox.value);
          if (!ok) mdBox.select();
          say(ok ? 'Markdown copied.' : 'Copying was refused: the text is selected, copy it yourself.');
        }, 'tool primary'),
        button('Download .md', () => download(`${name()}.md`, mdBox.value, 'text/markdown')))),
    section('Paper',
      h('p', { class: 'help' }, 'A layout for A4 or Letter: results and charts first, then the inputs, with the ' +
        'scenario’s link. Choose “Save as PDF” as the printer for a PDF.'),
      h('p', { class: 'dialog-actions' }, button('Print or save as PDF', () => { d.close(); window.print(); }))),
    status);

  async function refresh() {
    say('');
    stale.hidden = document.body.dataset.state !== 'stale';
    const good = current();
    if (!good) return;
    const now = await share.now();
    mdBox.value = markdown({ result: good.result, scenario: good.scenario, inputs: describeInputs(), url: now?.url });
  }
  d.onOpen(refresh);

  /** Reads a scenario file: applies it when valid; otherwise lists the problems and changes nothing. */
  async function importFile(file) {
    d.close();
    const fail = (title, lines = [], actions = []) => showMessage({ key: 'import', kind: 'error', title, lines, actions });
    if (file.size > MAX_FILE_BYTES) {
      fail(`${file.name} was not imported: at ${(file.size / 1e6).toFixed(1)} MB it is far larger than a scenario. ` +
        'The scenario on screen is unchanged.');
      return;
    }
    let value;
    try {
      value = JSON.parse(await file.text());
    } catch (e) {
      fail(`${file.name} was not imported: it is not JSON (${e.message}). The scenario on screen is unchanged.`);
      return;
    }
    const a = admit(engine, defaults, value);
    const previous = scenarioNow();
    const undo = ['Undo the import', () => apply(previous, 'current')];
    if (a.ok) {
      apply(a.scenario);
      showMessage({ key: 'import', kind: a.warnings.length ? 'warning' : 'info',
        title: `Imported “${a.scenario.name || 'unnamed scenario'}” from ${file.name}.` +
          (a.warnings.length ? ' Settings this calculator does not know were ignored:' : ''),
        lines: problemLines(a.warnings), actions: [undo] });
      return;
    }
    const n = a.errors.length;
    const fixable = !a.newer && value !== null && typeof value === 'object' && !Array.isArray(value) &&
      a.errors.every((e) => e.path && e.path !== '/schema_version');
    fail(`${file.name} was not imported: ${a.newer ? 'a newer version of tcoscope wrote it' : n === 1 ? 'it has a problem'
      : `it has ${n} problems`}. The scenario on screen is unchanged.`, problemLines(a.errors),
    fixable ? [['Open it anyway and fix the fields', () => {
      apply(overlay(defaults, value));
      showMessage({ key: 'import', kind: 'warning', title: `Opened ${file.name} as it is: the fields marked in red ` +
        'need a valid value; the figures stay those of the last valid inputs until then.', actions: [undo] });
    }]] : []);
  }

  return { ...d, importFile };
}

/** A .json file dropped anywhere on the page is imported. */
export function wireDrop(importFile) {
  const hasFiles = (e) => [...(e.dataTransfer?.types ?? [])].includes('Files');
  addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    document.body.classList.add('dropping');
  });
  addEventListener('dragleave', (e) => { if (!e.relatedTarget) document.body.classList.remove('dropping'); });
  addEventListener('drop', (e) => {
    document.body.classList.remove('dropping');
    const file = e.dataTransfer?.files?.[0];
    if (!file) return;
    e.preventDefault();
    importFile(file);
  });
}
