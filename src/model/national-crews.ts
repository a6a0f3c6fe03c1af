import { hashUniform, stream, type Resource, type Simulation } from '../engine/index.js';
import type { CompiledModel } from './compile.js';
import { TECH_NAMES } from './stages.js';

/**
 * NationalPool — crews held nationally and sent where the backlog is. At the start the
 * pool's crews of each technology are shared out across regions in proportion to the jobs
 * each region has to do; then every `rebalanceEveryDays` in proportion to the jobs waiting
 * for a crew there (largest remainders; nobody waiting = nobody moves); a
 * crew leaving a region is withdrawn at once (it finishes the job in hand, as a resource
 * never pre-empts), and a crew arriving counts only after its travel time.
 */
export class NationalPool {
  private readonly assigned: Int32Array; // [r * 3 + t], including crews in transit
  private readonly arrivals: { i: number; count: number }[] = [];
  private readonly base: number;
  private rounds = 0;

  constructor(
    private readonly m: CompiledModel,
    private readonly sim: Simulation,
    seed: number,
    rep: number,
    private readonly crews: Resource[],
    private readonly nominal: Float64Array,
    private readonly apply: (i: number) => void,
    /** Jobs per region and technology, for the first deployment (before any queue forms). */
    private readonly initialWork: Float64Array,
  ) {
    this.assigned = new Int32Array(crews.length);
    this.base = stream(seed, rep, 'national-crews')();
  }

  start(): void {
    const every = Math.max(1, this.m.input.nationalCrews!.rebalanceEveryDays);
    const hArrive = this.sim.on((k) => {
      const a = this.arrivals[k];
      this.nominal[a.i] += a.count;
      this.apply(a.i);
    }, 'national crews arrive');
    const hRebalance = this.sim.on(() => {
      this.rebalance(hArrive);
      if (this.sim.now + every < this.m.horizonDays) this.sim.schedule(every, hRebalance, 0);
    }, 'national crews rebalance');
    this.sim.schedule(0, hRebalance, 0);
  }

  private rebalance(hArrive: number): void {
    const nat = this.m.input.nationalCrews!;
    const nR = this.m.regionIds.length;
    const round = this.rounds++;
    TECH_NAMES.forEach((tech, t) => {
      const size = nat.crews[tech] ?? 0;
      if (size <= 0) return;
      const backlog = new Float64Array(nR);
      let total = 0;
      for (let r = 0; r < nR; r++) {
        backlog[r] = round === 0 ? this.initialWork[r * 3 + t] : this.crews[r * 3 + t].queueLength;
        total += backlog[r];
      }
      if (total === 0) return; // nothing waiting: crews stay where they are
      // Largest remainders, ties to the lower region index.
      const target = new Int32Array(nR);
      const rem: [number, number][] = [];
      let given = 0;
      for (let r = 0; r < nR; r++) {
        const exact = (size * backlog[r]) / total;
        target[r] = Math.floor(exact);
        given += target[r];
        rem.push([exact - target[r], r]);
      }
      rem.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
      for (let k = 0; given < size; k++, given++) target[rem[k][1]]++;
      for (let r = 0; r < nR; r++) {
        const i = r * 3 + t;
        const diff = target[r] - this.assigned[i];
        if (diff < 0) { this.nominal[i] += diff; this.apply(i); }
        else if (diff > 0) {
          const travel = Math.max(0, this.m.dist.nationalTravel!.quantile(hashUniform(this.base, round, i)));
          this.arrivals.push({ i, count: diff });
          this.sim.schedule(travel, hArrive, this.arrivals.length - 1);
        }
        this.assigned[i] = target[r];
      }
    });
  }
}
