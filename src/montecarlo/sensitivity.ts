import { distribution, scaleDistribution, type DistributionSpec } from '../engine/index.js';
import { FACTOR_DECLS, FACTOR_KINDS, TECH_NAMES, compileModel, partSpec, type CompiledModel, type ModelInput } from '../model/index.js';
import { analysisConditioning, fewFuturesWarning, type AnalysisObserved } from './analysis-conditioning.js';
import { observationSds } from './observation-error.js';
import { observedInput, runObserved } from './observed-run.js';
import { partPosteriors } from './part-posterior.js';
import type { SensitivityResult, Swing } from './analysis-result.js';
import type { RunResult, ScenarioIdentity } from './result.js';
import type { RunSettings } from './run-settings.js';
import { runMonteCarlo, usingPool } from './run.js';
import { VERSION } from './version.js';
import { r6 } from './round.js';
import { rankedSwings } from './swing-ranking.js';


export interface SensitivityOptions extends RunSettings {
  runs: number;
  /** Share by which declared levers (crews, budgets) are moved down and up. Default 0.2. */
  leverShare?: number;
  onProgress?: (step: number, steps: number, label: string) => void;
  /**
   * What was observed (`--observed FILE`): every run — the base and each input at its low
   * and high — is conditioned on it as `run --observed` conditions a run, and a national
   * input the observations inform (one the input summary records: the national factors,
   * a contract's crews, a capacity's rate, its tender's and its mobilisation's days) swings
   * between its P10 and P90 given them (the base run's posteriors, as run --observed reports them).
   */
  observed?: AnalysisObserved;
}

/** A way to set one input of a scenario to a value. */
interface Candidate {
  input: string;
  label: string;
  how: string;
  low: number;
  high: number;
  apply: (x: ModelInput, value: number) => void;
}

const fixed = (value: number): DistributionSpec => ({ dist: 'fixed', value });
const isUncertain = (d: DistributionSpec | undefined): d is DistributionSpec => d !== undefined && d.dist !== 'fixed';

/**
 * A national input's (or a factor part's: partPosteriors) P10 and P90 given the
 * observations; 'prior' when the observations weigh every future the same (they leave it as
 * it was: its own P10 and P90, exactly, not a sample's); null when the observations are not
 * tracked for it.
 */
type Posterior = (path: string) => { p10: number; p90: number } | 'prior' | null;

/**
 * The scenario's inputs to swing: national factors to their P10 and P90 (given the
 * observations, where `posterior` knows them); inputs drawn for every settlement scaled by
 * ±leverShare (every draw, so the spread between villages stays); levers (crews, budgets)
 * moved by ±leverShare; risks made impossible or twice as likely.
 */
