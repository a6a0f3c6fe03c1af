import * as aq from 'arquero';
import type { SeriesPoint } from '../montecarlo/result.js';
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
  const columns: Record<string, unknown[]> = {};
  for (const c of TIMESERIES_COLUMNS) columns[c] = [];
  for (const p of points) {
    for (const c of TIMESERIES_COLUMNS) {
      const v = p[c];
      columns[c]!.push(typeof v === 'number' ? sig(v) : csvText(v));
    }
  }
  const text = aq.table(columns).toCSV({ columns: [...TIMESERIES_COLUMNS] });
  return text.endsWith('\n') ? text : `${text}\n`;
}

/**
 * settlements.csv for one replayed replication (`rollout run --replay i --out DIR`): one
 * row per settlement with what it got, when it was connected (or the stage it was stuck in
 * at the horizon) and the days it spent in each stage.
 */
export function settlementsCsv(rows: Record<string, string | number | null>[]): string {
  if (rows.length === 0) return '\n';
  const names = Object.keys(rows[0]!);
  const columns: Record<string, unknown[]> = {};
  for (const c of names) columns[c] = rows.map((r) => (typeof r[c] === 'number' ? sig(r[c] as number) : csvText(r[c])));
  const text = aq.table(columns).toCSV({ columns: names });
  return text.endsWith('\n') ? text : `${text}\n`;
}
