// outputs.js — renders the engine's result: verdict, headline figures, monthly cost by component, cost per 1M
// tokens three ways, chart captions. Formatting only: every number shown is one the engine returned.
import { h, $, setText } from './dom.js';
import { figure } from './explain.js';
import { compact, count, percent, usd } from './format.js';
import { choiceLabel } from './schema.js';
import { renderMonthly } from './monthly.js';

// Short visible tags; screen readers get the full phrase.
// The sizing chain, in reading order (the throughput behind it has its own panel, throughput.js).
const SIZING = [
  'self_host.tokens_per_replica_hour',
  'self_host.peak_demand_tokens_per_hour',
  'self_host.replicas_peak',
  'self_host.gpu_hours_per_month',
  'self_host.utilization',
];

const FAVORS = {
  api: ['API', 'Favours the API: '],
  self_host: ['Self-host', 'Favours self-hosting: '],
  hybrid: ['Hybrid', 'Favours the hybrid: '],
  neutral: ['Note', 'Note: '],
};

const MARGIN = Symbol('margin');

/** The volumes the engine priced (its curves, where it looks for the breakeven): "1M and 100T". */
const volumes = (r, and = 'and') =>
  `${compact(r.curves.tokens_per_month[0])} ${and} ` + `${compact(r.curves.tokens_per_month.at(-1))}`;

/** The verdict as one plain sentence: [lead, ...parts], where MARGIN stands for the explained margin figure. */
export function verdictParts(r, scenario) {
  const v = r.verdict;
  const months = `on average over ${r.horizon.months} months`;
  if (v.choice === 'api') return ['Keep the API: ', 'it costs ', MARGIN, ` a month less than self-hosting, ${months}.`];
  if (v.choice === 'self_host') return ['Self-host: ', 'it costs ', MARGIN, ` a month less than the API, ${months}.`];
  if (v.choice === 'hybrid') {
    const k = r.hybrid.floor_replicas;
    const other = v.runner_up === 'api' ? 'the API alone' : 'self-hosting everything';
    return [
      'Hybrid: ',
      `self-host a floor of ${count(k)} ${k === 1 ? 'replica' : 'replicas'} and send each hour’s overflow to the ` +
        'API; it costs ',
      MARGIN,
      ` a month less than ${other}, ${months}.`,
    ];
  }
  const rule = choiceLabel('/constraints/compliance', scenario.constraints?.compliance) || 'Compliance';
  return [
    'Self-host — required: ',
    `${rule} rules out the API`,
    ...(v.margin_usd_per_month >= 0
      ? ['; self-hosting is also cheaper by ', MARGIN, ` a month, ${months}.`]
      : ['; it costs ', MARGIN, ` a month more than the API, ${months}.`]),
  ];
}

/** The verdict sentence as text (exports), with the margin as shown. */
export function verdictText(r, scenario) {
  const [lead, ...rest] = verdictParts(r, scenario);
  const margin = usd(Math.abs(r.verdict.margin_usd_per_month));
  return { lead: lead.trim(), rest: rest.map((x) => (x === MARGIN ? margin : x)).join('') };
}

function verdictSentence(r, scenario, margin) {
  margin.update(usd(Math.abs(r.verdict.margin_usd_per_month)), r.explainMap.get('verdict.margin_usd_per_month'));
  const [lead, ...rest] = verdictParts(r, scenario);
  return [h('strong', {}, lead), ...rest.map((x) => (x === MARGIN ? margin : x))];
}

function headlineCard(label) {
  const value = figure('big');
  const sub = h('p', { class: 'sub' });
  const card = h('div', { class: 'stat' }, h('p', { class: 'stat-label' }, label), value, sub);
  return { card, value, sub };
}

