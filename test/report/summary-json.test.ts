import { describe, expect, it } from 'vitest';
import type { Summary } from '../../src/montecarlo/result.js';
import { summaryJson } from '../../src/report/index.js';
import { makeRunResult } from '../fixtures/run-result.js';

const CONTRACT_ORDER = {
  top: ['scenario', 'seed', 'runs', 'version', 'targets', 'joint'],
  scenario: ['name', 'file', 'sha256'],
  target: ['id', 'label', 'metric', 'threshold', 'deadline', 'probability', 'ci95', 'valueAtDeadline', 'dateReached'],
  valueAtDeadline: ['p10', 'p50', 'p90'],
  dateReached: ['p50', 'p80', 'p90'],
  joint: ['probability', 'ci95'],
};

/** The same summary with every object's keys in reverse order. */
function scrambled(s: Summary): Summary {
  const rev = (o: unknown): unknown => {
    if (Array.isArray(o)) return o.map(rev);
    if (o && typeof o === 'object') return Object.fromEntries(Object.entries(o).reverse().map(([k, v]) => [k, rev(v)]));
    return o;
  };
  return rev(s) as Summary;
}

describe('summaryJson', () => {
  const summary = makeRunResult().summary;

  it('writes the keys in the contract order', () => {
    const parsed = JSON.parse(summaryJson(scrambled(summary)));
    expect(Object.keys(parsed)).toEqual(CONTRACT_ORDER.top);
    expect(Object.keys(parsed.scenario)).toEqual(CONTRACT_ORDER.scenario);
    expect(parsed.targets).toHaveLength(2);
    for (const t of parsed.targets) {
      expect(Object.keys(t)).toEqual(CONTRACT_ORDER.target);
      expect(Object.keys(t.valueAtDeadline)).toEqual(CONTRACT_ORDER.valueAtDeadline);
      expect(Object.keys(t.dateReached)).toEqual(CONTRACT_ORDER.dateReached);
      expect(t.ci95).toHaveLength(2);
    }
    expect(Object.keys(parsed.joint)).toEqual(CONTRACT_ORDER.joint);
  });

  it('is byte-stable: same summary, same bytes, whatever the key order or float noise', () => {
    const a = summaryJson(summary);
    const b = summaryJson(scrambled(summary));
    expect(b).toBe(a);
    const noisy: Summary = { ...summary, joint: { ...summary.joint, probability: summary.joint.probability + 1e-15 } };
    expect(summaryJson(noisy)).toBe(a);
    expect(a.endsWith('}\n')).toBe(true);
    expect(a.split('\n')[1]).toBe('  "scenario": {');
  });

  it('rounds fractions to 6 significant digits and keeps integers, strings and nulls', () => {
    const s: Summary = {
      scenario: { name: 'x', file: 'scenarios/x.yaml', sha256: 'ab'.repeat(32) },
      seed: 1234567891,
      runs: 2000,
      version: '0.1.0',
      targets: [
        {
          id: 't',
          label: 'T',
          metric: 'fibre-share',
          threshold: 0.1 + 0.2,
          deadline: '2026-12-31',
          probability: 1 / 3,
          ci95: [0.2999999999999, 0.36666666666],
          valueAtDeadline: { p10: 0.123456789, p50: 0.5, p90: 1 },
          dateReached: { p50: '2026-10-01', p80: null, p90: null },
        },
      ],
      joint: { probability: 2 / 3, ci95: [0.6, 0.7] },
    };
    const parsed = JSON.parse(summaryJson(s));
    expect(parsed.seed).toBe(1234567891);
    expect(parsed.runs).toBe(2000);
    expect(parsed.targets[0].threshold).toBe(0.3);
    expect(parsed.targets[0].probability).toBe(0.333333);
    expect(parsed.targets[0].ci95).toEqual([0.3, 0.366667]);
    expect(parsed.targets[0].valueAtDeadline).toEqual({ p10: 0.123457, p50: 0.5, p90: 1 });
    expect(parsed.targets[0].dateReached).toEqual({ p50: '2026-10-01', p80: null, p90: null });
    expect(parsed.joint.probability).toBe(0.666667);
  });

  it('contains no timestamps or timings', () => {
    const text = summaryJson(summary);
    expect(text).not.toMatch(/\d{2}:\d{2}/);
    expect(text).not.toMatch(/time|elapsed|ms"/i);
  });
});
