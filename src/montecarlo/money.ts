import { TECHNOLOGIES, type ModelInput, type Programme } from '../model/index.js';

/** Every programme, in code order (TECH_CODE: fibre 0, mast 1, satellite 2, household 3). */
const PROGRAMMES: readonly Programme[] = TECHNOLOGIES;

/** "The programme's money": what the joint cost–schedule confidence level (JCL) compares total cost with. */
export interface ProgrammeMoney {
  /**
   * Sum of the appropriations stated for the budget years within the run, over the
   * programmes that state any; null when no programme states appropriations (then there is
   * no money to compare with and the JCL is not defined).
   */
  budget: number | null;
  /** Programmes whose spending is compared with `budget` (those that state appropriations), by code (fibre 0, mast 1, satellite 2, household 3). */
  counted: Programme[];
  /** Programmes with no appropriation stated: their spending is left out of the comparison. */
  uncounted: Programme[];
  /**
   * True when every counted programme is a hard limit (not `unlimited`): the model then
   * cannot commit more than the money — a job waits for next year's appropriation instead —
   * so an overrun shows up as a delay and the JCL equals the chance of meeting every target.
   */
  hardLimit: boolean;
}

/**
 * The programme's money for a scenario: the appropriations stated for the budget years
 * `firstYear .. firstYear + years - 1`, summed over the programmes that state them. A
 * programme marked `unlimited` but with appropriations counts them as its planned money
 * (the model does not enforce them, so spending can exceed them: the JCL is then informative).
 *
 * @example
 *   programmeMoney({ budget: { fibre: { unlimited: false, carryOver: true, appropriations: { '2026': 20, '2027': 10 } } } } as ModelInput, 2026, 2)
 *   // { budget: 30, counted: ['fibre'], uncounted: ['mast', 'satellite', 'household'], hardLimit: true }
 */
export function programmeMoney(input: Pick<ModelInput, 'budget'>, firstYear: number, years: number): ProgrammeMoney {
  let budget = 0;
  const counted: Programme[] = [], uncounted: Programme[] = [];
  let hardLimit = true;
  for (const p of PROGRAMMES) {
    const b = input.budget[p];
    const stated = b ? Object.keys(b.appropriations) : [];
    if (!b || stated.length === 0) { uncounted.push(p); continue; }
    counted.push(p);
    if (b.unlimited) hardLimit = false;
    for (let y = firstYear; y < firstYear + years; y++) budget += b.appropriations[String(y)] ?? 0;
  }
  return { budget: counted.length > 0 ? budget : null, counted, uncounted, hardLimit };
}

/** Programme codes (fibre 0, mast 1, satellite 2, household 3) as a mask: 1 = counted. */
export function programmeMask(programmes: readonly Programme[]): Uint8Array {
  return Uint8Array.from(PROGRAMMES, (p) => (programmes.includes(p) ? 1 : 0));
}
