import type { ComparisonResult, Estimate, PairedDifference } from '../montecarlo/analysis-result.js';
import { sig } from './format.js';
import { setAsideJson } from './conditioning-json.js';

const interval = (ci: readonly [number, number]): [number, number] => [sig(ci[0]), sig(ci[1])];

/** A paired difference in comparison.json's key order (the joint one has no value at the deadline). */
function difference(d: PairedDifference, withValue: boolean) {
  return {
    option: d.option,
    probability: sig(d.probability.value),
    ci95: interval(d.probability.ci95),
    independentCi95: interval(d.independentCi95),
    gained: d.gained,
    lost: d.lost,
    ...(withValue ? { valueAtDeadline: { mean: sig(d.valueAtDeadline.value), ci95: interval(d.valueAtDeadline.ci95) } } : {}),
    ...(d.effectiveRuns !== undefined ? { effectiveRuns: sig(d.effectiveRuns) } : {}),
  };
}

const estimate = (e: Estimate) => ({ probability: sig(e.value), ci95: interval(e.ci95) });

/**
 * comparison.json text: the reference option, seed, runs, version, the options' identities,
 * (conditioned on observations: what each option's weighting rests on, each option's prior
 * chance beside its conditioned one, and each difference's effective number of futures),
 * per target each option's answer and each option's paired difference against the reference,
 * the same for all targets jointly, and the money: each option's total cost quantiles and
 * joint cost–schedule confidence level, and its paired difference in mean cost. Keys in a fixed order whatever order the object was
 * built in, non-integer numbers rounded to 6 significant digits, 2-space indent, trailing
 * newline, no timestamps: the same comparison gives the same bytes.
 */
export function comparisonJson(c: ComparisonResult): string {
  const ordered = {
    reference: c.options[0]?.identity.name ?? null,
    seed: c.seed,
    runs: c.runs,
    version: c.version,
    options: c.options.map((o) => ({ name: o.identity.name, file: o.identity.file, sha256: o.identity.sha256 })),
    // A conditioned comparison: on what, and what each option's weighting rests on (its warnings in full).
    ...(c.conditioned ? {
      conditioning: {
        observed: c.conditioned.file,
        method: 'importance-weighting',
        options: c.options.map((o, i) => {
          const k = o.result.summary.conditioning!;
          return {
            name: o.identity.name, observations: k.observations.length, effectiveSampleSize: sig(k.effectiveSampleSize),
            replicationsWeighted: k.replicationsWeighted, weighsLikeReference: c.conditioned!.perOption[i].weighsLikeReference,
            weightMoved: sig(c.conditioned!.perOption[i].weightMoved),
            warnings: k.warnings.map((w) => ({ kind: w.kind, message: w.message })),
            // Those dated before the option's start (as summary.json lists them), only when there are some.
            ...setAsideJson(k.setAside),
          };
        }),
      },
    } : {}),
    targets: c.targets.map((t) => ({
      id: t.id,
      label: t.label,
      metric: t.metric,
      threshold: sig(t.threshold),
      deadline: t.deadline,
      options: t.perOption.map((p) => ({
        name: p.option,
        ...estimate(p.probability),
        valueAtDeadline: { p10: sig(p.valueAtDeadline.p10), p50: sig(p.valueAtDeadline.p50), p90: sig(p.valueAtDeadline.p90) },
        dateReachedP50: p.dateReachedP50 ?? null,
        ...(p.prior ? { prior: estimate(p.prior) } : {}),
      })),
      differences: t.differences.map((d) => difference(d, true)),
      ...(t.alternatives ? {
        alternatives: t.alternatives.map((a) => ({
          id: a.id,
          label: a.label,
          options: a.perOption.map((p) => ({ name: p.option, ...estimate(p.probability), valueAtDeadline: { p10: sig(p.valueAtDeadline.p10), p50: sig(p.valueAtDeadline.p50), p90: sig(p.valueAtDeadline.p90) } })),
          differences: a.differences.map((d) => difference(d, true)),
        })),
      } : {}),
    })),
    // Targets only some options have: named (they are in no difference, nor in the joint row).
    ...(c.notCompared.length > 0 ? { notCompared: c.notCompared.map((t) => ({ id: t.id, options: t.options })) } : {}),
    joint: {
      options: c.joint.perOption.map((p) => ({ name: p.option, ...estimate(p.probability), ...(p.prior ? { prior: estimate(p.prior) } : {}) })),
      differences: c.joint.differences.map((d) => difference(d, false)),
    },
    ...(c.cost ? {
      cost: {
        currency: c.cost.currency,
        options: c.cost.perOption.map((p) => ({
          name: p.option,
          p10: sig(p.cost.p10), p50: sig(p.cost.p50), p80: sig(p.cost.p80), p90: sig(p.cost.p90), mean: sig(p.cost.mean),
          jointCostSchedule: {
            budget: p.jointCostSchedule.budget === null ? null : sig(p.jointCostSchedule.budget),
            probability: p.jointCostSchedule.probability === null ? null : sig(p.jointCostSchedule.probability),
            ci95: p.jointCostSchedule.ci95 ? interval(p.jointCostSchedule.ci95) : null,
          },
        })),
        differences: c.cost.differences.map((d) => ({ option: d.option, meanCost: sig(d.meanCost.value), ci95: interval(d.meanCost.ci95) })),
      },
    } : {}),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
