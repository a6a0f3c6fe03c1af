import type { HandlerId } from '../../engine/index.js';
import { regionTech, type RegionTech } from '../indices.js';
import { TECH_CODE } from '../technologies.js';
import type { World } from '../world.js';

/**
 * How many crews each regional pool has: its own (the scenario's crews, changed on the
 * crew-change dates and by the delivery capacity's growth) plus the national crews there
 * (NationalPool), unless a contractor default has stopped the pool. A crew change moves
 * the region's own crews only: the national ones are the pool's to send. A pool whose
 * number falls keeps the crews at work until they finish their jobs (a resource never
 * pre-empts).
 */
export class CrewCapacity {
  /** The region's own crews per pool (by regionTech); may fall below 0 after a cut (`add`), counted as none. */
  readonly nominal: Float64Array;
  /** National crews that have arrived in each pool (NationalPool). */
  readonly national: Float64Array;
  /** Contractor defaults in force per pool. */
  private readonly blocked: Uint8Array;
  private readonly change: HandlerId;
  private readonly defaultStart: HandlerId;
  private readonly defaultEnd: HandlerId;

  constructor(private readonly w: World) {
    this.nominal = new Float64Array(w.crews.length);
    this.national = new Float64Array(w.crews.length);
    this.blocked = new Uint8Array(w.crews.length);
    this.change = w.sim.on((c) => this.changeCrews(c), 'crew change');
    const pool = (k: number) => regionTech(w.risks.defaults[k].region, w.risks.defaults[k].tech);
    this.defaultStart = w.sim.on((k) => { this.blocked[pool(k)]++; this.apply(pool(k)); }, 'contractor default');
    this.defaultEnd = w.sim.on((k) => { this.blocked[pool(k)]--; this.apply(pool(k)); }, 'contractor back');
  }

  /** Crew change c (m.input.crewChanges) now: its pools' nominal crews changed and applied. */
  private changeCrews(c: number): void {
    const { m } = this.w;
    const ch = m.input.crewChanges[c];
    for (let r = 0; r < m.regionIds.length; r++) {
      if (ch.region !== undefined && m.regionIds[r] !== ch.region) continue;
      const i = regionTech(r, TECH_CODE[ch.technology]);
      this.nominal[i] = ch.add !== undefined ? this.nominal[i] + ch.add : Math.round(this.nominal[i] * (ch.multiply ?? 1));
      this.apply(i);
    }
  }

  /** Whether a contractor default stops pool i now. */
  isBlocked(i: RegionTech): boolean {
    return this.blocked[i] > 0;
  }

  /** Crews of pool i not at work, whether or not a default stops it now. */
  idle(i: RegionTech): number {
    return Math.max(0, Math.max(0, this.nominal[i]) + this.national[i] - this.w.crews[i].inUse);
  }

  /** Sets pool i's crews from its own and national crews and its defaults. */
  apply(i: RegionTech): void {
    this.w.crews[i].setCapacity(this.blocked[i] > 0 ? 0 : Math.max(0, this.nominal[i]) + this.national[i]);
  }

  /** Resets every pool to the scenario's crews, applies the crew changes dated before the start and schedules the rest and this replication's defaults. */
  start(): void {
    const { m, sim, crews, risks } = this.w;
    this.blocked.fill(0);
    this.national.fill(0);
    m.input.regions.forEach((r, ri) => {
      for (const [t, code] of Object.entries(TECH_CODE) as [keyof typeof TECH_CODE, number][]) {
        const i = regionTech(ri, code);
        crews[i].reset(r.crews[t] ?? 0);
        this.nominal[i] = crews[i].capacity;
      }
    });
    m.input.crewChanges.forEach((ch, c) => {
      const day = m.calendar.dayOf(ch.date);
      // Dated before the run's start (a run from a status): in force when it starts, before
      // any job asks for a crew — a crew removed then takes no job the status has waiting.
      if (day < 0) this.changeCrews(c);
      else if (day < m.horizonDays) sim.at(day, this.change, c);
    });
    risks.defaults.forEach((d, k) => {
      if (d.start < m.horizonDays) sim.at(Math.max(0, d.start), this.defaultStart, k);
      if (d.start + d.days < m.horizonDays) sim.at(Math.max(0, d.start + d.days), this.defaultEnd, k);
    });
  }

  isCrewChange(h: HandlerId): boolean {
    return h === this.change;
  }
}
