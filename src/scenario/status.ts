import { isoToEpochDay, epochDayToIso } from '../engine/calendar.js';
// The model's declarations one module each, not its index: `rollout validate` loads this and should not load the simulation.
import { SERVICES, SERVICE_IDS, type ServiceId } from '../model/services.js';
import { STAGES } from '../model/stages.js';
import { TECHNOLOGY_DECLS } from '../model/pipelines.js';
import { TECHNOLOGIES, type SettlementProgress, type SettlementRecord, type StageCount, type StatusInput, type Technology } from '../model/input.js';
import type { SettlementState } from '../model/status.js';
import { parseCsv, withoutComments } from './csv.js';
import { otherDelimiter } from './csv-delimiter.js';
import { COUNT_REQUIRED, STATE_REQUIRED } from './csv-kinds.js';
import { DECIMAL } from './settlements.js';
import { describeFound, type ScenarioProblem } from './problems.js';
import { readText } from './read-text.js';
import { closest, oneOfExpected, suggestion } from './suggest.js';

/**
 * The status file (`status: FILE`): where the programme stands at the end of a date, in one
 * of two layouts that share the `date`, `region` and `stage` columns.
 *
 *  - Per settlement (what `rollout run --replay i --state-at DATE` writes, or a ministry's
 *    list): `date,id,region,population,backbone_km,technology,stage,days_in_stage,phase,
 *    days_in_phase,attempts,km_laid,work_days_done,money_committed,committed_on,connected_on,
 *    services,programme,motorway`. It lists every settlement (it replaces settlementsFile and generation).
 *    `services` (optional) lists the services the settlement has at the end of the date,
 *    separated by ';' (backbone-fibre;mobile): its technology's once done, and any other.
 *    `programme` (optional) is the financing programme that pays for the job (by default the
 *    first eligible one).
 *    A settlement's other jobs in progress (a mast for mobile coverage, a satellite
 *    terminal, household fibre, from the scenario's service rules) are further rows with
 *    the same id and that job's technology and stage (finished: 'done', with the money it
 *    committed; a settlement's fibre a fallback rule cancelled: 'cancelled', with the money it
 *    had committed, which is never refunded). Its region and population are its first row's;
 *    `committed_on` and `connected_on` are on or before the status's date. A motorway mast's row names its road
 *    in `motorway` (empty on a settlement's row), its number along it (1, 2, ...) in `id`,
 *    and leaves `population`, `backbone_km` and `services` empty.
 *    `motorways` gives the scenario's roads: each one's region and number of masts.
 *  - Counts, when that is all there is: `date,region,stage,count[,days_in_stage][,service][,motorway]`
 *    (`source`, `notes` for people). A `done` row is a region's stock: how many of its
 *    settlements have `service` (default backbone-fibre) at the end of the date; it replaces
 *    the region's `connected` or starting service count (see ./status-stock.ts). On a stage
 *    row, `service` takes only the jobs that build it. A row with `motorway` counts that
 *    road's masts instead (mastsOfCounts).
 *
 * Lines starting with `#` are comments.
 * `stage` is a stage name ('design', 'approval', 'site allocation', 'mast permit', 'budget',
 * 'crew', 'work', 'commissioning', 'power and backhaul', 'procurement'), 'not started', or
 * (per settlement) 'done' for a settlement already connected by its technology, or (a further
 * row only) 'cancelled'.
 */
export const STATE_COLUMNS = [
  'date', 'id', 'region', 'population', 'backbone_km', 'technology', 'stage', 'days_in_stage', 'phase', 'days_in_phase',
  'attempts', 'km_laid', 'work_days_done', 'money_committed', 'committed_on', 'connected_on', 'services', 'programme', 'motorway', 'mast', 'fallback',
] as const;
const COUNT_COLUMNS = ['date', 'region', 'stage', 'count', 'days_in_stage', 'service', 'motorway', 'source', 'notes'] as const;

