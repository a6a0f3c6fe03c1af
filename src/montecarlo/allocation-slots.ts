import { moneyLines, TECHNOLOGIES, type ModelInput, type Technology } from '../model/index.js';
import { AnalysisInputError } from './analysis-input-error.js';

/** What an allocation hands out: whole crews to regions, or money to budget years. */
export type AllocationResource =
  | { kind: 'crews'; technology: Technology; /** Crews to add in all. */ total: number; /** Crews per unit handed out (default 1). */ step: number }
  | { kind: 'money'; /** A programme's id (a budget line's is its technology). */ programme: string; /** Money to add in all (scenario currency). */ total: number; /** Units the money is cut into. */ units: number };

/** One place a unit can go: a region (crews) or a budget year (money). */
export interface AllocationSlot {
  id: string;
  label: string;
  /** What the scenario already has there (crews of the technology, or the year's appropriation). */
  base: number;
  /** Weight for a split "in proportion" (the crews or money already there) and tie order of an even split (the work waiting there). */
  backlog: number;
}

/** The units an allocation hands out, the places they can go, and how to put them in a scenario. */
export interface AllocationSpace {
  resource: AllocationResource;
  /** Units to hand out. */
  units: number;
  /** Crews or money per unit. */
  perUnit: number;
  slots: AllocationSlot[];
  /** A copy of `input` with `units[s]` units added at each slot s. */
  apply(input: ModelInput, units: readonly number[]): ModelInput;
  /** The unit of what is added, for people: 'fibre crews', 'M KZT'. */
  noun: string;
}

/**
 * The allocation problem for a scenario: `total` crews of a technology handed out `step` at
 * a time to its regions, or `total` money of a programme cut into `units` equal parts and
 * added to its budget years within the run.
 *
 * Crews are added on top of everything the scenario has, from its start: as a crew change
 * on the start date (crewChanges), not as crews at work at the start (regions[].crews),
 * which a contract under `capacity` counts among its own — there, twenty crews handed out
 * would take the place of twenty of the contract's instead of adding to them.
 *
 * @example
 *   const space = allocationSpace(input, { kind: 'crews', technology: 'fibre', total: 20, step: 1 });
 *   space.slots.map((s) => s.id);                         // the region ids
 *   space.apply(input, [3, 0, 17, ...]).crewChanges;      // [..., { date: start, technology: 'fibre', region: <first>, add: 3 }, { ... add: 17 }]
 */
