/** Small statistics the report needs: the Wilson interval and quantiles of a histogram. */

/** The Wilson interval lives with the Monte Carlo layer that computes the answers; re-exported for the report. */
export { wilson } from '../montecarlo/wilson.js';

/**
 * The q-quantile of a histogram of dates (lower empirical quantile: the first date by
 * which at least q of all runs had reached it). Runs that never reached it count as
 * beyond the last date, so the answer is null when fewer than q of the runs reached it.
 */
export function quantileFromCounts(counts: readonly { date: string; count: number }[], never: number, q: number): string | null {
  const sorted = [...counts].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const total = sorted.reduce((s, c) => s + c.count, 0) + never;
  if (total <= 0) return null;
  const need = Math.max(1, Math.ceil(q * total - 1e-9));
  let cum = 0;
  for (const c of sorted) {
    cum += c.count;
    if (cum >= need) return c.date;
  }
  return null;
}

/** Share of runs (of counts + never) that reached it on or before `date` (inclusive). */
export function shareBy(counts: readonly { date: string; count: number }[], never: number, date: string): number {
  let hit = 0;
  let total = never;
  for (const c of counts) {
    total += c.count;
    if (c.date <= date) hit += c.count;
  }
  return total > 0 ? hit / total : 0;
}

/** Sums daily counts into calendar months, keyed by the month's first day ('YYYY-MM-01'), in date order. */
export function monthlyCounts(counts: readonly { date: string; count: number }[]): { month: string; count: number }[] {
  const byMonth = new Map<string, number>();
  for (const c of counts) {
    const month = `${c.date.slice(0, 7)}-01`;
    byMonth.set(month, (byMonth.get(month) ?? 0) + c.count);
  }
  return [...byMonth.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([month, count]) => ({ month, count }));
}
