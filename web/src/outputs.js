// outputs.js — renders the engine's result: verdict, headline figures (the hybrid beside the two pure options when
// the engine found one), monthly cost by component, cost per 1M tokens, chart captions. Formatting only: every
// number shown is one the engine returned.
import { h, $, redrawOn, setText } from './dom.js';
import { figure } from './explain.js';
import { compact, count, percent, usd } from './format.js';
import { choiceLabel } from './schema.js';
import { renderMonthly } from './monthly.js';
import { hybridOf, noHybridText, replicas as replicaCount } from './hybrid.js';

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

/** What the cost-vs-volume chart adds about the hybrid: the volume from which a floor pays, or why none. */
function hybridVolumeText(r) {
  if (!r.curves.hybrid_usd_per_month) return '';
  const from = r.curves.hybrid_breakeven_tokens_per_month;
  return from == null
    ? ' No self-hosted floor with API overflow beats the API alone at any volume drawn.'
    : ` The hybrid (dashed: the best self-hosted floor with API overflow at each volume) beats the API alone ` +
        `from ${compact(from)} tokens a month.`;
}

/** What the week chart shows of the hybrid: the floor's limit, the hours above it and the overflow. */
function hybridWeekText(r, hy) {
  const over = hy.by_hour.overflow_tokens_per_hour.filter((t) => t > 0).length;
  return (
    `The hybrid’s floor of ${replicaCount(hy.floor_replicas)} is busy ${percent(hy.utilization)} of the time; ` +
    (over
      ? `in ${count(over)} of the week’s ${count(r.load.demand_tokens_per_hour.length)} hours demand rises above ` +
        `it and the rest, ${compact(hy.overflow_tokens_per_month)} tokens a month ` +
        `(${percent(1 - hy.self_served_share)}), goes to the API.`
      : 'nothing overflows to the API in this week.')
  );
}

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

// The option cards and the verdict choice that picks each (self_host_required picks self-hosting too).
const PICKS = { api: 'api', self_host: 'self', self_host_required: 'self', hybrid: 'hybrid' };

function headlineCard(key, label) {
  const value = figure('big');
  const sub = h('p', { class: 'sub' });
  // Shown on the option the verdict picks; its text is part of the card's label for everyone.
  const pick = h('span', { class: 'pick', hidden: true }, h('span', { class: 'visually-hidden' }, ', '), 'the verdict');
  const card = h(
    'div',
    { class: `stat stat-${key}`, 'data-stat': key },
    h('p', { class: 'stat-label' }, label, pick),
    value,
    sub,
  );
  return { card, value, sub, pick };
}

