import { SERVICES, type ServiceId } from '../model/services.js';
import { TECHNOLOGIES, type SettlementRecord, type Technology } from '../model/input.js';
import { TECHNOLOGY_DECLS } from '../model/pipelines.js';
import type { RegionFile, ScenarioFile } from './file-types.js';
import type { ScenarioProblem } from './problems.js';
import type { StockRow } from './status.js';

/** Where a service's starting count lives in a region of the scenario file. */
const PATH_OF: Readonly<Record<ServiceId, (r: RegionFile) => { get(): number; set(v: number): void; path: string }>> = Object.fromEntries(
  SERVICES.map((x) => [x.id, (r: RegionFile) => x.id === 'backbone-fibre'
    ? { get: () => r.connected ?? 0, set: (v: number) => { r.connected = v; }, path: `regions.${r.id}.connected` }
    : { get: () => r.services?.[x.key as 'householdFibre' | 'mobile' | 'satellite'] ?? 0, set: (v: number) => { r.services = { ...r.services, [x.key]: v }; }, path: `regions.${r.id}.services.${x.key}` }]),
) as Record<ServiceId, (r: RegionFile) => { get(): number; set(v: number): void; path: string }>;

/** A stage row of a status of counts (not a `done` row): its region, stage, `service` if it names one, count and line. */
export interface StageRow {
  region: string;
  stage: string;
  service?: ServiceId;
  count: number;
  line: number;
}

/** A value the status set: its notes path in the scenario, and the `source` cell of its row. */
export interface StockNote {
  path: string;
  value: number;
  source?: string;
}

/**
 * Makes a status of counts' stock — its `done` rows: how many of a region's settlements have
 * each service at the end of the date — the regions' starting counts in the scenario file:
 * a `backbone-fibre` row replaces the region's `connected`, a `household-fibre`, `mobile` or
 * `satellite` row its starting service (`regions[].services`); a service with no row keeps
 * the scenario's. Checked first, each problem at its row: no stock with a settlements list
 * (the list says who is served), every count within the region, household fibre only on
 * backbone fibre, satellite only off it (as for the regions' own counts), and the stage rows
 * of a generated region no more than its settlements still to connect when no service rule
 * adds jobs — and, with service rules too, no more of one technology's jobs than the region
 * can have under way (jobsUnderWayAtMost).
 * Nothing is changed when there is a problem. `stageRows` are the counts file's other rows.
 * `gained`: per region and service, how many more the row counts than the scenario did (built
 * since its start: StatusInput.gained).
 *
 * @example
 *   applyStatusStock(s, [{ region: 'akmola', service: 'backbone-fibre', count: 300, line: 3 }], [], 'status.csv')
 *   // { problems: [], notes: [{ path: 'regions.akmola.connected', value: 300 }], gained: [{ region: 'akmola', service: 'backbone-fibre', count: 60 }] }
 *   // (akmola had 240 at the scenario's start), and s.regions akmola's connected is 300
 */