export function createOutputs(root) {
  const margin = figure();
  const cards = {
    api: headlineCard('API'),
    self: headlineCard('Self-hosting'),
    breakeven: headlineCard('Breakeven'),
    utilization: headlineCard('GPU utilization'),
    payback: headlineCard('Payback'),
  };
  $('#headline', root).append(...Object.values(cards).map((c) => c.card));
  const subFigures = { apiMtok: figure(), selfMtok: figure(), replicas: figure(), gpuHours: figure() };
  cards.api.sub.append('a month · ', subFigures.apiMtok, ' per 1M tokens');
  cards.self.sub.append('a month · ', subFigures.selfMtok, ' per 1M tokens');
  const replicasWord = h('span');
  cards.utilization.sub.append(subFigures.replicas, replicasWord, subFigures.gpuHours);
  const split = { input: figure(), output: figure(), totalApi: figure(), totalSelf: figure() };
  const splitMonth = h('span');
  $('#token-split', root).append(
    'For ',
    splitMonth,
    ' tokens a month: ',
    split.input,
    ' input and ',
    split.output,
    ' output tokens.',
  );
  const horizonMonths = h('span');
  $('#horizon-totals', root).append(
    'Totals over ',
    horizonMonths,
    ' months: API ',
    split.totalApi,
    ', self-hosting ',
    split.totalSelf,
    '.',
  );
  const mtokRows = new Map();
  const perMtok = $('#per-mtok', root);
  const table = h(
    'table',
    { class: 'mtok' },
    h('caption', { class: 'visually-hidden' }, 'Cost per 1M tokens'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Measure'),
        h('th', { scope: 'col', class: 'bar-col' }, h('span', { class: 'visually-hidden' }, 'Relative size')),
        h('th', { scope: 'col', class: 'num' }, 'Per 1M tokens'),
      ),
    ),
    h('tbody'),
  );
  perMtok.append(table);

  function mtokRow(key, label, cls) {
    if (!mtokRows.has(key)) {
      const fig = figure();
      const bar = h('span', { class: `bar ${cls}` });
      const lab = h('th', { scope: 'row' });
      mtokRows.set(key, {
        fig,
        bar,
        lab,
        tr: h(
          'tr',
          {},
          lab,
          h('td', { class: 'bar-col' }, h('span', { class: 'track' }, bar)),
          h('td', { class: 'num' }, fig),
        ),
      });
    }
    const row = mtokRows.get(key);
    setText(row.lab, label);
    return row;
  }

  const sizingRows = new Map();
  function renderSizing(r) {
    const rows = SIZING.map((path) => r.explainMap.get(path))
      .filter(Boolean)
      .map((entry) => {
        if (!sizingRows.has(entry.figure)) {
          const fig = figure();
          const label = h('th', { scope: 'row' });
          sizingRows.set(entry.figure, { fig, label, tr: h('tr', {}, label, h('td', { class: 'num' }, fig)) });
        }
        const row = sizingRows.get(entry.figure);
        setText(row.label, entry.label);
        row.fig.update(entry.value, entry); // the engine's own rendering of the value, with its unit
        return row.tr;
      });
    const body = $('#sizing', root);
    if (rows.length !== body.children.length || rows.some((tr, i) => body.children[i] !== tr))
      body.replaceChildren(...rows);
  }

  return {
    render(r, scenario) {
      const ex = r.explainMap;
      const api = r.api;
      const sh = r.self_host;
      const be = r.breakeven;
      $('.verdict', root).dataset.choice = r.verdict.choice;
      $('#verdict-sentence', root).replaceChildren(...verdictSentence(r, scenario, margin));
      $('#reasons', root).replaceChildren(
        ...r.verdict.reasons.map((x) => {
          const [tag, phrase] = FAVORS[x.favors] ?? [x.favors, `${x.favors}: `];
          return h(
            'li',
            { class: `reason ${x.favors}` },
            h('span', { class: 'favors', 'aria-hidden': 'true' }, tag),
            h('span', { class: 'reason-text' }, h('span', { class: 'visually-hidden' }, phrase), x.message),
          );
        }),
      );

      cards.api.value.update(usd(api.usd_per_month), ex.get('api.usd_per_month'));
      subFigures.apiMtok.update(usd(api.usd_per_mtok), ex.get('api.usd_per_mtok'));
      cards.self.value.update(usd(sh.usd_per_month), ex.get('self_host.usd_per_month'));
      subFigures.selfMtok.update(usd(sh.usd_per_mtok), ex.get('self_host.usd_per_mtok'));
      if (be.kind === 'crossing') {
        cards.breakeven.value.update(`${compact(be.tokens_per_month)} tokens`, ex.get('breakeven.tokens_per_month'));
        setText(cards.breakeven.sub, `a month, or ${usd(be.api_usd_per_month)} of API spend`);
      } else {
        cards.breakeven.value.update(be.kind === 'never' ? 'Never' : 'Always', ex.get('breakeven.tokens_per_month'));
        setText(
          cards.breakeven.sub,
          be.kind === 'never' ? 'self-hosting stays dearer at any volume' : 'self-hosting is cheaper at every volume',
        );
      }
      cards.utilization.value.update(percent(sh.utilization), ex.get('self_host.utilization'));
      subFigures.replicas.update(String(sh.replicas_peak), ex.get('self_host.replicas_peak'));
      setText(replicasWord, sh.replicas_peak === 1 ? ' replica at peak · ' : ' replicas at peak · ');
      subFigures.gpuHours.update(
        `${count(sh.gpu_hours_per_month)} GPU-h a month`,
        ex.get('self_host.gpu_hours_per_month'),
      );
      const pb = r.horizon.payback_month;
      cards.payback.value.update(pb ? `Month ${pb}` : 'None', ex.get('horizon.payback_month'));
      setText(
        cards.payback.sub,
        pb
          ? `of ${r.horizon.months}: one-off costs ${usd(r.horizon.one_time_usd)}`
          : `within ${r.horizon.months} months`,
      );

      setText(splitMonth, compact(r.workload.tokens_per_month));
      split.input.update(compact(r.workload.input_tokens_per_month), ex.get('workload.input_tokens_per_month'));
      split.output.update(compact(r.workload.output_tokens_per_month), ex.get('workload.output_tokens_per_month'));
      setText(horizonMonths, String(r.horizon.months));
      split.totalApi.update(usd(r.horizon.total_api_usd), ex.get('horizon.total_api_usd'));
      split.totalSelf.update(usd(r.horizon.total_self_host_usd), ex.get('horizon.total_self_host_usd'));
      renderMonthly($('#monthly', root), r);
      renderSizing(r);

      const rows = [
        ['api', 'API, all-in', api.usd_per_mtok, 'api', 'api.usd_per_mtok'],
        [
          'full',
          'Self-hosted, raw GPU at 100% load',
          sh.usd_per_mtok_at_full_load,
          'self faint',
          'self_host.usd_per_mtok_at_full_load',
        ],
        [
          'actual',
          `Self-hosted, raw GPU at ${percent(sh.utilization)} utilization`,
          sh.usd_per_mtok_raw_at_utilization,
          'self mid',
          'self_host.usd_per_mtok_raw_at_utilization',
        ],
        ['allin', 'Self-hosted, all-in', sh.usd_per_mtok, 'self', 'self_host.usd_per_mtok'],
      ];
      const top = Math.max(...rows.map((x) => x[2]), 1e-12);
      for (const [key, label, value, cls, path] of rows) {
        const row = mtokRow(key, label, cls);
        row.fig.update(usd(value), ex.get(path));
        row.bar.style.width = `${(value / top) * 100}%`;
        if (!row.tr.parentNode) table.tBodies[0].append(row.tr);
      }

      setText(
        $('#volume-caption', root),
        be.kind === 'crossing'
          ? `Self-hosting breaks even at ${compact(be.tokens_per_month)} tokens a month (${usd(be.api_usd_per_month)} ` +
              `of API spend); this workload is ${compact(r.workload.tokens_per_month)} tokens a month.`
          : be.kind === 'never'
            ? `Self-hosting never breaks even between ${volumes(r)} tokens a month.`
            : `Self-hosting is cheaper at every volume from ${volumes(r, 'to')} tokens a month.`,
      );
      const hz = r.horizon;
      setText(
        $('#cumulative-caption', root),
        `Over ${hz.months} months the API costs ${usd(hz.total_api_usd)} ` +
          `and self-hosting ${usd(hz.total_self_host_usd)}, including ${usd(hz.one_time_usd)} paid up front; ` +
          (pb ? `self-hosting pays back in month ${pb}.` : 'self-hosting does not pay back within the horizon.'),
      );
      const replicas = `${sh.replicas_peak} ${sh.replicas_peak === 1 ? 'replica' : 'replicas'} at peak`;
      setText(
        $('#load-caption', root),
        'Replicas are sized for the busiest hour at ' +
          `${percent(r.load.target_peak_utilization, 0)} target load (${replicas}), so the GPUs are busy ` +
          `${percent(sh.utilization)} of the time: the shaded gap is idle capacity that is paid for.`,
      );
    },
  };
}
