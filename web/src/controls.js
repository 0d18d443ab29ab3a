// controls.js — one builder per kind of input (number, tokens, select, radio, toggle); each returns a control
// { param, root, sync(value, force), setError(message) } that reads and writes the scenario by JSON pointer.
import { attr, h, setText, show, uid } from './dom.js';
import { compact, parseAmount, plain } from './format.js';

/** The label, unit, help and error lines every field shares. */
function frame(param, inputId) {
  const helpId = uid('help');
  const errorId = uid('err');
  const noteId = uid('note');
  const label = h(
    'label',
    { for: inputId, class: 'field-label' },
    param.label,
    param.unit ? h('span', { class: 'unit' }, param.unit) : null,
  );
  const help = param.help ? h('p', { class: 'help', id: helpId }, param.help) : null;
  const error = h('p', { class: 'error', id: errorId, hidden: true });
  const note = h('p', { class: 'note', id: noteId, hidden: true });
  const root = h('div', { class: `field field-${param.kind}`, 'data-path': param.path });
  const describedBy = [help && helpId, noteId, errorId].filter(Boolean).join(' ');
  const setNote = (message) => {
    show(note, Boolean(message));
    setText(note, message ?? '');
  };
  return { label, help, error, note, root, describedBy, errorId, setNote };
}

function errorSetter(f, inputs, note = '') {
  return (message) => {
    f.root.classList.toggle('invalid', Boolean(message));
    show(f.error, Boolean(message));
    setText(f.error, message ? message + note : '');
    for (const el of inputs) attr(el, 'aria-invalid', message ? 'true' : null);
  };
}

/** What a typed box means: empty → remove the key (default or catalog value), a number → it, else the raw text. */
function typedValue(text, param) {
  if (text.trim() === '') return undefined;
  const n = parseAmount(text);
  if (n == null) return text;
  return param.scale === 1 ? n : Number((n / param.scale).toPrecision(12));
}

/**
 * A number box (text with a decimal keyboard, so "145k" and "2B" work), with a slider over param.slider
 * ({ min, max, log } in scenario units, from the engine's schema) when the row asks for one.
 */
export function numberControl(param, state) {
  const id = uid('in');
  const f = frame(param, id);
  const box = h('input', {
    id,
    type: 'text',
    inputmode: 'decimal',
    autocomplete: 'off',
    spellcheck: 'false',
    class: 'num',
    'aria-describedby': f.describedBy,
  });
  const isTokens = param.kind === 'tokens';
  const range = param.slider;
  // Slider positions: log10 of the value on a log slider, else the value as shown (× scale).
  const toPosition = (v) => (range.log ? Math.log10(Math.max(v, range.min)) : v * param.scale);
  const fromPosition = (s) =>
    range.log ? Number((10 ** s).toPrecision(3)) : Number((s / param.scale).toPrecision(12));
  const slider = range
    ? h('input', {
        type: 'range',
        class: 'slider',
        'aria-label': `${param.label}, slider`,
        min: toPosition(range.min),
        max: toPosition(range.max),
        step: param.step ?? 'any',
      })
    : null;
  const show = (v) =>
    typeof v !== 'number' ? '' : isTokens ? compact(v) : plain(v * param.scale, { money: param.money });
  const moveSlider = (v) => {
    if (!slider) return;
    // Written only when they change: every recompute syncs every control.
    const position = String(toPosition(v));
    if (slider.value !== position) slider.value = position;
    attr(slider, 'aria-valuetext', show(v) + (param.unit ? ` ${param.unit}` : ''));
  };
  const write = (v) => (v === undefined ? state.remove(param.path) : state.set(param.path, v));

  box.addEventListener('input', () => {
    const v = typedValue(box.value, param);
    write(v);
    if (typeof v === 'number') moveSlider(v);
  });
  box.addEventListener('change', () => {
    const v = state.get(param.path);
    if (typeof v === 'number') box.value = show(v);
  });
  slider?.addEventListener('input', () => {
    const v = fromPosition(Number(slider.value));
    state.set(param.path, v);
    box.value = show(v);
    slider.setAttribute('aria-valuetext', show(v) + (param.unit ? ` ${param.unit}` : ''));
  });

  const row = h('div', { class: 'field-row' }, f.label, box);
  f.root.append(row);
  if (slider) {
    f.root.append(slider);
    if (range.log) {
      // A tick every two decades of the slider's range: 1M, 100M, 10B, 1T, 100T.
      const ticks = [];
      for (let e = Math.log10(range.min); e <= Math.log10(range.max) + 1e-9; e += 2) ticks.push(compact(10 ** e));
      f.root.append(
        h(
          'div',
          { class: 'ticks', 'aria-hidden': 'true' },
          ticks.map((t) => h('span', {}, t)),
        ),
      );
    }
  }
  const source = h('div', { class: 'source' });
  f.root.append(...[f.help, source, f.note, f.error].filter(Boolean));
  const note = param.scale === 100 ? ' (this box is in %: 1 means 100%)' : '';
  return {
    param,
    root: f.root,
    input: box,
    source,
    sync(value, force = false) {
      if (!force && document.activeElement === box) return;
      if (typeof value === 'string') return; // an invalid entry stays as typed
      const text = show(value);
      if (box.value !== text) box.value = text;
      if (typeof value === 'number') moveSlider(value);
    },
    setPlaceholder(text) {
      if (box.placeholder !== text) box.placeholder = text;
    },
    /** Where a value sits along the slider, 0 to 1 (null without a slider): for the range band under it. */
    sliderFraction: slider
      ? (v) => {
          const [lo, hi] = [Number(slider.min), Number(slider.max)];
          return Math.min(1, Math.max(0, (toPosition(v) - lo) / (hi - lo || 1)));
        }
      : null,
    setNote: f.setNote,
    setError: errorSetter(f, [box], note),
  };
}

