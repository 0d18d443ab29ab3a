// main.js — boots the page: loads the engine, builds the inputs from the parameter table, and batches every
// change into one engine call and one render per animation frame. The last good result stays on screen.
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { $, h, setText } from './dom.js';
import { loadEngine } from './engine.js';
import { createState, overlay } from './state.js';
import { createInputs } from './inputs.js';
import { createOutputs } from './outputs.js';
import { createCharts } from './charts.js';

const body = document.body;

function notice(kind, ...children) {
  return h('div', { class: `notice notice-${kind}` }, ...children);
}

/** Takes the keyboard (and the eye) to the first field marked invalid. */
function showFirstInvalid() {
  const el = document.querySelector('[aria-invalid="true"]');
  el?.scrollIntoView({ block: 'center' });
  el?.focus();
}

// Resolves after the browser has painted what is on screen now.
const nextPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

async function boot() {
  const engine = await loadEngine();
  performance.mark('llmtco:engine-ready');
  const defaults = engine.defaults();

  let frame = 0;
  let forceSync = true;
  let evaluations = 0;
  let noticeKey = '';
  const state = createState(defaults, (pointer) => {
    if (pointer === '') forceSync = true;
    frame ||= requestAnimationFrame(run);
  });
  const outputs = createOutputs(document);
  // The verdict and figures are painted first; the input form and the charts are built right after.
  let inputs = null;
  let charts = null;

  function render(result, scenario) {
    result.explainMap = new Map(result.explain.map((e) => [e.figure, e]));
    outputs.render(result, scenario);
    charts?.update(result);
    inputs?.applyResult(result);
    setText($('#scenario-description'), scenario.description ?? '');
    setText($('#scenario-name'), result.name ?? '');
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
    const notes = [];
    if (envelope.ok) {
      try {
        render(envelope.result, scenario);
        if (evaluations === 1) performance.mark('llmtco:first-result');
        if (inputs) body.dataset.state = 'ready';
      } catch (e) {
        console.error(e);
        notes.push(notice('error', `The page could not draw this result (${e.message}); the previous one is shown.`));
      }
    } else {
      body.dataset.state = 'stale';
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
  inputs = createInputs($('#inputs'), { state, catalog: engine.catalog(), defaults });
  charts = createCharts(document);
  const presetSelect = $('#preset');
  presetSelect.replaceChildren(h('option', { value: '' }, `Default: ${defaults.name}`),
    ...presets.map((p) => h('option', { value: p.id }, p.name)));
  presetSelect.disabled = false;
  presetSelect.addEventListener('change', () => {
    const p = presets.find((x) => x.id === presetSelect.value);
    state.replace(p ? overlay(defaults, p.scenario) : defaults);
  });
  forceSync = true;
  run();
}

boot().catch((e) => {
  console.error(e);
  body.dataset.state = 'failed';
  setText($('#verdict-sentence'), `The cost engine could not start: ${e.message}`);
});
