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

  it('where every future misses, discovery.json and the report describe the quarter that reach least (the money cut to 75: 8, 7, 6 or 5 lines)', async () => {
    // 75 units, hard: a line costs 9, 10, 12 or 15 (factor 0.9, 1, 1.2, 1.5), so 8, 7, 6 or 5 of
    // the 10 lines are funded: every future misses "all ten". The 30 % that drew 1.5 reach least
    // (5 of 10): the first quartile of the share is 0.5, and PRIM finds the factor, exactly.
    const loaded = loadScenario(known('cost-overrun-hard.yaml'));
    const input = structuredClone(loaded.input);
    const a = input.budget.fibre!.appropriations;
    for (const y of Object.keys(a)) a[y] = 0;
    a[Object.keys(a)[0]!] = 75;
    const r = await runMonteCarlo(input, loaded.identity, { runs: 400, seed: 2, workers: 0 });
    expect(r.summary.targets[0].probability).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'rollout-lowest-'));
    await writeReport(r, dir, { runDate: '2026-11-29T10:00:00Z' });
    const d = JSON.parse(readFileSync(join(dir, 'discovery.json'), 'utf8'));
    expect(d.targets[0]).toMatchObject({ id: 'all-2026', outcome: 'lowest', threshold: 0.5, found: true, coverage: 1, density: 1 });
    expect(d.targets[0].rules.map((x: { text: string }) => x.text)).toEqual(['the national cost overrun factor is at least 1.5']);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    // About 30 % drew 1.5 (33 % of these 400): all of them are in, ties at the quartile included.
    expect(html).toMatch(/Every one of the 400 futures misses “All on fibre by end 2026”, so what is described is the quarter of the futures that reach least by its deadline \(a share of at most 50\.0 %: \d+ % of the futures, ties included\)\. In 100 % of them, the national cost overrun factor is at least 1\.5; 100 % of the futures where that holds are among them/);
    // Its figures are those among the odd-numbered futures, which played no part in finding it.
    expect(html).toMatch(/Counted among the odd-numbered futures \(200\), which played no part in finding it: coverage 100% \(of the futures that reach least by its deadline there, this share has all of the above\); density 100% \(of the futures with all of the above, this share are among the quarter that reach least, against \d+% of all there; the density’s 95% interval [\d.]+%–100%\)/);
    expect(d.targets[0].check).toMatchObject({ futures: 200, held: true });
  }, 60_000);

  it('summary.json and discovery.json are byte-identical on 0 and 2 worker threads', async () => {
    const { input, identity } = loadScenario(known('cost-overrun.yaml'));
    const a = await runMonteCarlo(input, identity, { runs: 300, seed: 4, workers: 0 });
    const b = await runMonteCarlo(input, identity, { runs: 300, seed: 4, workers: 2 });
    expect(summaryJson(b.summary)).toBe(summaryJson(a.summary));
    expect(discoveryJson(b)).toBe(discoveryJson(a));
  }, 60_000);
});