export function allocationSpace(input: ModelInput, resource: AllocationResource, years?: { first: number; count: number }): AllocationSpace {
  if (!(resource.total > 0)) throw new AnalysisInputError(`there is nothing to allocate: ${resource.kind === 'crews' ? '--crews' : '--money'} must be above 0, got ${resource.total}`);
  if (resource.kind === 'crews') {
    const { technology: tech, total, step } = resource;
    if (!(Number.isInteger(total) && Number.isInteger(step) && step >= 1)) throw new AnalysisInputError(`crews are whole: --crews and --step must be whole numbers (step >= 1), got ${total} and ${step}`);
    if (total % step !== 0) throw new AnalysisInputError(`--crews ${total} is not a whole number of steps of ${step}`);
    if (input.regions.length < 2) throw new AnalysisInputError('the scenario has one region: there is nothing to choose between');
    // Crews of a technology the scenario does not have would connect nothing, and every split would tie.
    const present = TECHNOLOGIES.filter((t) => t === 'fibre' || input[t] !== undefined);
    if (!present.includes(tech)) throw new AnalysisInputError(`the scenario has no ${tech} section, so ${tech} crews would connect nothing; --technology must be one it has: ${present.join(', ')}`);
    const toConnect = (i: number) => (input.settlements ? input.settlements.filter((s) => s.region === input.regions[i].id && !s.connected).length : input.regions[i].settlements - input.regions[i].connected);
    return {
      resource, units: total / step, perUnit: step, noun: `${tech} crews`,
      slots: input.regions.map((r, i) => ({ id: r.id, label: r.name, base: r.crews[tech] ?? 0, backlog: toConnect(i) })),
      apply(x, units) {
        const y = structuredClone(x);
        const added = y.regions.flatMap((r, i) => (units[i] > 0 ? [{ date: y.start, technology: tech, region: r.id, add: units[i] * step }] : []));
        y.crewChanges = [...y.crewChanges, ...added];
        return y;
      },
    };
  }
  const { programme, total, units } = resource;
  if (!(Number.isInteger(units) && units >= 1)) throw new AnalysisInputError(`--units must be a whole number >= 1, got ${units}`);
  const lines = moneyLines(input);
  const b = lines.find((l) => l.id === programme);
  if (!b && input.financing) throw new AnalysisInputError(`--programme '${programme}' is not a financing programme of this scenario (its programmes: ${lines.map((l) => l.id).join(', ')})`);
  if (!b || b.unlimited) throw new AnalysisInputError(`the ${programme} programme has no limit on money in this scenario, so more of it changes nothing`);
  const first = years?.first ?? Number(input.start.slice(0, 4));
  const count = years?.count ?? Number(input.horizon.slice(0, 4)) - first + 1;
  const ys = Array.from({ length: count }, (_, k) => String(first + k));
  if (ys.length < 2) throw new AnalysisInputError('the run covers one budget year: there is nothing to choose between');
  const perUnit = total / units;
  return {
    resource, units, perUnit, noun: input.currency,
    slots: ys.map((y) => ({ id: y, label: `Budget year ${y}`, base: b.appropriations[y] ?? 0, backlog: b.appropriations[y] ?? 0 })),
    apply(x, u) {
      const z = structuredClone(x);
      const a = moneyLines(z).find((l) => l.id === programme)!.appropriations;
      ys.forEach((y, i) => { if (u[i] > 0) a[y] = (a[y] ?? 0) + u[i] * perUnit; });
      return z;
    },
  };
}

/**
 * The programme money goes to when the question names none: the scenario's only one, else
 * the one called fibre (a `budget` section's fibre line), else none: picking one of several
 * would answer a question nobody asked, so the error asks for it by name. A scenario with no
 * money lines gets 'fibre', which allocationSpace then refuses as having no limit.
 *
 * @example defaultProgramme(baseline.input)  // throws: give --programme: this scenario has several financing programmes (kazakhtelecom, dare, mobile)
 */
export function defaultProgramme(input: ModelInput): string {
  const ids = moneyLines(input).map((l) => l.id);
  if (ids.length === 1) return ids[0];
  if (ids.length === 0 || ids.includes('fibre')) return 'fibre';
  throw new AnalysisInputError(`give --programme: this scenario has several ${input.financing ? 'financing programmes' : 'budget lines'} (${ids.join(', ')})`);
}

/**
 * An even split of `units` over the slots: the same number each, the remainder one each to
 * the slots with the most work waiting (money: the earliest years).
 *
 * @example evenSplit(20, [{ backlog: 5 }, { backlog: 9 }, { backlog: 1 }] as AllocationSlot[])  // [7, 7, 6]
 */
export function evenSplit(units: number, slots: readonly AllocationSlot[], byOrder = false): number[] {
  const out = slots.map(() => Math.floor(units / slots.length));
  const order = slots.map((s, i) => ({ i, w: byOrder ? -i : s.backlog })).sort((a, b) => b.w - a.w || a.i - b.i);
  for (let k = 0; k < units % slots.length; k++) out[order[k].i]++;
  return out;
}

/**
 * A split in proportion to what each slot already has (its crews, or its appropriation), by
 * largest remainders; an even split when nothing is there yet.
 *
 * @example proRataSplit(10, [{ base: 1 }, { base: 3 }] as AllocationSlot[])  // [3, 7] (2.5 and 7.5: the tie goes to the first)
 */
export function proRataSplit(units: number, slots: readonly AllocationSlot[]): number[] {
  const total = slots.reduce((a, s) => a + s.base, 0);
  if (!(total > 0)) return evenSplit(units, slots);
  const exact = slots.map((s) => (units * s.base) / total);
  const out = exact.map(Math.floor);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; k < units - out.reduce((a, b) => a + b, 0); k++) out[order[k].i]++;
  return out;
}
