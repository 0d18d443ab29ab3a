// schema.js — the engine's JSON Schema of the scenario (engine.schema(), draft 2020-12, generated from the engine's
// one field table): the page takes every range, choice, label, default and input limit from it, and params.js only
// says how each key is presented. No DOM here: the tests run it in node against the same schema.

/** The schema node of a JSON pointer ('/self_host/gpu'), or undefined when the schema has no such key. */
export function schemaAt(schema, pointer) {
  let node = schema;
  for (const key of pointer.split('/').slice(1)) {
    node = node?.properties && Object.hasOwn(node.properties, key) ? node.properties[key] : undefined;
  }
  return node;
}

/**
 * A map keyed by inputs' JSON pointers (uncertainty.ranges: one range per input), not an object of named keys: it
 * is one key of the scenario, its entries edited together.
 */
export const isPointerMap = (node) => Object.keys(node?.properties ?? {}).some((key) => key.startsWith('/'));

/** Every key a scenario can hold (the nodes that are not objects of further keys), as JSON pointers. */
export function schemaKeys(schema, base = '') {
  return Object.entries(schema.properties ?? {}).flatMap(([key, node]) =>
    node.properties && !isPointerMap(node) ? schemaKeys(node, `${base}/${key}`) : [`${base}/${key}`],
  );
}

/** The limits the engine checks before it parses a scenario: { max_bytes, max_depth, max_values, max_problems_listed }. */
export const limitsOf = (schema) => schema['x-tcoscope-limits'];

/** An enum key's choices as [value, label] pairs, in the engine's order, with its labels for people. */
export function choicesOf(node) {
  const labels = node?.['x-tcoscope-labels'] ?? [];
  return (node?.enum ?? []).map((value, i) => [value, labels[i] ?? String(value)]);
}

/**
 * A number key's accepted range, { min, max }: from minimum/maximum, exclusiveMinimum (min is then the bound
 * itself, which is not accepted), or anyOf [{const: 0}, {minimum, maximum}] ("0, or at least 1": the second range).
 */
export function rangeOf(node) {
  const part = node?.anyOf?.find((a) => a.minimum !== undefined || a.maximum !== undefined) ?? node ?? {};
  return { min: part.minimum ?? part.exclusiveMinimum ?? null, max: part.maximum ?? null };
}

const types = (node) => [node?.type ?? []].flat();

/**
 * The params.js rows merged with what the schema says of their keys: min/max, slider { min, max, log } (scenario
 * units), integer, default, catalog (an optional number with no default: an empty box means the value the
 * engine fills in from its catalog) and choices. A row whose key the schema lacks is an error: the page and the
 * engine are built together, so it is a mistake in params.js, never something to leave out quietly.
 */
export function formFields(schema, params) {
  const unknown = params.filter((p) => !schemaAt(schema, p.path)).map((p) => p.path);
  if (unknown.length) {
    throw new Error(`params.js has rows for keys the engine's schema does not have: ${unknown.join(', ')}`);
  }
  return params.map((p) => {
    const node = schemaAt(schema, p.path);
    const field = {
      ...p,
      ...rangeOf(node),
      integer: types(node).includes('integer'),
      default: node.default,
      catalog: types(node).includes('null') && node.default === undefined,
    };
    if (p.kind === 'tokens' || p.slider) {
      const s = node['x-tcoscope-slider'] ?? {};
      field.slider = { min: s.minimum ?? field.min, max: s.maximum ?? field.max, log: Boolean(s.log) };
    }
    if (p.kind === 'profile') {
      // The profile control renders the preset picker and the custom weights of this object.
      const preset = schemaAt(schema, `${p.path}/preset`);
      if (!preset?.enum) throw new Error(`params.js row ${p.path} is a profile, but its schema has no preset choices`);
      field.choices = choicesOf(preset);
      field.default = { preset: preset.default };
    } else if (node.enum) {
      const all = choicesOf(node);
      // A row may list a subset, or an order, of the engine's values; the labels are still the engine's.
      field.choices = Array.isArray(p.choices)
        ? p.choices.map((v) => {
            const choice = all.find(([value]) => value === v);
            if (!choice) throw new Error(`params.js row ${p.path} lists "${v}", which its schema enum does not have`);
            return choice;
          })
        : all;
    }
    return field;
  });
}

/** The schema keys no row presents (and the allow-list does not excuse): each one is missing from the form. */
export function keysWithoutRows(schema, params, notInForm) {
  const covered = (key) => Object.hasOwn(notInForm, key) || params.some((p) => p.path === key);
  return schemaKeys(schema).filter((key) => !covered(key));
}

// The page's schema, set once at startup, for the few places that turn a choice into its label.
let pageSchema = null;

/** Remembers the engine's schema for choiceLabel. */
export function useSchema(schema) {
  pageSchema = schema;
}

/** The label the engine gives a choice ('hipaa' at /constraints/compliance → 'HIPAA'), else the value itself. */
export function choiceLabel(pointer, value) {
  const node = pageSchema && schemaAt(pageSchema, pointer);
  return choicesOf(node).find(([v]) => v === value)?.[1] ?? (value == null ? '' : String(value));
}
