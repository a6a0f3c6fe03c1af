import { describe, it, expect } from 'vitest';
import { Aggregate, WorkerPool, layoutOf, runInProcess, type AggregateState } from '../../src/montecarlo/index.js';
import { compileModel } from '../../src/model/index.js';
import { randomInput } from '../fixtures/random-input.js';

/** The arrays and counts of a state, as plain numbers (to compare two aggregates exactly). */
function plain(s: AggregateState): Record<string, unknown> {
  return Object.fromEntries(Object.entries(s).filter(([k]) => k !== 'layout').map(([k, v]) => [k, v instanceof Float64Array ? Array.from(v) : v]));
}

describe('aggregates handed over by workers', () => {
  const input = randomInput();
  const m = compileModel(input);

  it('a sparse state (only the non-zero entries) adds up to what the whole arrays add up to, and clear() empties an aggregate', async () => {
    const a = await runInProcess({ input, seed: 3, from: 0, to: 25, compiled: m });
    const b = await runInProcess({ input, seed: 3, from: 25, to: 60, compiled: m });
    const whole = Aggregate.fromState(a.state());
    whole.merge(b.state());
    const sparse = Aggregate.fromState(a.state());
    const s = b.sparseState();
    // Sparse indeed: fewer entries than the arrays hold, none of them zero.
    const entries = Object.values(s.arrays).reduce((n, x) => n + x.index.length, 0);
    const cells = Object.values(b.state()).reduce((n, v) => n + (v instanceof Float64Array ? v.length : 0), 0);
    expect(entries).toBeGreaterThan(0);
    expect(entries).toBeLessThan(cells);
    for (const x of Object.values(s.arrays)) expect(Array.from(x.value).every((v) => v !== 0)).toBe(true);
    sparse.mergeSparse(s);
    expect(plain(sparse.state())).toEqual(plain(whole.state()));
    b.clear();
    expect(plain(b.state())).toEqual(plain(new Aggregate(layoutOf(m)).state()));
  });

  it('a pool of 2 running several tasks of one scenario (its workers reuse their emptied arrays) gives each exactly the calling thread\'s aggregate', async () => {
    const pool = new WorkerPool(2);
    try {
      for (const [from, to] of [[0, 30], [30, 45], [45, 90], [90, 91]]) {
        const got = await pool.run({ input, seed: 5, from, to, compiled: m });
        const want = await runInProcess({ input, seed: 5, from, to, compiled: m });
        expect(plain(got.state())).toEqual(plain(want.state()));
      }
    } finally {
      await pool.close();
    }
  }, 180_000);
});
