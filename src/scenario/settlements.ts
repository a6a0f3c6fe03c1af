import { TECHNOLOGIES, type SettlementRecord, type Technology } from '../model/input.js';
import { SERVICES, SERVICE_BY_KEY } from '../model/services.js';
import { describeFound, type ScenarioProblem } from './problems.js';
import { parseCsv, withoutComments } from './csv.js';
import { readText } from './read-text.js';
import { suggestion } from './suggest.js';
import { otherDelimiter } from './csv-delimiter.js';
import { csvHeader } from './csv-header.js';
import { SETTLEMENTS_REQUIRED, csvKindOf, misplacedCsv } from './csv-kinds.js';

/**
 * The settlements list a planner maintains (`settlementsFile`): one row per settlement,
 * read into SettlementRecord[]. Every problem names the CSV file, the row (= line, the
 * header being row 1, as a spreadsheet shows it, when no comment precedes it) and the
 * column, so the planner can fix the sheet without guessing. Lines starting with `#` are
 * comments, as in the status and observations files.
 */

const REQUIRED = SETTLEMENTS_REQUIRED;
/** householdFibre, mobile, satellite: services the settlement has at the start besides its technology's (true/false/1/0). */
const SERVICE_COLUMNS = ['householdFibre', 'mobile', 'satellite'] as const;
const OPTIONAL = ['backboneKm', 'technology', 'approvalDays', 'planOrder', ...SERVICE_COLUMNS] as const;
/** A settlement's own technology (household fibre is only ever a service rule's). */
const OWN_TECHNOLOGIES = TECHNOLOGIES.filter((t) => t !== 'household');
/** Columns for people, ignored by the model. */
const IGNORED = ['name', 'notes'] as const;
const KNOWN: readonly string[] = [...REQUIRED, ...OPTIONAL, ...IGNORED];
/** A decimal number as a spreadsheet writes it: 12, -3.5, .5, 1e5 (no hex, no Infinity). */
export const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

export type SettlementsResult = { ok: true; settlements: SettlementRecord[] } | { ok: false; problems: ScenarioProblem[] };

