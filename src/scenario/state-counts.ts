import { SERVICES, type ServiceId } from '../model/services.js';
import { TECHNOLOGY_DECLS } from '../model/pipelines.js';
import type { Technology } from '../model/input.js';
import type { SettlementState } from '../model/status.js';

/** A row of a status of counts (the layout `status: FILE` reads: see ./status.ts). */
export interface CountRow {
  region: string;
  /** 'done' (a region's stock of a service, or a road's masts on air) or a stage name. */
  stage: string;
  count: number;
  /** The median of the jobs' days in the stage, rounded to whole days; absent on a 'done' row. */
  daysInStage?: number;
  /** The service a settlement row counts or builds; absent on a motorway's rows. */
  service?: ServiceId;
  motorway?: string;
}

/** What a state holds that a status of counts cannot say, and so leaves out. */
export interface LeftOut {
  what: string;
  count: number;
}

export interface StateCounts {
  rows: CountRow[];
  leftOut: LeftOut[];
}

const SERVICE_OF: Readonly<Record<string, ServiceId>> = Object.fromEntries(SERVICES.map((x) => [x.tech, x.id]));
const SERVICE_ORDER: readonly ServiceId[] = SERVICES.map((x) => x.id);
/** A technology's stages, most advanced first: a status of counts gives its rows in that order to the jobs in queue order. */
const MOST_ADVANCED_FIRST = (tech: string) => [...(TECHNOLOGY_DECLS[tech as Technology]?.pipeline ?? [])].reverse();

/** The median of some numbers (the mean of the middle two for an even count). */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b), h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/**
 * A state per settlement (what `--state-at` writes) counted as a ministry publishes one: per
 * region, how many settlements have each service (`done` rows), then the jobs under way per
 * service and stage, the most advanced stage first, each with the median of its jobs' days in
 * the stage, rounded; per motorway, the masts on air and those under way by stage. A job is
 * counted once however many settlements it serves (a village mast's rows name it in `mast`).
 * Services appear for every region when the state has any settlement or job with them.
 *
 * Left out, and said so in `leftOut`, because a status of counts cannot carry it: the jobs a
 * fallback rule made (counts cannot place a fallback's jobs), and satellite in a village that
 * is also on backbone fibre (counts put satellite only off it; the village counts on fibre),
 * and the money of the jobs a fallback rule cancelled (their rows, `cancelled`, count for nothing else).
 * Jobs not started (waiting for the job before them, or not begun by the date) have no row:
 * a run from the counts begins them afresh.
 *
 * @example countState(rows, ['abai', 'akmola']).rows[0]   // { region: 'abai', stage: 'done', count: 145, service: 'backbone-fibre' }
 */
