// charts.spec.mjs — the three charts as plot.js draws them (issue 13): each draws its lines in the palette's colours,
// its markers sit at their values, the pointer and the keyboard read the engine's figures at a known point, a dark
// colour scheme redraws them, and on a phone they are narrower with no axis label touching another.
import { test, expect } from './fixtures.mjs';
import { openPage, choosePreset, settle, pageResult, chartBox } from './helpers.mjs';
import { compact, usd, hourOfWeek } from '../../web/src/format.js';

const HYBRID = 'llama-70b-vs-gpt-4o'; // three lines on both cost charts, a floor and overflow on the week
const CHARTS = ['volume', 'cumulative', 'load'];

/**
 * The plot area's pixels on a chart's canvas: { inked, total } and, for each named custom property of the page
 * (a #rrggbb colour), how many opaque pixels are within a small distance of it.
 */
function plotPixels(page, chart, colours) {
  return page.evaluate(
    ({ chart, colours }) => {
      const box = document.querySelector(`[data-chart="${chart}"]`);
      const canvas = box.querySelector('canvas');
      const over = box.querySelector('.plot-over');
      const k = canvas.width / parseFloat(canvas.style.width);
      const [x, y, w, h] = ['left', 'top', 'width', 'height'].map((p) => Math.round(parseFloat(over.style[p]) * k));
      const css = getComputedStyle(document.documentElement);
      const rgb = colours.map((name) => {
        const hex = css.getPropertyValue(name).trim();
        return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      });
      const px = canvas.getContext('2d').getImageData(x, y, w, h).data;
      let inked = 0;
      const near = rgb.map(() => 0);
      for (let i = 0; i < px.length; i += 4) {
        if (px[i + 3] === 0) continue;
        inked++;
        if (px[i + 3] < 200) continue;
        rgb.forEach((c, j) => {
          if (Math.abs(px[i] - c[0]) + Math.abs(px[i + 1] - c[1]) + Math.abs(px[i + 2] - c[2]) < 30) near[j]++;
        });
      }
      return { inked, total: w * h, near: Object.fromEntries(colours.map((name, j) => [name, near[j]])) };
    },
    { chart, colours },
  );
}

/** Where, as a fraction of the plot's width, the volume chart draws x (a log axis over the curve's volumes). */
const volumeFrac = (r, x) => {
  const t = r.curves.tokens_per_month;
  return (Math.log10(x) - Math.log10(t[0])) / (Math.log10(t.at(-1)) - Math.log10(t[0]));
};

/** The readouts the page writes for index i, from the engine's result. */
const expected = {
  volume: (r, i) => {
    const c = r.curves;
    return (
      `At ${compact(c.tokens_per_month[i])} tokens/month: API ${usd(c.api_usd_per_month[i])}, ` +
      `self-hosting ${usd(c.self_host_usd_per_month[i])}, hybrid ${usd(c.hybrid_usd_per_month[i])} a month`
    );
  },
  cumulative: (r, i) => {
    const hz = r.horizon;
    return (
      `Month ${hz.month[i]}: API ${usd(hz.cumulative_api_usd[i])}, self-hosting ` +
      `${usd(hz.cumulative_self_host_usd[i])}, hybrid ${usd(hz.cumulative_hybrid_usd[i])} in total`
    );
  },
  load: (r, i) => {
    const by = r.hybrid.by_hour;
    return (
      `${hourOfWeek(i, { short: true })}: demand ${compact(r.load.demand_tokens_per_hour[i])}; the hybrid’s ` +
      `floor serves ${compact(by.self_served_tokens_per_hour[i])}, ${compact(by.overflow_tokens_per_hour[i])} ` +
      `overflow to the API; self-hosting everything, capacity ${compact(r.load.capacity_tokens_per_hour[i])} tokens/h`
    );
  },
};

const readout = (page, chart) => page.locator(`[data-readout="${chart}"]`);
const said = (page, chart) => page.locator(`[data-said="${chart}"]`);

