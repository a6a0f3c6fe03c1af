import { describe, it, expect } from 'vitest';
import { runMonteCarlo, runReplications, ReplicationError, FAULT_VARIABLE } from '../../src/montecarlo/index.js';
import { randomInput } from '../fixtures/random-input.js';

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
    process.env[FAULT_VARIABLE] = 'fail:6'; // the test-only fault hook; worker threads inherit it
    try {
      await expect(runReplications(input, { runs: 10, seed: 3, workers: 2 })).rejects.toThrow(/replication 6 \(seed 3\)/);
      await expect(runReplications(input, { runs: 10, seed: 3 })).rejects.toBeInstanceOf(ReplicationError);
    } finally {
      delete process.env[FAULT_VARIABLE];
    }
  }, 60_000);
});
