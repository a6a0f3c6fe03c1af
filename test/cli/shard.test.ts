import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, rolloutIn, tempDir } from './helpers.js';

const scenario = fixture('known/exponential-crews.yaml');
const same = (a: string, b: string, file: string) => expect(readFileSync(join(a, file)).equals(readFileSync(join(b, file)))).toBe(true);

describe('shards and merge', () => {
  it('merging shards gives byte-identical results to a single run', async () => {
    const dir = tempDir();
    const single = join(dir, 'single');
    expect((await rolloutIn(['run', scenario, '--runs', '101', '--seed', '6', '--out', single, '-q'])).status).toBe(0);
    for (const k of [1, 2, 3]) {
      const r = await rolloutIn(['run', scenario, '--runs', '101', '--seed', '6', '--shard', `${k}/3`, '--out', join(dir, `part${k}`), '--workers', String(k % 2)]);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`shard ${k}/3`));
    }
    // Order of the directories does not matter.
    const merged = join(dir, 'merged');
    const m = await rolloutIn(['merge', join(dir, 'part3'), join(dir, 'part1'), join(dir, 'part2'), '--out', merged, '-q']);
    expect(m.stderr).toBe('');
    expect(m.status).toBe(0);
    // (Charts and report.html carry the date of the run in their footers, so they differ.)
    // What goes wrong together, and what drives the risk, from the shards' samples as from one run.
    for (const f of ['summary.json', 'runs.csv', 'timeseries.csv', 'discovery.json']) same(single, merged, f);
    const undated = (d: string) => readFileSync(join(d, 'charts', 'drivers.vl.json'), 'utf8').replace(/ · run \d{4}-\d\d-\d\d \d\d:\d\d UTC/g, '');
    expect(undated(merged)).toBe(undated(single));
    expect(readFileSync(join(merged, 'report.html'), 'utf8')).toContain('What goes wrong together');
    // Printed, a merge says what it did: it simulates nothing, so it ran on no workers.
    const told = await rolloutIn(['merge', join(dir, 'part1'), join(dir, 'part2'), join(dir, 'part3'), '--out', join(dir, 'told')]);
    expect(told.status).toBe(0);
    expect(told.stdout).toMatch(/^[\w-]+: 101 replications, seed 6, merged from 3 shards in \d+\.\d s$/m);
    expect(told.stdout).not.toMatch(/workers?\b/);
  }, 120_000);

  it('refuses shards that do not belong together, with exit status 2', async () => {
    const dir = tempDir();
    await rolloutIn(['run', scenario, '--runs', '40', '--seed', '1', '--shard', '1/2', '--out', join(dir, 'a1'), '-q']);
    await rolloutIn(['run', scenario, '--runs', '40', '--seed', '2', '--shard', '2/2', '--out', join(dir, 'b2'), '-q']);
    const wrongSeed = await rolloutIn(['merge', join(dir, 'a1'), join(dir, 'b2'), '--out', join(dir, 'x')]);
    expect(wrongSeed.status).toBe(2);
    expect(wrongSeed.stderr).toMatch(/the seed is 2, but .* has 1/);
    const missing = await rolloutIn(['merge', join(dir, 'a1'), '--out', join(dir, 'x')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/replications 20-39 are missing/);
    const twice = await rolloutIn(['merge', join(dir, 'a1'), join(dir, 'a1'), '--out', join(dir, 'x')]);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toMatch(/repeats replications 0-19/);
    expect((await rolloutIn(['run', scenario, '--shard', '3/2'])).status).toBe(2);
    // The drivers' sample must be the shard's replications among the run's first 20,000.
    const partial = JSON.parse(readFileSync(join(dir, 'a1', 'partial.json'), 'utf8'));
    expect(partial.drivers.n).toBe(20);
    writeFileSync(join(dir, 'a1', 'partial.json'), JSON.stringify({ ...partial, drivers: { ...partial.drivers, n: 3 } }));
    const cut = await rolloutIn(['merge', join(dir, 'a1'), '--out', join(dir, 'x')]);
    expect(cut.status).toBe(2);
    expect(cut.stderr).toMatch(/drivers: expected the 20 replications of the shard among the run's first 40/);
    writeFileSync(join(dir, 'a1', 'partial.json'), 'garbage');
    expect((await rolloutIn(['merge', join(dir, 'a1')])).stderr).toMatch(/not JSON/);
  }, 60_000);
});
