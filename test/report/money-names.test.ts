import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../src/scenario/index.js';
import { runMonteCarlo } from '../../src/montecarlo/index.js';
import { reportHtml } from '../../src/report/index.js';
import { costSCurveSpec } from '../../src/report/charts/cost-s-curve.js';

const fixture = fileURLToPath(new URL('../fixtures/financing/two-programmes.yaml', import.meta.url));

describe('the money is told by programme names, as the page’s own paragraph tells it', () => {
  it('the money table’s headings, the S-curve’s subtitle and the risk register name “Small-village grants” and “Operator money”, not their ids', async () => {
    const { input, identity } = loadScenario(fixture);
    input.risks = [...(input.risks ?? []), { id: 'cut', label: 'Grant money cut', probability: 0.1, per: 'year', impact: { type: 'budget-cut', programme: 'grants', share: 0.15 } }];
    const r = await runMonteCarlo(input, identity, { runs: 20, seed: 1, workers: 0 });
    const html = reportHtml(r, []);
    const money = html.slice(html.indexOf('<section id="money">'), html.indexOf('</section>', html.indexOf('<section id="money">')));
    expect(money).toContain('the appropriations of Small-village grants and Operator money for');
    expect(money).toContain('Of which Small-village grants and Operator money (units)');
    expect(money).toContain('Appropriated by then, Small-village grants and Operator money (units)');
    expect(money).not.toMatch(/grants and operator\b/);
    const subtitle = (costSCurveSpec(r) as { title: { subtitle: string[] } }).title.subtitle.join(' ');
    expect(subtitle).toContain('by Small-village grants and Operator money');
    expect(html).toContain('Small-village grants: the year’s appropriation cut by 15%');
  }, 60_000);
});
