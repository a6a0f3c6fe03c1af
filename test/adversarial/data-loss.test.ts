import { describe, it, expect } from 'vitest';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { planOutput, writeStaged } from '../../src/cli/output-dir.js';
import { copyDir, ROOT, rollout, SMALL, snapshot, tempDir, userFolder } from './helpers.js';

/**
 * `--out DIR` never deletes a file rollout did not write (README, "Output
 * directories"). Today `--out .`, `--out ""` (an unset $OUT), the folder holding the
 * scenario, a file or a whole git clone were all replaced with exit 0.
 */

const run = (out: string, ...more: string[]) => rollout(['run', SMALL, '--runs', '20', '--workers', '0', '--out', out, '-q', ...more]);

describe('paths rollout refuses outright, even with --force (exit 2, before any work)', () => {
  const refused: { name: string; out: () => string; message: RegExp }[] = [
    { name: '--out "" (an unset variable in a script)', out: () => '', message: /--out "": an empty path \(an unset variable in a script\?\)/ },
    { name: '--out " "', out: () => ' ', message: /--out " ": an empty path/ },
    { name: '--out . (the current directory)', out: () => '.', message: /the current directory/ },
    { name: '--out / (the root)', out: () => '/', message: /the root of the file system/ },
    { name: '--out .. (an ancestor of the current directory)', out: () => '..', message: /holds the current directory/ },
    { name: 'the home directory', out: () => homedir(), message: /your home directory|holds the current directory/ },
  ];
  for (const c of refused) {
    for (const force of [false, true]) {
      it(`${c.name}${force ? ' with --force' : ''}`, async () => {
        const r = await run(c.out(), ...(force ? ['--force'] : []));
        expect(r.stderr).toMatch(c.message);
        expect(r.status).toBe(2);
        expect(r.stdout).toBe('');
      }, 30_000);
    }
  }

  it('the repository (cwd) is untouched by those attempts', () => {
    expect(existsSync(join(ROOT, '.rollout-result.json'))).toBe(false);
    expect(existsSync(join(ROOT, 'package.json'))).toBe(true);
  });

  it('the folder holding the scenario, even with --force', async () => {
    const dir = tempDir();
    copyDir(SMALL, join(dir, 'my.yaml'));
    writeFileSync(join(dir, 'notes.md'), 'mine\n');
    const before = snapshot(dir);
    for (const force of [[], ['--force']]) {
      const r = await rollout(['run', join(dir, 'my.yaml'), '--runs', '20', '--workers', '0', '--out', dir, ...force]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/holds .*my\.yaml, which this command reads/);
    }
    expect(snapshot(dir)).toEqual(before);
  }, 30_000);

  it('a previous result holding a file the scenario reads (its status, the file it extends), even with --force', async () => {
    // A state written by `run --replay i --state-at DATE --out st` is then named as the
    // status of a scenario run with `--out st`: the result would have replaced it.
    const dir = tempDir();
    const result = join(dir, 'st');
    mkdirSync(result);
    writeFileSync(join(result, 'state.csv'), 'date,region,stage,count\n2026-01-05,only,done,3\n');
    writeFileSync(join(result, 'summary.json'), '{}\n');
    writeFileSync(join(result, 'parent.yaml'), readFileSync(SMALL, 'utf8').replace('deadline: 2026-01-25', 'deadline: 2026-02-25'));
    writeFileSync(join(result, '.rollout-result.json'), JSON.stringify({ tool: 'rollout', version: '0', command: 'run', files: ['summary.json', 'state.csv', 'parent.yaml'] }));
    writeFileSync(join(dir, 'from-state.yaml'), 'name: from-state\nextends: st/parent.yaml\nstatus: st/state.csv\n');
    const before = snapshot(result);
    for (const force of [[], ['--force']]) {
      const r = await rollout(['run', join(dir, 'from-state.yaml'), '--runs', '20', '--workers', '0', '--out', result, ...force]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/holds .*st[\\/]parent\.yaml, which this command reads/);
    }
    expect(snapshot(result)).toEqual(before);
  }, 30_000);

  it('a file', async () => {
    const dir = tempDir();
    const file = join(dir, 'results.txt');
    writeFileSync(file, 'precious\n');
    const r = await run(file, '--force');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/is a file, not a directory/);
    expect(readFileSync(file, 'utf8')).toBe('precious\n');
  }, 30_000);

  it('a git work tree (a clone), even with --force', async () => {
    const clone = userFolder({ '.git/HEAD': 'ref: refs/heads/main\n', 'src/app.ts': 'code' });
    const before = snapshot(clone);
    const r = await run(clone, '--force');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/the root of a git work tree/);
    expect(snapshot(clone)).toEqual(before);
  }, 30_000);

  it('merge --out a shard directory it reads', async () => {
    const dir = tempDir();
    expect((await rollout(['run', SMALL, '--runs', '10', '--workers', '0', '--shard', '1/1', '--out', join(dir, 'p1'), '-q'])).status).toBe(0);
    const before = snapshot(join(dir, 'p1'));
    const r = await rollout(['merge', join(dir, 'p1'), '--out', join(dir, 'p1'), '-q']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/which this command reads/);
    expect(snapshot(join(dir, 'p1'))).toEqual(before);
  }, 30_000);

  it('merge --out a shard directory it reads, named through a symbolic link to a folder above it, even with --force', async () => {
    // `--out link/p1` where link -> the shards' folder: the same directory by another
    // name. Compared as written, the paths differ and the merge replaced the shard.
    const dir = tempDir();
    const shards = join(dir, 'shards');
    expect((await rollout(['run', SMALL, '--runs', '10', '--workers', '0', '--shard', '1/1', '--out', join(shards, 'p1'), '-q'])).status).toBe(0);
    symlinkSync(shards, join(dir, 'link'));
    const before = snapshot(join(shards, 'p1'));
    for (const [out, force] of [[join(dir, 'link', 'p1'), []], [join(dir, 'link', 'p1'), ['--force']], [join(dir, 'link'), ['--force']]] as const) {
      const r = await rollout(['merge', join(shards, 'p1'), '--out', out, '-q', ...force]);
      expect(r.stderr).toMatch(/which this command reads/);
      expect(r.status).toBe(2);
    }
    expect(snapshot(join(shards, 'p1'))).toEqual(before);
    // ... and the other way round: the shard named through the link, --out by its own path.
    const r = await rollout(['merge', join(dir, 'link', 'p1'), '--out', join(shards, 'p1'), '-q']);
    expect(r.stderr).toMatch(/which this command reads/);
    expect(r.status).toBe(2);
    expect(snapshot(join(shards, 'p1'))).toEqual(before);
  }, 30_000);

  it('run --out the folder holding its scenario, named through a symbolic link', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'plans'));
    copyDir(SMALL, join(dir, 'plans', 'my.yaml'));
    writeFileSync(join(dir, 'plans', 'notes.md'), 'mine\n');
    symlinkSync(dir, join(dir, 'again'));
    const before = snapshot(join(dir, 'plans'));
    const r = await rollout(['run', join(dir, 'plans', 'my.yaml'), '--runs', '10', '--workers', '0', '--out', join(dir, 'again', 'plans'), '--force', '-q']);
    expect(r.stderr).toMatch(/holds .*my\.yaml, which this command reads/);
    expect(r.status).toBe(2);
    expect(snapshot(join(dir, 'plans'))).toEqual(before);
  }, 30_000);

  for (const command of ['compare', 'sensitivity']) {
    it(`${command} --out .`, async () => {
      const args = command === 'compare' ? [SMALL, join(ROOT, 'test/fixtures/known/exponential-crews-more.yaml')] : [SMALL];
      const r = await rollout([command, ...args, '--runs', '10', '--workers', '0', '--out', '.']);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/the current directory/);
    }, 30_000);
  }
});

