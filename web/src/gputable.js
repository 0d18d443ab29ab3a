// gputable.js — "Which GPU?": the engine's gpus() rows (every catalog GPU, rented at each rate and bought, cheapest
// first, unfit last) as a real table that becomes cards on a phone; a button on each row adopts that option.
import { attr, h, $, setText, reconcile } from './dom.js';
import { tipButton, setTip } from './explain.js';
import { compact, count, currency, percent, usd } from './format.js';
import { GPU_OVERRIDES } from './inputs.js';

const TOP_N = 8;
// Column headers; each cell carries a short form as data-label, shown above the value on a phone.
const COLUMNS = [
  'GPU',
  'GPUs per replica',
  'Rent or buy, price',
  'Tokens/s per replica',
  'Replicas',
  'Utilization',
  'All-in per month',
  'Per 1M tokens',
];
const SHORT = {
  per: 'GPUs',
  how: 'Rent or buy',
  tps: 'Tokens/s',
  replicas: 'Replicas',
  util: 'Utilization',
  month: 'All-in a month',
  mtok: 'Per 1M tokens',
};

const how = (o) => (o.option === 'rent' ? `rented${o.spot ? ' on spot' : ''} from ${o.provider_name}` : 'bought');
const price = (o) =>
  o.option === 'rent' ? `${usd(o.usd_per_gpu_hour, { cents: true })}/GPU-h` : `${usd(o.usd_per_gpu)}/GPU`;
export const describeOption = (o) => `${o.gpus_per_replica}× ${o.gpu_name} ${how(o)}`;

/** Writes a "Which GPU?" row into the scenario: the GPU, its replica size, rent or buy, and the provider. */
export function adoptOption(state, o) {
  for (const p of GPU_OVERRIDES) state.remove(p);
  state.set('/self_host/gpu', o.gpu);
  state.set('/self_host/gpus_per_replica', o.gpus_per_replica);
  state.set('/self_host/deployment', o.option === 'buy' ? 'on_prem' : 'cloud');
  if (o.option === 'rent') state.set('/self_host/cloud/provider', o.provider);
  // A spot row was priced as a spot fleet, an on-demand row without one.
  if (o.option === 'rent') {
    if (o.spot) state.set('/self_host/cloud/spot', 'fleet');
    else if (state.get('/self_host/cloud/spot') === 'fleet') state.remove('/self_host/cloud/spot');
  }
}

// Explicit roles keep the table a table for screen readers when the phone layout changes its CSS display.
const cell = (key, ...children) => h('td', { role: 'cell', class: `c-${key}`, 'data-label': SHORT[key] }, ...children);

