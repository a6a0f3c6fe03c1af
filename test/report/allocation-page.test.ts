import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../src/scenario/index.js';
import { allocate } from '../../src/montecarlo/allocate.js';
import { allocationHtml } from '../../src/report/html-allocation.js';
import { pts } from '../../src/report/format.js';
import { allocationJson } from '../../src/report/allocation-json.js';

const known = (name: string) => fileURLToPath(new URL(`../fixtures/known/${name}`, import.meta.url));

describe('allocation.html, unit by unit', () => {
  it('writes each unit’s gain in points as the page’s other differences are: “0 pts”, “+1.0 pts”, “+5 pts”, not “+0 pts” or “+1 pts”', async () => {
    const a = await allocate(loadScenario(known('three-regions.yaml')), { target: 'ninety', resource: { kind: 'crews', technology: 'fibre', total: 4, step: 1 }, runs: 40, seed: 1, workers: 0, search: 'greedy' });
    const html = allocationHtml(a, []);
    const from = html.indexOf('>Added so far</th>');
    const table = html.slice(from, html.indexOf('</table>', from));
    const gains = [...table.matchAll(/<td class="num">([^<]*pts)<\/td><\/tr>/g)].map((m) => m[1]!);
    expect(gains).toEqual(a.steps.map((s) => pts(s.gain)));
    expect(gains.some((g) => g !== '0 pts')).toBe(true);
    expect(table).not.toContain('+0 pts');
  }, 60_000);
});

describe('allocation.html names the programme the money goes to', () => {
  const fixture = fileURLToPath(new URL('../fixtures/financing/two-programmes.yaml', import.meta.url));

  it('a financing programme by its label, as the report’s other pages do, not by its id; allocation.json keeps the id', async () => {
    const a = await allocate(loadScenario(fixture), { target: 'all-2027', resource: { kind: 'money', programme: 'grants', total: 20, units: 2 }, runs: 10, seed: 1, workers: 0, search: 'greedy' });
    const lede = /<p class="lede">([\s\S]*?)<\/p>/.exec(allocationHtml(a, []))![1]!;
    expect(lede).toContain('20 more units for “Small-village grants”, placed');
    expect(lede).not.toMatch(/\bgrants programme\b/);
    expect(JSON.parse(allocationJson(a)).resource.programme).toBe('grants');
  }, 60_000);
});
