import { isoToEpochDay } from '../engine/calendar.js';
import type { ScenarioProblem } from './problems.js';
import type { Locator } from './schema.js';
import { TECHNOLOGIES, type SettlementRecord, type Technology } from '../model/input.js';
import { ALL_YEAR_SEASON, type ScenarioFile } from './file-types.js';
import { suggestion } from './suggest.js';
import { rangeOf } from './distribution-field.js';
import type { DistributionSpec } from '../engine/distributions.js';

/**
 * Checks the schema cannot express: references between parts of the scenario (a
 * region's season, a target's regions), counts that must agree, and dates that must be
 * real and in order. Run on the merged scenario, so a child that renames a season its
 * parent's regions use is caught too.
 */

/** Ids that must be unique within one file's lists (merging by id needs them unique). */
export function duplicateIdProblems(data: unknown, where: Locator): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const noun = { regions: 'region', targets: 'target', motorways: 'motorway', risks: 'risk', financing: 'financing programme', deliveryRecord: 'delivery record entry' } as const;
  for (const list of ['regions', 'targets', 'motorways', 'risks', 'financing', 'deliveryRecord'] as const) {
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
        problems.push({ ...where([list, i, 'id']), expected: `a unique ${noun[list]} id`, found: `'${id}' again (first used at ${at.path}${at.line !== undefined ? `, line ${at.line}` : ''})` });
      }
    });
  }
  return problems;
}

/** Dates a scenario may use: a programme of this century or the last, give or take. */
export const FIRST_YEAR = 1900, LAST_YEAR = 2200;
/** The longest horizon, in years from the start (to the day: see latestHorizon). */
export const MAX_YEARS = 50;
/** Crews one region can field of one technology at any time, after every crew change. */
export const MAX_CREWS = 1_000_000;
/** Motorway masts in one scenario (each is a job of every replication). */
export const MAX_MOTORWAY_MASTS = 100_000;

/** A real calendar date (2025-02-30 is not). */
const realDate = (s: string) => !Number.isNaN(isoToEpochDay(s));

/**
 * The last horizon a start allows: the same month and day MAX_YEARS years on, as the README
 * says ("at most 50 years later"), not merely the year (which let 2025-10-21 run to
 * 2075-12-31). A start on 29 February ends on 28 February, as the year 50 on has no 29th
 * (it is never a leap year), so the limit never passes 50 years.
 *
 * @example latestHorizon('2025-10-21')   // '2075-10-21'
 * @example latestHorizon('2024-02-29')   // '2074-02-28'
 */
