import { isoToEpochDay } from '../engine/calendar.js';
import type { SettlementRecord, TargetDefinition, Technology } from '../model/input.js';
import { SERVICES, type ServiceKey } from '../model/services.js';
import { canHaveCrews } from './checks.js';
import type { AlternativeFile, ScenarioFile, TargetFile } from './file-types.js';
import { targetInput } from './normalise.js';
import type { Path } from './paths.js';
import type { ScenarioProblem } from './problems.js';
import type { Locator } from './schema.js';
import { suggestion } from './suggest.js';

/**
 * Checks of what counts that the schema cannot express, on the merged scenario: targets
 * and their alternative readings (services where the metric needs them, thresholds,
 * denominators, deadlines and regions of each reading as resolved against its target),
 * service rules (the section that builds the service, regions, crews) and the starting
 * services of generated regions. Run after the settlements CSV is read.
 */

const SETTLEMENT_METRICS = new Set(['share', 'count']);
/** The section whose pipeline builds each service a rule can give, and the technology of its crews. */
const RULE_SECTION: Record<'mobile' | 'householdFibre' | 'satellite', { section: 'mast' | 'household' | 'satellite'; tech: Technology }> = {
  mobile: { section: 'mast', tech: 'mast' },
  householdFibre: { section: 'household', tech: 'household' },
  satellite: { section: 'satellite', tech: 'satellite' },
};

/** Targets and their readings. */
export function readingProblems(s: ScenarioFile, where: Locator, settlements: readonly SettlementRecord[] | undefined): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const add = (p: ScenarioProblem) => problems.push(p);
  const regionIds = s.regions.map((r) => r.id);
  const perRegion = new Map<string, number>();
  if (settlements) for (const x of settlements) perRegion.set(x.region, (perRegion.get(x.region) ?? 0) + 1);
  else for (const r of s.regions) perRegion.set(r.id, r.settlements ?? 0);
  const start = isoToEpochDay(s.start), horizon = isoToEpochDay(s.horizon);

  /** What a definition as written may hold: services only where the metric counts settlements, a denominator only for a share. */
  const written = (d: TargetFile | AlternativeFile, metric: TargetDefinition['metric'], path: Path) => {
    if (d.services !== undefined && !SETTLEMENT_METRICS.has(metric)) {
      add({ ...where([...path, 'services']), expected: `no services with metric ${metric} (${metric === 'fibre-share' ? 'it counts backbone-fibre' : metric === 'coverage-share' ? 'it counts what coverageTechnologies build' : 'it counts motorway km'}; use metric share or count to name the services)`, found: `services ${d.services.join(', ')}` });
    }
    if (d.denominator != null && (metric === 'count' || metric === 'motorway-share')) {
      add({ ...where([...path, 'denominator']), expected: `no denominator with metric ${metric} (a denominator is what a share of settlements is taken over)`, found: `denominator ${d.denominator}` });
    }
  };
  /** A resolved definition: services, threshold, deadline, regions, settlements to take a share of. */
  const resolved = (d: TargetDefinition, id: string, path: Path) => {
    if (SETTLEMENT_METRICS.has(d.metric) && !(d.services && d.services.length > 0)) {
      add({ ...where(path), expected: `the services that count (services: [...], any of ${SERVICES.map((x) => x.id).join(', ')}) for metric ${d.metric}`, found: 'none' });
    }
    if (d.metric === 'count' ? !Number.isInteger(d.threshold) : d.threshold > 1) {
      add({ ...where([...path, 'threshold']), expected: d.metric === 'count' ? 'a whole number of settlements (metric count)' : 'a number from 0 to 1 (a share)', found: String(d.threshold) });
    }
    const day = isoToEpochDay(d.deadline);
    if (Number.isNaN(day)) add({ ...where([...path, 'deadline']), expected: 'a real calendar date YYYY-MM-DD', found: `'${d.deadline}'` });
    else if (!(day > start) || day > horizon) add({ ...where([...path, 'deadline']), expected: `a deadline after start (${s.start}) and not after the horizon (${s.horizon})`, found: `'${d.deadline}'` });
    for (const r of d.regions ?? []) if (!regionIds.includes(r)) add({ ...where([...path, 'regions']), expected: `region ids declared in regions (${suggestion(r, regionIds)})`, found: `'${r}'` });
    if (d.metric === 'motorway-share') {
      if ((s.motorways ?? []).length === 0) add({ ...where([...path, 'metric']), expected: "'motorways' to measure (a motorway-share reading needs at least one motorway corridor)", found: 'no motorways' });
      if (d.regions) add({ ...where([...path, 'regions']), expected: 'no regions (a motorway-share reading counts every motorway corridor)', found: `regions ${d.regions.join(', ')}` });
    } else if (!(s.settlementsFile !== undefined && !settlements) && (d.regions ?? []).every((r) => regionIds.includes(r))) {
      // (An unknown region is named above: that it holds no settlement would only repeat it.)
      const n = (d.regions ?? regionIds).reduce((sum, r) => sum + (perRegion.get(r) ?? 0), 0);
      if (n === 0) add({ ...where(path), expected: `regions with at least one settlement (reading '${id}' counts their settlements)`, found: 'no settlement' });
    }
  };

  s.targets.forEach((t, i) => {
    const path: Path = ['targets', i];
    // The target's own deadline, regions and threshold range are checked by semanticProblems and the schema.
    written(t, t.metric, path);
    if (SETTLEMENT_METRICS.has(t.metric) && !(t.services && t.services.length > 0)) {
      add({ ...where(path), expected: `the services that count (services: [...], any of ${SERVICES.map((x) => x.id).join(', ')}) for metric ${t.metric}`, found: 'none' });
    }
    const seen = new Map<string, number>();
    const base = targetInput({ ...t, alternatives: undefined }, s.coverageTechnologies ?? ['fibre']);
    (t.alternatives ?? []).forEach((a, k) => {
      const at: Path = [...path, 'alternatives', k];
      if (seen.has(a.id)) add({ ...where([...at, 'id']), expected: `a reading id unique within target '${t.id}'`, found: `'${a.id}' again (first at alternatives[${seen.get(a.id)}])` });
      seen.set(a.id, k);
      const r = targetInput({ ...t, alternatives: [a] }, s.coverageTechnologies ?? ['fibre']).alternatives![0];
      written(a, r.metric, at);
      const switched = (base.metric === 'count') !== (r.metric === 'count') || (base.metric === 'motorway-share') !== (r.metric === 'motorway-share');
      if (switched && a.threshold === undefined) add({ ...where(at), expected: `a threshold of its own (metric ${r.metric} measures in other units than the target's ${base.metric})`, found: 'none' });
      else resolved(r, a.id, at);
    });
  });
  return problems;
}

