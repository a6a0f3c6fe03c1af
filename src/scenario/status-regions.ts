import type { SettlementRecord } from '../model/input.js';
import type { ScenarioFile } from './file-types.js';
import type { Locator } from './schema.js';
import type { ScenarioProblem } from './problems.js';

/**
 * A status per settlement against the regions' own counts. Such a status lists every
 * settlement and replaces generation, so each region has as many settlements as it has rows
 * — and a scenario that starts from one still states its regions' `settlements` (the schema
 * asks for them wherever settlements are generated). When the two differ, one of them is
 * wrong, and the file is the likelier: a list cut short (`head -150 state.csv`) or missing a
 * region silently shrank the region and moved the denominator of every share, with nothing
 * said. So it is refused, naming the region, both numbers and what to write when the list is
 * the right one (a ministry's list of other villages than the scenario's): the region's count
 * in the file that names the status, which says on purpose that the settlements changed.
 *
 * @example listedCountProblems(s, [{ region: 'south', ... } x 29], 'short.csv', where)
 *   // [{ file: 'short.csv', path: 'region south', expected: 'the 80 settlements the scenario gives region south ...', found: '29 settlement rows' }]
 */
export function listedCountProblems(s: ScenarioFile, listed: readonly SettlementRecord[], statusFile: string, where: Locator): ScenarioProblem[] {
  const rows = new Map<string, number>();
  for (const x of listed) rows.set(x.region, (rows.get(x.region) ?? 0) + 1);
  const problems: ScenarioProblem[] = [];
  s.regions.forEach((r, i) => {
    const given = r.settlements, found = rows.get(r.id) ?? 0;
    if (given === undefined || given === found) return;
    const at = where(['regions', i, 'settlements'], 'value');
    const stated = `${at.file}${at.line !== undefined ? `:${at.line}` : ''}`;
    problems.push({
      file: statusFile, path: `region ${r.id}`,
      expected: `a row for each of the ${given.toLocaleString('en-US')} settlements the scenario gives region ${r.id} (${at.path} in ${stated}): a status per settlement lists every settlement and replaces generation, so a file cut short would shrink the region and change the denominator of every share. If the list is right and the count is not, give the region the list's count in the file that names the status (regions: [{ id: ${r.id}, settlements: ${found} }])`,
      found: `${found.toLocaleString('en-US')} settlement row${found === 1 ? '' : 's'}`,
    });
  });
  return problems;
}