export function latestHorizon(start: string): string {
  const year = String(Number(start.slice(0, 4)) + MAX_YEARS).padStart(4, '0');
  const same = `${year}${start.slice(4)}`;
  return realDate(same) ? same : `${year}-02-28`;
}

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
  const inEra = (value: string, path: (string | number)[]) => {
    const year = Number(value.slice(0, 4));
    if (year >= FIRST_YEAR && year <= LAST_YEAR) return true;
    add({ ...where(path), expected: `a date from ${FIRST_YEAR} to ${LAST_YEAR}`, found: `'${value}'` });
    return false;
  };
  const startOk = dateOk(s.start, ['start']) && inEra(s.start, ['start']);
  const horizonOk = dateOk(s.horizon, ['horizon']) && inEra(s.horizon, ['horizon']);
  const start = isoToEpochDay(s.start), horizon = isoToEpochDay(s.horizon);
  if (startOk && horizonOk && !(horizon > start)) add({ ...where(['horizon']), expected: `a date after start (${s.start})`, found: `'${s.horizon}'` });
  else if (startOk && horizonOk && horizon > isoToEpochDay(latestHorizon(s.start))) {
    add({ ...where(['horizon']), expected: `a horizon at most ${MAX_YEARS} years after start (${s.start}), so no later than ${latestHorizon(s.start)}: each simulated day costs memory in every histogram`, found: `'${s.horizon}'` });
  }

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

  // The delivery record: each entry says a pace (perYear) or a finished plan's outcome (planned with delivered).
  (s.deliveryRecord ?? []).forEach((d, i) => {
    const pace = d.perYear;
    if (pace !== undefined && typeof pace === 'object' && pace.min > pace.max) add({ ...where(['deliveryRecord', i, 'perYear']), expected: 'min <= max', found: `min ${pace.min}, max ${pace.max}` });
    if ((d.planned === undefined) !== (d.delivered === undefined)) add({ ...where(['deliveryRecord', i]), expected: "both 'planned' and 'delivered' (a finished plan against its outcome), or neither", found: d.planned === undefined ? "'delivered' alone" : "'planned' alone" });
    if (pace === undefined && d.planned === undefined) add({ ...where(['deliveryRecord', i]), expected: "a pace ('perYear') or a finished plan ('planned' and 'delivered')", found: 'neither' });
    if (d.year !== undefined && d.kind !== 'plan') add({ ...where(['deliveryRecord', i, 'year']), expected: "'year' only on a plan (the year it promises)", found: `kind '${d.kind}'` });
    // A record of villages gaining mobile coverage has nothing to stand beside in a scenario whose masts give no village mobile coverage.
    if (d.series === 'mobile' && s.services === undefined) add({ ...where(['deliveryRecord', i, 'series']), expected: "'mobile' only in a scenario with a services section (masts that give villages mobile coverage, which the forecast counts)", found: "'mobile'" });
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

  // A region's own office capacity needs the office to exist.
  const officeSection: Record<string, [string, string]> = { approvalOffice: ['fibre', 'approvalOffice'], siteOffice: ['mast', 'siteOffice'], permitOffice: ['mast', 'permitOffice'], designOffice: ['fibre', 'designOffice'] };
  s.regions.forEach((r, i) => {
    for (const key of Object.keys(r.offices ?? {})) {
      const [section, k] = officeSection[key]!;
      const exists = (s as unknown as Record<string, Record<string, unknown> | undefined>)[section]?.[k] !== undefined;
      if (!exists) add({ ...where(['regions', i, 'offices', key], 'key'), expected: `an office '${section}.${k}' for this region's capacity to apply to`, found: `no ${section}.${k} in the scenario` });
    }
  });

  // Offices: a rejected file needs a time to come back.
  const officeAt: [string, string][] = [['fibre', 'approvalOffice'], ['mast', 'siteOffice'], ['mast', 'permitOffice']];
  for (const [section, key] of officeAt) {
    const o = (s as unknown as Record<string, Record<string, { rejection?: number; resubmission?: unknown } | undefined> | undefined>)[section]?.[key];
    if (o && (o.rejection ?? 0) > 0 && o.resubmission === undefined) {
      add({ ...where([section, key, 'rejection']), expected: `a 'resubmission' time (days) beside a rejection probability > 0 (write resubmission: 0 for files that come back at once)`, found: `rejection ${o.rejection} and no resubmission` });
    }
  }

  crewLimitProblems(s, where).forEach(add);

  // Motorways: built by the mast stream in a region of the scenario.
  const motorways = s.motorways ?? [];
  const masts = motorways.reduce((n, mw) => n + Math.ceil((mw.km ?? 0) / (mw.mastEveryKm ?? 1)), 0);
  if (masts > MAX_MOTORWAY_MASTS) {
    add({ ...where(['motorways']), expected: `at most ${MAX_MOTORWAY_MASTS.toLocaleString('en-US')} motorway masts in all (km / mastEveryKm per corridor)`, found: `${masts.toLocaleString('en-US')} masts` });
  }
  if (motorways.length > 0 && s.mast === undefined) {
    add({ ...where(['motorways']), expected: "a 'mast' section (motorway corridors are built by the mast stream)", found: `${motorways.length} motorway${motorways.length === 1 ? '' : 's'} and no 'mast' section` });
  }
  motorways.forEach((mw, i) => regionRef(mw.region, ['motorways', i, 'region']));
  s.targets.forEach((t, i) => {
    if (t.metric !== 'motorway-share') return;
    if (motorways.length === 0) add({ ...where(['targets', i, 'metric']), expected: "'motorways' to measure (a motorway-share target needs at least one motorway corridor)", found: 'no motorways' });
    if (t.regions !== undefined) add({ ...where(['targets', i, 'regions']), expected: 'no regions (a motorway-share target counts every motorway corridor)', found: `regions ${t.regions.join(', ')}` });
  });

  // Risks: the regions they name must exist.
  (s.risks ?? []).forEach((r, i) => {
    const impact = r.impact as { type?: string; regions?: string[]; region?: string } | undefined;
    if (!impact) return;
    if (impact.type === 'harsh-winter') impact.regions?.forEach((id, j) => regionRef(id, ['risks', i, 'impact', 'regions', j]));
    if (impact.type === 'contractor-default' && impact.region !== undefined) regionRef(impact.region, ['risks', i, 'impact', 'region']);
  });

  // A land law from a date (mast.preAllocatedSites: 'YYYY-MM-DD'): a real date, in the era (before the start: in force throughout).
  const sitesFrom = s.mast?.preAllocatedSites;
  if (typeof sitesFrom === 'string') dateOk(sitesFrom, ['mast', 'preAllocatedSites']) && inEra(sitesFrom, ['mast', 'preAllocatedSites']);

  // Delivery capacity: crews under contract in regions that exist, a real tender date.
  for (const [tech, c] of Object.entries(s.capacity ?? {})) {
    if (!c) continue;
    if (c.from !== undefined) dateOk(c.from, ['capacity', tech, 'from']) && inEra(c.from, ['capacity', tech, 'from']);
    const contracted = c.contracted as unknown;
    if (contracted !== null && typeof contracted === 'object' && !('dist' in contracted)) {
      for (const id of Object.keys(contracted)) if (!regionSet.has(id)) add({ ...where(['capacity', tech, 'contracted', id], 'key'), expected: `a region id declared in regions (${suggestion(id, regionIds)})`, found: `'${id}'` });
      if (c.deploy === 'national') add({ ...where(['capacity', tech, 'deploy']), expected: `'regions' with crews under contract per region, or a national total under contracted (a number or a distribution) for 'national'`, found: `'national' with crews per region id` });
    }
    // A contract deployed nationally joins the national pool: its rebalancing and travel times are nationalCrews'.
    if (c.deploy === 'national' && !s.nationalCrews) add({ ...where(['capacity', tech, 'deploy']), expected: `a nationalCrews section (its rebalanceEveryDays and travelDays move the contract's crews), or deploy: regions`, found: `'national' and no nationalCrews` });
  }

  // Fallback rules: a date within the run.
  (s.fallback ?? []).forEach((f, i) => {
    if (dateOk(f.after, ['fallback', i, 'after']) && startOk && horizonOk) {
      const d = isoToEpochDay(f.after);
      if (d < start || d > horizon) add({ ...where(['fallback', i, 'after']), expected: `a date from start (${s.start}) to horizon (${s.horizon})`, found: `'${f.after}'` });
    }
  });

  // Budgets: a programme that is written down must say how much money it has.
  for (const [prog, b] of Object.entries(s.budget ?? {})) {
    if (b && b.unlimited !== true && b.appropriations === undefined) {
      add({ ...where(['budget', prog]), expected: "'appropriations' per year, or 'unlimited: true' (leave the programme out for no limit)", found: 'neither' });
    }
  }
  return problems;
}

/**
 * Technologies that work needs a section for: a settlement that may get satellite needs
 * `satellite`, one that may get a mast needs `mast` (the model has no defaults for
 * them). "May get" = the default, any technology rule, or a listed settlement not yet
 * connected that forces it. Run after the settlements CSV is read.
 */
export function technologyProblems(s: ScenarioFile, where: Locator, settlements: readonly SettlementRecord[] | undefined): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const sections: Record<'mast' | 'satellite', boolean> = { mast: s.mast !== undefined, satellite: s.satellite !== undefined };
  for (const tech of ['satellite', 'mast'] as const) {
    if (sections[tech]) continue;
    const missing = `no '${tech}' section`;
    const expected = (why: string) => `a '${tech}' section (${why})`;
    if (s.technology?.default === tech) problems.push({ ...where(['technology', 'default']), expected: expected(`the default technology is ${tech}`), found: missing });
    (s.technology?.rules ?? []).forEach((r, i) => {
      if (r.use === tech) problems.push({ ...where(['technology', 'rules', i, 'use']), expected: expected(`this rule assigns ${tech}`), found: missing });
    });
    (s.fallback ?? []).forEach((f, i) => {
      if (f.use === tech) problems.push({ ...where(['fallback', i, 'use']), expected: expected(`this fallback gives ${tech}`), found: missing });
    });
    const forced = (settlements ?? []).filter((x) => !x.connected && x.technology === tech);
    if (forced.length > 0) {
      const which = `'${forced[0].id}'${forced.length > 1 ? ` and ${forced.length - 1} more` : ''}`;
      problems.push({ ...where(['settlementsFile']), expected: expected(`the settlements list forces ${tech} on ${which}`), found: missing });
    }
  }
  return problems;
}

