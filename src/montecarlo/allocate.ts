import { compileModel, programmeName, type CompiledModel, type ModelInput } from '../model/index.js';
import { AnalysisInputError } from './analysis-input-error.js';
import type { AllocationResult, AllocationSplit } from './analysis-result.js';
import { allocationSpace, evenSplit, proRataSplit, type AllocationResource } from './allocation-slots.js';
import { goalTarget } from './goal-target.js';
import type { ScenarioIdentity } from './result.js';
import { pairedDifference } from './paired-difference.js';
import { pairedProportionDifference } from './proportion-difference.js';
import { r6 } from './round.js';
import type { RunSettings } from './run-settings.js';
import { usingPool } from './run.js';
import { forTargetsOnly, runVariant, type VariantOutcome } from './variant-runs.js';
import { VERSION } from './version.js';
import { analysisConditioning, fewFuturesWarning, givenObserved, notConditioned, type AnalysisObserved } from './analysis-conditioning.js';
import { integerWeights } from './integer-weights.js';
import { observationSds } from './observation-error.js';
import { observedInput } from './observed-run.js';
import { weightedPairedDifference } from './weighted-paired-difference.js';
import { weightedPairedProportionDifference } from './weighted-proportion-difference.js';
import { weightedShare } from './weighted-share.js';
import { wilson } from './wilson.js';

export type AllocationSearch = 'greedy' | 'exhaustive';

export interface AllocateOptions extends RunSettings {
  /** A target id, or 'all' for every target together. */
  target: string;
  resource: AllocationResource;
  /**
   * 'greedy' (default): unit by unit, each to the place where it raises the chance most, every
   * place measured again at every step (a place's gain can grow as others get units, e.g. near
   * a threshold, so old measurements are not reused); 'exhaustive': every possible split
   * (small problems only, at most EXHAUSTIVE_LIMIT splits).
   */
  search?: AllocationSearch;
  /** Replications per allocation tried while choosing (the same ones for all: common random numbers). */
  runs: number;
  /**
   * Fresh replications (after those used to choose, the same for every split) on which the
   * allocation found, the even and proportional splits and the scenario as it is are
   * measured for the answer: the choice is made to do well on its own futures, so measuring
   * it there would flatter it. Default: as many as `runs`.
   */
  validation?: number;
  /**
   * What was observed (`--observed FILE`): every split's futures are weighted by how likely
   * each makes it, as `run --observed` weighs a run's, and every chance, share reached and
   * difference is the weighted one.
   */
  observed?: AnalysisObserved;
  /** After each allocation measured: how many so far. */
  onEvaluate?: (evaluated: number) => void;
}

/**
 * An allocation's score on the common replications: futures meeting the target, then how
 * far they got (ties) — summed over the futures, or conditioned, the weighted means times
 * their number (so that met / runs is the chance either way); its chance's interval, and
 * conditioned, the effective futures.
 */
interface Score { met: number; reached: number; ci95: [number, number]; effectiveRuns?: number }
const better = (a: Score, b: Score) => a.met > b.met || (a.met === b.met && a.reached > b.reached + 1e-9);

/** Most splits `exhaustive` will try. */
export const EXHAUSTIVE_LIMIT = 5000;

/** Number of ways to split `units` over `slots` places (compositions), capped at Infinity past 1e9. */
export function splitCount(units: number, slots: number): number {
  let c = 1;
  for (let k = 1; k < slots; k++) { c = (c * (units + k)) / k; if (c > 1e9) return Infinity; }
  return Math.round(c);
}

/** Every split of `units` over `slots` places, in lexicographic order. */
export function* splits(units: number, slots: number): Generator<number[]> {
  if (slots === 1) { yield [units]; return; }
  for (let first = units; first >= 0; first--) for (const rest of splits(units - first, slots - 1)) yield [first, ...rest];
}

