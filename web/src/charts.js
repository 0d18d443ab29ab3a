// charts.js — the three charts (cost vs volume, cumulative cost, load vs capacity), drawn by plot.js from column
// arrays straight from the engine's result, with the hybrid as a third line (and, on the week, its floor and
// overflow) when the engine has one. Markers are HTML in the plot's overlay so they are crisp, styled and testable.
// Nothing here reads layout: a chart's width comes from a ResizeObserver, its colours from one read of the page's
// custom properties; each chart is built in a task of its own after the first paint (issue 13).
import { $, h, setText, watchSeen } from './dom.js';
import { compact, usdCompact, usd, DAYS, dayShort, hourOfWeek, HOURS_PER_WEEK } from './format.js';
import { hybridOf } from './hybrid.js';
import { createPlot } from './plot.js';

/** A #rrggbb colour at opacity `alpha` (the week's areas are tints of the options' colours). */
function tint(hex, alpha) {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return m ? `rgba(${parseInt(m[1], 16)}, ${parseInt(m[2], 16)}, ${parseInt(m[3], 16)}, ${alpha})` : hex;
}

// The palette, read once per colour scheme (reading computed style after a write would recompute the page's style).
let paletteNow = null;
matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => (paletteNow = null));
const palette = () => (paletteNow ??= readPalette());

function readPalette() {
  const css = getComputedStyle(document.documentElement);
  const v = (name) => css.getPropertyValue(name).trim();
  return {
    api: v('--api'),
    self: v('--self'),
    hybrid: v('--hybrid'),
    served: tint(v('--hybrid'), 0.34),
    overflow: tint(v('--api'), 0.6),
    text: v('--muted'),
    grid: v('--grid'),
    idle: v('--idle'),
    demand: v('--demand'),
    font: `12px ${v('--font')}`,
  };
}

// The hybrid's line is dashed as well as coloured, so it reads without colour.
const HYBRID_DASH = [7, 4];

const PAPER_WIDTH_PX = 700; // A4 or Letter less 12 mm margins, at 96 px per inch

// The two options' lines, and the hybrid's when the engine priced one.
const costLines = (p, hybrid) => [
  { stroke: p.api, width: 2 },
  { stroke: p.self, width: 2 },
  ...(hybrid ? [{ stroke: p.hybrid, width: 2.5, dash: HYBRID_DASH }] : []),
];

// Both axes log, labelled at whole decades (plot.js's splits on a log scale).
const volumeOptions = (p, hybrid) => ({
  x: { log: true, format: compact },
  y: { log: true, format: usdCompact, size: 60 },
  series: costLines(p, hybrid),
});

const cumulativeOptions = (p, hybrid) => ({
  x: { format: (m) => (Number.isInteger(m) ? String(m) : '') },
  y: { format: usdCompact, size: 60 },
  series: costLines(p, hybrid),
});

const DAY_STARTS = DAYS.map((_, day) => day * 24);
// The week is drawn as 168 steps plus a closing point so the last hour has its width.
const WEEK_HOURS = [...Array(HOURS_PER_WEEK + 1).keys()];

/**
 * The week: demand, the self-hosted fleet's capacity and its idle gap; with a hybrid, demand is split into what
 * the floor serves and what overflows to the API, under the floor's limit. Grid lines at midnight, each day's name
 * in the middle of its day.
 */
const loadOptions = (p, hybrid) => ({
  x: {
    range: [0, HOURS_PER_WEEK],
    splits: () => DAY_STARTS,
    // On a phone the days have their initials (M T W T F S S), not every other day's name.
    format: [(hour) => dayShort(hour / 24), (hour) => DAYS[hour / 24][0]],
    shift: 12,
  },
  y: { range: (min, max) => [0, max * 1.05], format: compact, size: 60 },
  series: [
    { stroke: hybrid ? p.text : p.demand, fill: hybrid ? undefined : p.demand, width: 1, step: true },
    { stroke: p.self, width: 2, step: true },
    ...(hybrid
      ? [
          { stroke: p.hybrid, fill: p.served, width: 1, step: true },
          { stroke: p.hybrid, width: 2, dash: HYBRID_DASH, step: true },
        ]
      : []),
  ],
  bands: [{ series: [2, 1], fill: p.idle }, ...(hybrid ? [{ series: [1, 3], fill: p.overflow }] : [])],
});