/**
 * Work that can never start: a region with settlements to connect by a technology it may
 * be assigned (the default, any rule, or a listed settlement forcing it) but no crews of
 * that technology, no crew change that adds some (to this region or to all), and no
 * national crews of it. Such a run could only end at the horizon with the work undone.
 */
export function crewProblems(s: ScenarioFile, where: Locator, settlements: readonly SettlementRecord[] | undefined): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const possible = new Set<Technology>([s.technology?.default ?? 'fibre', ...(s.technology?.rules ?? []).map((r) => r.use), ...(s.fallback ?? []).map((f) => f.use)]);
  s.regions.forEach((region, i) => {
    const todo = settlements
      ? settlements.filter((x) => x.region === region.id && !x.connected)
      : [];
    const toConnect = settlements ? todo.length : (region.settlements ?? 0) - (region.connected ?? 0);
    if (toConnect <= 0) return;
    const techs = new Set<Technology>(possible);
    for (const x of todo) if (x.technology) techs.add(x.technology);
    // A listed settlement that forces its technology takes it out of the rule's reach.
    if (settlements && todo.every((x) => x.technology !== undefined)) {
      techs.clear();
      for (const x of todo) techs.add(x.technology!);
      for (const f of s.fallback ?? []) techs.add(f.use); // a fallback reaches every settlement not connected
    }
    for (const tech of techs) {
      if (tech !== 'fibre' && s[tech] === undefined) continue; // technologyProblems reports the missing section
      if (canHaveCrews(s, region, tech)) continue;
      problems.push({
        ...where(['regions', i, 'crews']),
        expected: `at least one ${tech} crew for region '${region.id}', a crewChanges entry that adds ${tech} crews to it, national ${tech} crews, or ${tech} crews under contract for it (capacity.${tech}) (it has ${toConnect} settlement${toConnect === 1 ? '' : 's'} to connect and ${tech} may be assigned to them)`,
        found: `no ${tech} crews and no way to get any`,
      });
    }
  });
  return problems;
}

