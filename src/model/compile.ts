import { Calendar, WorkCalendar, distribution, type Distribution } from '../engine/index.js';
import { DRAWS, SLOT } from './draws.js';
import { FACTOR_KINDS, type FactorKind } from './factor-parts.js';
import { compileFinancing, type CompiledFinancing } from './financing/programmes.js';
import { mastsAlong, type Metric, type ModelInput, type OfficeInput, type SettlementProgress, type TargetDefinition, type Technology } from './input.js';
import { regionWork } from './indices.js';
import { OFFICES } from './offices.js';
import { TECHNOLOGY_DECLS } from './pipelines.js';
import { SERVICE, SERVICE_BY_KEY, SERVICES, TECH_OF_SERVICE, servicesOfTechnologies, type ServiceId } from './services.js';
import { STAGE, STAGES, type StageDecl } from './stages.js';
import { TECH_CODE, TECH_NAMES, WORK_CALENDARS } from './technologies.js';

/** A target, or one of its readings, with its dates turned into simulated days and its filters into masks. */
export interface CompiledReading {
  id: string;
  label: string;
  metric: Metric;
  /** A share (share metrics) or a number of settlements (count). */
  threshold: number;
  deadline: string;
  /** Completions strictly before this time count (the end of the deadline date). */
  deadlineEnd: number;
  /** Region mask (1 = counted). */
  inRegion: Uint8Array;
  /** Every region counts (the mask is all ones). */
  allRegions: boolean;
  /** Codes of the services that count (any of them); empty for motorway-share. */
  services: Uint8Array;
  /** The threshold is a number of settlements (metric count). */
  count: boolean;
  /** A share's own denominator (the published count it is taken over), 0 = the settlements in its regions. */
  denominator: number;
}

/** A target: its own reading and its alternatives. */
export interface CompiledTarget extends CompiledReading {
  /** Its other readings (the input's alternatives), in order; their results are at `firstReading` onwards in Evaluation.alt*. */
  alternatives: CompiledReading[];
  /** Index of its first alternative in CompiledModel.readings. */
  firstReading: number;
}

/** A service rule compiled to numbers (see ServicesInput): conditions as open intervals, `max` Infinity when absent. */
export interface CompiledServiceRule {
  service: number;
  /** The technology whose job builds the service (TECH_CODE). */
  tech: number;
  populationAbove: number;
  populationBelow: number;
  kmAbove: number;
  kmBelow: number;
  inRegion: Uint8Array;
  max: number;
}

/** What a coverage-over-time series counts. */
export type SeriesKind = 'fibre' | 'coverage' | 'service' | 'motorway';

/** A coverage-over-time series: settlements in some regions with some services (or motorway km). */
export interface CompiledSeries {
  id: string;
  label: string;
  kind: SeriesKind;
  /** The one region it covers, or null for the whole country. */
  region: number | null;
  inRegion: Uint8Array;
  /** Codes of the services that count (any of them). */
  services: Uint8Array;
}

/**
 * Where each series sits in CompiledModel.series (and so in every per-series array):
 * by name, never by position arithmetic.
 */
export interface SeriesLayout {
  fibre: number;
  coverage: number;
  /** Per region. */
  regionFibre: Int32Array;
  regionCoverage: Int32Array;
  /** Motorway km covered, or -1 when the scenario has no motorways. */
  motorway: number;
  /** National series of each service by code (household fibre, mobile, satellite when the scenario has a `services` section), else -1. */
  service: Int32Array;
}

/** A technology's pipeline compiled for a scenario: stage codes in order, skipped stages left out. */
export type Pipeline = Uint8Array;

/**
 * Everything about a scenario that does not change between replications, computed once
 * per worker: calendars, seasonal work calendars, compiled distributions, pipelines, event dates.
 */
