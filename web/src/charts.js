// charts.js — the three uPlot charts (cost vs volume, cumulative cost, load vs capacity), fed column arrays
// straight from the engine's result. Markers are HTML in uPlot's overlay so they are crisp, styled and testable.
import uPlot from 'uplot';
import { h, setText } from './dom.js';
import { compact, usdCompact, usd, DAYS, dayShort, hourOfWeek, HOURS_PER_WEEK } from './format.js';

function palette() {
  const css = getComputedStyle(document.documentElement);
  const v = (name) => css.getPropertyValue(name).trim();
  return {
    api: v('--api'),
    self: v('--self'),
    text: v('--muted'),
    grid: v('--grid'),
    idle: v('--idle'),
    demand: v('--demand'),
    font: `12px ${v('--font')}`,
  };
}

const PAPER_WIDTH_PX = 700; // A4 or Letter less 12 mm margins, at 96 px per inch

const decades = (min, max) => {
  const out = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) out.push(10 ** e);
  return out.filter((v) => v >= min * 0.999 && v <= max * 1.001);
};

function axis(p, values, extra = {}) {
  return {
    stroke: p.text,
    font: p.font,
    size: 32,
    ticks: { stroke: p.grid, size: 4 },
    grid: { stroke: p.grid, width: 1 },
    values: (u, splits) => values(u, splits).map((text, i) => (splits[i] == null ? '' : text)),
    ...extra,
  };
}

/** Thins axis labels so they never collide on a phone. */
const everyOther = (u, labels) => (u.width < 520 ? labels.map((l, i) => (i % 2 ? '' : l)) : labels);

// Log axes are labelled at whole decades only (uPlot's own log filter drops labels on a reversed x axis).
const decadeAxis = { splits: (u, i, min, max) => decades(min, max), filter: (u, splits) => splits };
const noPoints = { points: { show: false } };

function volumeOptions(p) {
  return {
    scales: { x: { distr: 3, time: false }, y: { distr: 3 } },
    axes: [
      axis(p, (u, v) => everyOther(u, v.map(compact)), decadeAxis),
      axis(p, (u, v) => v.map(usdCompact), { size: 60, ...decadeAxis }),
    ],
    series: [
      {},
      { label: 'API', stroke: p.api, width: 2, ...noPoints },
      { label: 'Self-hosting', stroke: p.self, width: 2, ...noPoints },
    ],
  };
}

function cumulativeOptions(p) {
  return {
    scales: { x: { time: false } },
    axes: [
      axis(p, (u, v) => v.map((m) => (Number.isInteger(m) ? String(m) : ''))),
      axis(p, (u, v) => v.map(usdCompact), { size: 60 }),
    ],
    series: [
      {},
      { label: 'API', stroke: p.api, width: 2, ...noPoints },
      { label: 'Self-hosting', stroke: p.self, width: 2, ...noPoints },
    ],
  };
}

function loadOptions(p) {
  return {
    scales: { x: { time: false, range: [0, HOURS_PER_WEEK] }, y: { range: (u, min, max) => [0, max * 1.05] } },
    axes: [
      axis(p, (u, v) => v.map((hour) => (hour % 24 ? '' : dayShort(hour / 24))), {
        splits: () => DAYS.map((_, day) => day * 24),
      }),
      axis(p, (u, v) => v.map(compact), { size: 60 }),
    ],
    series: [
      {},
      {
        label: 'Demand',
        stroke: p.demand,
        fill: p.demand,
        width: 1,
        paths: uPlot.paths.stepped({ align: 1 }),
        ...noPoints,
      },
      {
        label: 'Provisioned capacity',
        stroke: p.self,
        width: 2,
        paths: uPlot.paths.stepped({ align: 1 }),
        ...noPoints,
      },
    ],
    bands: [{ series: [2, 1], fill: p.idle }],
  };
}

/**
 * One chart in its figure: builds uPlot lazily, resizes with its box, rebuilds when the colour scheme flips. Off
 * screen it draws after the frame that shows the edit (a task of its own, newest data only), or as it comes into
 * view: the edit's frame draws only what is seen.
 */
