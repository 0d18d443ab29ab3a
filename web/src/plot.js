// plot.js — the page's own small chart drawer (issue 13, in place of uPlot): lines, steps, fills and bands on one
// canvas, the axes' grid and labels, and an HTML overlay over the plot area for the cursor and whatever the caller
// adds there (charts.js: markers, the week's overflow strip). Data is uPlot's shape, column arrays
// [xs, ys1, ys2, …] with x ascending; null is a gap.
// Nothing here reads layout or style: sizes come from the caller (a ResizeObserver's), and text is drawn and
// measured on a canvas outside the document (see `axes`).

import { h } from './dom.js';

const TICK = 4; // tick length, outside the plot
const LABEL_GAP = 3; // between a tick and its label
const PAD_TOP = 8; // room for half of the top y label
const LABEL_SPACE = 10; // the least gap between two x labels
const X_SPACE = 60; // the least distance between linear x splits (px)
const Y_SPACE = 30; // the same for y
const NO_DASH = [];

/** A scale: { log, lo, hi } and its transform; positions are fractions of the plot's extent. */
const scale = (log) => ({ log, lo: 0, hi: 1, t0: 0, t1: 1 });
const tf = (s, v) => (s.log ? Math.log10(v) : v);
const frac = (s, v) => (tf(s, v) - s.t0) / (s.t1 - s.t0);
/** A value that a scale can place: not null, and positive on a log scale. */
const placeable = (s, v) => v != null && Number.isFinite(v) && (!s.log || v > 0);

/** 1, 2 or 5 times a power of ten: the least such step that makes at most `count` intervals of `span`. */
function niceStep(span, count) {
  const raw = span / Math.max(count, 1);
  const mag = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5]) if (m * mag >= raw * 0.999) return m * mag;
  return 10 * mag;
}

/** Whole decades within [lo, hi]: a log axis' splits. */
function decades(lo, hi) {
  const out = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    const v = 10 ** e;
    if (v >= lo * 0.999 && v <= hi * 1.001) out.push(v);
  }
  return out;
}

/** Multiples of `step` within [lo, hi]. */
function multiples(lo, hi, step) {
  const out = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) out.push(k * step || 0); // not -0
  return out;
}

/** Rounds out to one significant digit (a log scale's auto range: $4 to $500M, not $1 to $1B). */
const roundOut = (v, up) => {
  const mag = 10 ** Math.floor(Math.log10(v));
  return (up ? Math.ceil(v / mag - 1e-9) : Math.floor(v / mag + 1e-9)) * mag;
};

/**
 * createPlot(parent, opts, data) draws into a new element appended to parent.
 * opts: { width, height, font, text (label colour), grid (grid and tick colour),
 *   x, y: { log, range: [lo, hi] | (min, max) => [lo, hi], splits: (lo, hi) => values, format: (v) => text ('' for
 *     none; on x, a list of such, longest first: the first whose labels all fit is drawn), size: the axis' room in
 *     px (x: its height under the plot; y: its width left of it), shift: x labels sit this far (in x units) after
 *     their split (the week's day names, in the middle of their day) },
 *   series: [{ stroke, width, dash, fill, step }] for data[1], data[2], …; fill is a colour down to zero; step: the
 *     value holds until the next x (the cursor then reads the step under it, and the last x only closes a step),
 *   bands: [{ series: [upper, lower], fill }] (indices into data), filled between two series,
 *   onDraw(plot), onCursor(idx | null, plot), onLeave(plot): a mouse or pen left (default: clear the cursor) }.
 * Returns { over, width, height, plotWidth, plotHeight, idx, setData, setSize, setCursor, valToPos, nearest,
 * labels, destroy }; over is the overlay element, sized to the plot area.
 */