describe('an existing directory', () => {
  it('that rollout did not write is refused without --force, untouched', async () => {
    const dir = userFolder();
    const before = snapshot(dir);
    const r = await run(dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/is not empty and was not written by rollout \(it has no \.rollout-result\.json\).*--force/);
    expect(snapshot(dir)).toEqual(before);
  }, 30_000);

  it('with --force gets rollout files beside the user files, every one of which is kept', async () => {
    const dir = userFolder();
    const before = snapshot(dir);
    const r = await run(dir, '--force');
    expect(r.status).toBe(0);
    const after = snapshot(dir);
    for (const [f, bytes] of Object.entries(before)) expect(after[f]).toBe(bytes);
    expect(after['summary.json']).toBeDefined();
    const marker = JSON.parse(readFileSync(join(dir, '.rollout-result.json'), 'utf8'));
    expect(marker).toMatchObject({ tool: 'rollout', command: 'run' });
    expect(marker.files).toContain('summary.json');
    expect(marker.files).not.toContain('notes.txt');
  }, 30_000);

  it('that is a previous result is replaced: its old files go, a file the user added stays', async () => {
    const out = join(tempDir(), 'result');
    expect((await run(out, '--png')).status).toBe(0);
    expect(readdirSync(join(out, 'charts')).some((f) => f.endsWith('.png'))).toBe(true);
    writeFileSync(join(out, 'my-notes.txt'), 'keep me\n');
    expect((await run(out)).status).toBe(0); // no --png this time
    expect(readdirSync(join(out, 'charts')).some((f) => f.endsWith('.png'))).toBe(false); // rollout's old files removed
    expect(readFileSync(join(out, 'my-notes.txt'), 'utf8')).toBe('keep me\n');
    // Only rollout's own files: swapped whole, nothing else left behind.
    const clean = join(tempDir(), 'result');
    expect((await run(clean, '--png')).status).toBe(0);
    expect((await run(clean)).status).toBe(0);
    expect(readdirSync(dirname(clean))).toEqual(['result']);
  }, 60_000);

  it('--replay --out adds its file to a previous result and keeps the result', async () => {
    const out = join(tempDir(), 'result');
    expect((await run(out)).status).toBe(0);
    const before = snapshot(out);
    const r = await rollout(['run', SMALL, '--replay', '3', '--out', out]);
    expect(r.status).toBe(0);
    const after = snapshot(out);
    for (const f of Object.keys(before)) if (f !== '.rollout-result.json') expect(after[f]).toBe(before[f]);
    expect(after['replication-3-settlements.csv']).toBeDefined();
    // and into a user's folder only with --force
    const user = userFolder();
    expect((await rollout(['run', SMALL, '--replay', '3', '--out', user])).status).toBe(2);
  }, 30_000);
});

