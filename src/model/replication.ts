import { Container, Resource, Simulation, WorkCalendar, distribution, hashUniform, stream, type Distribution, type HandlerId } from '../engine/index.js';
import { Books } from './books.js';
import { FACTOR, FACTOR_DECLS, FACTOR_KINDS, FactorParts, factorPartKeys, summaryFactorKinds } from './factor-parts.js';
import { InvariantError } from './errors.js';
import type { CompiledModel, Pipeline } from './compile.js';
import { DRAWS, N_SLOTS, SLOT, SLOT_COUNTER, fillJobUniforms, summariseInputs, inputSummaryKeys } from './draws.js';
import { evaluate } from './evaluate.js';
import { budgetStage } from './handlers/budget.js';
import { crewStage } from './handlers/crew.js';
import { delayStage } from './handlers/delay.js';
import { officeStage } from './handlers/office.js';
import type { StageHandler, StageRunner } from './handlers/types.js';
import { workStage } from './handlers/work.js';
import { leadStage } from './handlers/lead.js';
import { regionOfTech, regionOffice, regionTech, regionWork, techOf, type RegionTech } from './indices.js';
import { JobState } from './job-state.js';
import { buildJobs, newJobTable, type JobTable, type MastNames } from './jobs.js';
import { NationalPool } from './national-crews.js';
import { Outcome, type ReplicationOutcome } from './outcome.js';
import { observeReplication } from './observe.js';
import { maxDecisions, OFFICES } from './offices.js';
import { DELIVERY_KINDS, deliveriesByYear } from './deliveries.js';
import { BudgetYears } from './outside/budget-years.js';
import { CapacityGrowth, capacityKeys } from './outside/capacity-growth.js';
import { queueOrder } from './queue-order.js';
import { FallbackPolicy } from './outside/fallback.js';
import { TopUps } from './outside/top-ups.js';
import { assignProgrammes, programmeFor } from './financing/eligibility.js';
import { checkMoney } from './financing/check.js';
import { committedBeforeStart } from './financing/committed.js';
import { drawInflation } from './financing/inflation.js';
import { financingSummaryKeys, summariseFinancing } from './financing/summary.js';
import { CrewCapacity } from './outside/crew-capacity.js';
import { StageReforms } from './outside/stage-reforms.js';
import { TECHNOLOGY_DECLS } from './pipelines.js';
import { applyRiskCalendars, drawRisks, haltedCalendars, riskProblem, type RiskDraws } from './risks.js';
import { buildSettlements, newSettlementTable, type SettlementTable } from './settlements.js';
import { continuePastFallbacks, progressOfJobs, startFromStatus, type ContinuationHost } from './continuation.js';
import { CANCELLED, DONE, N_WAIT, STAGE, STAGES, STAGE_NAMES, type HandlerKind } from './stages.js';
import { justBefore, namedMasts, snapshot, type SettlementState } from './status.js';
import type { SettlementProgress } from './input.js';
import { N_SERVICES, SERVICE } from './services.js';
import { TECH_CODE, TECH_NAMES, WORK_CALENDAR_CODE } from './technologies.js';
import { unitFactors, type NationalFactors } from './world.js';

export { STAGE_NAMES };
export type { ReplicationOutcome } from './outcome.js';

export interface ReplicationOptions {
  /** Check invariants as the run goes (no double connection, levels >= 0, every day accounted for). */
  check?: boolean;
  /** Receives one line per event. */
  trace?: (line: string) => void;
  /** Simulated time at which to take every settlement's state (the end of a date: its day + 1), given to `onState`. */
  stateAt?: number;
  onState?: (rows: SettlementState[]) => void;
}


export { InvariantError };

/** How each kind of stage runs (src/model/handlers). */
const HANDLERS: Record<HandlerKind, StageHandler> = {
  delay: delayStage,
  office: officeStage,
  budget: budgetStage,
  crew: crewStage,
  work: workStage,
  lead: leadStage,
  done: (_w, stage) => {
    const never = (j: number) => { throw new InvariantError(`job ${j} started the '${STAGES[stage].name}' stage`); };
    return { start: never, resume: never };
  },
  // A job no programme pays for can be cancelled: it waits on nothing.
  held: (w, stage) => ({ ...HANDLERS.done(w, stage), withdraw: () => true }),
};

/**
 * Runs replication `rep` of a compiled scenario. Its random numbers depend only on
 * (seed, rep). Work is organised in jobs — a fibre line to one settlement, a satellite
 * installation at one settlement, a mast serving a few settlements or a stretch of
 * motorway — each walked through its technology's pipeline of stages (TECHNOLOGY_DECLS):
 *
 *   fibre:     design → right-of-way approval → budget → crew → laying (seasonal) → commissioning
 *   mast:      site allocation → mast permit → budget → crew → construction (seasonal) → power and backhaul
 *   satellite: procurement → budget → crew → installation
 *
 * Every array of the result is the replication's own. (Workers reuse one Replicator per
 * scenario instead, which refills the same arrays for every replication.)
 */
