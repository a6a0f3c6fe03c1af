import { describe, expect, it } from 'vitest';
import { parsePreviousForecast, reviseForecast, type RunResult, type Summary } from '../../src/montecarlo/index.js';
import { summaryJson } from '../../src/report/index.js';
import { ptsWithInterval } from '../../src/report/format.js';
import { revisionSection } from '../../src/report/html-revision.js';

/** A summary.json with one target at chance `p`. */
function summary(p: number): Summary {
  return {
    scenario: { name: 'kz', file: 'kz.yaml', sha256: 'a'.repeat(64) }, seed: 1, runs: 1000, version: '0.1.0',
    targets: [{ id: 'fibre-2026', label: 'fibre-2026', metric: 'fibre-share', threshold: 0.9, deadline: '2026-12-31', probability: p, ci95: [Math.max(0, p - 0.03), Math.min(1, p + 0.03)], valueAtDeadline: { p10: 0.5, p50: 0.6, p90: 0.7 }, dateReached: { p50: '2027-03-01', p80: null, p90: null } }],
    joint: { probability: p, ci95: [0, 1] },
  };
}
const section = (before: number, after: number) => {
  const revision = reviseForecast(parsePreviousForecast(summaryJson(summary(before)), 'output/2026-09/summary.json'), summary(after));
  return { revision, text: revisionSection({ revision } as RunResult).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ') };
};

describe('“Since the previous forecast” writes changes as the comparison page does', () => {
  it('no change is “0 pts”, not “+0.0 pts”', () => {
    const { text } = section(0.34, 0.34);
    expect(text).toContain(' 0 pts ');
    expect(text).not.toMatch(/[+−]0\.0 pts/);
  });

  it('a change and its interval read as the comparison page’s ptsWithInterval', () => {
    const { revision, text } = section(0.2, 0.34);
    const c = revision.targets[0]!.change;
    const [, value, ci] = /^(\S+ pts) \((.*)\)$/.exec(ptsWithInterval(c.value, c.ci95))!;
    expect(text).toContain(`${value} ${ci}`);
  });

  // The chances were whole percents and the change unrounded: '2% → 0.7%, −0.8 pts' (1.5 % then).
  it('writes small chances to a tenth and the change as the difference of the figures shown', () => {
    const { text } = section(0.015, 0.007);
    expect(text).toContain('1.5%');
    expect(text).toContain('0.7%');
    expect(text).not.toMatch(/ 2% /);
    expect(text).toContain('−0.8 pts');
  });

  // 'Compared with status1/summary.json': the path as given on the command line leads nowhere
  // from the report's folder; the previous forecast is named by what it was.
  it('names the previous forecast by its scenario, futures and seed, not by a path', () => {
    const { text } = section(0.2, 0.34);
    expect(text).toContain('Compared with the previous forecast (the one given to --previous ): scenario kz , 1,000 futures, seed 1, rollout 0.1.0.');
    expect(text).not.toContain('output/2026-09');
  });
});
