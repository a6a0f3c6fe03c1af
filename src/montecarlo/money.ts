import type { CompiledModel } from '../model/index.js';

/**
 * "The programme's money": what the joint cost–schedule confidence level (JCL) compares the
 * money committed with, when money comes from one or several financing programmes (a
 * `budget` section is one programme per technology, with ids fibre, mast, satellite).
 */
export interface ProgrammeMoney {
  /**
   * The sum, over the programmes that state appropriations, of their appropriations for
   * the run's budget years — the money planned. Top-ups are not in it (money beyond the
   * plan: a replication that needed one has overrun), nor co-funding (paid outside the
   * programmes), nor earlier years' money carried into a run that starts from a status (each
   * replication adds that to the comparison: see `carriedIn`).
   * Null when no programme states appropriations (no money to compare with, no JCL).
   */
  budget: number | null;
  /** Programmes (ids) whose commitments are compared with `budget`: those that state appropriations. */
  counted: string[];
  /** Programmes with no appropriation stated: their commitments are left out of the comparison. */
  uncounted: string[];
  /**
   * Every counted programme is a hard limit (not `unlimited`) with no top-up: committing
   * more than the money is then impossible — work waits instead — so an overrun shows up
   * as a delay and the JCL equals the chance of meeting every target.
   */
  hardLimit: boolean;
  /**
   * A run from a status in which a counted programme carries money over from years before
   * the start: each replication compares its commitments with `budget` plus that money, less
   * what the status says was committed before the start (ReplicationOutcome.moneyBefore).
   */
  carriedIn: boolean;
}

/**
 * The programme's money of a compiled scenario (see ProgrammeMoney). An unlimited
 * programme that states appropriations counts them as its planned money: it can spend
 * beyond them, and the JCL then says how often it stays within.
 *
 * @example
 *   programmeMoney(compileModel(input))   // { budget: 30, counted: ['fibre'], uncounted: ['mast', 'satellite'], hardLimit: true, carriedIn: false } for a fibre line of 20 + 10
 */
export function programmeMoney(m: Pick<CompiledModel, 'financing'> & { input?: Pick<CompiledModel['input'], 'status'> }): ProgrammeMoney {
  let budget = 0, hardLimit = true, carriedIn = false;
  const counted: string[] = [], uncounted: string[] = [];
  for (const p of m.financing.programmes) {
    if (!p.stated) { uncounted.push(p.id); continue; }
    counted.push(p.id);
    if (!p.limited || p.topUp !== null) hardLimit = false;
    for (const a of p.appropriations) budget += a;
    if (m.input?.status !== undefined && p.carryOver && p.before > 0) carriedIn = true;
  }
  return { budget: counted.length > 0 ? budget : null, counted, uncounted, hardLimit, carriedIn };
}