export function simulateReplication(m: CompiledModel, seed: number, rep: number, opts: ReplicationOptions = {}): ReplicationOutcome {
  return new Replicator(m).run(seed, rep, opts);
}

/**
 * Replicator — the interpreter of the stage pipelines, built once per scenario (and
 * worker): the simulation, the jobs' state, the resources and every handler are made once
 * and reset for each replication, so a replication allocates almost nothing. run() returns
 * an outcome whose arrays are overwritten by the next run().
 *
 * A job is in one stage at a time; `advance` books its time there, moves it to the next
 * stage of its pipeline and starts that stage's handler (src/model/handlers). Outside
 * events — budget years, crew changes and contractor defaults, national crews — change the
 * resources the jobs compete for (src/model/outside, national-crews.ts).
 *
 * @example
 *   const r = new Replicator(compileModel(input));
 *   for (let rep = 0; rep < 100; rep++) aggregate.add(r.run(1, rep));
 */
export class Replicator implements ContinuationHost {
  readonly sim: Simulation;
  readonly st: SettlementTable;
  readonly jobs: JobTable;
  readonly state: JobState;
  readonly books: Books;
  readonly crews: Resource[] = [];
  readonly offices: (Resource | null)[] = [];
  readonly budgets: (Container | null)[];
  readonly topUps: TopUps | null;
  /** The order jobs begin in (beginAll), reused. */
  private readonly beginOrder: Int32Array;
  readonly regionProductivity: Float64Array;
  /** This replication's yearly inflation rate (0 without inflation). */
  private inflation = 0;
  calendars: WorkCalendar[];
  /** Per crew pool (regionTech), the calendar its work follows while a contractor default halts it (null: no halting default this replication). */
  private halted: (WorkCalendar | undefined)[] | null = null;
  factors: NationalFactors = unitFactors();
  /** This replication's national factors by FACTOR code. */
  private readonly nationalFactors = new Float64Array(FACTOR_KINDS.length);
  /** Per region, national × regional distance factor: a fibre line's km over its settlement's distance (null: the scenario has none, 1). */
  private readonly distance: Float64Array | null;
  /** The national factors the input summary shows (summaryFactorKinds: the first of FACTOR_KINDS, in order), a view of nationalFactors. */
  private readonly summaryFactors: Float64Array;
  /** The km of settlement i's own fibre line, for fibre-km observations (its distance, times the distance factor, at least what a status says was laid). */
  private readonly lineKm: (i: number) => number;
  readonly parts: FactorParts;
  risks: RiskDraws = { occurred: [], budgetCuts: [], defaults: [], winters: [], shortages: [] };
  readonly next: HandlerId;
  readonly carried: Float64Array;
  /** Share of each job's work done before the run (started from a status). */
  readonly workBefore: Float64Array;
  /** When each job started: 0, or when the job it waited for finished (household fibre after backbone); Infinity: not yet. */
  readonly startedAt: Float64Array;
  /** Each job's progress when the run starts from a status (null: starts from scratch). */
  readonly progress: (SettlementProgress | null)[] = [];
  /** The pipeline step at which each job continued its status (-1: none): while it is there, its days before the run count. */
  readonly stepAtStart: Int32Array;

  /** Each settlement's and motorway mast's uniform for this replication (inputs are counter-based draws from it). */
  private readonly u: Float64Array;
  private readonly uMw: Float64Array;
  /** Each job's uniform per input slot of its technology, [j * N_SLOTS + slot] (computed once per replication). */
  private readonly jobU: Float64Array;
  private readonly runners: StageRunner[];
  /** One reusable calendar per region and kind of work, for the seasons a risk changes. */
  private readonly scratchCalendars: WorkCalendar[];
  /** Per technology: the code of the work calendar its crews follow (-1: not seasonal). */
  private readonly workKind: Int8Array;
  /** Per technology: the scenario lacks an input its jobs draw (so it cannot build them). */
  private readonly noSection: boolean[];
  /** Per technology: the slots of its cost per km (-1: none) and fixed cost. */
  private readonly costSlots: { perKm: number; fixed: number }[];
  /** Per motorway: its own mast cost (motorways[].mastCost), or null for the village masts' (same uniform: no draw moves). */
  private readonly roadMastCost: (Distribution | null)[];
  private readonly officeCapacity: number[] = [];
  private readonly budgetYears: BudgetYears;
  private readonly crewCapacity: CrewCapacity;
  private readonly reforms: StageReforms;
  private readonly national: NationalPool | null;
  private readonly growth: CapacityGrowth | null;
  private readonly fallback: FallbackPolicy | null;
  /** Per job, the stages it was made with when not its technology's (a fallback's job); null otherwise. */
  private readonly jobPipeline: (Pipeline | null)[];
  /** Where the factor parts' summaries start in the input summary (the capacity draws follow them). */
  private readonly partsAt: number;
  private readonly jobHandlers = new Set<HandlerId>();
  private readonly snapshot: HandlerId;
  private readonly firstDeadline: number;
  /** Where the financing draws start in the input summary. */
  private readonly financingSummaryAt: number;
  private check = false;
  private readonly out: Outcome;
  /** The masts a per-settlement status names (which settlements share one), null when it names none. */
  private readonly mastNames: MastNames | null;