export function applyStatusStock(
  s: ScenarioFile, stock: readonly StockRow[], stageRows: readonly StageRow[], display: string,
  /** The file's column numbers by name (readStatus's `columns`), so that a problem points at its cell. */
  columns: ReadonlyMap<string, number> = new Map(),
): { problems: ScenarioProblem[]; notes: StockNote[]; gained: { region: string; service: ServiceId; count: number }[] } {
  const problems: ScenarioProblem[] = [];
  const at = (line: number, column: string) => {
    const n = columns.get(column);
    return { file: display, path: `row ${line}, column ${column}`, line, ...(n !== undefined ? { column: n } : {}) };
  };
  if (stock.length > 0 && s.settlementsFile !== undefined) {
    problems.push({ ...at(stock[0].line, 'stage'), expected: `no 'done' rows with a settlements list (settlementsFile ${s.settlementsFile} says which settlements are served)`, found: `'done' rows` });
    return { problems, notes: [], gained: [] };
  }
  // A row only one technology's jobs can take, in a scenario without that technology's section: no replication has such a job.
  for (const row of stageRows) {
    const tech = onlyTechnology(row);
    if (tech === undefined || s[tech] !== undefined) continue;
    const what = row.service !== undefined ? `'${row.service}', which ${tech} jobs build` : `'${row.stage}', a stage only ${tech} jobs go through`;
    problems.push({ ...at(row.line, row.service !== undefined ? 'service' : 'stage'), expected: `a row some job of the scenario can take: ${what}, and the scenario has no '${tech}' section, so it has no ${tech} jobs`, found: `${row.count} at ${row.stage}` });
  }
  if (problems.length > 0) return { problems, notes: [], gained: [] };
  const byRegion = new Map<string, Map<ServiceId, StockRow>>();
  for (const row of stock) {
    if (!byRegion.has(row.region)) byRegion.set(row.region, new Map());
    byRegion.get(row.region)!.set(row.service, row);
  }
  const hasServiceRules = Object.values(s.services ?? {}).some((x) => (x?.rules?.length ?? 0) > 0);
  const plan: { r: RegionFile; service: ServiceId; row: StockRow }[] = [];
  for (const r of s.regions) {
    const before = problems.length;
    const rows = byRegion.get(r.id) ?? new Map<ServiceId, StockRow>();
    const total = r.settlements ?? 0;
    const value = (id: ServiceId) => rows.get(id)?.count ?? PATH_OF[id](r).get();
    const connected = value('backbone-fibre');
    /** A count above its bound: at its row, or (a scenario's value) at the row that lowered the bound. */
    const check = (id: ServiceId, max: number, what: string, bound?: StockRow) => {
      const v = value(id), row = rows.get(id) ?? bound;
      if (v <= max || !row) return;
      const own = rows.has(id);
      problems.push({ ...at(row.line, 'count'), expected: own ? `at most ${what}` : `at least the region's ${id} at the start (${PATH_OF[id](r).path}: ${v}; give a 'done' row for ${id} too)`, found: String(own ? v : row.count) });
    };
    for (const x of SERVICES) check(x.id, total, `the region's settlements (${total})`);
    for (const [service, row] of rows) plan.push({ r, service, row });
    // A backbone fibre count above the region's settlements is named above: the bounds below, which subtract it, would only repeat it.
    if (connected > total) continue;
    check('household-fibre', connected, `its settlements on backbone fibre (${connected}: household fibre is only in villages on backbone fibre)`, rows.get('backbone-fibre'));
    check('satellite', total - connected, `its settlements not on backbone fibre (${total} - ${connected}: counts put satellite among them; a village with both, such as a fallback's terminal beside fibre, needs a status per settlement)`, rows.get('backbone-fibre'));
    // The jobs under way are bounded by the stock: only once the stock is right.
    if (s.settlementsFile !== undefined || problems.length > before) continue;
    const mine = stageRows.filter((x) => x.region === r.id);
    const inStages = mine.reduce((a, x) => a + x.count, 0);
    if (!hasServiceRules && mine.length > 0 && inStages > total - connected) {
      const last = mine[mine.length - 1];
      problems.push({ ...at(last.line, 'count'), expected: `the stage rows of ${r.id} to count at most its settlements still to connect (${total} - ${connected} on backbone fibre = ${total - connected}: counts give each one job; a fallback's jobs beside fibre need a status per settlement)`, found: `${inStages} in all` });
    } else problems.push(...jobsUnderWayAtMost(r.id, mine, { total, has: value }).map((x) => ({ ...at(x.line, 'count'), expected: x.expected, found: x.found })));
  }
  if (problems.length > 0) return { problems, notes: [], gained: [] };
  const notes: StockNote[] = [];
  /** Per region and service: the status's count beyond the scenario's (built since the start). */
  const byRow: { region: string; service: ServiceId; count: number }[] = [];
  /** Per service: the status's count minus the scenario's, over the regions the status gives it for. */
  const gained = new Map<ServiceId, number>();
  for (const { r, service, row } of plan) {
    const field = PATH_OF[service](r);
    gained.set(service, (gained.get(service) ?? 0) + row.count - field.get());
    if (row.count > field.get()) byRow.push({ region: r.id, service, count: row.count - field.get() });
    field.set(row.count);
    notes.push({ path: field.path, value: row.count, ...(row.source !== undefined ? { source: row.source } : {}) });
  }
  notes.push(...programmeSoFar(s, gained));
  return { problems, notes, gained: byRow };
}

/**
 * The technology whose jobs alone can take a stage row of counts: its `service`'s, or the one
 * technology whose stages include the row's (design: fibre; site allocation: mast);
 * undefined when several can (a `crew` row that names no service).
 */
function onlyTechnology(row: StageRow): Technology | undefined {
  if (row.service !== undefined) return SERVICES.find((x) => x.id === row.service)!.tech;
  const stage = row.stage === 'unfunded' ? 'budget' : row.stage;
  const techs = TECHNOLOGIES.filter((t) => (TECHNOLOGY_DECLS[t].pipeline as readonly string[]).includes(stage));
  return techs.length === 1 ? techs[0] : undefined;
}

/**
 * The stage rows of a generated region that count more jobs of a technology than it can have
 * under way, whatever its service and technology rules — a fibre job is a settlement's own,
 * in a village not on backbone fibre; a mast, a terminal or a household network (its own, a
 * service rule's or a fallback's) serves villages without that service, at most one each —
 * and rows that count more jobs than all four together. (Household networks counted in
 * villages still waiting for backbone fibre are not refused: a ministry may count those
 * designed ahead; the run gives the stage only to jobs under way, as documented.)
 * Rows beyond these bounds find no job for the rest of their count in any replication: the
 * file is wrong (a count typed into the wrong region or row), not the technology rule's draw,
 * and a run that silently dropped them would answer for another status. Each at the group's
 * last row, with the bound worked out.
 *
 * @example
 *   jobsUnderWayAtMost('akmola', [{ region: 'akmola', stage: 'design', count: 700, line: 9 }], { total: 582, has: (id) => (id === 'backbone-fibre' ? 340 : 0) })
 *   // [{ line: 9, expected: 'the stage rows of akmola for backbone-fibre ... at most its settlements not on backbone fibre (582 - 340 = 242: ...)', found: '700 in all' }]
 */