test('every chart draws its lines in the palette’s colours, and its markers sit at their values', async ({ page }) => {
  await openPage(page);
  await choosePreset(page, HYBRID);
  const r = await pageResult(page);
  const lines = { volume: ['--api', '--self', '--hybrid'], cumulative: ['--api', '--self', '--hybrid'] };
  lines.load = ['--self', '--hybrid'];
  for (const chart of CHARTS) {
    await chartBox(page, chart);
    const { inked, total, near } = await plotPixels(page, chart, lines[chart]);
    expect(inked / total, chart).toBeGreaterThan(chart === 'load' ? 0.5 : 0.01); // the week is mostly areas
    for (const [name, count] of Object.entries(near)) expect(count, `${chart}: ${name}`).toBeGreaterThan(100);
  }

  // The volume chart's markers: at this workload's volume and at the breakeven, which is below it.
  const box = await chartBox(page, 'volume');
  expect(r.breakeven.kind).toBe('crossing');
  expect(r.workload.tokens_per_month).toBeGreaterThan(r.breakeven.tokens_per_month);
  const at = {};
  for (const [cls, value] of [
    ['breakeven', r.breakeven.tokens_per_month],
    ['current', r.workload.tokens_per_month],
  ]) {
    const marker = page.locator(`[data-chart="volume"] .marker.${cls}`);
    await expect(marker).toHaveAttribute('data-value', String(value));
    at[cls] = (await marker.boundingBox()).x - box.x;
    expect(at[cls] / box.width, cls).toBeCloseTo(volumeFrac(r, value), 2);
  }
  expect(at.breakeven).toBeLessThan(at.current);
  // The cumulative chart's payback marker: at its month on a linear axis over the horizon's months.
  const months = r.horizon.month;
  const cumulative = await chartBox(page, 'cumulative');
  const payback = page.locator('[data-chart="cumulative"] .marker.payback');
  await expect(payback).toHaveAttribute('data-value', String(r.horizon.payback_month));
  expect(((await payback.boundingBox()).x - cumulative.x) / cumulative.width).toBeCloseTo(
    (r.horizon.payback_month - months[0]) / (months.at(-1) - months[0]),
    2,
  );
});

test('the pointer reads the engine’s figures at the point under it', async ({ page }) => {
  await openPage(page);
  await choosePreset(page, HYBRID);
  const r = await pageResult(page);
  const t = r.curves.tokens_per_month;
  const months = r.horizon.month;
  const points = {
    volume: [0, 17, Math.floor(t.length / 2), t.length - 1].map((i) => [i, volumeFrac(r, t[i])]),
    cumulative: [0, 11, months.length - 1].map((i) => [i, (months[i] - months[0]) / (months.at(-1) - months[0])]),
    // A step holds its hour's value: the middle of the hour reads that hour.
    load: [0, 30, 100, 167].map((i) => [i, (i + 0.5) / 168]),
  };
  for (const chart of CHARTS) {
    const box = await chartBox(page, chart);
    for (const [i, frac] of points[chart]) {
      const x = Math.min(Math.max(frac * box.width, 0.5), box.width - 0.5);
      await page.mouse.move(box.x + x, box.y + box.height / 2);
      await expect(readout(page, chart), `${chart} at ${i}`).toHaveText(expected[chart](r, i));
      await expect(page.locator(`[data-chart="${chart}"] .plot-cursor`)).toBeVisible();
    }
    // Said aloud only for the keyboard's moves, not for a sweeping pointer.
    await expect(said(page, chart)).toHaveText('');
    await page.mouse.move(box.x + box.width / 2, box.y - 40);
    await expect(readout(page, chart)).toHaveText('');
    await expect(page.locator(`[data-chart="${chart}"] .plot-cursor`)).toBeHidden();
  }
});

test('each chart takes the keyboard: arrows, Page Up and Down, Home and End move the readout, said aloud', async ({
  page,
}) => {
  await openPage(page);
  await choosePreset(page, HYBRID);
  const r = await pageResult(page);
  const t = r.curves.tokens_per_month;
  // Focus starts at this workload's volume (the nearest point on the log axis), the horizon's end, the busiest hour.
  const gap = (i) => Math.abs(Math.log10(t[i]) - Math.log10(r.workload.tokens_per_month));
  const workload = t.reduce((best, _, i) => (gap(i) < gap(best) ? i : best), 0);
  const demand = r.load.demand_tokens_per_hour;
  const last = { volume: t.length - 1, cumulative: r.horizon.month.length - 1, load: 167 };
  const home = { volume: workload, cumulative: last.cumulative, load: demand.indexOf(Math.max(...demand)) };
  const names = {
    volume: 'Monthly cost as volume grows',
    cumulative: 'Cumulative cost over the horizon',
    load: 'The week: demand against provisioned capacity',
  };
  for (const chart of CHARTS) {
    const box = page.getByRole('img', { name: new RegExp(`^${names[chart]}`) });
    await expect(box).toHaveAttribute('tabindex', '0');
    await expect(box).toHaveAttribute('data-chart', chart);
    await chartBox(page, chart);
    await box.focus();
    const reads = async (i) => {
      await expect(readout(page, chart), `${chart} at ${i}`).toHaveText(expected[chart](r, i));
      await expect(said(page, chart)).toHaveText(expected[chart](r, i));
    };
    await reads(home[chart]);
    await page.keyboard.press('ArrowLeft');
    await reads(home[chart] - 1);
    await page.keyboard.press('Home');
    await reads(0);
    await page.keyboard.press('ArrowLeft'); // stays at the first point
    await reads(0);
    await page.keyboard.press('PageDown');
    await reads(10);
    await page.keyboard.press('ArrowRight');
    await reads(11);
    await page.keyboard.press('PageUp');
    await reads(1);
    await page.keyboard.press('End');
    await reads(last[chart]);
    await page.keyboard.press('ArrowRight'); // stays at the last point (the week's closing point is no hour)
    await reads(last[chart]);
    await expect(page.locator(`[data-chart="${chart}"] .plot-cursor`)).toBeVisible();
  }
  // Leaving the chart takes its point away.
  await page.keyboard.press('Shift+Tab');
  await expect(readout(page, 'load')).toHaveText('');
  await expect(said(page, 'load')).toHaveText('');
  await expect(page.locator('[data-chart="load"] .plot-cursor')).toBeHidden();
});