const STAGE_NAMES_ALLOWED = [...STAGES.filter((s) => s.handler !== 'done').map((s) => s.name), 'not started', 'done'];
/** The stage of a fallback's job waiting its lead time (the decision and the order). */
const FALLBACK_LEAD = 'fallback lead';
/** The stage of a settlement's job a fallback rule cancelled, with the money it had committed (only a further row). */
const CANCELLED = 'cancelled';
/** The columns that give a village mast's state: every row naming the mast gives the same. */
const MAST_STATE = ['stage', 'days_in_stage', 'phase', 'days_in_phase', 'attempts', 'work_days_done', 'money_committed', 'committed_on', 'connected_on'] as const;
const PHASES = ['queued', 'active', 'resubmitting'] as const;
/** Whether a job of technology `tech` goes through `stage` ('unfunded' is its budget stage). */
const goesThrough = (tech: Technology, stage: string) => (TECHNOLOGY_DECLS[tech].pipeline as readonly string[]).includes(stage === 'unfunded' ? 'budget' : stage);
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
      String(r.attempts), num(r.kmLaid), num(r.workDaysDone), num(r.moneyCommitted), r.committedOn ?? '', r.connectedOn ?? '', (r.services ?? []).join(';'), quote(r.programme ?? ''), quote(r.motorway ?? ''), quote(r.mast ?? ''), r.fallback ?? '',
    ].join(','));
  }
  return lines.join('\n') + '\n';
}

/** A `done` row of a status of counts: how many of a region's settlements have a service at the end of the date. */
export interface StockRow {
  region: string;
  service: ServiceId;
  count: number;
  /** Its line in the file, and its `source` cell (what the row rests on), if any. */
  line: number;
  source?: string;
}

export type StatusResult =
  | {
    ok: true; status: StatusInput; settlements?: SettlementRecord[]; stock?: StockRow[]; stageLines?: number[];
    /** Each column's number in the file (1 = the first), by its name in lower case: for problems found later, at a row's cell. */
    columns?: ReadonlyMap<string, number>;
  }
  | { ok: false; problems: ScenarioProblem[] };

/**
 * Reads a status file. Every problem names the file, the row (the header is row 1) and
 * the column. A per-settlement status also gives the settlements list.
 */