export function createPlot(parent, opts, data) {
  const { series, bands = [] } = opts;
  const xs = scale(Boolean(opts.x.log));
  const ys = scale(Boolean(opts.y.log));
  const stepped = series.some((s) => s.step);
  const xSize = opts.x.size ?? 32;
  const ySize = opts.y.size ?? 60;

  const canvas = h('canvas', { 'aria-hidden': 'true' });
  const cursorLine = h('div', { class: 'plot-cursor', hidden: true });
  const points = series.map((s) => {
    const dot = h('div', { class: 'plot-point', hidden: true });
    dot.style.background = s.stroke;
    return dot;
  });
  const over = h('div', { class: 'plot-over' }, cursorLine, ...points);
  const root = h('div', { class: 'plot' }, canvas, over);
  parent.append(root);
  const ctx = canvas.getContext('2d');
  // The grid and the labels are drawn on a canvas of their own, never in the document, and copied in: text drawn
  // or measured on a canvas in the page resolves its font against the page's style, which forces a style pass
  // when an edit has just changed the page (4–8 ms a chart here). They are redrawn only when they change.
  const axes = document.createElement('canvas');
  const actx = axes.getContext('2d');
  let axesDrawn = '';

  // Text widths by label: the axes' labels repeat from one draw to the next.
  const widths = new Map();
  const textWidth = (text) => {
    let w = widths.get(text);
    if (w === undefined) {
      w = actx.measureText(text).width;
      widths.set(text, w);
    }
    return w;
  };

  const plot = {
    over,
    width: 0,
    height: 0,
    plotWidth: 0,
    plotHeight: 0,
    idx: null,
    /** The CSS pixel of value v along the plot area ('x': from its left, 'y': from its top). */
    valToPos(v, axis) {
      return axis === 'x' ? frac(xs, v) * plot.plotWidth : (1 - frac(ys, v)) * plot.plotHeight;
    },
    /** The data index the cursor reads at CSS pixel px from the plot's left. */
    nearest(px) {
      const x = data[0];
      const n = x.length;
      if (!n) return null;
      const t = xs.t0 + (px / plot.plotWidth) * (xs.t1 - xs.t0);
      // The last x at or before the pointer, by bisection.
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (tf(xs, x[mid]) <= t) lo = mid;
        else hi = mid - 1;
      }
      if (stepped) return Math.min(lo, Math.max(n - 2, 0));
      return lo + 1 < n && tf(xs, x[lo + 1]) - t < t - tf(xs, x[lo]) ? lo + 1 : lo;
    },
    /** Draws new data; a cursor shown stays at its index and reads the new figures there. */
    setData(next) {
      data = next;
      draw();
      if (plot.idx != null) plot.setCursor(plot.idx);
    },
    setSize({ width, height }) {
      if (width === plot.width && height === plot.height) return;
      resize(width, height);
      draw();
    },
    /** Shows the cursor at data index i (null hides it) and tells onCursor. */
    setCursor(i) {
      const n = data[0].length;
      plot.idx = i == null || !n ? null : Math.max(0, Math.min(i, stepped ? Math.max(n - 2, 0) : n - 1));
      placeCursor();
      opts.onCursor?.(plot.idx, plot);
    },
    /**
     * The axis labels the last draw wrote, as boxes in CSS px of the canvas: [{ axis, text, left, right, top,
     * bottom }] (for tests, which cannot read a canvas' text).
     */
    labels() {
      if (!drawn) return [];
      const { left, bottom, xSplits, xLabels, xEvery, ySplits, yLabels, yEvery } = drawn;
      const size = parseFloat(opts.font) || 12;
      const out = [];
      for (let i = 0; i < xSplits.length; i += xEvery) {
        const x = xLabelAt(left, xSplits[i]);
        const w = textWidth(xLabels[i]);
        const top = bottom + TICK + LABEL_GAP;
        if (xLabels[i])
          out.push({ axis: 'x', text: xLabels[i], left: x - w / 2, right: x + w / 2, top, bottom: top + size });
      }
      for (let i = 0; i < ySplits.length; i += yEvery) {
        const y = PAD_TOP + plot.valToPos(ySplits[i], 'y');
        const right = left - TICK - LABEL_GAP;
        const w = textWidth(yLabels[i]);
        if (yLabels[i])
          out.push({ axis: 'y', text: yLabels[i], left: right - w, right, top: y - size / 2, bottom: y + size / 2 });
      }
      return out;
    },
    destroy() {
      removeEventListener('resize', redrawOnZoom);
      root.remove();
    },
  };

  /** The x the cursor marks for index i: a point, or the middle of the step that starts there. */
  function cursorX(i) {
    const x = data[0];
    return stepped && i + 1 < x.length
      ? (plot.valToPos(x[i], 'x') + plot.valToPos(x[i + 1], 'x')) / 2
      : plot.valToPos(x[i], 'x');
  }

  function placeCursor() {
    const i = plot.idx;
    cursorLine.hidden = i == null;
    if (i == null) {
      for (const dot of points) dot.hidden = true;
      return;
    }
    const left = cursorX(i);
    cursorLine.style.transform = `translateX(${left}px)`;
    points.forEach((dot, k) => {
      const v = data[k + 1]?.[i];
      dot.hidden = !placeable(ys, v);
      if (!dot.hidden) dot.style.transform = `translate(${left}px, ${plot.valToPos(v, 'y')}px)`;
    });
  }

  let dpr = 1;
  function resize(width, height) {
    dpr = globalThis.devicePixelRatio || 1;
    plot.width = width;
    plot.height = height;
    axes.width = canvas.width = Math.round(width * dpr);
    axes.height = canvas.height = Math.round(height * dpr);
    actx.font = opts.font; // a new size resets a canvas' state
    axesDrawn = '';
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    root.style.width = `${width}px`;
    root.style.height = `${height}px`;
  }
  // A zoom changes devicePixelRatio (and fires resize): the canvas keeps its CSS size but needs more pixels.
  const redrawOnZoom = () => {
    if ((globalThis.devicePixelRatio || 1) === dpr) return;
    resize(plot.width, plot.height);
    draw();
  };
  addEventListener('resize', redrawOnZoom);

  /** The scales' ranges from the data (or the caller's ranges), then their transforms. */
  function fitScales() {
    const x = data[0];
    const n = x.length;
    let xMin = Infinity;
    let xMax = -Infinity;
    for (let i = 0; i < n; i++) {
      if (!placeable(xs, x[i])) continue;
      if (x[i] < xMin) xMin = x[i];
      if (x[i] > xMax) xMax = x[i];
    }
    let yMin = Infinity;
    let yMax = -Infinity;
    for (let k = 1; k < data.length; k++) {
      const y = data[k];
      for (let i = 0; i < n; i++) {
        const v = y[i];
        if (!placeable(ys, v)) continue;
        if (v < yMin) yMin = v;
        if (v > yMax) yMax = v;
      }
    }
    if (!(xMin <= xMax)) [xMin, xMax] = xs.log ? [1, 10] : [0, 1];
    if (!(yMin <= yMax)) [yMin, yMax] = ys.log ? [1, 10] : [0, 1];
    setRange(xs, opts.x.range, xMin, xMax, false, plot.plotWidth / X_SPACE);
    setRange(ys, opts.y.range, yMin, yMax, true, plot.plotHeight / Y_SPACE);
  }

  function setRange(s, range, min, max, pad, count) {
    let [lo, hi] = typeof range === 'function' ? range(min, max) : (range ?? [min, max]);
    // y's range is rounded out (x's is the data's own).
    if (!range && pad) {
      if (s.log) {
        lo = roundOut(min, false);
        hi = roundOut(max, true);
      } else {
        // Linear y: from zero (or a whole step below it), up to the next whole step.
        const step = niceStep(max - Math.min(min, 0) || 1, count);
        lo = min >= 0 ? 0 : Math.floor(min / step) * step;
        hi = Math.ceil(max / step - 1e-9) * step;
      }
    }
    if (!(hi > lo)) hi = s.log ? lo * 10 : lo + 1;
    s.lo = lo;
    s.hi = hi;
    s.t0 = tf(s, lo);
    s.t1 = tf(s, hi);
  }

  const splitsOf = (s, axis, count) =>
    axis.splits
      ? axis.splits(s.lo, s.hi)
      : s.log
        ? decades(s.lo, s.hi)
        : multiples(s.lo, s.hi, niceStep(s.hi - s.lo, count));

  /**
   * Adds series y (an index into data) to the current path, first point to last or (back) last to first: one
   * path, no allocation. A null is a gap in a line; in a fill (joined) it counts as the foot of the scale.
   */
  function trace(y, step, back, joined) {
    const x = data[0];
    const n = x.length;
    const W = plot.plotWidth;
    const H = plot.plotHeight;
    let drawing = joined;
    for (let k = 0; k < n; k++) {
      const i = back ? n - 1 - k : k;
      let v = data[y][i];
      if (!placeable(ys, v)) {
        if (!joined) {
          drawing = false;
          continue;
        }
        v = ys.lo;
      }
      const px = frac(xs, x[i]) * W;
      const py = (1 - frac(ys, v)) * H;
      if (step && back && i + 1 < n) ctx.lineTo(frac(xs, x[i + 1]) * W, py);
      if (drawing) ctx.lineTo(px, py);
      else ctx.moveTo(px, py);
      drawing = true;
      if (step && !back && i + 1 < n) ctx.lineTo(frac(xs, x[i + 1]) * W, py);
    }
  }

  /** The baseline of a fill: zero, or the foot of the plot when zero is not on the scale. */
  const baseline = () => (ys.log || ys.lo > 0 ? plot.plotHeight : Math.min(plot.valToPos(0, 'y'), plot.plotHeight));

  let overBox = '';
  let drawn = null; // what the last draw put on the axes, for labels()
  function draw() {
    const { width, height } = plot;
    if (!width || !height || !data) return;
    // The plot area: the y axis' room on the left, the x axis' below, and on the right half of the last x label,
    // which may sit on the edge. The x range does not depend on the width, only how many splits fit.
    const left = ySize;
    const plotHeight = Math.max(height - xSize - PAD_TOP, 10);
    plot.plotHeight = plotHeight;
    plot.plotWidth = Math.max(width - left - 8, 10);
    fitScales();
    const xSplits = splitsOf(xs, opts.x, plot.plotWidth / X_SPACE);
    let xLabels = labelsOf(opts.x, xSplits, 0);
    const lastLabel = xLabels.at(-1) ?? '';
    const right = Math.max(8, Math.ceil(textWidth(lastLabel) / 2) + 2);
    const plotWidth = Math.max(width - left - right, 10);
    plot.plotWidth = plotWidth;
    // The overlay is moved only when the plot area changes (a style write invalidates the page's style).
    const box = `${left} ${plotWidth} ${plotHeight}`;
    if (box !== overBox) {
      overBox = box;
      Object.assign(over.style, {
        left: `${left}px`,
        top: `${PAD_TOP}px`,
        width: `${plotWidth}px`,
        height: `${plotHeight}px`,
      });
    }
    const ySplits = splitsOf(ys, opts.y, plotHeight / Y_SPACE);
    const yLabels = labelsOf(opts.y, ySplits, 0);
    // Shorter x labels, if the axis has them, while the longer ones would have to be thinned.
    const formats = [opts.x.format].flat().length;
    for (let f = 1; f < formats && xThinning(left, xSplits, xLabels) > 1; f++) xLabels = labelsOf(opts.x, xSplits, f);
    // The axes change with the ranges and the labels' text (a display currency), not with every edit.
    const axesNow = `${box} ${dpr} ${xs.lo} ${xs.hi} ${ys.lo} ${ys.hi} ${xLabels.join(' ')} ${yLabels.join(' ')}`;
    if (axesNow !== axesDrawn) {
      axesDrawn = axesNow;
      drawAxes(left, xSplits, xLabels, ySplits, yLabels);
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(axes, 0, 0);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);

    ctx.save();
    ctx.translate(left, PAD_TOP);
    // Lines at the edges keep their full width; nothing else leaves the plot.
    ctx.beginPath();
    ctx.rect(-2, -2, plotWidth + 4, plotHeight + 4);
    ctx.clip();
    for (const band of bands) {
      const [upper, lower] = band.series;
      const step = series[upper - 1].step;
      ctx.beginPath();
      trace(upper, step, false, true);
      trace(lower, step, true, true);
      ctx.closePath();
      ctx.fillStyle = band.fill;
      ctx.fill();
    }
    const base = baseline();
    series.forEach((s, k) => {
      if (!s.fill) return;
      const x = data[0];
      ctx.beginPath();
      trace(k + 1, s.step, false, true);
      ctx.lineTo(frac(xs, x[x.length - 1]) * plotWidth, base);
      ctx.lineTo(frac(xs, x[0]) * plotWidth, base);
      ctx.closePath();
      ctx.fillStyle = s.fill;
      ctx.fill();
    });
    ctx.lineJoin = 'round';
    series.forEach((s, k) => {
      ctx.beginPath();
      trace(k + 1, s.step, false, false);
      ctx.strokeStyle = s.stroke;
      ctx.lineWidth = s.width ?? 1;
      ctx.setLineDash(s.dash ?? NO_DASH);
      ctx.stroke();
    });
    ctx.restore();
    placeCursor();
    opts.onDraw?.(plot);
  }

  /** The grid, the ticks and the labels, with labels thinned (every 2nd, 3rd, …) until none touch. */
  function drawAxes(left, xSplits, xLabels, ySplits, yLabels) {
    const { plotWidth, plotHeight } = plot;
    const bottom = PAD_TOP + plotHeight;
    const ctx = actx;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, axes.width, axes.height);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    // Lines on whole device pixels, so a 1 px grid stays 1 px.
    const crisp = (v) => (Math.round(v * dpr) + 0.5) / dpr;
    ctx.strokeStyle = opts.grid;
    ctx.lineWidth = 1 / dpr;
    ctx.setLineDash(NO_DASH);
    ctx.beginPath();
    for (const v of xSplits) {
      const x = crisp(left + plot.valToPos(v, 'x'));
      ctx.moveTo(x, PAD_TOP);
      ctx.lineTo(x, bottom + TICK);
    }
    for (const v of ySplits) {
      const y = crisp(PAD_TOP + plot.valToPos(v, 'y'));
      ctx.moveTo(left - TICK, y);
      ctx.lineTo(left + plotWidth, y);
    }
    ctx.stroke();

    ctx.fillStyle = opts.text;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    const xEvery = xThinning(left, xSplits, xLabels);
    drawn = { left, bottom, xSplits, xLabels, xEvery, ySplits, yLabels: null, yEvery: 1 };
    for (let i = 0; i < xSplits.length; i += xEvery) {
      if (xLabels[i]) ctx.fillText(xLabels[i], xLabelAt(left, xSplits[i]), bottom + TICK + LABEL_GAP);
    }
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    const lineHeight = parseFloat(opts.font) || 12;
    // y grows upwards: positions negated so that they ascend with i.
    const yEvery = thinning(
      ySplits.length,
      (i) => -plot.valToPos(ySplits[i], 'y'),
      () => lineHeight / 2,
      2,
      yLabels,
    );
    drawn.yLabels = yLabels;
    drawn.yEvery = yEvery;
    for (let i = 0; i < ySplits.length; i += yEvery) {
      if (yLabels[i]) ctx.fillText(yLabels[i], left - TICK - LABEL_GAP, PAD_TOP + plot.valToPos(ySplits[i], 'y'));
    }
  }

  const labelsOf = (axis, splits, f) => {
    const format = [axis.format].flat()[f];
    return splits.map((v) => format(v));
  };
  const xLabelAt = (left, v) => left + plot.valToPos(v + (opts.x.shift ?? 0), 'x');
  const xThinning = (left, splits, labels) =>
    thinning(
      splits.length,
      (i) => xLabelAt(left, splits[i]),
      (i) => textWidth(labels[i]) / 2,
      LABEL_SPACE,
      labels,
    );

  /** The least k such that every k-th label (from the first) clears the next by `space`, given half-extents. */
  function thinning(n, pos, half, space, labels) {
    for (let k = 1; k < n; k++) {
      let clear = true;
      for (let i = 0; i + k < n && clear; i += k) {
        if (labels[i] && labels[i + k]) clear = pos(i + k) - pos(i) >= half(i) + half(i + k) + space;
      }
      if (clear) return k;
    }
    return Math.max(n, 1);
  }

  // The cursor: the nearest point to a mouse or pen, or to a finger as it taps or drags along the plot.
  over.addEventListener('pointermove', (e) => {
    const i = plot.nearest(e.offsetX);
    if (i !== plot.idx) plot.setCursor(i);
  });
  over.addEventListener('pointerdown', (e) => plot.setCursor(plot.nearest(e.offsetX)));
  // A finger's point stays when it lifts (which is when a touch leaves): a tap reads a point.
  over.addEventListener('pointerleave', (e) => {
    if (e.pointerType === 'touch') return;
    if (opts.onLeave) opts.onLeave(plot);
    else plot.setCursor(null);
  });

  resize(opts.width, opts.height);
  draw();
  return plot;
}
