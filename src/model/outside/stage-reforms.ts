import type { HandlerId } from '../../engine/index.js';
import type { StageRunner } from '../handlers/types.js';
import { PHASE } from '../job-state.js';
import { STAGES } from '../stages.js';
import type { World } from '../world.js';

/**
 * Stage reforms from a date (StageDecl.skipFrom, e.g. the 2026 land law that exempts masts
 * up to 30 m from the akimat's site allocation): on that date every job in the stage leaves
 * it — its request withdrawn, its desk freed — and moves on; from then on a job that reaches
 * the stage passes straight through it (Replicator.enter).
 *
 * @example new StageReforms(world, runners).start()   // schedules each reform's date within the horizon
 */
export class StageReforms {
  private readonly inForce: HandlerId;
  /** Stage codes with a reform date within the horizon, and those dates. */
  private readonly reforms: { stage: number; day: number }[] = [];

  constructor(private readonly w: World & { startedAt: Float64Array }, private readonly runners: StageRunner[]) {
    const { m } = w;
    m.skipFrom.forEach((day, stage) => {
      if (day === Infinity || day >= m.horizonDays) return;
      if (!runners[stage].leave) throw new RangeError(`stage '${STAGES[stage].name}' cannot be removed from a date: its jobs cannot leave it early`);
      this.reforms.push({ stage, day: Math.max(0, day) });
    });
    this.inForce = w.sim.on((k) => this.release(this.reforms[k].stage), 'stage reform in force');
  }

  start(): void {
    this.reforms.forEach((r, k) => this.w.sim.at(r.day, this.inForce, k));
  }

  /** Every job in the stage leaves it now: those waiting for a desk first, then those being processed or coming back. */
  private release(stage: number): void {
    const { jobs, state } = this.w;
    for (const queued of [true, false]) {
      for (let j = 0; j < jobs.n; j++) {
        if (state.stage[j] !== stage || this.w.startedAt[j] === Infinity || (state.phase[j] === PHASE.queued) !== queued) continue;
        this.runners[stage].leave!(j);
      }
    }
  }
}
