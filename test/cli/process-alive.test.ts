import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { alive, procState } from '../../src/cli/process-alive.js';
import { cleanStaleTemps, TMP_PREFIX } from '../../src/cli/output-dir.js';
import { tempDir } from './helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const stateOf = (pid: number) => { try { return procState(readFileSync(`/proc/${pid}/stat`, 'utf8')); } catch { return null; } };

/**
 * A zombie of our own making: a shell starts `sleep 0.1` in the background, prints its pid
 * and replaces itself with `sleep 30`, which never reaps it — as a run killed while its
 * parent (timeout, a shell, a job runner) has not yet waited for it. Its pid, and a way to
 * end its parent (init then reaps it).
 */
async function zombie(): Promise<{ pid: number; end: () => void }> {
  const parent = spawn('sh', ['-c', 'sleep 0.1 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const pid = await new Promise<number>((resolve) => parent.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim()))));
  for (let i = 0; i < 100 && stateOf(pid) !== 'Z'; i++) await sleep(50);
  return { pid, end: () => parent.kill('SIGKILL') };
}

describe('whether the owner of a temporary folder is alive', () => {
  it('reads the state in /proc/<pid>/stat after the command name, whatever the name holds', () => {
    expect(procState('4242 (node) Z 1 4242 4242 0 -1')).toBe('Z');
    expect(procState('7 (a) b) S 1 7 7 0')).toBe('S'); // a name with ') ' in it
    expect(procState('9 (rollout run x) R 1')).toBe('R');
    expect(procState('garbage')).toBeNull();
  });

  it('this process is alive; a pid no process has is not', () => {
    expect(alive(process.pid)).toBe(true);
    expect(alive(2 ** 22 + 12345)).toBe(false); // above Linux's largest pid (2^22)
  });

  it.runIf(process.platform === 'linux')('a zombie (killed, not yet reaped) is not alive, and the next run removes the temporary folder it left', async () => {
    const z = await zombie();
    try {
      expect(stateOf(z.pid)).toBe('Z');
      expect(() => process.kill(z.pid, 0)).not.toThrow(); // what the check went by: "alive"
      expect(alive(z.pid)).toBe(false);
      expect(alive(z.pid, 'darwin')).toBe(true); // elsewhere kill(pid, 0) still decides
      // A staging folder it left, named as output-dir.ts names them (its pid, this host's tag), beside a live one of this process.
      const tag = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
      const parent = tempDir();
      mkdirSync(join(parent, `${TMP_PREFIX}${z.pid}-${tag}-result-abc123`));
      mkdirSync(join(parent, `${TMP_PREFIX}${process.pid}-${tag}-result-def456`));
      expect(cleanStaleTemps(parent)).toEqual([`${TMP_PREFIX}${z.pid}-${tag}-result-abc123`]);
      expect(readdirSync(parent)).toEqual([`${TMP_PREFIX}${process.pid}-${tag}-result-def456`]);
    } finally {
      z.end();
    }
  }, 20_000);
});
