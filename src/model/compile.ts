import { Calendar, WorkCalendar, distribution, type Distribution } from '../engine/index.js';
import type { ModelInput, Technology, FibreMethod, OfficeInput } from './input.js';
import { TECH_CODE, TECH_NAMES } from './stages.js';

/** A target with its dates turned into simulated days and its filters into masks. */
export interface CompiledTarget {
  id: string;
  label: string;
  metric: ModelInput['targets'][number]['metric'];
  threshold: number;
  deadline: string;
  /** Completions strictly before this time count (the end of the deadline date). */
  deadlineEnd: number;
  /** Region mask (1 = counted). */
  inRegion: Uint8Array;
  /** Technology mask indexed by TECH_CODE (1 = counts). */
  techCounts: Uint8Array;
}

/** A coverage-over-time series: settlements in some regions with some technologies. */
export interface CompiledSeries {
  id: string;
  label: string;
  inRegion: Uint8Array;
  techCounts: Uint8Array;
}

/**
 * Everything about a scenario that does not change between replications, computed once
 * per worker: calendars, seasonal work calendars, compiled distributions, event dates.
 */
export interface CompiledModel {
  input: ModelInput;
  calendar: Calendar;
  horizonDays: number;
  regionIds: string[];
  regionIndex: Map<string, number>;
  /** Work calendar per region and kind of work: [regionIdx * 3 + (buried 0 | aerial 1 | mast 2)]. */
  workCalendars: WorkCalendar[];
  dist: {
    population: Distribution[]; // per region
    backboneKm: Distribution[]; // per region
    design: Distribution;
    approval: Distribution;
    kmPerDay: Record<FibreMethod, Distribution>;
    costPerKm: Record<FibreMethod, Distribution>;
    nodeCost: Distribution;
    commissioning: Distribution;
    satProcurement: Distribution | null;
    satInstall: Distribution | null;
    satCost: Distribution | null;
    mast: null | {
      siteAllocation: Distribution;
      permit: Distribution;
      construction: Distribution;
      powerAndBackhaul: Distribution;
      cost: Distribution;
    };
    /** Resubmission delay per office kind (OFFICE_*), null when that office is a pure delay. */
    resubmission: (Distribution | null)[];
    factors: { productivity: Distribution | null; costOverrun: Distribution | null; permitDelay: Distribution | null };
    nationalTravel: Distribution | null;
    riskDays: (Distribution | null)[];
  };
  /** Office settings per kind (OFFICE_*): null = a pure delay. */
  offices: (OfficeInput | null)[];
  /** Motorway masts: corridor index and the km each covers (its corridor's km shared equally, fractions kept). */
  motorwayMasts: { corridor: number; region: number; km: number }[];
  /** All motorway km, exactly as the scenario gives them (targets are met against this). */
  motorwayKm: number;
  /**
   * Histogram bins of the motorway share: MOTORWAY_STEPS when there are motorways, else 0.
   * Counts of motorway coverage are kept in steps of 1/MOTORWAY_STEPS of all motorway km.
   */
  motorwaySize: number;
  targets: CompiledTarget[];
  series: CompiledSeries[];
  /** Report dates: simulated day of each point of the coverage-over-time series. */
  gridDays: Int32Array;
  /** Budget years covered by the run (first = the start's year). */
  firstYear: number;
  years: number;
}

/**
 * Resolution of the motorway share's histograms (value at the deadline, coverage over
 * time): steps of 1/1000 of all motorway km, whatever their length — so a 100,000 km
 * network costs no more memory than a 10 km one. Whether a target is met, and when, is
 * computed from the exact km.
 */
export const MOTORWAY_STEPS = 1000;

/** Office kinds: fibre right-of-way, mast site allocation, mast permit. */
export const OFFICE_RIGHT_OF_WAY = 0, OFFICE_MAST_SITE = 1, OFFICE_MAST_PERMIT = 2;

export function techMask(techs: readonly Technology[]): Uint8Array {
  const m = new Uint8Array(TECH_NAMES.length);
  for (const t of techs) m[TECH_CODE[t]] = 1;
  return m;
}

