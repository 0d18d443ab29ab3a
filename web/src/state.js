// state.js — the one state object: the scenario itself, read and written by JSON pointer (the engine's error paths).

const tokens = (pointer) =>
  pointer
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The value at a JSON pointer, or undefined. */
export function getAt(obj, pointer) {
  let v = obj;
  for (const t of tokens(pointer)) {
    if (v == null || typeof v !== 'object') return undefined;
    v = v[t];
  }
  return v;
}

/** Sets the value at a pointer, creating objects on the way. */
export function setAt(obj, pointer, value) {
  const ts = tokens(pointer);
  let v = obj;
  for (const t of ts.slice(0, -1)) {
    if (!isObject(v[t])) v[t] = {};
    v = v[t];
  }
  v[ts[ts.length - 1]] = value;
}

/** Deletes the key at a pointer: the engine then fills the catalog value or the documented default. */
export function removeAt(obj, pointer) {
  const ts = tokens(pointer);
  const parent = getAt(obj, '/' + ts.slice(0, -1).join('/'));
  if (isObject(parent)) delete parent[ts[ts.length - 1]];
}

/**
 * A preset or a link carries only what differs from the defaults: lay it over them. Objects merge key by key;
 * arrays, and the load profile (a preset name or 168 weights, never both), are replaced whole.
 */
export function overlay(base, over) {
  const out = structuredClone(base);
  for (const [k, v] of Object.entries(over ?? {})) {
    out[k] = isObject(v) && isObject(out[k]) && k !== 'load_profile' ? overlay(out[k], v) : structuredClone(v);
  }
  return out;
}

/** The state: a scenario plus the listeners that run (batched) when it changes. */
export function createState(initial, onChange) {
  let scenario = structuredClone(initial);
  return {
    get scenario() {
      return scenario;
    },
    get: (pointer) => getAt(scenario, pointer),
    set(pointer, value) {
      setAt(scenario, pointer, value);
      onChange(pointer);
    },
    remove(pointer) {
      removeAt(scenario, pointer);
      onChange(pointer);
    },
    replace(next) {
      scenario = structuredClone(next);
      onChange('');
    },
  };
}
