/**
 * The kinds of national factor, declared once (FACTOR_DECLS), with their codes. A leaf
 * module with no imports, so that reading a scenario (src/scenario/normalise.ts) can list
 * the kinds without loading the engine.
 *
 * @example FACTOR_KINDS[FACTOR.costOverrun] === 'costOverrun'
 */
export interface FactorDecl {
  /** What it multiplies, in the parts' labels ('Regional cost overrun factor'). */
  noun: string;
  /** The national factor's name in the input summary, the drivers chart and sensitivity. */
  label: string;
  /** Its runs.csv column. */
  column: string;
  /** Its row in the report's assumptions, and its name in the conditioning chart. */
  assumption: string;
  posterior: string;
  /** The region or year that is worst for the programme has the lowest value (the slowest crews), else the highest. */
  worstIsLow: boolean;
  /** The smallest value a drawn factor takes (a productivity of 0 would never finish). */
  floor: number;
  /** Whether it can have a yearly part (a line is as long in every year). */
  yearly: boolean;
}

/**
 * Every kind of factor, declared once, in the order of FACTOR codes, draws and columns.
 * Append new kinds at the end: a kind that moves changes every draw after it.
 */
export const FACTOR_DECLS = {
  productivity: {
    noun: 'productivity', label: 'National productivity factor', column: 'factor_productivity',
    assumption: 'Productivity (× laying and construction speed)', posterior: 'Productivity (laying and construction rate)', worstIsLow: true, floor: 1e-6, yearly: true,
  },
  costOverrun: {
    noun: 'cost overrun', label: 'National cost overrun factor', column: 'factor_cost_overrun',
    assumption: 'Cost overrun (× every cost)', posterior: 'Cost overrun (every cost)', worstIsLow: false, floor: 0, yearly: true,
  },
  permitDelay: {
    noun: 'permit delay', label: 'National permit delay factor', column: 'factor_permit_delay',
    assumption: 'Permit delay (× every approval time)', posterior: 'Permit delay (every approval and permit time)', worstIsLow: false, floor: 0, yearly: true,
  },
  distance: {
    noun: 'distance', label: 'National distance factor', column: 'factor_distance',
    assumption: 'Distance (× the km of every fibre line)', posterior: 'Distance (the km of every fibre line)', worstIsLow: false, floor: 0, yearly: false,
  },
} as const satisfies Record<string, FactorDecl>;
export type FactorKind = keyof typeof FACTOR_DECLS;
export const FACTOR_KINDS = Object.keys(FACTOR_DECLS) as readonly FactorKind[];
export const FACTOR = Object.fromEntries(FACTOR_KINDS.map((k, code) => [k, code])) as Readonly<Record<FactorKind, number>>;
