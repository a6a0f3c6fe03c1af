import { describe, it, expect } from 'vitest';
import { scoreForecast, type RunResult, type Summary } from '../../src/montecarlo/index.js';
import { scoresJson } from '../../src/report/index.js';
import { scoresSection } from '../../src/report/html-observed.js';
import { observedLines } from '../../src/cli/observed-args.js';

const summary = { scenario: { name: 'from-status', file: 'from.yaml', sha256: 'a'.repeat(64) }, seed: 1, runs: 10, version: '0.1.0', targets: [], joint: { probability: 0, ci95: [0, 1] } } as unknown as Summary;
/** The end-2025 row of the shipped observations, set aside by a run from the status of that date. */
const setAside = [{ date: '2025-12-31', region: null, metric: 'fibre-count' as const, value: 2606, origin: 'observed.csv:10' }];

describe('a back-test with nothing to score (every observation set aside: a run from a status dated after them)', () => {
  it('has no mean PIT (null, not 0: a PIT of 0 is every observation below every future), and says it scored nothing', () => {
    const scores = { ...scoreForecast([], new Float64Array(0), 10), setAside };
    expect(scores.summary).toMatchObject({ observations: 0, outsideP5P95: 0, meanPit: null, meanCrps: [] });
    expect(JSON.parse(scoresJson(summary, scores)).summary.meanPit).toBeNull();
    const result = { summary, scores, input: { start: '2026-01-01' } } as unknown as RunResult;
    const lines = observedLines(result, 'output/x');
    expect(lines[1]).toBe('Not scored: no observation of the --score file falls within the run, so there is nothing to back-test the forecast against (add the counts published since its start). Scores: output/x/scores.json');
    expect(lines.join('\n')).not.toMatch(/mean PIT/);
    expect(lines[2]).toMatch(/^ {2}Left out of the --score file: 1 observation dated before the run's start \(2026-01-01;/);
    const html = scoresSection(result);
    expect(html).toContain('Not scored: no observation of the scored file falls within the run');
    expect(html).not.toContain('<table>');
  });

  it('a mean PIT over what was scored, as before', () => {
    const scores = scoreForecast([{ date: '2026-10-31', metric: 'fibre-count', value: 5 }], Float64Array.from([1, 2, 3, 4, 6, 7, 8, 9, 10, 11]), 10);
    expect(scores.summary.meanPit).toBe(0.4);
  });
});
