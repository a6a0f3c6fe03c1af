import { describe, expect, it } from 'vitest';
import { targetRule } from '../../src/report/charts/common.js';
import { targetProbabilitySpec } from '../../src/report/charts/target-probability.js';
import { textWidth } from '../../src/report/text-metrics.js';
import { makeRunResult } from '../fixtures/run-result.js';

type Layer = { mark: { type: string; filled?: boolean; limit?: number; fontSize?: number }; encoding: { text?: { field: string } } };

describe('target-probability', () => {
  const result = makeRunResult({ runs: 100 });
  // A share of several services: its rule ("… or with mobile coverage by 31 Dec 2027") is wider than the label column.
  const t = { ...result.summary.targets[0]!, metric: 'share' as const, services: ['backbone-fibre', 'satellite', 'mobile'] as never, denominator: 6096, probability: 0, ci95: [0, 0.04] as [number, number] };
  const spec = targetProbabilitySpec({ ...result, summary: { ...result.summary, targets: [t, ...result.summary.targets.slice(1)] } });
  const body = (spec as { vconcat: [{ layer: Layer[]; data: { values: Record<string, string>[] } }] }).vconcat[0];

  it('wraps a rule too wide for the label column onto two lines instead of cutting its deadline off', () => {
    const rule = targetRule(t);
    const row = body.data.values[0]!;
    expect(textWidth({ fontSize: 12 }, rule)).toBeGreaterThan(420);
    expect(`${row.detail1} ${row.detail2}`).toBe(rule);
    for (const field of ['detail1', 'detail2']) {
      const mark = body.layer.find((l) => l.encoding.text?.field === field)!.mark;
      expect(textWidth({ fontSize: mark.fontSize! }, row[field]!), field).toBeLessThanOrEqual(mark.limit!);
    }
  });

  it('names what a coverage share counts: the scenario’s coverage technologies, not just “covered” (read as the networks target)', () => {
    const cov = { metric: 'coverage-share' as const, threshold: 1, deadline: '2027-12-31' };
    expect(targetRule(cov, ['fibre', 'satellite'])).toBe('100% on backbone fibre or on satellite by 31 Dec 2027');
    expect(targetRule(cov)).toBe('100% covered by 31 Dec 2027');
    expect(JSON.stringify(targetProbabilitySpec({ ...result, input: { ...result.input, coverageTechnologies: ['fibre', 'satellite'] }, summary: { ...result.summary, targets: [{ ...result.summary.targets[0]!, ...cov }] } }))).toContain('100% on backbone fibre or on satellite by 31 Dec 2027');
  });

  it('draws the 0–100 % track as a hairline frame, so a 0 % row does not read as a bar at 100 %', () => {
    const track = body.layer[0]!.mark;
    expect(track.type).toBe('bar');
    expect(track.filled).toBe(false);
    expect(JSON.stringify(spec)).not.toContain('#eceff3');
  });
});