export function compileModel(input: ModelInput): CompiledModel {
  const calProbe = new Calendar(input.start, 1);
  // The horizon date itself is simulated: day `horizonDays - 1` is the horizon.
  const horizonDays = calProbe.dayOf(input.horizon) + 1;
  if (!(horizonDays > 0)) throw new RangeError(`horizon ${input.horizon} is not after start ${input.start}`);
  const calendar = new Calendar(input.start, horizonDays);

  const regionIds = input.regions.map((r) => r.id);
  const regionIndex = new Map(regionIds.map((id, i) => [id, i] as const));

  const workCalendars: WorkCalendar[] = [];
  for (const r of input.regions) {
    const season = input.seasons[r.season];
    if (!season) throw new RangeError(`region ${r.id}: unknown season '${r.season}'`);
    workCalendars.push(WorkCalendar.fromMonthly(calendar, season.buried));
    workCalendars.push(WorkCalendar.fromMonthly(calendar, season.aerial));
    workCalendars.push(WorkCalendar.fromMonthly(calendar, season.mast ?? season.buried));
  }

  const sat = input.satellite;
  const mast = input.mast;
  const offices: (OfficeInput | null)[] = [input.fibre.approvalOffice ?? null, mast?.siteOffice ?? null, mast?.permitOffice ?? null];
  if ((input.motorways?.length ?? 0) > 0 && !mast) throw new RangeError('motorways need a mast section');
  const dist = {
    population: input.regions.map((r) => distribution(r.population ?? input.settlementDefaults.population)),
    backboneKm: input.regions.map((r) => distribution(r.backboneKm ?? input.settlementDefaults.backboneKm)),
    design: distribution(input.fibre.design),
    approval: distribution(input.fibre.approval),
    kmPerDay: { buried: distribution(input.fibre.kmPerDay.buried), aerial: distribution(input.fibre.kmPerDay.aerial) },
    costPerKm: { buried: distribution(input.fibre.costPerKm.buried), aerial: distribution(input.fibre.costPerKm.aerial) },
    nodeCost: distribution(input.fibre.nodeCost),
    commissioning: distribution(input.fibre.commissioning),
    satProcurement: sat ? distribution(sat.procurement) : null,
    satInstall: sat ? distribution(sat.install) : null,
    satCost: sat ? distribution(sat.cost) : null,
    mast: mast ? {
      siteAllocation: distribution(mast.siteAllocation),
      permit: distribution(mast.permit),
      construction: distribution(mast.construction),
      powerAndBackhaul: distribution(mast.powerAndBackhaul),
      cost: distribution(mast.cost),
    } : null,
    resubmission: offices.map((o) => (o ? distribution(o.resubmission) : null)),
    factors: {
      productivity: input.factors?.productivity ? distribution(input.factors.productivity) : null,
      costOverrun: input.factors?.costOverrun ? distribution(input.factors.costOverrun) : null,
      permitDelay: input.factors?.permitDelay ? distribution(input.factors.permitDelay) : null,
    },
    nationalTravel: input.nationalCrews ? distribution(input.nationalCrews.travelDays) : null,
    riskDays: (input.risks ?? []).map((r) => ('days' in r.impact ? distribution(r.impact.days) : null)),
  };

  const allRegions = new Uint8Array(regionIds.length).fill(1);
  const regionMask = (ids?: string[]) => {
    if (!ids || ids.length === 0) return allRegions;
    const m = new Uint8Array(regionIds.length);
    for (const id of ids) {
      const i = regionIndex.get(id);
      if (i === undefined) throw new RangeError(`unknown region '${id}'`);
      m[i] = 1;
    }
    return m;
  };
  const coverageMask = techMask(input.coverageTechnologies);
  const fibreMask = techMask(['fibre']);

  // Motorway corridors: ceil(km / spacing) masts each, sharing the corridor's km equally
  // (fractions kept: a 0.4 km corridor is 0.4 km, not rounded away).
  const motorwayMasts: CompiledModel['motorwayMasts'] = [];
  let motorwayKm = 0;
  (input.motorways ?? []).forEach((mw, c) => {
    const count = Math.max(1, Math.ceil(mw.km / mw.mastEveryKm));
    const region = regionIndex.get(mw.region);
    if (region === undefined) throw new RangeError(`motorway ${mw.id}: unknown region '${mw.region}'`);
    for (let k = 0; k < count; k++) motorwayMasts.push({ corridor: c, region, km: mw.km / count });
    motorwayKm += mw.km;
  });
  const motorwaySize = motorwayMasts.length > 0 ? MOTORWAY_STEPS : 0;

  const targets: CompiledTarget[] = input.targets.map((t) => ({
    id: t.id,
    label: t.label,
    metric: t.metric,
    threshold: t.threshold,
    deadline: t.deadline,
    deadlineEnd: calendar.dayOf(t.deadline) + 1,
    inRegion: regionMask(t.regions),
    techCounts: t.metric === 'fibre-share' ? fibreMask : coverageMask,
  }));

  const series: CompiledSeries[] = [
    { id: 'fibre', label: 'Settlements on fibre', inRegion: allRegions, techCounts: fibreMask },
    { id: 'coverage', label: 'Settlements covered (>= 100 Mbps)', inRegion: allRegions, techCounts: coverageMask },
  ];
  input.regions.forEach((r, i) => {
    const m = new Uint8Array(regionIds.length);
    m[i] = 1;
    series.push({ id: `fibre:${r.id}`, label: `${r.name}: on fibre`, inRegion: m, techCounts: fibreMask });
    series.push({ id: `coverage:${r.id}`, label: `${r.name}: covered`, inRegion: m, techCounts: coverageMask });
  });
  // Motorway km covered, when modelled: always the last series.
  if (motorwayMasts.length > 0) series.push({ id: 'motorway', label: 'Motorway km covered', inRegion: allRegions, techCounts: techMask(['mast']) });

  // Report dates: every `reportEveryDays` from the start, the day after each deadline (so
  // shares at deadlines are exact), and the end of the horizon.
  const step = Math.max(1, Math.round(input.reportEveryDays));
  const gridSet = new Set<number>();
  for (let d = 0; d < horizonDays; d += step) gridSet.add(d);
  for (const t of targets) if (t.deadlineEnd <= horizonDays) gridSet.add(t.deadlineEnd);
  gridSet.add(horizonDays);
  const grid = [...gridSet].sort((a, b) => a - b);

  const firstYear = calendar.year(0);
  const years = calendar.year(horizonDays - 1) - firstYear + 1;

  return {
    input, calendar, horizonDays, regionIds, regionIndex, workCalendars, dist, targets, series, offices, motorwayMasts, motorwayKm, motorwaySize,
    gridDays: Int32Array.from(grid), firstYear, years,
  };
}
