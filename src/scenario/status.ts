import { isoToEpochDay, epochDayToIso } from '../engine/index.js';
import { SERVICES, SERVICE_IDS, STAGES, TECHNOLOGY_DECLS, TECHNOLOGIES, type ServiceId, type SettlementProgress, type SettlementRecord, type SettlementState, type StageCount, type StatusInput, type Technology } from '../model/index.js';
import { parseCsv } from './csv.js';
import type { ScenarioProblem } from './problems.js';
import { readText } from './read-text.js';
import { closest, suggestion } from './suggest.js';

/**
 * The status file (`status: FILE`): where the programme stands at the end of a date, in one
 * of two layouts that share the `date`, `region` and `stage` columns.
 *
 *  - Per settlement (what `rollout run --replay i --state-at DATE` writes, or a ministry's
 *    list): `date,id,region,population,backbone_km,technology,stage,days_in_stage,phase,
 *    days_in_phase,attempts,km_laid,work_days_done,money_committed,committed_on,connected_on,
 *    services,programme`. It lists every settlement (it replaces settlementsFile and generation).
 *    `services` (optional) lists the services the settlement has at the end of the date,
 *    separated by ';' (backbone-fibre;mobile): its technology's once done, and any other.
 *    `programme` (optional) is the financing programme that pays for the job (by default the
 *    first eligible one).
 *    A settlement's other jobs in progress (a mast for mobile coverage, a satellite
 *    terminal, household fibre, from the scenario's service rules) are further rows with
 *    the same id and that job's technology and stage.
 *  - Counts, when that is all there is: `date,region,stage,count[,days_in_stage]`.
 *
 * `stage` is a stage name ('design', 'approval', 'site allocation', 'mast permit', 'budget',
 * 'crew', 'work', 'commissioning', 'power and backhaul', 'procurement'), 'not started', or
 * (per settlement) 'done' for a settlement already connected by its technology.
 */
export const STATE_COLUMNS = [
  'date', 'id', 'region', 'population', 'backbone_km', 'technology', 'stage', 'days_in_stage', 'phase', 'days_in_phase',
  'attempts', 'km_laid', 'work_days_done', 'money_committed', 'committed_on', 'connected_on', 'services', 'programme',
] as const;
const STATE_REQUIRED = ['date', 'id', 'region', 'population', 'technology', 'stage'] as const;
const COUNT_COLUMNS = ['date', 'region', 'stage', 'count', 'days_in_stage'] as const;
const COUNT_REQUIRED = ['date', 'region', 'stage', 'count'] as const;

const STAGE_NAMES_ALLOWED = [...STAGES.filter((s) => s.handler !== 'done').map((s) => s.name), 'not started', 'done'];
const PHASES = ['queued', 'active', 'resubmitting'] as const;
/** The service each technology's job builds. */
const SERVICE_OF_TECH_ID = Object.fromEntries(SERVICES.map((x) => [x.tech, x.id])) as Record<Technology, ServiceId>;

/** A number cell rounded to 6 decimals (no trailing zeros), or empty. */
const num = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '' : String(+x.toFixed(6)));
const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * state-DATE.csv text for every settlement's state at the end of `date`.
 *
 * @example stateCsv('2026-06-30', snapshotRows)   // 'date,id,region,...\n2026-06-30,akmola-0,akmola,...'
 */
export function stateCsv(date: string, rows: SettlementState[]): string {
  const lines = [STATE_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push([
      date, quote(r.id), quote(r.region), num(r.population), num(r.backboneKm), r.technology, r.stage, num(r.daysInStage), r.phase, num(r.daysInPhase),
      String(r.attempts), num(r.kmLaid), num(r.workDaysDone), num(r.moneyCommitted), r.committedOn ?? '', r.connectedOn ?? '', (r.services ?? []).join(';'), quote(r.programme ?? ''),
    ].join(','));
  }
  return lines.join('\n') + '\n';
}

export type StatusResult =
  | { ok: true; status: StatusInput; settlements?: SettlementRecord[] }
  | { ok: false; problems: ScenarioProblem[] };

/**
 * Reads a status file. Every problem names the file, the row (the header is row 1) and
 * the column. A per-settlement status also gives the settlements list.
 */
