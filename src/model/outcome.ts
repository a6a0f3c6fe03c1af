import type { CompiledModel } from './compile.js';
import { InvariantError } from './errors.js';
import { newEvaluation, type Evaluation } from './evaluate.js';
import { inputSummaryKeys } from './draws.js';
import type { JobState } from './job-state.js';
import type { JobTable } from './jobs.js';
import { NO_FALLBACK } from './outside/fallback.js';
import type { RiskDraws } from './risks.js';
import { N_SERVICES, SERVICE_OF_TECH } from './services.js';
import type { SettlementTable } from './settlements.js';
import { CANCELLED, DONE, N_WAIT } from './stages.js';
import { unitFactors, type NationalFactors } from './world.js';

/** What one replication produces. */
export interface ReplicationOutcome extends Evaluation {
  rep: number;
  settlements: SettlementTable;
  /** Completion time of each settlement's own job (its technology's): -1 already connected at the start, Infinity not within the horizon. */
  completion: Float64Array;
  /**
   * A fallback policy's jobs (empty arrays without one): when each settlement was served by
   * its fallback job (Infinity: not, or none) and that job's technology (NO_FALLBACK: none).
   * `completion` stays its own job's (its technology's); the fallback's service counts in
   * `serviceDone` like any job's.
   */
  fallbackDone: Float64Array;
  fallbackTech: Uint8Array;
  /**
   * When each settlement got each service, [service * n + i] (SERVICES order): -1 at the
   * start, Infinity not within the horizon (the earliest of the jobs that build it there).
   */
  serviceDone: Float64Array;
  /** Per region: settlements with a job of their own (those to connect), over which regionWaits are summed. */
  regionTodo: Int32Array;
  /** Stage per settlement at the end (STAGE_NAMES index; 'done' when served by its own job or its fallback's; the fallback job's when its own was cancelled). */
  stage: Uint8Array;
  /** Days per settlement in each wait stage (N_WAIT per settlement; worked out when first read). */
  readonly waits: Float64Array;
  /** Days per region in each wait stage, over the settlements to connect at the start: [r * N_WAIT + w]. */
  regionWaits: Float64Array;
  /** Money committed per financing programme (m.financing order) and budget year: [p * years + y]. */
  spend: Float64Array;
  /** Co-funding paid beside it (the part of each job's cost its programme does not pay): [p * years + y]. */
  coFunding: Float64Array;
  /** Top-up money each programme received. */
  topUps: Float64Array;
  /** The yearly inflation rate drawn (0 without inflation). */
  inflation: number;
  /**
   * In a run from a status, per programme (m.financing order): the money carried into the
   * run from before its start — earlier years' appropriations of a programme that carries
   * money over, less what the status says was committed before — that the run can spend
   * besides its own years' appropriations. Empty without a status.
   */
  moneyBefore: Float64Array;
  /**
   * Crew-days in use and available per crew pool (by regionTech) up to the end of the first
   * target deadline (utilisation while the programme is in full swing).
   */
  crewBusyToDeadline: Float64Array;
  crewAvailableToDeadline: Float64Array;
  /** Completion time of each motorway mast (CompiledModel.motorwayMasts order): -1 on air before a run from a status, Infinity not within the horizon. */
  motorwayCompletion: Float64Array;
  /** The national factors and risks drawn for this replication. */
  draws: NationalFactors & { risks: RiskDraws };
  /** The replication's sampled inputs in one number each (see inputSummaryKeys), for sensitivity. */
  inputSummary: Float64Array;
  /** Its value of each of input.observations (empty without observations). */
  observed: Float64Array;
  /** Settlements added to the national fibre and coverage series per calendar year (deliveries.ts). */
  deliveredByYear: Int32Array;
  events: number;
}

/**
 * A Replicator's outcome: its arrays are refilled by every run; per-settlement waits are
 * copied from the jobs only when someone reads them (aggregation needs only regionWaits).
 */
