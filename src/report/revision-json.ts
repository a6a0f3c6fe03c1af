import type { Estimate, Revision } from '../montecarlo/index.js';
import { sig } from './format.js';

const estimate = (e: Estimate) => ({ value: sig(e.value), ci95: [sig(e.ci95[0]), sig(e.ci95[1])] });
const reading = (a: { probability: number; ci95: [number, number]; valueAtDeadlineP50: number }) => ({
  probability: sig(a.probability), ci95: [sig(a.ci95[0]), sig(a.ci95[1])], valueAtDeadlineP50: sig(a.valueAtDeadlineP50),
});
const answer = (a: { probability: number; ci95: [number, number]; valueAtDeadlineP50: number; dateReachedP50: string | null }) => ({ ...reading(a), dateReachedP50: a.dateReachedP50 });

/**
 * revision.json text (`rollout run --previous`): the previous forecast it is compared with
 * (its effective sample size when conditioned), what differs in how the two were made,
 * whether both used the same seed, when each starts (and whether the previous is the later
 * one: the two swapped), and per target and per reading of it the answer before
 * and after, the change with its 95 % interval and whether it is beyond simulation noise.
 * Keys in a fixed order, numbers to 6 significant digits, no timestamps: the same two runs
 * give the same bytes.
 */
export function revisionJson(r: Revision): string {
  const ordered = {
    previous: {
      file: r.previous.file, scenario: r.previous.scenario, seed: r.previous.seed, runs: r.previous.runs, version: r.previous.version, observations: r.previous.observations,
      effectiveSampleSize: r.previous.effectiveSampleSize === null ? null : sig(r.previous.effectiveSampleSize),
    },
    differs: r.differs,
    sameSeed: r.sameSeed,
    targets: r.targets.map((t) => ({
      id: t.id, label: t.label, metric: t.metric,
      before: answer(t.before), after: answer(t.after),
      change: estimate(t.change), beyondNoise: t.beyondNoise, dateShiftDays: t.dateShiftDays,
      readings: t.readings.map((a) => ({
        id: a.id, label: a.label, metric: a.metric,
        before: reading(a.before), after: reading(a.after), change: estimate(a.change), beyondNoise: a.beyondNoise,
      })),
    })),
    joint: r.joint ? { before: estimate(r.joint.before), after: estimate(r.joint.after), change: estimate(r.joint.change), beyondNoise: r.joint.beyondNoise } : null,
    redefined: r.redefined,
    added: r.added,
    dropped: r.dropped,
    starts: r.starts,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
