import * as aq from 'arquero';
import type { SeriesPoint } from '../montecarlo/result.js';
import { sig } from './format.js';

/** timeseries.csv columns, in order. */
export const TIMESERIES_COLUMNS = ['series', 'date', 'p10', 'p25', 'p50', 'p75', 'p90', 'mean'] as const;

/**
 * timeseries.csv: one row per series and report date with the quantiles of the share
 * (0..1) across replications; numbers rounded to 6 significant digits. Header always present.
 */
export function timeseriesCsv(points: SeriesPoint[]): string {
  const columns: Record<string, unknown[]> = {};
  for (const c of TIMESERIES_COLUMNS) columns[c] = [];
  for (const p of points) {
    for (const c of TIMESERIES_COLUMNS) {
      const v = p[c];
      columns[c]!.push(typeof v === 'number' ? sig(v) : v);
    }
  }
  const text = aq.table(columns).toCSV({ columns: [...TIMESERIES_COLUMNS] });
  return text.endsWith('\n') ? text : `${text}\n`;
}
