import { Container, Resource, Simulation, WorkCalendar, hashUniform, stream } from '../engine/index.js';
import { OFFICE_MAST_PERMIT, OFFICE_MAST_SITE, OFFICE_RIGHT_OF_WAY, type CompiledModel } from './compile.js';
import type { Programme } from './input.js';
import { buildSettlements, type SettlementTable } from './settlements.js';
import {
  N_WAIT, TECH_CODE, TECH_NAMES, W_APPROVAL, W_BUDGET, W_COMMISSIONING, W_CREW, W_DESIGN, W_PROCUREMENT, W_WINTER, W_WORK,
} from './stages.js';
import { evaluate, type Evaluation } from './evaluate.js';
import { drawRisks, applyRiskCalendars, type RiskDraws } from './risks.js';
import { NationalPool } from './national-crews.js';
import { observeReplication } from './observe.js';
import { buildJobs, K_FIBRE, K_MAST, K_SAT } from './jobs.js';
import {
  S_APPROVAL, S_COMMISSION, S_COSTPERKM, S_DESIGN, S_KMPERDAY, S_MAST_BUILD, S_MAST_COST, S_MAST_PERMIT, S_MAST_POWER, S_MAST_SITE,
  S_NODECOST, S_REJECT, S_SAT_COST, S_SAT_INSTALL, S_SAT_PROCURE, summariseInputs,
} from './draws.js';

/** Stages. A job of each kind goes through its list in order. */
const G_DESIGN = 0, G_APPROVAL = 1, G_SITE = 2, G_PERMIT = 3, G_BUDGET = 4, G_CREW = 5, G_WORK = 6,
  G_COMMISSION = 7, G_POWER = 8, G_PROCURE = 9, G_DONE = 10;
export const STAGE_NAMES = ['design', 'approval', 'site allocation', 'mast permit', 'budget', 'crew', 'work', 'commissioning', 'power and backhaul', 'procurement', 'done'] as const;
const STAGE_WAIT = [W_DESIGN, W_APPROVAL, W_APPROVAL, W_APPROVAL, W_BUDGET, W_CREW, W_WORK, W_COMMISSIONING, W_COMMISSIONING, W_PROCUREMENT, -1];
const STAGE_OFFICE = [-1, OFFICE_RIGHT_OF_WAY, OFFICE_MAST_SITE, OFFICE_MAST_PERMIT, -1, -1, -1, -1, -1, -1, -1];

const PIPELINES: readonly (readonly number[])[] = [
  [G_DESIGN, G_APPROVAL, G_BUDGET, G_CREW, G_WORK, G_COMMISSION],
  [G_SITE, G_PERMIT, G_BUDGET, G_CREW, G_WORK, G_POWER],
  [G_PROCURE, G_BUDGET, G_CREW, G_WORK],
];
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
  /**
   * Crew-days in use and available per region and technology up to the end of the first
   * target deadline (utilisation while the programme is in full swing): [r * 3 + tech].
   */
  crewBusyToDeadline: Float64Array;
  crewAvailableToDeadline: Float64Array;
  /** Completion time of each motorway mast (CompiledModel.motorwayMasts order). */
  motorwayCompletion: Float64Array;
  /** The national factors and risks drawn for this replication. */
  draws: { productivity: number; costOverrun: number; permitDelay: number; risks: RiskDraws };
  /** The replication's sampled inputs in one number each (see inputSummaryKeys), for sensitivity. */
  inputSummary: Float64Array;
  /** Its value of each of input.observations (empty without observations). */
  observed: Float64Array;
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
 * (seed, rep). Work is organised in jobs — a fibre line to one settlement, a satellite
 * installation at one settlement, a mast serving a few settlements or a stretch of
 * motorway — each a small state machine driven by events:
 *
 *   fibre:     design → right-of-way approval → budget → crew → laying (seasonal) → commissioning
 *   mast:      site allocation → mast permit → budget → crew → construction (seasonal) → power and backhaul
 *   satellite: procurement → budget → crew → installation
 *
 * Approvals go through per-region offices with a capacity, rejections and resubmissions
 * when the scenario says so; crews and money are shared resources with queues.
 */