/** A select over [value, label] pairs or optgroups { label, options }. */
export function selectControl(param, state, onPick) {
  const id = uid('in');
  const f = frame(param, id);
  const select = h('select', { id, 'aria-describedby': f.describedBy });
  select.addEventListener('change', () => (onPick ? onPick(select.value) : state.set(param.path, select.value)));
  f.root.append(h('div', { class: 'field-row' }, f.label, select), ...[f.help, f.note, f.error].filter(Boolean));
  let key = '';
  return {
    param,
    root: f.root,
    input: select,
    setChoices(choices) {
      const next = JSON.stringify(choices);
      if (next === key) return;
      key = next;
      const option = ([value, label]) => h('option', { value }, label);
      select.replaceChildren(
        ...choices.map((c) =>
          Array.isArray(c) ? option(c) : h('optgroup', { label: c.label }, c.options.map(option)),
        ),
      );
    },
    sync(value) {
      if (select.value !== (value ?? '')) select.value = value ?? '';
    },
    setNote: f.setNote,
    setError: errorSetter(f, [select]),
  };
}

/** A segmented choice (rent/buy, FTE/multiplier) as real radio buttons in a fieldset. */
export function radioControl(param, state) {
  const name = uid('radio');
  const errorId = uid('err');
  const error = h('p', { class: 'error', id: errorId, hidden: true });
  const radios = param.choices.map(([value, label]) => {
    const input = h('input', { type: 'radio', name, value, 'aria-describedby': errorId });
    input.addEventListener('change', () => input.checked && state.set(param.path, value));
    return [input, h('label', { class: 'segment' }, input, h('span', {}, label))];
  });
  const root = h(
    'fieldset',
    { class: 'field field-radio', 'data-path': param.path },
    h('legend', { class: 'field-label' }, param.label),
    h(
      'div',
      { class: 'segmented' },
      radios.map(([, l]) => l),
    ),
    error,
  );
  return {
    param,
    root,
    input: radios[0][0],
    sync(value) {
      for (const [input] of radios) input.checked = input.value === value;
    },
    setError: errorSetter(
      { root, error },
      radios.map(([i]) => i),
    ),
  };
}

/** A checkbox for a boolean key. */
export function toggleControl(param, state) {
  const id = uid('in');
  const f = frame(param, id);
  const box = h('input', { id, type: 'checkbox', 'aria-describedby': f.describedBy });
  box.addEventListener('change', () => state.set(param.path, box.checked));
  f.root.append(h('div', { class: 'toggle-row' }, box, f.label), ...[f.help, f.error].filter(Boolean));
  return {
    param,
    root: f.root,
    input: box,
    sync(value) {
      box.checked = Boolean(value);
    },
    setError: errorSetter(f, [box]),
  };
}
