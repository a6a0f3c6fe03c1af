import { Container, Resource, Simulation, stream } from '../engine/index.js';
import type { CompiledModel } from './compile.js';
import type { Programme } from './input.js';
import { buildSettlements, type SettlementTable } from './settlements.js';
import {
  N_WAIT, TECH_CODE, TECH_NAMES, W_APPROVAL, W_BUDGET, W_COMMISSIONING, W_CREW, W_DESIGN, W_PROCUREMENT, W_WINTER, W_WORK,
} from './stages.js';
import { evaluate, type Evaluation } from './evaluate.js';

/** Uniforms drawn per settlement from the 'jobs' stream (fixed, so options stay aligned). */
const SLOTS = 16;
const S_DESIGN = 0, S_APPROVAL = 1, S_KMPERDAY = 2, S_COSTPERKM = 3, S_NODECOST = 4, S_COMMISSION = 5,
  S_SAT_PROCURE = 6, S_SAT_INSTALL = 7, S_SAT_COST = 8;

/** Stage a settlement is in (for settlements unfinished at the horizon). */
export const STAGE_NAMES = ['design', 'approval', 'budget', 'crew', 'work', 'commissioning', 'procurement', 'done'] as const;
const ST_DESIGN = 0, ST_APPROVAL = 1, ST_BUDGET = 2, ST_CREW = 3, ST_WORK = 4, ST_COMMISSION = 5, ST_PROCURE = 6, ST_DONE = 7;
const STAGE_WAIT = [W_DESIGN, W_APPROVAL, W_BUDGET, W_CREW, W_WORK, W_COMMISSIONING, W_PROCUREMENT, -1];

const PROGRAMMES: Programme[] = ['fibre', 'mast', 'satellite'];

/** What one replication produces. */
export interface ReplicationOutcome extends Evaluation {
  rep: number;
  settlements: SettlementTable;
  /** Completion time per settlement: -1 already connected at the start, Infinity not within the horizon. */
  completion: Float64Array;
  /** Stage per settlement at the end (STAGE_NAMES index; 'done' when connected). */
  stage: Uint8Array;
  /** Days per settlement in each wait stage (N_WAIT per settlement). */
  waits: Float64Array;
  /** Money committed per programme (fibre, mast, satellite) and budget year: [p * years + y]. */
  spend: Float64Array;
  /** Crew-days worked and crew-days available per region and technology: [r * 3 + tech]. */
  crewBusy: Float64Array;
  events: number;
}

export interface ReplicationOptions {
  /** Check invariants as the run goes (time order, no double connection, levels >= 0). */
  check?: boolean;
  /** Receives one line per event. */
  trace?: (line: string) => void;
}

/** Raised when an invariant fails under --check. */
export class InvariantError extends Error {}

/**
 * Runs replication `rep` of a compiled scenario. Its random numbers depend only on
 * (seed, rep). Each settlement is a small state machine driven by events:
 *
 *   fibre:     design → approval → budget → crew → laying (seasonal) → commissioning → connected
 *   satellite: procurement → budget → crew → installation → connected
 */
