import { isoToEpochDay } from '../engine/index.js';
import type { ScenarioProblem } from './problems.js';
import type { Locator } from './schema.js';
import { ALL_YEAR_SEASON, type ScenarioFile } from './file-types.js';
import { suggestion } from './suggest.js';

/**
 * Checks the schema cannot express: references between parts of the scenario (a
 * region's season, a target's regions), counts that must agree, and dates that must be
 * real and in order. Run on the merged scenario, so a child that renames a season its
 * parent's regions use is caught too.
 */

/** Ids that must be unique within one file's lists (merging by id needs them unique). */
export function duplicateIdProblems(data: unknown, where: Locator): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  for (const list of ['regions', 'targets'] as const) {
    const items = (data as Record<string, unknown>)[list];
    if (!Array.isArray(items)) continue;
    const first = new Map<string, number>();
    items.forEach((item, i) => {
      const id = item !== null && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
      if (typeof id !== 'string') return;
      const j = first.get(id);
      if (j === undefined) first.set(id, i);
      else {
        const at = where([list, j]);
        problems.push({ ...where([list, i, 'id']), expected: `a unique ${list === 'regions' ? 'region' : 'target'} id`, found: `'${id}' again (first used at ${at.path}${at.line !== undefined ? `, line ${at.line}` : ''})` });
      }
    });
  }
  return problems;
}

/** A real calendar date (2025-02-30 is not). */
const realDate = (s: string) => !Number.isNaN(isoToEpochDay(s));

/** Cross-references, counts and dates of a merged, schema-valid scenario. */
export function semanticProblems(s: ScenarioFile, where: Locator, hasSettlementList: boolean): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const add = (p: ScenarioProblem) => problems.push(p);

  // Dates.
  const dateOk = (value: string, path: (string | number)[]) => {
    if (realDate(value)) return true;
    add({ ...where(path), expected: 'a real calendar date YYYY-MM-DD', found: `'${value}'` });
    return false;
  };
  const startOk = dateOk(s.start, ['start']);
  const horizonOk = dateOk(s.horizon, ['horizon']);
  const start = isoToEpochDay(s.start), horizon = isoToEpochDay(s.horizon);
  if (startOk && horizonOk && !(horizon > start)) add({ ...where(['horizon']), expected: `a date after start (${s.start})`, found: `'${s.horizon}'` });

  const regionIds = s.regions.map((r) => r.id);
  const regionSet = new Set(regionIds);
  const regionRef = (id: string, path: (string | number)[]) => {
    if (!regionSet.has(id)) add({ ...where(path), expected: `a region id declared in regions (${suggestion(id, regionIds)})`, found: `'${id}'` });
  };

  // Targets.
  s.targets.forEach((t, i) => {
    if (dateOk(t.deadline, ['targets', i, 'deadline']) && startOk && horizonOk) {
      const d = isoToEpochDay(t.deadline);
      if (!(d > start)) add({ ...where(['targets', i, 'deadline']), expected: `a deadline after start (${s.start})`, found: `'${t.deadline}'` });
      else if (d > horizon) add({ ...where(['targets', i, 'deadline']), expected: `a deadline not after the horizon (${s.horizon})`, found: `'${t.deadline}'` });
    }
    t.regions?.forEach((r, j) => regionRef(r, ['targets', i, 'regions', j]));
  });

  // Regions.
  const seasonNames = [...new Set([ALL_YEAR_SEASON, ...Object.keys(s.seasons ?? {})])];
  s.regions.forEach((r, i) => {
    const season = r.season ?? ALL_YEAR_SEASON;
    if (!seasonNames.includes(season)) add({ ...where(['regions', i, 'season']), expected: `a season declared in seasons (${suggestion(season, seasonNames)})`, found: `'${season}'` });
    if (!hasSettlementList && r.settlements !== undefined && r.connected !== undefined && r.connected > r.settlements) {
      add({ ...where(['regions', i, 'connected']), expected: `at most the region's settlements (${r.settlements})`, found: String(r.connected) });
    }
  });

  // Crew changes.
  (s.crewChanges ?? []).forEach((c, i) => {
    if (dateOk(c.date, ['crewChanges', i, 'date']) && startOk && horizonOk) {
      const d = isoToEpochDay(c.date);
      if (d < start || d > horizon) add({ ...where(['crewChanges', i, 'date']), expected: `a date from start (${s.start}) to horizon (${s.horizon})`, found: `'${c.date}'` });
    }
    if (c.region !== undefined) regionRef(c.region, ['crewChanges', i, 'region']);
    const n = (c.add !== undefined ? 1 : 0) + (c.multiply !== undefined ? 1 : 0);
    if (n !== 1) add({ ...where(['crewChanges', i]), expected: "exactly one of 'add' or 'multiply'", found: n === 0 ? 'neither' : 'both' });
  });

  // Budgets: a programme that is written down must say how much money it has.
  for (const [prog, b] of Object.entries(s.budget ?? {})) {
    if (b && b.unlimited !== true && b.appropriations === undefined) {
      add({ ...where(['budget', prog]), expected: "'appropriations' per year, or 'unlimited: true' (leave the programme out for no limit)", found: 'neither' });
    }
  }
  return problems;
}
