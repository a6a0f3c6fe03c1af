import type { HandlerId } from '../../engine/index.js';
import type { World } from '../world.js';

/**
 * Budget years: each programme's money for the start's year is there at the start; every
 * 1 January within the horizon the year's appropriation (less this replication's budget
 * cuts) is added to what is left — or replaces it when unspent money lapses. A programme
 * whose money is still short with work waiting may then call for a top-up (TopUps).
 */
export class BudgetYears {
  private readonly newYear: HandlerId;

  constructor(private readonly w: World) {
    this.newYear = w.sim.on((y) => {
      const { budgets, books, topUps } = w;
      const programmes = w.m.financing.programmes;
      for (let k = 0; k < budgets.length; k++) {
        const c = budgets[k];
        if (c === null) continue;
        const add = this.appropriation(k, y);
        books.moneyIn[k] += add;
        if (programmes[k].carryOver) c.put(add);
        else {
          books.lapsed[k] += c.level;
          c.setLevel(add);
        }
        topUps?.short(k);
      }
    }, 'new budget year');
  }

  /** Programme k's money for budget year y (0 = the start's year) after this replication's cuts. */
  appropriation(k: number, y: number): number {
    let a = this.w.m.financing.programmes[k].appropriations[y];
    for (const cut of this.w.risks.budgetCuts) if (cut.programme === k && cut.year === y) a *= 1 - cut.share;
    return a;
  }

  /**
   * Fills each programme with its first year's money (plus `adjust[k]`: money carried in
   * or already committed, for a run that starts from a status) and schedules the new years.
   * Returns, per programme, what it had committed before the start beyond all the money it
   * had (0 for none): money that came from elsewhere (TopUps.start takes it as top-ups
   * received), not a debt on the first year's money.
   */
  start(adjust?: Float64Array): Float64Array {
    const { m, sim, books } = this.w;
    const beyond = new Float64Array(this.w.budgets.length);
    this.w.budgets.forEach((c, k) => {
      if (c === null) return;
      const level = this.appropriation(k, 0) + (adjust?.[k] ?? 0);
      beyond[k] = Math.max(0, -level);
      c.reset(Math.max(0, level));
      books.moneyIn[k] = Math.max(0, level);
    });
    for (let y = 1; y < m.years; y++) {
      const day = m.calendar.startOfYear(m.firstYear + y);
      if (day < m.horizonDays) sim.at(day, this.newYear, y);
    }
    return beyond;
  }

  isNewYear(h: HandlerId): boolean {
    return h === this.newYear;
  }
}
