import { distribution, hashUniform, type Distribution, type HandlerId } from '../../engine/index.js';
import type { CompiledModel, Pipeline } from '../compile.js';
import { InvariantError } from '../errors.js';
import { CANCELLED, DONE, STAGE, STAGES } from '../stages.js';
import { SERVICE_OF_TECH } from '../services.js';
import { TECH_CODE } from '../technologies.js';
import type { World } from '../world.js';
import { mastGroups } from '../jobs.js';
import { remainingAfter } from '../handlers/types.js';

/** No fallback (FallbackPolicy.techOf). */
export const NO_FALLBACK = 255;

/** Draws of fallback jobs come from hashUniform(settlement's uniform, FALLBACK_DRAW + rule, ...): apart from every other draw. */
const FALLBACK_DRAW = 7001;

/** What the fallback needs from the interpreter: to make a job and to cancel one. */
export interface JobMaker {
  /**
   * Makes a job now of technology `tech` for `count` settlements (`members[0..count)`), in
   * region `region` with queue priority `priority`, its per-job draws from `base`; it goes
   * through `pipeline`, its first stage given `lead` days; it starts now unless `start` is
   * false (a run from a status starts it where the status has it). Returns the job's index.
   */
  addJob(tech: number, region: number, priority: number, members: Int32Array, count: number, base: number, pipeline: Pipeline, lead: number, start: boolean): number;
  /** Cancels job j if its work has not started (Replicator.cancel). */
  cancel(j: number): boolean;
  /** Settlement i's uniform in this replication (its per-job draws derive from it). */
  settlementUniform(i: number): number;
}

interface CompiledRule {
  /** Simulated time of the end of `after` (the rule applies to what is not connected by then). */
  at: number;
  tech: number;
  lead: Distribution;
  cancelFibre: boolean;
  /** The fallback job's stages: its lead time, then its technology's. */
  pipeline: Pipeline;
}

/**
 * Fallback policy (`fallback:` rules, in order): at the end of a rule's date, every
 * settlement whose own job is not done (and whose technology is not already the rule's),
 * that has no fallback yet and no other job of the rule's technology (a service rule's mast
 * or terminal, under way or done) gets a job of the rule's technology — one satellite
 * terminal each, or masts grouped `settlementsPerMast` at a time in a region's queue
 * order — that waits its lead time (drawn per settlement from the rule's `lead`: the
 * decision and the order, stage 'fallback lead') and then goes through its technology's
 * stages (procurement, money, a crew, installation). With `cancelFibre`, the settlement's
 * fibre job is cancelled if its work has not started (a crew laying keeps laying).
 *
 * One event per rule; jobs are made only for the settlements that need them. A
 * settlement's fallback draws depend on the settlement and the rule only (common random
 * numbers across options).
 *
 * @example fallback: [{ after: 2027-06-30, use: satellite, lead: 30, cancelFibre: true }]
 */
export class FallbackPolicy {
  private readonly rules: CompiledRule[];
  private readonly onDate: HandlerId;
  /** Per settlement: its fallback job (-1: none). Its own job is jobs.ownJob's. */
  readonly fallbackJob: Int32Array;
  /** Per job: when it was made (0 for the jobs of the start). */
  readonly madeAt: Float64Array;
  /** Jobs made at the start of the replication (fallback jobs come after them). */
  baseJobs = 0;
  private readonly order: Int32Array;
  /** Settlements a fallback mast serves (settlementsPerMast), unless a status names its masts. */
  private readonly per: number;
  /** Scratch for a job's members. */
  private members: Int32Array;
  /**
   * Per settlement: the rule (index) whose fallback a run from a status says it had — a row
   * of the settlement with `fallback`, under way or done — or -1. No other rule gives it one.
   */
  private readonly ruleBefore: Int32Array;
  /** Per settlement: the technologies of its other jobs at the start (a service rule's mast, terminal or household fibre), a bit each. */
  private readonly further: Uint8Array;
  /** Whether applyPast applied the rules dated before the start (at < 0) in this replication. */
  private pastApplied = false;
  /** Jobs from baseJobs up to this one were made by applyPast. */
  private pastEnd = 0;
  /** Per job made by applyPast: its rule, and the uniform its lead time is drawn from (to continue a lead under way). */
  private readonly ruleOf: Int32Array;
  private readonly leadU: Float64Array;

  constructor(private readonly w: World, private readonly maker: JobMaker) {
    const { m } = w;
    this.rules = compileRules(m);
    const n = w.st.n;
    this.fallbackJob = new Int32Array(n);
    this.madeAt = new Float64Array(w.jobs.tech.length);
    this.ruleOf = new Int32Array(w.jobs.tech.length);
    this.leadU = new Float64Array(w.jobs.tech.length);
    this.order = new Int32Array(n);
    this.further = new Uint8Array(n);
    this.ruleBefore = rulesBefore(m, n);
    this.per = Math.max(1, Math.round(m.input.mast?.settlementsPerMast ?? 1));
    this.members = new Int32Array(this.per);
    const reachedNow = (i: number) => { const j = w.jobs.ownJob[i]; return j >= 0 && !this.connectedNow(j); };
    this.onDate = w.sim.on((k) => this.apply(k, reachedNow, true), 'fallback date');
  }