describe('a previous result holding a state written by --state-at', () => {
  it('is not replaced without --force (a scenario may start from the state), and with it is', async () => {
    const out = join(tempDir(), 'st');
    expect((await rollout(['run', SMALL, '--replay', '2', '--state-at', '2026-06-30', '--out', out, '-q'])).status).toBe(0);
    const before = snapshot(out);
    expect(before['state-2026-06-30.csv']).toBeDefined();
    const r = await run(out);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/holds state-2026-06-30-counts\.csv, state-2026-06-30\.csv, written by --state-at: a state a scenario may start from \(status:\), which this result would remove with the folder's other files\. Move them out of the folder first, or add --force to replace them too/);
    expect(snapshot(out)).toEqual(before);
    // The same replay again rewrites its state: nothing is lost, nothing refused.
    expect((await rollout(['run', SMALL, '--replay', '2', '--state-at', '2026-06-30', '--out', out, '-q'])).status).toBe(0);
    expect((await run(out, '--force')).status).toBe(0);
    expect(existsSync(join(out, 'state-2026-06-30.csv'))).toBe(false);
  }, 60_000);
});

describe('an impossible or read-only --out fails before the run with a clear message', () => {
  it('a path through a file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), 'x');
    const r = await run(join(dir, 'file', 'sub'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/a part of the path is a file, not a directory/);
    expect(r.stderr).not.toMatch(/EEXIST|ENOTDIR|EROFS|ENOENT/);
  }, 30_000);

  it('a place no folder can be created (/proc)', async () => {
    const r = await run('/proc/rollout-result');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--out "\/proc\/rollout-result": cannot write there: /);
    expect(r.stderr).not.toMatch(/EEXIST|ENOTDIR|EROFS|ENOENT/);
  }, 30_000);

  it.skipIf(process.getuid?.() === 0)('a read-only folder', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'ro'));
    chmodSync(join(dir, 'ro'), 0o555);
    try {
      const r = await run(join(dir, 'ro', 'result'));
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/cannot write there: permission denied/);
    } finally {
      chmodSync(join(dir, 'ro'), 0o755);
    }
  }, 30_000);
});