  constructor(readonly m: CompiledModel) {
    const input = m.input;
    this.st = newSettlementTable(m);
    const n = this.st.n;
    this.sim = new Simulation(n + 256);
    this.jobs = newJobTable(m);
    this.state = new JobState(this.jobs.tech.length);
    this.books = new Books(m, this.sim, this.state, (j) => this.calendarOf(j), (j) => this.workCalendarOf(j));
    this.u = new Float64Array(n);
    this.uMw = new Float64Array(m.motorwayMasts.length);
    this.jobU = new Float64Array(this.jobs.tech.length * N_SLOTS);
    this.carried = new Float64Array(this.jobs.tech.length);
    this.workBefore = new Float64Array(this.jobs.tech.length);
    this.startedAt = new Float64Array(this.jobs.tech.length);
    this.stepAtStart = new Int32Array(this.jobs.tech.length);
    this.calendars = m.workCalendars.slice();
    this.scratchCalendars = m.workCalendars.map((c) => new WorkCalendar(new Float64Array(c.factors.length)));
    this.workKind = Int8Array.from(TECH_NAMES, (t) => {
      const kind = TECHNOLOGY_DECLS[t].work.calendar(input);
      return kind === null ? -1 : WORK_CALENDAR_CODE[kind];
    });
    this.noSection = TECH_NAMES.map((t) => DRAWS.some((d, slot) => d.tech === t && m.draws[slot] === null));
    this.roadMastCost = (input.motorways ?? []).map((mw) => (mw.mastCost ? distribution(mw.mastCost) : null));
    this.costSlots = TECH_NAMES.map((t) => {
      const c = TECHNOLOGY_DECLS[t].cost;
      return { perKm: c.perKm === undefined ? -1 : SLOT[c.perKm], fixed: SLOT[c.fixed] };
    });

    // Resources: crews per region and technology, offices per region and kind, money per programme.
    input.regions.forEach((r, ri) => {
      TECH_NAMES.forEach((t, k) => (this.crews[regionTech(ri, k)] = new Resource(this.sim, 0, `${r.id} ${t} crews`)));
      OFFICES.forEach((o, k) => {
        const spec = m.offices[k];
        const own = r.offices?.[o.key];
        // An office with no capacity limit still rejects files; only 'no office' is a pure delay.
        this.officeCapacity[regionOffice(ri, k)] = (own !== undefined ? own : spec?.capacity ?? null) ?? Infinity;
        this.offices[regionOffice(ri, k)] = spec ? new Resource(this.sim, 0, `${r.id} ${o.key}`) : null;
      });
    });
    this.budgets = m.financing.programmes.map((p) => (p.limited ? new Container(this.sim, 0, m.financing.legacy ? p.label : `${p.id} money`) : null));
    this.beginOrder = new Int32Array(this.jobs.tech.length);
    this.regionProductivity = Float64Array.from(input.regions, (r) => r.productivityFactor);
    this.parts = new FactorParts(m);
    this.distance = input.factors?.distance || input.regionalFactors?.distance ? new Float64Array(m.regionIds.length) : null;
    this.summaryFactors = this.nationalFactors.subarray(0, summaryFactorKinds(input).length);
    this.lineKm = (i) => this.jobs.km[this.jobs.ownJob[i]];
    // The input summary's layout (inputSummaryKeys): ..., factor parts, capacity, financing.
    this.partsAt = inputSummaryKeys(m).length - financingSummaryKeys(m).length - factorPartKeys(input).length - capacityKeys(input).length;

    // Handlers, registered once: the stages', then the outside events'.
    this.next = this.onJob((j) => this.advance(j), 'stage done');
    this.runners = STAGES.map((s, code) => HANDLERS[s.handler](this, code));
    this.budgetYears = new BudgetYears(this);
    this.topUps = m.financing.programmes.some((p) => p.topUp !== null) ? new TopUps(this) : null;
    this.crewCapacity = new CrewCapacity(this);
    this.reforms = new StageReforms(this, this.runners);
    this.national = input.nationalCrews ? new NationalPool(this, this.crewCapacity) : null;
    this.growth = input.capacity && Object.keys(input.capacity).length > 0 ? new CapacityGrowth(this, this.crewCapacity, this.national) : null;
    this.jobPipeline = new Array<Pipeline | null>(this.jobs.tech.length).fill(null);
    this.fallback = (input.fallback?.length ?? 0) > 0 ? new FallbackPolicy(this, this) : null;

    // Crew utilisation up to the first deadline: a snapshot of the pools' integrals then.
    this.firstDeadline = m.targets.reduce((d, t) => Math.min(d, t.deadlineEnd), m.horizonDays);
    const nPools = this.crews.length;
    const busy = new Float64Array(nPools), available = new Float64Array(nPools);
    this.snapshot = this.sim.on(() => {
      this.crews.forEach((r, i) => { busy[i] = r.busyTime(); available[i] = r.capacityTime(); });
    }, 'crew utilisation snapshot');

    this.financingSummaryAt = inputSummaryKeys(m).length - financingSummaryKeys(m).length;
    this.mastNames = namedMasts(input.status);
    this.out = new Outcome(this.st, this.state, busy, available, this.books.spend, this.books.coFunding, this.books.topUps, m);
  }

