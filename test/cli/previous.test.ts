import { describe, it, expect } from 'vitest';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fixture, rolloutIn, tempDir } from './helpers.js';
import { parsePreviousForecast, reviseForecast, type Summary } from '../../src/montecarlo/index.js';
import { summaryJson } from '../../src/report/index.js';
import { readPrevious, revisionLines, shownFile } from '../../src/cli/previous-args.js';

const small = fixture('observe/small.yaml');

describe('rollout run --previous: this forecast against the last one', () => {
  it('says what moved, beyond the noise or not, and what differs; revision.json and the report too', async () => {
    const dir = tempDir();
    const before = join(dir, '2026-09');
    expect((await rolloutIn(['run', small, '--runs', '60', '--workers', '0', '--out', before, '--quiet'])).status).toBe(0);
    const seen = join(dir, 'seen.csv');
    writeFileSync(seen, 'date,region,metric,value\n2026-03-31,,fibre-count,46\n2026-06-30,,fibre-count,90\n2026-09-30,,fibre-count,142\n');
    const now = join(dir, '2026-10');
    const r = await rolloutIn(['run', small, '--runs', '60', '--workers', '0', '--observed', seen, '--previous', before, '--out', now]);
    expect(r.status).toBe(0);
    // On the terminal, the file as it opens from here (the temporary folder is outside the current directory); in revision.json, without the machine's path.
    expect(r.stdout).toContain(`\nSince the previous forecast (${join(before, 'summary.json')}: observe-small, 60 replications, seed 1):\n`);
    expect(r.stdout).toMatch(/^ {2}fibre-2026: [\d.]+ % -> [\d.]+ % {2}\([+−][\d.]+ points, 95 % CI [+−][\d.]+ to [+−][\d.]+: (beyond|within) simulation noise\)/m);
    expect(r.stdout).toMatch(/What differs in how the two were made: observations conditioned on: 0 → 3 \(new: fibre-count \(national\) on 2026-03-31 = 46 \(sd [\d.]+\), fibre-count \(national\) on 2026-06-30 = 90 \(sd [\d.]+\), fibre-count \(national\) on 2026-09-30 = 142 \(sd [\d.]+\)\)\./);
    const rev = JSON.parse(readFileSync(join(now, 'revision.json'), 'utf8'));
    expect(rev.previous).toMatchObject({ file: '2026-09/summary.json', runs: 60, observations: 0 });
    expect(rev.targets.map((t: { id: string }) => t.id)).toEqual(['fibre-2026', 'fibre-2027']);
    const summary = JSON.parse(readFileSync(join(now, 'summary.json'), 'utf8'));
    expect(rev.targets[0].after.probability).toBe(summary.targets[0].probability);
    expect(readFileSync(join(now, 'report.html'), 'utf8')).toContain('<h2>Since the previous forecast</h2>');
    // summary.json itself is as without --previous (no trace of the comparison).
    expect(summary).not.toHaveProperty('revision');
  }, 120_000);

  it('refuses a previous forecast it cannot read, an --out that would replace it, and --shard (exit 2, nothing written)', async () => {
    const dir = tempDir();
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const out = join(dir, 'never');
    let r = await rolloutIn(['run', small, '--runs', '5', '--previous', empty, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/empty: expected an earlier run's output directory \(with its summary\.json\) or its summary\.json, found a directory with no summary\.json/);
    const notJson = join(dir, 'summary.json');
    writeFileSync(notJson, 'date,value\n');
    r = await rolloutIn(['run', small, '--runs', '5', '--previous', notJson, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/summary\.json: expected the summary\.json of an earlier `rollout run` \(JSON\), found text that is not JSON/);
    const prev = join(dir, 'prev');
    expect((await rolloutIn(['run', small, '--runs', '5', '--workers', '0', '--out', prev, '--quiet'])).status).toBe(0);
    const kept = readFileSync(join(prev, 'summary.json'), 'utf8');
    r = await rolloutIn(['run', small, '--runs', '5', '--previous', prev, '--out', prev]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/holds .*summary\.json, which this command reads/);
    expect(readFileSync(join(prev, 'summary.json'), 'utf8')).toBe(kept);
    r = await rolloutIn(['run', small, '--runs', '5', '--previous', prev, '--shard', '1/2', '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--previous cannot be combined with --shard/);
    expect(existsSync(out)).toBe(false);
    // Another command's output, or one of its files, given by mistake: said what it is.
    const shard = join(dir, 'shard');
    expect((await rolloutIn(['run', small, '--runs', '5', '--workers', '0', '--shard', '1/2', '--out', shard, '--quiet'])).status).toBe(0);
    r = await rolloutIn(['run', small, '--runs', '5', '--previous', shard, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/shard: expected an earlier run's output directory \(with its summary\.json\) or its summary\.json, found a directory with no summary\.json: the output of one shard \(partial\.json\): merge the shards/);
    r = await rolloutIn(['run', small, '--runs', '5', '--previous', join(shard, 'partial.json'), '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(/partial\.json: expected the summary\.json of an earlier `rollout run`, found the partial\.json of one shard \(`rollout run --shard`\): merge the shards \(`rollout merge`\) and give the merged summary\.json$/);
    expect(readdirSync(dir).sort()).toEqual(['empty', 'prev', 'shard', 'summary.json'].sort());
    expect(basename(prev)).toBe('prev');
  }, 120_000);

  it('prints the median value at the deadline then and now, a count in settlements and a share in percent; a date not reached says so', () => {
    const target = (metric: 'count' | 'fibre-share', p50: number, reached: string | null) => ({
      id: metric, label: metric, metric, threshold: metric === 'count' ? 10 : 0.9, deadline: '2026-12-31', ...(metric === 'count' ? { services: ['backbone-fibre' as const] } : {}),
      probability: 0.5, ci95: [0.4, 0.6] as [number, number], valueAtDeadline: { p10: p50, p50, p90: p50 }, dateReached: { p50: reached, p80: null, p90: null },
    });
    const run = (count: number, share: number, reached: string | null): Summary => ({
      scenario: { name: 'kz', file: 'kz.yaml', sha256: 'a'.repeat(64) }, seed: 1, runs: 100, version: '0.1.0',
      targets: [target('count', count, reached), target('fibre-share', share, '2026-11-30')], joint: { probability: 0.5, ci95: [0.4, 0.6] },
    });
    const prev = parsePreviousForecast(summaryJson(run(11, 0.62, null)), '2026-09/summary.json');
    const lines = revisionLines(reviseForecast(prev, run(12, 0.645, '2026-12-20'))).join('\n');
    expect(lines).toContain('median count at the deadline 11 -> 12; median date reached not within the horizon -> 2026-12-20 (now reached within the horizon)');
    expect(lines).toContain('median share at the deadline 62.0 % -> 64.5 %; median date reached 2026-11-30 -> 2026-11-30 (unchanged)');
  });

  it('gives each change as the difference of the two chances it prints: 41.6 % -> 43.4 % is +1.8 points, not the unrounded +1.7', () => {
    const target = (p: number) => ({
      id: 'share', label: 'share', metric: 'fibre-share' as const, threshold: 0.9, deadline: '2026-12-31',
      probability: p, ci95: [p - 0.02, p + 0.02] as [number, number], valueAtDeadline: { p10: 0.8, p50: 0.85, p90: 0.9 }, dateReached: { p50: null, p80: null, p90: null },
    });
    const run = (p: number): Summary => ({
      scenario: { name: 'kz', file: 'kz.yaml', sha256: 'a'.repeat(64) }, seed: 1, runs: 1000, version: '0.1.0',
      targets: [target(p)], joint: { probability: p, ci95: [p - 0.02, p + 0.02] },
    });
    const prev = parsePreviousForecast(summaryJson(run(0.41649)), '2026-09/summary.json');
    const lines = revisionLines(reviseForecast(prev, run(0.43351))).join('\n');
    expect(lines).toContain('share: 41.6 % -> 43.4 %  (+1.8 points, 95 % CI');
    expect(lines).toContain('all targets together: 41.6 % -> 43.4 %  (+1.8 points,');
  });

  it('names the previous file with no machine path, keeping its month\'s folder, never the home directory\'s name', () => {
    expect(shownFile('/data/out/2026-09/summary.json', '/work', '/home/ana')).toBe('2026-09/summary.json');
    expect(shownFile('/work/output/2026-09/summary.json', '/work', '/home/ana')).toBe('output/2026-09/summary.json');
    expect(shownFile('../2026-09/summary.json', '/work/output/2026-10', '/home/ana')).toBe('2026-09/summary.json');
    expect(shownFile('/data/out/2026-09/forecast.json', '/work', '/home/ana')).toBe('forecast.json');
    // In the home directory, or given from there: the folder's name would be the user's.
    expect(shownFile('/home/ana/summary.json', '/work', '/home/ana')).toBe('summary.json');
    expect(shownFile('summary.json', '/home/ana', '/home/ana')).toBe('summary.json');
    expect(shownFile('/summary.json', '/work', '/home/ana')).toBe('summary.json');
  });

  it('a folder named summary.json inside the directory given is said to be a folder, not a system error code', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'summary.json'));
    expect(() => readPrevious({ previous: dir })).toThrow(/expected an earlier run's summary\.json \(or its output directory\), found a directory \(a folder named summary\.json inside the one given\)/);
  });
});
