import { describe, it, expect } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fixture, ROOT, rollout, tempDir } from './helpers.js';
import { loadScenario, readStatus } from '../../src/scenario/index.js';

/** Every file under `dir`, recursively (hidden ones too: markers are outputs). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/**
 * Issue 13: no output file may carry an absolute path of the machine it was made on (a
 * result is shared; a home directory names a person, a build server's layout is nobody's
 * business). Every command that writes is run with absolute paths for everything it is
 * given — a scenario inside the current directory, one outside it, observations, output
 * directories — and every file it writes is searched for the current directory, the home
 * directory and the temporary directory the test works in.
 */
describe('outputs carry no absolute path of the machine', () => {
  it('run, --observed, --score, --previous, --replay --state-at, shards and merge, compare, sensitivity, goal, allocate', () => {
    const tmp = realpathSync(tempDir('rollout-paths-'));
    const inside = fixture('observe/small.yaml'); // absolute, inside the current directory (the repository)
    const outsideDir = join(tmp, 'plans');
    mkdirSync(outsideDir);
    const outside = join(outsideDir, 'small.yaml');
    writeFileSync(outside, readFileSync(inside, 'utf8').replace('name: observe-small', 'name: observe-small-copy'));
    const obs = join(outsideDir, 'seen.csv');
    writeFileSync(obs, 'date,region,metric,value\n2026-06-30,,fibre-count,90\n');
    const out = (name: string) => join(tmp, 'out', name);
    const ok = (args: string[]) => {
      const r = rollout([...args, '--quiet']);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    };
    const small = ['--runs', '12', '--workers', '0'];
    ok(['run', inside, ...small, '--observed', obs, '--out', out('observed')]);
    ok(['run', outside, ...small, '--score', obs, '--out', out('scored')]);
    ok(['run', inside, ...small, '--replay', '3', '--state-at', '2026-06-30', '--out', out('replay')]);
    // The state per settlement, and the same counted per region and stage: both statuses the scenario reads.
    for (const f of ['state-2026-06-30.csv', 'state-2026-06-30-counts.csv']) {
      const read = readStatus(join(out('replay'), f), f, loadScenario(inside).input.regions.map((r) => r.id));
      expect(read.ok, f).toBe(true);
    }
    ok(['run', outside, ...small, '--previous', join(out('scored'), 'summary.json'), '--out', out('revised')]);
    ok(['run', outside, ...small, '--shard', '1/2', '--out', out('shard1')]);
    ok(['run', outside, ...small, '--shard', '2/2', '--out', out('shard2')]);
    ok(['merge', out('shard1'), out('shard2'), '--out', out('merged')]);
    ok(['compare', inside, outside, '--runs', '10', '--out', out('compare')]);
    ok(['sensitivity', outside, '--runs', '10', '--out', out('sensitivity')]);
    ok(['goal', fixture('known/crews-deadline.yaml'), '--target', 'all', '-p', '0.8', '--lever', 'fibre-crews', '--range', '0.1:0.6', ...small, '--out', out('goal')]);
    ok(['allocate', fixture('known/three-regions.yaml'), '--target', 'ninety', '--crews', '1', ...small, '--out', out('allocate')]);

    const machine = [ROOT.replace(/\/$/, ''), tmp, homedir()].filter((p) => p.length > 1);
    const written = filesUnder(join(tmp, 'out'));
    expect(written.length).toBeGreaterThan(40);
    const leaks: string[] = [];
    for (const f of written) {
      const text = readFileSync(f, 'latin1');
      for (const p of machine) if (text.includes(p)) leaks.push(`${relative(tmp, f)} contains ${p}`);
    }
    expect(leaks).toEqual([]);
    // The names that are kept: relative to the current directory inside it, the file name outside it.
    const summary = (d: string) => JSON.parse(readFileSync(join(out(d), 'summary.json'), 'utf8'));
    expect(summary('observed').scenario.file).toBe('test/fixtures/observe/small.yaml');
    expect(summary('merged').scenario.file).toBe('small.yaml');
    expect(JSON.parse(readFileSync(join(out('revised'), 'revision.json'), 'utf8')).previous.file).toBe('scored/summary.json');
    expect(JSON.parse(readFileSync(join(out('merged'), 'run-info.json'), 'utf8')).command).toBe('rollout merge shard1 shard2 --out merged --quiet');
  }, 300_000);

  it('the product never points to the brief or its data notes outside the repository', () => {
    // Issue 13's must-show, as written there: the grep finds nothing.
    let found = '';
    try {
      // The brief's files by name (model.md, contract.md, data.md, the press release's text file) and its research notes.
      found = execFileSync('grep', ['-rni', 'shared/brief\\|data\\.md\\|model\\.md\\|contract\\.md\\|press-release\\.txt\\|research notes', 'README.md', 'scenarios', 'src', 'examples', 'docs'].filter((f) => f !== 'docs' || existsSync(join(ROOT, f))), { cwd: ROOT, encoding: 'utf8' });
    } catch (e) {
      const status = (e as { status?: number }).status;
      expect(status).toBe(1); // grep: 1 = nothing found (2 would be an error)
    }
    expect(found).toBe('');
  });
});
