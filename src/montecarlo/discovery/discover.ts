import type { DiscoveryBox, DiscoveryCheck } from '../analysis-result.js';
import { boxEffectiveSize, boxStats, restricted, unitWeights, type Box } from './box.js';
import { effectiveSampleSize } from '../effective-sample-size.js';
import { describeRule } from './describe-rule.js';
import { primPaste } from './prim-paste.js';
import { primPeel } from './prim-peel.js';
import { selectBox } from './select-box.js';
import { simplifyBox } from './simplify-box.js';
import { splitHalves } from './split-halves.js';
import { pruneBox } from './prune-box.js';
import { wilson } from '../wilson.js';

/** The settings of scenario discovery (PRIM and the choice of box). */
export const DISCOVERY = {
  /** Share of the box peeled at each step. */
  alpha: 0.05,
  /** Smallest box, as a share of all futures. */
  minSupport: 0.05,
  /**
   * The box reported is the densest covering at least this share of the futures described;
   * when none stands out at the first level, the next ones are tried (the sentence says
   * the coverage found).
   */
  minCoverage: [0.5, 0.35, 0.2],
  /** A range is dropped when the density loses at most this without it. */
  tolerance: 0.01,
  /** At most this many conditions in a rule. */
  maxInputs: 3,
  /**
   * A box is taken when its density beats the base rate by at least this (absolute) and the
   * lower end of its 95 % Wilson interval is above the base rate, among the half of the
   * futures it was found in, and reported when it does so again among the other half.
   */
  minLift: 0.05,
  /** Fewest futures with the outcome to look for a pattern at all. */
  minCases: 10,
} as const;

export interface DiscoverOptions {
  /** Words for the bound of the quarter that reach least (a share by default; a count target's caller gives settlements). */
  reached?: (value: number) => string;
  /**
   * Each future's weight, a whole number >= 0 (a conditioned run's importance weights): the
   * futures without weight are left out, every other counts its weight, and every interval
   * and "too few" rests on the effective sample size (Kish).
   */
  weights?: Float64Array;
}

