import type { DistributionSpec } from '../engine/index.js';
import type { CrewChange, TechnologyRule } from '../model/input.js';
import { num } from './format.js';

/** A distribution in words for the assumptions table, e.g. 'PERT 20 / 45 / 120 (min / likely / max)'. */
export function describeDist(d: DistributionSpec | undefined, unit = ''): string {
  if (!d) return '–';
  const u = unit ? ` ${unit}` : '';
  switch (d.dist) {
    case 'fixed':
      return `${num(d.value)}${u}`;
    case 'uniform':
      return `between ${num(d.min)} and ${num(d.max)}${u} (uniform)`;
    case 'triangular':
      return `${num(d.min)} / ${num(d.mode)} / ${num(d.max)}${u} (min / most likely / max, triangular)`;
    case 'pert':
      return `${num(d.min)} / ${num(d.mode)} / ${num(d.max)}${u} (min / most likely / max, PERT${d.lambda !== undefined ? ` λ=${num(d.lambda)}` : ''})`;
    case 'normal': {
      const bounds = d.min !== undefined || d.max !== undefined ? `, kept within ${d.min !== undefined ? num(d.min) : '−∞'}–${d.max !== undefined ? num(d.max) : '∞'}` : '';
      return `mean ${num(d.mean)}${u}, sd ${num(d.sd)} (normal${bounds})`;
    }
    case 'lognormal':
      return `median ${num(d.median)}${u}, spread σ ${num(d.sigma)} (lognormal)`;
    case 'exponential':
      return `mean ${num(d.mean)}${u} (exponential)`;
    case 'gamma':
      return `mean ${num(d.shape * d.scale)}${u} (gamma, shape ${num(d.shape)}, scale ${num(d.scale)})`;
    case 'empirical': {
      const v = d.values;
      const lo = v.length ? Math.min(...v) : NaN;
      const hi = v.length ? Math.max(...v) : NaN;
      return `${v.length} observed values from ${num(lo)} to ${num(hi)}${u} (resampled${d.weights ? ', weighted' : ''})`;
    }
    default:
      return JSON.stringify(d);
  }
}

/** The technology rule in words. */
export function describeTechnologyRule(rule: TechnologyRule): string[] {
  const lines = rule.rules.map((r) => {
    const cond: string[] = [];
    if (r.populationBelow !== undefined) cond.push(`fewer than ${num(r.populationBelow, 0)} people`);
    if (r.backboneKmAbove !== undefined) cond.push(`more than ${num(r.backboneKmAbove)} km from the backbone`);
    return `${cond.length ? cond.join(' and ') : 'every settlement'} → ${r.use}`;
  });
  lines.push(`otherwise → ${rule.default}`);
  return lines;
}

/** A crew change in words. */
export function describeCrewChange(c: CrewChange): string {
  const change = c.multiply !== undefined ? `× ${num(c.multiply)}` : c.add !== undefined ? `${c.add >= 0 ? '+' : '−'}${num(Math.abs(c.add))}` : 'no change';
  return `${change} ${c.technology} crews`;
}

export const ORDERING_WORDS: Record<string, string> = {
  'population-desc': 'largest population first',
  'nearest-first': 'nearest to the backbone first',
  'cheapest-per-person': 'cheapest per person first',
  plan: 'the plan’s own order',
};

/**
 * A programme as people know it (model/input.ts): the report's money table, S-curve and
 * risk register named programmes by their ids ("kazakhtelecom and dare") beside a
 * paragraph that named them by their labels.
 */
export { programmeName } from '../model/input.js';

/** Names joined for a sentence: 'a', 'a and b', 'a, b and c'. */
export function andList(names: readonly string[]): string {
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names.join('');
}