describe('nothing is written or removed through a symbolic link, and nothing moved while anything is in the way', () => {
  /** A folder of the user's, outside the result, with files of the names rollout writes. */
  const userCharts = () => userFolder({ 'coverage-fan.png': 'USER\n', 'coverage-fan.svg': 'USER\n', 'waits.svg': 'USER\n' });

  it('a previous result whose charts folder is now a link to a folder of the user\'s (exit 2, before any work)', async () => {
    const out = join(tempDir(), 'pr2');
    expect((await run(out, '--png')).status).toBe(0);
    const mine = userCharts();
    const before = snapshot(mine);
    rmSync(join(out, 'charts'), { recursive: true });
    symlinkSync(mine, join(out, 'charts'));
    const result = snapshot(out);
    const r = await run(out);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/pr2[\\/]charts is a symbolic link.*never writes or removes anything through a link/);
    expect(r.stdout).toBe('');
    expect(snapshot(mine)).toEqual(before);
    expect(snapshot(out)).toEqual(result);
    expect(readdirSync(dirname(out))).toEqual(['pr2']); // no work began: no staged directory
  }, 60_000);

  it('with --force, a folder of the user\'s whose charts folder is a link', async () => {
    const dir = userFolder();
    const mine = userCharts();
    const before = snapshot(mine);
    symlinkSync(mine, join(dir, 'charts'));
    const r = await run(dir, '--force');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/charts is a symbolic link/);
    expect(snapshot(mine)).toEqual(before);
    expect(existsSync(join(dir, '.rollout-result.json'))).toBe(false);
  }, 30_000);

  it('a link on the way to an older file rollout would remove', async () => {
    const dir = tempDir();
    const out = join(dir, 'result');
    const mine = userFolder({ 'thing.png': 'USER\n' });
    mkdirSync(out);
    writeFileSync(join(out, 'summary.json'), '{}\n');
    symlinkSync(mine, join(out, 'old'));
    writeFileSync(join(out, '.rollout-result.json'), JSON.stringify({ tool: 'rollout', version: '0', command: 'run', files: ['summary.json', 'old/thing.png'] }));
    const r = await run(out);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/result[\\/]old is a symbolic link, where rollout would remove its older files/);
    expect(readFileSync(join(mine, 'thing.png'), 'utf8')).toBe('USER\n');
  }, 30_000);

  it('a previous result with a directory where rollout writes a file is refused before any work, and stays whole', async () => {
    const out = join(tempDir(), 'prev');
    expect((await run(out)).status).toBe(0);
    rmSync(join(out, 'timeseries.csv'));
    mkdirSync(join(out, 'timeseries.csv'));
    writeFileSync(join(out, 'timeseries.csv', 'keep.txt'), 'mine\n');
    const before = snapshot(out);
    const r = await rollout(['run', SMALL, '--runs', '20', '--seed', '2', '--workers', '0', '--out', out, '-q']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/prev[\\/]timeseries\.csv is a directory, where rollout writes a file of that name/);
    expect(snapshot(out)).toEqual(before); // summary.json still seed 1's, under the old marker
  }, 60_000);

  it('a name found in the way only when the result is moved into place: nothing is moved, the previous result stays whole', async () => {
    // planOutput knows the names every run writes; a chart's name is known only at the end.
    const out = join(tempDir(), 'prev');
    expect((await run(out)).status).toBe(0);
    writeFileSync(join(out, 'my-notes.txt'), 'keep me\n');
    const before = snapshot(out);
    const plan = planOutput({ out, force: false, inputs: [], command: 'run', writes: [] });
    const staged = writeStaged(plan, async (tmp) => {
      writeFileSync(join(tmp, 'summary.json'), '{"new":true}\n');
      mkdirSync(join(tmp, 'charts'));
      writeFileSync(join(tmp, 'charts', 'late.svg'), '<svg/>\n');
      mkdirSync(join(out, 'charts', 'late.svg')); // in the way, after planOutput
    });
    await expect(staged).rejects.toThrow(/prev[\\/]charts[\\/]late\.svg is a directory, where rollout writes a file.*Nothing was moved: the previous result is as it was/);
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(dirname(out))).toEqual(['prev']); // the staged result removed
  }, 60_000);
});

