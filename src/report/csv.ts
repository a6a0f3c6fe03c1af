import type { SeriesPoint } from '../montecarlo/result.js';
import { csvTable, type CsvValue } from './csv-format.js';
import { sig } from './format.js';

/**
 * A text cell a spreadsheet would run as a formula — one starting with =, +, -, @, a tab
 * or a carriage return (e.g. a settlement id '=HYPERLINK(...)' from a planner's list) —
 * gets a leading single quote, which spreadsheets show as text. Numbers are written as
 * numbers (-0.5 stays -0.5); only text is touched.
 *
 * @example
 *   csvText('=1+1')     // "'=1+1"
 *   csvText('Akmola')   // 'Akmola'
 */
export function csvText<T>(v: T): T | string {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** timeseries.csv columns, in order. */
export const TIMESERIES_COLUMNS = ['series', 'date', 'p10', 'p25', 'p50', 'p75', 'p90', 'mean'] as const;

/**
 * timeseries.csv: one row per series and report date with the quantiles of the share
 * (0..1) across replications; numbers rounded to 6 significant digits. Header always present.
 */
export function timeseriesCsv(points: SeriesPoint[]): string {
  return csvTable(TIMESERIES_COLUMNS, points.map(cells));
}

/**
 * settlements.csv for one replayed replication (`rollout run --replay i --out DIR`): one
 * row per settlement with what it got, when it was connected (or the stage it was stuck in
 * at the horizon) and the days it spent in each stage.
 */
export function settlementsCsv(rows: Record<string, string | number | null>[]): string {
  if (rows.length === 0) return '\n';
  return csvTable(Object.keys(rows[0]!), rows.map(cells));
}

/** The row as CSV cells: numbers rounded to 6 significant digits, text a spreadsheet would execute neutralised. */
function cells<C extends string>(row: Readonly<Record<C, CsvValue>>): Record<C, CsvValue> {
  const out = {} as Record<C, CsvValue>;
  for (const k of Object.keys(row) as C[]) {
    const v = row[k];
    out[k] = typeof v === 'number' ? sig(v) : csvText(v);
  }
  return out;
}
