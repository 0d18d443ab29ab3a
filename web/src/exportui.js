// exportui.js — the Export and import dialog: the scenario as JSON (down and up, or dropped on the page), CSV of
// the curves and of the month-by-month series, the Markdown summary with a copy button, and print.
import { h, copyText, download, uid } from './dom.js';
import { createDialog, section } from './dialog.js';
import { histogramCsv, horizonCsv, markdown, scenarioJson, slug, tornadoCsv, volumeCsv } from './exports.js';
import { admit, fixable } from './startup.js';
import { showMessage, problemLines } from './messages.js';
import { bytes } from './format.js';

/**
 * share; engine, defaults; limits: the engine's x-tcoscope-limits; current() → { scenario, result } on screen (null
 * while nothing has evaluated); sensitivityNow() → its "How sure?" result once sampled (null when there is none);
 * scenarioNow() → the form's scenario; describeInputs() → the inputs as shown; apply(scenario, source) puts a
 * scenario on screen.
 */
export function createExportDialog({
  share,
  engine,
  defaults,
  limits,
  current,
  sensitivityNow = async () => null,
  comparisonNow = () => null,
  scenarioNow,
  describeInputs,
  apply,
}) {
  const d = createDialog({ id: 'export-dialog', title: 'Export and import' });
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const stale = h(
    'p',
    { class: 'notice notice-warning', hidden: true },
    'An input needs attention: everything here uses the last valid inputs, the figures on screen.',
  );
  const say = (text) => {
    status.textContent = text;
  };
  const button = (label, onclick, cls = 'tool') => h('button', { type: 'button', class: cls, onclick }, label);
  const name = () => slug(current()?.result.name);
  const NOTHING = 'Nothing to export yet: the scenario on screen does not evaluate.';
  const RANGES_OFF = 'Ranges are off (or no input has one): there is no Monte Carlo and no tornado to export.';
  /** Runs an export of the "How sure?" on screen, once sampled. */
  async function withSensitivity(fn) {
    if (!current()) return say(NOTHING);
    const sens = await sensitivityNow();
    if (!sens) return say('“How sure?” is not available for the scenario on screen.');
    fn(sens);
  }
  /** Runs an export of the figures on screen, or says there are none. */
  const withResult = (fn) => () => (current() ? fn(current()) : say(NOTHING));

  const picker = h('input', { type: 'file', accept: '.json,application/json', hidden: true });
  picker.addEventListener('change', () => {
    const file = picker.files?.[0];
    picker.value = '';
    if (file) importFile(file);
  });

  const mdId = uid('in');
  const mdBox = h('textarea', { id: mdId, class: 'code', rows: 10, readonly: true, spellcheck: 'false' });

  d.body.append(
    stale,
    section(
      'Scenario file (JSON)',
      h(
        'p',
        { class: 'help' },
        'What differs from the defaults, as a link holds it; ',
        h('code', {}, 'tcoscope evaluate FILE'),
        ' reads it too. Import a file here, or drop one on the page.',
      ),
      h(
        'p',
        { class: 'dialog-actions' },
        button(
          'Download the scenario',
          async () => {
            const now = await share.now();
            if (!now) {
              say(NOTHING);
              return;
            }
            download(`${name()}.json`, scenarioJson(now.minimized), 'application/json');
            say('Scenario downloaded.');
          },
          'tool primary',
        ),
        button('Import a scenario file…', () => picker.click()),
        picker,
      ),
    ),
    section(
      'Series (CSV)',
      h(
        'p',
        { class: 'help' },
        'Columns in US dollars and tokens, one row per point, as the charts draw them; with a display currency, ' +
          'each dollar column is followed by the same in that currency, and the rate and its date close each row.',
      ),
      h(
        'p',
        { class: 'dialog-actions' },
        button(
          'Cost vs volume',
          withResult(({ result }) => {
            download(`${name()}-cost-vs-volume.csv`, volumeCsv(result), 'text/csv');
            say('Cost vs volume downloaded.');
          }),
        ),
        button(
          'Month by month, cumulative',
          withResult(({ result }) => {
            download(`${name()}-by-month.csv`, horizonCsv(result), 'text/csv');
            say('Month-by-month series downloaded.');
          }),
        ),
        button('How sure: histogram of the saving', () =>
          withSensitivity((sens) => {
            if (!sens.monte_carlo.samples) return say(RANGES_OFF);
            download(`${name()}-saving-histogram.csv`, histogramCsv(sens), 'text/csv');
            say('Histogram of the saving downloaded.');
          }),
        ),
        button('How sure: tornado', () =>
          withSensitivity((sens) => {
            if (!sens.tornado.length) return say(RANGES_OFF);
            download(`${name()}-tornado.csv`, tornadoCsv(sens), 'text/csv');
            say('Tornado downloaded.');
          }),
        ),
      ),
    ),
    section(
      'Summary for a wiki (Markdown)',
      h('label', { for: mdId, class: 'field-label' }, 'Verdict, results and inputs as tables'),
      mdBox,
      h(
        'p',
        { class: 'dialog-actions' },
        button(
          'Copy the Markdown',
          async () => {
            const ok = await copyText(mdBox.value);
            if (!ok) mdBox.select();
            say(ok ? 'Markdown copied.' : 'Copying was refused: the text is selected, copy it yourself.');
          },
          'tool primary',
        ),
        button('Download .md', () => download(`${name()}.md`, mdBox.value, 'text/markdown')),
      ),
    ),
    section(
      'Paper',
      h(
        'p',
        { class: 'help' },
        'A layout for A4 or Letter: results and charts first, then the inputs, with the ' +
          'scenario’s link. Choose “Save as PDF” as the printer for a PDF.',
      ),
      h(
        'p',
        { class: 'dialog-actions' },
        button('Print or save as PDF', () => {
          d.close();
          window.print();
        }),
      ),
    ),
    status,
  );

  async function refresh() {
    say('');
    stale.hidden = document.body.dataset.state !== 'stale';
    const good = current();
    if (!good) {
      mdBox.value = '';
      say(NOTHING);
      return;
    }
    const [now, sensitivity] = await Promise.all([share.now(), sensitivityNow()]);
    mdBox.value = markdown({
      result: good.result,
      scenario: good.scenario,
      inputs: describeInputs(),
      url: now?.url,
      sensitivity,
      comparison: comparisonNow(),
    });
  }
  d.onOpen(refresh);

  /**
   * Reads a scenario file: applies it when it validates and evaluates; otherwise lists the problems and changes
   * nothing (unless the person opens it anyway to fix the fields). The file goes to the engine as text, after a
   * size check: the engine checks depth and value count before it parses, so no document is too big or too deep.
   */
  async function importFile(file) {
    d.close();
    const fail = (title, lines = [], actions = []) =>
      showMessage({ key: 'import', kind: 'error', title, lines, actions });
    const UNCHANGED = 'The scenario on screen is unchanged.';
    if (file.size > limits.max_bytes) {
      fail(
        `${file.name} was not imported: at ${bytes(file.size)} it is larger than the ${bytes(limits.max_bytes)} ` +
          `the calculator accepts. ${UNCHANGED}`,
      );
      return;
    }
    const a = admit(engine, defaults, await file.text());
    const previous = scenarioNow();
    const undo = ['Undo the import', () => apply(previous, 'current')];
    const openAnyway = (scenario) => [
      [
        'Open it anyway and fix the fields',
        () => {
          apply(scenario);
          showMessage({
            key: 'import',
            kind: 'warning',
            title:
              `Opened ${file.name} as it is: the fields marked in red ` +
              'need a valid value; the figures stay those of the last valid inputs until then.',
            actions: [undo],
          });
        },
      ],
    ];
    const count = (n) => (n === 1 ? 'a problem' : `${n} problems`);
    if (a.ok) {
      // It validates; it must evaluate too, or it would open with no figures.
      const run = engine.evaluate(a.scenario);
      if (!run.ok) {
        fail(
          `${file.name} was not imported: it cannot be evaluated (${count(run.errors.length)}). ${UNCHANGED}`,
          problemLines(run.errors),
          openAnyway(a.scenario),
        );
        return;
      }
      apply(a.scenario);
      showMessage({
        key: 'import',
        kind: a.warnings.length ? 'warning' : 'info',
        title:
          `Imported “${a.scenario.name || 'unnamed scenario'}” from ${file.name}.` +
          (a.warnings.length ? ' Settings this calculator does not know were ignored:' : ''),
        lines: problemLines(a.warnings),
        actions: [undo],
      });
      return;
    }
    const fix = fixable(defaults, a);
    fail(
      `${file.name} was not imported: ${
        a.newer ? 'a newer version of tcoscope wrote it' : `it has ${count(a.errors.length)}`
      }. ${UNCHANGED}`,
      problemLines(a.errors),
      fix ? openAnyway(fix) : [],
    );
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
  addEventListener('dragleave', (e) => {
    if (!e.relatedTarget) document.body.classList.remove('dropping');
  });
  addEventListener('drop', (e) => {
    document.body.classList.remove('dropping');
    const file = e.dataTransfer?.files?.[0];
    if (!file) return;
    e.preventDefault();
    importFile(file);
  });
}
