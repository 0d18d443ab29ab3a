// format.js — display formatting and lenient number parsing; the only place numbers become text on the page.

// Numbers are written here, not by Intl.NumberFormat: the first Intl call of a page loads the locale data, 25–45 ms of
// the first task before anything is drawn (issue 13). fixed() gives exactly what Intl.NumberFormat('en-US',
// { minimumFractionDigits, maximumFractionDigits }) gives (tests/browser/format.spec.mjs checks it against Intl):
// the shortest decimal that reads back as the number, rounded half away from zero, with grouping commas.
// toFixed() rounds the number's exact binary value instead; the two differ only when that shortest decimal ends in
// a 5 just past the last digit kept (1.005 → '1.01', where toFixed says '1.00'), and for exponent forms.
const SHORTEST = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;
/** x with minFrac to maxFrac decimals, as Intl.NumberFormat('en-US') writes it: fixed(12094.5, 0, 0) → '12,095'. */
export function fixed(x, minFrac, maxFrac) {
  const a = Math.abs(x);
  let text = String(a);
  const dot = text.indexOf('.');
  const places = dot < 0 ? 0 : text.length - dot - 1;
  if (text.includes('e') || (places === maxFrac + 1 && text.endsWith('5'))) text = rounded(text, maxFrac);
  else if (places > maxFrac) text = a.toFixed(maxFrac);
  let [whole, fraction = ''] = text.split('.');
  let end = fraction.length;
  while (end > minFrac && fraction.charCodeAt(end - 1) === 48) end--; // trailing zeros, down to minFrac
  fraction = end < fraction.length ? fraction.slice(0, end) : fraction.padEnd(minFrac, '0');
  if (whole.length > 3) whole = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return (x < 0 || Object.is(x, -0) ? '-' : '') + whole + (fraction ? `.${fraction}` : '');
}

/** The shortest decimal text of a number ≥ 0, rounded half away from zero to at most maxFrac places, unexponented. */
function rounded(text, maxFrac) {
  const [, int, frac = '', exp = '0'] = SHORTEST.exec(text);
  let digits = int + frac;
  let point = int.length + Number(exp); // where the decimal point falls in digits
  const keep = point + maxFrac;
  if (keep < digits.length) {
    let kept = digits.slice(0, Math.max(keep, 0));
    if (keep >= 0 && digits[keep] >= '5') {
      const last = kept.search(/9*$/) - 1; // the digit that goes up; the nines after it become zeros
      if (last < 0) {
        kept = `1${'0'.repeat(kept.length)}`;
        point++;
      } else kept = kept.slice(0, last) + (Number(kept[last]) + 1) + '0'.repeat(kept.length - last - 1);
    }
    digits = kept;
  }
  if (point <= 0) [digits, point] = ['0'.repeat(1 - point) + digits, 1];
  digits = digits.padEnd(point, '0');
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  return digits.length > point ? `${whole}.${digits.slice(point)}` : whole;
}
const format = (minFrac, maxFrac) => ({ format: (x) => fixed(x, minFrac, maxFrac) });
const decimals = [0, 1, 2, 3, 4].map((d) => format(d, d));
const upTo = format(0, 6);
const cents = format(2, 6);

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

// The display currency: the engine counts in US dollars; the page may show every money figure in another currency at
// a rate the person gives (no network), with that rate's date. usd() and usdCompact() convert, so every module that
// formats money through them follows; moneyText() converts the dollar amounts inside the engine's own sentences.
const USD = Object.freeze({ code: 'USD', usd_rate: 1, date: null, symbol: '$' });
let currencyNow = USD;
const symbolOf = (code) => {
  try {
    const part = new Intl.NumberFormat('en-US', { style: 'currency', currency: code, currencyDisplay: 'symbol' })
      .formatToParts(1)
      .find((p) => p.type === 'currency')?.value;
    return part && part !== code ? part : `${code}\u00a0`;
  } catch {
    return `${code}\u00a0`;
  }
};
// Symbols that several currencies share are spelled out: "$" alone is the US dollar here.
const SYMBOLS = { CAD: 'CA$', AUD: 'A$', NZD: 'NZ$', HKD: 'HK$', SGD: 'S$', MXN: 'MX$', CNY: 'CN¥' };