  onJob(handler: (j: number) => void, name: string): HandlerId {
    const h = this.sim.on(handler, name);
    this.jobHandlers.add(h);
    return h;
  }

  uOf(j: number, slot: number): number {
    return this.jobU[j * N_SLOTS + slot];
  }

  priceAt(t: number): number {
    return this.inflation === 0 ? 1 : Math.pow(1 + this.inflation, t / 365.25);
  }

  calendarOf(j: number): WorkCalendar | null {
    const kind = this.workKind[this.jobs.tech[j]];
    return kind < 0 ? null : this.calendars[regionWork(this.jobs.region[j], kind)];
  }

  workCalendarOf(j: number): WorkCalendar | null {
    if (this.halted !== null) {
      const cal = this.halted[this.jobs.crewPool[j]];
      if (cal !== undefined) return cal;
    }
    return this.calendarOf(j);
  }

  factorAt(kind: number, region: number, t: number): number {
    const national = this.nationalFactors[kind];
    // Without regional or yearly parts both are 1: the product is the national factor exactly.
    return this.parts.any ? national * this.parts.regionalOf(kind, region) * this.parts.yearlyOf(kind, this.books.yearOf(t)) : national;
  }

  waitingForCrew(i: RegionTech): number {
    const pool = this.crews[i];
    return pool.isPaused || this.crewCapacity.isBlocked(i) ? 0 : pool.queueLength;
  }

  waitingDaysForCrew(i: RegionTech): number {
    if (this.waitingForCrew(i) === 0) return 0;
    const { since } = this.state, now = this.sim.now;
    let days = 0;
    this.crews[i].forEachWaiting((_, j) => (days += now - since[j]));
    return days;
  }

  crewLeft(i: RegionTech): void {
    this.national?.crewLeft(i);
  }

  calendarOfPool(i: RegionTech): WorkCalendar | null {
    const kind = this.workKind[techOf(i)];
    return kind < 0 ? null : this.calendars[regionWork(regionOfTech(i), kind)];
  }

  get checking(): boolean {
    return this.check;
  }

  /** Job j is in the last stage of its pipeline and no job waits for it (so its end needs no event). */
  isLastStage(j: number): boolean {
    return this.state.step[j] === this.pipelineOf(j).length - 1 && this.jobs.then[j] < 0;
  }

  /** Moves job j to its next stage and starts it (or completes the job). */
  advance(j: number): void {
    this.books.close(j);
    const pipe = this.pipelineOf(j);
    const s = ++this.state.step[j];
    if (s >= pipe.length) this.complete(j);
    else this.enter(j, pipe[s]);
  }

  /** Job j's stages: its technology's, or those it was made with (a fallback's job). */
  pipelineOf(j: number): Pipeline {
    return this.jobPipeline[j] ?? this.m.pipelines[this.jobs.tech[j]];
  }

