// exports.js — the files the page exports, built from the engine's result: scenario JSON, CSV of the curves, of the
// month-by-month series and of "How sure?" (the histogram of the saving, the tornado), a Markdown summary.
// Formatting only; every number comes from the engine.
import { compact, count, currency, currencyNote, inUnit, moneyText, percent, rangeText, usd } from './format.js';
import { components, sides } from './monthly.js';
import { verdictText } from './outputs.js';
import { hybridOf, noHybridText, replicas } from './hybrid.js';
import { PRICE_LABELS } from './prices.js';

/** A file name from the scenario's name: "Support assistant, 2B tokens/month" → "support-assistant-2b-tokens-month". */
export function slug(name) {
  const s = String(name ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s || 'tcoscope-scenario';
}

/** The scenario file: what differs from the defaults, with schema_version (what a link carries; the CLI reads it). */
export const scenarioJson = (minimized) => `${JSON.stringify(minimized, null, 2)}\n`;

// Twelve significant digits: exact for every figure the engine reports, without binary noise (0.26249999999999996).
const num = (x) => (x == null || !Number.isFinite(x) ? '' : String(Number(x.toPrecision(12))));
/**
 * A CSV file. Columns stay in the engine's units (US dollars, tokens); with a display currency, each dollar column
 * is followed by the same in that currency (api_usd_per_month → api_eur_per_month) and a last column gives the
 * rate and its day (eur_per_usd_2026-12-01), so the file says what it was converted with.
 */
const csv = (header, rows) => {
  const c = currency();
  let head = header;
  let body = rows;
  if (c.code !== 'USD') {
    const code = c.code.toLowerCase();
    const money = header.map((name) => /(^|_)usd(_|$)/.test(name));
    const convert = (v) => (v === '' || v == null ? '' : num(Number(v) * c.usd_rate));
    head = [
      ...header.flatMap((name, i) => (money[i] ? [name, name.replace(/(^|_)usd(_|$)/, `$1${code}$2`)] : [name])),
      `${code}_per_usd_${c.date}`,
    ];
    body = rows.map((r) => [...r.flatMap((v, i) => (money[i] ? [v, convert(v)] : [v])), num(c.usd_rate)]);
  }
  return `${[head, ...body].map((r) => r.map(String).join(',')).join('\r\n')}\r\n`;
};

/**
 * Monthly cost of the options at each volume of the cost-vs-volume chart: the hybrid (its best floor at each
 * volume) whenever the engine priced it, as the chart draws it.
 */
export function volumeCsv(r) {
  const c = r.curves;
  const hy = c.hybrid_usd_per_month;
  return csv(
    ['tokens_per_month', 'api_usd_per_month', 'self_host_usd_per_month', ...(hy ? ['hybrid_usd_per_month'] : [])],
    c.tokens_per_month.map((t, i) => [
      num(t),
      num(c.api_usd_per_month[i]),
      num(c.self_host_usd_per_month[i]),
      ...(hy ? [num(hy[i])] : []),
    ]),
  );
}

/**
 * Month by month over the horizon: volume, monthly and cumulative cost of the options, replicas; the hybrid's
 * columns when the scenario has one, as the cumulative chart draws it (a pure one would repeat a pure option).
 */
export function horizonCsv(r) {
  const z = r.horizon;
  const hy = Boolean(hybridOf(r));
  return csv(
    [
      'month',
      'tokens_per_month',
      'api_usd',
      'self_host_usd',
      'cumulative_api_usd',
      'cumulative_self_host_usd',
      'self_host_replicas',
      ...(hy ? ['hybrid_usd', 'cumulative_hybrid_usd'] : []),
    ],
    z.month.map((m, i) => [
      m,
      num(z.tokens_per_month?.[i]),
      num(z.api_usd[i]),
      num(z.self_host_usd[i]),
      num(z.cumulative_api_usd[i]),
      num(z.cumulative_self_host_usd[i]),
      num(z.self_host_replicas?.[i]),
      ...(hy ? [num(z.hybrid_usd[i]), num(z.cumulative_hybrid_usd[i])] : []),
    ]),
  );
}

/** "How sure?": the histogram of self-hosting's monthly saving, one row per bin (the end bins hold the tails). */
export function histogramCsv(sens) {
  const { edges, counts } = sens.monte_carlo.histogram;
  return csv(
    ['saving_usd_per_month_from', 'saving_usd_per_month_to', 'samples'],
    counts.map((n, i) => [num(edges[i]), num(edges[i + 1]), n]),
  );
}

const csvText = (text) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** "How sure?": the tornado, largest swing first: the saving with each input at its low and at its high. */
export function tornadoCsv(sens) {
  return csv(
    [
      'path',
      'label',
      'unit',
      'value',
      'low',
      'high',
      'saving_usd_per_month_at_low',
      'saving_usd_per_month_at_high',
      'swing_usd_per_month',
      'crosses_verdict',
    ],
    sens.tornado.map((t) => [
      csvText(t.path),
      csvText(t.label),
      csvText(t.unit),
      num(t.value),
      num(t.low),
      num(t.high),
      num(t.saving_at_low),
      num(t.saving_at_high),
      num(t.swing),
      t.crosses_verdict,
    ]),
  );
}

// Text from a scenario (its name, a file's content) must not become Markdown or HTML when pasted into a wiki.
const md = (text) =>
  String(text ?? '')
    .replace(/\s+/g, ' ')
    .replace(/([\\`*_[\]<>|#~])/g, '\\$1');
// A Markdown link target ends at ")" or a space: escape both (a file:// path may hold them).
const linkTarget = (url) =>
  url.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
const table = (head, align, rows) =>
  [
    `| ${head.join(' | ')} |`,
    `|${align.map((a) => (a === 'r' ? ' --: ' : ' :-- ')).join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');

/** The headline figures, as the page shows them (the Markdown summary and its test use the same text). */
export function headlineTexts(r) {
  const be = r.breakeven;
  const sh = r.self_host;
  const pb = r.horizon.payback_month;
  return {
    api: usd(r.api.usd_per_month),
    self: usd(sh.usd_per_month),
    apiMtok: usd(r.api.usd_per_mtok),
    selfMtok: usd(sh.usd_per_mtok),
    breakeven:
      be.kind === 'crossing'
        ? `${compact(be.tokens_per_month)} tokens a month, or ${usd(be.api_usd_per_month)} of API spend`
        : be.kind === 'never'
          ? 'Never: self-hosting stays dearer at any volume'
          : 'Always: self-hosting is cheaper at every volume',
    utilization:
      `${percent(sh.utilization)} (${sh.replicas_peak} ${sh.replicas_peak === 1 ? 'replica' : 'replicas'} at peak, ` +
      `${count(sh.gpu_hours_per_month)} GPU-h a month)`,
    payback: pb ? `Month ${pb} of ${r.horizon.months}` : `None within ${r.horizon.months} months`,
    totalApi: usd(r.horizon.total_api_usd),
    totalSelf: usd(r.horizon.total_self_host_usd),
    ...hybridTexts(r),
  };
}

/** The hybrid's figures as the page shows them, or {} when the scenario has none. */
function hybridTexts(r) {
  const hy = hybridOf(r);
  if (!hy) return {};
  return {
    hybrid: usd(hy.usd_per_month),
    hybridMtok: usd(hy.usd_per_mtok),
    totalHybrid: usd(r.horizon.total_hybrid_usd),
    hybridFloor:
      `${replicas(hy.floor_replicas)} (${count(hy.gpus)} ${hy.gpus === 1 ? 'GPU' : 'GPUs'}), busy ` +
      `${percent(hy.utilization)}, serving ${percent(hy.self_served_share)} of the tokens; ` +
      `${compact(hy.overflow_tokens_per_month)} tokens a month overflow to the API for ` +
      `${usd(hy.overflow_api_usd_per_month)}`,
  };
}

const HOW_SURE_TORNADO_ROWS = 5;

/** The "How sure" part of the summary: confidence, flip sentence, P10/P50/P90 and the top of the tornado. */
function howSureMarkdown(sens) {
  if (!sens) return [];
  const m = sens.monte_carlo;
  const out = [
    '### How sure',
    '',
    `**${md(moneyText(sens.confidence.message))}**`,
    '',
    md(moneyText(sens.what_would_change.message)),
    '',
  ];
  if (m.samples > 0) {
    out.push(
      table(
        ['A month', 'P10', 'P50', 'P90', 'As entered'],
        ['l', 'r', 'r', 'r', 'r'],
        [
          ['Self-hosting’s saving', m.saving_usd_per_month, sens.saving_usd_per_month],
          ['API cost', m.api_usd_per_month, sens.api_usd_per_month],
          ['Self-hosting cost', m.self_host_usd_per_month, sens.self_host_usd_per_month],
        ].map(([label, s, point]) => [label, usd(s.p10), usd(s.p50), usd(s.p90), usd(point)]),
      ),
      '',
      `Probability that self-hosting is cheaper: ${percent(m.probability_self_host_cheaper)} ± ` +
        `${percent(m.standard_error, 2)} (${count(m.samples)} samples, seed ${m.seed}).`,
      '',
    );
    if (m.hybrid)
      out.push(
        `Probability that the verdict's hybrid (a floor of ${count(m.hybrid.floor_replicas)}) is the cheapest ` +
          `option: ${percent(m.hybrid.probability_cheapest)} ± ${percent(m.hybrid.standard_error, 2)}.`,
        '',
      );
  }
  const top = sens.tornado.filter((t) => t.swing > 0).slice(0, HOW_SURE_TORNADO_ROWS);
  if (top.length) {
    out.push(
      table(
        ['Input', 'Range', 'Saving at low', 'Saving at high', 'Swing'],
        ['l', 'l', 'r', 'r', 'r'],
        top.map((t) => [
          md(t.label) + (t.crosses_verdict ? ' (flips the verdict)' : ''),
          md(`${rangeText(t.low, t.high, t.unit)}, now ${inUnit(t.value, t.unit)}`),
          usd(t.saving_at_low),
          usd(t.saving_at_high),
          usd(t.swing),
        ]),
      ),
      '',
    );
  }
  return out;
}

/** The prices the figures used, each with its date, the stale ones marked. */
function pricesMarkdown(r) {
  const p = r.prices;
  if (!p?.as_of.length) return [];
  const stale = new Set(p.stale.map((x) => x.path));
  return [
    '### Prices used',
    '',
    table(
      ['Price', 'For', 'As of', 'Source'],
      ['l', 'l', 'l', 'l'],
      p.as_of.map((x) => [
        md(PRICE_LABELS[x.path] ?? x.path),
        md(x.detail),
        md(x.as_of) + (stale.has(x.path) ? ` (older than ${p.stale_after_months} months)` : ''),
        md(x.source),
      ]),
    ),
    '',
  ];
}

const COMPARE_CHOICES = {
  api: 'API',
  self_host: 'Self-host',
  self_host_required: 'Self-host (required)',
  hybrid: 'Hybrid',
  hybrid_cheapest: 'Hybrid',
};

/** A compare() value as text, by its row's unit (the page's table shows the same). */
function compareText(row, v) {
  if (v == null) return row.key === 'payback_month' ? 'None' : '—';
  if (row.unit === 'choice')
    return row.key === 'breakeven_kind'
      ? String(v)[0].toUpperCase() + String(v).slice(1)
      : (COMPARE_CHOICES[v] ?? String(v));
  if (/^USD/.test(row.unit)) return usd(v);
  if (row.unit === 'fraction') return percent(v);
  if (row.unit === 'replicas') return count(v);
  if (row.unit === 'tokens per month') return compact(v);
  if (row.unit === 'month') return `Month ${v}`;
  return md(String(v));
}

function compareTable(cmp, columns) {
  return table(
    ['', ...columns.map((c) => md(c.name))],
    ['l', ...columns.map(() => 'r')],
    cmp.rows.map((row) => [
      row.differs ? `**${md(row.label)}**` : md(row.label),
      ...row.values.map((v, i) => (row.best === i ? `**${compareText(row, v)}** (lowest)` : compareText(row, v))),
    ]),
  );
}

/** The comparison as Markdown: the table (rows that differ in bold), reasons and inputs that differ. */
export function compareMarkdown(cmp, columns, { date = new Date() } = {}) {
  const out = [
    '## Compared scenarios',
    '',
    ...(currencyNote() ? [`_${md(currencyNote())}_`, ''] : []),
    compareTable(cmp, columns),
    '',
  ];
  if (cmp.reasons_differ.length) {
    out.push('### Reasons not shared by all', '');
    for (const code of cmp.reasons_differ) {
      const names = columns.filter((_, i) => cmp.reasons[i].some((r) => r.code === code)).map((c) => md(c.name));
      out.push(`- \`${code}\`: ${names.join(', ')}`);
    }
    out.push('');
  }
  if (cmp.input_differences.length) {
    out.push(
      '### Inputs that differ',
      '',
      table(
        ['Input', ...columns.map((c) => md(c.name))],
        ['l', ...columns.map(() => 'l')],
        cmp.input_differences.map((d) => [
          `\`${d.path}\``,
          ...d.values.map((v) => md(v == null ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v))),
        ]),
      ),
      '',
    );
  }
  out.push(`Compared by tcoscope on ${date.toISOString().slice(0, 10)}.`, '');
  return out.join('\n');
}

/** The comparison as CSV: one row per figure, one column per scenario (engine units; see csv()). */
export function compareCsv(cmp, columns) {
  const money = (row) => /^USD/.test(row.unit);
  const header = ['figure', 'unit', ...columns.map((_, i) => `scenario_${i + 1}`), 'differs', 'lowest'];
  const value = (v) => (v == null ? '' : typeof v === 'number' ? num(v) : csvText(String(v)));
  const c = currency();
  const rows = [['name', '', ...columns.map((col) => csvText(col.name)), '', '']];
  for (const row of cmp.rows) {
    rows.push([
      row.key,
      csvText(row.unit),
      ...row.values.map(value),
      row.differs,
      row.best == null ? '' : `scenario_${row.best + 1}`,
    ]);
    if (money(row) && c.code !== 'USD')
      rows.push([
        `${row.key}_${c.code.toLowerCase()}`,
        csvText(row.unit.replace(/^USD/, c.code)),
        ...row.values.map((v) => (v == null ? '' : num(v * c.usd_rate))),
        row.differs,
        row.best == null ? '' : `scenario_${row.best + 1}`,
      ]);
  }
  if (c.code !== 'USD')
    rows.push([
      `${c.code.toLowerCase()}_per_usd`,
      csvText(`rate of ${c.date}`),
      ...columns.map(() => num(c.usd_rate)),
      '',
      '',
    ]);
  return `${[header, ...rows].map((r) => r.map(String).join(',')).join('\r\n')}\r\n`;
}

/** The comparison as JSON: the engine's compare() result, the scenarios compared (as links hold them), the currency. */
export function compareJson(cmp, columns) {
  const c = currency();
  return `${JSON.stringify(
    {
      scenarios: columns.map((col) => col.minimized),
      comparison: cmp,
      display_currency: c.code === 'USD' ? null : { code: c.code, per_usd: c.usd_rate, rate_date: c.date },
    },
    null,
    2,
  )}\n`;
}

/**
 * The summary to paste into a wiki: verdict, results and inputs as tables, the reasons, the link.
 * inputs: [{ group, label, value, unit, from }] as the form shows them (inputs.describe()).
 */
export function markdown({
  result: r,
  scenario,
  inputs,
  url,
  sensitivity = null,
  comparison = null,
  date = new Date(),
}) {
  const t = headlineTexts(r);
  const v = verdictText(r, scenario);
  const sh = r.self_host;
  const FROM = { catalog: 'catalog', default: 'default', set: 'set here' };
  const FAVORS = { api: 'API', self_host: 'Self-host', hybrid: 'Hybrid' };
  const hy = hybridOf(r);
  // The option the verdict picks is marked in the header (self_host_required picks self-hosting).
  const picked = { api: 'API', self_host: 'Self-hosting', self_host_required: 'Self-hosting', hybrid: 'Hybrid' }[
    r.verdict.choice
  ];
  const head = ['API', 'Self-hosting', ...(hy ? ['Hybrid'] : [])].map((name) =>
    name === picked ? `${name} (the verdict)` : name,
  );
  const noHybrid = noHybridText(r, scenario);
  const out = [
    `## ${md(r.name || 'tcoscope scenario')}`,
    '',
    `**${md(v.lead)}** ${md(v.rest)}`,
    '',
    ...(currencyNote() ? [`_${md(currencyNote())}_`, ''] : []),
    table(
      ['', ...head],
      ['l', 'r', 'r', ...(hy ? ['r'] : [])],
      [
        ['Cost per month', t.api, t.self, ...(hy ? [t.hybrid] : [])],
        ['Cost per 1M tokens, all-in', t.apiMtok, t.selfMtok, ...(hy ? [t.hybridMtok] : [])],
        [`Total over ${r.horizon.months} months`, t.totalApi, t.totalSelf, ...(hy ? [t.totalHybrid] : [])],
      ],
    ),
    '',
    ...(noHybrid ? [md(noHybrid), ''] : []),
    table(
      ['Figure', 'Value'],
      ['l', 'l'],
      [
        ...(hy ? [['Hybrid floor', md(t.hybridFloor)]] : []),
        ['Breakeven', t.breakeven],
        ['GPU utilization', t.utilization],
        ['Self-hosted, raw GPU at 100% load', `${usd(sh.usd_per_mtok_at_full_load)} per 1M tokens`],
        [
          `Self-hosted, raw GPU at ${percent(sh.utilization)} utilization`,
          `${usd(sh.usd_per_mtok_raw_at_utilization)} per 1M tokens`,
        ],
        ['Payback', t.payback],
      ],
    ),
    '',
    '### Why',
    '',
    ...r.verdict.reasons.map((x) => `- **${FAVORS[x.favors] ?? 'Note'}:** ${md(moneyText(x.message))}`),
    '',
    ...howSureMarkdown(sensitivity),
    '### Monthly cost by component',
    '',
    table(
      ['Component', 'Per month'],
      ['l', 'r'],
      sides(r).flatMap(([side, name]) => [
        [`**${name}**`, `**${usd(r[side].usd_per_month)}**`],
        ...components(r, side).map((c) => [md(c.label), usd(c.value)]),
      ]),
    ),
    '',
    ...pricesMarkdown(r),
    ...(comparison?.envelope.ok
      ? ['### Compared scenarios', '', compareTable(comparison.envelope.result, comparison.columns), '']
      : []),
    '### Inputs',
    '',
    table(
      ['Input', 'Value', 'Unit', 'From'],
      ['l', 'r', 'l', 'l'],
      inputs.flatMap((row, i) => [
        ...(i === 0 || inputs[i - 1].group !== row.group ? [[`**${md(row.group)}**`, '', '', '']] : []),
        [md(row.label), md(row.value), md(row.unit), FROM[row.from] ?? row.from],
      ]),
    ),
    '',
    `${url ? `[Open this scenario in tcoscope](${linkTarget(url)}) · ` : ''}` +
      `computed by tcoscope on ${date.toISOString().slice(0, 10)}; catalog prices carry their source and date in the calculator.`,
    '',
  ];
  return out.join('\n');
}