export class Outcome implements ReplicationOutcome {
  rep = 0;
  readonly completion: Float64Array;
  readonly fallbackDone: Float64Array;
  readonly fallbackTech: Uint8Array;
  /** Each settlement's fallback job (-1: none), whose days count for it when its own job was cancelled. */
  readonly fallbackOf: Int32Array;
  /** The two fallback arrays, as evaluate and observe take them. */
  readonly fallbackArrays: { done: Float64Array; tech: Uint8Array };
  readonly serviceDone: Float64Array;
  readonly regionTodo: Int32Array;
  readonly stage: Uint8Array;
  /** Each settlement's own job (-1: none, already connected). */
  readonly jobOf: Int32Array;
  readonly regionWaits: Float64Array;
  readonly motorwayCompletion: Float64Array;
  draws: NationalFactors & { risks: RiskDraws } = { ...unitFactors(), risks: { occurred: [], budgetCuts: [], defaults: [], winters: [], shortages: [] } };
  readonly inputSummary: Float64Array;
  observed: Float64Array = new Float64Array(0);
  deliveredByYear: Int32Array = new Int32Array(0);
  events = 0;
  inflation = 0;
  moneyBefore: Float64Array = new Float64Array(0);
  readonly reachedDay: Int32Array;
  readonly countAtDeadline: Int32Array;
  readonly targetSize: Int32Array;
  readonly met: Uint8Array;
  readonly altMet: Uint8Array;
  readonly altCount: Int32Array;
  readonly altSize: Int32Array;
  readonly seriesCounts: Int32Array;
  readonly seriesSize: Int32Array;
  private waitsBuf: Float64Array | null = null;
  private waitsFresh = false;

  constructor(
    readonly settlements: SettlementTable,
    private readonly state: JobState,
    readonly crewBusyToDeadline: Float64Array,
    readonly crewAvailableToDeadline: Float64Array,
    readonly spend: Float64Array,
    readonly coFunding: Float64Array,
    readonly topUps: Float64Array,
    m: CompiledModel,
  ) {
    const n = settlements.n;
    this.completion = new Float64Array(n);
    const withFallback = (m.input.fallback?.length ?? 0) > 0 ? n : 0;
    this.fallbackDone = new Float64Array(withFallback);
    this.fallbackTech = new Uint8Array(withFallback);
    this.fallbackOf = new Int32Array(withFallback);
    this.fallbackArrays = { done: this.fallbackDone, tech: this.fallbackTech };
    this.serviceDone = new Float64Array(N_SERVICES * n);
    this.regionTodo = new Int32Array(m.regionIds.length);
    this.stage = new Uint8Array(n);
    this.jobOf = new Int32Array(n);
    this.regionWaits = new Float64Array(m.regionIds.length * N_WAIT);
    this.motorwayCompletion = new Float64Array(m.motorwayMasts.length);
    this.inputSummary = new Float64Array(inputSummaryKeys(m).length);
    const e = newEvaluation(m);
    this.reachedDay = e.reachedDay; this.countAtDeadline = e.countAtDeadline; this.targetSize = e.targetSize;
    this.met = e.met; this.seriesCounts = e.seriesCounts; this.seriesSize = e.seriesSize;
    this.altMet = e.altMet; this.altCount = e.altCount; this.altSize = e.altSize;
  }

  get waits(): Float64Array {
    if (!this.waitsFresh) {
      const n = this.settlements.n;
      const w = (this.waitsBuf ??= new Float64Array(n * N_WAIT));
      w.fill(0);
      for (let i = 0; i < n; i++) {
        const j = this.jobOf[i];
        if (j >= 0) for (let k = 0; k < N_WAIT; k++) w[i * N_WAIT + k] = this.state.waits[j * N_WAIT + k];
        // A settlement whose own job was cancelled: its fallback job's days follow on.
        const f = this.fallbackOf.length > 0 && j >= 0 && this.state.stage[j] === CANCELLED ? this.fallbackOf[i] : -1;
        if (f >= 0) for (let k = 0; k < N_WAIT; k++) w[i * N_WAIT + k] += this.state.waits[f * N_WAIT + k];
      }
      this.waitsFresh = true;
    }
    return this.waitsBuf!;
  }