export function countState(state: readonly SettlementState[], regionIds: readonly string[]): StateCounts {
  const stock = new Map<string, number>(); // `${region}|${service}`
  const present = new Set<ServiceId>();
  const under = new Map<string, number[]>(); // `${region}|${service}|${stage}` → each job's days in the stage
  /** Village masts already counted, by `${region}|${name}` (a mast's rows are one job in one state). */
  const mastsSeen = new Set<string>();
  const roads = new Map<string, { region: string; done: number; stages: Map<string, number[]> }>();
  /** What is left out, by its plural, with its singular (a count of 1 reads '1 job', not '1 jobs'). */
  const left = new Map<string, { one: string; count: number }>();
  const leave = (one: string, many: string) => left.set(many, { one, count: (left.get(many)?.count ?? 0) + 1 });
  const add = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);
  const listOf = (m: Map<string, number[]>, k: string) => m.get(k) ?? m.set(k, []).get(k)!;

  for (const r of state) {
    if (r.motorway !== undefined && r.motorway !== '') {
      const road = roads.get(r.motorway) ?? roads.set(r.motorway, { region: r.region, done: 0, stages: new Map() }).get(r.motorway)!;
      if (r.stage === 'done') road.done++;
      else if (r.stage !== 'not started') listOf(road.stages, r.stage).push(r.daysInStage);
      continue;
    }
    // A job a fallback rule cancelled (a further row, kept for its money): no service, no job under way.
    if (r.stage === 'cancelled') {
      if (r.moneyCommitted > 0) leave('job a fallback rule cancelled, with the money it had committed (a run from the counts has that money to spend)', 'jobs a fallback rule cancelled, with the money they had committed (a run from the counts has that money to spend)');
      continue;
    }
    // A settlement's own row: its services at the date.
    if (r.services !== undefined) {
      const has = new Set(r.services);
      for (const s of has) {
        present.add(s);
        if (s === 'satellite' && has.has('backbone-fibre')) { leave('satellite in a village also on backbone fibre (counted on fibre only)', 'satellite in villages also on backbone fibre (counted on fibre only)'); continue; }
        add(stock, `${r.region}|${s}`);
      }
    }
    const service = SERVICE_OF[r.technology];
    if (service !== undefined) present.add(service);
    if (r.stage === 'done' || r.stage === 'not started') continue;
    if (r.fallback !== undefined && r.fallback !== '') { leave(`job under way that a fallback rule made (${r.technology}; counts cannot place it)`, `jobs under way that a fallback rule made (${r.technology}; counts cannot place them)`); continue; }
    // One job per row, but a village mast's rows are one job (its name, unique in the region).
    if (r.mast !== undefined && r.mast !== '') {
      const mast = `${r.region}|${r.mast}`;
      if (mastsSeen.has(mast)) continue;
      mastsSeen.add(mast);
    }
    listOf(under, `${r.region}|${service}|${r.stage}`).push(r.daysInStage);
  }

  const rows: CountRow[] = [];
  const services = SERVICE_ORDER.filter((s) => present.has(s));
  for (const region of regionIds) {
    for (const service of services) rows.push({ region, stage: 'done', count: stock.get(`${region}|${service}`) ?? 0, service });
    for (const service of services) {
      for (const stage of MOST_ADVANCED_FIRST(SERVICES.find((x) => x.id === service)!.tech)) {
        const days = under.get(`${region}|${service}|${stage}`);
        if (days) rows.push({ region, stage, count: days.length, daysInStage: Math.round(median(days)), service });
      }
    }
    for (const [motorway, road] of roads) {
      if (road.region !== region) continue;
      rows.push({ region, stage: 'done', count: road.done, motorway });
      for (const stage of MOST_ADVANCED_FIRST('mast')) {
        const days = road.stages.get(stage);
        if (days) rows.push({ region, stage, count: days.length, daysInStage: Math.round(median(days)), motorway });
      }
    }
  }
  return { rows, leftOut: [...left].map(([many, { one, count }]) => ({ what: count === 1 ? one : many, count })) };
}

const COLUMNS = ['date', 'region', 'stage', 'count', 'days_in_stage', 'service', 'motorway', 'source'] as const;
const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * The text of a status of counts: `# ` comment lines (`comments`, then what was left out),
 * the header, and the rows, each citing `source`.
 *
 * @example countsCsv('2025-12-31', countState(rows, ids), 'replication 0 of kazakhstan-baseline (seed 1)', [])
 */
export function countsCsv(date: string, counts: StateCounts, source: string, comments: readonly string[]): string {
  const lines = comments.map((c) => `# ${c}`.trimEnd());
  for (const l of counts.leftOut) lines.push(`# Left out (a status of counts cannot say it): ${l.count} ${l.what}.`);
  lines.push(COLUMNS.join(','));
  for (const r of counts.rows) {
    lines.push([date, quote(r.region), r.stage, String(r.count), r.daysInStage === undefined ? '' : String(r.daysInStage), r.service ?? '', quote(r.motorway ?? ''), quote(source)].join(','));
  }
  return lines.join('\n') + '\n';
}
