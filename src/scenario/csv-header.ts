import type { CsvRecord } from './csv.js';
import type { ScenarioProblem } from './problems.js';
import { closest } from './suggest.js';

export type CsvHeader = { ok: true; columns: Map<string, number> } | { ok: false; problems: ScenarioProblem[] };

/**
 * The header row of a CSV the planner keeps (settlements, observations): each column a
 * known name in any case (a typo gets "did you mean"), none twice, every required one
 * present. Returns each known column's index by its canonical name.
 *
 * @example
 *   csvHeader({ line: 1, fields: ['ID', 'region'] }, 'x.csv', ['id', 'region'], [], []).columns.get('id')   // 0
 */
export function csvHeader(header: CsvRecord, display: string, required: readonly string[], optional: readonly string[], ignored: readonly string[]): CsvHeader {
  const known = [...required, ...optional, ...ignored];
  const problems: ScenarioProblem[] = [];
  const columns = new Map<string, number>();
  header.fields.forEach((raw, i) => {
    const name = known.find((k) => k.toLowerCase() === raw.toLowerCase());
    const at = { file: display, path: `row ${header.line}, column ${i + 1}`, line: header.line, column: i + 1 };
    if (!name) {
      const guess = closest(raw, known);
      problems.push({ ...at, expected: `a known column (${guess ? `did you mean '${guess}'?` : `one of ${known.join(', ')}`})`, found: `'${raw}'` });
    } else if (columns.has(name)) problems.push({ ...at, expected: `column '${name}' once`, found: 'it again' });
    else columns.set(name, i);
  });
  for (const r of required) {
    if (!columns.has(r)) problems.push({ file: display, path: `row ${header.line}`, line: header.line, expected: `a column '${r}' (required columns: ${required.join(', ')})`, found: `columns ${header.fields.join(', ')}` });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, columns };
}