/**
 * One chart in its figure: builds its plot in a task of its own once it has data and a width, resizes with its box,
 * rebuilds when the colour scheme flips. Off screen it draws after the frame that shows the edit (a task of its
 * own, newest data only), or as it comes into view: the edit's frame draws only what is seen.
 * The box takes the keyboard: Left and Right move the readout a point, Page Up and Page Down ten, Home and End to
 * the ends; focus starts at home(data, markers, plot). The readout is said (the `say` live region) only for those
 * moves: a pointer sweeping the plot would queue a sentence per point.
 */
function chart(box, makeOptions, { markers = [], readout, say, text, home } = {}) {
  let plot = null;
  let data = null;
  let variant = false; // what makeOptions was built for: with the hybrid's series or without
  let markerState = [];
  // Runs of x drawn as a strip along the plot's foot ({ from, to } in x units): the hours that overflow.
  let spanState = [];
  const spanBox = h('div', { class: 'spans', 'aria-hidden': 'true' });
  let seen = true; // until the observer says otherwise
  let dirty = false; // data arrived while off screen
  let later = 0;
  let building = 0; // the task that builds the chart
  // The box's width, from the ResizeObserver: its own once it is laid out; until then its card's content box (the
  // box spans it), which is laid out even while the card's contents are skipped (content-visibility: auto).
  let width = 0;
  const card = box.closest('.card');
  const flush = () => {
    clearTimeout(later);
    later = 0;
    if (!dirty || !plot) return;
    dirty = false;
    plot.setData(data);
  };
  const marks = markers.map((cls) =>
    h('div', { class: `marker ${cls}`, hidden: true }, h('span', { class: 'marker-label' })),
  );
  const height = () => (width < 520 ? 200 : 250);

  // Positions from the plot's own geometry: reading the overlay's size after writing to the markers would force a
  // layout in the middle of the frame.
  function placeSpans(u) {
    while (spanBox.children.length < spanState.length) spanBox.append(h('span', { class: 'span' }));
    [...spanBox.children].forEach((el, i) => {
      const s = spanState[i];
      el.hidden = !s;
      if (!s) return;
      const left = u.valToPos(s.from, 'x');
      el.style.left = `${left}px`;
      el.style.width = `${Math.max(u.valToPos(s.to, 'x') - left, 2)}px`;
    });
  }

  function placeMarkers(u) {
    placeSpans(u);
    markerState.forEach((m, i) => {
      const el = marks[i];
      el.hidden = m == null;
      if (m == null) return;
      const x = u.valToPos(m.x, 'x');
      el.style.left = `${x}px`;
      el.dataset.value = String(m.x);
      setText(el.firstChild, m.label);
      // A label goes to the left of its line when it would run past the plot's right edge there and there is more
      // room on the left; with room on neither side it slides over its line, inside the plot. Its width is
      // guessed from its length: measuring it would force a layout.
      const guess = m.label.length * 7 + 12;
      const room = u.plotWidth - x;
      const flip = guess > room && x > room;
      const slide = Math.max(0, guess - (flip ? x : room));
      el.classList.toggle('flip', flip);
      el.firstChild.style.transform = slide ? `translateX(${flip ? slide : -slide}px)` : '';
    });
  }

  const show = (i) => setText(readout, i == null ? '' : text(i, data));

  function build() {
    clearTimeout(building);
    building = 0;
    const p = palette();
    const at = plot?.idx;
    plot?.destroy();
    plot = createPlot(
      box,
      {
        ...makeOptions(p, variant),
        width: Math.max(width, 200),
        height: height(),
        font: p.font,
        text: p.text,
        grid: p.grid,
        onDraw: placeMarkers,
        onCursor: show,
        // A point the keyboard chose stays while the pointer passes over and out.
        onLeave: (u) => document.activeElement === box || u.setCursor(null),
      },
      data,
    );
    plot.over.append(spanBox, ...marks);
    if (at != null) plot.setCursor(at); // a new colour scheme or series keeps the point being read
    dirty = false;
  }
  /** Builds the chart in a task of its own, once it has data and a width. */
  const buildSoon = () => {
    if (data && width > 0 && !building) building = setTimeout(build);
  };

  box.tabIndex = 0;
  box.setAttribute('aria-keyshortcuts', 'ArrowLeft ArrowRight Home End PageUp PageDown');
  const STEPS = { ArrowLeft: -1, ArrowRight: 1, PageUp: -10, PageDown: 10 };
  const moveTo = (i) => {
    plot.setCursor(i);
    setText(say, plot.idx == null ? '' : text(plot.idx, data));
  };
  box.addEventListener('keydown', (e) => {
    if (!plot || e.altKey || e.ctrlKey || e.metaKey) return;
    const at = plot.idx ?? home(data, markerState, plot);
    if (e.key in STEPS) moveTo(at + STEPS[e.key]);
    else if (e.key === 'Home') moveTo(0);
    else if (e.key === 'End') moveTo(data[0].length);
    else return;
    e.preventDefault();
  });
  box.addEventListener('focus', () => plot && moveTo(plot.idx ?? home(data, markerState, plot)));
  box.addEventListener('blur', () => {
    plot?.setCursor(null);
    setText(say, '');
  });

  let boxWidth = 0;
  let cardWidth = 0;
  const sizes = new ResizeObserver((entries) => {
    for (const { target, contentRect } of entries) {
      if (target === box) boxWidth = contentRect.width;
      else cardWidth = contentRect.width;
    }
    width = boxWidth || cardWidth;
    if (!plot) buildSoon();
    else if (width > 0 && Math.abs(plot.width - width) > 1) plot.setSize({ width, height: height() });
  });
  sizes.observe(box);
  if (card && card !== box) sizes.observe(card);
  watchSeen(box, 200, (now) => {
    seen = now;
    if (seen) flush();
  });
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => plot && build());
  return {
    /** The axis labels drawn last (plot.js's labels()), or null before the chart is built. */
    labels: () => plot?.labels() ?? null,
    fit(maxWidth = Infinity) {
      if (!plot && data) {
        width = box.clientWidth; // printing: draw now, whatever it costs
        if (width > 0) build();
      }
      flush();
      if (plot && box.clientWidth > 0) {
        width = Math.min(box.clientWidth, maxWidth);
        plot.setSize({ width, height: height() });
      }
    },
    update(nextData, nextMarkers = [], nextVariant = false, nextSpans = []) {
      data = nextData;
      markerState = nextMarkers;
      spanState = nextSpans;
      // The first data builds the chart (in a task of its own, even off screen, so that its figure has its size
      // before anyone scrolls to it); a series more or less (the hybrid's) builds it anew.
      if (!plot) {
        variant = nextVariant;
        buildSoon();
      } else if (nextVariant !== variant) {
        variant = nextVariant;
        build();
      } else if (seen) plot.setData(data);
      else {
        dirty = true;
        later ||= setTimeout(flush); // after this frame is painted
      }
    },
  };
}