/**
 * What an allocation is asked, checked before any work: the target, what is handed out
 * and where it can go (the programme, the technology, the steps), the search and the
 * validation replications (an AnalysisInputError says what is wrong). allocate starts
 * with it; a command calls it first, so a question that cannot be asked is refused before
 * anything is written.
 *
 * @example
 *   allocateSetup(input, { target: 'fibre-2026', resource: { kind: 'money', programme: 'nope', total: 100, units: 10 }, runs: 10 })   // throws: the nope programme has no limit ...
 */
export function allocateSetup(input: ModelInput, o: Pick<AllocateOptions, 'target' | 'resource' | 'search' | 'runs' | 'validation'>, model: CompiledModel = compileModel(input)) {
  const target = goalTarget(model, o.target);
  const space = allocationSpace(input, o.resource, { first: model.firstYear, count: model.years });
  const S = space.slots.length, U = space.units;
  if ((o.search ?? 'greedy') === 'exhaustive' && splitCount(U, S) > EXHAUSTIVE_LIMIT) {
    throw new AnalysisInputError(`${splitCount(U, S) === Infinity ? 'over a billion' : splitCount(U, S).toLocaleString('en-US')} ways to split ${U} units over ${S} places is too many to try them all (at most ${EXHAUSTIVE_LIMIT.toLocaleString('en-US')}); use --search greedy`);
  }
  const validation = o.validation ?? o.runs;
  if (!(Number.isInteger(validation) && validation >= 1)) throw new AnalysisInputError(`the fresh replications to measure the answer on must be a whole number >= 1, got ${validation}`);
  return { target, space, validation };
}

/**
 * Where to put N extra crews (or extra money) to raise a target's chance most. Every
 * allocation tried is run on the same replications (common random numbers), so two
 * allocations differ only by where the units went, and a unit's gain is measured without
 * noise from different futures. Greedy marginal allocation: unit by unit, to the place that
 * raises the number of futures meeting the target most (ties: the one that gets furthest
 * by the deadline); or every split, for small problems. The answer is then measured on fresh
 * replications that played no part in choosing it (a choice made to do well on its own
 * futures would look better there than it is), beside an even split and a split in
 * proportion to what each place has, on those same fresh futures.
 *
 * @example
 *   const a = await allocate(loadScenario('scenarios/kazakhstan-baseline.yaml'), {
 *     target: 'fibre-2026', resource: { kind: 'crews', technology: 'fibre', total: 20, step: 1 }, runs: 500, seed: 1, workers: 2 });
 *   a.allocation.filter((x) => x.added > 0);   // where the 20 crews go
 */