export interface CompiledModel {
  input: ModelInput;
  calendar: Calendar;
  horizonDays: number;
  regionIds: string[];
  regionIndex: Map<string, number>;
  /** Seasonal work calendars per region and kind of work (buried, aerial, mast), by regionWork(). */
  workCalendars: WorkCalendar[];
  /** Each technology's stages (by TECH_CODE). */
  pipelines: Pipeline[];
  /** Per stage code: the simulated day from which a job reaching it passes through (Infinity: never; see StageDecl.skipFrom). */
  skipFrom: Float64Array;
  /** The service rules (input.services), in service then rule order. */
  serviceRules: CompiledServiceRule[];
  /** Each per-job input's distribution (by slot, see DRAWS); null when the scenario has no such section. */
  draws: (Distribution | null)[];
  dist: {
    population: Distribution[]; // per region
    backboneKm: Distribution[]; // per region
    /** Resubmission delay per office kind (OFFICES order), null when that office is a pure delay. */
    resubmission: (Distribution | null)[];
    /** Each national factor's distribution, null when the scenario leaves it out (1). */
    factors: Record<FactorKind, Distribution | null>;
    nationalTravel: Distribution | null;
    riskDays: (Distribution | null)[];
  };
  /** Office settings per kind (OFFICES order): null = a pure delay. */
  offices: (OfficeInput | null)[];
  /**
   * Motorway masts: corridor index, the km each covers (its corridor's km shared equally,
   * fractions kept), its number along the corridor (0-based), and where a status has it
   * (null: no status, or none for it: it starts afresh; stage 'done': on air before the run,
   * so it has no job).
   */
  motorwayMasts: { corridor: number; region: number; km: number; mast: number; before: SettlementProgress | null }[];
  /** All motorway km, exactly as the scenario gives them (targets are met against this). */
  motorwayKm: number;
  /**
   * Histogram bins of the motorway share: MOTORWAY_STEPS when there are motorways, else 0.
   * Counts of motorway coverage are kept in steps of 1/MOTORWAY_STEPS of all motorway km.
   */
  motorwaySize: number;
  targets: CompiledTarget[];
  /** Every target's alternatives, target by target: evaluated in the same replications as the targets. */
  readings: (CompiledReading & { target: number })[];
  series: CompiledSeries[];
  seriesLayout: SeriesLayout;
  /** Report dates: simulated day of each point of the coverage-over-time series. */
  gridDays: Int32Array;
  /**
   * For a completion at time c (-1 <= c <= horizonDays), the first report date after it:
   * gridAfterDay[floor(c) + 1] (report dates are whole days, so the first date > c is the
   * first date > floor(c)); gridDays.length when there is none.
   */
  gridAfterDay: Int32Array;
  /** Budget years covered by the run (first = the start's year). */
  firstYear: number;
  years: number;
  /** The money: programmes (from `financing`, or one per `budget` line) and inflation. */
  financing: CompiledFinancing;
  /** Simulated day of 1 January of each budget year (the first is the start's year, so usually negative). */
  yearStartDays: Int32Array;
}

/**
 * Resolution of the motorway share's histograms (value at the deadline, coverage over
 * time): steps of 1/1000 of all motorway km, whatever their length — so a 100,000 km
 * network costs no more memory than a 10 km one. Whether a target is met, and when, is
 * computed from the exact km.
 */
export const MOTORWAY_STEPS = 1000;

export function techMask(techs: readonly Technology[]): Uint8Array {
  const m = new Uint8Array(TECH_NAMES.length);
  for (const t of techs) m[TECH_CODE[t]] = 1;
  return m;
}

/**
 * The services a target definition counts: fibre-share = backbone fibre, coverage-share =
 * what the coverage technologies build, share and count = its `services`, motorway-share = none.
 *
 * @example servicesOf({ metric: 'fibre-share', ... }, input)   // ['backbone-fibre']
 */
export function servicesOf(t: Pick<TargetDefinition, 'metric' | 'services'>, input: Pick<ModelInput, 'coverageTechnologies'>): ServiceId[] {
  switch (t.metric) {
    case 'fibre-share': return ['backbone-fibre'];
    case 'coverage-share': return servicesOfTechnologies(input.coverageTechnologies);
    case 'motorway-share': return [];
    default: return t.services ?? [];
  }
}

const serviceCodes = (ids: readonly ServiceId[]) => Uint8Array.from(ids, (id) => SERVICE[id]);

