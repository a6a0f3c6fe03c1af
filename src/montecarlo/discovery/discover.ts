import type { DiscoveryBox } from '../analysis-result.js';
import { boxEffectiveSize, restricted, unitWeights } from './box.js';
import { effectiveSampleSize } from '../effective-sample-size.js';
import { describeRule } from './describe-rule.js';
import { primPaste } from './prim-paste.js';
import { primPeel } from './prim-peel.js';
import { selectBox } from './select-box.js';
import { simplifyBox } from './simplify-box.js';
import { wilson } from '../wilson.js';
import type { TrajectoryBox } from './prim-peel.js';

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
  /** A box is reported when its density beats the base rate by at least this (absolute) and the lower end of its 95 % Wilson interval is above the base rate. */
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
 * where missing or meeting tells nothing apart). PRIM peels (alpha 0.05, down to
 * 5 % of the futures), the densest box still covering half of the described futures is
 * pasted and simplified to at most three conditions, and reported as a rule in words with
 * its coverage and density — when it beats the base rate by at least 5 points and the
 * lower end of its density's 95 % interval is above the base rate; otherwise boxes covering
 * 35 % and then 20 % are tried, and when none stands out the answer says so. `reached`
 * words the quarter's bound (a share by default; a count target's caller gives settlements).
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
  const none = (why: string): DiscoveryBox => ({ target, label, outcome, ...threshold, runs: futures, ...weighting, cases, baseRate, found: false, coverage: 1, density: baseRate, support: 1, rules: [], sentence: why });
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
  const weights = o.weights;
  const trajectory = primPeel(X, y, { alpha: DISCOVERY.alpha, minSupport: DISCOVERY.minSupport, weights });
  // The densest box covering half the futures described; if it does not stand out, one
  // covering fewer. Its density's interval rests on the futures inside it (weighted: their
  // effective number, so a box held up by one heavy future does not stand out).
  const interval = (b: TrajectoryBox) => {
    if (!weighted) return wilson(b.cases, b.n);
    const inside = boxEffectiveSize(X, b.box, w);
    return wilson(b.density * inside, inside);
  };
  const stands = (b: TrajectoryBox) => restricted(b.box).length > 0 && b.density >= baseRate + DISCOVERY.minLift && interval(b)[0] > baseRate;
  let box: TrajectoryBox | null = null;
  for (const coverage of DISCOVERY.minCoverage) {
    const chosen = selectBox(trajectory, coverage);
    const pasted = primPaste(X, y, chosen.box, { alpha: DISCOVERY.alpha, weights });
    const simple = simplifyBox(X, y, pasted.box, { tolerance: DISCOVERY.tolerance, maxInputs: DISCOVERY.maxInputs, weights });
    if (stands(simple)) { box = simple; break; }
  }
  if (!box) {
    return none(lowest
      ? `${quarterLead}No combination of drawn inputs stands out among them: they are spread across the inputs' ranges.`
      : `No combination of drawn inputs stands out among the futures that ${verb} “${label}” (${pctText(baseRate)} of all futures): they are spread across the inputs' ranges.`);
  }
  const inputs = restricted(box.box);
  const rules = inputs.map((k) => {
    const [path, name] = keys[used[k].j];
    const lo = box.box.lo[k] > -Infinity ? box.box.lo[k] : null;
    const hi = box.box.hi[k] < Infinity ? box.box.hi[k] : null;
    return describeRule(path, name, lo, hi);
  });
  const texts = rules.map((r) => r.text);
  const joined = texts.length > 1 ? `${texts.slice(0, -1).join(', ')} and ${texts[texts.length - 1]}` : texts[0];
  const holds = rules.length > 1 ? 'all of that holds' : 'that holds';
  const sentence = lowest
    ? `${quarterLead}In ${pctText(box.coverage)} of them, ${joined}; ${pctText(box.density)} of the futures where ${holds} are among them, against ${pctText(baseRate)} of all futures.`
    : `${outcome === 'met' ? `Most futures miss “${label}” (${pctText(1 - baseRate)}). ` : ''}In ${pctText(box.coverage)} of the futures that ${verb} “${label}”, ${joined}; ${pctText(box.density)} of the futures where ${holds} ${verb} it, against ${pctText(baseRate)} of all futures.`;
  return { target, label, outcome, ...threshold, runs: futures, ...weighting, cases, baseRate, found: true, coverage: box.coverage, density: box.density, support: box.support, rules, sentence };
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
