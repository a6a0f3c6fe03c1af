import { parseCsv, withoutComments } from './csv.js';

/**
 * The project's CSV files, told apart by the columns their header names. A planner who
 * gives one where a scenario or another CSV is expected should learn which file it is and
 * where it goes, rather than read a parser's complaints about every line of it. Each
 * reader takes its required columns from here, so a kind is recognised by exactly the
 * columns its reader demands.
 */

/** A settlements list (`settlementsFile:`). */
export const SETTLEMENTS_REQUIRED = ['id', 'region', 'population', 'connected'] as const;
/** A status per settlement (`status:`, what `rollout run --state-at` writes). */
export const STATE_REQUIRED = ['date', 'id', 'region', 'population', 'technology', 'stage'] as const;
/** A status of counts (`status:`). */
export const COUNT_REQUIRED = ['date', 'region', 'stage', 'count'] as const;
/** An observations file (`rollout run S --observed FILE`, `--score FILE`). */
export const OBSERVATIONS_REQUIRED = ['date', 'region', 'metric', 'value'] as const;

export type CsvKind = 'settlements' | 'status' | 'observations';

/** Each kind's required columns (a status has two layouts), in the order they are tried. */
const KINDS: readonly { kind: CsvKind; layouts: readonly (readonly string[])[] }[] = [
  { kind: 'settlements', layouts: [SETTLEMENTS_REQUIRED] },
  { kind: 'status', layouts: [STATE_REQUIRED, COUNT_REQUIRED] },
  { kind: 'observations', layouts: [OBSERVATIONS_REQUIRED] },
];

/** What each kind is and where it goes, for the "found" half of a message. */
export const CSV_KIND_TEXT: Readonly<Record<CsvKind, { what: string; goes: string }>> = {
  settlements: { what: `a settlements CSV (${SETTLEMENTS_REQUIRED.join(',')})`, goes: "name it in a scenario's 'settlementsFile:' field" },
  status: { what: 'a status CSV (where the programme stands at a date)', goes: "name it in a scenario's 'status:' field" },
  observations: { what: `an observations CSV (${OBSERVATIONS_REQUIRED.join(',')})`, goes: "give it to a run: 'rollout run SCENARIO --observed FILE' (or '--score FILE')" },
};

/**
 * "X, not a Y: where X goes", for a CSV of a known kind given where a Y is expected.
 *
 * @example misplacedCsv('status', 'a settlements list')   // "a status CSV (...), not a settlements list: name it in a scenario's 'status:' field"
 */
export function misplacedCsv(kind: CsvKind, notA: string): string {
  return `${CSV_KIND_TEXT[kind].what}, not ${notA}: ${CSV_KIND_TEXT[kind].goes}`;
}

/**
 * The kind whose required columns a header names (in any case), or undefined.
 *
 * @example csvKindOf(['Date', 'region', 'metric', 'value', 'source'])   // 'observations'
 */
export function csvKindOf(header: readonly string[]): CsvKind | undefined {
  const names = new Set(header.map((f) => f.toLowerCase()));
  return KINDS.find((k) => k.layouts.some((cols) => cols.every((c) => names.has(c))))?.kind;
}

/**
 * The kind of a CSV text, from its first line that is neither blank nor a `#` comment
 * (the header, as every reader takes it); undefined when that line is none of ours.
 *
 * @example csvKindOfText('# end of 2025\ndate,region,stage,count\n...')   // 'status'
 */
export function csvKindOfText(text: string): CsvKind | undefined {
  const first = withoutComments(text).split('\n').find((l) => l.trim() !== '');
  if (first === undefined) return undefined;
  const csv = parseCsv(first);
  return csv.ok && csv.records.length > 0 ? csvKindOf(csv.records[0].fields) : undefined;
}