export function compileModel(input: ModelInput): CompiledModel {
  const calProbe = new Calendar(input.start, 1);
  // The horizon date itself is simulated: day `horizonDays - 1` is the horizon.
  const horizonDays = calProbe.dayOf(input.horizon) + 1;
  if (!(horizonDays > 0)) throw new RangeError(`horizon ${input.horizon} is not after start ${input.start}`);
  const calendar = new Calendar(input.start, horizonDays);

  const regionIds = input.regions.map((r) => r.id);
  const regionIndex = new Map(regionIds.map((id, i) => [id, i] as const));

  const workCalendars: WorkCalendar[] = [];
  input.regions.forEach((r, ri) => {
    const season = input.seasons[r.season];
    if (!season) throw new RangeError(`region ${r.id}: unknown season '${r.season}'`);
    const monthly = { buried: season.buried, aerial: season.aerial, mast: season.mast ?? season.buried };
    for (const kind of WORK_CALENDARS) workCalendars[regionWork(ri, kind)] = WorkCalendar.fromMonthly(calendar, monthly[kind]);
  });

  const offices = OFFICES.map((o) => o.input(input) ?? null);
  if ((input.motorways?.length ?? 0) > 0 && !input.mast) throw new RangeError('motorways need a mast section');
  const draws = DRAWS.map((d) => {
    const spec = d.spec(input);
    return spec === undefined ? null : distribution(spec);
  });
  const dist: CompiledModel['dist'] = {
    population: input.regions.map((r) => distribution(r.population ?? input.settlementDefaults.population)),
    backboneKm: input.regions.map((r) => distribution(r.backboneKm ?? input.settlementDefaults.backboneKm)),
    resubmission: offices.map((o) => (o ? distribution(o.resubmission) : null)),
    factors: Object.fromEntries(FACTOR_KINDS.map((k) => {
      const spec = input.factors?.[k];
      return [k, spec ? distribution(spec) : null];
    })) as Record<FactorKind, Distribution | null>,
    nationalTravel: input.nationalCrews ? distribution(input.nationalCrews.travelDays) : null,
    riskDays: (input.risks ?? []).map((r) => ('days' in r.impact ? distribution(r.impact.days) : null)),
  };

  // Each technology's stages, with the stages this scenario skips left out: those its
  // `skip` rule excludes, and delays that always last zero days (no time passes, so no event).
  const alwaysZero = (stage: StageDecl) => {
    if (stage.handler !== 'delay') return false;
    const spec = DRAWS[SLOT[stage.draw!]].spec(input);
    return spec !== undefined && spec.dist === 'fixed' && spec.value === 0;
  };
  const pipelines = TECH_NAMES.map((t) => Uint8Array.from(TECHNOLOGY_DECLS[t].pipeline
    .filter((name) => !STAGES[STAGE[name]].skip?.(input) && !alwaysZero(STAGES[STAGE[name]]))
    .map((name) => STAGE[name])));
  const skipFrom = Float64Array.from(STAGES, (stage) => {
    const date = stage.skipFrom?.(input);
    return date === undefined ? Infinity : calendar.dayOf(date);
  });

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
  const coverage = serviceCodes(servicesOfTechnologies(input.coverageTechnologies));
  const backbone = serviceCodes(['backbone-fibre']);

  // Motorway corridors: ceil(km / spacing) masts each, sharing the corridor's km equally
  // (fractions kept: a 0.4 km corridor is 0.4 km, not rounded away).
  const motorwayMasts: CompiledModel['motorwayMasts'] = [];
  const statusOfMast = new Map((input.status?.motorways ?? []).map((x) => [`${x.motorway}#${x.mast}`, x.progress]));
  let motorwayKm = 0;
  (input.motorways ?? []).forEach((mw, c) => {
    const count = mastsAlong(mw);
    const region = regionIndex.get(mw.region);
    if (region === undefined) throw new RangeError(`motorway ${mw.id}: unknown region '${mw.region}'`);
    for (let k = 0; k < count; k++) motorwayMasts.push({ corridor: c, region, km: mw.km / count, mast: k, before: statusOfMast.get(`${mw.id}#${k}`) ?? null });
    motorwayKm += mw.km;
  });
  const motorwaySize = motorwayMasts.length > 0 ? MOTORWAY_STEPS : 0;

  const reading = (t: TargetDefinition & { id: string; label: string }): CompiledReading => ({
    id: t.id,
    label: t.label,
    metric: t.metric,
    threshold: t.threshold,
    deadline: t.deadline,
    deadlineEnd: calendar.dayOf(t.deadline) + 1,
    inRegion: regionMask(t.regions),
    allRegions: regionMask(t.regions).every((x) => x === 1),
    services: serviceCodes(servicesOf(t, input)),
    count: t.metric === 'count',
    denominator: t.denominator ?? 0,
  });
  const readings: CompiledModel['readings'] = [];
  const targets: CompiledTarget[] = input.targets.map((t, k) => {
    const alternatives = (t.alternatives ?? []).map(reading);
    const firstReading = readings.length;
    for (const a of alternatives) readings.push({ ...a, target: k });
    return { ...reading(t), alternatives, firstReading };
  });

  const serviceRules: CompiledServiceRule[] = [];
  for (const [key, section] of Object.entries(input.services ?? {}) as [keyof NonNullable<ModelInput['services']>, { rules: NonNullable<NonNullable<ModelInput['services']>['mobile']>['rules'] }][]) {
    const service = SERVICE_BY_KEY[key];
    for (const r of section?.rules ?? []) {
      serviceRules.push({
        service, tech: TECH_OF_SERVICE[service],
        populationAbove: r.populationAbove ?? -Infinity, populationBelow: r.populationBelow ?? Infinity,
        kmAbove: r.backboneKmAbove ?? -Infinity, kmBelow: r.backboneKmBelow ?? Infinity,
        inRegion: regionMask(r.regions), max: r.max ?? Infinity,
      });
    }
  }

  const series: CompiledSeries[] = [];
  const add = (s: CompiledSeries) => series.push(s) - 1;
  const seriesLayout: SeriesLayout = {
    fibre: add({ id: 'fibre', label: 'Settlements on fibre', kind: 'fibre', region: null, inRegion: allRegions, services: backbone }),
    coverage: add({ id: 'coverage', label: 'Settlements covered (>= 100 Mbps)', kind: 'coverage', region: null, inRegion: allRegions, services: coverage }),
    regionFibre: new Int32Array(regionIds.length),
    regionCoverage: new Int32Array(regionIds.length),
    motorway: -1,
    service: new Int32Array(SERVICES.length).fill(-1),
  };
  input.regions.forEach((r, i) => {
    const m = new Uint8Array(regionIds.length);
    m[i] = 1;
    seriesLayout.regionFibre[i] = add({ id: `fibre:${r.id}`, label: `${r.name}: on fibre`, kind: 'fibre', region: i, inRegion: m, services: backbone });
    seriesLayout.regionCoverage[i] = add({ id: `coverage:${r.id}`, label: `${r.name}: covered`, kind: 'coverage', region: i, inRegion: m, services: coverage });
  });
  if (motorwayMasts.length > 0) {
    seriesLayout.motorway = add({ id: 'motorway', label: 'Motorway km covered', kind: 'motorway', region: null, inRegion: allRegions, services: new Uint8Array(0) });
  }
  // Scenarios with services: a national series of each service besides backbone fibre (after the others, whose positions stay).
  if (input.services) {
    SERVICES.forEach((sv, code) => {
      if (sv.id === 'backbone-fibre') return;
      seriesLayout.service[code] = add({ id: sv.id, label: `Settlements ${sv.label}`, kind: 'service', region: null, inRegion: allRegions, services: Uint8Array.of(code) });
    });
  }

  // Report dates: every `reportEveryDays` from the start, the day after each deadline (so
  // shares at deadlines are exact), and the end of the horizon.
  const step = Math.max(1, Math.round(input.reportEveryDays));
  const gridSet = new Set<number>();
  for (let d = 0; d < horizonDays; d += step) gridSet.add(d);
  for (const t of targets) if (t.deadlineEnd <= horizonDays) gridSet.add(t.deadlineEnd);
  for (const t of readings) if (t.deadlineEnd <= horizonDays) gridSet.add(t.deadlineEnd);
  gridSet.add(horizonDays);
  const grid = [...gridSet].sort((a, b) => a - b);
  const gridAfterDay = new Int32Array(horizonDays + 2);
  for (let d = -1, g = 0; d <= horizonDays; d++) {
    while (g < grid.length && grid[g] <= d) g++;
    gridAfterDay[d + 1] = g;
  }

  const firstYear = calendar.year(0);
  const years = calendar.year(horizonDays - 1) - firstYear + 1;
  const yearStartDays = Int32Array.from({ length: years }, (_, y) => calendar.startOfYear(firstYear + y));

  return {
    input, calendar, horizonDays, regionIds, regionIndex, workCalendars, pipelines, skipFrom, serviceRules, draws, dist, targets, readings, series, seriesLayout, offices,
    motorwayMasts, motorwayKm, motorwaySize, gridDays: Int32Array.from(grid), gridAfterDay, firstYear, years, yearStartDays,
    financing: compileFinancing(input, firstYear, years, regionIndex),
  };
}
