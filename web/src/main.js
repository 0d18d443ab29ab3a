// main.js — puts the page together: startup (startup.js: the fragment, the boot data, the engine, which scenario
// opens), the run loop (runloop.js: one evaluation and one render per animation frame), the scenario picker
// (picker.js) and the toolbar (toolbar.js). The first paint comes from the boot data alone (the build's own run of
// the engine): the form, the charts and, for the default scenario, every figure. The engine (started by wasm.js,
// the first import) then takes over in short steps: the scenario that opens, the panels that need it (throughput,
// "Which GPU?", "How sure?"), the live result, the picker and the toolbar. "#embed" selects the compact embed mode.
import './wasm.js';
import { nextTask } from './tasks.js';
import './styles.css';
import { $, refreshMoney, setText } from './dom.js';
import { createState } from './state.js';
import { createInputs } from './inputs.js';
import { createOutputs } from './outputs.js';
import { createCharts } from './charts.js';
import { startPage, previewStart, chooseStart, followPastedLinks, layOutInFrame } from './startup.js';
import { createRunLoop } from './runloop.js';
import { createScenarioPicker, currentLabel } from './picker.js';
import { createToolbar } from './toolbar.js';
import { createShare } from './share.js';
import { showMessage } from './messages.js';
import { reportHeight, wireOpenFull } from './embed.js';
import { createThroughput } from './throughput.js';
import { createGpuTable, adoptOption } from './gputable.js';
import { createHowSure, drawConfidenceLine } from './howsure.js';
import { catalogChoices } from './inputs.js';
import { checkCurrency, currency, setCurrency } from './format.js';
import { createCurrencyDialog, savedCurrency, showCurrencyLine } from './currency.js';
import { createPriceStore, createPricesDialog, createPricesPanel, mergedCatalog, today, withPrices } from './prices.js';
import { createCompare } from './compare.js';
import { decodeCompare, encodeCompare, extraParts, LinkError } from './link.js';
import { admit } from './startup.js';
import { overlay } from './state.js';
import { problemLines } from './messages.js';

// The embed mode's inputs: the volume and the three choices that move the verdict most.
const EMBED_INPUTS = [
  '/workload/tokens_per_month',
  '/api/model',
  '/self_host/model',
  '/self_host/gpu',
  '/self_host/deployment',
];

/**
 * The engine the page calls: not ready until the module runs (set), then every call goes to it (any method
 * engine.js offers, by name).
 */
function engineGate() {
  let live = null;
  const gate = { set: (engine) => (live = engine) };
  return new Proxy(gate, {
    get(target, name) {
      if (name === 'ready') return live !== null;
      if (name in target) return target[name];
      if (typeof name !== 'string' || name === 'then') return undefined; // not a thenable, no symbols
      return (...args) => {
        if (!live) throw new Error(`the cost engine is not ready yet (${String(name)})`);
        return live[name](...args);
      };
    },
  });
}

/** The scenario picker before the engine runs: its entries from the boot data, disabled. */
function previewPicker(select, { defaults, presets, source, scenario }) {
  const isDefault = JSON.stringify(scenario) === JSON.stringify(defaults);
  select.replaceChildren(
    new Option(`Default: ${defaults.name}`, ''),
    ...presets.map((p) => new Option(p.name, p.id)),
    ...(isDefault ? [] : [new Option(currentLabel(source, scenario, { defaults, presets }), 'current')]),
  );
  select.value = isDefault ? '' : 'current';
}

