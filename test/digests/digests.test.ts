import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { DIGEST_FILE, RUNS, SEED, digestOf, digestedScenarios, withoutEvents, type Digest } from './compute.js';

/**
 * Every result unchanged: summary.json, runs.csv and timeseries.csv of every shipped and
 * mechanism-fixture scenario hash to the stored digests. When this fails after a change
 * that was meant to change results, regenerate with `npm run digests:update` and say why
 * in the commit; otherwise the change altered results it should not have.
 */
const stored = JSON.parse(readFileSync(DIGEST_FILE, 'utf8')) as { runs: number; seed: number; scenarios: Record<string, Digest> };

describe('result digests', () => {
  it('cover every scenario, at the stored run count and seed', () => {
    expect(Object.keys(stored.scenarios)).toEqual(digestedScenarios());
    expect([stored.runs, stored.seed]).toEqual([RUNS, SEED]);
  });

  it('drop only the events column of runs.csv', () => {
    expect(withoutEvents('a,events,b\n1,2,3\n')).toBe('a,b\n1,3\n');
  });

  for (const f of digestedScenarios()) {
    it(`${f}: summary.json, runs.csv and timeseries.csv unchanged`, async () => {
      expect(await digestOf(f)).toEqual(stored.scenarios[f]);
    }, 120_000);
  }
});
