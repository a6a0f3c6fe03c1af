import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/montecarlo/result.js';
import { conditioningSpec } from '../../src/report/charts/conditioning.js';
import { makeRunResult } from '../fixtures/run-result.js';

describe('the conditioning-factors chart', () => {
  it('draws the prior in the grey its subtitle names (a neutral grey, not slate)', () => {
    const r = makeRunResult({ runs: 50 });
    const bins = [{ x0: 0.8, x1: 0.9, prior: 0.4, posterior: 0.2 }, { x0: 0.9, x1: 1, prior: 0.6, posterior: 0.8 }];
    (r as { conditioning?: unknown }).conditioning = { factors: [{ label: 'Productivity (× plan)', bins, prior: { p50: 0.9 }, posterior: { p50: 0.95 } }] };
    const spec = conditioningSpec(r as RunResult) as { title: { subtitle: string[] }; vconcat: { spec: { layer: { mark: { type: string; color: string } }[] } }[] };
    expect(spec.title.subtitle[0]).toContain('before conditioning (dark grey lines)');
    const prior = spec.vconcat[0]!.spec.layer.find((l) => l.mark.type === 'rule')!.mark.color;
    const [r8, g8, b8] = [1, 3, 5].map((i) => parseInt(prior.slice(i, i + 2), 16));
    // Grey: the three channels equal; dark: below the middle.
    expect(r8).toBe(g8);
    expect(g8).toBe(b8);
    expect(r8!).toBeLessThan(128);
  });
});