async function boot() {
  performance.mark('tcoscope:boot');
  const { frag, embed, boot, schema, limits, defaults, engineReady } = startPage();
  const preview = await previewStart(boot, frag); // no wait for the defaults or the autosave: only a link decodes
  const engine = engineGate();
  // The display currency before anything is drawn: a link's, else the one chosen in this browser.
  const linkCurrency = frag.currency ? checkCurrency(frag.currency) : null;
  setCurrency(linkCurrency?.ok ? linkCurrency.currency : embed ? null : savedCurrency());
  showCurrencyLine();
  const priceStore = createPriceStore({ stored: !embed });

  let external = false; // true while the page itself replaces the scenario (a link, an import): not an edit
  let touched = false; // the person edited before the engine was ready: keep what they typed
  const share = createShare({ engine, embed, theme: frag.theme, followUrl: false });
  let picker = null;
  const state = createState(preview.scenario, (pointer) => {
    if (pointer === '') loop.resync();
    if (!external) {
      share.markEdited();
      touched = true;
      pricesPanel?.forgetLink();
    }
    loop.schedule();
  });
  /** Replaces the scenario from outside the form; edit = true when it is the person's own act (import). */
  function replaceScenario(next, { edit = false, source = '' } = {}) {
    external = !edit;
    state.replace(next);
    external = false;
    picker?.show(source);
  }
  // The build's answer stands in for the engine's on the one scenario it was computed for.
  const bootText = JSON.stringify(boot.defaults);
  // The result's figures, then the ages of its prices and the comparison that follows it.
  const figures = createOutputs(document);
  let pricesPanel = null;
  let compare = null;
  // The first task draws only the verdict card (what the first paint shows); the figures below the fold follow in
  // the next task, and every run after draws them all (issue 13: no long task).
  let belowFold = false;
  const outputs = {
    /** The verdict card: in the frame of every run. */
    render(result, scenario) {
      figures.renderTop(result, scenario);
      pricesPanel?.renderLine(result);
      compare?.changed();
    },
    /** The figures below the fold, by card: each in the frame only while it is seen (runloop.js below()). */
    below: {},
  };
  const belowParts = { ...figures.below, prices: (result, scenario) => pricesPanel?.render(result, scenario) };
  for (const [name, part] of Object.entries(belowParts))
    outputs.below[name] = (result, scenario) => belowFold && part(result, scenario);
  const loop = createRunLoop({
    engine,
    state,
    share,
    outputs,
    embed,
    openDefaults: () => replaceScenario(defaults),
    built: (scenario) => (JSON.stringify(scenario) === bootText ? structuredClone(boot.evaluate) : null),
  });
  // The first task draws the verdict and the headline figures, from the boot data when the scenario is the
  // default one: the first paint carries the result. The rest follows in short tasks of its own (issue 13), below
  // the fold or beside it: the form, the panels, the charts (each in a task once it has a width).
  const isBoot = () => JSON.stringify(state.scenario) === bootText;
  // The engine's first calls compile the functions they run: a cheap one, then an evaluate() of the defaults
  // (scripts/bench reports it), each in a task of its own, so that the task which draws the live result is not long.
  async function warmUp(live) {
    await nextTask();
    live.minimize(bootText);
    await nextTask();
    const t0 = performance.now();
    live.evaluate(boot.defaults);
    performance.measure('tcoscope:first-evaluate', { start: t0, end: performance.now() });
    await nextTask();
  }
  let engineUp = false;
  engineReady.then(
    () => {
      engineUp = true;
    },
    () => {}, // an engine that cannot start is reported by goLive, which awaits it
  );
  /**
   * The engine takes over: it checks what opens (chooseStart), and the live result replaces the build's (or the
   * waiting figures of a link or an autosave). Resolves to what opened.
   */
  async function goLive() {
    const live = await engineReady;
    engine.set(withPrices(live, priceStore));
    if (priceStore.problem()) {
      showMessage({
        key: 'prices',
        kind: 'warning',
        title: `The prices imported in this browser could not be read (${priceStore.problem()}); the catalog’s prices are used.`,
      });
    } else if (priceStore.record) {
      // Rows kept by an older page, or altered by hand, go through the engine again before anything prices with them.
      const check = live.importPrices(JSON.stringify({ api_models: priceStore.rows() }), today());
      if (!check.ok) {
        priceStore.clear();
        showMessage({
          key: 'prices',
          kind: 'warning',
          title:
            'The prices imported in this browser were not usable any more, so they were dropped; the catalog’s prices are used.',
          lines: problemLines(check.errors),
        });
      }
    }
    await warmUp(live);
    const start = await chooseStart(engine, defaults, frag, limits);
    share.follow(start.source === 'saved' && !!start.scenario);
    // What opens, unless the person has already started editing what the preview showed.
    const opening = start.scenario ?? defaults;
    if (!touched && JSON.stringify(opening) !== JSON.stringify(state.scenario)) replaceScenario(opening);
    await nextTask();
    loop.run(); // the live result: the same figures as the build's for the default scenario
    await nextTask();
    // The picker puts each preset through the engine (minimize) to know it again: a task of its own.
    picker = createScenarioPicker($('#preset'), { engine, state, defaults, presets: boot.presets });
    await nextTask();
    return start;
  }
  if (!embed) {
    pricesPanel = createPricesPanel($('#prices-card'), {
      state,
      store: priceStore,
      openDialog: () => pricesDialog?.open(),
      linkAsOf: frag.asOf,
    });
  }
  loop.run();
  // The confidence line under the verdict, from the build's "How sure?" (the section itself follows).
  if (isBoot() && boot.sensitivity?.ok) drawConfidenceLine($('#verdict-confidence'), boot.sensitivity.result);
  // The figures below the fold once the first frame is drawn: that frame lays out what it shows, no more.
  await layOutInFrame();
  belowFold = true;
  const first = loop.current();
  if (first) for (const part of Object.values(outputs.below)) part(first.result, first.scenario);
  await nextTask();
  const inputs = createInputs($('#inputs'), {
    state,
    catalog: mergedCatalog(boot.catalog, priceStore),
    schema,
    only: embed ? EMBED_INPUTS : null,
    later: true,
  });
  loop.attach({ inputs });
  previewPicker($('#preset'), { defaults, presets: boot.presets, ...preview });
  // The form a group per task, each showing the scenario's values in case the browser paints before the next run.
  // A link or an autosave has no result until the engine runs: it goes live as soon as the engine is there,
  // between two groups of the form if the form is still being built, and the panels below follow (issue 13: its
  // result as soon as the engine is ready). The default scenario has the build's result on screen: panels first.
  const liveFirst = !isBoot();
  let opened = null; // what opened, once the engine has taken over
  for (let more = true; more; ) {
    if (liveFirst && !opened && engineUp) opened = await goLive();
    more = inputs.buildNext();
    performance.mark('tcoscope:form-group'); // firstpaint.spec.mjs: none between a link's engine and its result
    inputs.sync(true);
    await nextTask();
  }
  performance.mark('tcoscope:form');
  if (liveFirst && !opened) opened = await goLive();
  const charts = createCharts(document, { only: embed ? ['volume'] : null });
  const catalog = boot.catalog;
  const apiChoices = () =>
    inputs.controls.get('/api/model')?.setChoices(catalogChoices(mergedCatalog(catalog, priceStore)).api_models);
  if (!embed) {
    // Drawn before the engine runs, so that nothing moves when it takes over; pins wait for the engine.
    compare = createCompare($('#compare'), {
      engine,
      current: loop.current,
      overlayDefaults: (minimized) => overlay(defaults, minimized),
      onPinsChange: () => {
        share.markEdited();
        share.refresh();
      },
    });
    compare.render();
    // The staleness threshold is edited in the prices card: it marks its own field when the engine names it.
    const formErrors = inputs.showErrors;
    inputs.showErrors = (problems) => pricesPanel.showErrors(formErrors(problems));
  }
  let pricesDialog = null;
  await nextTask(); // the charts and the comparison above, "How sure?" (its tornado and rows) in a task of its own
  // "How sure?" samples after each point result (once the engine runs); the embed shows only its line in the
  // verdict card.
  const howSure = createHowSure($('#howsure'), { state, catalog, schema, verdictLine: $('#verdict-confidence') });
  // The default scenario's "How sure?" too, so nothing moves when the sampler's identical answer arrives.
  if (isBoot() && boot.sensitivity) howSure.render(boot.sensitivity, state.scenario);
  await nextTask();
  const gpuTable = embed
    ? null
    : createGpuTable(document, { catalog, onAdopt: (option) => adoptOption(state, option) });
  if (gpuTable && isBoot() && boot.gpus) {
    gpuTable.render(boot.gpus, { stale: false });
    loop.builtGpus(boot.gpus); // the build's answer stands in for the engine's until the table is seen
  }
  await nextTask();
  if (embed) {
    loop.attach({ charts, howSure });
  } else {
    const gotoTable = () => {
      const heading = $('#gpus-heading');
      heading.scrollIntoView({ block: 'start' });
      heading.focus({ preventScroll: true });
    };
    loop.attach({
      charts,
      throughput: createThroughput(document, {
        catalog,
        onFix: ({ path, value }) => state.set(path, value),
        gotoTable,
      }),
      gpuTable,
      howSure,
    });
    loop.watchTable($('#gpus-card'), [$('#gpus-card .gpus-callout'), $('#gpus-table')]);
    // Each part of the details by its card; the charts' captions, spread over the three charts, by the details.
    const card = (sel) => $(sel).closest('.card');
    loop.watchDetails({
      monthly: card('#monthly'),
      sizing: card('#sizing'),
      mtok: card('#per-mtok'),
      prices: $('#prices-card'),
      captions: $('#details'),
      throughput: $('#throughput-card'),
    });
  }
  loop.run(); // everything drawn: body[data-state="built"] for the default scenario
  await nextTask();

  const start = opened ?? (await goLive());

  picker.show(start.source);
  const startOver = ['Start over with the default scenario', () => replaceScenario(defaults, { edit: true })];
  for (const m of start.messages) {
    const actions = m.action === 'start-over' ? [startOver] : [];
    if (m.open) actions.push(['Open it anyway and fix the fields', () => replaceScenario(m.open, { source: 'saved' })]);
    showMessage({ ...m, actions });
  }

  /** A link's pinned comparison (its cmp or cmpj part): decoded, each scenario admitted, the pins replaced. */
  async function openPins(part) {
    const pins = [];
    const problems = [];
    let unread = null;
    try {
      const texts = await decodeCompare(part, { maxBytes: limits.max_bytes });
      texts.forEach((text, i) => {
        const a = admit(engine, defaults, text);
        if (a.ok) pins.push(a.minimized);
        else problems.push(...problemLines(a.errors).map((l) => `Scenario ${i + 1}: ${l}`));
      });
    } catch (e) {
      if (!(e instanceof LinkError)) throw e;
      unread = e.message;
    }
    if (unread)
      showMessage({
        key: 'compare',
        kind: 'warning',
        title:
          `This link’s comparison could not be opened: ${unread}. Its scenario is shown; nothing is pinned. ` +
          'Check that the whole link was copied, or ask for it again.',
      });
    else if (problems.length)
      showMessage({
        key: 'compare',
        kind: 'warning',
        title: `Some of the scenarios this link compares could not be opened; ${pins.length ? 'the others are pinned' : 'nothing is pinned'}:`,
        lines: problems,
      });
    compare.setPins(pins, { quiet: true });
  }

  if (!embed) {
    if (frag.compare && start.source === 'link') await openPins(frag.compare);
    else compare.render();
    share.setExtras(async () => {
      const pins = compare.pins();
      return extraParts({
        asOf: loop.current()?.result.prices?.oldest ?? null,
        currency: currency(),
        compare: pins.length ? await encodeCompare(pins) : null,
      });
    });
    pricesDialog = createPricesDialog({ engine, store: priceStore });
    priceStore.onChange(() => {
      apiChoices();
      loop.run();
      compare.render();
      share.markEdited(); // the person's own act: the address bar and the autosave follow the new figures
      share.refresh();
    });
    const currencyDialog = createCurrencyDialog({
      onChange: () => {
        redrawMoney();
        share.markEdited();
        share.refresh();
      },
    });
    $('#open-prices').addEventListener('click', () => pricesDialog.open());
    $('#open-currency').addEventListener('click', () => currencyDialog.open());
    $('#pin-scenario')?.addEventListener('click', () => compare.pin());
  } else {
    share.setExtras(async () => extraParts({ currency: currency() }));
  }

  /** Every amount on the page again, in the display currency just set. */
  function redrawMoney() {
    showCurrencyLine();
    apiChoices();
    loop.run();
    const s = loop.sensitivity();
    if (s) howSure.render(s.envelope, s.scenario);
    const g = loop.gpus();
    if (g && gpuTable) gpuTable.render(g, { stale: document.body.dataset.state !== 'ready' });
    compare?.render();
    refreshMoney();
  }

  // A link pasted into the open page brings what a fresh load of it would: its scenario, and on the full page its
  // display currency, its pinned comparison and its prices' date. A part it lacks leaves the reader's own as is.
  followPastedLinks({
    engine,
    defaults,
    frag,
    limits,
    open: async (scenario, link) => {
      pricesPanel?.followLink(link.asOf ?? null);
      replaceScenario(scenario, { source: 'link' });
      if (embed) return;
      const linked = link.currency ? checkCurrency(link.currency) : null;
      if (linked?.ok) {
        setCurrency(linked.currency);
        redrawMoney();
      }
      if (link.compare) await openPins(link.compare);
      share.refresh();
    },
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
        /** A dropped file: a price file is imported as prices, anything else as a scenario. */
        dropped: async (file, importScenario) => {
          const prices =
            file.size <= 16 * 1024 * 1024
              ? pricesDialog.importText(await file.text(), file.name, { quiet: true })
              : null;
          if (prices?.ok && prices.result.matched + prices.result.added > 0) return;
          importScenario(file);
        },
        /** The comparison on screen, for the Markdown summary (null with fewer than two scenarios). */
        comparisonNow: () => compare?.comparison() ?? null,
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
    /** The axis labels a chart drew last, as boxes on its canvas ([{ axis, text, left, right, top, bottom }]). */
    chartLabels: (name) => charts.labels(name),
    /** The imported prices kept in this browser (null: the catalog's). */
    prices: () => structuredClone(priceStore.record),
    /** The comparison on screen: the engine's compare() result (null with fewer than two scenarios). */
    comparison: () => {
      const c = compare?.comparison();
      return c?.envelope.ok ? structuredClone(c.envelope.result) : null;
    },
    /** The pinned scenarios (minimized). */
    pins: () => compare?.pins() ?? [],
  });

  // The whole form shows the scenario once more (no evaluate: every change since the live result has scheduled its
  // own run). This was a resync and a run, an evaluate after body[data-state="ready"] that a test's first edit
  // could count as its own (page.spec.mjs "batched": 2 of 30 runs).
  await nextTask();
  inputs.sync(true);
}

boot().catch((e) => {
  console.error(e);
  delete document.documentElement.dataset.booting; // what went wrong is shown, wherever the boot stopped
  document.body.dataset.state = 'failed';
  setText($('#verdict-sentence'), `The cost engine could not start: ${e.message}`);
});