export async function allocate(base: { input: ModelInput; identity: ScenarioIdentity }, o: AllocateOptions): Promise<AllocationResult> {
  const { target, space, validation } = allocateSetup(base.input, o);
  const search = o.search ?? 'greedy';
  const S = space.slots.length, U = space.units;
  const observations = o.observed?.observations ?? [];
  const conditioned = observations.length > 0;

  return usingPool(o, async (pool) => {
    const compiled = new Map<string, { input: ModelInput; model: ReturnType<typeof compileModel>; sds: { sd: number; from: 'file' | 'default' }[] }>();
    const variant = (units: readonly number[]) => {
      const key = units.join(',');
      let v = compiled.get(key);
      if (!v) {
        const moved = space.apply(base.input, units);
        const input = forTargetsOnly(conditioned ? observedInput(moved, { observed: observations, scored: [] }) : moved);
        try {
          const model = compileModel(input);
          v = { input, model, sds: observationSds(model, observations) };
        } catch (e) { throw new AnalysisInputError(`adding ${units.join('/')} units makes the scenario invalid: ${(e as Error).message}`); }
        compiled.set(key, v);
      }
      return v;
    };
    /** Conditioned: each outcome's whole-number weights over its replications (conditionOn's), by outcome. */
    const weightsOf = new Map<VariantOutcome, Float64Array>();
    const cache = new Map<string, VariantOutcome>();
    let simulated = 0, measured = 0;
    /** An allocation's outcomes on the replications used to choose ('search') or on the fresh ones ('fresh'). */
    const outcome = async (units: readonly number[], set: 'search' | 'fresh' = 'search'): Promise<VariantOutcome> => {
      const key = `${set}:${units.join(',')}`;
      let v = cache.get(key);
      if (!v) {
        const { input, model, sds } = variant(units);
        const [from, to] = set === 'search' ? [0, o.runs] : [o.runs, o.runs + validation];
        v = await runVariant(input, model, target.id, from, to, {
          seed: o.seed, pool, signal: o.signal, check: o.check,
          conditioning: conditioned ? observations.map((x, k) => ({ value: x.value, sd: sds[k].sd })) : undefined,
        });
        if (v.observed) weightsOf.set(v, integerWeights(v.observed.logLikelihood).weights);
        cache.set(key, v);
        simulated += to - from;
        o.onEvaluate?.(++measured);
      }
      return v;
    };
    const score = (v: VariantOutcome): Score => {
      const w = weightsOf.get(v);
      const n = v.met.length;
      if (!w) {
        let met = 0, reached = 0;
        for (let i = 0; i < n; i++) { met += v.met[i]; reached += v.reached[i]; }
        return { met, reached, ci95: wilson(met, n) };
      }
      const chance = weightedShare(v.met, w);
      let reached = 0, all = 0;
      for (let i = 0; i < n; i++) { reached += w[i] * v.reached[i]; all += w[i]; }
      return { met: chance.share * n, reached: all > 0 ? (reached / all) * n : 0, ci95: chance.ci95, effectiveRuns: chance.effective };
    };
    const effective = (sc: Score) => (sc.effectiveRuns !== undefined ? { effectiveRuns: r6(sc.effectiveRuns) } : {});

    const none = new Array<number>(S).fill(0);
    const baseScore = score(await outcome(none));
    const steps: AllocationResult['steps'] = [];
    let current = none.slice();

    if (search === 'exhaustive') {
      let best: number[] | null = null, bestScore: Score | null = null;
      for (const split of splits(U, S)) {
        const sc = score(await outcome(split));
        if (!bestScore || better(sc, bestScore)) { best = split; bestScore = sc; }
      }
      current = best!;
    } else {
      let currentScore = baseScore;
      for (let u = 1; u <= U; u++) {
        const with1 = (s: number) => current.map((x, i) => (i === s ? x + 1 : x));
        const scores: Score[] = [];
        for (let s = 0; s < S; s++) scores.push(score(await outcome(with1(s))));
        let pick = 0;
        for (let s = 1; s < S; s++) if (better(scores[s], scores[pick])) pick = s;
        // Every unit is handed out, even when no place measurably gains from it.
        current = with1(pick);
        const sc = scores[pick];
        const [lo, hi] = sc.ci95;
        steps.push({
          unit: u, slot: space.slots[pick].id, probability: r6(sc.met / o.runs), ci95: [r6(lo), r6(hi)],
          gain: r6((sc.met - currentScore.met) / o.runs), measured: S, meanReached: r6(sc.reached / o.runs), ...effective(sc),
        });
        currentScore = sc;
      }
    }

    // The answer, measured on fresh futures that played no part in choosing it.
    const split = async (name: string, units: number[]): Promise<AllocationSplit> => {
      const sc = score(await outcome(units, 'fresh'));
      const [lo, hi] = sc.ci95;
      return {
        name, units, added: units.map((x) => x * space.perUnit),
        probability: r6(sc.met / validation), ci95: [r6(lo), r6(hi)], meanReached: r6(sc.reached / validation), ...effective(sc),
      };
    };
    const chosen = await split(search === 'exhaustive' ? 'best (every split tried)' : 'greedy', current);
    const even = await split('even', evenSplit(U, space.slots, space.resource.kind === 'money'));
    const proRata = await split('in proportion', proRataSplit(U, space.slots));
    const baseFresh = await split('nothing added', none);
    const found = await outcome(current, 'fresh');
    /**
     * Found minus another split, future by future: in the chance (Newcombe's paired interval,
     * which does not shrink to nothing when no future tells them apart), and in the share
     * reached (what decides when the chances tie); and whether every future meets or misses
     * the target alike under both.
     */
    const versus = async (alt: AllocationSplit) => {
      const other = await outcome(alt.units, 'fresh');
      let disagree = 0;
      for (let i = 0; i < validation; i++) if (found.met[i] !== other.met[i]) disagree++;
      const wf = weightsOf.get(found), wo = weightsOf.get(other);
      if (wf && wo) {
        // Conditioned: each split's futures weigh as the observations make them likely; the differences stay paired over the same futures.
        const p = weightedPairedProportionDifference(found.met, other.met, wf, wo);
        return { diff: { versusChosen: { value: p.value, ci95: p.ci95 }, versusChosenReached: weightedPairedDifference(found.reached, other.reached, wf, wo) }, alike: disagree === 0 };
      }
      return { diff: { versusChosen: pairedProportionDifference(found.met, other.met), versusChosenReached: pairedDifference(found.reached, other.reached) }, alike: disagree === 0 };
    };
    const noun = space.noun;
    const amount = (x: number) => (space.resource.kind === 'money' ? Math.round(x).toLocaleString('en-US') : String(x));
    const where = chosen.added.map((a, i) => ({ a, s: space.slots[i] })).filter((x) => x.a > 0).sort((x, y) => y.a - x.a).map((x) => `${amount(x.a)} to ${x.s.label}`);
    const what = target.id === 'all' ? 'every target' : `“${target.label}”`;
    const evenVs = await versus(even), proRataVs = await versus(proRata);
    const vsEven = evenVs.diff, vsProRata = proRataVs.diff;
    const d = vsEven.versusChosen, dr = vsEven.versusChosenReached;
    const fresh = `on ${validation.toLocaleString('en-US')} fresh futures`;
    // When every fresh future meets (or misses) the target alike whichever split it gets,
    // the chance cannot tell splits apart; what the planner then needs is how far each split
    // gets: the share reached by the deadline, compared future by future. The sentence, the
    // report's table and the split chart go by this flag (the path chart, drawn on the
    // futures used to choose, by its own: allocationPathTies).
    const tie = evenVs.alike && proRataVs.alike && chosen.probability === baseFresh.probability;
    const reachedName = target.reachedName;
    // Nothing added changes any fresh future at all (neither whether it meets the target nor
    // how far it gets): the split found is the first of equals, not advice.
    const none0 = await outcome(none, 'fresh');
    let changed = 0;
    for (let i = 0; i < validation; i++) if (found.met[i] !== none0.met[i] || found.reached[i] !== none0.reached[i]) changed++;
    const plainSentence = changed === 0
      ? `No split of the ${amount(space.resource.total)} ${noun} changes ${what} in any of the ${validation.toLocaleString('en-US')} fresh futures: its chance stays at ${pctText(baseFresh.probability)} and ${reachedName} at ${pctText(baseFresh.meanReached)} on average with or without them, so where they go makes no difference here (the split shown, ${where.join(', ')}, is only the first of equals).`
      : tie
      ? `Put the ${amount(space.resource.total)} ${noun} ${where.join(', ')}: the chance of ${what} ${chosen.probability === baseFresh.probability ? 'stays at' : 'goes from ' + pctText(baseFresh.probability) + ' to'} ${pctText(chosen.probability)}, the same as with an even split in every future, so the split is judged by how far it gets: ${reachedName} ${pctText(chosen.meanReached)} on average against ${pctText(even.meanReached)} with an even split (difference ${signedPts(dr.value)} points, 95 % interval ${signedPts(dr.ci95[0])} to ${signedPts(dr.ci95[1])}) and ${pctText(baseFresh.meanReached)} with nothing added, ${fresh}.`
      : `Put the ${amount(space.resource.total)} ${noun} ${where.join(', ')}: the chance of ${what} goes from ${pctText(baseFresh.probability)} to ${pctText(chosen.probability)} (an even split gives ${pctText(even.probability)}; difference ${signedPts(d.value)} points, 95 % interval ${signedPts(d.ci95[0])} to ${signedPts(d.ci95[1])}, ${fresh}).`;
    // Conditioned: what the observations did, at the split found on the fresh futures, and a warning when some splits keep few futures.
    const conditioning = o.observed ? analysisConditioning(o.observed, validation, found.observed ? { values: found.observed.values, sds: variant(current).sds } : null, ALLOCATE_WEIGHING) : undefined;
    if (conditioning && conditioned) {
      const measuredSplits = [
        ...steps.map((st) => ({ label: `after unit ${st.unit} (to ${st.slot})`, effectiveRuns: st.effectiveRuns!, runs: o.runs, answer: false })),
        ...[chosen, even, proRata, baseFresh].map((x) => ({ label: `${x.name} (fresh futures)`, effectiveRuns: x.effectiveRuns!, runs: validation, answer: x === chosen })),
      ];
      const thin = fewFuturesWarning(measuredSplits, {
        what: 'measured', kind: 'split', decisions: 'what was chosen or compared there rests on them',
        cause: `the ${noun} are added from the scenario's start, before the observations' dates, and with some splits the model would have built something else by then than what was seen`,
        remedy: 'Read the answer as "given that the past went as observed"; to ask where to put them from now on, start the scenario from a status.',
      });
      if (thin) conditioning.summary.warnings.push(thin);
    }
    const sentence = !conditioning ? plainSentence
      : conditioned
        ? `${plainSentence} ${givenObserved(observations.length, o.observed!.file)}, the split found's on the equivalent of ${Math.round(conditioning.summary.effectiveSampleSize).toLocaleString('en-US')} of its ${validation.toLocaleString('en-US')} fresh futures.`
        : `${plainSentence} ${notConditioned(o.observed!.file)}`;
    return {
      scenario: base.identity, seed: o.seed, version: VERSION, runs: o.runs, validation,
      target: { id: target.id, label: target.label, deadline: target.deadline },
      resource: space.resource, ...(space.resource.kind === 'money' ? { programmeName: programmeName(base.input, space.resource.programme) } : {}), units: U, perUnit: space.perUnit, noun, search,
      slots: space.slots,
      base: { probability: baseFresh.probability, ci95: baseFresh.ci95, meanReached: baseFresh.meanReached },
      searchBase: r6(baseScore.met / o.runs), searchBaseReached: r6(baseScore.reached / o.runs),
      chosen, steps,
      alternatives: [
        { ...even, ...vsEven },
        { ...proRata, ...vsProRata },
      ],
      chanceTies: tie,
      changesNothing: changed === 0,
      simulated, evaluated: compiled.size, sentence,
      ...(conditioning ? { conditioning } : {}),
    };
  });
}

/** How allocate weighs its splits, for allocation.json's "conditioning". */
const ALLOCATE_WEIGHING = 'each split is weighted by its own futures (replication i weighs w_i = round(S · L_i / max L) over the replications it is measured on, those used to choose or the fresh ones), every chance and share reached is the w-weighted one, its 95 % interval Wilson\'s at the effective sample size (Σw)² / Σw², and the differences from the split found stay paired over the same futures (Newcombe\'s paired interval at the effective sizes; a delta-method interval for the share reached). '
  + 'Crews or money added from the start may change what the model would have shown by an observation\'s date; the observations below are those of the split found, on the fresh futures.';

const pctText = (p: number) => `${(Math.round(p * 1000) / 10).toFixed(1)} %`;
const signedPts = (d: number) => `${d >= 0 ? '+' : '−'}${(Math.abs(d) * 100).toFixed(1)}`;