  addJob(tech: number, region: number, priority: number, members: Int32Array, count: number, base: number, pipeline: Pipeline, lead: number, start = true): number {
    const { jobs, state, sim } = this;
    const j = jobs.n++;
    jobs.tech[j] = tech; jobs.region[j] = region; jobs.crewPool[j] = regionTech(region, tech); jobs.slotBase[j] = members[0];
    jobs.motorway[j] = -1; jobs.priority[j] = priority; jobs.km[j] = 0;
    const from = jobs.memberStart[j];
    // Further jobs of its settlements (each keeps its own job), waiting for none and none for it.
    for (let x = 0; x < count; x++) { jobs.members[from + x] = members[x]; jobs.own[from + x] = 0; }
    jobs.memberStart[j + 1] = from + count;
    jobs.after[j] = -1; jobs.then[j] = -1;
    const i = members[0];
    jobs.programme[j] = programmeFor(this.m.financing, tech, region, i, this.st.population[i], this.u[i]);
    fillJobUniforms(this.jobU, j, tech, base);
    state.init(j, sim.now);
    this.startedAt[j] = sim.now;
    state.cost[j] = this.costOf(j);
    this.workBefore[j] = 0;
    this.carried[j] = lead;
    this.jobPipeline[j] = pipeline;
    if (start) this.enter(j, pipeline[0]);
    return j;
  }

  get ownJobs(): number {
    return this.fallback ? this.fallback.baseJobs : this.jobs.n;
  }

  fallbackJobOf(i: number): number {
    return this.fallback ? this.fallback.fallbackJob[i] : -1;
  }

  fallbackRuleOf(j: number): string | undefined {
    return this.fallback?.ruleDateOf(j);
  }

  settlementUniform(i: number): number {
    return this.u[i];
  }

  /**
   * Cancels job j now if its stage can withdraw it (its work has not started): what it
   * waited for is withdrawn and what it held given back, its time so far is booked, and it
   * ends in the 'cancelled' stage. False when it cannot be cancelled.
   */
  cancel(j: number): boolean {
    const s = this.state;
    const code = s.stage[j];
    if (code === DONE || code === CANCELLED) return false;
    // Work started (or done: commissioning, power and backhaul after it) is never withdrawn.
    const work = this.pipelineOf(j).indexOf(STAGE.work);
    if (work >= 0 && s.step[j] >= work) return false;
    if (!this.runners[code].withdraw?.(j)) return false;
    this.books.close(j);
    s.stage[j] = CANCELLED;
    s.cancelledAt[j] = this.sim.now;
    s.pending[j] = NaN;
    return true;
  }

  /** Job j enters a stage now and the stage's handler starts it. */
  enter(j: number, stage: number): void {
    this.state.stage[j] = stage;
    // A stage a reform removes from a date on: passed straight through (no time booked to it).
    if (this.sim.now >= this.m.skipFrom[stage]) return this.advance(j);
    this.runners[stage].start(j);
  }

  /** Job j is connected at `at` (default now); the job that waited for it starts. */
  complete(j: number, at = this.sim.now): void {
    const s = this.state;
    s.stage[j] = DONE;
    if (this.check && s.done[j] !== Infinity) throw new InvariantError(`job ${j} completed twice`);
    s.done[j] = at;
    const next = this.jobs.then[j];
    if (next >= 0 && this.startedAt[next] === Infinity) this.begin(next);
  }

  /** Job j, already placed in its stage, continues it from a status (the stage handler's resume). */
  resume(j: number, p: SettlementProgress): void {
    this.runners[this.state.stage[j]].resume(j, p);
  }

  /** Job j goes through these stages instead of its technology's (a fallback's job). */
  setPipeline(j: number, pipeline: Pipeline): void {
    this.jobPipeline[j] = pipeline;
  }

  /**
   * Every job that waits for nothing begins now, in queue order (priority, then job): what
   * they ask for at this first moment — desks, an office, money, a crew — goes to the first
   * by priority, and their next steps, when they fall at the same moment (fixed durations),
   * come in that order too, as in a run continued from a status (startFromStatus).
   */
  private beginAll(): void {
    const { jobs } = this;
    const order = queueOrder(jobs.priority, jobs.n, this.beginOrder);
    for (let k = 0; k < jobs.n; k++) {
      const j = order[k];
      if (jobs.after[j] < 0) this.begin(j);
    }
  }

  /** Starts job j's pipeline now (the run's start, or when the job it waited for finished). */
  private begin(j: number): void {
    const now = this.sim.now;
    this.startedAt[j] = now;
    this.state.since[j] = now;
    this.state.phaseSince[j] = now;
    this.enter(j, this.m.pipelines[this.jobs.tech[j]][0]);
  }