function chart(box, makeOptions, { markers = [], readout } = {}) {
  let u = null;
  let data = null;
  let markerState = [];
  let seen = true; // until the observer says otherwise
  let dirty = false; // data arrived while off screen
  let later = 0;
  const flush = () => {
    clearTimeout(later);
    later = 0;
    if (!dirty || !u) return;
    dirty = false;
    u.setData(data);
  };
  const marks = markers.map((cls) =>
    h('div', { class: `marker ${cls}`, hidden: true }, h('span', { class: 'marker-label' })),
  );
  const height = () => (box.clientWidth < 520 ? 200 : 250);

  // Positions from uPlot's own geometry (its plot box, in device pixels): reading the overlay's size after writing
  // to the markers would force a layout in the middle of the frame.
  function placeMarkers() {
    const plotWidth = u.bbox.width / (uPlot.pxRatio || devicePixelRatio || 1);
    markerState.forEach((m, i) => {
      const el = marks[i];
      el.hidden = m == null;
      if (m == null) return;
      const x = u.valToPos(m.x, 'x');
      el.style.left = `${x}px`;
      el.dataset.value = String(m.x);
      setText(el.firstChild, m.label);
      el.classList.toggle('flip', x > plotWidth * 0.6);
    });
  }

  function build() {
    const opts = {
      ...makeOptions(palette()),
      width: Math.max(box.clientWidth, 200),
      height: height(),
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { size: 6 } },
      hooks: { draw: [placeMarkers], setCursor: [(c) => readout?.(c.cursor.idx, data)] },
    };
    u?.destroy();
    u = new uPlot(opts, data, box);
    u.over.append(...marks);
  }

  new ResizeObserver(
    () => u && Math.abs(u.width - box.clientWidth) > 1 && u.setSize({ width: box.clientWidth, height: height() }),
  ).observe(box);
  new IntersectionObserver(
    ([entry]) => {
      seen = entry.isIntersecting;
      if (seen) flush();
    },
    { rootMargin: '200px 0px' },
  ).observe(box);
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => u && build());
  return {
    fit(maxWidth = Infinity) {
      flush();
      if (u && box.clientWidth > 0) u.setSize({ width: Math.min(box.clientWidth, maxWidth), height: height() });
    },
    update(nextData, nextMarkers = []) {
      data = nextData;
      markerState = nextMarkers;
      // The first data builds the chart even off screen, so its figure has its size before anyone scrolls to it.
      if (!u) build();
      else if (seen) u.setData(data);
      else {
        dirty = true;
        later ||= setTimeout(flush); // after this frame is painted
      }
    },
  };
}

/** Wires the charts to their figures (all three, or `only` those named); update(result) redraws them. */
export function createCharts(root, { only = null } = {}) {
  const el = (name) => root.querySelector(`[data-chart="${name}"]`);
  const read = (name) => root.querySelector(`[data-readout="${name}"]`);
  // Charts not wanted (the embed draws only the volume chart) are null.
  const maybe = (name, ...args) => (!only || only.includes(name) ? chart(el(name), ...args) : null);
  const volume = maybe('volume', volumeOptions, {
    markers: ['breakeven', 'current'],
    readout: (i, d) =>
      setText(
        read('volume'),
        i == null
          ? ''
          : `At ${compact(d[0][i])} tokens/month: API ${usd(d[1][i])}, self-hosting ${usd(d[2][i])} a month`,
      ),
  });
  const cumulative = maybe('cumulative', cumulativeOptions, {
    markers: ['payback'],
    readout: (i, d) =>
      setText(
        read('cumulative'),
        i == null ? '' : `Month ${d[0][i]}: API ${usd(d[1][i])}, self-hosting ${usd(d[2][i])} in total`,
      ),
  });
  const load = maybe('load', loadOptions, {
    readout: (i, d) =>
      setText(
        read('load'),
        i == null || i >= HOURS_PER_WEEK
          ? ''
          : `${hourOfWeek(d[0][i], { short: true })}: demand ${compact(d[1][i])}` +
              `, capacity ${compact(d[2][i])} tokens/h`,
      ),
  });
  const all = [volume, cumulative, load].filter(Boolean);
  const fit = (maxWidth) => {
    for (const ch of all) ch.fit(maxWidth);
  };
  // Paper is narrower than a screen: draw the charts for it, then back.
  addEventListener('beforeprint', () => fit(PAPER_WIDTH_PX));
  addEventListener('afterprint', () => fit());
  matchMedia('print').addEventListener('change', (e) => fit(e.matches ? PAPER_WIDTH_PX : undefined));

  return {
    update(r) {
      const c = r.curves;
      volume?.update(
        [c.tokens_per_month, c.api_usd_per_month, c.self_host_usd_per_month],
        [
          r.breakeven.kind === 'crossing'
            ? { x: r.breakeven.tokens_per_month, label: `Breakeven ${compact(r.breakeven.tokens_per_month)}` }
            : null,
          { x: r.workload.tokens_per_month, label: `This workload ${compact(r.workload.tokens_per_month)}` },
        ],
      );
      const hz = r.horizon;
      cumulative?.update(
        [hz.month, hz.cumulative_api_usd, hz.cumulative_self_host_usd],
        [hz.payback_month ? { x: hz.payback_month, label: `Payback, month ${hz.payback_month}` } : null],
      );
      // The week is drawn as 168 steps plus a closing point so the last hour has its width.
      const hours = [...Array(HOURS_PER_WEEK + 1).keys()];
      const close = (a) => [...a, a[a.length - 1]];
      load?.update([hours, close(r.load.demand_tokens_per_hour), close(r.load.capacity_tokens_per_hour)]);
    },
    /** Redraws every chart at its box's width, at most maxWidth. */
    fit,
  };
}
