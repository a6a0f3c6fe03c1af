import fc from 'fast-check';
import type { DistributionSpec } from '../../src/engine/index.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileModel, type CompiledModel, type ModelInput } from '../../src/model/index.js';
import { loadScenario } from '../../src/scenario/index.js';

/** Random but valid scenarios: every mechanism on or off, any small sizes and durations. */
const duration = fc.oneof(
  fc.double({ min: 0, max: 60, noNaN: true }).map((v): DistributionSpec => ({ dist: 'fixed', value: v })),
  fc.double({ min: 1, max: 60, noNaN: true }).map((m): DistributionSpec => ({ dist: 'exponential', mean: m })),
  fc.tuple(fc.double({ min: 0, max: 20, noNaN: true }), fc.double({ min: 0, max: 40, noNaN: true })).map(([a, b]): DistributionSpec => ({ dist: 'triangular', min: a, mode: a + b / 2, max: a + b })),
);
const positive = fc.double({ min: 0.2, max: 5, noNaN: true });
const monthly = fc.array(fc.constantFrom(0, 0.5, 1), { minLength: 12, maxLength: 12 }).map((a) => (a.every((x) => x === 0) ? a.map(() => 1) : a));
const office = fc.option(fc.record({
  capacity: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }), rejection: fc.double({ min: 0, max: 0.6, noNaN: true }), resubmission: duration,
  rereview: fc.option(duration, { nil: undefined }), maxRounds: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
}, { requiredKeys: ['capacity', 'rejection', 'resubmission'] }), { nil: undefined });
const factorPart = fc.option(fc.double({ min: 0.3, max: 1, noNaN: true }).map((lo): DistributionSpec => ({ dist: 'uniform', min: lo, max: lo + 1 })), { nil: undefined });
/** Delivery capacity of fibre: a contract per region or national, lead times, a monthly rate. */
const capacity = fc.option(fc.record({
  perRegion: fc.boolean(), contracted: fc.integer({ min: 0, max: 8 }), tender: duration, mobilisation: duration,
  growth: fc.double({ min: 0, max: 4, noNaN: true }), winter: fc.boolean(),
}), { nil: undefined });

