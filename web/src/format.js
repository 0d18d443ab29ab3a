// format.js — display formatting and lenient number parsing; the only place numbers become text on the page.

// Formatters are built once, on first use: Intl.NumberFormat construction is the slow part, and building them all
// when the module loads cost the page's boot 25–36 ms before anything was drawn (issue 13).
const lazy = (options) => {
  let f = null;
  return {
    format(x) {
      f ??= new Intl.NumberFormat('en-US', options);
      return f.format(x);
    },
  };
};
const decimals = [0, 1, 2, 3, 4].map((d) => lazy({ minimumFractionDigits: d, maximumFractionDigits: d }));
const upTo = lazy({ maximumFractionDigits: 6 });
const cents = lazy({ minimumFractionDigits: 2, maximumFractionDigits: 6 });

const SUFFIXES = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];

// 3 significant digits, no trailing zeros: 11B, 3.57B, 500M, 23.2k.
function sig3(x) {
  const digits = Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2;
  return decimals[digits].format(x).replace(/\.0+$|(\.\d*?)0+$/, '$1');
}

/** Tokens and other counts: 11B, 500M, 23.2k, 950. */
export function compact(x) {
  if (x == null || !Number.isFinite(x)) return '—';
  for (const [size, suffix] of SUFFIXES) if (Math.abs(x) >= size * 0.9995) return sig3(x / size) + suffix;
  return sig3(x);
}

/** A whole count with grouping: 2,920. */
export function count(x) {
  return x == null || !Number.isFinite(x) ? '—' : decimals[0].format(x);
}

/** Money: $12,094 for large amounts, $4.19 under $100, $0.0076 for fractions of a cent. */
export function usd(x, { cents = false } = {}) {
  if (x == null || !Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  const sign = x < 0 ? '−$' : '$';
  if (a === 0) return '$0';
  if (a >= 100 && !cents) return sign + decimals[0].format(a);
  if (a >= 0.1 || cents) return sign + decimals[2].format(a);
  return a < 0.00005 ? '<$0.0001' : sign + decimals[4].format(a);
}

/** Money on a chart axis: $1.2M, $15k, $400. */
export function usdCompact(x) {
  if (x == null || !Number.isFinite(x)) return '—';
  return (x < 0 ? '−$' : '$') + compact(Math.abs(x));
}

/** A fraction as a percentage: 0.238 → 23.8%. */
export function percent(x, digits = 1) {
  if (x == null || !Number.isFinite(x)) return '—';
  return decimals[digits].format(x * 100).replace(/\.0+$/, '') + '%';
}

/** Memory: 1,342 GB, 141.2 GB, 29.6 GB, 2 GB, 0.05 GB. */
export function gb(x) {
  if (x == null || !Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  return `${decimals[a >= 1000 ? 0 : a >= 0.1 || a === 0 ? 1 : 2].format(x).replace(/\.0+$/, '')} GB`;
}

/** A duration: 28.1 ms, 20 ms, 1,204 ms. */
export function ms(x) {
  if (x == null || !Number.isFinite(x)) return '—';
  return `${decimals[Math.abs(x) >= 100 ? 0 : 1].format(x).replace(/\.0$/, '')} ms`;
}

/** A size in bytes: 33,554,432 → '32 MiB', 2,500,000 → '2.4 MiB', 900 → '900 bytes'. */
export function bytes(n) {
  if (n < 1024) return `${count(n)} bytes`;
  const [size, unit] = n >= 1 << 20 ? [1 << 20, 'MiB'] : [1024, 'KiB'];
  return `${decimals[1].format(n / size).replace(/\.0$/, '')} ${unit}`;
}

/** A plain number for an input box: grouping, no float noise (0.07 × 100 → 7, not 7.000000000000001). */
export function plain(x, { money = false } = {}) {
  if (x == null || !Number.isFinite(x)) return '';
  const clean = Number(x.toPrecision(12));
  return (money && Math.abs(clean) < 1000 ? cents : upTo).format(clean);
}

/** The days of the engine's week, in its order: its 168 hourly weights start on Monday at 00:00. */
export const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
export const HOURS_PER_WEEK = DAYS.length * 24;
/** A day's short name: 'Mon'. */
export const dayShort = (day) => DAYS[day]?.slice(0, 3) ?? '';

/** Hour i of the week as a time: 'Monday 09:00', or with short: true 'Mon 09:00'. */
export function hourOfWeek(i, { short = false } = {}) {
  const day = Math.floor(i / 24);
  const name = day >= 0 && day < DAYS.length ? (short ? dayShort(day) : DAYS[day]) : `hour ${i}`;
  return `${name} ${String(i % 24).padStart(2, '0')}:00`;
}

const MULTIPLIERS = { k: 1e3, m: 1e6, b: 1e9, g: 1e9, t: 1e12 };

/**
 * Reads what a person types: "2B", "500M", "1.5T", "145k", "$2.50", "145,000", "75%", "2e9".
 * Returns a number, or null when the text is not a number (the engine then names the problem).
 */
export function parseAmount(text) {
  const t = String(text)
    .trim()
    .replace(/[\s,_$]/g, '')
    .replace(/%$/, '')
    .replace(/^−/, '-');
  const m = /^([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)([kmbgt]?)$/i.exec(t);
  if (!m) return null;
  const value = Number(m[1]) * (m[2] ? MULTIPLIERS[m[2].toLowerCase()] : 1);
  return Number.isFinite(value) ? value : null;
}

// 4 significant digits with grouping: 0.2417, 2.778, 145,000.
const sig4 = (x) => upTo.format(Number(x.toPrecision(4)));

/**
 * How a figure in one of the engine's units reads: a number format and the words after it. "USD per GPU-hour" →
 * $3.90 per GPU-hour; "fraction of input" → 10% of input; "tokens" → 2B tokens; "× the average hour" → 2.78× the
 * average hour; anything else → 0.25 FTE.
 */
function unitParts(unit = '') {
  const [, head, rest] = /^(USD|fraction|tokens|×)?\s*(.*)$/.exec(unit);
  const after = rest ? ` ${rest}` : '';
  if (head === 'USD') return [(x) => usd(x), after];
  if (head === 'fraction') return [(x) => percent(x, Math.abs(x) < 0.01 && x !== 0 ? 2 : 1).replace('-', '−'), after];
  if (head === 'tokens') return [compact, ` tokens${after}`];
  if (head === '×') return [(x) => `${sig4(x)}×`, after];
  return [sig4, after];
}

/** A value in the engine's unit for it: inUnit(3.9, 'USD per GPU-hour') → '$3.90 per GPU-hour'. */
export function inUnit(x, unit) {
  if (x == null || !Number.isFinite(x)) return '—';
  const [fmt, after] = unitParts(unit);
  return fmt(x) + after;
}

/** A range in the engine's unit, the unit said once: '$1.49 – $12.29 per GPU-hour'. */
export function rangeText(low, high, unit) {
  const [fmt, after] = unitParts(unit);
  const show = (x) => (x == null || !Number.isFinite(x) ? '—' : fmt(x));
  return `${show(low)} – ${show(high)}${after}`;
}