export function readStatus(
  abs: string, display: string, regionIds: readonly string[], programmes?: ReadonlyMap<string, readonly Technology[]>,
  motorways: ReadonlyMap<string, { region: string; masts: number }> = new Map(),
  fallbacks: readonly { use: Technology; after: string }[] = [],
  /** How many times its settlement's `backbone_km` a fibre line can be (./line-factor.ts; Infinity: no bound known). */
  lineFactor = Infinity,
): StatusResult {
  const read = readText(abs, display, 'a status CSV file');
  if (!read.ok) return { ok: false, problems: [read.problem] };
  const csv = parseCsv(withoutComments(read.text));
  if (!csv.ok) return { ok: false, problems: [{ file: display, path: `row ${csv.line}`, line: csv.line, column: csv.column, expected: 'valid CSV', found: csv.message }] };
  const [header, ...rows] = csv.records;
  if (!header) return { ok: false, problems: [{ file: display, path: '', expected: 'a header row', found: 'an empty file (or only comments)' }] };
  const delimiter = otherDelimiter(header, display, [...STATE_COLUMNS, ...COUNT_COLUMNS]);
  if (delimiter) return { ok: false, problems: [delimiter] };
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
  const settlements: SettlementRecord[] = [], progress: SettlementProgress[] = [], counts: StageCount[] = [], stock: StockRow[] = [];
  /** The row of each region's stock of each service (a `done` row of counts). */
  const stockRow = new Map<string, number>();
  /** The line of each stage row of counts (status.counts, same order). */
  const stageLines: number[] = [];
  const jobs: NonNullable<StatusInput['jobs']> = [];
  const masts: NonNullable<StatusInput['motorways']> = [];
  /** The line of each motorway mast's row, by `motorway#mast`. */
  const mastRows = new Map<string, number>();
  /** Each village mast's region, first row and its state there (a mast serves one region's settlements, and is in one state). */
  const mastRegion = new Map<string, { region: string; line: number; state: string[] }>();
  /** A status of counts: each motorway's rows, in the file's order. */
  const roadCounts = new Map<string, RoadCount[]>();
  /** Each id's settlement (its first row: its line, region and population) and the technologies of its rows so far. */
  const ids = new Map<string, { index: number; line: number; region: string; population: number; technologies: Set<string> }>();
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
      // A decimal as a spreadsheet writes it: Number() would also read '0x10', '0b1' or ' ' (as 0).
      const v = DECIMAL.test(s) ? Number(s) : NaN;
      if (!(Number.isFinite(v) && v >= 0 && (!whole || Number.isInteger(v)))) problems.push({ ...at(name), expected: whole ? 'a whole number >= 0' : 'a number >= 0', found: describeFound(s) });
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
    if (stage === CANCELLED) {
      // A further row of a settlement (checked below); nothing counts or a road's masts can be.
      if (!perSettlement) problems.push({ ...at('stage'), expected: `a stage or 'done' (a status of counts cannot carry a job a fallback rule cancelled: '${CANCELLED}' is a further row of a status per settlement)`, found: `'${stage}'` });
      else if (cell('motorway') !== '') problems.push({ ...at('stage'), expected: `a stage of a mast or 'done' (a motorway's masts are no fallback's: none is '${CANCELLED}')`, found: `'${stage}'` });
    } else if (!STAGE_NAMES_ALLOWED.includes(stage)) {
      problems.push({ ...at('stage'), expected: oneOfExpected(stage, STAGE_NAMES_ALLOWED), found: stage === '' ? 'an empty cell' : `'${stage}'` });
    }
    const daysInStage = number('days_in_stage') ?? 0;

    /** The motorway a row names, in the row's region; null (after a problem) when the scenario has no such road. */
    const road = (motorway: string) => {
      const mw = motorways.get(motorway);
      if (mw === undefined) {
        problems.push({ ...at('motorway'), expected: `a motorway id of the scenario (${motorways.size > 0 ? suggestion(motorway, [...motorways.keys()]) : 'it has none'}), or empty on a ${perSettlement ? "settlement's row" : "row of settlements"}`, found: `'${motorway}'` });
        return null;
      }
      if (regionIds.includes(region) && region !== mw.region) problems.push({ ...at('region'), expected: `motorway ${motorway}'s region (${mw.region})`, found: `'${region}'` });
      return mw;
    };

    if (!perSettlement) {
      const count = number('count', true);
      if (count === undefined) problems.push({ ...at('count'), expected: 'a whole number >= 0', found: 'an empty cell' });
      const motorway = cell('motorway');
      if (motorway !== '') {
        // A road's masts: on air (`done`) or at a stage of a mast, counted along it.
        const mw = road(motorway);
        if (cell('service') !== '') problems.push({ ...at('service'), expected: "an empty cell on a motorway's row (its masts build no settlement's service)", found: `'${cell('service')}'` });
        if (stage === 'done' && cell('days_in_stage') !== '') problems.push({ ...at('days_in_stage'), expected: "an empty cell on a 'done' row (it counts masts already on air)", found: `'${cell('days_in_stage')}'` });
        if (stage === 'not started') problems.push({ ...at('stage'), expected: "a stage or 'done' (masts no row reaches start from scratch)", found: "'not started'" });
        if (STAGE_NAMES_ALLOWED.includes(stage) && stage !== 'done' && stage !== 'not started' && !goesThrough('mast', stage)) {
          problems.push({ ...at('stage'), expected: `'done' or a stage of a mast (${TECHNOLOGY_DECLS.mast.pipeline.join(', ')}, unfunded)`, found: `'${stage}'` });
        }
        if (mw !== null && count !== undefined && problems.length === before) {
          const rows = (roadCounts.get(motorway) ?? roadCounts.set(motorway, []).get(motorway))!;
          const first = rows.find((x) => x.stage === 'done');
          const listed = rows.reduce((sum, x) => sum + x.count, 0);
          if (stage === 'done' && first) problems.push({ ...at('stage'), expected: `one 'done' row per motorway`, found: `${motorway} again (first on row ${first.line})` });
          else if (listed + count > mw.masts) problems.push({ ...at('count'), expected: `at most ${mw.masts - listed} (motorway ${motorway} has ${mw.masts} masts${listed > 0 ? `, ${listed} counted on its rows before` : ''})`, found: `${count}` });
          else rows.push({ stage, count, daysInStage, line: row.line });
        }
        continue;
      }
      const service = cell('service');
      if (service !== '' && !(SERVICE_IDS as readonly string[]).includes(service)) {
        problems.push({ ...at('service'), expected: `one of ${SERVICE_IDS.join(', ')}, or empty (${stage === 'done' ? 'backbone-fibre' : 'any job that goes through the stage'})`, found: `'${service}'` });
      } else if (stage === 'done') {
        if (cell('days_in_stage') !== '') problems.push({ ...at('days_in_stage'), expected: "an empty cell on a 'done' row (it counts settlements already served)", found: `'${cell('days_in_stage')}'` });
        const key = `${region}|${service || 'backbone-fibre'}`;
        if (stockRow.has(key)) problems.push({ ...at('stage'), expected: `one 'done' row per region and service`, found: `${service || 'backbone-fibre'} in ${region} again (first on row ${stockRow.get(key)})` });
        else stockRow.set(key, row.line);
      } else if (service !== '' && STAGE_NAMES_ALLOWED.includes(stage) && stage !== 'not started') {
        const tech = SERVICES.find((x) => x.id === service)!.tech;
        if (!goesThrough(tech, stage)) problems.push({ ...at('stage'), expected: `a stage of the ${tech} jobs that build ${service} (${TECHNOLOGY_DECLS[tech].pipeline.join(', ')}, unfunded)`, found: `'${stage}'` });
      }
      if (stage === 'not started') problems.push({ ...at('stage'), expected: "a stage or 'done' (settlements no row reaches start from scratch)", found: "'not started'" });
      if (stage === FALLBACK_LEAD) problems.push({ ...at('stage'), expected: `a stage or 'done' (a status of counts cannot place a fallback's jobs: list the settlements, or leave them to the rule)`, found: `'${stage}'` });
      if (problems.length > before) continue;
      if (stage === 'done') {
        const source = cell('source');
        stock.push({ region, service: (service || 'backbone-fibre') as ServiceId, count: count!, line: row.line, ...(source !== '' ? { source } : {}) });
      } else {
        counts.push({ region, stage, count: count!, daysInStage, ...(service !== '' ? { service: service as ServiceId } : {}) });
        stageLines.push(row.line);
      }
      continue;
    }

    const id = cell('id');
    const motorway = cell('motorway');
    const first = motorway === '' ? ids.get(id) : undefined;
    if (id === '') problems.push({ ...at('id'), expected: motorway === '' ? 'an id' : "the mast's number along the motorway (1, 2, ...)", found: 'an empty cell' });
    const population = motorway === '' ? number('population', true) : undefined;
    if (motorway === '' && population === undefined) problems.push({ ...at('population'), expected: 'a whole number >= 0', found: 'an empty cell' });
    // A further row is another job of the same settlement: its region and population are the first row's.
    if (first && regionIds.includes(region) && region !== first.region) problems.push({ ...at('region'), expected: `'${first.region}', as on row ${first.line}, the first row of '${id}' (a further row is another job of the same settlement)`, found: `'${region}'` });
    if (first && population !== undefined && Number.isFinite(population) && population !== first.population) problems.push({ ...at('population'), expected: `${first.population}, as on row ${first.line}, the first row of '${id}' (a further row is another job of the same settlement)`, found: `'${cell('population')}'` });
    const technology = cell('technology') as Technology;
    if (!(TECHNOLOGIES as readonly string[]).includes(technology)) problems.push({ ...at('technology'), expected: oneOfExpected(technology, TECHNOLOGIES), found: `'${technology}'` });
    else if (first?.technologies.has(technology)) problems.push({ ...at('id'), expected: `a unique id (or, on a further row of the same settlement, another of its jobs: a technology other than ${[...first.technologies].join(', ')})`, found: `'${id}' again with ${technology}` });
    else if (stage === CANCELLED && motorway === '') {
      // A job a fallback rule cancelled (only ever a settlement's fibre), kept for the money it had committed: never the settlement's own row.
      if (!first) problems.push({ ...at('stage'), expected: `a stage, 'not started' or 'done' on a settlement's first row ('${CANCELLED}', a job a fallback rule cancelled with the money it had committed, is only a further row of a settlement: its first row is where it stands)`, found: `'${stage}'` });
      else if (technology !== 'fibre') problems.push({ ...at('technology'), expected: `fibre on a '${CANCELLED}' row (a fallback rule cancels only fibre jobs)`, found: `'${technology}'` });
      else if (cell('connected_on') !== '') problems.push({ ...at('connected_on'), expected: `an empty cell on a '${CANCELLED}' row (a cancelled job connects nobody)`, found: `'${cell('connected_on')}'` });
    } else if (first && stage === 'not started') problems.push({ ...at('stage'), expected: `a stage of the ${technology} job, or 'done' (a further row of '${id}' is one of its other jobs, in progress or finished with the money it committed; one not started has no row)`, found: `'${stage}'` });
    else if (!first && technology === 'household') problems.push({ ...at('technology'), expected: `one of ${TECHNOLOGIES.filter((t) => t !== 'household').join(', ')} on a settlement's first row (household fibre is a further row of a settlement)`, found: `'${technology}'` });
    else if (stage === FALLBACK_LEAD && motorway === '') {
      // A fallback's job ordered by a rule dated before the status, waiting its lead time (as --state-at writes it; a motorway's masts are no fallback's).
      const rule = fallbacks.find((f) => f.use === technology && (date === undefined || f.after < date));
      if (rule === undefined) problems.push({ ...at('stage'), expected: `'${FALLBACK_LEAD}' only for a job of a fallback rule dated before the status's date (the scenario has no rule to ${technology} dated before ${date ?? 'it'}); or a stage of ${technology} (${TECHNOLOGY_DECLS[technology].pipeline.join(', ')})`, found: `'${stage}'` });
    } else if (STAGE_NAMES_ALLOWED.includes(stage) && stage !== 'done' && stage !== 'not started' && !goesThrough(technology, stage)) {
      problems.push({ ...at('stage'), expected: `a stage of ${technology} (${TECHNOLOGY_DECLS[technology].pipeline.join(', ')}), 'not started' or 'done'`, found: `'${stage}'` });
    }
    const phase = (cell('phase') || 'queued') as SettlementProgress['phase'];
    if (!(PHASES as readonly string[]).includes(phase)) problems.push({ ...at('phase'), expected: `one of ${PHASES.join(', ')} or empty`, found: `'${phase}'` });
    const backboneKm = number('backbone_km');
    const p: SettlementProgress = {
      stage, daysInStage, phase, daysInPhase: number('days_in_phase') ?? daysInStage, attempts: number('attempts', true) ?? 0,
      moneyCommitted: number('money_committed') ?? 0,
    };
    /** A date the status already knows of (money committed, a settlement connected): on or before its date. */
    const byTheDate = (name: 'committed_on' | 'connected_on', what: string): string | undefined => {
      const v = dateCell(name);
      if (v !== undefined && date !== undefined && isoToEpochDay(v) > isoToEpochDay(date)) problems.push({ ...at(name), expected: `a date on or before the status's date (${date}): ${what} by the end of it`, found: `'${v}'` });
      return v;
    };
    const kmLaid = number('km_laid'), workDaysDone = number('work_days_done'), committedOn = byTheDate('committed_on', 'the money was committed');
    // No more laid than the line is long. The line is its settlement's backbone_km times this
    // replication's distance factor, so here it is known only as a bound: backbone_km itself
    // without a factor, times the factor's upper end with a bounded one. Without backbone_km
    // (drawn in each replication) or with an unbounded factor there is none before the draw,
    // and the continuation makes the line at least what was laid (startFromStatus).
    if (technology === 'fibre' && motorway === '' && kmLaid !== undefined && backboneKm !== undefined && Number.isFinite(kmLaid) && Number.isFinite(backboneKm) && Number.isFinite(lineFactor)) {
      const longest = backboneKm * lineFactor;
      // The 6 decimals --state-at writes may round km laid on a line of the longest a hair above it.
      if (kmLaid > longest + 1e-6 * Math.max(1, longest)) {
        const length = lineFactor === 1 ? `${num(longest)} km (its backbone_km: the scenario has no distance factor, so the line is that long)` : `${num(longest)} km (its backbone_km ${num(backboneKm)} times ${num(lineFactor)}, the upper end of the scenario's distance factor)`;
        problems.push({ ...at('km_laid'), expected: `at most the length of the fibre line, ${length}`, found: `'${cell('km_laid')}'` });
      }
    }
    const connectedOn = byTheDate('connected_on', 'it was connected');
    if (connectedOn !== undefined) p.connectedOn = connectedOn;
    const services = cell('services').split(';').map((x) => x.trim()).filter((x) => x !== '');
    const unknown = services.find((x) => !(SERVICE_IDS as readonly string[]).includes(x));
    if (unknown !== undefined) problems.push({ ...at('services'), expected: `services separated by ';', each one of ${SERVICE_IDS.join(', ')}`, found: `'${unknown}'` });
    else if (first && services.length > 0) problems.push({ ...at('services'), expected: `an empty cell on a further row of '${id}' (its services are on its first row)`, found: `'${cell('services')}'` });
    else if (!first && stage !== 'done' && STAGE_NAMES_ALLOWED.includes(stage) && services.includes(SERVICE_OF_TECH_ID[technology])) problems.push({ ...at('services'), expected: `the services it has: not ${SERVICE_OF_TECH_ID[technology]} while its ${technology} job is at stage '${stage}'`, found: `'${cell('services')}'` });
    if (kmLaid !== undefined) p.kmLaid = kmLaid;
    if (workDaysDone !== undefined) p.workDaysDone = workDaysDone;
    if (committedOn !== undefined) p.committedOn = committedOn;
    // A village mast's name: the rows that give the same one share a mast.
    const mast = cell('mast');
    if (mast !== '') {
      const seen = mastRegion.get(mast);
      if (technology !== 'mast' || motorway !== '') problems.push({ ...at('mast'), expected: `an empty cell (a mast's name goes on a row of a settlement's mast, not ${motorway !== '' ? "a motorway's" : `a ${technology} row`})`, found: `'${mast}'` });
      else if (seen && seen.region !== region) problems.push({ ...at('mast'), expected: `a mast of one region (mast '${mast}' is in ${seen.region} on row ${seen.line})`, found: `'${mast}' in ${region}` });
      else {
        // Every row of one mast gives the same mast: its stage, days, decisions, work and money (as --state-at writes them).
        const state = MAST_STATE.map(cell);
        const k = seen ? MAST_STATE.findIndex((_, x) => seen.state[x] !== state[x]) : -1;
        if (seen && k >= 0) problems.push({ ...at(MAST_STATE[k]), expected: `'${seen.state[k]}', as on row ${seen.line} of mast '${mast}' (its rows give one mast's state)`, found: `'${state[k]}'` });
        else { p.mast = mast; if (!seen) mastRegion.set(mast, { region, line: row.line, state }); }
      }
    }
    // The rule that made a fallback's job: one of the row's technology dated before the status.
    const fallback = dateCell('fallback');
    if (fallback !== undefined && !Number.isNaN(isoToEpochDay(fallback))) {
      const rule = fallbacks.find((f) => f.after === fallback && f.use === technology);
      if (motorway !== '') problems.push({ ...at('fallback'), expected: "an empty cell on a motorway mast's row (a road's masts are no fallback's)", found: `'${fallback}'` });
      else if (rule === undefined || (date !== undefined && !(rule.after < date))) problems.push({ ...at('fallback'), expected: `the date of a fallback rule to ${technology} dated before the status's date (${fallbacks.filter((f) => f.use === technology && (date === undefined || f.after < date)).map((f) => f.after).join(', ') || 'the scenario has none'}), or empty`, found: `'${fallback}'` });
      else p.fallback = fallback;
    }
    const programme = cell('programme');
    if (programme !== '' && programmes) {
      const pays = programmes.get(programme);
      if (pays === undefined) problems.push({ ...at('programme'), expected: `a financing programme of the scenario (${suggestion(programme, [...programmes.keys()])}) or empty`, found: `'${programme}'` });
      else if (!pays.includes(technology)) problems.push({ ...at('programme'), expected: `a programme that pays for ${technology} (${programme} pays for ${pays.join(', ')})`, found: `'${programme}'` });
      else p.programme = programme;
    }
    /** A motorway mast's row: its motorway, its number along it, unique, a mast in the motorway's region; null after a problem. */
    const motorwayMast = (): number | null => {
      const mw = road(motorway);
      if (mw === null) return null;
      const k = Number(id);
      const key = `${motorway}#${k - 1}`;
      if (!(/^[0-9]+$/.test(id) && k >= 1 && k <= mw.masts)) problems.push({ ...at('id'), expected: `the mast's number along motorway ${motorway} (1 to ${mw.masts})`, found: `'${id}'` });
      else if (mastRows.has(key)) problems.push({ ...at('id'), expected: `one row per mast of motorway ${motorway}`, found: `mast ${k} again (first on row ${mastRows.get(key)})` });
      if (technology !== 'mast') problems.push({ ...at('technology'), expected: "mast (a motorway's masts)", found: `'${technology}'` });
      for (const name of ['population', 'backbone_km', 'services'] as const) {
        if (cell(name) !== '') problems.push({ ...at(name), expected: 'an empty cell on a motorway mast\'s row (it serves no settlement)', found: `'${cell(name)}'` });
      }
      mastRows.set(key, row.line);
      return k - 1;
    };
    if (motorway !== '') {
      const mast = motorwayMast();
      if (mast === null || problems.length > before) continue;
      masts.push({ motorway, mast, progress: p });
      continue;
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
    ids.set(id, { index: settlements.length, line: row.line, region, population: population!, technologies: new Set([technology]) });
    settlements.push(rec);
    progress.push(p);
  }
  if (problems.length > 0) return { ok: false, problems };
  return perSettlement
    ? { ok: true, status: { date: date!, settlements: progress, ...(jobs.length > 0 ? { jobs } : {}), ...(masts.length > 0 ? { motorways: masts } : {}) }, settlements }
    : { ok: true, status: { date: date!, counts, ...(roadCounts.size > 0 ? { motorways: mastsOfCounts(roadCounts) } : {}) }, stock, stageLines, columns: new Map([...col].map(([name, i]) => [name, i + 1])) };
}

