import type { DistributionField, ScenarioFile } from './file-types.js';
import type { Locator } from './schema.js';
import { rangeOf, toSpec } from './distribution-field.js';

/**
 * How many times its settlement's distance to the backbone a fibre line can be: the upper
 * end of the distance factor, national × regional (the model multiplies every line's km by
 * both: scenarios/README.md, "The distance factor"). 1 without a distance factor — the line
 * is then exactly its settlement's `backboneKm` — and Infinity when a part is unbounded
 * (lognormal, gamma...), so that a status's km laid can be checked against a listed
 * settlement's distance before any replication draws its factor. A part written wrongly
 * gives Infinity here: normalisation names its problem.
 *
 * @example longestLineFactor({ factors: { distance: { national: { dist: 'pert', min: 0.8, mode: 1, max: 1.2 } } } }, where)   // 1.2
 * @example longestLineFactor({}, where)   // 1
 */
export function longestLineFactor(s: Pick<ScenarioFile, 'factors'>, where: Locator): number {
  const f = s.factors?.distance;
  if (f === undefined) return 1;
  const whole = typeof f === 'number' || 'dist' in f; // a distribution: the national part alone
  const parts = whole ? { national: f } : { national: f.national, regional: f.regional };
  let most = 1;
  for (const [part, field] of Object.entries(parts)) {
    if (field === undefined) continue;
    // Its problems, if any, are reported where the scenario is normalised: not twice.
    const hi = rangeOf(toSpec(field as DistributionField, whole ? ['factors', 'distance'] : ['factors', 'distance', part], where, 'factor', [])).hi;
    most *= Number.isNaN(hi) ? Infinity : Math.max(0, hi);
  }
  return most;
}
