// runloop.js — one engine call and one render per animation frame: every change to the state asks for a frame; the
// frame evaluates the scenario, draws the result (or keeps the last good one on screen and marks what is wrong) and
// rewrites the notices. When not even the first evaluation succeeds (a link whose scenario no longer evaluates),
// the page says why and offers the defaults: it never stays on "Loading the cost engine…". "How sure?" follows
// the point result: a good result asks the sampler (sampler.js) for it, which samples in slices after the paint,
// so an edit is drawn in the next frame and the confidence comes a few frames later. Until the engine is ready
// (engine.ready), the build's own answer for the default scenario stands in (built): drawn at first paint, marked
// data-computed="build" on #results, then replaced by the live engine's identical figures.
import { $, h, setText, watchSeen } from './dom.js';
import { createSampler } from './sampler.js';
import { nextTask } from './tasks.js';

// The engine's code on the error that says this replica cannot serve the model (it does not fit, or misses the
// latency target): the throughput panel shows its message over the last result that ran.
const DOES_NOT_FIT = 'does_not_fit';
const replicaProblem = (errors) => errors.find((e) => e.code === DOES_NOT_FIT);

const body = document.body;

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

const problemText = (e) => `${e.label ?? (e.path || 'Scenario')}: ${e.message}`;

/**
 * engine (engine.ready: false until the module runs), state, share; outputs (drawn from the first frame); embed:
 * the compact mode; openDefaults(): puts the default scenario on screen (offered when no evaluation has succeeded
 * yet); built(scenario): the build-time envelope for that scenario, or null. The form and charts join before the
 * first paint, the throughput panel, "Which GPU?" and "How sure?" once the engine runs (attach).
 */