  /** Runs replication `rep`; the outcome's arrays are this Replicator's and change on the next run. */
  run(seed: number, rep: number, opts: ReplicationOptions = {}): ReplicationOutcome {
    const { m, sim, st, jobs, state } = this;
    this.check = opts.check === true;
    sim.reset();
    sim.tracer = null;
    buildSettlements(m, seed, rep, st);
    this.drawInputs(seed, rep);
    buildJobs(m, st, jobs, this.distance ?? undefined, this.mastNames ?? undefined);
    for (let j = 0; j < jobs.n; j++) {
      const t = jobs.tech[j];
      if (this.noSection[t]) throw new RangeError(`a settlement was assigned ${t === TECH_CODE.mast ? 'a mast' : t === TECH_CODE.household ? 'household fibre' : TECH_NAMES[t]} but the scenario has no ${TECH_NAMES[t]} section`);
    }
    for (let j = 0; j < jobs.n; j++) {
      const b = jobs.slotBase[j];
      fillJobUniforms(this.jobU, j, jobs.tech[j], b >= 0 ? this.u[b] : this.uMw[-b - 1]);
    }
    assignProgrammes(m.financing, st, jobs, this.u, this.uMw);
    state.reset(jobs.n);
    this.workBefore.fill(0, 0, jobs.n);
    this.startedAt.fill(Infinity, 0, jobs.n);
    this.stepAtStart.fill(-1);
    this.books.reset();
    this.offices.forEach((o, i) => o?.reset(this.officeCapacity[i]));

    // Each job's cost first: a status of counts commits, before the run, the money of the jobs it counts past their budget stage.
    for (let j = 0; j < jobs.n; j++) state.cost[j] = this.costOf(j);
    // Outside events first (their order fixes the order of simultaneous events), then every job.
    for (const r of this.runners) r.reset?.();
    const status = m.input.status;
    if (this.fallback) {
      // The last replication's fallback jobs are gone: their stages too (and those given to own jobs in a fallback's lead time, continuePastFallbacks).
      this.jobPipeline.fill(null);
      this.fallback.reset();
    }
    if (status) progressOfJobs(this);
    if (status && this.fallback) continuePastFallbacks(this, this.fallback, this.mastNames);
    const before = status ? committedBeforeStart(m, st, jobs, this.u, this.progress, this.uMw, state.cost, (i, t) => this.costOfSettlement(i, t)) : undefined;
    const beyond = this.budgetYears.start(before);
    this.out.moneyBefore = before ?? this.out.moneyBefore;
    this.topUps?.start(seed, rep, status ? beyond : undefined);
    this.crewCapacity.start();
    this.national?.start(seed, rep);
    this.growth?.start(seed, rep);
    this.fallback?.schedule();
    this.reforms.start();
    if (status) startFromStatus(this);
    else this.beginAll();
    sim.at(Math.max(0, Math.min(this.firstDeadline, m.horizonDays)), this.snapshot, 0);

    if (opts.trace) sim.tracer = this.tracer(opts.trace);
    if (opts.stateAt !== undefined && opts.stateAt >= 0 && opts.stateAt <= m.horizonDays) {
      if (opts.stateAt > 0) sim.run(justBefore(opts.stateAt)); // every event before the end of the date, none at it
      opts.onState?.(snapshot(this, opts.stateAt));
    }
    sim.run(m.horizonDays);
    sim.tracer = null;

    // Close the books at the horizon. A job in its last stage, a delay that scheduled no
    // event, is connected when that stage ends, if it ends within the horizon.
    for (let j = 0; j < jobs.n; j++) {
      if (state.stage[j] === DONE || state.stage[j] === CANCELLED || this.startedAt[j] === Infinity) continue; // done, cancelled, or still waiting for the job before it
      const due = state.due[j];
      if (this.isLastStage(j) && STAGES[state.stage[j]].handler === 'delay' && due <= m.horizonDays) {
        this.books.close(j, due);
        this.complete(j, due);
      } else this.books.close(j);
    }
    return this.outcome(rep);
  }

  /** Full-rate crew-days of job j's work for `km` of line. */
  workDays(j: number, km: number): number {
    const { m, jobs } = this;
    const rule = TECHNOLOGY_DECLS[TECH_NAMES[jobs.tech[j]]].work;
    const slot = SLOT[rule.draw];
    return rule.days(m.draws[slot]!.quantile(this.uOf(j, slot)), km, this.regionProductivity[jobs.region[j]], this.factorAt(FACTOR.productivity, jobs.region[j], this.sim.now));
  }

  /** Full-rate crew-days of work done on job j by time t since its work stage began. */
  workDaysSince(j: number, t: number): number {
    const cal = this.workCalendarOf(j), since = this.state.since[j];
    return cal === null ? t - since : cal.capacityBefore(t) - cal.capacityBefore(since);
  }

