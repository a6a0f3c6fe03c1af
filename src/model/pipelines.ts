import type { DrawPath } from './draws.js';
import type { ModelInput, Technology } from './input.js';
import type { StageName } from './stages.js';
import type { WorkCalendarKind } from './technologies.js';

/** What a technology's job is: its stages in order, the work its crew does, what it costs. */
export interface TechnologyDecl {
  /** Stages in order (names from STAGES); a job is connected when it leaves the last one. */
  pipeline: readonly StageName[];
  work: {
    /** The per-job draw of the work's rate or length. */
    draw: DrawPath;
    /** Seasonal calendar the work follows (null: not seasonal, any day is a full working day). */
    calendar: (input: ModelInput) => WorkCalendarKind | null;
    /**
     * Full-rate crew-days of work, from the draw `q`, the line's km, the region's
     * productivity factor and the replication's national productivity factor.
     */
    days: (q: number, km: number, regionFactor: number, productivity: number) => number;
  };
  /** Cost per job: km × max(0, perKm draw) + max(0, fixed draw), times the national cost overrun. */
  cost: { perKm?: DrawPath; fixed: DrawPath };
}

/**
 * Each technology's job as data. The interpreter in replication.ts walks a job through its
 * pipeline, starting each stage with the stage's handler; adding a stage to a technology
 * is a new entry in STAGES (and a handler if none of the existing kinds fits) and its
 * name in the pipeline here.
 */
export const TECHNOLOGY_DECLS: Readonly<Record<Technology, TechnologyDecl>> = {
  fibre: {
    pipeline: ['design', 'approval', 'budget', 'crew', 'work', 'commissioning'],
    // Laying: km at the crew's km/day (times terrain and national productivity), in the method's season.
    work: { draw: 'fibre.kmPerDay', calendar: (i) => i.fibre.method, days: (rate, km, pf, p) => km / Math.max(1e-9, rate * pf * p) },
    cost: { perKm: 'fibre.costPerKm', fixed: 'fibre.nodeCost' },
  },
  mast: {
    pipeline: ['site allocation', 'mast permit', 'budget', 'crew', 'work', 'power and backhaul'],
    // Construction: days at full rate, shortened or lengthened by productivity, in the mast season.
    work: { draw: 'mast.construction', calendar: () => 'mast', days: (d, _km, pf, p) => Math.max(0, d) / (pf * p) },
    cost: { fixed: 'mast.cost' },
  },
  satellite: {
    pipeline: ['procurement', 'budget', 'crew', 'work'],
    // Installation: days, not seasonal, not scaled by construction productivity.
    work: { draw: 'satellite.install', calendar: () => null, days: (d) => Math.max(0, d) },
    cost: { fixed: 'satellite.cost' },
  },
  household: {
    // Starts once its settlement is on backbone fibre (see buildJobs).
    pipeline: ['household design', 'budget', 'crew', 'work'],
    // In-village works: days at full rate, in the fibre method's season, scaled by productivity.
    work: { draw: 'household.work', calendar: (i) => i.fibre.method, days: (d, _km, pf, p) => Math.max(0, d) / (pf * p) },
    cost: { fixed: 'household.cost' },
  },
};