export function createRunLoop({ engine, state, share, outputs, embed, openDefaults, built = () => null }) {
  // biome-ignore lint/correctness/noUnusedVariables: read by `frame ||=` in schedule() (a false positive)
  let frame = 0;
  let forceSync = true;
  let evaluations = 0;
  let noticeKey = '';
  let good = null; // { scenario, result } last drawn
  let inputs = null;
  let charts = null;
  let throughput = null;
  let gpuTable = null;
  let howSure = null;
  let sensitivity = null; // { scenario, envelope } of the last sampling that finished
  let gpus = null; // the last engine.gpus() envelope
  let gpusSeen = false; // the table is on, or near, the screen: it follows the edits
  let gpusShown = false; // enough of it is on screen to show figures: it follows them in the edit's own frame
  let gpusDirty = false; // an edit came while it was not seen
  const gpuOptions = () => (gpus?.ok ? gpus.result.options : null);

  const sampler = createSampler({
    engine,
    onProgress: (p) => howSure?.progress(p),
    onDone: ({ scenario, envelope }) => {
      sensitivity = { scenario, envelope };
      if (!howSure) return;
      howSure.render(envelope, scenario);
      if (envelope.ok) inputs?.showRanges(envelope.result.ranges, howSure.focusRange);
    },
  });

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

  // The details below the fold (monthly components, sizing, cost per 1M tokens, prices, the charts' captions,
  // throughput), each by its card: drawn in the frame while 40 px of the card are on screen, else in the task right
  // after it, so that an edit's frame draws what is seen (issue 13: an edit in one frame; a thinner strip shows a
  // card's edge, no figure, and the task after the frame has drawn it before it can be scrolled into view). With
  // "Which GPU?"'s rows on screen, the throughput panel 400 px above no longer draws in the frame: 17.5 -> 14-15 ms
  // to paint. A job replaces the one of the same name still waiting; a part whose card is not watched (all of them
  // until watchDetails(), which the embed never calls) is drawn at once.
  const waiting = new Map();
  const seen = new Map(); // part name → 40 px of its card are on screen
  function drawWaiting() {
    const jobs = [...waiting.values()];
    waiting.clear();
    for (const job of jobs) {
      try {
        job();
      } catch (e) {
        console.error(e);
      }
    }
  }
  function later(name, job) {
    if (!waiting.size) nextTask().then(drawWaiting); // called from the frame's callback: runs once it is drawn
    waiting.set(name, job);
  }
  function now(name, job) {
    waiting.delete(name);
    job();
  }
  const below = (name, job) => ((seen.get(name) ?? true) ? now : later)(name, job);

  function render(result, scenario) {
    result.explainMap = new Map(result.explain.map((e) => [e.figure, e]));
    outputs.render(result, scenario);
    howSure?.point(result); // its confidence compares the pure options: it says so under a hybrid verdict
    charts?.update(result);
    for (const [name, part] of Object.entries(outputs.below ?? {})) below(name, () => part(result, scenario));
    // The rows as they are when it is drawn ("Which GPU?" may be drawn just before it, after the frame).
    if (throughput) below('throughput', () => throughput.render(result, scenario, { options: gpuOptions() }));
    inputs?.applyResult(result);
    setText($('#scenario-description'), scenario.description ?? '');
    setText($('#scenario-name'), result.name ?? '');
    const title = result.name ? `${result.name} · tcoscope` : 'tcoscope';
    if (document.title !== title && !embed) document.title = title;
  }

  /** The notice for a scenario that does not evaluate: over the last good figures, or in place of any. */
  function problemsNotice(errors, unmatched) {
    const n = errors.length;
    const goTo =
      inputs && unmatched.length < n
        ? h('button', { type: 'button', class: 'link', onclick: showFirstInvalid }, 'Go to the field')
        : null;
    if (good) {
      return notice(
        'error',
        h('strong', {}, n === 1 ? 'One input needs attention. ' : `${n} inputs need attention. `),
        'The figures below are from the last valid inputs. ',
        goTo,
        unmatched.length
          ? h(
              'ul',
              {},
              unmatched.map((e) => h('li', {}, problemText(e))),
            )
          : null,
      );
    }
    // Nothing has evaluated yet: say why in full (the fields say it too), and offer a scenario that does.
    return notice(
      'error',
      h('strong', {}, 'This scenario cannot be evaluated, so there are no figures yet. '),
      n === 1 ? 'The engine says:' : `The engine found ${n} problems:`,
      h(
        'ul',
        {},
        (inputs?.labelled(errors) ?? errors).map((e) => h('li', {}, problemText(e))),
      ),
      h(
        'p',
        { class: 'message-actions' },
        goTo,
        h('button', { type: 'button', class: 'link', onclick: openDefaults }, 'Open the default scenario'),
      ),
    );
  }

  // body[data-state] says what the page shows once all of it is built (howSure joins last): a link's live result,
  // drawn before the panels below it, leaves it unset until they follow.
  const setState = (value) => {
    if (howSure) body.dataset.state = value;
  };

  function run() {
    frame = 0;
    if (inputs) {
      inputs.sync(forceSync);
      forceSync = false;
    }
    const scenario = structuredClone(state.scenario);
    const live = engine.ready;
    // (The first live evaluate() is main.js's warm-up, measured there: tcoscope:first-evaluate.)
    const envelope = live ? engine.evaluate(scenario) : built(scenario);
    if (!envelope) {
      // An edit (or a link) before the engine runs: the figures wait for it, dimmed; ready() draws them.
      $('#results').dataset.computed = 'waiting';
      return;
    }
    $('#results').dataset.computed = live ? 'live' : 'build';
    howSure?.sync(scenario);
    body.dataset.evaluations = String(++evaluations);
    const problems = envelope.ok ? [] : envelope.errors;
    const inForm = inputs?.showErrors(problems) ?? problems;
    const unmatched = howSure?.showErrors(inForm) ?? inForm;
    // "Which GPU?" is drawn at once the first time (so its card has its size before anyone scrolls to it) and when
    // the throughput panel needs its rows for a way out. Otherwise it follows the edits while it is near the
    // screen: in the edit's frame when it shows figures there, else in the task after the frame (~6 ms of the
    // frame, engine call, layout and paint, when only its last strip is on screen above the charts).
    if (gpuTable && live) {
      const stale = !envelope.ok;
      if (!gpus || (stale && replicaProblem(envelope.errors))) now('gpus', () => refreshGpus(scenario, stale));
      else if (gpusSeen) (gpusShown ? now : later)('gpus', () => refreshGpus(scenario, stale));
      else gpusDirty = true;
    }
    const notes = [];
    if (envelope.ok) {
      try {
        if (body.dataset.state === 'invalid') delete body.dataset.state;
        render(envelope.result, scenario);
        good = { scenario, result: envelope.result };
        if (!performance.getEntriesByName('tcoscope:first-result').length) performance.mark('tcoscope:first-result');
        if (live) {
          share.shown(scenario); // the link and the autosave follow only what evaluated
          howSure?.stale(false);
          if (howSure) sampler.request(scenario); // after this frame is painted
          if (!performance.getEntriesByName('tcoscope:live-result').length) performance.mark('tcoscope:live-result');
          if (inputs) setState('ready');
        } else if (inputs) {
          setState('built'); // once the form is there too (main.js draws the rest in short tasks)
        }
      } catch (e) {
        console.error(e);
        notes.push(notice('error', `The page could not draw this result (${e.message}); the previous one is shown.`));
      }
    } else if (good) {
      setState('stale');
      howSure?.stale(true); // it keeps the last good scenario's
      if (throughput) {
        const last = good;
        const options = {
          problem: replicaProblem(envelope.errors)?.message ?? null,
          options: gpuOptions(),
          current: scenario,
        };
        below('throughput', () => throughput.render(last.result, last.scenario, options));
      }
      notes.push(problemsNotice(envelope.errors, unmatched));
    } else {
      setState('invalid');
      setText($('#verdict-sentence'), 'No result: this scenario cannot be evaluated. The notice above says why.');
      notes.push(problemsNotice(envelope.errors, unmatched));
    }
    // The envelope repeats the result's warnings: show each once.
    const all = [
      ...new Map(
        [...envelope.warnings, ...(envelope.ok ? envelope.result.warnings : [])].map((w) => [JSON.stringify(w), w]),
      ).values(),
    ];
    // A warning about an input goes beside it; before the form is drawn (the first paint) it waits for the form
    // rather than show above the verdict for a moment and then move (a 290 px jump of the verdict at 360 px).
    const outside = inputs ? inputs.showWarnings(all) : all.filter((w) => typeof w !== 'object' || !w.path);
    const warnings = howSure?.showWarnings(outside) ?? outside;
    if (warnings.length) {
      notes.push(
        notice(
          'warning',
          h(
            'ul',
            {},
            warnings.map((w) =>
              h(
                'li',
                {},
                typeof w === 'string' ? w : `${w.label ?? w.path ?? ''}${w.label || w.path ? ': ' : ''}${w.message}`,
              ),
            ),
          ),
        ),
      );
    }
    // Replace the live region only when its text changes, so screen readers announce news, not every frame.
    const key = notes.map((n) => n.textContent).join('\n');
    if (key !== noticeKey) {
      noticeKey = key;
      $('#notices').replaceChildren(...notes);
    }
  }

  return {
    /** Asks for a recompute on the next animation frame (many changes in one frame make one engine call). */
    schedule() {
      frame ||= requestAnimationFrame(run);
    },
    /** The next frame writes the whole state into the form (the scenario was replaced, not edited). */
    resync() {
      forceSync = true;
    },
    /** Recomputes now. */
    run,
    /** The parts built after the first paint: { inputs, charts, throughput, gpuTable, howSure }. */
    attach(parts) {
      ({ inputs = inputs, charts = charts, throughput = throughput, gpuTable = gpuTable, howSure = howSure } = parts);
    },
    /** The build's "Which GPU?" for the scenario on screen (the default): it stands in until the table is seen. */
    builtGpus(envelope) {
      gpus = envelope;
      gpusDirty = true;
    },
    /** Each part of the details ({ name: its card }) is drawn in an edit's frame only while 40 px of its card show. */
    watchDetails(cards) {
      for (const [name, card] of Object.entries(cards)) {
        seen.set(name, false);
        watchSeen(card, -40, (now) => {
          seen.set(name, now);
          const job = now && waiting.get(name);
          if (!job) return;
          waiting.delete(name);
          job();
        });
      }
    },
    /**
     * "Which GPU?" follows the edits only while its card is on or near the screen (400 px), and in the edit's own
     * frame while 40 px of one of `figures` (the parts that show figures: the callout, the table) are on screen.
     * A thinner strip shows the edge of a row, and the card's foot (the rows hidden) follows in the next task.
     */
    watchTable(card, figures) {
      const catchUp = () => gpusDirty && refreshGpus(structuredClone(state.scenario), body.dataset.state !== 'ready');
      watchSeen(card, 400, (seen) => {
        gpusSeen = seen;
        if (gpusSeen && gpusDirty) requestAnimationFrame(catchUp);
      });
      const shown = new Set();
      for (const el of figures)
        watchSeen(el, -40, (on) => {
          if (on) shown.add(el);
          else shown.delete(el);
          gpusShown = shown.size > 0;
        });
    },
    /** { scenario, result } last drawn, or null while nothing has evaluated. */
    current: () => good,
    /** The last "Which GPU?" envelope. */
    gpus: () => gpus,
    /** { scenario, envelope } of the last "How sure?" that finished sampling, or null. */
    sensitivity: () => sensitivity,
    /** Resolves once the scenario on screen has its "How sure?" (at once when nothing is sampling). */
    sensitivityIdle: () => sampler.idle(),
    /** How the last sampling went: slices, their sizes, the longest slice and task (ms). */
    samplingStats: () => sampler.stats(),
  };
}
