import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../src/scenario/index.js';
import { goalSeek } from '../../src/montecarlo/goal.js';
import { goalHtml } from '../../src/report/html-goal.js';
import { goalJson } from '../../src/report/goal-json.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/known/${name}`, import.meta.url));
const text = (g: Awaited<ReturnType<typeof goalSeek>>) => goalHtml(g, []).replace(/<[^>]+>/g, '');

describe('goal.html when no value meets the goal', () => {
  it('sets the share reached at the best value beside the low end’s, as goal.json’s sentence does', async () => {
    // 0.55 × 10 crews = 6 crews lay 18 of the 20 villages by day 100 (90 %); at 0.1, 1 crew lays 3 (15 %).
    const g = await goalSeek(loadScenario(fixture('crews-deadline.yaml')), { target: 'all-by-april', probability: 0.8, lever: 'fibre-crews', range: [0.1, 0.6], runs: 30, seed: 1, workers: 0 });
    expect(g.sentence).toMatch(/90\.0 % on average, against 15\.0 % at 0\.1\.$/);
    expect(text(g)).toContain('There the share reached by the deadline is 90.0% on average, against 15.0% at 0.1.');
    // goal.json keeps its keys: the contrast is in its sentence.
    expect(goalJson(g)).not.toContain('lowEnd');
  }, 60_000);

  it('compares the two over the futures both ran where the best value ran on more', async () => {
    const g = await goalSeek(loadScenario(fixture('crews-deadline-uncertain.yaml')), { target: 'all-by-april', probability: 0.8, lever: 'fibre-crews', range: [0.1, 0.9], runs: 20, maxRuns: 80, seed: 1, workers: 0 });
    expect(g.runs).toBe(80);
    const tail = /over the first 20, which 0\.1 was run on, (\d+\.\d) % against (\d+\.\d) % at 0\.1\.$/.exec(g.sentence)!;
    expect(text(g)).toContain(`on average (80 futures); over the first 20, which 0.1 was run on, ${tail[1]}% against ${tail[2]}% at 0.1.`);
  }, 60_000);
});