export function simulateReplication(m: CompiledModel, seed: number, rep: number, opts: ReplicationOptions = {}): ReplicationOutcome {
  const input = m.input;
  const st = buildSettlements(m, seed, rep);
  const n = st.n;
  const nRegions = m.regionIds.length;
  const sim = new Simulation(4096);
  sim.checkInvariants = opts.check === true;

  // Per-settlement random numbers: SLOTS uniforms each, in settlement order.
  const uj = stream(seed, rep, 'jobs');
  const u = new Float64Array(n * SLOTS);
  for (let i = 0; i < u.length; i++) u[i] = uj();

  const completion = new Float64Array(n).fill(Infinity);
  const stage = new Uint8Array(n);
  const since = new Float64Array(n);
  const waits = new Float64Array(n * N_WAIT);
  const cost = new Float64Array(n);
  const spend = new Float64Array(PROGRAMMES.length * m.years);
  const workStart = new Float64Array(n);

  // Crews: one resource per region and technology.
  const crews: Resource[] = [];
  input.regions.forEach((r) => {
    for (const t of TECH_NAMES) crews.push(new Resource(sim, r.crews[t] ?? 0, `${r.id} ${t} crews`));
  });

  // Budgets: one container per limited programme, refilled on 1 January.
  const budgets: (Container | null)[] = PROGRAMMES.map((p) => {
    const b = input.budget[p];
    if (!b || b.unlimited) return null;
    return new Container(sim, b.appropriations[String(m.firstYear)] ?? 0, `${p} budget`);
  });

  const yearOf = (t: number) => Math.min(m.years - 1, Math.max(0, m.calendar.year(Math.min(Math.floor(t), m.horizonDays - 1)) - m.firstYear));
  const enter = (j: number, s: number, waitIdx: number) => {
    const now = sim.now;
    waits[j * N_WAIT + waitIdx] += now - since[j];
    since[j] = now;
    stage[j] = s;
  };
  const finish = (j: number) => {
    if (opts.check && completion[j] !== Infinity) throw new InvariantError(`settlement ${j} connected twice (at ${completion[j]} and ${sim.now})`);
    completion[j] = sim.now;
    stage[j] = ST_DONE;
  };
  const commit = (j: number, p: number) => {
    spend[p * m.years + yearOf(sim.now)] += cost[j];
  };

  // ---- fibre ----
  const method = input.fibre.method;
  const methodIdx = method === 'buried' ? 0 : 1;
  const dKm = m.dist.kmPerDay[method], dCost = m.dist.costPerKm[method];
  const hDesigned = sim.on((j) => {
    enter(j, ST_APPROVAL, W_DESIGN);
    const known = st.approvalDays[j];
    const d = known === known ? known : m.dist.approval.quantile(u[j * SLOTS + S_APPROVAL]);
    sim.schedule(Math.max(0, d), hApproved, j);
  }, 'fibre designed');
  const hApproved = sim.on((j) => {
    enter(j, ST_BUDGET, W_APPROVAL);
    const b = budgets[0];
    if (b === null) fibreFunded(j);
    else b.get(cost[j], hFunded, j, st.priority[j]);
  }, 'fibre approved');
  const fibreFunded = (j: number) => {
    enter(j, ST_CREW, W_BUDGET);
    commit(j, 0);
    crews[st.region[j] * 3 + TECH_CODE.fibre].request(hCrewed, j, st.priority[j]);
  };
  const hFunded = sim.on(fibreFunded, 'fibre funded');
  const hCrewed = sim.on((j) => {
    enter(j, ST_WORK, W_CREW);
    const r = st.region[j];
    const rate = Math.max(1e-9, dKm.quantile(u[j * SLOTS + S_KMPERDAY]) * input.regions[r].productivityFactor);
    const work = st.backboneKm[j] / rate;
    workStart[j] = sim.now;
    const end = m.workCalendars[r * 2 + methodIdx].finishTime(sim.now, work);
    if (end !== Infinity) sim.at(end, hLaid, j);
  }, 'fibre crew assigned');
  const hLaid = sim.on((j) => {
    splitWork(j, sim.now);
    since[j] = sim.now;
    stage[j] = ST_COMMISSION;
    crews[st.region[j] * 3 + TECH_CODE.fibre].release();
    sim.schedule(Math.max(0, m.dist.commissioning.quantile(u[j * SLOTS + S_COMMISSION])), hCommissioned, j);
  }, 'fibre laid');
  const hCommissioned = sim.on((j) => {
    enter(j, ST_DONE, W_COMMISSIONING);
    finish(j);
  }, 'fibre connected');
  /** Laying time splits into full-rate work and time lost to winter. */
  const splitWork = (j: number, end: number) => {
    const r = st.region[j];
    const wc = m.workCalendars[r * 2 + methodIdx];
    const done = wc.capacityBefore(end) - wc.capacityBefore(workStart[j]);
    waits[j * N_WAIT + W_WORK] += done;
    waits[j * N_WAIT + W_WINTER] += end - workStart[j] - done;
  };

  // ---- satellite ----
  const hProcured = sim.on((j) => {
    enter(j, ST_BUDGET, W_PROCUREMENT);
    const b = budgets[2];
    if (b === null) satFunded(j);
    else b.get(cost[j], hSatFunded, j, st.priority[j]);
  }, 'satellite terminals delivered');
  const satFunded = (j: number) => {
    enter(j, ST_CREW, W_BUDGET);
    commit(j, 2);
    crews[st.region[j] * 3 + TECH_CODE.satellite].request(hSatCrewed, j, st.priority[j]);
  };
  const hSatFunded = sim.on(satFunded, 'satellite funded');
  const hSatCrewed = sim.on((j) => {
    enter(j, ST_WORK, W_CREW);
    sim.schedule(Math.max(0, m.dist.satInstall!.quantile(u[j * SLOTS + S_SAT_INSTALL])), hSatInstalled, j);
  }, 'satellite crew assigned');
  const hSatInstalled = sim.on((j) => {
    enter(j, ST_DONE, W_WORK);
    crews[st.region[j] * 3 + TECH_CODE.satellite].release();
    finish(j);
  }, 'satellite connected');

  // ---- budget years and crew changes ----
  const hNewYear = sim.on((y) => {
    const year = String(m.firstYear + y);
    PROGRAMMES.forEach((p, k) => {
      const c = budgets[k];
      if (c === null) return;
      const b = input.budget[p]!;
      const add = b.appropriations[year] ?? 0;
      if (b.carryOver) c.put(add); else c.setLevel(add);
    });
  }, 'new budget year');
  for (let y = 1; y < m.years; y++) {
    const day = m.calendar.startOfYear(m.firstYear + y);
    if (day < m.horizonDays) sim.at(day, hNewYear, y);
  }
  const hCrewChange = sim.on((c) => {
    const ch = input.crewChanges[c];
    const t = TECH_CODE[ch.technology];
    for (let r = 0; r < nRegions; r++) {
      if (ch.region !== undefined && m.regionIds[r] !== ch.region) continue;
      const res = crews[r * 3 + t];
      const next = ch.add !== undefined ? res.capacity + ch.add : Math.round(res.capacity * (ch.multiply ?? 1));
      res.setCapacity(Math.max(0, next));
    }
  }, 'crew change');
  input.crewChanges.forEach((ch, c) => {
    const day = m.calendar.dayOf(ch.date);
    if (day < m.horizonDays) sim.at(Math.max(0, day), hCrewChange, c);
  });

  // ---- start every settlement's work ----
  for (let j = 0; j < n; j++) {
    if (st.connected[j]) { completion[j] = -1; stage[j] = ST_DONE; continue; }
    const base = j * SLOTS;
    if (st.tech[j] === TECH_CODE.fibre) {
      cost[j] = st.backboneKm[j] * Math.max(0, dCost.quantile(u[base + S_COSTPERKM])) + Math.max(0, m.dist.nodeCost.quantile(u[base + S_NODECOST]));
      stage[j] = ST_DESIGN;
      sim.schedule(Math.max(0, m.dist.design.quantile(u[base + S_DESIGN])), hDesigned, j);
    } else if (st.tech[j] === TECH_CODE.satellite) {
      if (m.dist.satProcurement === null) throw new RangeError('a settlement was assigned satellite but the scenario has no satellite section');
      cost[j] = Math.max(0, m.dist.satCost!.quantile(u[base + S_SAT_COST]));
      stage[j] = ST_PROCURE;
      sim.schedule(Math.max(0, m.dist.satProcurement.quantile(u[base + S_SAT_PROCURE])), hProcured, j);
    } else {
      throw new RangeError('mast technology is not modelled yet');
    }
  }

  if (opts.trace) {
    const trace = opts.trace;
    sim.tracer = (t, kind, arg) => trace(`${m.calendar.toIso(t)} day ${t.toFixed(3)} ${sim.handlerName(kind)} #${arg}${st.ids ? ` (${st.ids[arg] ?? ''})` : ''}`);
  }
  sim.run(m.horizonDays);

  // Time of unfinished settlements up to the horizon goes to the stage they are stuck in.
  const end = m.horizonDays;
  for (let j = 0; j < n; j++) {
    const s = stage[j];
    if (s === ST_DONE) continue;
    if (s === ST_WORK && st.tech[j] === TECH_CODE.fibre) splitWork(j, end);
    else waits[j * N_WAIT + STAGE_WAIT[s]] += end - since[j];
  }
  if (opts.check) {
    for (const c of budgets) if (c !== null && c.level < -1e-9) throw new InvariantError(`${c.name} went negative: ${c.level}`);
    for (const r of crews) if (r.inUse < 0 || r.inUse > Math.max(r.capacity, r.inUse)) throw new InvariantError(`${r.name} in use ${r.inUse}`);
    for (let j = 0; j < n; j++) {
      if ((stage[j] === ST_DONE) !== (completion[j] !== Infinity)) throw new InvariantError(`settlement ${j} not accounted for: stage ${STAGE_NAMES[stage[j]]}, completion ${completion[j]}`);
    }
  }

  const crewBusy = new Float64Array(crews.length);
  crews.forEach((r, i) => (crewBusy[i] = r.busyTime()));
  return {
    rep, settlements: st, completion, stage, waits, spend, crewBusy, events: sim.eventsProcessed,
    ...evaluate(m, st, completion),
  };
}