export function jobsUnderWayAtMost(
  region: string, rows: readonly StageRow[], r: { total: number; has: (id: ServiceId) => number },
): { line: number; expected: string; found: string }[] {
  const fibre = r.has('backbone-fibre');
  /** Per technology: how many jobs the region can have under way, and why. */
  const bound: Record<Technology, { n: number; what: string }> = {
    fibre: { n: r.total - fibre, what: `its settlements not on backbone fibre (${r.total} - ${fibre} = ${r.total - fibre}: a fibre job is a village's own)` },
    mast: { n: r.total - r.has('mobile'), what: `its settlements without mobile coverage (${r.total} - ${r.has('mobile')} = ${r.total - r.has('mobile')}: each mast serves at least one)` },
    satellite: { n: r.total - r.has('satellite'), what: `its settlements without satellite (${r.total} - ${r.has('satellite')} = ${r.total - r.has('satellite')}: a terminal each)` },
    household: { n: r.total - r.has('household-fibre'), what: `its settlements without household fibre (${r.total} - ${r.has('household-fibre')} = ${r.total - r.has('household-fibre')}: a network each)` },
  };
  const out: { line: number; expected: string; found: string }[] = [];
  for (const tech of TECHNOLOGIES) {
    const mine = rows.filter((x) => onlyTechnology(x) === tech);
    const n = mine.reduce((a, x) => a + x.count, 0);
    const service = SERVICES.find((x) => x.tech === tech)!.id;
    if (mine.length > 0 && n > bound[tech].n) out.push({ line: mine[mine.length - 1].line, expected: `the stage rows of ${region} for ${service} (rows naming it, or at a stage only ${tech} jobs go through) to count at most ${bound[tech].what}`, found: `${n} in all` });
  }
  const all = rows.reduce((a, x) => a + x.count, 0), most = TECHNOLOGIES.reduce((a, t) => a + Math.max(0, bound[t].n), 0);
  if (out.length === 0 && rows.length > 0 && all > most) {
    out.push({ line: rows[rows.length - 1].line, expected: `the stage rows of ${region} to count at most the jobs it can have under way (${TECHNOLOGIES.map((t) => `${t} ${Math.max(0, bound[t].n)}`).join(' + ')} = ${most})`, found: `${all} in all` });
  }
  return out;
}

/**
 * A service rule with `max` is a programme of a stated size counted from the scenario's
 * start (DARE's 1,123 villages with household fibre): the settlements that have the service
 * at the status's date and did not at the start were built since, so they count against it
 * — otherwise a run from a later status would build the whole programme again on top of
 * them. The gain (the status's national count of the service minus the scenario's starting
 * count, where the status gives one) comes off the service's capped rules in their order,
 * none below 0; each changed `max` gets a note saying so. The rule then takes that many more
 * of the settlements still without the service, as at the start.
 */
export function programmeSoFar(s: ScenarioFile, gained: ReadonlyMap<ServiceId, number>): StockNote[] {
  const notes: StockNote[] = [];
  for (const x of SERVICES) {
    let left = gained.get(x.id) ?? 0;
    const rules = x.id === 'backbone-fibre' ? undefined : s.services?.[x.key as 'householdFibre' | 'mobile' | 'satellite']?.rules;
    if (!(left > 0) || !rules) continue;
    const built = left;
    rules.forEach((rule, k) => {
      if (rule.max === undefined || left <= 0) return;
      const take = Math.min(rule.max, left);
      left -= take;
      const was = rule.max;
      rule.max -= take;
      notes.push({ path: `services.${x.key}.rules.${k}.max`, value: rule.max, source: `${was} less the ${built.toLocaleString('en-US')} settlements the status gives ${x.id} beyond the scenario's start (built since, by the programme)` });
    });
  }
  return notes;
}

/**
 * A status that lists every settlement: per service, how many of the listed settlements have
 * it (their technology's when connected, or in their `services`) minus the scenario's
 * regions' starting counts — what programmeSoFar counts against the capped rules.
 */
export function gainedByList(s: ScenarioFile, list: readonly SettlementRecord[]): Map<ServiceId, number> {
  const gained = new Map<ServiceId, number>();
  for (const x of SERVICES) {
    const start = s.regions.reduce((a, r) => a + PATH_OF[x.id](r).get(), 0);
    const now = list.filter((z) => (z.connected && SERVICES.find((y) => y.tech === (z.technology ?? 'fibre'))?.id === x.id) || (z.services ?? []).includes(x.id)).length;
    gained.set(x.id, now - start);
  }
  return gained;
}
