import type { HandlerId } from '../../engine/index.js';
import { TECH_NAMES } from '../technologies.js';
import type { World } from '../world.js';

/**
 * Budget years: each programme's money for the start's year is there at the start; every
 * 1 January within the horizon the year's appropriation (less this replication's budget
 * cuts) is added to what is left — or replaces it when unspent money lapses.
 */
export class BudgetYears {
  private readonly newYear: HandlerId;

  constructor(private readonly w: World) {
    this.newYear = w.sim.on((y) => {
      TECH_NAMES.forEach((p, k) => {
        const c = w.budgets[k];
        if (c === null) return;
        const add = this.appropriation(k, y);
        if (w.m.input.budget[p]!.carryOver) c.put(add); else c.setLevel(add);
      });
    }, 'new budget year');
  }

  /** Programme k's money for budget year y (0 = the start's year) after this replication's cuts. */
  appropriation(k: number, y: number): number {
    const m = this.w.m;
    let a = m.input.budget[TECH_NAMES[k]]!.appropriations[String(m.firstYear + y)] ?? 0;
    for (const cut of this.w.risks.budgetCuts) if (cut.programme === k && cut.year === y) a *= 1 - cut.share;
    return a;
  }

  /**
   * Fills each programme with its first year's money (plus `adjust[k]`: money carried in
   * or already committed, for a run that starts from a status) and schedules the new years.
   */
  start(adjust?: Float64Array): void {
    const { m, sim } = this.w;
    this.w.budgets.forEach((c, k) => c?.reset(Math.max(0, this.appropriation(k, 0) + (adjust?.[k] ?? 0))));
    for (let y = 1; y < m.years; y++) {
      const day = m.calendar.startOfYear(m.firstYear + y);
      if (day < m.horizonDays) sim.at(day, this.newYear, y);
    }
  }

  isNewYear(h: HandlerId): boolean {
    return h === this.newYear;
  }
}
