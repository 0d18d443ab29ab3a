// sampler.js — runs the engine's "How sure?" job in slices between frames, so that no main-thread task is long:
// begin() (ranges, tornado, flip points: a few ms) in a task of its own after the point result is painted, then
// step() in slices sized to take about SLICE_MS each, one task per slice (a MessageChannel message: it is not
// throttled like nested timers, needs no animation frame, and works from file:// and in a sandboxed iframe).
// A newer request cancels the older job: the engine runs one job at a time and begin() replaces it.

const SLICE_MS = 8; // well under the 50 ms of a long task, even when the machine is busy
const FIRST_SLICE = 400; // samples, at the start of every job (scenarios differ ~3× in cost per sample); then
// sized from how long the last slice took
const MIN_SLICE = 100;
const MAX_SLICE = 5000;
const QUIET_MS = 120; // while edits stream in (a slider being dragged), wait for this long a pause

/**
 * engine; onProgress({ scenario, done, total }) while sampling; onDone({ scenario, envelope }) with the envelope of
 * engine.sensitivity() for that scenario (an error envelope when the engine refuses it).
 */
export function createSampler({ engine, onProgress, onDone }) {
  let generation = 0;
  let timer = 0;
  let lastRequest = Number.NEGATIVE_INFINITY;
  let sliceSize = FIRST_SLICE;
  let key = null; // the scenario (as JSON) asked for last
  let busy = false;
  let waiters = [];
  let stats = null; // the last run: { slices, samples, maxSliceMs, maxTaskMs, sliceSizes, beginMs, renderMs }

  const channel = new MessageChannel();
  let next = null;
  channel.port1.onmessage = () => {
    const fn = next;
    next = null;
    fn?.();
  };
  const post = (fn) => {
    next = fn;
    channel.port2.postMessage(0);
  };

  // Drawing the result is a task of its own, after the engine's last slice.
  function finish(mine, scenario, envelope) {
    post(() => {
      if (mine !== generation) return;
      const start = performance.now();
      busy = false;
      onDone({ scenario, envelope });
      stats.renderMs = performance.now() - start;
      stats.maxTaskMs = Math.max(stats.maxTaskMs, stats.renderMs);
      performance.mark('tcoscope:sampling-done');
      const ready = waiters;
      waiters = [];
      for (const fn of ready) fn();
    });
  }

  function step(mine, scenario) {
    if (mine !== generation) return; // a newer request has begun its own job
    const start = performance.now();
    const r = engine.sensitivityStep(sliceSize);
    const took = performance.now() - start;
    stats.slices++;
    stats.sliceSizes.push(sliceSize);
    stats.maxSliceMs = Math.max(stats.maxSliceMs, took);
    // Aim the next slice at SLICE_MS, changing by at most ×2 at a time (the first slices run colder code).
    if (took > 0.2) {
      const scaled = Math.round(sliceSize * Math.min(2, Math.max(0.5, SLICE_MS / took)));
      sliceSize = Math.min(MAX_SLICE, Math.max(MIN_SLICE, scaled));
    }
    if (r.done) {
      finish(mine, scenario, r.envelope);
      stats.maxTaskMs = Math.max(stats.maxTaskMs, performance.now() - start);
      return;
    }
    stats.samples = r.samples_done;
    onProgress({ scenario, done: r.samples_done, total: r.samples });
    stats.maxTaskMs = Math.max(stats.maxTaskMs, performance.now() - start);
    post(() => step(mine, scenario));
  }

  function begin(mine, scenario) {
    timer = 0;
    if (mine !== generation) return;
    const start = performance.now();
    const envelope = engine.sensitivityBegin(scenario);
    const took = performance.now() - start;
    stats = { slices: 0, samples: 0, maxSliceMs: 0, maxTaskMs: took, sliceSizes: [], beginMs: took, renderMs: 0 };
    sliceSize = FIRST_SLICE;
    if (!envelope.ok) {
      finish(mine, scenario, envelope);
      return;
    }
    onProgress({ scenario, done: 0, total: envelope.result.samples });
    post(() => step(mine, scenario));
  }

  return {
    /**
     * Asks for the scenario's "How sure?" (after the frame being drawn now); a scenario asked for already, still
     * sampling or done, is not begun again.
     */
    request(scenario) {
      const text = JSON.stringify(scenario);
      if (text === key) return;
      key = text;
      const now = performance.now();
      const streaming = now - lastRequest < QUIET_MS;
      lastRequest = now;
      const mine = ++generation;
      busy = true;
      clearTimeout(timer);
      timer = setTimeout(() => begin(mine, structuredClone(scenario)), streaming ? QUIET_MS : 0);
    },
    /** Resolves once nothing is being sampled (at once when idle). */
    idle: () => (busy ? new Promise((resolve) => waiters.push(resolve)) : Promise.resolve()),
    busy: () => busy,
    /** How the last run went (slices, their sizes and longest duration), for tests and the bench. */
    stats: () => (stats ? structuredClone(stats) : null),
  };
}