export function createGpuTable(root, { catalog, onAdopt }) {
  const body = $('#gpus-body', root);
  const summary = $('#gpus-summary', root);
  // Hidden until the first rows arrive (the table fills in when it first comes into view).
  const callout = h('p', { class: 'gpus-callout', hidden: true });
  const notice = h('div', { class: 'notice notice-info', hidden: true });
  const staleNote = h(
    'p',
    { class: 'help gpus-stale', hidden: true },
    'These rows are from the last valid inputs; fix the field marked in red to update them.',
  );
  const tbody = h('tbody', { role: 'rowgroup' });
  const table = h(
    'table',
    { class: 'gpus', id: 'gpus-table', role: 'table' },
    h('caption', { class: 'visually-hidden' }, ''),
    h(
      'thead',
      { role: 'rowgroup' },
      h(
        'tr',
        { role: 'row' },
        ...COLUMNS.map((c, i) => h('th', { scope: 'col', role: 'columnheader', class: i > 2 ? 'num' : null }, c)),
        h('th', { scope: 'col', role: 'columnheader' }, h('span', { class: 'visually-hidden' }, 'Use this option')),
      ),
    ),
    tbody,
  );
  const more = h('button', { type: 'button', class: 'tool', 'aria-controls': 'gpus-table', 'aria-expanded': 'false' });
  const unfitNote = h('p', { class: 'help gpus-unfit-note' });
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const wrap = h('div', { class: 'gpus-wrap', hidden: true }, table);
  body.append(
    callout,
    notice,
    staleNote,
    wrap,
    h('div', { class: 'gpus-more', hidden: true }, more, unfitNote),
    status,
  );

  const nameOf = (id) => catalog.models.find((m) => m.id === id)?.name ?? id;
  let all = false;
  let last = null; // the result last drawn, and its JSON (to skip redrawing the same rows)
  let lastKey = '';
  more.addEventListener('click', () => {
    all = !all;
    draw(last);
  });

  const gap = h('tr', { role: 'row', class: 'gap' }, h('td', { role: 'cell', colspan: COLUMNS.length + 1 }));
  // The rows of GPUs that fit are places, filled in order: an edit that reorders the options rewrites their text
  // and leaves the rows where they are (a row moved is a row laid out anew, cell by cell). A row that cannot fit
  // has another shape and is kept by its GPU; those come last, in catalog order.
  const places = [];
  const unfitRows = new Map();
  const badge = (cls, text) => h('span', { class: `badge ${cls}` }, text);

  function place(i) {
    if (places[i]) return places[i];
    const x = { rank: h('span', { class: 'rank' }), name: h('span', { class: 'gpu-name' }) };
    x.cheapest = badge('cheapest', 'Cheapest');
    x.current = badge('current', 'Your choice');
    x.badges = h('span', { class: 'badges' });
    x.th = h('th', { scope: 'row', role: 'rowheader' }, x.rank, ' ', x.name, x.badges);
    const [source, desc] = tipButton({ class: 'info as-of' });
    x.source = source;
    x.cells = {
      per: h('span'),
      how: h('span'),
      price: h('span', { class: 'price-text' }),
      tps: h('span'),
      measured: h('span', { class: 'sub' }),
      replicas: h('span'),
      util: h('span'),
      month: h('span', { class: 'strong' }),
      mtok: h('span'),
    };
    x.use = h('button', { type: 'button', class: 'tool use' }, 'Use');
    x.use.addEventListener('click', () => {
      if (x.use.getAttribute('aria-disabled') === 'true') return;
      onAdopt(x.option);
      setText(status, `Now using ${describeOption(x.option)}.`);
    });
    const c = x.cells;
    x.tr = h(
      'tr',
      { role: 'row' },
      x.th,
      cell('per', c.per),
      cell('how', h('span', { class: 'how' }, c.how), h('span', { class: 'price' }, c.price, ' ', source, desc)),
      cell('tps', c.tps, c.measured),
      cell('replicas', c.replicas),
      cell('util', c.util),
      cell('month', c.month),
      cell('mtok', c.mtok),
      h('td', { role: 'cell', class: 'action' }, x.use),
    );
    for (const td of [...x.tr.cells].slice(3, 8)) td.classList.add('num');
    places[i] = x;
    return x;
  }

  /** The badges of a row: which of the two it has, in order, with a space before each. */
  function setBadges(x, cheapest, current) {
    const want = [cheapest && x.cheapest, current && x.current].filter(Boolean);
    const now = [...x.badges.children];
    if (want.length === now.length && want.every((b, i) => b === now[i])) return;
    x.badges.replaceChildren(...want.flatMap((b) => [' ', b]));
  }

  /** Fills place i with option o, ranked `rank`. */
  function fitRow(i, o, rank, cheapest) {
    const x = place(i);
    x.option = o;
    setText(x.rank, `${rank}.`);
    setText(x.name, o.gpu_name);
    setBadges(x, cheapest, Boolean(o.current));
    x.tr.classList.toggle('current', Boolean(o.current));
    x.tr.classList.toggle('cheapest', cheapest);
    const c = x.cells;
    setText(c.per, String(o.gpus_per_replica));
    setText(c.how, o.option === 'rent' ? `Rent · ${o.provider_name}` : 'Buy');
    setText(c.price, price(o));
    setText(x.source, o.price_as_of ? `as of ${o.price_as_of}` : 'source');
    attr(x.source, 'aria-label', `Price source${o.price_as_of ? `, as of ${o.price_as_of}` : ''}`);
    setTip(x.source, [
      ['tip-label', 'Price source'],
      ['tip-formula', o.price_source],
      ['tip-value', o.price_as_of ? `as of ${o.price_as_of}` : ''],
    ]);
    setText(c.tps, count(o.tokens_per_second_per_replica));
    setText(
      c.measured,
      o.measured_tokens_per_second_per_replica == null
        ? ''
        : `measured ${count(o.measured_tokens_per_second_per_replica)}`,
    );
    setText(c.replicas, String(o.replicas_peak));
    setText(c.util, percent(o.utilization));
    setText(c.month, usd(o.usd_per_month));
    setText(c.mtok, o.usd_per_mtok == null ? '—' : usd(o.usd_per_mtok));
    setText(x.use, o.current ? 'In use' : 'Use');
    attr(x.use, 'aria-label', o.current ? `In use: ${describeOption(o)}` : `Use ${describeOption(o)}`);
    attr(x.use, 'aria-disabled', o.current ? 'true' : null);
    return x.tr;
  }

  /** The row of a GPU that cannot serve the model, and why. */
  function unfitRow(o) {
    let x = unfitRows.get(o.gpu);
    if (!x) {
      x = {
        name: h('span', { class: 'gpu-name' }),
        problem: h('td', { role: 'cell', colspan: COLUMNS.length, class: 'problem' }),
      };
      x.tr = h('tr', { role: 'row', class: 'unfit' }, h('th', { scope: 'row', role: 'rowheader' }, x.name), x.problem);
      unfitRows.set(o.gpu, x);
    }
    setText(x.name, o.gpu_name);
    setText(x.problem, o.problem);
    return x.tr;
  }

  function draw(result) {
    if (!result) return;
    const modelName = nameOf(result.model);
    const options = result.options;
    const fit = options.filter((o) => o.fits);
    const unfit = options.filter((o) => !o.fits);
    const currentIndex = fit.findIndex((o) => o.current);
    const shown = all ? options : fit.slice(0, TOP_N);
    // The scenario's own choice is always on screen, after the cheapest ones when it is not among them.
    if (!all && currentIndex >= TOP_N) shown.push(fit[currentIndex]);
    let filled = 0;
    const trs = shown.map((o) => (o.fits ? fitRow(filled++, o, fit.indexOf(o) + 1, o === fit[0]) : unfitRow(o)));
    if (!all && currentIndex >= TOP_N) {
      const between = currentIndex - TOP_N;
      setText(gap.firstChild, `⋯ ${count(between)} more ${between === 1 ? 'option' : 'options'}`);
      trs.splice(TOP_N, 0, gap);
    }
    reconcile(tbody, trs);

    const hidden = all ? 0 : options.length - Math.min(fit.length, TOP_N) - (currentIndex >= TOP_N ? 1 : 0);
    more.hidden = options.length <= TOP_N && !unfit.length;
    more.setAttribute('aria-expanded', String(all));
    setText(more, all ? `Show the ${TOP_N} cheapest` : `Show all ${options.length} rows`);
    const cannot = unfit.length
      ? `${unfit.length} ${unfit.length === 1 ? 'GPU' : 'GPUs'} cannot serve ` + `${modelName} on up to 8 per replica`
      : '';
    setText(
      unfitNote,
      all
        ? cannot
          ? `${cannot}: listed last, with the reason.`
          : ''
        : hidden > 0
          ? `${count(hidden)} ${hidden === 1 ? 'row' : 'rows'} hidden${cannot ? `; ${cannot}` : ''}.`
          : '',
    );
  }

  function describe(result) {
    const modelName = nameOf(result.model);
    const fit = result.options.filter((o) => o.fits);
    const cheapest = fit[0];
    const current = fit.find((o) => o.current);
    setText(
      table.caption,
      `Which GPU? ${modelName} at ${compact(result.tokens_per_month)} tokens a month, ` + 'cheapest first',
    );
    setText(
      summary,
      `${modelName} at ${compact(result.tokens_per_month)} tokens a month on each catalog GPU, ` +
        'rented at every listed rate or bought, with the smallest replica (1, 2, 4 or 8 GPUs) that holds the model ' +
        'within the latency targets; cheapest all-in first. Tokens/s are modeled for every row so GPUs compare alike; ' +
        'a published measurement shows under it.',
    );
    if (!cheapest) {
      callout.replaceChildren(`No catalog GPU can serve ${modelName} on up to 8 GPUs per replica.`);
      return;
    }
    const rank = current ? fit.indexOf(current) + 1 : 0;
    callout.replaceChildren(
      h('strong', {}, 'Cheapest: '),
      `${describeOption(cheapest)} at ${price(cheapest)}: ${usd(cheapest.usd_per_month)} a month all-in, ` +
        `${usd(cheapest.usd_per_mtok)} per 1M tokens. `,
      current === cheapest
        ? 'That is your choice.'
        : current
          ? `Your choice, ${describeOption(current)}, ranks ${rank} of ${fit.length} at ` +
            `${usd(current.usd_per_month)} a month.`
          : 'Your current setup is not a row here: the rows use catalog prices and the smallest replica that fits.',
    );
  }

  return {
    /** envelope: engine.gpus() for the current inputs; stale: the rest of the page shows older, valid inputs. */
    render(envelope, { stale = false } = {}) {
      if (!envelope.ok) {
        // Invalid inputs: keep the last rows, marked. Valid inputs the table cannot use (a custom model): say why.
        const keep = stale && last;
        staleNote.hidden = !keep;
        notice.hidden = Boolean(keep);
        wrap.hidden = !keep;
        callout.hidden = !keep;
        more.parentNode.hidden = !keep;
        if (!keep) {
          notice.replaceChildren(...envelope.errors.map((e) => h('p', {}, e.message)));
          setText(summary, '');
          lastKey = '';
        }
        return;
      }
      const result = envelope.result;
      staleNote.hidden = true;
      notice.hidden = true;
      wrap.hidden = false;
      callout.hidden = false;
      more.parentNode.hidden = false;
      const key = currency().code + currency().usd_rate + JSON.stringify(result); // redrawn in a new currency
      if (key === lastKey) return;
      lastKey = key;
      last = result;
      describe(result);
      draw(result);
    },
  };
}
