// main.js — puts the page together: startup (startup.js: the fragment, the engine, which scenario opens), the run
// loop (runloop.js: one evaluation and one render per animation frame), the scenario picker (picker.js) and the
// toolbar (toolbar.js). The verdict is painted first; the form, charts, throughput panel and "Which GPU?" table
// are built right after. "#embed" selects the compact embed mode (embed.js).
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { $, setText } from './dom.js';
import { createState } from './state.js';
import { createInputs } from './inputs.js';
import { createOutputs } from './outputs.js';
import { createCharts } from './charts.js';
import { startPage, followPastedLinks } from './startup.js';
import { createRunLoop } from './runloop.js';
import { createScenarioPicker } from './picker.js';
import { createToolbar } from './toolbar.js';
import { createShare } from './share.js';
import { showMessage } from './messages.js';
import { reportHeight, wireOpenFull } from './embed.js';
import { createThroughput } from './throughput.js';
import { createGpuTable, adoptOption } from './gputable.js';
import { createHowSure } from './howsure.js';

// The embed mode's inputs: the volume and the three choices that move the verdict most.
const EMBED_INPUTS = [
  '/workload/tokens_per_month',
  '/api/model',
  '/self_host/model',
  '/self_host/gpu',
  '/self_host/deployment',
];

// Resolves after the browser has painted what is on screen now.
const nextPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

async function boot() {
  const { frag, embed, engine, schema, limits, defaults, start } = await startPage();

  let external = false; // true while the page itself replaces the scenario (a link, an import): not an edit
  const share = createShare({
    engine,
    embed,
    theme: frag.theme,
    followUrl: start.source === 'saved' && !!start.scenario,
  });
  let picker = null;
  const state = createState(start.scenario ?? defaults, (pointer) => {
    if (pointer === '') loop.resync();
    if (!external) share.markEdited();
    loop.schedule();
  });
  /** Replaces the scenario from outside the form; edit = true when it is the person's own act (import). */
  function replaceScenario(next, { edit = false, source = '' } = {}) {
    external = !edit;
    state.replace(next);
    external = false;
    picker?.show(source);
  }
  const loop = createRunLoop({
    engine,
    state,
    share,
    outputs: createOutputs(document),
    embed,
    openDefaults: () => replaceScenario(defaults),
  });
  loop.run();
  await nextPaint();

  const catalog = engine.catalog();
  const inputs = createInputs($('#inputs'), { state, catalog, schema, only: embed ? EMBED_INPUTS : null });
  const charts = createCharts(document, { only: embed ? ['volume'] : null });
  // "How sure?" samples after each point result; the embed shows only its line in the verdict card.
  const howSure = createHowSure($('#howsure'), { state, catalog, schema, verdictLine: $('#verdict-confidence') });
  if (embed) {
    loop.attach({ inputs, charts, howSure });
  } else {
    const gotoTable = () => {
      const heading = $('#gpus-heading');
      heading.scrollIntoView({ block: 'start' });
      heading.focus({ preventScroll: true });
    };
    loop.attach({
      inputs,
      charts,
      throughput: createThroughput(document, {
        catalog,
        onFix: ({ path, value }) => state.set(path, value),
        gotoTable,
      }),
      gpuTable: createGpuTable(document, { catalog, onAdopt: (option) => adoptOption(state, option) }),
      howSure,
    });
    loop.watchTable($('#gpus-card'));
  }

  picker = createScenarioPicker($('#preset'), { engine, state, defaults, presets: engine.presets() });
  picker.show(start.source);
  const startOver = ['Start over with the default scenario', () => replaceScenario(defaults, { edit: true })];
  for (const m of start.messages) {
    const actions = m.action === 'start-over' ? [startOver] : [];
    if (m.open) actions.push(['Open it anyway and fix the fields', () => replaceScenario(m.open, { source: 'saved' })]);
    showMessage({ ...m, actions });
  }

  followPastedLinks({
    engine,
    defaults,
    frag,
    limits,
    open: (scenario) => replaceScenario(scenario, { source: 'link' }),
  });

  // The embed shows its scenario and a way out to the full calculator; the full page shares and exports it.
  if (embed) {
    wireOpenFull(share);
    reportHeight();
  } else {
    createToolbar({
      share,
      importer: {
        engine,
        defaults,
        limits,
        current: loop.current,
        /** The "How sure?" result of the scenario on screen, once sampled (null when it is not available). */
        sensitivityNow: async () => {
          await loop.sensitivityIdle();
          const s = loop.sensitivity();
          const good = loop.current();
          const same = s && good && JSON.stringify(s.scenario) === JSON.stringify(good.scenario);
          return same && s.envelope.ok ? s.envelope.result : null;
        },
        scenarioNow: () => structuredClone(state.scenario),
        describeInputs: () => inputs.describe(),
        /** Puts a scenario from a file (or back, on undo) on screen, as the person's own act. */
        apply: (scenario, source = 'import') => replaceScenario(scenario, { edit: true, source }),
      },
    });
  }

  // For tests and automation: what is on screen, as data.
  globalThis.tcoscope = Object.freeze({
    scenario: () => structuredClone(state.scenario),
    result: () => {
      const good = loop.current();
      return good ? JSON.parse(JSON.stringify(good.result, (k, v) => (k === 'explainMap' ? undefined : v))) : null;
    },
    link: async () => (await share.now())?.url ?? null,
    gpus: () => {
      const gpus = loop.gpus();
      return gpus?.ok ? structuredClone(gpus.result) : null;
    },
    /** The "How sure?" result on screen (null until the first sampling finishes, or when it failed). */
    sensitivity: () => {
      const s = loop.sensitivity();
      return s?.envelope.ok ? structuredClone(s.envelope.result) : null;
    },
    /** Resolves when no sampling is running: the sensitivity() on screen is then for the scenario on screen. */
    sampled: () => loop.sensitivityIdle(),
    /** How the last sampling was sliced: { slices, sliceSizes, maxSliceMs, maxTaskMs, beginMs }. */
    samplingStats: () => loop.samplingStats(),
  });

  loop.resync();
  loop.run();
}

boot().catch((e) => {
  console.error(e);
  document.body.dataset.state = 'failed';
  setText($('#verdict-sentence'), `The cost engine could not start: ${e.message}`);
});
