import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../src/scenario/index.js';
import { runMonteCarlo } from '../../src/montecarlo/index.js';
import { discoveryJson, summaryJson, writeReport } from '../../src/report/index.js';

const known = (name: string) => fileURLToPath(new URL(`../fixtures/known/${name}`, import.meta.url));

describe('the report answers the money and what-goes-wrong questions where they are asked', () => {
  it('report.html has the cost section with the JCL and the S-curve; discovery.json names the box', async () => {
    const { input, identity } = loadScenario(known('cost-overrun-hard.yaml'));
    const r = await runMonteCarlo(input, identity, { runs: 400, seed: 2, workers: 0 });
    const dir = mkdtempSync(join(tmpdir(), 'rollout-money-'));
    await writeReport(r, dir, { runDate: '2026-11-29T10:00:00Z' });
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<h2>What will it cost?</h2>');
    expect(html).toMatch(/Money committed by 31 Dec 2027: <strong>120 units<\/strong>/);
    expect(html).toContain('joint cost–schedule confidence level, JCL');
    expect(html).toContain('the money is a hard limit');
    expect(readdirSync(join(dir, 'charts'))).toContain('cost-s-curve.svg');
    // The misses are exactly the futures that drew the 1.5 overrun: PRIM finds that, with coverage and density 1.
    const d = JSON.parse(readFileSync(join(dir, 'discovery.json'), 'utf8'));
    expect(d.targets[0]).toMatchObject({ id: 'all-2026', outcome: 'missed', found: true, coverage: 1, density: 1 });
    expect(d.targets[0].rules).toEqual([{ input: 'factors.costOverrun', label: 'National cost overrun factor', lo: 1.5, hi: null, text: 'the national cost overrun factor is at least 1.5' }]);
    expect(html).toContain('<h2>What goes wrong together</h2>');
    expect(html).toContain('In 100 % of the futures that miss “All on fibre by end 2026”, the national cost overrun factor is at least 1.5; 100 % of the futures where that holds miss it');
  }, 60_000);

  it('summary.json and discovery.json are byte-identical on 0 and 2 worker threads', async () => {
    const { input, identity } = loadScenario(known('cost-overrun.yaml'));
    const a = await runMonteCarlo(input, identity, { runs: 300, seed: 4, workers: 0 });
    const b = await runMonteCarlo(input, identity, { runs: 300, seed: 4, workers: 2 });
    expect(summaryJson(b.summary)).toBe(summaryJson(a.summary));
    expect(discoveryJson(b)).toBe(discoveryJson(a));
  }, 60_000);
});
