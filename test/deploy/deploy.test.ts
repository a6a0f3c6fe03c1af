import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, fixture, ROOT, rolloutIn, tempDir } from '../cli/helpers.js';

/**
 * The deployment examples in deploy/ must run as written: their files parse, their
 * command lines use only options rollout has, the Kubernetes commands run for real through
 * a shell with the manifests' environment (scaled down), and their shards merge into the
 * single-machine result. deploy/test-slurm.sh runs the Slurm scripts on a real one-node
 * cluster (in .ci/run); here they are checked statically.
 */
const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');

interface Container {
  env?: { name: string; value: string }[];
  command: string[];
  args: string[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}
const container = (file: string) => {
  const job = parse(read(file));
  return { job, c: job.spec.template.spec.containers[0] as Container };
};
const envOf = (c: Container) => Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value]));

/** The long options `rollout <command> --help` lists. */
const helpOptions = new Map<string, Set<string>>();
function optionsOf(command: string): Set<string> {
  if (!helpOptions.has(command)) {
    const r = spawnSync(process.execPath, [BIN, command, '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    helpOptions.set(command, new Set(r.stdout.match(/--[a-z][a-z-]*/g)));
  }
  return helpOptions.get(command)!;
}

/** Each `node bin/rollout.js <command> ...` in a shell text: the command and the long options it passes. */
function rolloutCalls(text: string): { command: string; options: string[]; line: string }[] {
  const joined = text.replace(/\\\n/g, ' ');
  return [...joined.matchAll(/node bin\/rollout\.js (\w+)([^\n;]*)/g)].map((m) => ({ command: m[1], options: m[2].match(/(?<=\s)--[a-z][a-z-]*/g) ?? [], line: m[0] }));
}

function expectKnownOptions(file: string, text: string) {
  const calls = rolloutCalls(text);
  expect(calls.length, `${file} runs rollout`).toBeGreaterThan(0);
  for (const call of calls) {
    const known = optionsOf(call.command);
    for (const o of call.options) expect(known.has(o), `${file}: ${call.line}: rollout ${call.command} has no ${o}`).toBe(true);
  }
  return calls;
}

describe('the Kubernetes example (deploy/k8s-*.yaml)', () => {
  const shards = container('deploy/k8s-indexed-job.yaml');
  const merge = container('deploy/k8s-merge-job.yaml');

  it('is an Indexed Job with one completion per shard and a merge job over the same folder', () => {
    expect(shards.job.kind).toBe('Job');
    expect(shards.job.spec.completionMode).toBe('Indexed');
    const env = envOf(shards.c);
    expect(Number(env.SHARDS)).toBe(shards.job.spec.completions);
    expect(shards.job.spec.parallelism).toBeLessThanOrEqual(shards.job.spec.completions);
    expect(envOf(merge.c).SHARDS).toBe(env.SHARDS);
    expect(envOf(merge.c).RESULTS).toBe(env.RESULTS);
    for (const { c } of [shards, merge]) expect(c.command).toEqual(['/bin/sh', '-c']);
  });

  it('passes only options rollout has, and as many workers as the pod has CPUs', () => {
    const [run] = expectKnownOptions('k8s-indexed-job.yaml', shards.c.args[0]);
    expect(run.command).toBe('run');
    expect(run.options).toEqual(expect.arrayContaining(['--shard', '--workers', '--out']));
    const workers = Number(/--workers (\d+)/.exec(shards.c.args[0])?.[1]);
    expect(workers).toBe(Number(shards.c.resources?.limits?.cpu));
    expect(shards.c.resources?.requests?.cpu).toBe(shards.c.resources?.limits?.cpu);
    const [m] = expectKnownOptions('k8s-merge-job.yaml', merge.c.args[0]);
    expect(m.command).toBe('merge');
  });

  it('runs as written: every index through a shell, then the merge, equal to a single run', async () => {
    const dir = tempDir();
    const scenario = fixture('known/exponential-crews.yaml');
    // The manifests' environment, scaled down: 2 shards of 40 replications of a small scenario,
    // in a results folder whose name has a space (a volume path may).
    const env = { ...process.env, ...envOf(shards.c), SCENARIO: scenario, RUNS: '40', SEED: '5', SHARDS: '2', RESULTS: join(dir, 'base line') };
    for (const index of [0, 1]) {
      const r = spawnSync(shards.c.command[0], [...shards.c.command.slice(1), shards.c.args[0]], { cwd: ROOT, encoding: 'utf8', env: { ...env, JOB_COMPLETION_INDEX: String(index) } });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    }
    expect(readdirSync(join(dir, 'base line')).sort()).toEqual(['shard-1', 'shard-2']);
    const m = spawnSync(merge.c.command[0], [...merge.c.command.slice(1), merge.c.args[0]], { cwd: ROOT, encoding: 'utf8', env: { ...env, ...envOf(merge.c), SHARDS: '2', RESULTS: join(dir, 'base line') } });
    expect(m.stderr).toBe('');
    expect(m.status).toBe(0);
    const single = join(dir, 'single');
    expect((await rolloutIn(['run', scenario, '--runs', '40', '--seed', '5', '--out', single, '-q'])).status).toBe(0);
    expect(readFileSync(join(dir, 'base line', 'merged', 'summary.json'), 'utf8')).toBe(readFileSync(join(single, 'summary.json'), 'utf8'));
  }, 120_000);
});

describe('the Slurm example (deploy/slurm-*.sh)', () => {
  const scripts = ['slurm-array.sh', 'slurm-merge.sh', 'slurm-submit.sh', 'test-slurm.sh'];

  beforeAll(() => {
    for (const s of scripts) {
      const r = spawnSync('bash', ['-n', join(ROOT, 'deploy', s)], { encoding: 'utf8' });
      expect(r.stderr, s).toBe('');
    }
  });

  it('each shard runs one share with one worker per CPU Slurm gave it, and the merge waits for every shard however it ended', () => {
    const array = read('deploy/slurm-array.sh');
    const [run] = expectKnownOptions('slurm-array.sh', array);
    expect(run.command).toBe('run');
    expect(run.line).toMatch(/--shard "\$\{SLURM_ARRAY_TASK_ID\}\/\$\{SHARDS\}"/);
    expect(run.line).toMatch(/--workers "\$\{SLURM_CPUS_PER_TASK:-1\}"/);
    expect(array).toMatch(/^#SBATCH --cpus-per-task=\d+$/m);
    // Slurm opens the log before the job starts: no #SBATCH --output into a folder the job creates.
    expect(array).not.toMatch(/^#SBATCH --output/m);
    const [m] = expectKnownOptions('slurm-merge.sh', read('deploy/slurm-merge.sh'));
    expect(m.command).toBe('merge');
    const submit = read('deploy/slurm-submit.sh');
    expect(submit).toMatch(/mkdir -p "\$\{RESULTS\}\/logs"[\s\S]*sbatch/);
    expect(submit).toMatch(/--dependency="afterany:\$\{array\}"/);
  });
});

/**
 * A stand-in for `sbatch` that runs the job at once on this machine: each task of
 * `--array=LIST` (comma-separated ids) with SLURM_ARRAY_TASK_ID and _COUNT set, or the
 * script once; it prints a job id, as `--parsable` would.
 */
const FAKE_SBATCH = `#!/usr/bin/env bash
array= script=
for a in "$@"; do case "$a" in --array=*) array=\${a#--array=} ;; -*) ;; *) script=$a ;; esac; done
echo "$$"
if [ -n "$array" ]; then
  ids=\${array//,/ }; n=$(echo $ids | wc -w)
  for id in $ids; do SLURM_SUBMIT_DIR=$PWD SLURM_ARRAY_TASK_ID=$id SLURM_ARRAY_TASK_COUNT=$n bash "$script" >&2 || exit 1; done
else
  SLURM_SUBMIT_DIR=$PWD bash "$script" >&2
fi
`;

describe('the Slurm merge of a run with a failed shard', () => {
  it('prints a line that reruns the shard as a shard of the same run (its scenario, runs, seed), then merges it', async () => {
    const dir = tempDir();
    const results = join(dir, 'my results'); // a space: the printed line must quote it
    const scenario = fixture('known/exponential-crews.yaml');
    const settings = { SCENARIO: scenario, RUNS: '40', SEED: '5', SHARDS: '2', RESULTS: results, ROLLOUT_ARGS: '' };
    const env = { PATH: process.env.PATH!, HOME: dir, ...settings };
    mkdirSync(join(results, 'logs'), { recursive: true });
    // Shard 1 ran; shard 2 failed (never wrote its partial result).
    const one = spawnSync('bash', [join(ROOT, 'deploy', 'slurm-array.sh')], { encoding: 'utf8', env: { ...env, SLURM_SUBMIT_DIR: ROOT, SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_COUNT: '2' } });
    expect(one.stderr).toBe('');
    expect(one.status).toBe(0);
    const merge = spawnSync('bash', [join(ROOT, 'deploy', 'slurm-merge.sh')], { encoding: 'utf8', env: { ...env, SLURM_SUBMIT_DIR: ROOT } });
    expect(merge.status).toBe(1);
    expect(merge.stderr).toMatch(/shard\(s\) 2 of 2 did not finish/);
    const line = merge.stderr.split('\n').find((l) => l.trimStart().startsWith('cd '))!;
    expect(line).toBeDefined();
    // Pasted into a fresh shell, elsewhere, with none of the settings set.
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'sbatch'), FAKE_SBATCH);
    chmodSync(join(bin, 'sbatch'), 0o755);
    const rerun = spawnSync('bash', ['-c', line], { encoding: 'utf8', cwd: dir, env: { PATH: `${bin}:${process.env.PATH}`, HOME: dir } });
    expect(rerun.stderr).not.toMatch(/rollout: /);
    expect(rerun.status).toBe(0);
    expect(existsSync(join(results, 'merged', 'summary.json'))).toBe(true);
    const single = join(dir, 'single');
    expect((await rolloutIn(['run', scenario, '--runs', '40', '--seed', '5', '--out', single, '-q'])).status).toBe(0);
    for (const f of ['summary.json', 'runs.csv']) expect(readFileSync(join(results, 'merged', f)).equals(readFileSync(join(single, f))), f).toBe(true);
  }, 60_000);
});

describe('the Slurm merge of a run whose results folder holds an earlier run', () => {
  it('takes a shard whose partial result is older than the run\'s submission as failed, and says it is left from before', () => {
    const dir = tempDir();
    const results = join(dir, 'results');
    const scenario = fixture('known/exponential-crews.yaml');
    const env = { PATH: process.env.PATH!, HOME: dir, SCENARIO: scenario, RUNS: '40', SEED: '5', SHARDS: '2', RESULTS: results, ROLLOUT_ARGS: '' };
    const shard = (k: number) => spawnSync('bash', [join(ROOT, 'deploy', 'slurm-array.sh')], { encoding: 'utf8', env: { ...env, SLURM_SUBMIT_DIR: ROOT, SLURM_ARRAY_TASK_ID: String(k), SLURM_ARRAY_TASK_COUNT: '2' } });
    mkdirSync(join(results, 'logs'), { recursive: true });
    // An earlier run left both shards; then this run was submitted (slurm-submit.sh touches
    // logs/submitted) and only shard 1 ran again: shard 2 failed before replacing its folder.
    for (const k of [1, 2]) expect(shard(k).status).toBe(0);
    const earlier = new Date(Date.now() - 60_000);
    for (const k of [1, 2]) utimesSync(join(results, `shard-${k}`, 'partial.json'), earlier, earlier);
    writeFileSync(join(results, 'logs', 'submitted'), '');
    expect(shard(1).status).toBe(0);
    const merge = spawnSync('bash', [join(ROOT, 'deploy', 'slurm-merge.sh')], { encoding: 'utf8', env: { ...env, SLURM_SUBMIT_DIR: ROOT } });
    expect(merge.status).toBe(1);
    expect(merge.stderr).toMatch(/shard\(s\) 2 of 2 did not finish, so nothing was merged/);
    expect(merge.stderr).toMatch(/shard\(s\) 2 hold a partial result older than this run's submission, left from an earlier run in /);
    expect(existsSync(join(results, 'merged'))).toBe(false);
    // Once it runs again, the merge goes through.
    expect(shard(2).status).toBe(0);
    const again = spawnSync('bash', [join(ROOT, 'deploy', 'slurm-merge.sh')], { encoding: 'utf8', env: { ...env, SLURM_SUBMIT_DIR: ROOT } });
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
  }, 60_000);

  it('slurm-submit.sh marks the run\'s submission in its logs folder', () => {
    expect(read('deploy/slurm-submit.sh')).toContain('touch "${RESULTS}/logs/submitted"');
  });
});

describe('README', () => {
  it('names every file in deploy/ in its Deploying section', () => {
    const readme = read('README.md');
    const section = readme.slice(readme.indexOf('## Deploying'));
    expect(section.length).toBeLessThan(readme.length);
    for (const f of readdirSync(join(ROOT, 'deploy'))) expect(section, f).toContain(`deploy/${f}`);
  });
});
