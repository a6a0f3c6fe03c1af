import type { RowLayout } from './rows.js';

/**
 * Reading one replication's packed runs.csv row by name, through the scenario's RowLayout
 * (rows.ts): what goal seek, allocation and the cost comparison read of a row.
 *
 * @example
 *   const L = RowLayout.of(m);
 *   const at = r * L.width;
 *   if (rowMet(L, rows, at, 0)) met++;
 *   cost += rowSpend(L, rows, at);
 */

/** 1 when the replication met target t, else 0. */
export const rowMet = (L: RowLayout, rows: Float64Array, at: number, t: number): number => rows[at + L.met(t)];

/** Settlements (or motorway km) counted for target t at its deadline. */
export const rowCountAtDeadline = (L: RowLayout, rows: Float64Array, at: number, t: number): number => rows[at + L.countAtDeadline(t)];

/** Money committed to the horizon, every programme together. */
export const rowSpend = (L: RowLayout, rows: Float64Array, at: number): number => rows[at + L.spend];
