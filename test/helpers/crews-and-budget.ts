import type { ModelInput } from '../../src/model/index.js';

/**
 * A scenario with fibre crews at work in every region (6, 7, 8, 9, 10, 6, ... by region
 * order) and one fibre budget line (32,000 / 210,000 / 81,000 over 2025-2027) instead of
 * its financing programmes and contract: what the crew and money levers of goal and
 * allocate act on, independent of how the shipped baseline is calibrated.
 *
 * @example withCrewsAndBudget(baseline).regions[0].crews.fibre   // 6
 */
export function withCrewsAndBudget(input: ModelInput): ModelInput {
  const x = structuredClone(input);
  x.regions.forEach((r, i) => { r.crews.fibre = 6 + (i % 5); });
  x.capacity = undefined;
  x.financing = undefined;
  x.risks = (x.risks ?? []).filter((r) => r.impact.type !== 'budget-cut');
  x.budget = { fibre: { unlimited: false, carryOver: true, operatorShare: 0, appropriations: { '2025': 32000, '2026': 210000, '2027': 81000 } } };
  return x;
}