/** Service rules and the starting services of generated regions. */
export function serviceProblems(s: ScenarioFile, where: Locator, settlements: readonly SettlementRecord[] | undefined): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const add = (p: ScenarioProblem) => problems.push(p);
  const regionIds = s.regions.map((r) => r.id);
  for (const key of ['mobile', 'householdFibre', 'satellite'] as const) {
    const rules = s.services?.[key]?.rules ?? [];
    if (rules.length === 0) continue;
    const { section, tech } = RULE_SECTION[key];
    if (s[section] === undefined) add({ ...where(['services', key]), expected: `a '${section}' section (the jobs that build what services.${key} gives)`, found: `no '${section}' section` });
    const regions = new Set<string>();
    rules.forEach((r, i) => {
      const ids = r.when?.regions ?? regionIds;
      ids.forEach((id, j) => {
        if (!regionIds.includes(id)) add({ ...where(['services', key, 'rules', i, 'when', 'regions', j]), expected: `a region id declared in regions (${suggestion(id, regionIds)})`, found: `'${id}'` });
        else regions.add(id);
      });
    });
    // Work that could never start: a region the rules reach, with settlements, and no crews of the technology.
    s.regions.forEach((region, i) => {
      const n = settlements ? settlements.filter((x) => x.region === region.id).length : region.settlements ?? 0;
      if (n === 0 || !regions.has(region.id) || s[section] === undefined || canHaveCrews(s, region, tech)) return;
      add({ ...where(['regions', i, 'crews']), expected: `at least one ${tech} crew for region '${region.id}', a crewChanges entry that adds some, or national ${tech} crews (services.${key} can give its settlements ${key})`, found: `no ${tech} crews and no way to get any` });
    });
  }
  // Household fibre is the last mile: a listed settlement with it is on backbone fibre.
  const without = (settlements ?? []).filter((x) => x.services?.includes('household-fibre') && !(x.connected && (x.technology ?? 'fibre') === 'fibre'));
  if (without.length > 0) {
    add({ ...where(['settlementsFile']), expected: 'household fibre only in settlements on backbone fibre at the start (connected, technology fibre)', found: `householdFibre on '${without[0].id}'${without.length > 1 ? ` and ${without.length - 1} more` : ''}, not on backbone fibre` });
  }
  // Starting counts: generated regions only (ignored when settlements are listed), within what the region has.
  s.regions.forEach((r, i) => {
    const counts = r.services;
    if (!counts) return;
    if (s.settlementsFile !== undefined || settlements) return; // ignored, as the counts are, when settlements are listed
    const total = r.settlements ?? 0, connected = r.connected ?? 0;
    const limit: Record<string, [number, string]> = {
      householdFibre: [connected, `the region's settlements on backbone fibre (connected: ${connected})`],
      mobile: [total, `the region's settlements (${total})`],
      satellite: [total - connected, `its settlements not on backbone fibre (${total} - ${connected})`],
    };
    for (const [key, v] of Object.entries(counts) as [ServiceKey, number][]) {
      const [max, what] = limit[key];
      if (v > max) add({ ...where(['regions', i, 'services', key]), expected: `at most ${what}`, found: String(v) });
    }
  });
  return problems;
}