  /**
   * The per-settlement results of the run that just ended, from its jobs: each settlement's
   * completion, stage and own job, when it got each service (-1 at the start, else the
   * earliest job that built it there), each motorway mast's completion, and the wait days
   * per region over the settlements to connect (a settlement's days are its own job's, and
   * its fallback job's after its own was cancelled). `fallbackJob` is each settlement's
   * fallback job (null: the scenario has no fallback policy).
   */
  fromJobs(m: CompiledModel, jobs: JobTable, fallbackJob: Int32Array | null, check: boolean): void {
    const st = this.settlements, state = this.state;
    const n = st.n;
    const { completion, stage, jobOf, motorwayCompletion, regionWaits, serviceDone, regionTodo } = this;
    completion.fill(Infinity);
    stage.fill(DONE);
    jobOf.fill(-1);
    for (let i = 0; i < n; i++) if (st.connected[i]) completion[i] = -1;
    for (let s = 0; s < N_SERVICES; s++) {
      const bit = 1 << s, at = s * n;
      for (let i = 0; i < n; i++) serviceDone[at + i] = st.has[i] & bit ? -1 : Infinity;
    }
    motorwayCompletion.fill(Infinity);
    // On air before a run from a status (no job): -1, as a settlement connected before it.
    if (m.input.status?.motorways) m.motorwayMasts.forEach((mw, k) => { if (mw.before?.stage === 'done') motorwayCompletion[k] = -1; });
    // Every job, those a fallback made included (theirs are further services of a settlement, not its own job).
    for (let j = 0; j < jobs.n; j++) {
      if (jobs.motorway[j] >= 0) { motorwayCompletion[jobs.motorway[j]] = state.done[j]; continue; }
      const done = state.done[j], at = SERVICE_OF_TECH[jobs.tech[j]] * n;
      for (let x = jobs.memberStart[j]; x < jobs.memberStart[j + 1]; x++) {
        const i = jobs.members[x];
        if (done < serviceDone[at + i]) serviceDone[at + i] = done;
        if (!jobs.own[x]) continue;
        if (check && completion[i] !== Infinity) throw new InvariantError(`settlement ${i} connected twice`);
        completion[i] = done;
        stage[i] = state.stage[j];
        jobOf[i] = j;
      }
    }
    if (fallbackJob !== null) this.fromFallbackJobs(jobs, fallbackJob);
    regionWaits.fill(0);
    regionTodo.fill(0);
    for (let i = 0; i < n; i++) {
      const j = jobOf[i];
      if (st.connected[i] || j < 0) continue;
      const r = st.region[i];
      regionTodo[r]++;
      for (let w = 0; w < N_WAIT; w++) regionWaits[r * N_WAIT + w] += state.waits[j * N_WAIT + w];
      const f = this.fallbackOf.length > 0 && state.stage[j] === CANCELLED ? this.fallbackOf[i] : -1;
      if (f >= 0) for (let w = 0; w < N_WAIT; w++) regionWaits[r * N_WAIT + w] += state.waits[f * N_WAIT + w];
    }
    this.waitsFresh = false;
  }

  /**
   * The fallback jobs' part: when each settlement was served by its fallback and by which
   * technology; a settlement served by either is 'done', and one whose own job was
   * cancelled is where its fallback job is.
   */
  private fromFallbackJobs(jobs: JobTable, fallbackJob: Int32Array): void {
    const state = this.state;
    this.fallbackDone.fill(Infinity);
    this.fallbackTech.fill(NO_FALLBACK);
    this.fallbackOf.fill(-1);
    for (let i = 0; i < this.settlements.n; i++) {
      const f = fallbackJob[i];
      if (f < 0) continue;
      this.fallbackOf[i] = f;
      this.fallbackDone[i] = state.done[f];
      this.fallbackTech[i] = jobs.tech[f];
      if (state.done[f] !== Infinity) this.stage[i] = DONE;
      else if (this.stage[i] === CANCELLED) this.stage[i] = state.stage[f];
    }
  }
}