  /** The replication's uniforms per settlement and motorway mast, national factors, risks and calendars. */
  private drawInputs(seed: number, rep: number): void {
    const m = this.m;
    // One uniform per settlement (and per motorway mast) from the 'jobs' stream; each of its
    // inputs ("slots") is a counter-based draw from it, so the same settlement gets the
    // same design time, permit time, productivity... in every option of a comparison.
    const uj = stream(seed, rep, 'jobs');
    for (let i = 0; i < this.u.length; i++) this.u[i] = uj();
    const um = stream(seed, rep, 'motorways');
    for (let i = 0; i < this.uMw.length; i++) this.uMw[i] = um();
    const ug = stream(seed, rep, 'factors');
    // One uniform per kind, in FACTOR_KINDS order (the distance factor's comes after the first three's, which it did not move).
    const F = m.dist.factors;
    for (const kind of FACTOR_KINDS) {
      const g = ug(), d = F[kind];
      this.nationalFactors[FACTOR[kind]] = d ? Math.max(FACTOR_DECLS[kind].floor, d.quantile(g)) : 1;
    }
    const nf = this.nationalFactors;
    const factors = unitFactors(); // a new object: the last outcome's draws keep theirs
    for (const kind of FACTOR_KINDS) factors[kind] = nf[FACTOR[kind]];
    this.factors = factors;
    this.parts.draw(seed, rep);
    if (this.distance) for (let r = 0; r < this.distance.length; r++) this.distance[r] = nf[FACTOR.distance] * this.parts.regionalOf(FACTOR.distance, r);
    this.risks = drawRisks(m, seed, rep);
    this.inflation = drawInflation(m, seed, rep);
    this.calendars = applyRiskCalendars(m, this.risks, this.scratchCalendars, this.calendars);
    this.halted = haltedCalendars(m, this.risks, this.calendars, (tech) => this.workKind[tech]);
  }

  /** Job j's cost (a motorway mast: its road's mast cost, if it has one). */
  private costOf(j: number): number {
    const { m, jobs } = this;
    const slots = this.costSlots[jobs.tech[j]];
    const k = jobs.motorway[j];
    const fixed = (k >= 0 ? this.roadMastCost[m.motorwayMasts[k].corridor] : null) ?? m.draws[slots.fixed]!;
    return this.priced(jobs.tech[j], jobs.region[j], jobs.km[j], fixed, this.uOf(j, slots.fixed), slots.perKm >= 0 ? this.uOf(j, slots.perKm) : 0);
  }

  /**
   * The cost a job of technology `tech` would have for settlement i, with the draws it would
   * use (its uniform, the same slots) — for a settlement the run has no such job for (one a
   * status counts as built since the start).
   */
  private costOfSettlement(i: number, tech: number): number {
    const { m, st } = this;
    const slots = this.costSlots[tech];
    const fixed = m.draws[slots.fixed];
    if (!fixed) return 0; // the scenario has no section for the technology
    const u = (slot: number) => hashUniform(this.u[i], SLOT_COUNTER[slot], 0);
    const r = st.region[i];
    const km = tech === TECH_CODE.fibre ? st.backboneKm[i] * (this.distance ? this.distance[r] : 1) : 0;
    return this.priced(tech, r, km, fixed, u(slots.fixed), slots.perKm >= 0 ? u(slots.perKm) : 0);
  }

  /**
   * A cost from its draws: km × cost per km (the technology's, at uniform `uPerKm`) + the
   * fixed cost (`fixed` at `uFixed`), times the national cost overrun and the region's part.
   */
  private priced(tech: number, region: number, km: number, fixed: Distribution, uFixed: number, uPerKm: number): number {
    const perKm = this.costSlots[tech].perKm;
    const base = (perKm >= 0 ? km * Math.max(0, this.m.draws[perKm]!.quantile(uPerKm)) : 0) + Math.max(0, fixed.quantile(uFixed));
    // The yearly part is paid at the budget stage, in the year the money is committed.
    return base * (this.factors.costOverrun * this.parts.regionalOf(FACTOR.costOverrun, region));
  }

  private tracer(trace: (line: string) => void) {
    const { m, sim, st, jobs, state } = this;
    return (t: number, kind: HandlerId, arg: number) => {
      const head = `${m.calendar.toIso(t)} day ${t.toFixed(3)} ${sim.handlerName(kind)}`;
      if (!this.jobHandlers.has(kind)) return trace(`${head} ${arg}`);
      const what = jobs.motorway[arg] >= 0 ? `motorway mast ${jobs.motorway[arg]}` : `settlement ${st.ids ? st.ids[jobs.members[jobs.memberStart[arg]]] : jobs.members[jobs.memberStart[arg]]}`;
      trace(`${head} job ${arg} (${TECH_NAMES[jobs.tech[arg]]} ${STAGE_NAMES[state.stage[arg]]}, ${what})`);
    };
  }