const pctText = (x: number) => `${Math.round(x * 100)} %`;
const pctTenth = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)} %`;

/**
 * What goes wrong together, for one target: scenario discovery (Bryant & Lempert 2010) with
 * PRIM over what each replication drew — national factors, risk occurrences, mean draws of
 * the per-village inputs. The futures described are those that miss the target; when most
 * futures miss it, those that meet it (what has to go right); when (nearly) every future has
 * the same outcome and `values` — each future's share reached by the deadline — are given,
 * the quarter that reach least (at or below the first quartile: what goes worst together,
 * where missing or meeting tells nothing apart). The box is found among half the futures
 * and checked among the other half (splitHalves): PRIM peels the finding half (alpha 0.05,
 * down to 5 % of the futures), the densest box still covering half of the described futures
 * is pasted and simplified to at most three conditions and taken when it stands out there —
 * it beats the base rate by at least 5 points and the lower end of its density's 95 %
 * interval is above the base rate; otherwise boxes covering 35 % and then 20 % are tried.
 * The box taken is then counted among the checking half, which played no part in finding
 * it, and reported as a rule in words with the coverage and density it has there only when
 * it stands out there by the same test (`check`); when none does, the answer says so (and
 * names a box that stood out among the first half only). `reached` words the quarter's
 * bound (a share by default; a count target's caller gives settlements).
 *
 * @example
 *   discover('coverage-2027', '100 % covered by 2027', keys, columns, met)
 *   // { outcome: 'missed', coverage: 0.8, density: 0.62, rules: [...], sentence: 'In 80 % of the futures that miss …' }
 */
export function discover(
  target: string, label: string, keys: readonly [string, string][], columns: readonly Float64Array[], met: Uint8Array, values?: Float64Array,
  o: DiscoverOptions = {},
): DiscoveryBox {
  const reached = o.reached ?? ((x: number) => `a share of at most ${pctTenth(x)}`);
  // A weighted run: each future counts its weight (PRIM's every step does: a future of
  // weight 0 is not there at all, and no bound falls on its values).
  const weighted = o.weights !== undefined;
  const w = o.weights ?? unitWeights(met.length);
  let futures = 0, N = 0, metCount = 0;
  for (let i = 0; i < w.length; i++) { if (w[i] > 0) futures++; N += w[i]; metCount += w[i] * met[i]; }
  const ess = weighted ? effectiveSampleSize(w) : futures;
  /** A weight as a number of futures: itself unweighted, its share of the effective sample size weighted. */
  const effective = (x: number) => (weighted ? (N > 0 ? (ess * x) / N : 0) : x);
  const majority: 'missed' | 'met' = metCount >= N / 2 ? 'missed' : 'met';
  const few = Math.min(metCount, N - metCount);
  const quarter = effective(few) < DISCOVERY.minCases && values !== undefined ? lowestQuarter(values, w) : null;
  const lowest = quarter && effective(quarter.cases) >= DISCOVERY.minCases ? quarter : null;
  const outcome: DiscoveryBox['outcome'] = lowest ? 'lowest' : majority;
  const y = lowest ? lowest.y : Uint8Array.from(met, (m) => (outcome === 'missed' ? 1 - m : m));
  const casesW = lowest ? lowest.cases : outcome === 'missed' ? N - metCount : metCount;
  const cases = weighted ? Math.round(effective(casesW)) : casesW;
  const baseRate = N > 0 ? casesW / N : 0;
  const verb = outcome === 'missed' ? 'miss' : 'meet';
  const threshold = lowest ? { threshold: lowest.threshold } : {};
  const weighting = weighted ? { effectiveRuns: ess } : {};
  const none = (why: string, check?: DiscoveryCheck): DiscoveryBox => ({ target, label, outcome, ...threshold, runs: futures, ...weighting, cases, baseRate, found: false, coverage: 1, density: baseRate, support: 1, rules: [], sentence: why, ...(check ? { check } : {}) });
  const count = (x: number) => Math.round(x).toLocaleString('en-US');
  const theFutures = weighted ? `${count(futures)} futures weighted by the observations (an effective ${count(ess)})` : `${count(futures)} futures`;
  // Every future (but a few) has the same outcome: the quarter that reach least are described instead.
  const fate = metCount > N / 2 ? (few === 0 ? 'meets' : 'meet') : few === 0 ? 'misses' : 'miss';
  // Weighted, a count of futures is effective: said against the effective total, not the
  // futures simulated (an effective 3 of 1,000 would read as 0.3 % when it is 3 of 12).
  const ofTheEffective = `of an effective ${count(ess)} futures (the ${count(futures)} weighted by the observations)`;
  const allBut = weighted ? `All but an effective ${effectiveCount(effective(few))} ${ofTheEffective}` : `All but ${few} of the ${theFutures}`;
  // A single future (weighted: the only one the observations leave) is not 'every one of the 1 futures'.
  const everyOne = futures === 1 ? `The one future${weighted ? ' weighted by the observations' : ''}` : `Every one of the ${theFutures}`;
  const sameFate = `${few === 0 ? everyOne : allBut} ${fate} “${label}”`;
  const quarterLead = lowest
    ? `${sameFate}, so what is described is the quarter of the futures that reach least by its deadline (${reached(lowest.threshold)}${Math.round((100 * lowest.cases) / N) === 25 ? '' : `: ${pctText(lowest.cases / N)} of the futures, ties included`}). `
    : '';
  if (!lowest && effective(casesW) < DISCOVERY.minCases) {
    return none(casesW === 0
      ? `${sameFate}: there is nothing to tell apart.`
      : `Only ${weighted ? `an effective ${effectiveCount(effective(casesW))} ${ofTheEffective}` : `${casesW} of ${count(futures)} futures`} ${verb} “${label}”: too few to find a pattern.`);
  }
  // Only inputs that vary between the futures there (of weight above 0) can tell them apart.
  const varies = (c: Float64Array) => {
    let first = -1;
    for (let i = 0; i < c.length; i++) if (w[i] > 0) { if (first < 0) first = i; else if (c[i] !== c[first]) return true; }
    return false;
  };
  const used = columns.map((c, j) => ({ c, j })).filter(({ c }) => varies(c));
  const X = used.map((u) => u.c);
  // Found among half the futures, counted among the other half (splitHalves says why).
  const halves = splitHalves(w);
  const findAmong = halves.find, checkAmong = halves.check;
  const trajectory = primPeel(X, y, { alpha: DISCOVERY.alpha, minSupport: DISCOVERY.minSupport, weights: findAmong });
  /**
   * A box's density against a half's base rate, with its 95 % interval resting on the futures
   * of that half inside it (weighted: their effective number, so a box held up by one heavy
   * future does not stand out).
   */
  const judge = (box: Box, half: Float64Array) => {
    const stats = boxStats(X, y, box, half);
    const base = rateOf(y, half);
    const inside = boxEffectiveSize(X, box, half);
    const ci95 = wilson(stats.density * inside, inside);
    return { stats, base, ci95, stands: restricted(box).length > 0 && stats.density >= base + DISCOVERY.minLift && ci95[0] > base };
  };
  // The densest box covering half the futures described, among the finding half; if it
  // does not stand out there, one covering fewer.
  let box: Box | null = null;
  for (const coverage of DISCOVERY.minCoverage) {
    const chosen = selectBox(trajectory, coverage);
    const pasted = primPaste(X, y, chosen.box, { alpha: DISCOVERY.alpha, weights: findAmong });
    const simple = simplifyBox(X, y, pasted.box, { tolerance: DISCOVERY.tolerance, maxInputs: DISCOVERY.maxInputs, weights: findAmong });
    if (judge(simple.box, findAmong).stands) { box = simple.box; break; }
  }
  const spread = lowest
    ? `${quarterLead}No combination of drawn inputs stands out among them: they are spread across the inputs' ranges.`
    : `No combination of drawn inputs stands out among the futures that ${verb} “${label}” (${pctText(baseRate)} of all futures): they are spread across the inputs' ranges.`;
  if (!box) return none(spread);
  const rulesOf = (b: Box) => restricted(b).map((k) => {
    const [path, name] = keys[used[k].j];
    return describeRule(path, name, b.lo[k] > -Infinity ? b.lo[k] : null, b.hi[k] < Infinity ? b.hi[k] : null);
  });
  // Checked on the other half, which played no part in finding it: the ranges that add
  // nothing there are dropped, and what is left must stand out there; its figures are those.
  const kept = pruneBox(X, y, box, checkAmong);
  const checked = judge(kept, checkAmong);
  const checkFutures = checkAmong.reduce((n, x) => n + (x > 0 ? 1 : 0), 0);
  const check: DiscoveryCheck = {
    futures: checkFutures,
    ...(weighted ? { effectiveRuns: effectiveSampleSize(checkAmong) } : {}),
    baseRate: checked.base,
    densityCi95: checked.ci95,
    held: checked.stands,
  };
  if (!checked.stands) {
    const found = and(rulesOf(box).map((r) => r.text));
    return none(`${spread} (What stood out among half of them — ${found} — did not hold among the other half: it may be chance alone.)`, check);
  }
  const rules = rulesOf(kept);
  const joined = and(rules.map((r) => r.text));
  const holds = rules.length > 1 ? 'all of that holds' : 'that holds';
  const { coverage, density, support } = checked.stats;
  const againstHalf = `against ${pctText(checked.base)} of all futures. (Found among half the futures, counted among the other half.)`;
  const sentence = lowest
    ? `${quarterLead}In ${pctText(coverage)} of them, ${joined}; ${pctText(density)} of the futures where ${holds} are among them, ${againstHalf}`
    : `${outcome === 'met' ? `Most futures miss “${label}” (${pctText(1 - baseRate)}). ` : ''}In ${pctText(coverage)} of the futures that ${verb} “${label}”, ${joined}; ${pctText(density)} of the futures where ${holds} ${verb} it, ${againstHalf}`;
  return { target, label, outcome, ...threshold, runs: futures, ...weighting, cases, baseRate, found: true, coverage, density, support, rules, sentence, check };
}

