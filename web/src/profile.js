// profile.js — the load-profile input: a preset picker, a small 168-hour visual of the week, and custom weights.
import { h, svg, uid, setText } from './dom.js';
import { parseAmount, DAYS, dayShort, hourOfWeek, HOURS_PER_WEEK } from './format.js';

// The picker's own entry after the engine's presets: the 168 weights typed in.
const CUSTOM = ['custom', 'Custom weights…'];

/** param.choices: the engine's load-profile presets as [value, label]; param.default: { preset } of the defaults. */
export function profileControl(param, state) {
  const id = uid('in');
  const errorId = uid('err');
  const captionId = uid('cap');
  const select = h(
    'select',
    { id, 'aria-describedby': `${captionId} ${errorId}` },
    [...param.choices, CUSTOM].map(([v, l]) => h('option', { value: v }, l)),
  );
  const area = svg('svg', {
    class: 'spark',
    viewBox: `0 0 ${HOURS_PER_WEEK} 40`,
    preserveAspectRatio: 'none',
    'aria-hidden': 'true',
    focusable: 'false',
  });
  const path = svg('path', { class: 'spark-area', d: '' });
  area.append(
    ...DAYS.slice(1).map((_, i) =>
      svg('line', { class: 'spark-day', x1: (i + 1) * 24, x2: (i + 1) * 24, y1: 0, y2: 40 }),
    ),
    path,
  );
  const caption = h('p', { class: 'help', id: captionId });
  const weightsId = uid('in');
  const weights = h('textarea', {
    id: weightsId,
    rows: 4,
    class: 'weights',
    spellcheck: 'false',
    'aria-describedby': errorId,
  });
  const custom = h(
    'div',
    { class: 'custom-weights', hidden: true },
    h(
      'label',
      { for: weightsId, class: 'field-label' },
      `${HOURS_PER_WEEK} hourly weights`,
      h('span', { class: 'unit' }, `${hourOfWeek(0)} first; any scale`),
    ),
    weights,
  );
  const error = h('p', { class: 'error', id: errorId, hidden: true });
  const root = h(
    'div',
    { class: 'field field-profile', 'data-path': param.path },
    h('div', { class: 'field-row' }, h('label', { for: id, class: 'field-label' }, param.label), select),
    h(
      'div',
      { class: 'spark-box' },
      area,
      h(
        'div',
        { class: 'spark-days', 'aria-hidden': 'true' },
        DAYS.map((_, d) => h('span', {}, dayShort(d))),
      ),
    ),
    caption,
    custom,
    error,
  );

  let lastWeights = null;
  select.addEventListener('change', () => {
    if (select.value !== CUSTOM[0]) state.set(param.path, { preset: select.value });
    else
      state.set(param.path, {
        hourly_weights: (lastWeights ?? Array(HOURS_PER_WEEK).fill(1)).map((w) => +w.toFixed(3)),
      });
  });
  weights.addEventListener('input', () => {
    const items = weights.value.split(/[\s,;]+/).filter(Boolean);
    state.set(
      `${param.path}/hourly_weights`,
      items.map((t) => parseAmount(t) ?? t),
    );
  });

  return {
    param,
    root,
    input: select,
    sync(value, force = false) {
      const isCustom = Array.isArray(value?.hourly_weights);
      select.value = isCustom ? CUSTOM[0] : (value?.preset ?? param.default.preset);
      custom.hidden = !isCustom;
      if (isCustom && (force || document.activeElement !== weights)) {
        const text = value.hourly_weights.map(String).join(', ');
        if (weights.value !== text) weights.value = text;
      }
    },
    /** Draws the engine's normalized weights (mean 1) and its peak-to-average figure. */
    showLoad(load) {
      lastWeights = load.hourly_weights;
      const top = Math.max(...load.hourly_weights, 1e-9);
      const pts = load.hourly_weights.map((w, i) => `L${i} ${40 - (w / top) * 38} L${i + 1} ${40 - (w / top) * 38}`);
      path.setAttribute('d', `M0 40 ${pts.join(' ')} L${HOURS_PER_WEEK} 40 Z`);
      setText(caption, `Busiest hour ${load.peak_to_average.toFixed(1)}× the average hour.`);
    },
    setError(message) {
      root.classList.toggle('invalid', Boolean(message));
      error.hidden = !message;
      setText(error, message ?? '');
      for (const el of [select, weights]) {
        if (message) el.setAttribute('aria-invalid', 'true');
        else el.removeAttribute('aria-invalid');
      }
    },
  };
}
