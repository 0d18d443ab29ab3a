// main.js — boots the page: opens the scenario a link carries (else the autosaved one, else the defaults), builds
// the inputs from the parameter table, and batches every change into one engine call and one render per animation
// frame; the last good result stays on screen. "#embed" selects the compact embed mode (embed.js).
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { $, h, setText } from './dom.js';
import { loadEngine } from './engine.js';
import { createState, overlay } from './state.js';
import { PARAMS } from './params.js';
import { createInputs } from './inputs.js';
import { createOutputs } from './outputs.js';
import { createCharts } from './charts.js';
import { parseFragment } from './link.js';
import { fromLink, fromStorage } from './startup.js';
import { createShare } from './share.js';
import { showMessage, clearMessage } from './messages.js';
import { reportHeight, wireOpenFull, createEmbedDialog } from './embed.js';
import { createExportDialog, wireDrop } from './exportui.js';
import { createThroughput } from './throughput.js';
import { createGpuTable, adoptOption } from './gputable.js';

const body = document.body;
const html = document.documentElement;
// The embed mode's inputs: the volume and the three choices that move the verdict most.
const EMBED_INPUTS = ['/workload/tokens_per_month', '/api/model', '/self_host/model', '/self_host/gpu',
  '/self_host/deployment'];
const PAPER_WIDTH_PX = 700;  // A4 or Letter less 12 mm margins, at 96 px per inch
// An evaluation that fails here means the replica cannot serve the model (it does not fit, or misses the latency
// target): the throughput panel shows that message over the last result that ran.
const REPLICA_PATH = '/self_host/gpus_per_replica';
const REPLICA_PARAM = PARAMS.find((p) => p.path === REPLICA_PATH);

/** The error that says this replica cannot serve the model; not one about a GPU count out of range. */
function replicaProblem(errors, scenario) {
  const n = scenario.self_host?.gpus_per_replica;
  const valid = Number.isInteger(n) && n >= REPLICA_PARAM.min && n <= REPLICA_PARAM.max;
  return valid ? errors.find((e) => e.path === REPLICA_PATH) : undefined;
}

function notice(kind, ...children) {
  return h('div', { class: `notice notice-${kind}` }, ...children);
}

/** Takes the keyboard (and the eye) to the first field marked invalid, opening the disclosure it is in. */
function showFirstInvalid() {
  const el = document.querySelector('[aria-invalid="true"]');
  const disclosure = el?.closest('details');
  if (disclosure) disclosure.open = true;
  el?.scrollIntoView({ block: 'center' });
  el?.focus();
}

/**
 * A page kept with the browser's "Save page as" holds the DOM as it was drawn (results, inputs, charts, the
 * flags on <body>): start again from the skeleton, so the saved copy boots like the original.
 */
function resetDrawn() {
  for (const el of document.querySelectorAll('[data-drawn]')) el.replaceChildren();
  for (const el of document.querySelectorAll('body > .tip, body > dialog')) el.remove();
  delete body.dataset.state;
  delete body.dataset.evaluations;
  setText($('#verdict-sentence'), 'Loading the cost engine…');
}

// Resolves after the browser has painted what is on screen now.
const nextPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