export const randomScenario: fc.Arbitrary<ModelInput> = fc.record({
  regions: fc.array(fc.record({ n: fc.integer({ min: 0, max: 25 }), c: fc.integer({ min: 0, max: 5 }), fibre: fc.integer({ min: 0, max: 3 }), mast: fc.integer({ min: 0, max: 2 }), sat: fc.integer({ min: 0, max: 2 }) }), { minLength: 1, maxLength: 3 }),
  buried: monthly, aerial: monthly,
  method: fc.constantFrom('buried' as const, 'aerial' as const),
  design: duration, approval: duration, commissioning: duration,
  kmPerDay: positive,
  budget: fc.option(fc.record({ y1: fc.integer({ min: 0, max: 400 }), y2: fc.integer({ min: 0, max: 400 }), carry: fc.boolean() }), { nil: undefined }),
  satRule: fc.boolean(), mastRule: fc.boolean(),
  approvalOffice: office, permitOffice: office,
  preAllocated: fc.boolean(),
  risk: fc.constantFrom('none', 'harsh-winter', 'cable-shortage', 'contractor-default', 'halting-default', 'budget-cut'),
  riskP: fc.double({ min: 0, max: 1, noNaN: true }),
  national: fc.boolean(),
  /** The national pool's backlog: jobs waiting (false) or the days they have waited (true). */
  shareByDays: fc.boolean(),
  crewChange: fc.option(fc.integer({ min: -2, max: 3 }), { nil: undefined }),
  ordering: fc.constantFrom('population-desc' as const, 'nearest-first' as const, 'cheapest-per-person' as const, 'plan' as const),
  start: fc.constantFrom('2026-01-01', '2025-10-21', '2026-05-15'),
  designOffice: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  capacity,
  regionalProductivity: factorPart, yearlyPermit: factorPart, regionalCost: factorPart, yearlyCost: factorPart,
  distance: factorPart, regionalDistance: factorPart,
  fallback: fc.option(fc.record({ after: fc.constantFrom('2026-03-31', '2026-09-30', '2027-06-30'), use: fc.constantFrom('satellite' as const, 'mast' as const), lead: duration, cancelFibre: fc.boolean() }), { nil: undefined }),
  /** A road in the first region: a mast every `every` km (fractions kept). */
  motorway: fc.option(fc.record({ km: fc.double({ min: 0.5, max: 60, noNaN: true }), every: fc.double({ min: 5, max: 30, noNaN: true }) }), { nil: undefined }),
}).map((r) => {
  const fixed = (value: number): DistributionSpec => ({ dist: 'fixed', value });
  const input: ModelInput = {
    name: 'prop', start: r.start, horizon: '2027-12-31', currency: 'u',
    targets: [
      { id: 'f', label: 'f', metric: 'fibre-share', threshold: 0.5, deadline: '2026-12-31' },
      { id: 'c', label: 'c', metric: 'coverage-share', threshold: 0.9, deadline: '2027-06-30' },
    ],
    coverageTechnologies: ['fibre', 'mast', 'satellite'],
    seasons: { s: { buried: r.buried, aerial: r.aerial } },
    regions: r.regions.map((g, i) => ({ id: `r${i}`, name: `R${i}`, settlements: g.n, connected: Math.min(g.c, g.n), season: 's', crews: { fibre: g.fibre, mast: g.mast, satellite: g.sat }, productivityFactor: 1 })),
    settlementDefaults: { population: { dist: 'lognormal', median: 300, sigma: 1 }, backboneKm: { dist: 'uniform', min: 1, max: 30 } },
    technology: { rules: [...(r.satRule ? [{ populationBelow: 150, use: 'satellite' as const }] : []), ...(r.mastRule ? [{ backboneKmAbove: 20, use: 'mast' as const }] : [])], default: 'fibre' },
    ordering: r.ordering,
    fibre: {
      design: r.design, approval: r.approval, method: r.method, kmPerDay: { buried: fixed(r.kmPerDay), aerial: fixed(r.kmPerDay) },
      costPerKm: { buried: fixed(3), aerial: fixed(2) }, nodeCost: fixed(5), commissioning: r.commissioning, approvalOffice: r.approvalOffice,
      ...(r.designOffice !== undefined ? { designOffice: { capacity: r.designOffice, rejection: 0, resubmission: fixed(0) } } : {}),
    },
    ...(r.capacity ? {
      capacity: {
        fibre: {
          contracted: r.capacity.perRegion ? Object.fromEntries(r.regions.map((_, i) => [`r${i}`, r.capacity!.contracted])) : fixed(r.capacity.contracted * r.regions.length),
          tender: r.capacity.tender, mobilisation: r.capacity.mobilisation, growthPerMonth: fixed(r.capacity.growth), winterMobilisation: r.capacity.winter,
          // A national contract with national crews joins their pool when its crews per region are odd (derived from
          // existing draws, not a new one, so that the recorded counterexamples of the property tests replay unchanged).
          ...(!r.capacity.perRegion && r.national && r.capacity.contracted % 2 === 1 ? { deploy: 'national' as const } : {}),
        },
      },
    } : {}),
    ...(r.fallback ? { fallback: [r.fallback] } : {}),
    ...(r.motorway ? { motorways: [{ id: 'road', label: 'Road', region: 'r0', km: r.motorway.km, mastEveryKm: r.motorway.every }] } : {}),
    ...(r.distance ? { factors: { distance: r.distance } } : {}),
    ...(r.regionalProductivity || r.regionalCost || r.regionalDistance ? { regionalFactors: {
      ...(r.regionalProductivity ? { productivity: r.regionalProductivity } : {}), ...(r.regionalCost ? { costOverrun: r.regionalCost } : {}),
      ...(r.regionalDistance ? { distance: r.regionalDistance } : {}),
    } } : {}),
    ...(r.yearlyPermit || r.yearlyCost ? { yearlyFactors: { ...(r.yearlyPermit ? { permitDelay: r.yearlyPermit } : {}), ...(r.yearlyCost ? { costOverrun: r.yearlyCost } : {}) } } : {}),
    satellite: { procurement: r.design, install: fixed(2), cost: fixed(3) },
    mast: { settlementsPerMast: 2, siteAllocation: r.approval, preAllocatedSites: r.preAllocated, permit: r.approval, permitOffice: r.permitOffice, construction: fixed(20), powerAndBackhaul: r.commissioning, cost: fixed(50) },
    budget: r.budget ? { fibre: { unlimited: false, carryOver: r.budget.carry, appropriations: { '2026': r.budget.y1, '2027': r.budget.y2 } } } : {},
    crewChanges: r.crewChange !== undefined ? [{ date: '2026-06-01', technology: 'fibre', add: r.crewChange }] : [],
    reportEveryDays: 14,
    risks: r.risk === 'none' ? [] : [{
      id: 'x', label: 'x', probability: r.riskP, per: 'year',
      impact: r.risk === 'harsh-winter' ? { type: 'harsh-winter', extraDays: 30 }
        : r.risk === 'cable-shortage' ? { type: 'cable-shortage', days: fixed(40) }
        : r.risk === 'contractor-default' ? { type: 'contractor-default', technology: 'fibre', days: fixed(60) }
        // Halting the work in hand too, of masts here: a season and national crews of their own.
        : r.risk === 'halting-default' ? { type: 'contractor-default', technology: 'mast', days: fixed(45.5), halts: true }
        : { type: 'budget-cut', programme: 'fibre', share: 0.5 },
    }],
    nationalCrews: r.national ? { crews: { fibre: 2, mast: 1 }, travelDays: fixed(5), rebalanceEveryDays: 30, ...(r.shareByDays ? { shareBy: 'waitingDays' as const } : {}) } : undefined,
  };
  return input;
});

