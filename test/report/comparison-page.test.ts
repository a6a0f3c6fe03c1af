import { describe, expect, it } from 'vitest';
import type { ComparisonResult } from '../../src/montecarlo/analysis-result.js';
import { comparisonHtml } from '../../src/report/index.js';
import { makeComparison } from '../fixtures/comparison-result.js';

const RUN_DATE = '2026-03-01T10:22:33Z';

/** The answer table's row of one option under one target. */
function row(html: string, targetLabel: string, option: string): string {
  const table = /<table class="answer compare">([\s\S]*?)<\/table>/.exec(html)![1]!;
  const group = table.slice(table.indexOf(targetLabel));
  return group.slice(group.indexOf(`${option}</span>`)).split('</tr>')[0]!;
}

/**
 * A comparison where no option ever meets anything (the Kazakhstan baseline's case: every
 * chance 0 % whatever the policy) but the second option reaches 6 points less by the deadline.
 */
function everyChanceZero(): ComparisonResult {
  const c = makeComparison({ runs: 150 });
  for (const t of c.targets) {
    for (const p of t.perOption) p.probability = { value: 0, ci95: [0, 0.02497] };
    for (const d of t.differences) Object.assign(d, { probability: { value: 0, ci95: [-0.02497, 0.02497] }, independentCi95: [-0.02497, 0.02497], gained: 0, lost: 0 });
  }
  c.targets[0]!.differences[0]!.valueAtDeadline = { value: -0.060012, ci95: [-0.067571, -0.052453] };
  return c;
}

describe('comparison.html tells the options apart where every chance is the same', () => {
  it('shows each option’s paired difference in the mean value at the deadline, as comparison.json and the terminal do', () => {
    const c = everyChanceZero();
    const html = comparisonHtml(c, [], RUN_DATE);
    const t = c.targets[0]!;
    const option = t.differences[0]!.option;
    expect(row(html, t.label, option)).toContain('mean −6.0 pts (−6.8 to −5.2)');
    // The reference has no difference to show.
    expect(row(html, t.label, t.perOption[0]!.option)).not.toContain('mean ');
  });

  it('gives a count target’s difference in settlements, not points', () => {
    const c = everyChanceZero();
    const t = c.targets[0]!;
    t.metric = 'count';
    t.differences[0]!.valueAtDeadline = { value: 2.5, ci95: [1, 4] };
    const html = comparisonHtml(c, [], RUN_DATE);
    expect(row(html, t.label, t.differences[0]!.option)).toContain('mean +2.5 settlements (+1 to +4)');
  });
});

describe('comparison.html’s money differences', () => {
  it('sign both ends of a cost difference’s interval with a real minus sign, as every other difference on the page', () => {
    const c = makeComparison({ runs: 150 });
    const cost = { currency: 'M KZT', p10: 295243, p50: 323860, p80: 362156, p90: 391767, mean: 336109 };
    const jcl = { budget: 281000, probability: 0, ci95: [0, 0.02497] as [number, number] };
    c.cost = {
      currency: 'M KZT',
      perOption: c.options.map((o) => ({ option: o.identity.name, cost, jointCostSchedule: jcl })),
      differences: c.options.slice(1).map((o, k) => ({ option: o.identity.name, meanCost: k === 0 ? { value: 3.53863, ci95: [-60.8702, 67.9474] } : { value: 22991.8, ci95: [22421, 23562.6] } })),
    };
    const html = comparisonHtml(c, [], RUN_DATE);
    const from = html.indexOf('id="money"');
    const money = html.slice(from, html.indexOf('</table>', from));
    expect(money).toContain('+4<span class="sub">−61 to +68</span>');
    expect(money).toContain('+22,992<span class="sub">+22,421 to +23,563</span>');
    expect(money).not.toMatch(/-\d/);
  });
});
