import { integerWeights } from './integer-weights.js';
import { weightedShare } from './weighted-share.js';
import { wilson } from './wilson.js';

/** What the search needs: the candidate count, the goal, and a way to run replications at a candidate. */
export interface GoalSearchOptions {
  /** Candidates 0..size-1, in increasing order of the lever. */
  size: number;
  /** The probability to reach, 0 < p < 1. */
  probability: number;
  /** Replications run at a candidate at first. */
  runs: number;
  /** The most replications run at one candidate (where the decision is close). */
  maxRuns: number;
  /**
   * Runs replications [from, to) at candidate k and returns whether each met the goal's
   * target (1) or not (0). Replication i must draw the same random numbers at every
   * candidate (common random numbers), so that the candidates are compared on the same
   * futures. Conditioned on observations, it also returns each replication's
   * log-likelihood of them (logLikelihoods): every estimate is then the share weighted as
   * a conditioned run weighs it (whole-number weights over the replications so far,
   * conditionOn), with its interval at the effective sample size.
   */
  evaluate(k: number, from: number, to: number): Promise<Uint8Array | { met: Uint8Array; logLikelihood: Float64Array }>;
  /** Called after each evaluation (progress). */
  onStep?(step: GoalStep): void;
}

/** One decision of the search: the candidate, the replications it had, its estimate, and whether it was judged to meet the goal. */
export interface GoalStep {
  index: number;
  runs: number;
  met: number;
  probability: number;
  ci95: [number, number];
  meets: boolean;
  /** Conditioned on observations: the effective sample size of the weights over these replications (absent otherwise). */
  effectiveRuns?: number;
}

/** A candidate's chance over its first n replications: the share that met (weighted when conditioned), its interval, and the futures it rests on. */
export interface GoalEstimate {
  probability: number;
  ci95: [number, number];
  /** Conditioned: the effective sample size (absent when every replication weighs the same by construction). */
  effectiveRuns?: number;
}

export interface GoalSearchResult {
  /** Whether any candidate meets the goal. */
  found: boolean;
  /**
   * The least candidate judged to meet the goal — or, when none does, the candidate with the
   * highest estimate (the best reached).
   */
  index: number;
  /** The candidate just below it (fails the goal), or null when `index` is the first candidate or nothing was found. */
  below: number | null;
  /** Replications both `index` and `below` were finally estimated on (the same ones). */
  runs: number;
  /** Replications that met the target at `index` and at `below` (over the same `runs`). */
  met: number;
  metBelow: number | null;
  /** The chance at `index` and at `below` over those `runs` (weighted when conditioned). */
  estimate: GoalEstimate;
  estimateBelow: GoalEstimate | null;
  /**
   * Replications that met the target at `below` but not at `index`: 0 wherever the model
   * is monotone in the lever (with common random numbers, more of the lever never loses a
   * future); a count above 0 says it is not, replication by replication.
   */
  crossings: number;
  /** Every decision, in the order made. */
  steps: GoalStep[];
  /** Replications simulated in all. */
  simulated: number;
}

/** Candidate k's array in `map`, at least n long: made anew by `make` when shorter, keeping its first `have`. */
function grown<T extends Uint8Array | Float64Array>(map: Map<number, T>, k: number, n: number, have: number, make: () => T): T {
  const a = map.get(k);
  if (a && a.length >= n) return a;
  const b = make();
  if (a) b.set(a.subarray(0, have) as never);
  map.set(k, b);
  return b;
}

/**
 * Finds the least candidate whose probability of meeting the target is at least p, by
 * bisection over candidates ordered by the lever, with common random numbers, spending
 * replications where the decision is close:
 *
 * 1. Each candidate is first run on replications 0..runs-1. While the 95 % Wilson interval
 *    of its estimate contains p (too close to call), its replications are doubled (the next
 *    ones, runs..2·runs-1, and so on: the same replications at every candidate) up to
 *    maxRuns; then the estimate decides.
 * 2. The highest candidate is tried first, then the lowest: if the lowest meets p, it is the
 *    answer. If the highest does not, nothing in the range does (once both are put on the
 *    same replications; the better of the two is reported). Otherwise bisection between the
 *    last failing and the first meeting candidate.
 * 3. The answer and the candidate below are finally estimated on the same replications
 *    (the larger of their two counts): with common random numbers and a lever the model is
 *    monotone in, the one below can then never show a higher estimate. If the answer's
 *    estimate falls below p (or the lower one's rises to it), the search resumes with the
 *    bounds moved, so the reported value always meets p and the one below never does, on
 *    the same futures.
 *
 * @example
 *   // Candidates 0..9; replication i meets the target from candidate i % 10 on:
 *   await goalSearch({ size: 10, probability: 0.7, runs: 100, maxRuns: 400,
 *     evaluate: async (k, from, to) => Uint8Array.from({ length: to - from }, (_, j) => ((from + j) % 10 <= k ? 1 : 0)) });
 *   // → { found: true, index: 6, below: 5, ... } (P = 0.7 at 6, 0.6 at 5)
 */