export function simulateReplication(m: CompiledModel, seed: number, rep: number, opts: ReplicationOptions = {}): ReplicationOutcome {
  const input = m.input;
  const st = buildSettlements(m, seed, rep);
  const n = st.n;
  const nRegions = m.regionIds.length;
  const sim = new Simulation(n + 256);
  sim.checkInvariants = opts.check === true;

  // ---- random numbers ----
  // One uniform per settlement (and per motorway mast) from the 'jobs' stream; each of its
  // inputs ("slots") is a counter-based draw from it, so the same settlement gets the
  // same design time, permit time, productivity... in every option of a comparison.
  const uj = stream(seed, rep, 'jobs');
  const u = new Float64Array(n);
  for (let i = 0; i < n; i++) u[i] = uj();
  const nMw = m.motorwayMasts.length;
  const um = stream(seed, rep, 'motorways');
  const uMw = new Float64Array(nMw);
  for (let i = 0; i < nMw; i++) uMw[i] = um();
  const ug = stream(seed, rep, 'factors');
  const g1 = ug(), g2 = ug(), g3 = ug();
  const F = m.dist.factors;
  const productivity = F.productivity ? Math.max(1e-6, F.productivity.quantile(g1)) : 1;
  const costOverrun = F.costOverrun ? Math.max(0, F.costOverrun.quantile(g2)) : 1;
  const permitDelay = F.permitDelay ? Math.max(0, F.permitDelay.quantile(g3)) : 1;
  const risks = drawRisks(m, seed, rep);
  const workCalendars: WorkCalendar[] = applyRiskCalendars(m, risks);

  // ---- jobs ----
  const { n: nJobs, kind: jobKind, region: jobRegion, slotBase: jobSlotBase, motorway: jobMotorway, priority: jobPriority, memberStart, members } = buildJobs(m, st);
  if (jobKind.includes(K_MAST) && m.dist.mast === null) throw new RangeError('a settlement was assigned a mast but the scenario has no mast section');
  if (jobKind.includes(K_SAT) && m.dist.satProcurement === null) throw new RangeError('a settlement was assigned satellite but the scenario has no satellite section');

  /** The job's uniform for a slot (its first settlement's, or the motorway mast's own). */
  const uOf = (j: number, slot: number) => {
    const b = jobSlotBase[j];
    return hashUniform(b >= 0 ? u[b] : uMw[-b - 1], slot, 0);
  };

  const stageIdx = new Uint8Array(nJobs);
  const stageCode = new Uint8Array(nJobs);
  const since = new Float64Array(nJobs);
  const attempts = new Uint16Array(nJobs);
  const waitsJ = new Float64Array(nJobs * N_WAIT);
  const cost = new Float64Array(nJobs);
  const workStart = new Float64Array(nJobs);
  const jobDone = new Float64Array(nJobs).fill(Infinity);
  const spend = new Float64Array(PROGRAMMES.length * m.years);

  // ---- resources: crews per region and technology, offices per region and kind, budgets ----
  const crews: Resource[] = [];
  input.regions.forEach((r) => {
    for (const t of TECH_NAMES) crews.push(new Resource(sim, r.crews[t] ?? 0, `${r.id} ${t} crews`));
  });
  const offices: (Resource | null)[] = [];
  const OFFICE_KEYS = ['approvalOffice', 'siteOffice', 'permitOffice'] as const;
  for (let r = 0; r < nRegions; r++) {
    const own = input.regions[r].offices;
    for (let o = 0; o < 3; o++) {
      const spec = m.offices[o];
      const capacity = own && own[OFFICE_KEYS[o]] !== undefined ? own[OFFICE_KEYS[o]]! : spec?.capacity ?? null;
      // An office with no capacity limit still rejects files; only 'no office' is a pure delay.
      offices.push(spec ? new Resource(sim, capacity ?? Infinity, `${m.regionIds[r]} ${OFFICE_KEYS[o]}`) : null);
    }
  }
  const appropriation = (p: number, y: number) => {
    const b = input.budget[PROGRAMMES[p]]!;
    let a = b.appropriations[String(m.firstYear + y)] ?? 0;
    for (const cut of risks.budgetCuts) if (cut.programme === p && cut.year === y) a *= 1 - cut.share;
    return a;
  };
  const budgets: (Container | null)[] = PROGRAMMES.map((p, k) => {
    const b = input.budget[p];
    if (!b || b.unlimited) return null;
    return new Container(sim, appropriation(k, 0), `${p} budget`);
  });
  const programmeShare = PROGRAMMES.map((p) => 1 - (input.budget[p]?.operatorShare ?? 0));

  const yearOf = (t: number) => Math.min(m.years - 1, Math.max(0, m.calendar.year(Math.min(Math.floor(t), m.horizonDays - 1)) - m.firstYear));
  const techOfKind = [TECH_CODE.fibre, TECH_CODE.mast, TECH_CODE.satellite];
  const method = input.fibre.method;
  const methodIdx = method === 'buried' ? 0 : 1;
  const dKm = m.dist.kmPerDay[method], dCost = m.dist.costPerKm[method];

  /** Processing time of an office stage (the stage's distribution, times the national permit factor). */
  const processing = (j: number, code: number) => {
    let d: number;
    if (code === G_APPROVAL) {
      const i = members[memberStart[j]];
      const known = st.approvalDays[i];
      d = known === known ? known : m.dist.approval.quantile(uOf(j, S_APPROVAL));
    } else if (code === G_SITE) d = m.dist.mast!.siteAllocation.quantile(uOf(j, S_MAST_SITE));
    else d = m.dist.mast!.permit.quantile(uOf(j, S_MAST_PERMIT));
    return Math.max(0, d * permitDelay);
  };

  const hNext = sim.on((j) => advance(j), 'stage done');
  const hFunded = sim.on((j) => {
    const p = jobKind[j];
    spend[p * m.years + yearOf(sim.now)] += cost[j] * programmeShare[p];
    advance(j);
  }, 'funded');
  const hCrewed = sim.on((j) => {
    close(j);
    const k = jobKind[j], r = jobRegion[j];
    stageIdx[j]++;
    stageCode[j] = G_WORK;
    workStart[j] = sim.now;
    let end: number;
    if (k === K_FIBRE) {
      const i = members[memberStart[j]];
      const rate = Math.max(1e-9, dKm.quantile(uOf(j, S_KMPERDAY)) * input.regions[r].productivityFactor * productivity);
      end = workCalendars[r * 3 + methodIdx].finishTime(sim.now, st.backboneKm[i] / rate);
    } else if (k === K_MAST) {
      const days = Math.max(0, m.dist.mast!.construction.quantile(uOf(j, S_MAST_BUILD))) / (input.regions[r].productivityFactor * productivity);
      end = workCalendars[r * 3 + 2].finishTime(sim.now, days);
    } else {
      end = sim.now + Math.max(0, m.dist.satInstall!.quantile(uOf(j, S_SAT_INSTALL)));
    }
    if (end !== Infinity) sim.at(end, hWorked, j);
  }, 'crew assigned');
  const hWorked = sim.on((j) => {
    crews[jobRegion[j] * 3 + techOfKind[jobKind[j]]].release();
    advance(j);
  }, 'work done');
  const hOfficeGranted = sim.on((j) => {
    sim.schedule(processing(j, stageCode[j]), hDecided, j);
  }, 'file taken up');
  const hDecided = sim.on((j) => {
    const code = stageCode[j];
    const o = STAGE_OFFICE[code];
    offices[jobRegion[j] * 3 + o]!.release();
    const spec = m.offices[o]!;
    const a = attempts[j]++;
    if (spec.rejection > 0 && hashUniform(uOf(j, S_REJECT), code, 2 * a) < spec.rejection) {
      const d = m.dist.resubmission[o]!.quantile(hashUniform(uOf(j, S_REJECT), code, 2 * a + 1));
      sim.schedule(Math.max(0, d), hResubmit, j);
    } else advance(j);
  }, 'decision');
  const hResubmit = sim.on((j) => {
    offices[jobRegion[j] * 3 + STAGE_OFFICE[stageCode[j]]]!.request(hOfficeGranted, j, jobPriority[j]);
  }, 'resubmitted');

  /** Books the time since the stage began to the stage's wait category. */
  const close = (j: number) => {
    const code = stageCode[j];
    if (code === G_WORK) {
      const wc = workCalendarOf(j);
      const full = wc ? wc.capacityBefore(sim.now) - wc.capacityBefore(workStart[j]) : sim.now - workStart[j];
      waitsJ[j * N_WAIT + W_WORK] += full;
      waitsJ[j * N_WAIT + W_WINTER] += sim.now - workStart[j] - full;
    } else {
      waitsJ[j * N_WAIT + STAGE_WAIT[code]] += sim.now - since[j];
    }
    since[j] = sim.now;
  };
  const workCalendarOf = (j: number) => (jobKind[j] === K_FIBRE ? workCalendars[jobRegion[j] * 3 + methodIdx] : jobKind[j] === K_MAST ? workCalendars[jobRegion[j] * 3 + 2] : null);

  /** Moves job j to its next stage and starts it. */
  const advance = (j: number) => {
    close(j);
    const pipe = PIPELINES[jobKind[j]];
    let s = ++stageIdx[j];
    // Pre-allocated mast sites skip site allocation.
    if (s < pipe.length && pipe[s] === G_SITE && input.mast!.preAllocatedSites) s = ++stageIdx[j];
    if (s >= pipe.length) return complete(j);
    startStage(j, pipe[s]);
  };
  const startStage = (j: number, code: number) => {
    stageCode[j] = code;
    const k = jobKind[j], r = jobRegion[j];
    switch (code) {
      case G_DESIGN: sim.schedule(Math.max(0, m.dist.design.quantile(uOf(j, S_DESIGN))), hNext, j); break;
      case G_COMMISSION: sim.schedule(Math.max(0, m.dist.commissioning.quantile(uOf(j, S_COMMISSION))), hNext, j); break;
      case G_POWER: sim.schedule(Math.max(0, m.dist.mast!.powerAndBackhaul.quantile(uOf(j, S_MAST_POWER))), hNext, j); break;
      case G_PROCURE: sim.schedule(Math.max(0, m.dist.satProcurement!.quantile(uOf(j, S_SAT_PROCURE))), hNext, j); break;
      case G_APPROVAL: case G_SITE: case G_PERMIT: {
        const office = offices[r * 3 + STAGE_OFFICE[code]];
        if (office === null) sim.schedule(processing(j, code), hNext, j);
        else office.request(hOfficeGranted, j, jobPriority[j]);
        break;
      }
      case G_BUDGET: {
        const b = budgets[k];
        const pay = cost[j] * programmeShare[k];
        if (b === null) sim.call(hFunded, j);
        else b.get(pay, hFunded, j, jobPriority[j]);
        break;
      }
      case G_CREW: crews[r * 3 + techOfKind[k]].request(hCrewed, j, jobPriority[j]); break;
    }
  };
  const complete = (j: number) => {
    stageCode[j] = G_DONE;
    if (opts.check && jobDone[j] !== Infinity) throw new InvariantError(`job ${j} completed twice`);
    jobDone[j] = sim.now;
  };

  // ---- budget years, crew changes, risks, national crews ----
  const hNewYear = sim.on((y) => {
    PROGRAMMES.forEach((p, k) => {
      const c = budgets[k];
      if (c === null) return;
      const add = appropriation(k, y);
      if (input.budget[p]!.carryOver) c.put(add); else c.setLevel(add);
    });
  }, 'new budget year');
  for (let y = 1; y < m.years; y++) {
    const day = m.calendar.startOfYear(m.firstYear + y);
    if (day < m.horizonDays) sim.at(day, hNewYear, y);
  }
  // Crew numbers: nominal (schedule + national crews) and blocked (contractor default).
  const nominal = new Float64Array(crews.length);
  const blocked = new Uint8Array(crews.length);
  crews.forEach((c, i) => (nominal[i] = c.capacity));
  const applyCrews = (i: number) => crews[i].setCapacity(blocked[i] > 0 ? 0 : Math.max(0, nominal[i]));
  const hCrewChange = sim.on((c) => {
    const ch = input.crewChanges[c];
    const t = TECH_CODE[ch.technology];
    for (let r = 0; r < nRegions; r++) {
      if (ch.region !== undefined && m.regionIds[r] !== ch.region) continue;
      const i = r * 3 + t;
      nominal[i] = ch.add !== undefined ? nominal[i] + ch.add : Math.round(nominal[i] * (ch.multiply ?? 1));
      applyCrews(i);
    }
  }, 'crew change');
  input.crewChanges.forEach((ch, c) => {
    const day = m.calendar.dayOf(ch.date);
    if (day < m.horizonDays) sim.at(Math.max(0, day), hCrewChange, c);
  });
  const hDefaultStart = sim.on((k) => { const d = risks.defaults[k]; blocked[d.region * 3 + d.tech]++; applyCrews(d.region * 3 + d.tech); }, 'contractor default');
  const hDefaultEnd = sim.on((k) => { const d = risks.defaults[k]; blocked[d.region * 3 + d.tech]--; applyCrews(d.region * 3 + d.tech); }, 'contractor back');
  risks.defaults.forEach((d, k) => {
    if (d.start < m.horizonDays) sim.at(Math.max(0, d.start), hDefaultStart, k);
    if (d.start + d.days < m.horizonDays) sim.at(Math.max(0, d.start + d.days), hDefaultEnd, k);
  });
  if (input.nationalCrews) {
    const work = new Float64Array(crews.length);
    for (let j = 0; j < nJobs; j++) work[jobRegion[j] * 3 + techOfKind[jobKind[j]]]++;
    new NationalPool(m, sim, seed, rep, crews, nominal, (i) => applyCrews(i), work).start();
  }

  // ---- start every job ----
  for (let j = 0; j < nJobs; j++) {
    const k = jobKind[j];
    if (k === K_FIBRE) {
      const i = members[memberStart[j]];
      cost[j] = (st.backboneKm[i] * Math.max(0, dCost.quantile(uOf(j, S_COSTPERKM))) + Math.max(0, m.dist.nodeCost.quantile(uOf(j, S_NODECOST)))) * costOverrun;
    } else if (k === K_MAST) cost[j] = Math.max(0, m.dist.mast!.cost.quantile(uOf(j, S_MAST_COST))) * costOverrun;
    else cost[j] = Math.max(0, m.dist.satCost!.quantile(uOf(j, S_SAT_COST))) * costOverrun;
    stageIdx[j] = 0;
    let first = PIPELINES[k][0];
    if (first === G_SITE && input.mast!.preAllocatedSites) { stageIdx[j] = 1; first = PIPELINES[k][1]; }
    startStage(j, first);
  }

  // Crew utilisation up to the first deadline: a snapshot of the resources' integrals then.
  const crewBusyToDeadline = new Float64Array(crews.length), crewAvailableToDeadline = new Float64Array(crews.length);
  const firstDeadline = m.targets.reduce((d, t) => Math.min(d, t.deadlineEnd), m.horizonDays);
  const hSnapshot = sim.on(() => {
    crews.forEach((r, i) => { crewBusyToDeadline[i] = r.busyTime(); crewAvailableToDeadline[i] = r.capacityTime(); });
  }, 'crew utilisation snapshot');
  sim.at(Math.max(0, Math.min(firstDeadline, m.horizonDays)), hSnapshot, 0);

  if (opts.trace) {
    const trace = opts.trace;
    sim.tracer = (t, kind, arg) => trace(`${m.calendar.toIso(t)} day ${t.toFixed(3)} ${sim.handlerName(kind)} job ${arg}${kind === hNewYear || kind === hCrewChange ? '' : ` (${jobKind[arg] === K_FIBRE ? 'fibre' : jobKind[arg] === K_MAST ? 'mast' : 'satellite'} ${STAGE_NAMES[stageCode[arg]]}${jobMotorway[arg] >= 0 ? `, motorway mast ${jobMotorway[arg]}` : `, settlement ${st.ids ? st.ids[members[memberStart[arg]]] : members[memberStart[arg]]}`})`}`);
  }
  sim.run(m.horizonDays);

  // ---- close the books at the horizon ----
  for (let j = 0; j < nJobs; j++) if (stageCode[j] !== G_DONE) close(j);
  const completion = new Float64Array(n).fill(Infinity);
  const stage = new Uint8Array(n).fill(G_DONE);
  const waits = new Float64Array(n * N_WAIT);
  for (let i = 0; i < n; i++) if (st.connected[i]) completion[i] = -1;
  const motorwayCompletion = new Float64Array(nMw).fill(Infinity);
  for (let j = 0; j < nJobs; j++) {
    if (jobMotorway[j] >= 0) { motorwayCompletion[jobMotorway[j]] = jobDone[j]; continue; }
    for (let x = memberStart[j]; x < memberStart[j + 1]; x++) {
      const i = members[x];
      if (opts.check && completion[i] !== Infinity) throw new InvariantError(`settlement ${i} connected twice`);
      completion[i] = jobDone[j];
      stage[i] = stageCode[j];
      for (let w = 0; w < N_WAIT; w++) waits[i * N_WAIT + w] = waitsJ[j * N_WAIT + w];
    }
  }
  if (opts.check) {
    for (const c of budgets) if (c !== null && c.level < -1e-9) throw new InvariantError(`${c.name} went negative: ${c.level}`);
    for (const r of [...crews, ...offices]) if (r !== null && r.inUse < 0) throw new InvariantError(`${r.name} in use ${r.inUse}`);
    for (let i = 0; i < n; i++) {
      if ((stage[i] === G_DONE) !== (completion[i] !== Infinity)) throw new InvariantError(`settlement ${i} not accounted for: stage ${STAGE_NAMES[stage[i]]}, completion ${completion[i]}`);
    }
  }


  const inputSummary = summariseInputs(m, st, { kind: jobKind, n: nJobs }, uOf, [productivity, costOverrun, permitDelay], risks);

  return {
    rep, settlements: st, completion, stage, waits, spend, crewBusyToDeadline, crewAvailableToDeadline, motorwayCompletion,
    draws: { productivity, costOverrun, permitDelay, risks }, inputSummary,
    observed: observeReplication(m, st, completion, motorwayCompletion),
    events: sim.eventsProcessed,
    ...evaluate(m, st, completion, motorwayCompletion),
  };
}
