import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { fixture, ROOT, rollout, tempDir } from './helpers.js';

const scenario = fixture('known/exponential-crews.yaml');
const same = (a: string, b: string, file: string) => expect(readFileSync(join(a, file)).equals(readFileSync(join(b, file)))).toBe(true);

describe('shards and merge', () => {
  it('merging shards gives byte-identical results to a single run', () => {
    const dir = tempDir();
    const single = join(dir, 'single');
    expect(rollout(['run', scenario, '--runs', '101', '--seed', '6', '--out', single, '-q']).status).toBe(0);
    for (const k of [1, 2, 3]) {
      const r = rollout(['run', scenario, '--runs', '101', '--seed', '6', '--shard', `${k}/3`, '--out', join(dir, `part${k}`), '--workers', String(k % 2)]);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`shard ${k}/3`));
    }
    // Order of the directories does not matter.
    const merged = join(dir, 'merged');
    const m = rollout(['merge', join(dir, 'part3'), join(dir, 'part1'), join(dir, 'part2'), '--out', merged, '-q']);
    expect(m.stderr).toBe('');
    expect(m.status).toBe(0);
    // (Charts and report.html carry the date of the run in their footers, so they differ.)
    for (const f of ['summary.json', 'runs.csv', 'timeseries.csv']) same(single, merged, f);
  }, 120_000);

  it('refuses shards that do not belong together, with exit status 2', () => {
    const dir = tempDir();
    rollout(['run', scenario, '--runs', '40', '--seed', '1', '--shard', '1/2', '--out', join(dir, 'a1'), '-q']);
    rollout(['run', scenario, '--runs', '40', '--seed', '2', '--shard', '2/2', '--out', join(dir, 'b2'), '-q']);
    const wrongSeed = rollout(['merge', join(dir, 'a1'), join(dir, 'b2'), '--out', join(dir, 'x')]);
    expect(wrongSeed.status).toBe(2);
    expect(wrongSeed.stderr).toMatch(/the seed is 2, but .* has 1/);
    const missing = rollout(['merge', join(dir, 'a1'), '--out', join(dir, 'x')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/replications 20-39 are missing/);
    const twice = rollout(['merge', join(dir, 'a1'), join(dir, 'a1'), '--out', join(dir, 'x')]);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toMatch(/repeats replications 0-19/);
    expect(rollout(['run', scenario, '--shard', '3/2']).status).toBe(2);
    writeFileSync(join(dir, 'a1', 'partial.json'), 'garbage');
    expect(rollout(['merge', join(dir, 'a1')]).stderr).toMatch(/not JSON/);
  }, 60_000);

  it('the Kubernetes and Slurm examples run real shard commands that merge', () => {
    const k8s = parse(readFileSync(join(ROOT, 'deploy/k8s-indexed-job.yaml'), 'utf8'));
    const shardArgs: string = k8s.spec.template.spec.containers[0].args[0];
    expect(k8s.spec.completionMode).toBe('Indexed');
    expect(shardArgs).toMatch(/--shard \$\(\(JOB_COMPLETION_INDEX \+ 1\)\)\/10/);
    const slurm = readFileSync(join(ROOT, 'deploy/slurm-array.sh'), 'utf8');
    expect(slurm).toMatch(/#SBATCH --array=1-10/);
    expect(slurm).toMatch(/--shard "\$\{SLURM_ARRAY_TASK_ID\}\/\$\{SLURM_ARRAY_TASK_COUNT:-10\}"/);
    // Run the Kubernetes command for two of its indices on a small scenario.
    const dir = tempDir();
    const words = (index: number) => shardArgs
      .replace('$((JOB_COMPLETION_INDEX + 1))', String(index + 1)).replace('$((JOB_COMPLETION_INDEX + 1))', String(index + 1))
      .replace('scenarios/kazakhstan-baseline.yaml', scenario).replace('--runs 100000', '--runs 20').replace('/10', '/2')
      .replace(/\/results\//g, `${dir}/`).split(/\s+/).filter(Boolean).slice(2);
    for (const i of [0, 1]) expect(rollout(words(i)).status).toBe(0);
    expect(rollout(['merge', join(dir, 'baseline/shard-1'), join(dir, 'baseline/shard-2'), '--out', join(dir, 'merged'), '-q']).status).toBe(0);
  }, 60_000);
});
