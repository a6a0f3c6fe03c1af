import { SERVICES, type ServiceId } from '../model/services.js';
import type { SettlementRecord } from '../model/input.js';
import type { RegionFile, ScenarioFile } from './file-types.js';
import type { ScenarioProblem } from './problems.js';
import type { StockRow } from './status.js';

/** Where a service's starting count lives in a region of the scenario file. */
const PATH_OF: Readonly<Record<ServiceId, (r: RegionFile) => { get(): number; set(v: number): void; path: string }>> = Object.fromEntries(
  SERVICES.map((x) => [x.id, (r: RegionFile) => x.id === 'backbone-fibre'
    ? { get: () => r.connected ?? 0, set: (v: number) => { r.connected = v; }, path: `regions.${r.id}.connected` }
    : { get: () => r.services?.[x.key as 'householdFibre' | 'mobile' | 'satellite'] ?? 0, set: (v: number) => { r.services = { ...r.services, [x.key]: v }; }, path: `regions.${r.id}.services.${x.key}` }]),
) as Record<ServiceId, (r: RegionFile) => { get(): number; set(v: number): void; path: string }>;

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
 * adds jobs.
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
  s: ScenarioFile, stock: readonly StockRow[], stageRows: readonly { region: string; count: number; line: number }[], display: string,
): { problems: ScenarioProblem[]; notes: StockNote[]; gained: { region: string; service: ServiceId; count: number }[] } {
  const problems: ScenarioProblem[] = [];
  const at = (line: number, column: string) => ({ file: display, path: `row ${line}, column ${column}`, line });
  if (stock.length > 0 && s.settlementsFile !== undefined) {
    problems.push({ ...at(stock[0].line, 'stage'), expected: `no 'done' rows with a settlements list (settlementsFile ${s.settlementsFile} says which settlements are served)`, found: `'done' rows` });
    return { problems, notes: [], gained: [] };
  }
  const byRegion = new Map<string, Map<ServiceId, StockRow>>();
  for (const row of stock) {
    if (!byRegion.has(row.region)) byRegion.set(row.region, new Map());
    byRegion.get(row.region)!.set(row.service, row);
  }
  const hasServiceRules = Object.values(s.services ?? {}).some((x) => (x?.rules?.length ?? 0) > 0);
  const plan: { r: RegionFile; service: ServiceId; row: StockRow }[] = [];
  for (const r of s.regions) {
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
    check('household-fibre', connected, `its settlements on backbone fibre (${connected}: household fibre is only in villages on backbone fibre)`, rows.get('backbone-fibre'));
    check('satellite', total - connected, `its settlements not on backbone fibre (${total} - ${connected}: counts put satellite among them; a village with both, such as a fallback's terminal beside fibre, needs a status per settlement)`, rows.get('backbone-fibre'));
    if (!hasServiceRules && s.settlementsFile === undefined) {
      const mine = stageRows.filter((x) => x.region === r.id);
      const inStages = mine.reduce((a, x) => a + x.count, 0);
      if (mine.length > 0 && inStages > total - connected) {
        const last = mine[mine.length - 1];
        problems.push({ ...at(last.line, 'count'), expected: `the stage rows of ${r.id} to count at most its settlements still to connect (${total} - ${connected} on backbone fibre = ${total - connected}: counts give each one job; a fallback's jobs beside fibre need a status per settlement)`, found: `${inStages} in all` });
      }
    }
    for (const [service, row] of rows) plan.push({ r, service, row });
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
