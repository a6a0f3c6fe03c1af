import { epochDayToIso, isoToEpochDay } from '../engine/calendar.js';
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

/**
 * Whether a run can start from a status of this date, then its targets past (pastDeadlines).
 * The run starts the day after the status's date, which must be within the scenario's
 * `start` and `horizon`. Before the start, the scenario's stock, crews, contracts and money
 * describe a later day than the status — a run from it started months before the scenario
 * without a word (a status typed 2025-06-30 for 2026-06-30 ran from July 2025) — so it is
 * refused, saying how to start earlier on purpose. On or after the horizon nothing is left
 * to run; that is named first, at the scenario's `status` (the targets it puts past follow:
 * the date is the mistake, not the targets).
 *
 * @example statusDateProblems(baseline, '2025-06-30', 'status.csv', where)   // [{ path: 'status', expected: 'a status dated on or after 2025-10-20 ...', found: "'2025-06-30' (status.csv)" }]
 */
export function statusDateProblems(s: ScenarioFile, statusDate: string, statusFile: string, where: Locator): ScenarioProblem[] {
  const found = `'${statusDate}' (${statusFile})`;
  const dayBeforeStart = epochDayToIso(isoToEpochDay(s.start) - 1);
  if (statusDate < dayBeforeStart) {
    return [{ ...where(['status'], 'value'), expected: `a status dated on or after ${dayBeforeStart}, the day before the scenario's start (${s.start}): its regions' counts, crews, contracts and money hold at that start, and a run from a status starts the day after it. To start from an earlier state, give the file that names the status a \`start\` of that day and the crews at work then`, found }];
  }
  const problems: ScenarioProblem[] = [];
  if (!(statusDate < s.horizon)) problems.push({ ...where(['status'], 'value'), expected: `a status dated before the scenario's horizon (${s.horizon}): a run from a status starts the day after it`, found });
  return [...problems, ...pastDeadlines(s, statusDate, statusFile, where)];
}