test('a dark colour scheme redraws the charts in its palette', async ({ page }) => {
  await openPage(page);
  await choosePreset(page, HYBRID);
  const self = () => page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--self').trim());
  const light = await self();
  for (const chart of CHARTS) await chartBox(page, chart);
  await page.emulateMedia({ colorScheme: 'dark' });
  await settle(page);
  expect(await self()).not.toBe(light);
  for (const chart of CHARTS) {
    await chartBox(page, chart);
    // The dark capacity or self-hosting line is there; the light one is gone.
    await expect
      .poll(async () => (await plotPixels(page, chart, ['--self'])).near['--self'], chart)
      .toBeGreaterThan(100);
    const stale = await page.evaluate(
      ({ chart, hex }) => {
        const canvas = document.querySelector(`[data-chart="${chart}"] canvas`);
        const px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
        let n = 0;
        for (let i = 0; i < px.length; i += 4) {
          if (
            px[i + 3] > 200 &&
            Math.abs(px[i] - c[0]) + Math.abs(px[i + 1] - c[1]) + Math.abs(px[i + 2] - c[2]) < 12
          ) {
            n++;
          }
        }
        return n;
      },
      { chart, hex: light },
    );
    expect(stale, chart).toBeLessThan(5);
  }
});

test('on a phone the charts redraw narrower, every axis label clear of the others', async ({ page }) => {
  await openPage(page);
  await choosePreset(page, HYBRID);
  const canvasWidth = (chart) =>
    page.evaluate((chart) => parseFloat(document.querySelector(`[data-chart="${chart}"] canvas`).style.width), chart);
  const wide = {};
  for (const chart of CHARTS) {
    await chartBox(page, chart);
    wide[chart] = await canvasWidth(chart);
  }
  await page.setViewportSize({ width: 360, height: 780 });
  for (const chart of CHARTS) {
    await chartBox(page, chart);
    await expect.poll(() => canvasWidth(chart), chart).toBeLessThan(Math.min(wide[chart], 340));
    const width = await canvasWidth(chart);
    const labels = await page.evaluate((chart) => globalThis.tcoscope.chartLabels(chart), chart);
    for (const axis of ['x', 'y']) {
      const own = labels.filter((l) => l.axis === axis);
      expect(own.length, `${chart} ${axis}`).toBeGreaterThanOrEqual(3);
      const [from, to] = axis === 'x' ? ['left', 'right'] : ['top', 'bottom'];
      own.sort((a, b) => a[from] - b[from]);
      for (let i = 1; i < own.length; i++) {
        expect(own[i][from] - own[i - 1][to], `${chart}: ${own[i - 1].text} and ${own[i].text}`).toBeGreaterThan(2);
      }
      for (const l of own) {
        expect(l.left, `${chart}: ${l.text}`).toBeGreaterThanOrEqual(0);
        expect(l.right, `${chart}: ${l.text}`).toBeLessThanOrEqual(width);
      }
    }
    // Log axes labelled at whole decades only.
    if (chart === 'volume') {
      const x = labels.filter((l) => l.axis === 'x').map((l) => l.text);
      expect(
        x.every((text) => /^(1|10|100)[MBT]$/.test(text)),
        x.join(' '),
      ).toBe(true);
      const y = labels.filter((l) => l.axis === 'y').map((l) => l.text);
      expect(
        y.every((text) => /^\$(1|10|100)[kMB]?$/.test(text)),
        y.join(' '),
      ).toBe(true);
    }
    // Every day of the week keeps a label: its initial, on a phone.
    if (chart === 'load') {
      expect(labels.filter((l) => l.axis === 'x').map((l) => l.text)).toEqual(['M', 'T', 'W', 'T', 'F', 'S', 'S']);
    }
  }
});

test.describe('on a touch screen', () => {
  test.use({ hasTouch: true });
  test('a tap reads the point under the finger, and the point stays', async ({ page }) => {
    await openPage(page);
    await choosePreset(page, HYBRID);
    const r = await pageResult(page);
    const box = await chartBox(page, 'load');
    const hour = 40;
    await page.touchscreen.tap(box.x + ((hour + 0.5) / 168) * box.width, box.y + box.height / 2);
    await expect(readout(page, 'load')).toHaveText(expected.load(r, hour));
    await settle(page);
    await expect(readout(page, 'load')).toHaveText(expected.load(r, hour));
  });
});
