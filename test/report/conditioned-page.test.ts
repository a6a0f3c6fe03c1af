import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/montecarlo/result.js';
import { reportHtml } from '../../src/report/index.js';
import { makeRunResult } from '../fixtures/run-result.js';

/**
 * A conditioned run as the status example with one observation in it: 178 futures carry weight,
 * but what goes wrong together, which rounds the weights to thousandths of the heaviest,
 * describes the 165 at least 1/2,000 as likely as the likeliest; the run drew no convergence.
 */
function conditioned(): RunResult {
  const r = makeRunResult({ runs: 200 });
  for (const t of r.summary.targets) t.prior = { probability: t.probability, ci95: t.ci95 };
  r.summary.joint.prior = { probability: r.summary.joint.probability, ci95: r.summary.joint.ci95 };
  const t = r.summary.targets[0]!;
  r.drivers = {
    ...(r.drivers ?? { runs: 200 }),
    runs: 200,
    effectiveRuns: 109.4,
    discovery: [{ target: t.id, label: t.label, outcome: 'missed', runs: 165, effectiveRuns: 109.4, cases: 80, baseRate: 0.75, found: false, coverage: 1, density: 0.75, support: 1, rules: [], sentence: 'Every one of the 165 futures weighted by the observations (an effective 109) misses it.' }],
  } as RunResult['drivers'];
  r.summary.conditioning = {
    method: 'importance-weighting', errorModel: 'gaussian', description: '',
    observations: [{ date: '2026-10-31', region: null, metric: 'fibre-count', value: 2900, sd: 58, sdFrom: 'default', prior: { min: 2700, p5: 2750, p50: 2850, p95: 3000, max: 3100 }, conditioned: { p5: 2820, p50: 2890, p95: 2960 }, tailProbability: 0.3, conflict: false }],
    effectiveSampleSize: 113.2, replicationsWeighted: 178, warnings: [], setAside: [],
  } as never;
  r.convergence = [];
  return r;
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('a conditioned report', () => {
  // “Every one of the 165 futures weighted by the observations” beside “(178 carry any weight)”, unexplained.
  it('says which futures what goes wrong together counts, where it counts fewer than carry weight', () => {
    const page = text(reportHtml(conditioned(), []));
    expect(page).toContain('Of the 178 futures that carry any weight, the 165 at least 1/2,000 as likely as the likeliest are the “futures weighted by the observations” below');
    expect(page).toContain('the 13 fainter ones count for nothing here');
    expect(page).toContain('(178 carry any weight; What goes wrong together counts the 165 at least 1/2,000 as likely as the likeliest)');
  });

  it('says nothing of the kind when every future with weight is described', () => {
    const r = conditioned();
    r.drivers!.discovery[0]!.runs = 178;
    const page = text(reportHtml(r, []));
    expect(page).toContain('(178 carry any weight)');
    expect(page).not.toContain('1/2,000');
  });

  // The convergence chart was dropped from the conditioned page with no word.
  it('says in one line why it has no convergence chart', () => {
    expect(text(reportHtml(conditioned(), []))).toContain('No convergence chart: the futures are weighted by the observations only once all of them are simulated');
    expect(reportHtml(makeRunResult({ runs: 200 }), [])).not.toContain('No convergence chart');
  });
});
