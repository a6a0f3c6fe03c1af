import { ROW_FIXED } from './rows.js';

/**
 * Reading one replication's packed runs.csv row (see rows.ts) by name: the only place the
 * goal seek, allocation and cost comparison depend on the row's layout.
 *
 * @example
 *   const at = r * rowWidth(m);
 *   if (rowMet(rows, at, 0)) met++;
 *   cost += rowSpend(rows, at);
 */

/** 1 when the replication met target t, else 0. */
export const rowMet = (rows: Float64Array, at: number, t: number): number => rows[at + ROW_FIXED + 3 * t];

/** Settlements (or motorway km) counted for target t at its deadline. */
export const rowCountAtDeadline = (rows: Float64Array, at: number, t: number): number => rows[at + ROW_FIXED + 3 * t + 2];

/** Money committed to the horizon, every programme together. */
export const rowSpend = (rows: Float64Array, at: number): number => rows[at + 3];