/**
 * An effective number of futures in words: whole from 0.5 on, else its first significant
 * digit, so a future that weighs little is not said to be none ("an effective 0").
 *
 * @example effectiveCount(2.6)   // '3';  effectiveCount(0.0123)   // '0.01'
 */
function effectiveCount(x: number): string {
  if (x >= 0.5) return Math.round(x).toLocaleString('en-US');
  return x >= 0.001 ? String(Number(x.toPrecision(1))) : 'under 0.001';
}

/**
 * The futures at or below the first quartile of `values` (a quarter, or more where values
 * tie at it): null when the values do not vary, or every future would be among them. With
 * weights `w`, the quartile of the futures each repeated by its weight, and `cases` is the
 * weight at or below it.
 *
 * @example lowestQuarter(Float64Array.of(0.5, 0.1, 0.4, 0.2))   // { threshold: 0.1, cases: 1, y: [0, 1, 0, 0] }
 */
export function lowestQuarter(values: Float64Array, w: Float64Array = unitWeights(values.length)): { threshold: number; cases: number; y: Uint8Array } | null {
  let n = 0;
  for (let i = 0; i < values.length; i++) n += w[i];
  if (n === 0) return null;
  // The value at position ⌊(n - 1) / 4⌋ of the futures sorted, each repeated by its weight.
  const order = Int32Array.from({ length: values.length }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const at = Math.floor(0.25 * (n - 1));
  let threshold = NaN;
  for (let k = 0, before = 0; k < order.length; k++) {
    before += w[order[k]];
    if (before > at) { threshold = values[order[k]]; break; }
  }
  const y = Uint8Array.from(values, (v) => (v <= threshold ? 1 : 0));
  let cases = 0;
  for (let i = 0; i < values.length; i++) cases += w[i] * y[i];
  return cases === n ? null : { threshold, cases, y };
}

/** The share of the weight `w` whose future has y = 1. */
function rateOf(y: Uint8Array, w: Float64Array): number {
  let all = 0, cases = 0;
  for (let i = 0; i < y.length; i++) { all += w[i]; cases += w[i] * y[i]; }
  return all > 0 ? cases / all : 0;
}

/** Words joined as a list: 'a', 'a and b', 'a, b and c'. */
function and(texts: readonly string[]): string {
  return texts.length > 1 ? `${texts.slice(0, -1).join(', ')} and ${texts[texts.length - 1]}` : texts[0] ?? '';
}
