import { describe, it, expect } from 'vitest';
import { loadScenario } from '../../src/scenario/index.js';
import { sensitivity } from '../../src/montecarlo/index.js';

/**
 * The crews lever moves whole crews: the national total by 20 % rounded, but by at least one
 * crew (20 % of 1 or 2 crews rounds to nothing). Known answer (test/fixtures/known/crews-deadline.yaml with 2 crews:
 * 30 crew-days a village, nothing random): c crews connect 3c of the 20 villages by the
 * deadline, so 1, 2 and 3 crews reach 15 %, 30 % and 45 %.
 */
describe('sensitivity: the crews lever on few crews', () => {
  it('moves the total by at least one crew, and says so', async () => {
    const base = loadScenario('test/fixtures/known/crews-deadline.yaml');
    base.input.regions[0].crews.fibre = 2;
    const r = await sensitivity(base, { runs: 4, seed: 1, workers: 0 });
    expect(r.base[0].valueAtDeadlineMean).toBe(0.3);
    const crews = r.swings.find((s) => s.input === 'regions[].crews.fibre')!;
    expect([crews.low, crews.high]).toEqual([1, 3]);
    expect(crews.how).toMatch(/at least 1/);
    expect(crews.targets[0].low.valueAtDeadlineMean).toBe(0.15);
    expect(crews.targets[0].high.valueAtDeadlineMean).toBe(0.45);
    expect(crews.label).toBe('Fibre crews at the start, national total');
  }, 60_000);

  it('says so where a contract counts the crews at the start as its own (moving them brings crews sooner, not more)', async () => {
    const base = loadScenario('test/fixtures/known/crews-deadline.yaml');
    base.input.capacity = { fibre: { contracted: { dist: 'fixed', value: 12 }, tender: { dist: 'fixed', value: 0 }, mobilisation: { dist: 'fixed', value: 0 }, growthPerMonth: { dist: 'fixed', value: 1 }, winterMobilisation: true } };
    const r = await sensitivity(base, { runs: 2, seed: 1, workers: 0 });
    expect(r.swings.find((s) => s.input === 'regions[].crews.fibre')!.label).toBe('Fibre crews at the start, national total (the contract counts them: sooner, not more)');
  }, 60_000);
});
