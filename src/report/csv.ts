import type { SeriesPoint } from '../montecarlo/result.js';
import { csvTable, type CsvValue } from './csv-format.js';
import { sig } from './format.js';

/** timeseries.csv columns, in order. */
export const TIMESERIES_COLUMNS = ['series', 'date', 'p10', 'p25', 'p50', 'p75', 'p90', 'mean'] as const;

/**
 * timeseries.csv: one row per series and report date with the quantiles of the share
 * (0..1) across replications; numbers rounded to 6 significant digits. Header always present.
 */
export function timeseriesCsv(points: SeriesPoint[]): string {
  return csvTable(TIMESERIES_COLUMNS, points.map(rounded));
}

/**
 * settlements.csv for one replayed replication (`rollout run --replay i --out DIR`): one
 * row per settlement with what it got, when it was connected (or the stage it was stuck in
 * at the horizon) and the days it spent in each stage.
 */
export function settlementsCsv(rows: Record<string, string | number | null>[]): string {
  if (rows.length === 0) return '\n';
  return csvTable(Object.keys(rows[0]!), rows.map(rounded));
}

/** The row with every number rounded to 6 significant digits. */
function rounded<C extends string>(row: Readonly<Record<C, CsvValue>>): Record<C, CsvValue> {
  const out = {} as Record<C, CsvValue>;
  for (const k of Object.keys(row) as C[]) out[k] = typeof row[k] === 'number' ? sig(row[k]) : row[k];
  return out;
}
