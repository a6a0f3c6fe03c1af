import type { CompiledModel } from './compile.js';
import { serviceTime } from './evaluate.js';
import { SERVICE, servicesOfTechnologies, type ServiceId } from './services.js';
import type { SettlementTable } from './settlements.js';

/**
 * What a planner can observe of the programme, and the same quantity in a simulated
 * future. Each metric is counted at the end of the observation's date, exactly as a
 * target is at its deadline: a settlement counts if it was connected before that date
 * ended (or was already connected at the start).
 *
 *  - `fibre-count` (backbone fibre), `household-fibre-count`, `mobile-count` (`mast-count`
 *    is the same: settlements a mast covers), `satellite-count`: settlements with that service;
 *  - `coverage-count`: settlements with a service of a `coverageTechnologies` technology;
 *  - `<any of these>-share` (`fibre-share`, `coverage-share`, ...): the count divided by
 *    the settlements of the region (or of the country);
 *  - `motorway-share`: motorway km covered by finished masts / all motorway km (national);
 *  - `fibre-km`: km of backbone fibre built during the run — the backbone km of every
 *    settlement that got backbone fibre after the start and by the end of the date (a line
 *    still being laid does not count; settlements on fibre at the start count nothing).
 */
export const OBSERVATION_METRICS = [
  'fibre-count', 'fibre-share', 'coverage-count', 'coverage-share',
  'satellite-count', 'satellite-share', 'mast-count', 'mast-share', 'motorway-share',
  'household-fibre-count', 'household-fibre-share', 'mobile-count', 'mobile-share',
  'fibre-km',
] as const;
export type ObservationMetric = (typeof OBSERVATION_METRICS)[number];

/** One thing that was seen (a row of an observations file). */
export interface ObservationInput {
  /** 'YYYY-MM-DD': the value holds at the end of this date. */
  date: string;
  /** A region id; undefined for the whole country. */
  region?: string;
  metric: ObservationMetric;
  /** A count of settlements, a share in [0, 1], or km (`fibre-km`). */
  value: number;
  /** Observation error (standard deviation, in the value's unit), when the file gives one. */
  sd?: number;
  /** Where it came from, for people (file:line, or a note). */
  origin?: string;
}

/** Whether a metric is a share (0..1) rather than a count. */
export const isShareMetric = (metric: ObservationMetric): boolean => metric.endsWith('-share');

/** Whether a metric is a length in km (`fibre-km`) rather than a number or share of settlements. */
export const isKmMetric = (metric: ObservationMetric): boolean => metric.endsWith('-km');

/** An observation turned into simulated days and masks. */
export interface CompiledObservation {
  /** Completions strictly before this time count (the end of the observation's date). */
  dayEnd: number;
  /** Region mask (1 = counted). */
  inRegion: Uint8Array;
  /** Codes of the services that count (any of them); empty for motorway-share. */
  services: Uint8Array;
  share: boolean;
  motorway: boolean;
  /** `fibre-km`: sums the backbone km of the settlements that got the service during the run. */
  km: boolean;
}

const cache = new WeakMap<CompiledModel, CompiledObservation[]>();

/** The service an observation metric's name stands for (its part before -count / -share). */
const OBSERVED_SERVICE: Readonly<Record<string, ServiceId>> = {
  fibre: 'backbone-fibre', 'household-fibre': 'household-fibre', mobile: 'mobile', mast: 'mobile', satellite: 'satellite',
};

/**
 * The scenario's observations (`input.observations`), compiled once per compiled model.
 *
 * @example
 *   const m = compileModel({ ...input, observations: [{ date: '2026-06-30', metric: 'fibre-count', value: 3400 }] });
 *   compiledObservations(m)[0].dayEnd   // m.calendar.dayOf('2026-06-30') + 1
 */
export function compiledObservations(m: CompiledModel): CompiledObservation[] {
  let c = cache.get(m);
  if (c) return c;
  const all = new Uint8Array(m.regionIds.length).fill(1);
  c = (m.input.observations ?? []).map((o) => {
    let inRegion = all;
    if (o.region !== undefined) {
      const r = m.regionIndex.get(o.region);
      if (r === undefined) throw new RangeError(`observation on ${o.date}: unknown region '${o.region}'`);
      inRegion = new Uint8Array(m.regionIds.length);
      inRegion[r] = 1;
    }
    const what = o.metric.slice(0, o.metric.lastIndexOf('-'));
    const ids: ServiceId[] = what === 'coverage' ? servicesOfTechnologies(m.input.coverageTechnologies) : what === 'motorway' ? [] : [OBSERVED_SERVICE[what]];
    return {
      dayEnd: m.calendar.dayOf(o.date) + 1, inRegion, services: Uint8Array.from(ids, (id) => SERVICE[id]),
      share: isShareMetric(o.metric), motorway: o.metric === 'motorway-share', km: isKmMetric(o.metric),
    };
  });
  cache.set(m, c);
  return c;
}

/**
 * Each observation's value in one simulated future (in `input.observations` order), from
 * the times the replication's settlements got each service (`done`, [service * n + i]: -1
 * = at the start, Infinity = not within the horizon) and their regions.
 *
 * @example
 *   // a replication in which settlements 0 and 1 are on fibre before 2026-06-30 ends:
 *   observeReplication(m, st, o.serviceDone, new Float64Array(0))   // Float64Array [2] for a fibre-count
 *   // ... and for a fibre-km, the km of those of the two that were not on fibre at the start
 */
export function observeReplication(m: CompiledModel, st: SettlementTable, done: Float64Array, motorwayCompletion: Float64Array, lineKm?: (i: number) => number): Float64Array {
  const obs = compiledObservations(m);
  const out = new Float64Array(obs.length);
  obs.forEach((o, k) => {
    if (o.motorway) {
      let km = 0;
      m.motorwayMasts.forEach((mw, j) => { if (motorwayCompletion[j] < o.dayEnd) km += mw.km; });
      out[k] = m.motorwayKm > 0 ? km / m.motorwayKm : 0;
      return;
    }
    if (o.km) {
      // Built during the run: done at a time >= 0 (-1 = there at the start) before the date ends.
      let km = 0;
      for (let i = 0; i < st.n; i++) {
        if (!o.inRegion[st.region[i]]) continue;
        const t = serviceTime(done, st.n, o.services, i);
        // The km laid: settlement i's fibre line when the caller knows it (the replication: its
        // distance times the distance factor, at least what a status says was laid), else its distance.
        if (t >= 0 && t < o.dayEnd) km += lineKm ? lineKm(i) : st.backboneKm[i];
      }
      out[k] = km;
      return;
    }
    let count = 0, size = 0;
    for (let i = 0; i < st.n; i++) {
      if (!o.inRegion[st.region[i]]) continue;
      size++;
      if (serviceTime(done, st.n, o.services, i) < o.dayEnd) count++;
    }
    out[k] = o.share ? (size > 0 ? count / size : 0) : count;
  });
  return out;
}
