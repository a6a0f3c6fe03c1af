import type { CompiledModel } from './compile.js';
import { regionWork } from './indices.js';

/**
 * When each spring comes: the thaw of every seasonal work calendar in every budget year —
 * the first day of the year with work after a day without (the end of the winter that
 * ends in that year) — or -1 when that year has none within the simulated days (a
 * calendar with no frozen season, or a partial first year whose spring is before the
 * start). Indexed [regionWork * years + y]; worked out once per compiled scenario.
 *
 * A year-y harsh winter lengthens exactly this winter: the one that ends in the spring of
 * year y. So two harsh winters can never hit the same spring.
 *
 * @example thawDays(m)[regionWork(r, 'buried') * m.years + 1]   // day of the thaw in the start's next year
 */
export function thawDays(m: CompiledModel): Int32Array {
  let t = cache.get(m);
  if (t === undefined) {
    t = new Int32Array(m.workCalendars.length * m.years).fill(-1);
    for (let i = 0; i < m.workCalendars.length; i++) {
      const f = m.workCalendars[i].factors;
      for (let y = 0; y < m.years; y++) {
        const [lo, hi] = yearSpan(m, y);
        // A thaw needs the day before it simulated too: day 0 can be no thaw.
        for (let d = Math.max(1, lo); d < hi; d++) if (f[d] > 0 && f[d - 1] === 0) { t[i * m.years + y] = d; break; }
      }
    }
    cache.set(m, t);
  }
  return t;
}

const cache = new WeakMap<CompiledModel, Int32Array>();

/**
 * The simulated part of budget year y (0 = the start's year): [from, to) in simulated days,
 * and the share of the year it is (1 for a whole year; the first and last years of a run
 * may be partial).
 *
 * @example yearSpan(m, 0)   // a run starting on 1 October 2026: [0, 92), share 92 / 365
 */
export function yearSpan(m: CompiledModel, y: number): [from: number, to: number, share: number] {
  const start = m.calendar.startOfYear(m.firstYear + y), end = m.calendar.startOfYear(m.firstYear + y + 1);
  const from = Math.max(0, start), to = Math.min(m.horizonDays, end);
  return [from, to, Math.max(0, to - from) / (end - start)];
}

/** Region r's thaw in year y for its buried fibre and mast work (the calendars a harsh winter lengthens). */
export function thawOf(m: CompiledModel, r: number, kind: 'buried' | 'mast', y: number): number {
  return thawDays(m)[regionWork(r, kind) * m.years + y];
}