/** A region has crews of a technology at the start, or a way to get some: national crews of it, a crew change that adds some there, or capacity under contract. */
export function canHaveCrews(s: ScenarioFile, region: ScenarioFile['regions'][number], tech: Technology): boolean {
  if ((region.crews?.[tech] ?? 0) > 0) return true;
  if ((s.nationalCrews?.crews?.[tech] ?? 0) > 0) return true;
  if (capacityMayAdd(s, tech, region.id)) return true;
  return (s.crewChanges ?? []).some((c) => c.technology === tech && (c.region === undefined || c.region === region.id) && (c.add ?? 0) > 0);
}

/** A `capacity` entry that may add crews of `tech` to region `id` (a national total that can be > 0, or more than its crews for the region). */
function capacityMayAdd(s: ScenarioFile, tech: Technology, id: string): boolean {
  const c = s.capacity?.[tech];
  if (!c) return false;
  const k = c.contracted as unknown;
  if (typeof k === 'number') return k > 0;
  if (k !== null && typeof k === 'object' && 'dist' in k) {
    const r = rangeOf(k as DistributionSpec); // (an unknown dist: the schema says so)
    // A distribution that is wrong in itself (min above max, below 0) is named at its own field by the distribution checks, not here as 'no crews'.
    if (r && (!(r.lo <= r.hi) || r.lo < 0)) return true;
    return (r?.hi ?? 0) > 0;
  }
  const region = s.regions.find((r) => r.id === id);
  return ((k as Record<string, number>)[id] ?? 0) > (region?.crews?.[tech] ?? 0);
}