interface RoadCount { stage: string; count: number; daysInStage: number; line: number }

/**
 * A status of counts' motorway rows as masts: along each road, the first ones on air (its
 * `done` row), then each stage row's masts in the file's order (list the most advanced
 * first). The masts of a road are alike but for their draws, so which ones does not matter.
 *
 * @example mastsOfCounts(new Map([['m1', [{ stage: 'work', count: 1, ... }, { stage: 'done', count: 2, ... }]]]))   // masts 0, 1 done; 2 at work
 */
function mastsOfCounts(roads: ReadonlyMap<string, RoadCount[]>): NonNullable<StatusInput['motorways']> {
  const out: NonNullable<StatusInput['motorways']> = [];
  for (const [motorway, rows] of roads) {
    let mast = 0;
    for (const r of [...rows.filter((x) => x.stage === 'done'), ...rows.filter((x) => x.stage !== 'done')]) {
      for (let k = 0; k < r.count; k++) {
        out.push({ motorway, mast: mast++, progress: { stage: r.stage, daysInStage: r.daysInStage, phase: 'queued', daysInPhase: r.daysInStage, attempts: 0, moneyCommitted: 0 } });
      }
    }
  }
  return out;
}

/** The day after a 'YYYY-MM-DD' date: when a run from a status starts. */
export function dayAfter(date: string): string {
  return epochDayToIso(isoToEpochDay(date) + 1);
}
