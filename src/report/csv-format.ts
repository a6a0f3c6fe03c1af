/**
 * Writing CSV (RFC 4180): one cell, one line, one table. Text is quoted when it holds a
 * comma, a quote, a line break or leading/trailing white space (so a reader that trims
 * unquoted fields, like the scenario's settlements reader, gets it back exactly), with
 * quotes doubled; null and undefined are empty cells; numbers are written as JavaScript
 * prints them. A few lines instead of a data-frame library: the report only writes CSV.
 *
 * @example
 *   csvTable(['id', 'name'], [{ id: 1, name: 'Aksu, north' }, { id: 2, name: null }])
 *   // 'id,name\n1,"Aksu, north"\n2,\n'
 */

/** A value a CSV cell can hold. */
export type CsvValue = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One cell: empty for null/undefined, quoted when needed. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line (ending with '\n') of cells. */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\n`;
}

/** A header line naming `columns`, then one line per row with its values in that order. */
export function csvTable<C extends string>(columns: readonly C[], rows: Iterable<Readonly<Record<C, CsvValue>>>): string {
  let text = csvLine(columns);
  for (const row of rows) text += csvLine(columns.map((c) => row[c]));
  return text;
}
