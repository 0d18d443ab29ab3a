// throughput.js — the throughput panel: one replica's memory (a VRAM bar with a text equivalent), its batch, bound
// and latency, and tokens/s modeled beside measured. Formatting only: every figure is the engine's.
import { h, $, setText, reconcile } from './dom.js';
import { figure } from './explain.js';
import { count, gb, ms } from './format.js';
import { choiceLabel } from './schema.js';

const FIG = 'self_host.throughput.';
const SEGMENTS = [
  ['weights', 'Weights', 'memory.weights_gb'],
  ['runtime', 'Runtime overhead', null],
  ['kv', 'KV cache', 'memory.kv_gb_at_batch'],
  ['free', 'Free', null],
];
const LIMITS = {
  memory: 'as many as fit in memory',
  engine_cap: 'the serving engine’s batch cap',
  tpot_target: 'capped by the time-per-token target',
  ttft_target: 'capped by the time-to-first-token target',
};
const BOUND = {
  memory: ['Memory-bound', 'each decode step waits on reading weights and KV cache'],
  compute: ['Compute-bound', 'each decode step waits on arithmetic'],
};

const plural = (n, one, many) => `${count(n)} ${n === 1 ? one : many}`;

/** A stat tile: label, explained value, a line under it. */
function stat(label) {
  const value = figure('tp-value');
  const sub = h('p', { class: 'sub' });
  const el = h('div', { class: 'tp-stat' }, h('dt', { class: 'stat-label' }, label), h('dd', {}, value, sub));
  return { value, sub, el };
}