async function boot() {
  // A saved copy of the page keeps the scenario it showed on <html data-link>; a link in the address bar wins.
  const keptLink = html.dataset.link;
  resetDrawn();
  const frag = parseFragment(location.hash || (keptLink ? `#${keptLink}` : ''));
  const embed = frag.embed;
  html.dataset.mode = embed ? 'embed' : 'full';
  if (frag.theme) html.dataset.theme = frag.theme;
  else delete html.dataset.theme;

  const engine = await loadEngine();
  performance.mark('tcoscope:engine-ready');
  const defaults = engine.defaults();

  // A link always wins; then the autosave (not in an embed: a frame shows what its host chose); then the defaults.
  let start = { scenario: null, source: 'defaults', messages: [] };
  if (frag.data || frag.newer) start = await fromLink(engine, defaults, frag);
  else if (!embed) start = fromStorage(engine, defaults);

  let frame = 0;
  let forceSync = true;
  let evaluations = 0;
  let noticeKey = '';
  let external = false;  // true while the page itself replaces the scenario (a link, an import): not an edit
  let good = null;       // { scenario, result } last drawn
  const share = createShare({ engine, embed, theme: frag.theme, followUrl: start.source === 'saved' && !!start.scenario });
  const state = createState(start.scenario ?? defaults, (pointer) => {
    if (pointer === '') forceSync = true;
    if (!external) share.markEdited();
    frame ||= requestAnimationFrame(run);
  });
  /** Replaces the scenario from outside the form; edit = true when it is the person's own act (import). */
  function replaceScenario(next, { edit = false } = {}) {
    external = !edit;
    state.replace(next);
    external = false;
  }

  const outputs = createOutputs(document);
  // The verdict and figures are painted first; the input form, the charts, the throughput panel and the
  // "Which GPU?" table are built right after.
  let inputs = null;
  let charts = null;
  let throughput = null;
  let gpuTable = null;
  let gpus = null;  // the last engine.gpus() envelope
  let gpusSeen = false;   // the table is on, or near, the screen
  let gpusDirty = false;  // an edit came while it was not seen
  const gpuOptions = () => (gpus?.ok ? gpus.result.options : null);
  /**
   * gpus() re-prices the scenario on every catalog GPU and rate: ~1.5 ms in wasm (web/bench.mjs), ~5 ms of the
   * main thread per edit with drawing and layout, so off screen the table waits and catches up when seen.
   */
  function refreshGpus(scenario, stale) {
    const start = performance.now();
    gpus = engine.gpus(scenario);
    performance.clearMeasures('tcoscope:gpus');
    performance.measure('tcoscope:gpus', { start, end: performance.now() });
    gpuTable.render(gpus, { stale });
    gpusDirty = false;
  }

  function render(result, scenario) {
    result.explainMap = new Map(result.explain.map((e) => [e.figure, e]));
    outputs.render(result, scenario);
    charts?.update(result);
    throughput?.render(result, scenario, { options: gpuOptions() });
    inputs?.applyResult(result);
    setText($('#scenario-description'), scenario.description ?? '');
    setText($('#scenario-name'), result.name ?? '');
    const title = result.name ? `${result.name} · tcoscope` : 'tcoscope';
    if (document.title !== title && !embed) document.title = title;
  }

  function run() {
    frame = 0;
    if (inputs) {
      inputs.sync(forceSync);
      forceSync = false;
    }
    const scenario = structuredClone(state.scenario);
    const envelope = engine.evaluate(scenario);
    body.dataset.evaluations = String(++evaluations);
    const unmatched = inputs?.showErrors(envelope.ok ? [] : envelope.errors) ?? envelope.errors;
    // "Which GPU?" is drawn at once the first time (so its card has its size before anyone scrolls to it), then
    // follows the edits while it is seen, or when the throughput panel needs its rows for a way out.
    if (gpuTable) {
      if (gpusSeen || !gpus || (!envelope.ok && replicaProblem(envelope.errors, scenario))) {
        refreshGpus(scenario, !envelope.ok);
      } else {
        gpusDirty = true;
      }
    }
    const notes = [];
    if (envelope.ok) {
      try {
        render(envelope.result, scenario);
        good = { scenario, result: envelope.result };
        share.shown(scenario);
        if (evaluations === 1) performance.mark('tcoscope:first-result');
        if (inputs) body.dataset.state = 'ready';
      } catch (e) {
        console.error(e);
        notes.push(notice('error', `The page could not draw this result (${e.message}); the previous one is shown.`));
      }
    } else {
      body.dataset.state = 'stale';
      const problem = replicaProblem(envelope.errors, scenario);
      if (good && throughput) {
        throughput.render(good.result, good.scenario, { problem: problem?.message ?? null, options: gpuOptions(),
          current: scenario });
      }
      const n = envelope.errors.length;
      notes.push(notice('error', h('strong', {}, n === 1 ? 'One input needs attention. ' : `${n} inputs need attention. `),
        'The figures below are from the last valid inputs. ',
        inputs && unmatched.length < n ? h('button', { type: 'button', class: 'link', onclick: showFirstInvalid },
          'Go to the field') : null,
        unmatched.length ? h('ul', {}, unmatched.map((e) => h('li', {},
          `${e.label ?? (e.path || 'Scenario')}: ${e.message}`))) : null));
    }
    // The envelope repeats the result's warnings: show each once.
    const all = [...new Map([...envelope.warnings, ...(envelope.ok ? envelope.result.warnings : [])]
      .map((w) => [JSON.stringify(w), w])).values()];
    const warnings = inputs?.showWarnings(all) ?? all;
    if (warnings.length) {
      notes.push(notice('warning', h('ul', {}, warnings.map((w) => h('li', {},
        typeof w === 'string' ? w : `${w.label ?? w.path ?? ''}${w.label || w.path ? ': ' : ''}${w.message}`)))));
    }
    // Replace the live region only when its text changes, so screen readers announce news, not every frame.
    const key = notes.map((n) => n.textContent).join('\n');
    if (key !== noticeKey) {
      noticeKey = key;
      $('#notices').replaceChildren(...notes);
    }
  }

  run();
  await nextPaint();

  const presets = engine.presets();
  const catalog = engine.catalog();
  inputs = createInputs($('#inputs'), { state, catalog, defaults, only: embed ? EMBED_INPUTS : null });
  charts = createCharts(document, { only: embed ? ['volume'] : null });
  if (!embed) {
    const gotoTable = () => {
      const heading = $('#gpus-heading');
      heading.scrollIntoView({ block: 'start' });
      heading.focus({ preventScroll: true });
    };
    throughput = createThroughput(document, { catalog, onFix: ({ path, value }) => state.set(path, value), gotoTable });
    gpuTable = createGpuTable(document, { catalog, onAdopt: (option) => adoptOption(state, option) });
    const catchUp = () => gpusDirty && refreshGpus(structuredClone(state.scenario), body.dataset.state === 'stale');
    new IntersectionObserver(([entry]) => {
      gpusSeen = entry.isIntersecting;
      if (gpusSeen && gpusDirty) requestAnimationFrame(catchUp);
    }, { rootMargin: '400px 0px' }).observe($('#gpus-card'));
  }

  // The scenario picker: the defaults, the presets, and what a link, the autosave or a file brought when it is
  // none of those.
  const presetSelect = $('#preset');
  const minimal = (s) => JSON.stringify(engine.minimize(s).result);
  const presetMinimal = new Map(presets.map((p) => [p.id, minimal(overlay(defaults, p.scenario))]));
  const SOURCES = { link: 'From the link', saved: 'Saved in this browser', import: 'Imported' };
  let brought = null;  // the scenario the "From the link / Saved / Imported" entry goes back to
  function showSource(source) {
    const now = minimal(state.scenario);
    const preset = now === minimal(defaults) ? '' : [...presetMinimal].find(([, m]) => m === now)?.[0];
    const name = state.scenario.name || 'unnamed scenario';
    if (preset === undefined) brought = structuredClone(state.scenario);
    presetSelect.replaceChildren(h('option', { value: '' }, `Default: ${defaults.name}`),
      ...presets.map((p) => h('option', { value: p.id }, p.name)),
      preset === undefined ? h('option', { value: 'current' }, `${SOURCES[source] ?? 'Current'}: ${name}`) : null);
    presetSelect.value = preset ?? 'current';
  }
  showSource(start.source);
  presetSelect.disabled = false;
  presetSelect.addEventListener('change', () => {
    const p = presets.find((x) => x.id === presetSelect.value);
    state.replace(presetSelect.value === 'current' ? brought : p ? overlay(defaults, p.scenario) : defaults);
  });

  const startOver = ['Start over with the default scenario', () => {
    replaceScenario(defaults, { edit: true });
    showSource('');
  }];
  for (const m of start.messages) showMessage({ ...m, actions: m.action === 'start-over' ? [startOver] : [] });

  // A link pasted into the address bar of an open page changes only the fragment: open it in place.
  window.addEventListener('hashchange', async () => {
    const next = parseFragment(location.hash);
    if (next.embed !== embed || next.theme !== frag.theme) {
      location.reload();
      return;
    }
    if (!next.data && !next.newer) return;
    const opened = await fromLink(engine, defaults, next, { inPlace: true });
    clearMessage('link');
    for (const m of opened.messages) showMessage(m);
    if (opened.scenario) {
      replaceScenario(opened.scenario);
      showSource('link');
    }
  });

  // The embed shows its scenario and a way out to the full calculator; the full page shares and exports it.
  if (embed) {
    wireOpenFull(share);
    reportHeight();
  } else {
    const importer = {
      engine, defaults,
      current: () => good,
      scenarioNow: () => structuredClone(state.scenario),
      describeInputs: () => inputs.describe(),
      /** Puts a scenario from a file (or back, on undo) on screen, as the person's own act. */
      apply(scenario, source = 'import') {
        replaceScenario(scenario, { edit: true });
        showSource(source);
      },
    };
    const exportDialog = createExportDialog({ share, ...importer });
    const embedDialog = createEmbedDialog(share);
    wireDrop(exportDialog.importFile);
    share.onLink(({ link }) => {
      setText($('#print-link'), share.url(link));
      html.dataset.link = link;  // so that "Save page as" keeps the scenario on screen (see boot)
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
      if (copied.ok) {
        say(copied.fromFile ? 'Link copied. This page is a file on this computer, so the link opens only here: ' +
          'publish dist/ to share it.' : body.dataset.state === 'stale' ? 'Link copied, with the last valid ' +
          'inputs: the field marked in red is not in it.' : 'Link copied. It holds the whole scenario; nothing is ' +
          'stored on any server.');
      } else if (copied.url) {
        showMessage({ key: 'copy', kind: 'warning', title: 'The browser refused to copy. Select the link and copy it:',
          lines: [copied.url] });
      }
    });
    $('#open-embed').addEventListener('click', () => embedDialog.open());
    $('#open-export').addEventListener('click', () => exportDialog.open());
    $('#print-page').addEventListener('click', () => window.print());
    for (const b of document.querySelectorAll('.toolbar button')) b.disabled = false;
  }
  // Paper is narrower than a screen: draw the charts for it, then back.
  addEventListener('beforeprint', () => charts.fit(PAPER_WIDTH_PX));
  addEventListener('afterprint', () => charts.fit());
  matchMedia('print').addEventListener('change', (e) => charts.fit(e.matches ? PAPER_WIDTH_PX : undefined));

  // For tests and automation: what is on screen, as data.
  globalThis.tcoscope = Object.freeze({
    scenario: () => structuredClone(state.scenario),
    result: () => (good ? JSON.parse(JSON.stringify(good.result, (k, v) => (k === 'explainMap' ? undefined : v))) : null),
    link: async () => (await share.now())?.url ?? null,
    gpus: () => (gpus?.ok ? structuredClone(gpus.result) : null),
  });

  forceSync = true;
  run();
}

boot().catch((e) => {
  console.error(e);
  body.dataset.state = 'failed';
  setText($('#verdict-sentence'), `The cost engine could not start: ${e.message}`);
});
