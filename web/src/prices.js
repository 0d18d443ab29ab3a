// prices.js — imported price files (LiteLLM, genai-prices or tcoscope's own), kept in this browser only, and the
// age of every price a result used. The engine reads the file (importPrices) and prices with it (evaluateWith); the
// page keeps the rows it returned (localStorage "tcoscope:prices") and passes them back with each call. Imported
// prices never travel in a scenario: what leaves the page (a link, an autosave, a file) carries the prices the
// scenario used as explicit API price fields (explicitPrices), so it opens the same anywhere.
import { $, attr, h, redrawOn, setText, show, uid } from './dom.js';
import { createDialog, section } from './dialog.js';
import { bytes, count, usd } from './format.js';
import { showMessage } from './messages.js';

export const PRICES_KEY = 'tcoscope:prices';
/** The engine's limit on a price file (reference: engine/contract/price_import.cpp), checked before reading it. */
export const MAX_PRICE_FILE_BYTES = 16 * 1024 * 1024;
const API_PRICE_FIELDS = ['usd_per_mtok_input', 'usd_per_mtok_cached_input', 'usd_per_mtok_output', 'batch_discount'];
const FORMAT_NAMES = {
  litellm: 'LiteLLM model_prices_and_context_window.json',
  genai_prices: 'genai-prices data.json',
  tcoscope: 'tcoscope price rows',
};

/** Today in this browser's time zone, as the engine takes it: YYYY-MM-DD. */
export function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** "2026-07-24" → "24 Jul 2026"; "2026-07" → "Jul 2026"; "2026" → "2026" (dates as the catalog writes them). */
export function dayText(date) {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(String(date ?? ''));
  if (!m) return String(date ?? '—');
  const month = m[2]
    ? ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m[2] - 1]
    : '';
  return [m[3] ? String(Number(m[3])) : '', month, m[1]].filter(Boolean).join(' ');
}

