import type { CsvRecord } from './csv.js';
import type { ScenarioProblem } from './problems.js';

const OTHER = [{ char: ';', name: 'semicolons', echo: true }, { char: '\t', name: 'tabs', echo: false }] as const;

/**
 * A header row that is one field but that a semicolon or a tab splits into several: a
 * spreadsheet's "CSV" in a language whose decimal separator is the comma (Russian, Kazakh,
 * most of Europe: Excel then separates with semicolons), or a tab-separated export.
 * rollout reads commas between fields and points in numbers: one problem that says so and
 * how to save the file, where the reader would otherwise report every column missing. Only
 * when the fields, split so, name one of the reader's `known` columns (any case): a file
 * that is not one of the project's CSVs at all is left to the reader, which says so without
 * quoting a word of it.
 *
 * @example otherDelimiter({ line: 1, fields: ['date;region;metric;value'] }, 'seen.csv', ['date', 'value'])!.found   // "fields separated by semicolons: 'date;region;metric;value'"
 */
export function otherDelimiter(header: CsvRecord, display: string, known: readonly string[]): ScenarioProblem | undefined {
  if (header.fields.length !== 1) return undefined;
  const only = header.fields[0];
  const names = new Set(known.map((k) => k.toLowerCase()));
  const other = OTHER.find((o) => only.includes(o.char) && only.split(o.char).some((f) => names.has(f.trim().toLowerCase())));
  if (!other) return undefined;
  const shown = only.length > 80 ? `${only.slice(0, 77)}...` : only;
  return {
    file: display, path: `row ${header.line}`, line: header.line,
    expected: 'fields separated by commas, with points in numbers (in a spreadsheet: save as "CSV UTF-8 (Comma delimited)", or choose "," as the field delimiter and "." as the decimal separator)',
    found: `fields separated by ${other.name}${other.echo ? `: '${shown}'` : ''}`,
  };
}
