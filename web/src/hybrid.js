// hybrid.js — when the page shows the third option, and what it says when there is none. The engine decides the
// hybrid (result.hybrid: its floor, bill and week); this file only reads its `kind` and words the absence.
import { choiceLabel } from './schema.js';

/**
 * The hybrid when it is a real mix (a self-hosted floor and some overflow to the API), else null. A hybrid that
 * is the API alone or the whole self-hosted fleet is one of the other two columns already: it gets none of its own.
 */
export const hybridOf = (r) => (r.hybrid?.kind === 'mix' ? r.hybrid : null);

/** "1 replica", "3 replicas". */
export const replicas = (k) => `${k} ${k === 1 ? 'replica' : 'replicas'}`;

/**
 * Why this scenario has no hybrid column, as one sentence (null when it has one). Pure kinds take the engine's
 * own explanation of the floor; an absent hybrid is the compliance rule without overflow.
 */
export function noHybridText(r, scenario) {
  if (hybridOf(r)) return null;
  if (r.hybrid) {
    const why = r.explainMap?.get('hybrid.floor_replicas')?.formula;
    const fallback =
      r.hybrid.kind === 'api_only'
        ? 'no floor with API overflow beats the API alone over the horizon'
        : 'no floor with API overflow beats self-hosting everything over the horizon';
    return `No hybrid: ${why || fallback}.`;
  }
  const compliance = scenario?.constraints?.compliance;
  if (compliance && compliance !== 'none' && !scenario.constraints.allow_api_overflow) {
    const rule = choiceLabel('/constraints/compliance', compliance) || 'Compliance';
    return (
      `No hybrid: ${rule} keeps every token self-hosted, so nothing may overflow to the API ` +
      '(“Overflow to the API is allowed” under Constraints changes that).'
    );
  }
  return 'No hybrid: this scenario has no self-hosted throughput to size a floor on.';
}