export function readSettlements(abs: string, display: string, regionIds: readonly string[]): SettlementsResult {
  const read = readText(abs, display, 'a settlements CSV file');
  if (!read.ok) return { ok: false, problems: [read.problem] };
  // `#` comment lines as in the status and observations files: a note on where the list comes from.
  const csv = parseCsv(withoutComments(read.text));
  if (!csv.ok) return { ok: false, problems: [{ file: display, path: `row ${csv.line}`, line: csv.line, column: csv.column, expected: 'valid CSV', found: csv.message }] };
  const problems: ScenarioProblem[] = [];
  const [header, ...rows] = csv.records;
  if (!header) return { ok: false, problems: [{ file: display, path: '', expected: 'a header row', found: 'an empty file (or only comments)' }] };
  const delimiter = otherDelimiter(header, display, KNOWN);
  if (delimiter) return { ok: false, problems: [delimiter] };

  // A file that names none of the columns is not a settlements list at all (a wrong path:
  // /etc/shadow, a report): say so without quoting a word of it. Another of the project's
  // CSVs (observations, a status of counts) shares a column or two (region): name it and
  // where it goes, rather than complain of each of its other columns.
  const expected = `a settlements CSV whose first line names its columns (${REQUIRED.join(', ')} required; ${[...OPTIONAL, ...IGNORED].join(', ')} optional)`;
  const kind = csvKindOf(header.fields);
  if (kind !== undefined && kind !== 'settlements') {
    return { ok: false, problems: [{ file: display, path: '', line: header.line, expected, found: misplacedCsv(kind, 'a settlements list') }] };
  }
  if (!header.fields.some((raw) => KNOWN.some((k) => k.toLowerCase() === raw.toLowerCase()))) {
    return { ok: false, problems: [{ file: display, path: '', expected, found: 'a file whose first line names none of them (not a settlements list?)' }] };
  }

  // Header: known names (any case), no repeats, every required column present.
  const head = csvHeader(header, display, REQUIRED, OPTIONAL, IGNORED);
  if (!head.ok) return { ok: false, problems: head.problems };
  const col = head.columns;
  if (rows.length === 0) return { ok: false, problems: [{ file: display, path: '', line: header.line, expected: 'at least one settlement row', found: 'only the header' }] };

  const settlements: SettlementRecord[] = [];
  const firstRow = new Map<string, number>();
  for (const row of rows) {
    const cell = (name: string) => {
      const i = col.get(name);
      return i === undefined ? undefined : row.fields[i] ?? '';
    };
    const at = (name: string) => {
      const i = col.get(name)!;
      return { file: display, path: `row ${row.line}, column ${name}`, line: row.line, column: i + 1 };
    };
    if (row.fields.length !== header.fields.length) {
      problems.push({ file: display, path: `row ${row.line}`, line: row.line, expected: `${header.fields.length} fields, as in the header`, found: `${row.fields.length}` });
      continue;
    }
    const before = problems.length;
    const id = cell('id')!;
    if (id === '') problems.push({ ...at('id'), expected: 'an id', found: 'an empty cell' });
    else if (firstRow.has(id)) problems.push({ ...at('id'), expected: 'a unique id', found: `'${id}' again (first on row ${firstRow.get(id)})` });
    else firstRow.set(id, row.line);

    const region = cell('region')!;
    if (!regionIds.includes(region)) problems.push({ ...at('region'), expected: `a region id of the scenario (${suggestion(region, regionIds)})`, found: region === '' ? 'an empty cell' : `'${region}'` });

    const num = (name: string, opts: { whole?: boolean; min?: number; optional?: boolean }): number | undefined => {
      const s = cell(name);
      if (s === undefined || (s === '' && opts.optional)) return undefined;
      // Decimal only: Number() would also read 0x10 as 16, 0b11 as 3 and 'Infinity'.
      const v = DECIMAL.test(s) ? Number(s) : NaN;
      const ok = Number.isFinite(v) && (!opts.whole || Number.isInteger(v)) && (opts.min === undefined || v >= opts.min);
      if (!ok) {
        const what = `${opts.whole ? 'a whole number' : 'a number'}${opts.min !== undefined ? ` >= ${opts.min}` : ''}${s !== '' && !DECIMAL.test(s) ? ' written in decimal digits' : ''}`;
        problems.push({ ...at(name), expected: what, found: s === '' ? 'an empty cell' : describeFound(s) });
      }
      return v;
    };
    const population = num('population', { whole: true, min: 0 });
    const backboneKm = num('backboneKm', { min: 0, optional: true });
    const approvalDays = num('approvalDays', { min: 0, optional: true });
    const planOrder = num('planOrder', { optional: true });

    const flag = (name: string, optional: boolean): boolean => {
      const raw = cell(name);
      if (raw === undefined || (raw === '' && optional)) return false;
      const c = raw.toLowerCase();
      if (!['true', 'false', '1', '0'].includes(c)) problems.push({ ...at(name), expected: `true, false, 1 or 0${optional ? ' (or empty)' : ''}`, found: c === '' ? 'an empty cell' : `'${raw}'` });
      return c === 'true' || c === '1';
    };
    const connected = flag('connected', false);
    const services = SERVICE_COLUMNS.filter((name) => flag(name, true)).map((name) => SERVICES[SERVICE_BY_KEY[name]].id);

    const t = cell('technology');
    let technology: Technology | undefined;
    if (t !== undefined && t !== '') {
      if ((OWN_TECHNOLOGIES as readonly string[]).includes(t)) technology = t as Technology;
      else problems.push({ ...at('technology'), expected: `one of ${OWN_TECHNOLOGIES.join(', ')} or empty${t === 'household' ? ' (household fibre comes from services.householdFibre, or the householdFibre column)' : ''}`, found: `'${t}'` });
    }
    if (problems.length > before) continue;
    const rec: SettlementRecord = { id, region, population: population!, connected };
    if (backboneKm !== undefined) rec.backboneKm = backboneKm;
    if (technology !== undefined) rec.technology = technology;
    if (approvalDays !== undefined) rec.approvalDays = approvalDays;
    if (planOrder !== undefined) rec.planOrder = planOrder;
    if (services.length > 0) rec.services = services;
    settlements.push(rec);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, settlements };
}