export async function goalSearch(o: GoalSearchOptions): Promise<GoalSearchResult> {
  if (!(o.size >= 1)) throw new RangeError('goal search needs at least one candidate');
  if (!(o.probability > 0 && o.probability < 1)) throw new RangeError(`the probability must be between 0 and 1, got ${o.probability}`);
  const p = o.probability;
  const flags = new Map<number, Uint8Array>();
  /** Per candidate, conditioned: each replication's log-likelihood of the observations. */
  const lls = new Map<number, Float64Array>();
  const done = new Map<number, number>();
  const steps: GoalStep[] = [];
  let simulated = 0;

  /** Runs candidate k up to `n` replications (only those it has not run yet). */
  const ensure = async (k: number, n: number) => {
    const have = done.get(k) ?? 0;
    if (have >= n) return;
    const r = await o.evaluate(k, have, n);
    const room = Math.max(n, o.maxRuns);
    if (r instanceof Uint8Array) grown(flags, k, n, have, () => new Uint8Array(room)).set(r, have);
    else {
      grown(flags, k, n, have, () => new Uint8Array(room)).set(r.met, have);
      grown(lls, k, n, have, () => new Float64Array(room)).set(r.logLikelihood, have);
    }
    simulated += n - have;
    done.set(k, n);
  };
  const count = (k: number, n: number) => {
    const f = flags.get(k)!;
    let c = 0;
    for (let i = 0; i < n; i++) c += f[i];
    return c;
  };
  /** Candidate k's chance over its first n replications: met / n, or conditioned, the weighted share (weights over those n, as conditionOn gives them). */
  const estimate = (k: number, n: number): GoalEstimate => {
    const l = lls.get(k);
    if (!l) {
      const met = count(k, n);
      return { probability: met / n, ci95: wilson(met, n) };
    }
    const w = weightedShare(flags.get(k)!, integerWeights(l.subarray(0, n)).weights, n);
    return { probability: w.share, ci95: w.ci95, effectiveRuns: w.effective };
  };
  const chance = (k: number, n: number) => estimate(k, n).probability;
  const record = (k: number, n: number, meets: boolean): GoalStep => {
    const met = count(k, n);
    const e = estimate(k, n);
    const step: GoalStep = { index: k, runs: n, met, probability: e.probability, ci95: e.ci95, meets, ...(e.effectiveRuns !== undefined ? { effectiveRuns: e.effectiveRuns } : {}) };
    steps.push(step);
    o.onStep?.(step);
    return step;
  };
  /** Sequential decision at candidate k: more replications while the interval straddles p. */
  const decide = async (k: number): Promise<boolean> => {
    let n = Math.max(done.get(k) ?? 0, Math.min(o.runs, o.maxRuns));
    await ensure(k, n);
    for (;;) {
      const { probability, ci95: [lo, hi] } = estimate(k, n);
      if (lo >= p || hi < p || n >= o.maxRuns) return record(k, n, probability >= p).meets;
      n = Math.min(o.maxRuns, 2 * n);
      await ensure(k, n);
    }
  };

  const top = o.size - 1;
  const meeting = new Set<number>();
  const failing = new Set<number>();
  const judge = async (k: number) => {
    const ok = await decide(k);
    (ok ? meeting : failing).add(k);
    (ok ? failing : meeting).delete(k);
    return ok;
  };

  /** The result with no candidate below `index` (the first meets p, or nothing does). */
  const alone = (found: boolean, index: number, n: number): GoalSearchResult =>
    ({ found, index, below: null, runs: n, met: count(index, n), metBelow: null, estimate: estimate(index, n), estimateBelow: null, crossings: 0, steps, simulated });
  const firstMeets = (n: number): GoalSearchResult => alone(true, 0, n);
  if (top === 0) {
    const ok = await judge(0);
    const n = done.get(0)!;
    return alone(ok, 0, n);
  }
  const topMeets = await judge(top);
  // The bottom may meet p even when the top does not (a lever that does not move the
  // chance one way only): then it is the least value that meets it.
  if (await judge(0)) return firstMeets(done.get(0)!);
  if (!topMeets) {
    // The top of the range fails. Before saying nothing reaches p, the two ends are put on
    // the same replications, as everywhere in the search: the first candidate may have been
    // decided on fewer, and a higher estimate on fewer futures is not a better candidate.
    const n = Math.max(done.get(top)!, done.get(0)!);
    await ensure(0, n);
    await ensure(top, n);
    if (chance(0, n) >= p) {
      // More replications made the first candidate meet p (possible only where the lever
      // does not move the chance one way): it is the least value that meets it.
      record(0, n, true);
      return firstMeets(n);
    }
    if (chance(top, n) >= p) {
      // More replications made the top meet p: the bisection below takes it from here.
      meeting.add(top); failing.delete(top);
      record(top, n, true);
    } else {
      // Nothing reaches p: report the best estimate of the two (more is not tried: with a
      // monotone lever the top of the range is the best).
      const best = chance(0, n) > chance(top, n) ? 0 : top;
      // Both ends as compared, on the same replications (the steps show what the answer rests on).
      for (const k of [0, top]) if (!steps.some((s) => s.index === k && s.runs === n)) record(k, n, false);
      return alone(false, best, n);
    }
  }

  // Invariant: lo is judged failing, hi meeting, lo < hi.
  let lo = 0, hi = top;
  // Each round past the first moves one candidate to the other side on more replications;
  // a candidate can move at most once per doubling, so this bound is never reached.
  for (let round = 0; ; round++) {
    if (round > 64 * o.size) throw new Error('goal search did not settle (a bug: please report it)');
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (await judge(mid)) hi = mid; else lo = mid;
    }
    // The answer and the one below on the same replications.
    const n = Math.max(done.get(lo)!, done.get(hi)!);
    await ensure(lo, n);
    await ensure(hi, n);
    const mHi = count(hi, n), mLo = count(lo, n), pHi = chance(hi, n), pLo = chance(lo, n);
    if (pHi >= p && pLo < p) {
      const fH = flags.get(hi)!, fL = flags.get(lo)!;
      let crossings = 0;
      for (let i = 0; i < n; i++) if (fL[i] && !fH[i]) crossings++;
      // The final pair as reported, when the search decided either on fewer replications.
      if (!steps.some((s) => s.index === lo && s.runs === n)) record(lo, n, false);
      if (!steps.some((s) => s.index === hi && s.runs === n)) record(hi, n, true);
      return { found: true, index: hi, below: lo, runs: n, met: mHi, metBelow: mLo, estimate: estimate(hi, n), estimateBelow: estimate(lo, n), crossings, steps, simulated };
    }
    // More replications changed a decision: move the bound and search again.
    if (pHi < p) {
      failing.add(hi); meeting.delete(hi);
      record(hi, n, false);
      lo = hi;
      hi = Math.min(...[...meeting].filter((k) => k > lo));
      if (!Number.isFinite(hi)) {
        // Nothing above is still judged to meet p: the top is re-judged with these replications.
        await ensure(top, n);
        if (chance(top, n) >= p) { hi = top; meeting.add(top); record(top, n, true); } else {
          record(top, n, false);
          return alone(false, top, n);
        }
      }
    } else {
      meeting.add(lo); failing.delete(lo);
      record(lo, n, true);
      hi = lo;
      lo = Math.max(...[...failing].filter((k) => k < hi));
      if (!Number.isFinite(lo)) {
        // Nothing below is still judged to fail: the first candidate is re-judged with these replications.
        await ensure(0, n);
        if (chance(0, n) >= p) {
          record(0, n, true);
          return firstMeets(n);
        }
        lo = 0; failing.add(0); record(0, n, false);
      }
    }
  }
}