/**
 * Crew numbers stay within MAX_CREWS in every region, for every technology, after each
 * crew change in date order (adds and multiplications compound): the model counts crews
 * in 32-bit integers and no programme fields a million crews of one kind in one region.
 */
export function crewLimitProblems(s: ScenarioFile, where: Locator): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const changes = (s.crewChanges ?? []).map((c, i) => ({ c, i })).sort((a, b) => (a.c.date < b.c.date ? -1 : a.c.date > b.c.date ? 1 : a.i - b.i));
  for (const tech of TECHNOLOGIES) {
    s.regions.forEach((r) => {
      let n = r.crews?.[tech] ?? 0;
      for (const { c, i } of changes) {
        if (c.technology !== tech || (c.region !== undefined && c.region !== r.id)) continue;
        n = c.add !== undefined ? n + c.add : Math.round(n * (c.multiply ?? 1));
        if (n > MAX_CREWS) {
          problems.push({ ...where(['crewChanges', i]), expected: `crew changes that keep every region within ${MAX_CREWS.toLocaleString('en-US')} ${tech} crews`, found: `${n.toLocaleString('en-US')} ${tech} crews in region '${r.id}' after this change` });
          return;
        }
      }
    });
  }
  return problems;
}

/**
 * A target must be a share of something: a region list (or the whole country) with no
 * settlement would make every replication "meet" it with probability 1. Run after the
 * settlements CSV is read, since it decides the counts then.
 */
export function denominatorProblems(s: ScenarioFile, where: Locator, settlements: readonly SettlementRecord[] | undefined): ScenarioProblem[] {
  if (s.settlementsFile !== undefined && !settlements) return []; // the CSV's own problems come first
  const perRegion = new Map<string, number>();
  if (settlements) for (const x of settlements) perRegion.set(x.region, (perRegion.get(x.region) ?? 0) + 1);
  else for (const r of s.regions) perRegion.set(r.id, r.settlements ?? 0);
  const problems: ScenarioProblem[] = [];
  s.targets.forEach((t, i) => {
    if (t.metric === 'motorway-share') return; // motorways are > 0 km by the schema
    // An unknown region is named on its own: that it holds no settlement would only repeat it.
    if (t.regions?.some((id) => !s.regions.some((r) => r.id === id))) return;
    const ids = t.regions ?? s.regions.map((r) => r.id);
    const n = ids.reduce((sum, id) => sum + (perRegion.get(id) ?? 0), 0);
    if (n === 0) {
      problems.push({
        ...where(t.regions ? ['targets', i, 'regions'] : ['targets', i]),
        expected: `regions with at least one settlement (target '${t.id}' ${t.metric === 'count' ? 'counts' : 'is a share of'} their settlements${settlements && s.status !== undefined ? `; the status lists the settlements, and none in ${t.regions ? 'them' : 'the scenario'}` : ''})`,
        found: t.regions ? `no settlement in ${t.regions.join(', ')}` : 'no settlement in the scenario',
      });
    }
  });
  return problems;
}
