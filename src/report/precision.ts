import type { RunResult } from '../montecarlo/result.js';
import { int, num } from './format.js';

/** A half-width (a share) in percentage points: '1 percentage point', '0.5 percentage points'. */
export function halfWidthText(h: number): string {
  const v = num(h * 100, 2);
  return `${v} percentage point${v === '1' ? '' : 's'}`;
}

/**
 * How a precision-driven run ended, in one sentence, or null when the run had a fixed
 * number of replications: 'The run stopped at 1,600 replications, when every target’s 95%
 * half-width was at most 1 percentage point.' or that the maximum was reached first.
 */
export function precisionSentence(result: RunResult): string | null {
  const p = result.precision;
  if (!p) return null;
  const h = halfWidthText(p.halfWidth);
  return p.reached
    ? `The run stopped at ${int(result.summary.runs)} replications, when every target’s 95% half-width was at most ${h}.`
    : `The run reached its maximum of ${int(p.maxRuns)} replications before every target’s 95% half-width was at most ${h}; the intervals are wider than asked for.`;
}
