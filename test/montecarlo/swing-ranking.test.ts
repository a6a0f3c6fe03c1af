import { describe, it, expect } from 'vitest';
import { loadScenario } from '../../src/scenario/index.js';
import { sensitivity } from '../../src/montecarlo/index.js';
import { rankedSwings, rankingMeasure, sortedSwings } from '../../src/montecarlo/swing-ranking.js';
import type { SensitivityResult, Swing } from '../../src/montecarlo/analysis-result.js';
import { sensitivityJson } from '../../src/report/index.js';

const outcome = (share: number) => ({ probability: 0, dateReachedP50: null, valueAtDeadlineMean: share });
/** An input whose low and high leave every target's chance at 0 and its share at `lo` and `hi` (one pair per target). */
const swing = (label: string, ...ends: [number, number][]): Swing => ({
  input: label.toLowerCase(), label, how: 'P10 / P90', low: 1, high: 2,
  targets: ends.map(([lo, hi], k) => ({ id: `t${k}`, low: outcome(lo), high: outcome(hi), swing: 0, shareSwing: Math.abs(hi - lo) })),
});
const result = (targets: number, swings: Swing[]): SensitivityResult => ({
  scenario: { name: 'x', file: 'x.yaml', sha256: '0'.repeat(64) }, seed: 1, runs: 10, version: '0',
  base: Array.from({ length: targets }, (_, k) => ({ id: `t${k}`, label: `T${k}`, metric: 'fibre-share' as const, probability: 0, dateReachedP50: null, valueAtDeadlineMean: 0.5 })),
  swings, correlations: [],
});

describe('one ranking of the swings for the result, sensitivity.json, the terminal and the page', () => {
  // Every chance is 0 (as on the shipped baseline), the shares differ; the file order is the smallest first.
  const pinnedAtZero = result(1, [swing('Small', [0.5, 0.51]), swing('Middle', [0.45, 0.55]), swing('Large', [0.3, 0.7])]);

  it('ranks by the share where every chance is pinned at 0, as the terminal and the page do', () => {
    expect(rankingMeasure(pinnedAtZero, 't0')).toBe('share');
    expect(rankedSwings(pinnedAtZero).map((w) => w.label)).toEqual(['Large', 'Middle', 'Small']);
    expect(rankedSwings(pinnedAtZero)).toEqual(sortedSwings(pinnedAtZero, 't0', 'share').map(({ w }) => w));
  });

  it('puts an input that tops any target before one that tops none', () => {
    // 'Second' is second for both targets; 'Only B' moves only the second target, most.
    const two = result(2, [swing('Second', [0.4, 0.6], [0.4, 0.6]), swing('Only B', [0.5, 0.5], [0.2, 0.8]), swing('Only A', [0.1, 0.9], [0.5, 0.5])]);
    expect(rankedSwings(two).map((w) => w.label)).toEqual(['Only A', 'Only B', 'Second']);
  });

  it('is what sensitivity() returns, and so sensitivity.json\'s order: a target no setting can meet is ranked by the share', async () => {
    const base = loadScenario('test/fixtures/known/three-regions.yaml');
    base.input.targets[0].threshold = 1; // every village by 1 March 2026: never met
    const s = await sensitivity(base, { runs: 10, seed: 1, workers: 0 });
    expect(rankingMeasure(s, 'ninety')).toBe('share');
    expect(s.swings.length).toBeGreaterThan(2);
    expect(s.swings).toEqual(sortedSwings(s, 'ninety', 'share').map(({ w }) => w));
    expect(new Set(s.swings.map((w) => w.targets[0].shareSwing)).size).toBeGreaterThan(1);
    expect(JSON.parse(sensitivityJson(s)).swings.map((w: { input: string }) => w.input)).toEqual(s.swings.map((w) => w.input));
  }, 60_000);
});