  /** A new replication: no fallback yet. */
  reset(): void {
    const { jobs } = this.w;
    this.baseJobs = jobs.n;
    this.further.fill(0);
    for (let j = 0; j < jobs.n; j++) {
      for (let x = jobs.memberStart[j]; x < jobs.memberStart[j + 1]; x++) if (!jobs.own[x]) this.further[jobs.members[x]] |= 1 << jobs.tech[j];
    }
    this.fallbackJob.fill(-1);
    this.madeAt.fill(0);
    this.pastApplied = false;
    this.pastEnd = this.baseJobs;
  }

  /**
   * In a run from a status: the rules dated before the status's date (their end is before
   * the run's start) have already applied, and apply again now, before any job starts, to
   * the settlements they reached then: every one whose own job is not connected
   * (`connected(j)`: its status says it is), and those connected since whose job of the
   * rule's technology the status lists (`listed`: still under way). Nothing is cancelled:
   * the status already says which fibre jobs the rule cancelled (their settlements' rows are
   * the rule's technology). The jobs are made without starting them: the caller starts each
   * where the status has it (addJob's `start: false`). A rule due at the run's start or later
   * is left to schedule().
   */
  applyPast(connected: (j: number) => boolean, listed: (i: number, tech: number) => boolean, name?: (i: number) => string | undefined): void {
    const { jobs } = this.w;
    this.pastApplied = true;
    this.rules.forEach((r, k) => {
      if (!(r.at < 0)) return;
      this.apply(k, (i) => {
        const j = jobs.ownJob[i];
        return (j >= 0 && !connected(j)) || listed(i, r.tech);
      }, false, name);
    });
    this.pastEnd = jobs.n;
  }

  /**
   * In a run from a status, before applyPast: settlement i's fallback is job j, made at the
   * start (a fallback's mast that is another village's own job: see continuePastFallbacks).
   */
  servedBy(i: number, j: number): void {
    this.fallbackJob[i] = j;
  }

  /**
   * A job applyPast made that the status has in its lead time for `days` already: what is
   * left of it, given that it has lasted that long (its draw is the one it was made with).
   */
  leadLeft(f: number, days: number): number {
    return this.leftOf(this.ruleOf[f], this.leadU[f], days);
  }

  /**
   * A settlement's own job of technology `tech` that the status has in a fallback's lead
   * time for `days` (its row: its fibre was cancelled, its fallback not yet ordered): the
   * stages of the first rule of that technology dated before the start (a lead time, then
   * the technology's), and what is left of the lead time it draws for the settlement.
   * Null when no such rule (the file checks refuse the row).
   */
  leadOfOwn(i: number, tech: number, days: number): { pipeline: Pipeline; left: number } | null {
    const k = this.rules.findIndex((r) => r.tech === tech && r.at < 0);
    if (k < 0) return null;
    return { pipeline: this.rules[k].pipeline, left: this.leftOf(k, this.drawOf(i, k).u, days) };
  }

  /** Rule k's draws for a job whose first settlement is i: its per-job base, and the uniform of its lead time. */
  private drawOf(i: number, k: number): { base: number; u: number } {
    const base = hashUniform(this.maker.settlementUniform(i), FALLBACK_DRAW + k, 0);
    return { base, u: hashUniform(base, FALLBACK_DRAW, 1) };
  }

  /** What is left of rule k's lead time drawn from u, once `days` of it are gone (0 days: all of it). */
  private leftOf(k: number, u: number, days: number): number {
    return remainingAfter((p) => Math.max(0, this.rules[k].lead.quantile(p)), u, days);
  }

  /** Each rule's date scheduled (those applyPast applied excepted). */
  schedule(): void {
    const { sim, m } = this.w;
    this.rules.forEach((r, k) => { if (r.at < m.horizonDays && !(this.pastApplied && r.at < 0)) sim.at(Math.max(0, r.at), this.onDate, k); });
  }

  /** The `after` date of the rule that made job j (undefined: not a fallback's job). */
  ruleDateOf(j: number): string | undefined {
    return j >= this.baseJobs && j < this.w.jobs.n ? this.w.m.input.fallback![this.ruleOf[j]].after : undefined;
  }

  /** Technology of settlement i's fallback (NO_FALLBACK: none), for the outcome. */
  techOf(i: number): number {
    const f = this.fallbackJob[i];
    return f < 0 ? NO_FALLBACK : this.w.jobs.tech[f];
  }

