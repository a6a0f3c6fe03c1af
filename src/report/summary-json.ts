import type { PriorAnswer, ReadingDefinition, ReadingSummary, Summary } from '../montecarlo/result.js';
import { conditioningJson } from './conditioning-json.js';
import { sig } from './format.js';

const interval = (ci: readonly [number, number]): [number, number] => [sig(ci[0]), sig(ci[1])];

/** A target's (or the joint) answer before conditioning, in a conditioned run. */
const priorJson = (p: PriorAnswer) => ({
  probability: sig(p.probability),
  ci95: interval(p.ci95),
  ...(p.valueAtDeadline ? { valueAtDeadline: { p10: sig(p.valueAtDeadline.p10), p50: sig(p.valueAtDeadline.p50), p90: sig(p.valueAtDeadline.p90) } } : {}),
});

/** What a reading counts beyond the contract's metric, threshold and deadline: only the fields it has. */
const beyond = (t: ReadingDefinition) => ({
  ...(t.services ? { services: t.services } : {}),
  ...(t.denominator !== undefined ? { denominator: t.denominator } : {}),
});

const values = (v: { p10: number; p50: number; p90: number }) => ({ p10: sig(v.p10), p50: sig(v.p50), p90: sig(v.p90) });

/** One of a target's other readings: the contract's id, label, probability and ci95, then what it reads. */
const readingJson = (a: ReadingSummary) => ({
  id: a.id,
  label: a.label,
  probability: sig(a.probability),
  ci95: interval(a.ci95),
  metric: a.metric,
  ...beyond(a),
  ...(a.regions ? { regions: a.regions } : {}),
  threshold: sig(a.threshold),
  deadline: a.deadline,
  valueAtDeadline: values(a.valueAtDeadline),
  ...(a.prior ? { prior: priorJson(a.prior) } : {}),
});

/**
 * summary.json text: keys in the contract's order whatever order the object was built in
 * (then the money: the total cost's quantiles and the joint cost–schedule confidence level;
 * then, beyond the contract's fields, the settlements delivered per calendar year, and each
 * region: its start and where that count comes from, its fibre ceiling — the share its
 * technology rule allows on fibre — and its shares and gap to that ceiling at the deadlines),
 * non-integer numbers rounded to 6 significant digits, 2-space indent, trailing newline.
 * Same summary in, same bytes out.
 */
export function summaryJson(summary: Summary): string {
  const ordered = {
    scenario: {
      name: summary.scenario.name,
      file: summary.scenario.file,
      sha256: summary.scenario.sha256,
    },
    seed: summary.seed,
    runs: summary.runs,
    version: summary.version,
    targets: summary.targets.map((t) => ({
      id: t.id,
      label: t.label,
      metric: t.metric,
      threshold: sig(t.threshold),
      deadline: t.deadline,
      ...beyond(t),
      probability: sig(t.probability),
      ci95: interval(t.ci95),
      valueAtDeadline: {
        p10: sig(t.valueAtDeadline.p10),
        p50: sig(t.valueAtDeadline.p50),
        p90: sig(t.valueAtDeadline.p90),
      },
      dateReached: {
        p50: t.dateReached.p50 ?? null,
        p80: t.dateReached.p80 ?? null,
        p90: t.dateReached.p90 ?? null,
      },
      ...(t.prior ? { prior: priorJson(t.prior) } : {}),
      ...(t.alternatives ? { alternatives: t.alternatives.map(readingJson) } : {}),
    })),
    joint: {
      probability: sig(summary.joint.probability),
      ci95: interval(summary.joint.ci95),
      ...(summary.joint.prior ? { prior: priorJson(summary.joint.prior) } : {}),
    },
    ...(summary.cost ? {
      cost: {
        currency: summary.cost.currency,
        p10: sig(summary.cost.p10),
        p50: sig(summary.cost.p50),
        p80: sig(summary.cost.p80),
        p90: sig(summary.cost.p90),
        mean: sig(summary.cost.mean),
      },
    } : {}),
    ...(summary.jointCostSchedule ? {
      jointCostSchedule: {
        budget: summary.jointCostSchedule.budget === null ? null : sig(summary.jointCostSchedule.budget),
        probability: summary.jointCostSchedule.probability === null ? null : sig(summary.jointCostSchedule.probability),
        ci95: summary.jointCostSchedule.ci95 ? interval(summary.jointCostSchedule.ci95) : null,
      },
    } : {}),
    ...(summary.conditioning ? { conditioning: conditioningJson(summary.conditioning) } : {}),
    ...(summary.deliveries ? {
      deliveries: summary.deliveries.map((d) => ({ kind: d.kind, year: d.year, from: d.from, to: d.to, p10: d.p10, p50: d.p50, p90: d.p90, mean: sig(d.mean), ...(d.aboveRecord !== undefined ? { aboveRecord: sig(d.aboveRecord) } : {}) })),
    } : {}),
    ...(summary.regions ? {
      regions: summary.regions.map((r) => ({
        id: r.id,
        name: r.name,
        settlements: r.settlements,
        start: { connected: r.start.connected, ...(r.start.basis ? { basis: r.start.basis } : {}) },
        fibreCeiling: { p10: sig(r.fibreCeiling.p10), p50: sig(r.fibreCeiling.p50), p90: sig(r.fibreCeiling.p90), mean: sig(r.fibreCeiling.mean) },
        probabilityCeiling90: sig(r.probabilityCeiling90),
        atDeadlines: r.atDeadlines.map((d) => ({
          deadline: d.deadline,
          fibre: { p10: sig(d.fibre.p10), p50: sig(d.fibre.p50), p90: sig(d.fibre.p90) },
          coverage: { p10: sig(d.coverage.p10), p50: sig(d.coverage.p50), p90: sig(d.coverage.p90) },
          probabilityFibre90: sig(d.probabilityFibre90),
          fibreMean: sig(d.fibreMean),
          gapToCeiling: sig(d.gapToCeiling),
        })),
      })),
    } : {}),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