describe('a refused command leaves no directory behind', () => {
  const refusals: { name: string; args: string[]; message: RegExp }[] = [
    { name: 'goal with an unknown --target', args: ['goal', SMALL, '--target', 'nope', '-p', '0.5', '--lever', 'fibre-crews'], message: /no target 'nope'/ },
    { name: 'goal with an unknown --lever', args: ['goal', SMALL, '--target', 'half', '-p', '0.5', '--lever', 'nope'], message: /unknown lever 'nope'/ },
    { name: 'goal with a negative --range', args: ['goal', SMALL, '--target', 'half', '-p', '0.5', '--lever', 'fibre-crews', '--range', '-1:2'], message: /a multiplier cannot be negative/ },
    { name: 'allocate with an unknown --programme', args: ['allocate', SMALL, '--target', 'half', '--money', '100', '--programme', 'nope'], message: /the nope programme has no limit on money/ },
    { name: 'allocate with an unknown --target', args: ['allocate', SMALL, '--target', 'nope', '--crews', '2'], message: /no target 'nope'/ },
  ];
  for (const c of refusals) {
    it(c.name, async () => {
      const dir = tempDir();
      const r = await rollout([...c.args, '--runs', '10', '--workers', '0', '--out', join(dir, 'g1', 'a', 'b', 'out')]);
      expect(r.stderr).toMatch(c.message);
      expect(r.status).toBe(2);
      expect(readdirSync(dir)).toEqual([]);
    }, 30_000);
  }

  it('a staged result discarded (a failure inside the command) takes the folders its staging created with it, not others', async () => {
    const dir = tempDir();
    const plan = planOutput({ out: join(dir, 'a', 'b', 'out'), force: false, inputs: [], command: 'run', writes: [] });
    await expect(writeStaged(plan, async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(readdirSync(dir)).toEqual([]);
    // A folder that holds something else by then stays.
    const plan2 = planOutput({ out: join(dir, 'a', 'b', 'out'), force: false, inputs: [], command: 'run', writes: [] });
    await expect(writeStaged(plan2, async () => { writeFileSync(join(dir, 'a', 'mine.txt'), 'x'); throw new Error('boom'); })).rejects.toThrow('boom');
    expect(readdirSync(dir)).toEqual(['a']);
    expect(readdirSync(join(dir, 'a'))).toEqual(['mine.txt']);
  }, 30_000);
});