  /** The outcome: per-settlement results from the jobs, the invariants under --check, the input summary and the evaluation. */
  private outcome(rep: number): ReplicationOutcome {
    const { m, st, jobs } = this;
    const o = this.out;
    o.fromJobs(m, jobs, this.fallback?.fallbackJob ?? null, this.check);
    if (this.check) this.checkInvariants();
    o.rep = rep;
    o.draws = { ...this.factors, risks: this.risks };
    summariseInputs(o.inputSummary, m.input.risks?.length ?? 0, st, jobs, this.jobU, this.summaryFactors, this.risks);
    if (this.parts.any) this.parts.summarise(o.inputSummary, this.partsAt);
    this.growth?.summarise(o.inputSummary, this.partsAt + factorPartKeys(m.input).length);
    o.inflation = this.inflation;
    summariseFinancing(m, o.inputSummary, this.financingSummaryAt, this.inflation, this.topUps);
    o.events = this.sim.eventsProcessed;
    const { serviceDone, motorwayCompletion } = o;
    o.observed = observeReplication(m, st, serviceDone, motorwayCompletion, this.lineKm);
    if (o.deliveredByYear.length !== DELIVERY_KINDS.length * m.years) o.deliveredByYear = new Int32Array(DELIVERY_KINDS.length * m.years);
    deliveriesByYear(m, st, serviceDone, o.deliveredByYear);
    evaluate(m, st, serviceDone, motorwayCompletion, o);
    return o;
  }

  /**
   * --check at the horizon: levels never negative, factors, capacity, fallbacks and risks
   * as drawn, money accounted for per programme and
   * every job paid by its programme once (checkMoney), every settlement accounted for,
   * every day of every job booked once (from when it started), a job that waits for another
   * started when that one finished, household fibre never before backbone fibre, and a
   * service is there at the start exactly where the settlement had it.
   */
  private checkInvariants(): void {
    const { m, st, state, jobs } = this;
    const { completion, stage } = this.out;
    for (const v of [...this.parts.regional, ...this.parts.yearly, ...this.nationalFactors]) if (!(v >= 0)) throw new InvariantError(`a factor drawn as ${v}`);
    this.growth?.check();
    this.national?.check();
    this.fallback?.check();
    const risk = riskProblem(m, this.risks);
    if (risk !== null) throw new InvariantError(risk);
    const money = checkMoney(m, st, jobs, state, this.books, this.budgets, this.u, this.uMw, m.input.status ? this.progress : [], (j) => this.pipelineOf(j));
    if (money !== null) throw new InvariantError(money);
    for (const r of [...this.crews, ...this.offices]) if (r !== null && r.inUse < 0) throw new InvariantError(`${r.name} in use ${r.inUse}`);
    const { serviceDone, fallbackDone } = this.out;
    const n = st.n, backbone = SERVICE['backbone-fibre'] * n, household = SERVICE['household-fibre'] * n;
    for (let i = 0; i < st.n; i++) {
      const served = Math.min(completion[i], fallbackDone.length > 0 ? fallbackDone[i] : Infinity);
      if ((stage[i] === DONE) !== (served !== Infinity)) throw new InvariantError(`settlement ${i} not accounted for: stage ${STAGE_NAMES[stage[i]]}, completion ${completion[i]}`);
      // Household fibre is the last mile: never before backbone fibre.
      if (serviceDone[household + i] < serviceDone[backbone + i]) throw new InvariantError(`settlement ${i} got household fibre (${serviceDone[household + i]}) before backbone fibre (${serviceDone[backbone + i]})`);
      for (let s = 0; s < N_SERVICES; s++) {
        if ((serviceDone[s * n + i] === -1) !== ((st.has[i] & (1 << s)) !== 0)) throw new InvariantError(`settlement ${i}: service ${s} at the start is ${(st.has[i] >> s) & 1} but its time is ${serviceDone[s * n + i]}`);
      }
    }
    for (let j = 0; j < jobs.n; j++) {
      let sum = 0;
      for (let w = 0; w < N_WAIT; w++) sum += state.waits[j * N_WAIT + w];
      // From its start (0, when the job it waited for finished, or when a fallback made it;
      // never started: no days) to its end (or when it was cancelled).
      const end = state.stage[j] === CANCELLED ? state.cancelledAt[j] : Math.min(state.done[j], m.horizonDays);
      const ran = end - Math.min(this.startedAt[j], m.horizonDays);
      if (!(Math.abs(sum - ran) <= 1e-6 * Math.max(1, ran))) throw new InvariantError(`job ${j}: ${sum} days booked to stages, but it ran for ${ran} days`);
      if (state.attempts[j] > maxDecisions(m, jobs.tech[j]) && !m.input.status) throw new InvariantError(`job ${j}: ${state.attempts[j]} office decisions, more than its offices' rounds allow`);
      const before = jobs.after[j];
      if (before >= 0 && this.startedAt[j] !== Infinity && this.startedAt[j] !== state.done[before]) throw new InvariantError(`job ${j} started at ${this.startedAt[j]}, not when job ${before} finished (${state.done[before]})`);
    }
  }
}