export function createThroughput(root, { catalog, onFix, gotoTable }) {
  const setup = $('#throughput-setup', root);
  const problemBox = $('#throughput-problem', root);
  const body = $('#throughput-body', root);

  // The does-not-fit message, with the ways out the engine's "Which GPU?" rows offer.
  const problemText = h('p', { class: 'tp-problem-text' });
  const staleNote = h('p', { class: 'help' }, 'The figures below are from the last inputs that ran.');
  const fixButton = h('button', { type: 'button', class: 'tool' });
  const tableButton = h(
    'button',
    { type: 'button', class: 'tool', onclick: () => gotoTable() },
    'Compare the GPUs that fit',
  );
  const fixNote = h(
    'p',
    { class: 'help' },
    '“Which GPU?” sizes replicas as 1, 2, 4 or 8 GPUs, the splits tensor ' + 'parallelism supports for most models.',
  );
  problemBox.hidden = true; // a page saved with "Save page as" may keep it shown
  problemBox.append(
    h('p', { class: 'tp-problem-title' }, 'This replica cannot serve the model as set up'),
    problemText,
    staleNote,
    h('div', { class: 'tp-actions' }, fixButton, tableButton),
    fixNote,
  );
  let fix = null;
  fixButton.addEventListener('click', () => fix && onFix(fix));

  // Memory: the bar is a picture (role img, with the whole reading as its name); the legend is the text.
  const bar = h('div', { class: 'vram-bar', role: 'img' });
  const segs = Object.fromEntries(SEGMENTS.map(([key]) => [key, h('span', { class: `vram-seg ${key}` })]));
  const usableMark = h('span', { class: 'vram-mark usable' }, h('span', { class: 'vram-mark-label' }));
  const vramMark = h('span', { class: 'vram-mark vram' }, h('span', { class: 'vram-mark-label' }));
  bar.append(...Object.values(segs), usableMark, vramMark);
  const legendItems = Object.fromEntries(
    SEGMENTS.map(([key]) => {
      const fig = figure();
      const label = h('span', { class: 'legend-label' });
      return [
        key,
        {
          fig,
          label,
          li: h('li', {}, h('span', { class: `swatch vram-seg ${key}`, 'aria-hidden': 'true' }), label, ' ', fig),
        },
      ];
    }),
  );
  const usableLine = h('li', { class: 'legend-usable' });
  const legend = h('ul', { class: 'vram-legend' }, ...Object.values(legendItems).map((x) => x.li), usableLine);
  const memoryHeading = h('h3', { class: 'tp-h3' }, 'Memory per replica');
  const memory = h('div', { class: 'tp-memory' }, memoryHeading, bar, legend);

  // Batch, bound and latency.
  const stats = {
    batch: stat('Batch'),
    bound: stat('Decode'),
    tpot: stat('Time per output token'),
    ttft: stat('Time to first token'),
  };
  const maxBatch = figure();
  const cacheGain = figure(); // the prefix cache's gain on the modeled (and a measured) figure
  const statList = h('dl', { class: 'tp-stats' }, ...Object.values(stats).map((s) => s.el));
  const noModel = h('p', { class: 'help tp-no-model' });

  // Tokens per second, modeled beside measured.
  const speedRow = () => {
    const r = { label: h('th', { scope: 'row' }), output: figure(), total: figure() };
    r.tr = h('tr', {}, r.label, h('td', { class: 'num' }, r.output), h('td', { class: 'num' }, r.total));
    return r;
  };
  const rows = { modeled: speedRow(), offline: speedRow(), measured: speedRow() };
  const catalogRows = [];
  const tbody = h('tbody');
  const speedTable = h(
    'table',
    { class: 'tp-speed' },
    h('caption', {}, 'Tokens per second, one replica'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Figure'),
        h('th', { scope: 'col', class: 'num' }, 'Output'),
        h('th', { scope: 'col', class: 'num' }, 'Input + output'),
      ),
    ),
    tbody,
  );
  const side = h('div', { class: 'tp-side' }, statList, noModel);
  const grid = h('div', { class: 'tp-grid' }, memory, side);
  body.append(grid, speedTable);

  const used = () => h('span', { class: 'badge used' }, 'sizes the fleet');

  function label(cell, title, ...detail) {
    // A space between the title and its badge keeps the accessible name (and copied text) readable.
    const words = title.filter(Boolean).flatMap((x, i) => (i ? [' ', x] : [x]));
    cell.replaceChildren(
      h('span', { class: 'tp-row-title' }, ...words),
      ...detail.filter(Boolean).map((d) => h('span', { class: 'tp-row-detail' }, d)),
    );
  }

  function renderMemory(mem, batch, fits, ex) {
    const values = {
      weights: mem.weights_gb,
      runtime: mem.runtime_overhead_gb,
      kv: mem.kv_gb_at_batch,
      free: Math.max(mem.free_gb, 0),
    };
    // Layout only: the bar spans the VRAM, or what is asked of it when that is more.
    const asked = values.weights + values.runtime + values.kv;
    const span = Math.max(mem.vram_gb, asked, 1e-9);
    const over = !fits;
    bar.classList.toggle('over', over);
    for (const [key, text, path] of SEGMENTS) {
      const v = values[key];
      segs[key].style.width = `${(v / span) * 100}%`;
      segs[key].hidden = !(v > 0);
      const item = legendItems[key];
      setText(item.label, key === 'kv' && batch ? `${text}, ${plural(batch, 'sequence', 'sequences')}` : text);
      const entry = path ? ex.get(FIG + path) : undefined;
      item.fig.update(entry?.value ?? gb(v), entry);
      item.li.hidden = over && (key === 'free' || key === 'kv');
    }
    usableMark.style.left = `${(mem.usable_gb / span) * 100}%`;
    setText(usableMark.firstChild, `${gb(mem.usable_gb)} usable`);
    vramMark.style.left = `${(mem.vram_gb / span) * 100}%`;
    vramMark.hidden = span <= mem.vram_gb;
    setText(vramMark.firstChild, `${gb(mem.vram_gb)} VRAM`);
    setText(
      usableLine,
      over
        ? `Needs more than the ${gb(mem.usable_gb)} usable of ${gb(mem.vram_gb)}`
        : `${gb(mem.usable_gb)} of ${gb(mem.vram_gb)} usable by the serving engine`,
    );
    bar.setAttribute(
      'aria-label',
      `Memory of one replica, ${gb(mem.vram_gb)}: ` +
        `weights ${gb(values.weights)}, runtime ${gb(values.runtime)}` +
        (values.kv > 0 ? `, KV cache ${gb(values.kv)}` : '') +
        (over
          ? `; more than the ${gb(mem.usable_gb)} usable.`
          : `, free ${gb(values.free)}; ${gb(mem.usable_gb)} usable.`),
    );
  }

  function renderStats(m, scenario, ex) {
    const c = scenario.constraints ?? {};
    // The batch that runs; when memory is what limits it, it is the explained "largest batch in memory".
    const byMemory = m.limited_by === 'memory';
    stats.batch.value.update(
      plural(m.batch, 'sequence', 'sequences'),
      byMemory ? ex.get(`${FIG}max_batch`) : undefined,
    );
    maxBatch.update(count(m.max_batch), ex.get(`${FIG}max_batch`));
    const limit = LIMITS[m.limited_by] ?? m.limited_by;
    stats.batch.sub.replaceChildren(...(byMemory ? [limit] : [`${limit}; memory holds `, maxBatch]));
    const [bound, why] = BOUND[m.bound] ?? [m.bound, ''];
    stats.bound.value.update(bound);
    setText(stats.bound.sub, why);
    stats.tpot.value.update(ex.get(`${FIG}tpot_ms`)?.value ?? ms(m.tpot_ms), ex.get(`${FIG}tpot_ms`));
    setText(stats.tpot.sub, c.p99_latency_ms > 0 ? `target ${ms(c.p99_latency_ms)} (p99)` : 'no target set');
    stats.ttft.value.update(ex.get(`${FIG}ttft_ms`)?.value ?? ms(m.ttft_ms), ex.get(`${FIG}ttft_ms`));
    setText(
      stats.ttft.sub,
      c.p99_ttft_ms > 0
        ? `target ${ms(c.p99_ttft_ms)} (p99)`
        : `prefill ${ms(m.prefill_ms_per_request)} + one decode step`,
    );
  }

  function renderSpeed(t, m, ex) {
    const shown = [];
    if (m) {
      const r = rows.modeled;
      if (m.fits) {
        const gain = ex.get(`${FIG}prefix_cache_gain`);
        if (gain) cacheGain.update(gain.value, gain);
        label(
          r.label,
          ['Modeled', t.source === 'modeled' ? used() : null],
          `roofline at batch ${count(m.batch)}`,
          gain ? h('span', {}, 'prefix cache ', cacheGain) : null,
        );
        r.output.update(count(m.output_tokens_per_second_per_replica));
        r.total.update(
          count(m.total_tokens_per_second_per_replica),
          ex.get(`${FIG}total_tokens_per_second_per_replica`),
        );
      } else {
        label(r.label, ['Modeled'], 'does not fit');
        r.output.update('—');
        r.total.update('—');
      }
      shown.push(r.tr);
      if (m.fits && m.limited_by?.endsWith('_target')) {
        const o = rows.offline;
        label(o.label, ['Modeled, no latency target'], 'the offline maximum');
        o.output.update('—');
        o.total.update(count(m.offline_total_tokens_per_second_per_replica));
        shown.push(o.tr);
      }
    }
    const x = t.measured;
    if (x) {
      const r = rows.measured;
      const mine = x.source === 'scenario';
      label(
        r.label,
        [mine ? 'Your figure' : 'Measured', t.source !== 'modeled' ? used() : null],
        mine ? 'typed in the Throughput field' : `${x.source}${x.as_of ? `, ${x.as_of}` : ''}`,
        mine ? null : x.detail,
      );
      r.output.update(count(x.output_tokens_per_second_per_replica));
      r.total.update(count(x.total_tokens_per_second_per_replica));
      shown.push(r.tr);
    }
    // The catalog's other measurements of this model on this GPU, for reference: what each one measures and
    // why it does not size the fleet (the engine's words).
    const others = (t.catalog_measurements ?? []).filter((c) => !c.sizes_the_fleet);
    while (catalogRows.length < others.length) {
      const r = speedRow();
      r.tr.classList.add('tp-reference'); // on screen only: paper keeps the figures that size the fleet
      catalogRows.push(r);
    }
    others.forEach((c, i) => {
      const r = catalogRows[i];
      label(
        r.label,
        ['Catalog, for reference'],
        `${c.detail}${c.as_of ? `, ${c.as_of}` : ''}`,
        c.why_not_used ? `Not used: ${c.why_not_used}.` : null,
      );
      r.output.update(count(c.output_tokens_per_second_per_replica));
      r.total.update(count(c.total_tokens_per_second_per_replica));
      shown.push(r.tr);
    });
    reconcile(tbody, shown);
  }

  const name = (list, id, fallback) => catalog[list].find((x) => x.id === id)?.name ?? fallback;

  return {
    /**
     * result/scenario: the last good evaluation. problem: the message of a current evaluation that failed because
     * the replica cannot serve the model (null otherwise). options: the current "Which GPU?" rows, for a way out.
     */
    render(result, scenario, { problem = null, options = null, current = scenario } = {}) {
      const ex = result.explainMap;
      const t = result.self_host.throughput;
      const m = t.modeled;
      const sh = scenario.self_host;
      const tp = sh.throughput;
      setText(
        setup,
        `${name('models', sh.model, 'Your model')} on ${sh.gpus_per_replica}× ` +
          `${name('gpus', sh.gpu, 'your GPU')} · ${choiceLabel('/self_host/throughput/precision', tp.precision)} weights, ` +
          `${choiceLabel('/self_host/throughput/kv_precision', tp.kv_precision)} KV cache · ` +
          `${count(tp.input_tokens_per_request)} ` +
          `input + ${count(tp.output_tokens_per_request)} output tokens per request`,
      );

      const message = problem ?? (m && !m.fits ? m.problem : null);
      problemBox.hidden = !message;
      if (message) {
        setText(problemText, message);
        staleNote.hidden = !problem;
        // The smallest replica of the current GPU that fits, as the engine's "Which GPU?" found it.
        const gpu = current.self_host?.gpu;
        const row = options?.find((o) => o.fits && o.gpu === gpu);
        fix =
          row && row.gpus_per_replica !== current.self_host.gpus_per_replica
            ? { path: '/self_host/gpus_per_replica', value: row.gpus_per_replica }
            : null;
        fixButton.hidden = !fix;
        fixNote.hidden = !fix;
        if (fix) setText(fixButton, `Use ${fix.value} GPUs per replica`);
      }

      const mem = t.memory ?? m?.memory;
      memory.hidden = !mem;
      if (mem) renderMemory(mem, m?.fits ? m.batch : 0, m?.fits !== false, ex);
      statList.hidden = !m?.fits;
      if (m?.fits) renderStats(m, scenario, ex);
      noModel.hidden = Boolean(m);
      side.hidden = !m?.fits && Boolean(m);
      grid.classList.toggle('single', side.hidden || memory.hidden);
      if (!m) {
        setText(
          noModel,
          'Memory, batch and latency are modeled for catalog models on catalog GPUs. Capacity uses ' +
            'your measured throughput.',
        );
      }
      renderSpeed(t, m, ex);
    },
  };
}