/** The hours that overflow to the API as runs [{ from, to }] of the week's x (hour h spans h to h + 1). */
function overflowRuns(overflow) {
  const runs = [];
  overflow.forEach((t, hour) => {
    if (!(t > 0)) return;
    const last = runs.at(-1);
    if (last && last.to === hour) last.to = hour + 1;
    else runs.push({ from: hour, to: hour + 1 });
  });
  return runs;
}

/**
 * The hybrid's keys in a chart's legend (the page's HTML has the two options' keys): [class, text] pairs, shown
 * while the chart draws the hybrid.
 */
function legendKeys(box, keys) {
  const legend = box?.closest('figure')?.querySelector('.legend');
  if (!legend) return () => {};
  const spans = keys.map(([cls, text]) => h('span', { class: `key ${cls}`, 'data-added': '', hidden: true }, text));
  // A saved copy of the page holds the keys it added: replace them.
  for (const old of legend.querySelectorAll('[data-added]')) old.remove();
  legend.append(...spans);
  const demand = $('.key.demand', legend);
  return (on) => {
    for (const span of spans) span.hidden = !on;
    // With the hybrid, demand is a line over the two areas it is split into.
    demand?.classList.toggle('as-line', on);
  };
}

/** Wires the charts to their figures (all three, or `only` those named); update(result) redraws them. */
export function createCharts(root, { only = null } = {}) {
  const el = (name) => root.querySelector(`[data-chart="${name}"]`);
  const read = (name) => root.querySelector(`[data-readout="${name}"]`);
  const said = (name) => root.querySelector(`[data-said="${name}"]`);
  const want = (name) => !only || only.includes(name);
  let overflow = []; // the hybrid's overflow, hour by hour, for the week's readout
  const keys = {
    volume: want('volume') ? legendKeys(el('volume'), [['hybrid', 'Hybrid, best floor at each volume']]) : null,
    cumulative: want('cumulative') ? legendKeys(el('cumulative'), [['hybrid', 'Hybrid']]) : null,
    load: want('load')
      ? legendKeys(el('load'), [
          ['served', 'Served by the hybrid’s floor'],
          ['overflow', 'Overflow to the API (hours marked at the foot)'],
          ['floor', 'Floor limit'],
        ])
      : null,
  };
  // Charts not wanted (the embed draws only the volume chart) are null.
  const maybe = (name, makeOptions, options) =>
    want(name) ? chart(el(name), makeOptions, { ...options, readout: read(name), say: said(name) }) : null;
  const volume = maybe('volume', volumeOptions, {
    markers: ['breakeven', 'current'],
    text: (i, d) =>
      `At ${compact(d[0][i])} tokens/month: API ${usd(d[1][i])}, self-hosting ${usd(d[2][i])}` +
      (d[3] ? `, hybrid ${usd(d[3][i])}` : '') +
      ' a month',
    // The keyboard starts at this workload's volume.
    home: (d, m, u) => (m[1] ? u.nearest(u.valToPos(m[1].x, 'x')) : 0),
  });
  const cumulative = maybe('cumulative', cumulativeOptions, {
    markers: ['payback'],
    text: (i, d) =>
      `Month ${d[0][i]}: API ${usd(d[1][i])}, self-hosting ${usd(d[2][i])}` +
      (d[3] ? `, hybrid ${usd(d[3][i])}` : '') +
      ' in total',
    home: (d) => d[0].length - 1, // the horizon's totals
  });
  const load = maybe('load', loadOptions, {
    text: (i, d) =>
      i >= HOURS_PER_WEEK
        ? ''
        : `${hourOfWeek(d[0][i], { short: true })}: demand ${compact(d[1][i])}` +
          (d[3]
            ? `; the hybrid’s floor serves ${compact(d[3][i])}, ${compact(overflow[i])} overflow to the ` +
              `API; self-hosting everything, capacity ${compact(d[2][i])} tokens/h`
            : `, capacity ${compact(d[2][i])} tokens/h`),
    home: (d) => d[1].indexOf(Math.max(...d[1])), // the busiest hour
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
      const hy = hybridOf(r);
      // The volume chart draws the hybrid wherever the engine priced it: at other volumes a floor may pay even
      // when it does not at this one (the caption says from where).
      const curve = c.hybrid_usd_per_month;
      keys.volume?.(Boolean(curve));
      volume?.update(
        [c.tokens_per_month, c.api_usd_per_month, c.self_host_usd_per_month, ...(curve ? [curve] : [])],
        [
          r.breakeven.kind === 'crossing'
            ? { x: r.breakeven.tokens_per_month, label: `Breakeven ${compact(r.breakeven.tokens_per_month)}` }
            : null,
          { x: r.workload.tokens_per_month, label: `This workload ${compact(r.workload.tokens_per_month)}` },
        ],
        Boolean(curve),
      );
      const hz = r.horizon;
      keys.cumulative?.(Boolean(hy));
      cumulative?.update(
        [hz.month, hz.cumulative_api_usd, hz.cumulative_self_host_usd, ...(hy ? [hz.cumulative_hybrid_usd] : [])],
        [hz.payback_month ? { x: hz.payback_month, label: `Payback, month ${hz.payback_month}` } : null],
        Boolean(hy),
      );
      const hours = WEEK_HOURS;
      const close = (a) => [...a, a[a.length - 1]];
      const week = [hours, close(r.load.demand_tokens_per_hour), close(r.load.capacity_tokens_per_hour)];
      if (hy) {
        const served = hy.by_hour.self_served_tokens_per_hour;
        const over = hy.by_hour.overflow_tokens_per_hour;
        overflow = over;
        // The floor's limit is what it serves in an hour that overflows (every such hour serves the same); a week
        // with no overflow has no limit to draw.
        const limit = Math.max(0, ...served.filter((_, i) => over[i] > 0));
        week.push(
          close(served),
          hours.map(() => (limit > 0 ? limit : null)),
        );
      }
      keys.load?.(Boolean(hy));
      load?.update(week, [], Boolean(hy), hy ? overflowRuns(hy.by_hour.overflow_tokens_per_hour) : []);
    },
    /** Redraws every chart at its box's width, at most maxWidth. */
    fit,
    /** The axis labels a chart drew last ('volume', 'cumulative' or 'load'), for tests. */
    labels: (name) => ({ volume, cumulative, load })[name]?.labels() ?? null,
  };
}