export function readStatus(abs: string, display: string, regionIds: readonly string[], programmes?: ReadonlyMap<string, readonly Technology[]>): StatusResult {
  const read = readText(abs, display, 'a status CSV file');
  if (!read.ok) return { ok: false, problems: [read.problem] };
  const csv = parseCsv(read.text);
  if (!csv.ok) return { ok: false, problems: [{ file: display, path: `row ${csv.line}`, line: csv.line, column: csv.column, expected: 'valid CSV', found: csv.message }] };
  const [header, ...rows] = csv.records;
  if (!header) return { ok: false, problems: [{ file: display, path: '', expected: 'a header row', found: 'an empty file' }] };
  const names = header.fields.map((f) => f.toLowerCase());
  const perSettlement = names.includes('id');
  const known: readonly string[] = perSettlement ? STATE_COLUMNS : COUNT_COLUMNS;
  const required: readonly string[] = perSettlement ? STATE_REQUIRED : COUNT_REQUIRED;
  const problems: ScenarioProblem[] = [];
  const col = new Map<string, number>();
  names.forEach((name, i) => {
    const at = { file: display, path: `row ${header.line}, column ${i + 1}`, line: header.line, column: i + 1 };
    if (!known.includes(name)) {
      const guess = closest(name, known);
      problems.push({ ...at, expected: `a known column (${guess ? `did you mean '${guess}'?` : `one of ${known.join(', ')}`})`, found: `'${header.fields[i]}'` });
    } else if (col.has(name)) problems.push({ ...at, expected: `column '${name}' once`, found: 'it again' });
    else col.set(name, i);
  });
  for (const r of required) {
    if (!col.has(r)) problems.push({ file: display, path: `row ${header.line}`, line: header.line, expected: `a column '${r}' (a status ${perSettlement ? 'per settlement' : 'of counts'} needs ${required.join(', ')})`, found: `columns ${header.fields.join(', ')}` });
  }
  if (problems.length > 0) return { ok: false, problems };
  if (rows.length === 0) return { ok: false, problems: [{ file: display, path: '', line: header.line, expected: 'at least one row', found: 'only the header' }] };

  let date: string | undefined;
  const settlements: SettlementRecord[] = [], progress: SettlementProgress[] = [], counts: StageCount[] = [];
  const jobs: NonNullable<StatusInput['jobs']> = [];
  /** Each id's settlement (its first row) and the technologies of its rows so far. */
  const ids = new Map<string, { index: number; technologies: Set<string> }>();
  for (const row of rows) {
    const before = problems.length;
    const at = (name: string) => ({ file: display, path: `row ${row.line}, column ${name}`, line: row.line, column: col.get(name)! + 1 });
    const cell = (name: string) => (col.has(name) ? (row.fields[col.get(name)!] ?? '') : '');
    if (row.fields.length !== header.fields.length) {
      problems.push({ file: display, path: `row ${row.line}`, line: row.line, expected: `${header.fields.length} fields, as in the header`, found: `${row.fields.length}` });
      continue;
    }
    const number = (name: string, whole = false): number | undefined => {
      const s = cell(name);
      if (s === '') return undefined;
      const v = Number(s);
      if (!(Number.isFinite(v) && v >= 0 && (!whole || Number.isInteger(v)))) problems.push({ ...at(name), expected: whole ? 'a whole number >= 0' : 'a number >= 0', found: `'${s}'` });
      return v;
    };
    const dateCell = (name: string): string | undefined => {
      const s = cell(name);
      if (s === '') return undefined;
      if (Number.isNaN(isoToEpochDay(s))) problems.push({ ...at(name), expected: 'a date YYYY-MM-DD', found: `'${s}'` });
      return s;
    };
    const d = dateCell('date');
    if (d === undefined) problems.push({ ...at('date'), expected: 'the date of the state (YYYY-MM-DD)', found: 'an empty cell' });
    else if (date === undefined) date = d;
    else if (d !== date) problems.push({ ...at('date'), expected: `the same date on every row (${date})`, found: `'${d}'` });
    const region = cell('region');
    if (!regionIds.includes(region)) problems.push({ ...at('region'), expected: `a region id of the scenario (${suggestion(region, regionIds)})`, found: region === '' ? 'an empty cell' : `'${region}'` });
    const stage = cell('stage');
    const allowed = perSettlement ? STAGE_NAMES_ALLOWED : STAGE_NAMES_ALLOWED.filter((s) => s !== 'done');
    if (!allowed.includes(stage)) {
      problems.push({ ...at('stage'), expected: `one of ${allowed.join(', ')}${perSettlement ? '' : " (settlements already connected are each region's `connected`)"}`, found: stage === '' ? 'an empty cell' : `'${stage}'` });
    }
    const daysInStage = number('days_in_stage') ?? 0;

    if (!perSettlement) {
      const count = number('count', true);
      if (count === undefined) problems.push({ ...at('count'), expected: 'a whole number >= 0', found: 'an empty cell' });
      if (problems.length === before) counts.push({ region, stage, count: count!, daysInStage });
      continue;
    }

    const id = cell('id');
    const first = ids.get(id);
    if (id === '') problems.push({ ...at('id'), expected: 'an id', found: 'an empty cell' });
    const population = number('population', true);
    if (population === undefined) problems.push({ ...at('population'), expected: 'a whole number >= 0', found: 'an empty cell' });
    const technology = cell('technology') as Technology;
    if (!(TECHNOLOGIES as readonly string[]).includes(technology)) problems.push({ ...at('technology'), expected: `one of ${TECHNOLOGIES.join(', ')}`, found: `'${technology}'` });
    else if (first?.technologies.has(technology)) problems.push({ ...at('id'), expected: `a unique id (or, on a further row of the same settlement, another of its jobs: a technology other than ${[...first.technologies].join(', ')})`, found: `'${id}' again with ${technology}` });
    else if (first && (stage === 'done' || stage === 'not started')) problems.push({ ...at('stage'), expected: `a stage of the ${technology} job in progress (a further row of '${id}' is one of its other jobs; a service it has goes in its first row's services column)`, found: `'${stage}'` });
    else if (!first && technology === 'household') problems.push({ ...at('technology'), expected: `one of ${TECHNOLOGIES.filter((t) => t !== 'household').join(', ')} on a settlement's first row (household fibre is a further row of a settlement)`, found: `'${technology}'` });
    else if (stage !== 'done' && stage !== 'not started' && !(TECHNOLOGY_DECLS[technology].pipeline as readonly string[]).includes(stage === 'unfunded' ? 'budget' : stage)) {
      problems.push({ ...at('stage'), expected: `a stage of ${technology} (${TECHNOLOGY_DECLS[technology].pipeline.join(', ')}), 'not started' or 'done'`, found: `'${stage}'` });
    }
    const phase = (cell('phase') || 'queued') as SettlementProgress['phase'];
    if (!(PHASES as readonly string[]).includes(phase)) problems.push({ ...at('phase'), expected: `one of ${PHASES.join(', ')} or empty`, found: `'${phase}'` });
    const backboneKm = number('backbone_km');
    const p: SettlementProgress = {
      stage, daysInStage, phase, daysInPhase: number('days_in_phase') ?? daysInStage, attempts: number('attempts', true) ?? 0,
      moneyCommitted: number('money_committed') ?? 0,
    };
    const kmLaid = number('km_laid'), workDaysDone = number('work_days_done'), committedOn = dateCell('committed_on');
    const connectedOn = dateCell('connected_on');
    if (connectedOn !== undefined) p.connectedOn = connectedOn;
    const services = cell('services').split(';').map((x) => x.trim()).filter((x) => x !== '');
    const unknown = services.find((x) => !(SERVICE_IDS as readonly string[]).includes(x));
    if (unknown !== undefined) problems.push({ ...at('services'), expected: `services separated by ';', each one of ${SERVICE_IDS.join(', ')}`, found: `'${unknown}'` });
    else if (first && services.length > 0) problems.push({ ...at('services'), expected: `an empty cell on a further row of '${id}' (its services are on its first row)`, found: `'${cell('services')}'` });
    else if (!first && stage !== 'done' && services.includes(SERVICE_OF_TECH_ID[technology])) problems.push({ ...at('services'), expected: `the services it has: not ${SERVICE_OF_TECH_ID[technology]} while its ${technology} job is at stage '${stage}'`, found: `'${cell('services')}'` });
    if (kmLaid !== undefined) p.kmLaid = kmLaid;
    if (workDaysDone !== undefined) p.workDaysDone = workDaysDone;
    if (committedOn !== undefined) p.committedOn = committedOn;
    const programme = cell('programme');
    if (programme !== '' && programmes) {
      const pays = programmes.get(programme);
      if (pays === undefined) problems.push({ ...at('programme'), expected: `a financing programme of the scenario (${suggestion(programme, [...programmes.keys()])}) or empty`, found: `'${programme}'` });
      else if (!pays.includes(technology)) problems.push({ ...at('programme'), expected: `a programme that pays for ${technology} (${programme} pays for ${pays.join(', ')})`, found: `'${programme}'` });
      else p.programme = programme;
    }
    if (problems.length > before) continue;
    if (first) {
      first.technologies.add(technology);
      jobs.push({ settlement: first.index, technology, progress: p });
      continue;
    }
    const rec: SettlementRecord = { id, region, population: population!, connected: stage === 'done', technology };
    if (backboneKm !== undefined) rec.backboneKm = backboneKm;
    if (services.length > 0) rec.services = services as ServiceId[];
    ids.set(id, { index: settlements.length, technologies: new Set([technology]) });
    settlements.push(rec);
    progress.push(p);
  }
  if (problems.length > 0) return { ok: false, problems };
  return perSettlement
    ? { ok: true, status: { date: date!, settlements: progress, ...(jobs.length > 0 ? { jobs } : {}) }, settlements }
    : { ok: true, status: { date: date!, counts } };
}

/** The day after a 'YYYY-MM-DD' date: when a run from a status starts. */
export function dayAfter(date: string): string {
  return epochDayToIso(isoToEpochDay(date) + 1);
}
