import type { ScenarioFile } from './file-types.js';
import type { Locator } from './schema.js';
import type { ScenarioProblem } from './problems.js';

/**
 * Targets (and their readings) whose deadline is not after a status's date: a run from a
 * status starts the next day, and what happened on or before that day is not simulated — the
 * status says where the programme stood at its end, not on an earlier deadline — so such a
 * target would be read from futures that begin after it (a share of 0 at its deadline).
 * Each is named at its deadline, with what to do.
 *
 * @example pastDeadlines(s, '2026-12-31', where)   // [{ path: 'targets[0].deadline', expected: 'a deadline after the status's date ...', found: "'2026-12-31' (fibre-2026)" }]
 */
export function pastDeadlines(s: ScenarioFile, statusDate: string, statusFile: string, where: Locator): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const expected = `a deadline after the status's date (${statusDate}, ${statusFile}): a run from a status starts the next day and cannot tell what stood on an earlier date. Take what is already past out in the file that names the status: \`targets: [{ id: <target>, drop: true }]\`, or a reading: \`targets: [{ id: <target>, alternatives: [{ id: <reading>, drop: true }] }]\``;
  s.targets.forEach((t, i) => {
    if (t.deadline <= statusDate) problems.push({ ...where(['targets', i, 'deadline'], 'value'), expected, found: `'${t.deadline}' (target ${t.id})` });
    (t.alternatives ?? []).forEach((a, k) => {
      if (a.deadline !== undefined && a.deadline <= statusDate) problems.push({ ...where(['targets', i, 'alternatives', k, 'deadline'], 'value'), expected, found: `'${a.deadline}' (reading ${t.id}.${a.id})` });
    });
  });
  return problems;
}