function candidates(input: ModelInput, share: number, posterior: Posterior | null = null): Candidate[] {
  const out: Candidate[] = [];
  const pct = `−/+${Math.round(share * 100)} %`;
  /** National inputs drawn once per replication: pinned to their P10 and P90. */
  const national = (path: string, label: string, spec: DistributionSpec | undefined, set: (x: ModelInput, v: DistributionSpec) => void) => {
    if (!isUncertain(spec)) return;
    const d = distribution(spec);
    const post = posterior?.(path) ?? null;
    const how = post ? 'P10 / P90 given the observations' : posterior ? 'P10 / P90 (before the observations: not tracked)' : 'P10 / P90';
    const given = post !== null && post !== 'prior' ? post : null;
    out.push({ input: path, label, how, low: given ? given.p10 : d.quantile(0.1), high: given ? given.p90 : d.quantile(0.9), apply: (x, v) => set(x, fixed(v)) });
  };
  /**
   * Inputs drawn for every settlement: pinning thousands of villages to their P10 would be
   * a world with no spread at all, so instead every draw is scaled by (1 -/+ share); the
   * low and high shown are the mean after scaling.
   */
  const each = (path: string, label: string, spec: DistributionSpec | undefined, set: (x: ModelInput, scaled: DistributionSpec, k: number) => void) => {
    if (!spec) return;
    const mean = distribution(spec).mean;
    if (!(mean > 0)) return;
    out.push({ input: path, label, how: `every draw ${pct}`, low: mean * (1 - share), high: mean * (1 + share), apply: (x, v) => set(x, scaleDistribution(spec, v / mean), v / mean) });
  };
  const f = input.fibre;
  each('fibre.design', 'Fibre survey and design time (days)', f.design, (x, v) => (x.fibre.design = v));
  each('fibre.approval', 'Fibre right-of-way approval time (days)', f.approval, (x, v) => (x.fibre.approval = v));
  each(`fibre.kmPerDay.${f.method}`, 'Fibre crew productivity (km/day)', f.kmPerDay[f.method], (x, v) => (x.fibre.kmPerDay[f.method] = v));
  each(`fibre.costPerKm.${f.method}`, 'Fibre cost per km', f.costPerKm[f.method], (x, v) => (x.fibre.costPerKm[f.method] = v));
  each('fibre.nodeCost', 'Fibre node cost per settlement', f.nodeCost, (x, v) => (x.fibre.nodeCost = v));
  each('fibre.commissioning', 'Fibre commissioning time (days)', f.commissioning, (x, v) => (x.fibre.commissioning = v));
  const sat = input.satellite;
  if (sat) {
    each('satellite.procurement', 'Satellite procurement lead time (days)', sat.procurement, (x, v) => (x.satellite!.procurement = v));
    each('satellite.install', 'Satellite installation time (days)', sat.install, (x, v) => (x.satellite!.install = v));
    each('satellite.cost', 'Satellite cost per settlement', sat.cost, (x, v) => (x.satellite!.cost = v));
  }
  const mast = input.mast;
  if (mast) {
    each('mast.siteAllocation', 'Mast site allocation time (days)', mast.siteAllocation, (x, v) => (x.mast!.siteAllocation = v));
    each('mast.permit', 'Mast permit time (days)', mast.permit, (x, v) => (x.mast!.permit = v));
    each('mast.construction', 'Mast construction time (days)', mast.construction, (x, v) => (x.mast!.construction = v));
    each('mast.powerAndBackhaul', 'Mast power and backhaul time (days)', mast.powerAndBackhaul, (x, v) => (x.mast!.powerAndBackhaul = v));
    each('mast.cost', 'Mast cost', mast.cost, (x, v) => (x.mast!.cost = v));
  }
  const fa = input.factors ?? {};
  for (const kind of FACTOR_KINDS) national(`factors.${kind}`, FACTOR_DECLS[kind].label, fa[kind], (x, v) => (x.factors![kind] = v));
  // Delivery capacity: lead times, the rate and a national contract, each pinned to its P10 and P90.
  for (const tech of TECH_NAMES) {
    const c = input.capacity?.[tech];
    if (!c) continue;
    const name = `${tech[0].toUpperCase()}${tech.slice(1)} capacity`;
    national(`capacity.${tech}.tender`, `${name}: tender (days)`, c.tender, (x, v) => (x.capacity![tech]!.tender = v));
    national(`capacity.${tech}.mobilisation`, `${name}: mobilisation (days)`, c.mobilisation, (x, v) => (x.capacity![tech]!.mobilisation = v));
    national(`capacity.${tech}.growthPerMonth`, `${name}: crews added a month`, c.growthPerMonth, (x, v) => (x.capacity![tech]!.growthPerMonth = v));
    if ('dist' in c.contracted && typeof c.contracted.dist === 'string') national(`capacity.${tech}.contracted`, `${name}: crews under contract`, c.contracted as DistributionSpec, (x, v) => (x.capacity![tech]!.contracted = v));
  }
  // Regional and yearly parts: every region's (every year's) part pinned to the part's P10 and P90.
  for (const part of ['regional', 'yearly'] as const) {
    for (const kind of FACTOR_KINDS) {
      const field = part === 'regional' ? 'regionalFactors' : 'yearlyFactors';
      const noun = FACTOR_DECLS[kind].noun;
      national(`${field}.${kind}`, `${part === 'regional' ? 'Regional' : 'Yearly'} ${noun} factor (every ${part === 'regional' ? 'region' : 'year'})`, partSpec(input, part, kind), (x, v) => (x[field]![kind] = v));
    }
  }
  each('settlementDefaults.backboneKm', 'Distance to the backbone (km)', input.settlementDefaults.backboneKm, (x, v, k) => {
    x.settlementDefaults.backboneKm = v;
    x.regions.forEach((r, i) => { const own = input.regions[i].backboneKm; if (own) r.backboneKm = scaleDistribution(own, k); });
  });
  if (input.nationalCrews) each('nationalCrews.travelDays', 'National crews travel time (days)', input.nationalCrews.travelDays, (x, v) => (x.nationalCrews!.travelDays = v));

  // Crews are whole: the national total of a technology's crews at the start moves by
  // `share` rounded, but by at least one crew (20 % of each region's 1 or 2 crews rounds to
  // nothing, and the lever would seem to do nothing), taken from or given to the regions
  // with the most crews first, one at a time; the low and high shown are the totals. Where a
  // contract under `capacity` counts them as its own (it mobilises up to its total less the
  // crews at work at the start), moving them changes when crews come, not how many: the
  // label says so, lest a short bar read as "crews do not matter".
  for (const tech of TECH_NAMES) {
    const counts = input.regions.map((r) => r.crews[tech] ?? 0);
    const base = counts.reduce((a, b) => a + b, 0);
    if (base === 0) continue;
    const step = Math.max(1, Math.round(base * share));
    const order = counts.map((c, r) => ({ c, r })).filter((x) => x.c > 0).sort((a, b) => b.c - a.c || a.r - b.r).map((x) => x.r);
    out.push({
      input: `regions[].crews.${tech}`, label: `${tech[0].toUpperCase()}${tech.slice(1)} crews at the start, national total${input.capacity?.[tech] ? ' (the contract counts them: sooner, not more)' : ''}`, how: `${pct}, at least 1`, low: base - step, high: base + step,
      apply: (x, v) => {
        const by = v < base ? -1 : 1;
        for (let k = 0, moved = 0; moved < step && k < step * order.length; k++) {
          const r = x.regions[order[k % order.length]];
          const c = r.crews[tech] ?? 0;
          if (by < 0 && c === 0) continue;
          r.crews[tech] = c + by;
          moved++;
        }
      },
    });
  }
  for (const p of TECH_NAMES) {
    const b = input.budget[p];
    if (!b || b.unlimited) continue;
    out.push({
      input: `budget.${p}.appropriations`, label: `${p[0].toUpperCase()}${p.slice(1)} budget every year (×)`, how: pct, low: 1 - share, high: 1 + share,
      apply: (x, v) => { const a = x.budget[p]!.appropriations; for (const y of Object.keys(a)) a[y] *= v; },
    });
  }
  // Financing programmes: each limited one's money moved like a budget line; a top-up policy never / always granted.
  for (const p of input.financing ?? []) {
    const mine = (x: ModelInput) => x.financing!.find((q) => q.id === p.id)!;
    if (!p.unlimited) {
      out.push({
        input: `financing.${p.id}.appropriations`, label: `${p.label}: money every year (×)`, how: pct, low: 1 - share, high: 1 + share,
        apply: (x, v) => { const a = mine(x).appropriations; for (const y of Object.keys(a)) a[y] *= v; },
      });
    }
    if (p.topUp) {
      out.push({ input: `financing.${p.id}.topUp.probability`, label: `${p.label}: top-up granted (probability)`, how: 'never / always', low: 0, high: 1, apply: (x, v) => (mine(x).topUp!.probability = v) });
    }
  }
  national('inflation', 'Inflation (per year)', input.inflation, (x, v) => (x.inflation = v));
  for (const risk of input.risks ?? []) {
    if (risk.probability <= 0) continue;
    out.push({
      input: `risks.${risk.id}.probability`, label: `Risk: ${risk.label} (probability)`, how: 'never / twice as likely', low: 0, high: Math.min(1, risk.probability * 2),
      apply: (x, v) => (x.risks!.find((r) => r.id === risk.id)!.probability = v),
    });
  }
  return out;
}