export function createOutputs(root) {
  const margin = figure();
  const cards = {
    api: headlineCard('api', 'API'),
    self: headlineCard('self', 'Self-hosting'),
    hybrid: headlineCard('hybrid', 'Hybrid'),
    breakeven: headlineCard('breakeven', 'Breakeven'),
    utilization: headlineCard('utilization', 'GPU utilization'),
    payback: headlineCard('payback', 'Payback'),
  };
  const headline = $('#headline', root);
  headline.append(...Object.values(cards).map((c) => c.card));
  const subFigures = {
    apiMtok: figure(),
    selfMtok: figure(),
    hybridMtok: figure(),
    floor: figure(),
    served: figure(),
    floorBusy: figure(),
    replicas: figure(),
    gpuHours: figure(),
  };
  cards.api.sub.append('a month · ', subFigures.apiMtok, ' per 1M tokens');
  cards.self.sub.append('a month · ', subFigures.selfMtok, ' per 1M tokens');
  cards.hybrid.sub.append(
    'a month · ',
    subFigures.hybridMtok,
    ' per 1M tokens · a floor of ',
    subFigures.floor,
    ' serves ',
    subFigures.served,
    ', busy ',
    subFigures.floorBusy,
  );
  // When there is no hybrid column, one line under the figures says why (with the engine's floor, if it has one).
  const noHybridLine = h('span');
  const noHybridFloor = figure();
  const noHybridTail = h('span', {}, ' Best floor: ', noHybridFloor, '.');
  const noHybrid = h('p', { class: 'help no-hybrid', id: 'no-hybrid', hidden: true }, noHybridLine, noHybridTail);
  $('#no-hybrid', root)?.remove(); // a saved copy of the page holds the one it drew
  headline.after(noHybrid);
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
  split.totalHybrid = figure();
  const hybridTotal = h('span', {}, ', hybrid ', split.totalHybrid); // in the sentence only with a hybrid
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

  /** The verdict card: the verdict, its reasons and the headline figures (what the first paint shows). */
  function renderTop(r, scenario) {
    const ex = r.explainMap;
    const api = r.api;
    const sh = r.self_host;
    const be = r.breakeven;
    $('.verdict', root).dataset.choice = r.verdict.choice;
    $('#verdict-sentence', root).replaceChildren(...verdictSentence(r, scenario, margin));
    redrawOn($('#reasons', root), JSON.stringify(r.verdict.reasons), () =>
      r.verdict.reasons.map((x) => {
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
    // The hybrid's card sits beside the two pure options only when it is a real mix; otherwise a line says why.
    const hy = hybridOf(r);
    if (hy) {
      if (cards.hybrid.card.parentNode !== headline) cards.self.card.after(cards.hybrid.card);
      cards.hybrid.value.update(usd(hy.usd_per_month), ex.get('hybrid.usd_per_month'));
      subFigures.hybridMtok.update(usd(hy.usd_per_mtok), ex.get('hybrid.usd_per_mtok'));
      subFigures.floor.update(replicaCount(hy.floor_replicas), ex.get('hybrid.floor_replicas'));
      subFigures.served.update(percent(hy.self_served_share), ex.get('hybrid.self_served_tokens_per_month'));
      subFigures.floorBusy.update(percent(hy.utilization), ex.get('hybrid.utilization'));
    } else cards.hybrid.card.remove();
    headline.classList.toggle('with-hybrid', Boolean(hy));
    const picked = PICKS[r.verdict.choice];
    for (const key of ['api', 'self', 'hybrid']) {
      cards[key].pick.hidden = key !== picked;
      cards[key].card.classList.toggle('picked', key === picked);
    }
    const why = noHybridText(r, scenario);
    noHybrid.hidden = !why;
    setText(noHybridLine, why ?? '');
    const floorEntry = !hy && r.hybrid ? ex.get('hybrid.floor_replicas') : null;
    noHybridTail.hidden = !floorEntry;
    if (floorEntry) noHybridFloor.update(floorEntry.value, floorEntry);
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
      pb ? `of ${r.horizon.months}: one-off costs ${usd(r.horizon.one_time_usd)}` : `within ${r.horizon.months} months`,
    );
  }

  /** The monthly card: the token split and the components. */
  function renderMonthlyCard(r) {
    const ex = r.explainMap;
    setText(splitMonth, compact(r.workload.tokens_per_month));
    split.input.update(compact(r.workload.input_tokens_per_month), ex.get('workload.input_tokens_per_month'));
    split.output.update(compact(r.workload.output_tokens_per_month), ex.get('workload.output_tokens_per_month'));
    renderMonthly($('#monthly', root), r);
  }

  /** Cost per 1M tokens, three ways (four with a hybrid), as bars. */
  function renderMtok(r) {
    const ex = r.explainMap;
    const api = r.api;
    const sh = r.self_host;
    const hy = hybridOf(r);
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
      ...(hy
        ? [
            [
              'hybrid',
              `Hybrid, all-in (${replicaCount(hy.floor_replicas)} + API overflow)`,
              hy.usd_per_mtok,
              'hybrid',
              'hybrid.usd_per_mtok',
            ],
          ]
        : []),
    ];
    const top = Math.max(...rows.map((x) => x[2]), 1e-12);
    const trs = rows.map(([key, label, value, cls, path]) => {
      const row = mtokRow(key, label, cls);
      row.fig.update(usd(value), ex.get(path));
      row.bar.style.width = `${(value / top) * 100}%`;
      return row.tr;
    });
    const tbody = table.tBodies[0];
    if (trs.length !== tbody.children.length || trs.some((tr, i) => tbody.children[i] !== tr))
      tbody.replaceChildren(...trs);
  }

  /** The charts' captions and the horizon's totals under the cumulative chart. */
  function renderCaptions(r) {
    const ex = r.explainMap;
    const sh = r.self_host;
    const be = r.breakeven;
    const hy = hybridOf(r);
    const pb = r.horizon.payback_month;
    setText(horizonMonths, String(r.horizon.months));
    split.totalApi.update(usd(r.horizon.total_api_usd), ex.get('horizon.total_api_usd'));
    split.totalSelf.update(usd(r.horizon.total_self_host_usd), ex.get('horizon.total_self_host_usd'));
    if (hy) {
      split.totalHybrid.update(usd(r.horizon.total_hybrid_usd), ex.get('horizon.total_hybrid_usd'));
      if (!hybridTotal.isConnected) split.totalSelf.after(hybridTotal);
    } else hybridTotal.remove();
    setText(
      $('#volume-caption', root),
      (be.kind === 'crossing'
        ? `Self-hosting breaks even at ${compact(be.tokens_per_month)} tokens a month (${usd(be.api_usd_per_month)} ` +
          `of API spend); this workload is ${compact(r.workload.tokens_per_month)} tokens a month.`
        : be.kind === 'never'
          ? `Self-hosting never breaks even between ${volumes(r)} tokens a month.`
          : `Self-hosting is cheaper at every volume from ${volumes(r, 'to')} tokens a month.`) + hybridVolumeText(r),
    );
    const hz = r.horizon;
    setText(
      $('#cumulative-caption', root),
      `Over ${hz.months} months the API costs ${usd(hz.total_api_usd)}` +
        (hy
          ? `, self-hosting ${usd(hz.total_self_host_usd)} and the hybrid ${usd(hz.total_hybrid_usd)}, the last ` +
            `two including ${usd(hz.one_time_usd)} paid up front; `
          : ` and self-hosting ${usd(hz.total_self_host_usd)}, including ${usd(hz.one_time_usd)} paid up front; `) +
        (pb ? `self-hosting pays back in month ${pb}.` : 'self-hosting does not pay back within the horizon.'),
    );
    const replicas = `${sh.replicas_peak} ${sh.replicas_peak === 1 ? 'replica' : 'replicas'} at peak`;
    setText(
      $('#load-caption', root),
      `${hy ? 'Self-hosting everything, replicas' : 'Replicas'} are sized for the busiest hour at ` +
        `${percent(r.load.target_peak_utilization, 0)} target load (${replicas}), so the GPUs are busy ` +
        `${percent(sh.utilization)} of the time: the shaded gap is idle capacity that is paid for.` +
        (hy ? ` ${hybridWeekText(r, hy)}` : ''),
    );
  }

  // The figures below the verdict card, by the card they are in (runloop.js draws each in an edit's frame only
  // while its card is on or near the screen).
  const below = { monthly: renderMonthlyCard, sizing: renderSizing, mtok: renderMtok, captions: renderCaptions };
  return {
    render(r, scenario) {
      renderTop(r, scenario);
      for (const part of Object.values(below)) part(r);
    },
    renderTop,
    below,
  };
}
