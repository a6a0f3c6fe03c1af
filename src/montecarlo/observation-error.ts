import { isKmMetric, isShareMetric, type CompiledModel, type ObservationInput } from '../model/index.js';
import { regionSizes } from './aggregate.js';

/** Default observation error: this share of the observed value... */
export const DEFAULT_RELATIVE_SD = 0.02;
/** ...and never less than this many settlements (a count; for a share, this many over the region's settlements). */
export const DEFAULT_MIN_SD_SETTLEMENTS = 10;
/** Motorway shares (km, not settlements): never less than this share. */
export const DEFAULT_MIN_SD_MOTORWAY = 0.01;
/** Km of fibre built (`fibre-km`): never less than this many km (estimate: about half a village's line). */
export const DEFAULT_MIN_SD_KM = 10;

/**
 * The standard deviation of each observation's error, in the value's unit: the file's
 * `sd` where it gives one, otherwise the default max(2 % of the value, 10 settlements)
 * (for a share: max(2 % of the share, 10 / the region's settlements); motorway-share:
 * max(2 %, 0.01); fibre-km: max(2 % of the km, 10 km)). Why: published counts are
 * rounded and their definitions differ —
 * two official counts of villages on fibre for the same days of October 2025 are 2,654
 * and 2,606, 1.8 % apart — so an observation is evidence about the model's count, not
 * the count itself; 2 % keeps two such counts within about one error of each other.
 *
 * @example
 *   observationSds(m, [{ date: '2025-12-31', metric: 'fibre-count', value: 2606 }])   // [{ sd: 52.12, from: 'default' }]
 */
export function observationSds(m: CompiledModel, obs: readonly ObservationInput[]): { sd: number; from: 'file' | 'default' }[] {
  const sizes = regionSizes(m);
  const national = sizes.reduce((a, b) => a + b, 0);
  return obs.map((o) => {
    if (o.sd !== undefined) return { sd: o.sd, from: 'file' };
    const relative = DEFAULT_RELATIVE_SD * Math.abs(o.value);
    if (o.metric === 'motorway-share') return { sd: Math.max(relative, DEFAULT_MIN_SD_MOTORWAY), from: 'default' };
    if (isKmMetric(o.metric)) return { sd: Math.max(relative, DEFAULT_MIN_SD_KM), from: 'default' };
    const size = o.region === undefined ? national : sizes[m.regionIndex.get(o.region)!];
    const floor = isShareMetric(o.metric) ? DEFAULT_MIN_SD_SETTLEMENTS / Math.max(1, size) : DEFAULT_MIN_SD_SETTLEMENTS;
    return { sd: Math.max(relative, floor), from: 'default' };
  });
}