/**
 * Which inputs move each target most:
 *  - one at a time: each uncertain input fixed at its P10 and at its P90 (levers moved by
 *    ±20 %), everything else as in the scenario, with common random numbers so the swing
 *    is the input's effect and not noise;
 *  - globally: Spearman rank correlation, over the base run's replications, between what
 *    each replication drew (national factors, risk occurrences, mean per-job draws) and
 *    each target's outcome (the share at the deadline).
 */
export async function sensitivity(base: { input: ModelInput; identity: ScenarioIdentity }, o: SensitivityOptions): Promise<SensitivityResult> {
  const share = o.leverShare ?? 0.2;
  const steps = 1 + 2 * candidates(base.input, share).length;
  const observations = o.observed?.observations ?? [];
  const obs = { observed: observations, scored: [] };
  const conditioned = observations.length > 0;
  let step = 0;
  return usingPool(o, async (pool) => {
    const run = (input: ModelInput, label: string, compiled?: CompiledModel): Promise<RunResult> => {
      o.onProgress?.(++step, steps, label);
      // Every replication of the base run feeds its rank correlations (`drivers`): weighted, when conditioned.
      const mc = { runs: o.runs, seed: o.seed, pool, workers: pool ? undefined : 0, signal: o.signal, check: o.check, driverSample: o.runs, compiled };
      return conditioned ? runObserved(observedInput(input, obs), base.identity, mc, obs) : runMonteCarlo(input, base.identity, mc);
    };
    // Conditioned: the base scenario with the observations, compiled once (the observations' errors below, and the base run).
    const baseModel = conditioned ? compileModel(observedInput(base.input, obs)) : undefined;
    const baseResult = await run(base.input, 'base', baseModel);
    // The base run's posteriors of the national factors and the delivery capacity (what
    // run --observed reports of them), and of the factors' regional and yearly parts
    // (drawn again from the seed), give those inputs' P10 and P90 given the observations.
    const cond = baseResult.conditioning;
    const informative = cond !== undefined && cond.weights.some((x) => x !== cond.weights[0]);
    const posteriors = new Map<string, { p10: number; p90: number }>(cond ? [
      ...cond.factors.map((f) => [`factors.${f.key}`, f.posterior] as const),
      ...cond.capacity.map((p) => [p.key, p.posterior] as const),
      ...(baseModel ? partPosteriors(baseModel, o.seed, cond.weights) : []),
    ] : []);
    const posterior: Posterior | null = cond ? (path) => {
      const post = posteriors.get(path);
      if (!post) return null;
      return informative ? { p10: post.p10, p90: post.p90 } : 'prior';
    } : null;
    const cands = candidates(base.input, share, posterior);
    const meanValue = (r: RunResult, id: string) => r6(deadlineMean(r, r.summary.targets.findIndex((t) => t.id === id)));
    const swings: Swing[] = [];
    for (const c of cands) {
      const variant = (v: number) => { const x = structuredClone(base.input); c.apply(x, v); return x; };
      const lo = await run(variant(c.low), `${c.label}: low`);
      const hi = await run(variant(c.high), `${c.label}: high`);
      const effective = (r: RunResult) => r.summary.conditioning?.effectiveSampleSize ?? o.runs;
      swings.push({
        input: c.input, label: c.label, how: c.how, low: r6(c.low), high: r6(c.high),
        ...(conditioned ? { effectiveRuns: { low: r6(effective(lo)), high: r6(effective(hi)) } } : {}),
        targets: baseResult.summary.targets.map((t, k) => {
          const l = lo.summary.targets[k], h = hi.summary.targets[k];
          return {
            id: t.id,
            low: { probability: l.probability, dateReachedP50: l.dateReached.p50, valueAtDeadlineMean: meanValue(lo, t.id) },
            high: { probability: h.probability, dateReachedP50: h.dateReached.p50, valueAtDeadlineMean: meanValue(hi, t.id) },
            swing: r6(Math.abs(h.probability - l.probability)),
            shareSwing: r6(Math.abs(meanValue(hi, t.id) - meanValue(lo, t.id))),
          };
        }),
      });
    }
    const result: SensitivityResult = {
      scenario: base.identity, seed: o.seed, runs: o.runs, version: VERSION,
      base: baseResult.summary.targets.map((t, k) => ({ id: t.id, label: t.label, metric: t.metric, probability: t.probability, dateReachedP50: t.dateReached.p50, valueAtDeadlineMean: r6(deadlineMean(baseResult, k)) })),
      swings,
      correlations: baseResult.drivers?.correlations ?? [],
    };
    if (o.observed) {
      // As goal and allocate state it: what the observations did to the base run, and a warning when some input's setting leaves few futures.
      const c = baseResult.conditioning;
      const seen = c && baseModel ? { values: c.simulated, sds: observationSds(baseModel, observations) } : null;
      const conditioning = analysisConditioning(o.observed, o.runs, seen, SENSITIVITY_WEIGHING);
      if (conditioned) {
        // Only settings that keep less than half the base run's effective futures: the base's own is judged above.
        const baseEss = conditioning.summary.effectiveSampleSize;
        const settings = swings.flatMap((x) => [
          { label: `${x.label} at ${x.low}`, effectiveRuns: x.effectiveRuns!.low, runs: o.runs, answer: false },
          { label: `${x.label} at ${x.high}`, effectiveRuns: x.effectiveRuns!.high, runs: o.runs, answer: false },
        ]).filter((x) => x.effectiveRuns < baseEss / 2);
        const thin = fewFuturesWarning([{ label: 'base', effectiveRuns: baseEss, runs: o.runs, answer: true }, ...settings], {
          what: 'of the inputs', kind: 'setting', besides: 'that keep less than half the base run\'s effective futures,', decisions: 'the swings there rest on them',
          cause: 'with the input set there the model would have built something else by the observations\' dates than what was seen',
          remedy: 'Read those swings as "were the input there, which what was seen makes unlikely"; the inputs the observations inform already swing between their P10 and P90 given them.',
        });
        if (thin) conditioning.summary.warnings.push(thin);
      }
      result.conditioning = conditioning;
    }
    // Largest first as the terminal and the page rank them: by the share where a target's chance is pinned at 0 or 1.
    return { ...result, swings: rankedSwings(result) };
  });
}

/** How sensitivity weighs its runs, for sensitivity.json's "conditioning". */
const SENSITIVITY_WEIGHING = 'the base run and every run with an input at its low or high is conditioned on the observations as `rollout run --observed` conditions a run (replication i weighs w_i = round(S · L_i / max L) within that run), so every chance, date and share is the weighted one and the rank correlations are weighted by the base run\'s weights; '
  + 'a national input the run records (the national factors, a contract\'s crews, a capacity\'s rate) swings between its P10 and P90 given the observations (weighted quantiles of what the base run drew), and so does a regional or yearly part of a factor (every region\'s, or year\'s, part in every replication of the base run, drawn again from its seed and pooled: the value a region\'s part takes given what was seen); the others as before the observations. The observations below are the base run\'s.';

/** Mean share of target k's metric at its deadline. */
function deadlineMean(r: RunResult, k: number): number {
  return r.valueAtDeadlineMean[k] ?? 0;
}
