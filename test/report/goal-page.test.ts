import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../src/scenario/index.js';
import { goalSeek } from '../../src/montecarlo/goal.js';
import { goalHtml, leverNoun, leverQuestion } from '../../src/report/html-goal.js';
import { goalSearchSpec } from '../../src/report/charts/goal-search.js';
import { BUILT_IN_LEVERS } from '../../src/montecarlo/levers.js';
import { goalJson } from '../../src/report/goal-json.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/known/${name}`, import.meta.url));
const text = (g: Awaited<ReturnType<typeof goalSeek>>) => goalHtml(g, []).replace(/<[^>]+>/g, '');

describe('goal.html when no value meets the goal', () => {
  it('sets the share reached at the best value beside the low end’s, as goal.json’s sentence does', async () => {
    // 0.55 × 10 crews = 6 crews lay 18 of the 20 villages by day 100 (90 %); at 0.1, 1 crew lays 3 (15 %).
    const g = await goalSeek(loadScenario(fixture('crews-deadline.yaml')), { target: 'all-by-april', probability: 0.8, lever: 'fibre-crews', range: [0.1, 0.6], runs: 30, seed: 1, workers: 0 });
    expect(g.sentence).toMatch(/90\.0 % on average, against 15\.0 % at 0\.1\.$/);
    expect(text(g)).toContain('There the share reached by the deadline is 90.0% on average, against 15.0% at 0.1.');
    // The headline names what the lever multiplies, not its command-line id.
    expect(text(g)).toContain('No factor on the fibre crews of every region from 0.1 to 0.6 meets “All 20 villages by 10 April 2026” (by 10 Apr 2026) with 80% probability.');
    expect(text(g)).not.toContain('No value of fibre-crews');
    // goal.json keeps its keys: the contrast is in its sentence.
    expect(goalJson(g)).not.toContain('lowEnd');
    // The contract's value is the least value that meets the goal: none here, so null; the best reached is in achieved.
    const json = JSON.parse(goalJson(g));
    expect(json.found).toBe(false);
    expect(json.value).toBeNull();
    expect(json.setting).toBeNull();
    expect(json.achieved.value).toBe(g.value);
    expect(json.achieved.setting).toBe(g.setting);
    expect(json.achieved.probability).toBe(g.achieved.probability);
  }, 60_000);

  it('compares the two on the same futures where the best value ran on more: the low end is run on as many', async () => {
    const g = await goalSeek(loadScenario(fixture('crews-deadline-uncertain.yaml')), { target: 'all-by-april', probability: 0.8, lever: 'fibre-crews', range: [0.1, 0.9], runs: 20, maxRuns: 80, seed: 1, workers: 0 });
    expect(g.runs).toBe(80);
    const tail = /is (\d+\.\d) % on average, against (\d+\.\d) % at 0\.1\.$/.exec(g.sentence)!;
    expect(tail).not.toBeNull();
    expect(text(g)).toContain(`${tail[1]}% on average, against ${tail[2]}% at 0.1`);
    expect(text(g)).not.toContain('over the first');
  }, 60_000);
});

describe('goal.html says what it seeks in plain words, for every lever', () => {
  const lever = (id: string, label: string, kind: 'multiplier' | 'value' = 'multiplier') => ({ id, label, kind, base: 1, range: [0.5, 2] as [number, number], step: null, candidates: 10 });

  it('the question names what is multiplied (or which setting is set), not the lever’s label lowercased', () => {
    const plain = (x: string) => x.replace(/<[^>]+>/g, '');
    expect(plain(leverQuestion(lever('budget', BUILT_IN_LEVERS.budget.label)))).toBe('the smallest factor to multiply every appropriation by (1 = as the scenario has it)');
    expect(plain(leverQuestion(lever('fibre-crews', BUILT_IN_LEVERS['fibre-crews'].label)))).toBe('the smallest factor to multiply the fibre crews of every region by (1 = as the scenario has it)');
    expect(plain(leverQuestion(lever('offices', BUILT_IN_LEVERS.offices.label)))).toBe('the smallest factor to multiply the capacity of every approval office by (1 = as the scenario has it)');
    expect(plain(leverQuestion(lever('path:fibre.approvalOffice.capacity', 'fibre.approvalOffice.capacity', 'value')))).toBe('the least value of the scenario’s setting fibre.approvalOffice.capacity');
    for (const id of Object.keys(BUILT_IN_LEVERS) as (keyof typeof BUILT_IN_LEVERS)[]) expect(leverQuestion(lever(id, BUILT_IN_LEVERS[id].label))).not.toContain('(×)');
    expect(plain(leverNoun(lever('budget', BUILT_IN_LEVERS.budget.label)))).toBe('factor on every appropriation');
    expect(plain(leverNoun(lever('path:fibre.approvalOffice.capacity', 'fibre.approvalOffice.capacity', 'value')))).toBe('value of the setting fibre.approvalOffice.capacity');
  });

  it('the page’s lede reads as a sentence, and the chart’s legend says what a grey dot does not do', async () => {
    const g = await goalSeek(loadScenario(fixture('crews-deadline.yaml')), { target: 'all-by-april', probability: 0.8, lever: 'fibre-crews', range: [0.1, 0.6], runs: 30, seed: 1, workers: 0 });
    expect(text(g)).toContain(': the smallest factor to multiply the fibre crews of every region by (1 = as the scenario has it) for “');
    expect(text(g)).not.toMatch(/the least fibre crews in every region/);
    const legend = JSON.stringify(goalSearchSpec(g));
    expect(legend).toContain('"does not meet the goal"');
    expect(legend).not.toContain('"does not"');
  }, 60_000);
});