  /**
   * --check at the horizon: a fallback was made only for a settlement not connected by its
   * date, no earlier than the first rule's date; a cancelled job was cancelled then, and
   * before its work began.
   */
  check(): void {
    const { st, state, jobs, m } = this.w;
    const first = Math.max(0, Math.min(...this.rules.map((r) => r.at)));
    for (let i = 0; i < st.n; i++) {
      const f = this.fallbackJob[i], j = jobs.ownJob[i];
      if (f < 0) continue;
      const made = this.madeAt[f];
      if (made < first) throw new InvariantError(`settlement ${i}: a fallback made on day ${made}, before the first rule's date (day ${first})`);
      // Made again at the start of a run from a status (applyPast): its settlement may have been connected since the rule's date.
      if (f >= this.pastEnd && (j < 0 || state.done[j] < made)) throw new InvariantError(`settlement ${i}: a fallback for a settlement connected before it`);
      if (j >= 0 && state.stage[j] === CANCELLED) {
        if (state.cancelledAt[j] !== made) throw new InvariantError(`settlement ${i}: its job cancelled on day ${state.cancelledAt[j]}, not when its fallback was made (day ${made})`);
        const pipe = m.pipelines[jobs.tech[j]];
        if (state.step[j] >= pipe.indexOf(STAGE.work)) throw new InvariantError(`settlement ${i}: its job was cancelled after its work began`);
      }
    }
  }

  /** Whether job j is connected now (done, or in a last stage that needs no event — commissioning, power and backhaul — and due). */
  private connectedNow(j: number): boolean {
    const { state, sim } = this.w;
    return state.stage[j] === DONE || (this.w.isLastStage(j) && STAGES[state.stage[j]].handler === 'delay' && state.due[j] <= sim.now);
  }

  /**
   * Rule k now, for the settlements it can `reach` (not connected by now); `start`: the jobs
   * start now (else applyPast's caller starts them).
   */
  private apply(k: number, reach: (i: number) => boolean, start: boolean, name?: (i: number) => string | undefined): void {
    const { st, state, jobs, sim } = this.w;
    const rule = this.rules[k];
    // The settlements not connected by now that this rule reaches, in queue order.
    let count = 0;
    for (let i = 0; i < st.n; i++) {
      const j = jobs.ownJob[i];
      if (this.fallbackJob[i] >= 0 || (j >= 0 && jobs.tech[j] === rule.tech)) continue;
      if (this.ruleBefore[i] >= 0 && this.ruleBefore[i] !== k) continue; // it had another rule's fallback before a run from a status
      if (st.has[i] & (1 << SERVICE_OF_TECH[rule.tech])) continue; // it had the rule's service at the start
      // Another of its jobs builds the rule's service (a service rule's 4G mast or terminal): no second one, and its fibre goes on.
      if (this.further[i] & (1 << rule.tech)) continue;
      if (!reach(i)) continue;
      this.order[count++] = i;
    }
    const queue = this.order.subarray(0, count);
    // By region (a mast serves neighbours of one region), then queue order.
    queue.sort((a, b) => st.region[a] - st.region[b] || st.priority[a] - st.priority[b] || a - b);
    if (start) {
      for (const i of queue) {
        const j = jobs.ownJob[i];
        if (rule.cancelFibre && j >= 0 && jobs.tech[j] === TECH_CODE.fibre && state.stage[j] !== CANCELLED) this.maker.cancel(j);
      }
    }
    // One job per settlement, or per group of a region's settlements for masts (those a status names one mast together).
    const mast = rule.tech === TECH_CODE.mast;
    for (let a = 0; a < count;) {
      let b = a;
      while (b < count && st.region[queue[b]] === st.region[queue[a]]) b++;
      for (const group of mastGroups(queue.subarray(a, b), mast ? this.per : 1, mast ? name : undefined)) {
        const first = group[0];
        const { base, u } = this.drawOf(first, k);
        if (this.members.length < group.length) this.members = new Int32Array(group.length);
        this.members.set(group);
        const f = this.maker.addJob(rule.tech, st.region[first], st.priority[first], this.members, group.length, base, rule.pipeline, Math.max(0, rule.lead.quantile(u)), start);
        this.madeAt[f] = sim.now;
        this.ruleOf[f] = k;
        this.leadU[f] = u;
        for (const i of group) this.fallbackJob[i] = f;
      }
      a = b;
    }
  }
}

/**
 * Per settlement, the rule whose fallback a status per settlement says it had (a row with
 * `fallback`: the rule's date, of the row's technology), else -1.
 */
function rulesBefore(m: CompiledModel, n: number): Int32Array {
  const out = new Int32Array(n).fill(-1);
  const status = m.input.status, rules = m.input.fallback ?? [];
  const rule = (date: string, tech: string | undefined) => rules.findIndex((r) => r.after === date && r.use === tech);
  status?.settlements?.forEach((p, i) => { if (p.fallback !== undefined) out[i] = rule(p.fallback, m.input.settlements![i].technology); });
  for (const x of status?.jobs ?? []) if (x.progress.fallback !== undefined) out[x.settlement] = rule(x.progress.fallback, x.technology);
  return out;
}

function compileRules(m: CompiledModel): CompiledRule[] {
  return (m.input.fallback ?? []).map((r) => {
    const tech = TECH_CODE[r.use];
    return {
      at: m.calendar.dayOf(r.after) + 1, tech, lead: distribution(r.lead), cancelFibre: r.cancelFibre,
      pipeline: Uint8Array.from([STAGE['fallback lead'], ...m.pipelines[tech]]),
    };
  });
}