/**
 * Checks a display currency: { ok: true, currency } or { ok: false, path, message } naming the field. code: three
 * letters (ISO 4217), usd_rate: units of it per US dollar, date: the rate's day (YYYY-MM-DD).
 */
export function checkCurrency({ code, usd_rate, date }) {
  const c = String(code ?? '')
    .trim()
    .toUpperCase();
  if (!/^[A-Z]{3}$/.test(c))
    return {
      ok: false,
      path: 'code',
      message: `“${String(code ?? '')}” is not a currency code; accepted: three letters such as EUR`,
    };
  if (c === 'USD') return { ok: true, currency: USD };
  const rate = typeof usd_rate === 'number' ? usd_rate : parseAmount(usd_rate ?? '');
  if (rate == null || !(rate > 0) || rate > 1e6)
    return {
      ok: false,
      path: 'usd_rate',
      message: `${usd_rate === '' || usd_rate == null ? 'no rate given' : `“${usd_rate}” is not a rate`}; accepted: ${c} per US dollar, a number above 0 and at most 1,000,000`,
    };
  const d = String(date ?? '').trim();
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  const valid =
    day && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
  if (!valid)
    return {
      ok: false,
      path: 'date',
      message: `${d ? `“${d}” is not a date` : 'no date given'}; accepted: the rate’s day as YYYY-MM-DD`,
    };
  return { ok: true, currency: Object.freeze({ code: c, usd_rate: rate, date: d, symbol: SYMBOLS[c] ?? symbolOf(c) }) };
}

/** Sets the display currency (a checkCurrency() result's currency, or null for US dollars). */
export function setCurrency(currency) {
  currencyNow = currency && currency.code !== 'USD' ? currency : USD;
}

/** The display currency: { code, usd_rate, date, symbol }; code 'USD' when figures are in dollars. */
export const currency = () => currencyNow;

/** "Amounts in EUR at 0.92 EUR per US dollar (rate of 2026-12-01); the engine computes in US dollars", or ''. */
export function currencyNote() {
  const c = currencyNow;
  if (c.code === 'USD') return '';
  return `Amounts in ${c.code} at ${upTo.format(c.usd_rate)} ${c.code} per US dollar (rate of ${c.date}); the engine computes in US dollars.`;
}

/** Money: $12,094 for large amounts, $4.19 under $100, $0.0076 for fractions of a cent (in the display currency). */
export function usd(x, { cents = false } = {}) {
  if (x == null || !Number.isFinite(x)) return '—';
  const { symbol, usd_rate } = currencyNow;
  const a = Math.abs(x * usd_rate);
  const sign = x < 0 ? `−${symbol}` : symbol;
  if (a === 0) return `${symbol}0`;
  if (a >= 100 && !cents) return sign + decimals[0].format(a);
  if (a >= 0.1 || cents) return sign + decimals[2].format(a);
  return a < 0.00005 ? `<${symbol}0.0001` : sign + decimals[4].format(a);
}

/** Money on a chart axis: $1.2M, $15k, $400 (in the display currency). */
export function usdCompact(x) {
  if (x == null || !Number.isFinite(x)) return '—';
  const { symbol, usd_rate } = currencyNow;
  return (x < 0 ? `−${symbol}` : symbol) + compact(Math.abs(x * usd_rate));
}

// A dollar amount in the engine's text: "$2,847.00", "−$1.2M", "$0.0076", "$4.2k" (not "CA$…": already converted).
const DOLLARS = /([−-])?(?<![A-Za-z])\$(\d[\d,]*(?:\.\d+)?)([kMBT](?![A-Za-z]))?/g;
const SUFFIX_SIZE = { k: 1e3, M: 1e6, B: 1e9, T: 1e12 };

/** The engine's sentences with their dollar amounts in the display currency (unchanged in US dollars). */
export function moneyText(text) {
  if (currencyNow.code === 'USD' || typeof text !== 'string' || !text.includes('$')) return text;
  return text.replace(DOLLARS, (all, minus, digits, suffix) => {
    const value = Number(digits.replace(/,/g, '')) * (suffix ? SUFFIX_SIZE[suffix] : 1) * (minus ? -1 : 1);
    if (!Number.isFinite(value)) return all;
    const keepCents = !suffix && /\.\d\d$/.test(digits) && Math.abs(value) >= 100;
    return suffix ? usdCompact(value) : usd(value, { cents: keepCents });
  });
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
