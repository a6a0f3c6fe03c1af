import { spawnSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDirs } from '../../src/cli/make-dirs.js';
import { BIN, fixture, ROOT, tempDir } from './helpers.js';

describe('makeDirs', () => {
  it('creates every missing folder and returns the highest it created', () => {
    const root = tempDir('rollout-mkdirs-');
    const deep = join(root, 'a', 'b', 'c');
    expect(makeDirs(deep)).toBe(join(root, 'a'));
    expect(statSync(deep).isDirectory()).toBe(true);
    expect(makeDirs(deep), 'nothing to create').toBeUndefined();
    expect(makeDirs(join(root, 'a', 'd'))).toBe(join(root, 'a', 'd'));
  });

  it('stops at a file in the way with its error, creating nothing below it', () => {
    const root = tempDir('rollout-mkdirs-');
    writeFileSync(join(root, 'file'), 'mine');
    expect(() => makeDirs(join(root, 'file', 'x', 'y'))).toThrow(/ENOTDIR|EEXIST/);
    expect(existsSync(join(root, 'file', 'x'))).toBe(false);
  });

  it.runIf(process.platform === 'linux' && existsSync('/proc/self'))(
    '--out under /proc is refused at once (Node\'s recursive mkdir loops for ever there, deaf to signals)',
    () => {
      // A real process with a time limit: if the loop came back it could not be interrupted in this one.
      const r = spawnSync(process.execPath, [BIN, 'run', fixture('known/exponential-crews.yaml'), '--runs', '2', '--out', '/proc/rollout-test/x'], {
        cwd: ROOT, encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL',
      });
      expect(r.signal, 'killed after 60 s: the mkdir loop is back').toBeNull();
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('--out "/proc/rollout-test/x": cannot write there: a folder cannot be created there');
    },
    90_000,
  );
});