function storage() {
  try {
    const s = globalThis.localStorage;
    s?.getItem(PRICES_KEY);
    return s ?? null;
  } catch {
    return null;
  }
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The imported prices: { record: { format: 1, file, kind, imported_at, summary, api_models } | null }, loaded from and
 * saved to this browser (stored: false, the embed: none; a frame shows the prices its host chose). A stored record
 * that is not one this page wrote is dropped (problem says why).
 */
export function createPriceStore({ stored = true } = {}) {
  let record = null;
  let problem = null;
  let persisted = false;
  const listeners = [];
  const s = stored ? storage() : null;
  try {
    const text = s?.getItem(PRICES_KEY);
    if (text != null) {
      const r = JSON.parse(text);
      if (isObject(r) && r.format === 1 && Array.isArray(r.api_models) && r.api_models.every(isObject)) {
        record = r;
        persisted = true;
      } else problem = 'it is not a price list this calculator saved';
    }
  } catch {
    problem = 'it is not valid JSON';
  }
  let byModel = new Map();
  const index = () => {
    byModel = new Map((record?.api_models ?? []).map((m) => [m.id, m]));
  };
  index();
  const cache = new Map(); // api model id → the prices text the engine gets for it
  const changed = () => {
    cache.clear();
    index();
    for (const fn of listeners) fn(record);
  };
  return {
    get record() {
      return record;
    },
    /** Why a stored price list was dropped at start, or null. */
    problem: () => problem,
    /** Whether the imported prices are kept in this browser (false: storage is unavailable or full). */
    persisted: () => persisted,
    /** The imported row for an API model id, or undefined. */
    row: (id) => byModel.get(id),
    rows: () => record?.api_models ?? [],
    /**
     * The prices text for a run of these scenarios: only the rows they can use (their API models and the hosted
     * open models the verdict compares with), so a 2,000-model file is not parsed again on every edit. '' when none.
     */
    textFor(scenarios) {
      if (!record) return '';
      const ids = [...new Set(scenarios.map((sc) => sc?.api?.model ?? 'gpt-4o-mini'))].sort();
      const key = ids.join('\n');
      if (!cache.has(key)) {
        const rows = record.api_models.filter((m) => ids.includes(m.id) || m.open_model != null);
        cache.set(key, rows.length ? JSON.stringify({ api_models: rows }) : '');
      }
      return cache.get(key);
    },
    /** Keeps a new import (and saves it in this browser when it can). */
    set(next) {
      record = { format: 1, ...next };
      problem = null;
      persisted = false;
      try {
        s?.setItem(PRICES_KEY, JSON.stringify(record));
        persisted = !!s;
      } catch {
        persisted = false; // QuotaExceededError: kept for this visit only
      }
      changed();
    },
    clear() {
      record = null;
      problem = null;
      try {
        s?.removeItem(PRICES_KEY);
      } catch {
        // unavailable storage holds nothing
      }
      changed();
    },
    onChange(fn) {
      listeners.push(fn);
    },
  };
}

/**
 * The scenario with the imported prices it uses written as explicit API price fields (what a link, a file or "How
 * sure?" gets): a price the scenario sets itself is kept; an API model the catalog does not have becomes "custom".
 * Returns the scenario itself when it uses no imported price.
 */
export function explicitPrices(scenario, store) {
  const id = scenario?.api?.model ?? 'gpt-4o-mini';
  const row = store.row(id);
  if (!row) return scenario;
  const out = structuredClone(scenario);
  out.api ??= {};
  // 12 significant digits: the file's USD-per-token × 10⁶ without its binary noise (0.19999999999999998 → 0.2).
  for (const k of API_PRICE_FIELDS)
    if (out.api[k] === undefined && typeof row[k] === 'number') out.api[k] = Number(row[k].toPrecision(12));
  if (!row.replaces_catalog) out.api.model = 'custom';
  return out;
}

/**
 * The engine the page calls, with the imported prices and today's date: evaluate() prices with them and checks
 * their age; what takes a scenario out of the page (minimize, for links and files) or to an engine call that has no
 * price argument (gpus, sensitivity) gets the scenario with those prices written in.
 */
export function withPrices(engine, store, day = today) {
  const explicit = (s) => (typeof s === 'string' ? s : explicitPrices(s, store));
  return {
    ...engine,
    evaluate: (s) =>
      typeof s === 'string' ? engine.evaluateWith(s, '', day()) : engine.evaluateWith(s, store.textFor([s]), day()),
    minimize: (s) => engine.minimize(explicit(s)),
    gpus: (s) => engine.gpus(explicit(s)),
    sensitivity: (s) => engine.sensitivity(explicit(s)),
    sensitivityBegin: (s) => engine.sensitivityBegin(explicit(s)),
    compare: (list) => engine.compare(list, store.textFor(list), day()),
    importPrices: (text) => engine.importPrices(text, day()),
  };
}

// What each priced path is, for the "Prices used" table and the exports.
export const PRICE_LABELS = {
  '/api/usd_per_mtok_input': 'API input price',
  '/api/usd_per_mtok_cached_input': 'API cached-input price',
  '/api/usd_per_mtok_output': 'API output price',
  '/api/batch_discount': 'API batch discount',
  '/self_host/cloud/usd_per_gpu_hour': 'GPU rental rate',
  '/self_host/on_prem/usd_per_gpu': 'GPU purchase price',
};

const looksLikePrices = (report) => report.matched + report.added > 0;

/**
 * The Prices dialog: import a price file (pick, paste or drop), what the engine used and ignored, clear. engine:
 * the page's engine (withPrices); store; onImported(): the figures follow.
 */
export function createPricesDialog({ engine, store }) {
  const d = createDialog({ id: 'prices-dialog', title: 'Prices: import a price file' });
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const current = h('div', { class: 'prices-current' });
  const report = h('div', { class: 'prices-report' });
  const picker = h('input', { type: 'file', accept: '.json,application/json', hidden: true });
  const pasteId = uid('in');
  const paste = h('textarea', {
    id: pasteId,
    class: 'code',
    rows: 5,
    spellcheck: 'false',
    placeholder: '{"gpt-4o-mini": {"input_cost_per_token": 1.5e-7, …}}',
  });
  const button = (label, onclick, cls = 'tool') => h('button', { type: 'button', class: cls, onclick }, label);
  const clear = button('Clear the imported prices', () => {
    store.clear();
    report.replaceChildren();
    status.textContent = 'Imported prices cleared: the catalog’s prices are used again.';
  });
  picker.addEventListener('change', async () => {
    const file = picker.files?.[0];
    picker.value = '';
    if (file) await importFile(file, { fromDialog: true });
  });

  d.body.append(
    current,
    section(
      'Import',
      h(
        'p',
        { class: 'help' },
        'A LiteLLM ',
        h('code', {}, 'model_prices_and_context_window.json'),
        ', a genai-prices ',
        h('code', {}, 'data.json'),
        ' or a list this calculator exported. The file is read here, in your browser; the prices stay in this ' +
          'browser and are not put in links (a link carries the prices a scenario uses, as numbers). ' +
          'You can also drop the file on the page.',
      ),
      h(
        'p',
        { class: 'dialog-actions' },
        button('Choose a price file…', () => picker.click(), 'tool primary'),
        picker,
      ),
      h('label', { for: pasteId, class: 'field-label' }, 'Or paste its JSON'),
      paste,
      h(
        'p',
        { class: 'dialog-actions' },
        button('Import the pasted prices', () => importText(paste.value, 'the pasted text', { fromDialog: true })),
      ),
    ),
    report,
    status,
  );

  function showCurrent() {
    const r = store.record;
    if (!r) {
      current.replaceChildren(h('p', {}, 'The figures use the catalog’s prices, each with its source and date.'));
      return;
    }
    current.replaceChildren(
      h(
        'p',
        {},
        h('strong', {}, `Imported prices in use: ${r.file}`),
        ` (${FORMAT_NAMES[r.kind] ?? r.kind}), read on ${dayText(r.imported_at)}: ${r.summary}`,
        store.persisted() ? ' Kept in this browser.' : ' Kept for this visit only: this browser would not store them.',
      ),
      h('p', { class: 'dialog-actions' }, clear),
    );
  }
  d.onOpen(() => {
    status.textContent = '';
    showCurrent();
  });
  store.onChange(showCurrent);

  const rowsTable = (rows) =>
    h(
      'div',
      { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Imported models' },
      h(
        'table',
        { class: 'prices-table' },
        h('caption', { class: 'visually-hidden' }, 'Imported models and their prices per 1M tokens'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Model', 'Input', 'Cached', 'Output', 'Batch off', 'As of', 'How'].map((t) =>
              h('th', { scope: 'col' }, t),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          rows.map((m) =>
            h(
              'tr',
              {},
              h(
                'th',
                { scope: 'row' },
                m.name,
                m.imported_from !== m.id ? h('span', { class: 'sub' }, ` ${m.imported_from}`) : null,
              ),
              h('td', { class: 'num' }, usd(m.usd_per_mtok_input, { cents: true })),
              h(
                'td',
                { class: 'num' },
                m.usd_per_mtok_cached_input == null ? '—' : usd(m.usd_per_mtok_cached_input, { cents: true }),
              ),
              h('td', { class: 'num' }, usd(m.usd_per_mtok_output, { cents: true })),
              h('td', { class: 'num' }, m.batch_discount == null ? '—' : `${Math.round(m.batch_discount * 100)}%`),
              h('td', {}, dayText(m.as_of)),
              h(
                'td',
                {},
                [m.replaces_catalog ? 'updates the catalog’s row' : 'added as a new choice', ...m.notes].join('; '),
              ),
            ),
          ),
        ),
      ),
    );

  function showReport(r, name) {
    const list = (title, items) =>
      items.length
        ? h(
            'details',
            { class: 'prices-list' },
            h('summary', {}, `${title} (${count(items.length)})`),
            h(
              'ul',
              {},
              items.map((x) =>
                h(
                  'li',
                  {},
                  h('code', {}, x.key),
                  `: ${x.reason}${x.entries > 1 ? ` (${count(x.entries)} entries)` : ''}`,
                ),
              ),
            ),
          )
        : null;
    report.replaceChildren(
      section(
        `What ${name} gave`,
        h(
          'p',
          {},
          `${FORMAT_NAMES[r.format] ?? r.format}: ${count(r.entries)} entries; ${count(r.matched)} ` +
            `${r.matched === 1 ? 'catalog model' : 'catalog models'} updated, ${count(r.added)} added as new choices, ` +
            `${count(r.skipped.length)} skipped.`,
        ),
        r.api_models.length
          ? rowsTable(
              r.api_models
                .filter((m) => m.replaces_catalog)
                .concat(r.api_models.filter((m) => !m.replaces_catalog).slice(0, 200)),
            )
          : null,
        r.added > 200 ? h('p', { class: 'help' }, `The first 200 of ${count(r.added)} new choices are listed.`) : null,
        list('Entries skipped, and why', r.skipped),
        list('Keys not used, and why', r.ignored_keys),
      ),
    );
  }

  const summaryOf = (r) =>
    `${count(r.matched)} catalog ${r.matched === 1 ? 'model' : 'models'} updated, ${count(r.added)} added, ` +
    `${count(r.skipped.length)} skipped.`;

  /**
   * Reads a price file's text: keeps its prices when the engine finds any; otherwise says why and changes nothing.
   * Returns the engine's report envelope (the drop handler uses it to tell a price file from a scenario file).
   */
  function importText(text, name, { fromDialog = false, quiet = false } = {}) {
    const say = (kind, title, lines = []) => {
      if (fromDialog) status.textContent = [title, ...lines].join(' ');
      else showMessage({ key: 'prices', kind, title, lines });
    };
    // quiet (a dropped file that may be a scenario): no message unless it is a price file.
    if (!text.trim()) {
      if (!quiet) say('error', 'Nothing to import: paste the JSON of a price file first.');
      return null;
    }
    if (text.length > MAX_PRICE_FILE_BYTES) {
      if (quiet) return null;
      say(
        'error',
        `${name} was not imported: it is larger than the ${bytes(MAX_PRICE_FILE_BYTES)} a price file may be. The prices are unchanged.`,
      );
      return null;
    }
    const envelope = engine.importPrices(text);
    if (!envelope.ok) {
      if (!quiet)
        say(
          'error',
          `${name} was not imported: it is not a price file the calculator reads. The prices are unchanged.`,
          envelope.errors.map((e) => `${e.path || 'The file'}: ${e.message}`),
        );
      return envelope;
    }
    const r = envelope.result;
    if (!looksLikePrices(r)) {
      if (!quiet) {
        say(
          'error',
          `${name} has no per-token prices the calculator can use (${count(r.entries)} entries, all skipped). The prices are unchanged.`,
          r.skipped.slice(0, 5).map((x) => `${x.key}: ${x.reason}`),
        );
        if (fromDialog) showReport(r, name);
      }
      return envelope;
    }
    store.set({
      file: name,
      kind: r.format,
      imported_at: today(),
      summary: summaryOf(r),
      api_models: r.api_models,
    });
    showReport(r, name);
    const message = `Prices imported from ${name}: ${summaryOf(r)} The figures now use them.`;
    if (fromDialog) status.textContent = message;
    showMessage({
      key: 'prices',
      kind: 'info',
      title: message + (store.persisted() ? '' : ' This browser would not store them: they last for this visit.'),
      actions: [['See what was used and ignored', () => d.open()]],
    });
    return envelope;
  }

  /** A file picked or dropped: size-checked before it is read. */
  async function importFile(file, options = {}) {
    if (file.size > MAX_PRICE_FILE_BYTES) {
      const title =
        `${file.name} was not imported: at ${bytes(file.size)} it is larger than the ` +
        `${bytes(MAX_PRICE_FILE_BYTES)} a price file may be. The prices are unchanged.`;
      if (options.fromDialog) status.textContent = title;
      else showMessage({ key: 'prices', kind: 'error', title });
      return null;
    }
    return importText(await file.text(), file.name, options);
  }

  return { ...d, importText, importFile, showReport };
}

/**
 * The "Prices used" card: the as-of date of every price the result used, the stale ones marked, the threshold
 * (the scenario's prices_stale_after_months) and where the prices come from. Also the line in the verdict card.
 */
export function createPricesPanel(root, { state, store, openDialog, linkAsOf = null }) {
  const thresholdId = uid('in');
  const threshold = h('input', {
    id: thresholdId,
    class: 'num',
    type: 'text',
    inputmode: 'numeric',
    'data-path': '/prices_stale_after_months',
    'aria-describedby': `${thresholdId}-help`,
  });
  const thresholdError = h('p', { class: 'field-error', id: `${thresholdId}-error`, hidden: true });
  threshold.addEventListener('change', () => {
    const t = threshold.value.trim();
    if (t === '') state.remove('/prices_stale_after_months');
    else state.set('/prices_stale_after_months', /^\d+$/.test(t) ? Number(t) : t);
  });
  const origin = h('p', { class: 'help' });
  const tbody = h('tbody');
  const table = h(
    'table',
    { class: 'prices-table' },
    h('caption', { class: 'visually-hidden' }, 'The prices the figures use, with their dates'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Price', 'For', 'As of', 'Source'].map((t) => h('th', { scope: 'col' }, t)),
      ),
    ),
    tbody,
  );
  root.append(
    h('h2', { id: 'prices-heading' }, 'Prices used, and how old they are'),
    origin,
    h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Prices table' }, table),
    h(
      'p',
      { class: 'prices-threshold' },
      h('label', { for: thresholdId }, 'Flag prices older than'),
      ' ',
      threshold,
      ' ',
      h('span', { id: `${thresholdId}-help` }, 'months (0: never)'),
    ),
    thresholdError,
    h(
      'p',
      { class: 'no-print' },
      h('button', { type: 'button', class: 'link', onclick: openDialog }, 'Import a current price file…'),
    ),
  );
  const line = $('#prices-line');

  function render(result, scenario) {
    const p = result.prices;
    if (!p) return;
    renderLine(result);
    const stalePaths = new Set(p.stale.map((x) => x.path));
    redrawOn(tbody, JSON.stringify([p.as_of, p.stale]), () =>
      // With no dated price (every one typed into the scenario), one line says so.
      p.as_of.length
        ? p.as_of.map((x) => {
            const stale = stalePaths.has(x.path);
            return h(
              'tr',
              { class: stale ? 'stale' : '' },
              h('th', { scope: 'row' }, PRICE_LABELS[x.path] ?? x.path),
              h('td', {}, x.detail),
              h('td', {}, dayText(x.as_of), stale ? h('span', { class: 'stale-mark' }, ' · stale') : null),
              h('td', { class: 'source-cell' }, x.source),
            );
          })
        : [h('tr', {}, h('td', { colspan: 4 }, 'Every price is typed into the scenario: none carries a date.'))],
    );
    const typed = Object.keys(scenario.api ?? {}).some((k) => API_PRICE_FIELDS.includes(k));
    const r = store.record;
    setText(
      origin,
      (r
        ? `Imported prices from ${r.file} (read on ${dayText(r.imported_at)}) replace the catalog’s where they match. `
        : 'From the catalog, each with its source and date. ') +
        (typed ? 'Prices typed into the scenario carry no date. ' : '') +
        (p.today ? `Checked on ${dayText(p.today)}.` : ''),
    );
    if (document.activeElement !== threshold && threshold.getAttribute('aria-invalid') !== 'true')
      threshold.value = String(scenario.prices_stale_after_months ?? p.stale_after_months);
  }

  /** The one line in the verdict card: the oldest price used, how many are stale (the card's table is below). */
  function renderLine(result) {
    const p = result.prices;
    if (p && line) {
      const r = store.record;
      const parts = [];
      if (p.oldest) parts.push(`Prices as of ${dayText(p.oldest)} (the oldest used)`);
      if (p.stale.length)
        parts.push(
          `${p.stale.length === 1 ? 'one is' : `${p.stale.length} are`} older than ${p.stale_after_months} months`,
        );
      if (linkAsOf && linkAsOf !== p.oldest) parts.push(`the link’s author saw prices as of ${dayText(linkAsOf)}`);
      else if (linkAsOf) parts.push('as the link’s author saw them');
      if (r) parts.push(`imported from ${r.file}`);
      setText(line, parts.length ? `${parts.join(' · ')}.` : '');
      line.classList.toggle('stale', p.stale.length > 0);
    }
  }

  /** Marks the threshold box when the engine names it. */
  function showErrors(errors) {
    const e = errors.find((x) => x.path === '/prices_stale_after_months');
    // Written only when they change: this runs on every edit.
    attr(threshold, 'aria-invalid', String(Boolean(e)));
    show(thresholdError, Boolean(e));
    setText(thresholdError, e ? `Flag prices older than: ${e.message}` : '');
    attr(threshold, 'aria-errormessage', e ? thresholdError.id : null);
    return errors.filter((x) => x !== e);
  }

  return {
    render,
    renderLine,
    showErrors,
    /** The person changed the linked scenario: what the link's author saw no longer describes it. */
    forgetLink() {
      linkAsOf = null;
    },
    /** Another link opened in place: the prices' date its author saw (null: it says none). */
    followLink(asOf) {
      linkAsOf = asOf;
    },
  };
}

/** The catalog with the imported rows in it: matched rows take the file's prices, the rest come as new choices. */
export function mergedCatalog(catalog, store) {
  const rows = store.rows();
  if (!rows.length) return catalog;
  const byId = new Map(rows.map((m) => [m.id, m]));
  const api = catalog.api_models.map((m) => (byId.has(m.id) ? { ...m, ...byId.get(m.id), provider: m.provider } : m));
  const extra = rows
    .filter((m) => !m.replaces_catalog)
    .map((m) => ({ ...m, provider: `Imported${m.provider ? ` · ${m.provider}` : ''}` }));
  return { ...catalog, api_models: [...api, ...extra] };
}
