import { describe, it, expect } from 'vitest';
import { runMonteCarlo, runReplications, ReplicationError } from '../../src/montecarlo/index.js';
import type { ModelInput } from '../../src/model/index.js';
import { handScheduleInput } from '../fixtures/hand-schedule.js';

/** The hand schedule made random: durations and distances drawn from distributions. */
function randomInput(): ModelInput {
  const base = handScheduleInput();
  base.regions = [
    { ...base.regions[0], id: 'a', name: 'A', settlements: 30, connected: 5, crews: { fibre: 2, mast: 0, satellite: 0 } },
    { ...base.regions[0], id: 'b', name: 'B', settlements: 20, connected: 0, crews: { fibre: 1, mast: 0, satellite: 0 } },
  ];
  base.settlementDefaults = { population: { dist: 'lognormal', median: 300, sigma: 1 }, backboneKm: { dist: 'triangular', min: 2, mode: 8, max: 30 } };
  base.fibre.design = { dist: 'exponential', mean: 20 };
  base.fibre.kmPerDay.buried = { dist: 'pert', min: 0.5, mode: 1, max: 2 };
  base.budget = { fibre: { unlimited: false, carryOver: false, appropriations: { '2026': 300, '2027': 400 } } };
  base.targets[0].threshold = 0.5;
  return base;
}

const identity = { name: 'random', file: 'random', sha256: 'x' };

describe('reproducibility', () => {
  it('gives the same answer on 0, 1 and 2 worker threads', async () => {
    const input = randomInput();
    const results = [];
    for (const workers of [0, 1, 2]) {
      results.push(JSON.stringify(await runMonteCarlo(input, identity, { runs: 40, seed: 7, workers })));
    }
    expect(results[1]).toBe(results[0]);
    expect(results[2]).toBe(results[0]);
  }, 60_000);

  it('depends on the seed', async () => {
    const input = randomInput();
    const a = await runReplications(input, { runs: 20, seed: 1 });
    const b = await runReplications(input, { runs: 20, seed: 2 });
    expect(Array.from(a.reached)).not.toEqual(Array.from(b.reached));
  });

  it('names the failing replication and its seed', async () => {
    const input = randomInput();
    await expect(runReplications(input, { runs: 10, seed: 3, workers: 2, failAt: 6 })).rejects.toThrow(/replication 6 \(seed 3\)/);
    await expect(runReplications(input, { runs: 10, seed: 3, failAt: 6 })).rejects.toBeInstanceOf(ReplicationError);
  }, 60_000);
});