/**
 * A model input as a scenario file spells it (what loadScenario reads back to the same
 * input): technology rules' conditions under `when`, factor parts under `factors`, a design
 * office by its capacity alone.
 *
 * @example writeFileSync('s.json', JSON.stringify(asScenarioFile(input)))
 */
export function asScenarioFile(input: ModelInput): Record<string, unknown> {
  const file: Record<string, unknown> = { ...input };
  file.technology = { ...input.technology, rules: input.technology.rules.map(({ use, ...when }) => ({ when, use })) };
  const parts: Record<string, Record<string, unknown>> = {};
  for (const [part, given] of [['national', input.factors], ['regional', input.regionalFactors], ['yearly', input.yearlyFactors]] as const) {
    for (const [kind, d] of Object.entries(given ?? {})) (parts[kind] ??= {})[part] = d;
  }
  delete file.regionalFactors;
  delete file.yearlyFactors;
  delete file.factors;
  if (Object.keys(parts).length > 0) file.factors = parts;
  if (input.fibre?.designOffice) file.fibre = { ...input.fibre, designOffice: { capacity: input.fibre.designOffice.capacity } };
  return file;
}

/** A random scenario ready to be stopped at a date and continued from its state (see stoppable). */
export interface Stoppable {
  input: ModelInput;
  m: CompiledModel;
  /** The date at whose end the state is taken (the day before `at`). */
  date: string;
  /** The scenario file (targets due after `date`), written as `plain.json` in `sub`. */
  file: Record<string, unknown>;
  sub: string;
}

/**
 * A random scenario made ready to be stopped at day `at` and continued from its state: every
 * region given a crew of each kind (the file checks ask for a way to get one), only the targets
 * due after the state's date (one due by then cannot be judged from it), written as
 * `plain.json` in a new folder `dir/<n>`. Null when `at` is at the horizon, no target is left,
 * or the file checks refuse the input (the generator builds inputs in code, without them).
 *
 * @example const s = stoppable(generated, 200, dir, tried++); if (s) simulateReplication(s.m, 17, 0, { stateAt: 200, onState })
 */
export function stoppable(generated: ModelInput, at: number, dir: string, n: number): Stoppable | null {
  const input: ModelInput = {
    ...generated,
    regions: generated.regions.map((r) => ({ ...r, crews: { fibre: Math.max(1, r.crews.fibre ?? 0), mast: Math.max(1, r.crews.mast ?? 0), satellite: Math.max(1, r.crews.satellite ?? 0) } })),
  };
  const m = compileModel(input);
  if (at >= m.horizonDays - 1) return null;
  const date = m.calendar.toIso(at - 1);
  const file = asScenarioFile(input);
  file.targets = input.targets.filter((t) => t.deadline > date);
  if ((file.targets as unknown[]).length === 0) return null;
  const sub = join(dir, String(n));
  mkdirSync(sub);
  writeFileSync(join(sub, 'plain.json'), JSON.stringify(file));
  try { loadScenario(join(sub, 'plain.json')); } catch { return null; }
  return { input, m, date, file, sub };
}
