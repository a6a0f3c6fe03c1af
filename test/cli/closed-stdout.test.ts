import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, rolloutAsync, tempDir } from './helpers.js';

/**
 * Runs rollout (a real process: the pipe's other end must close) and closes its stdout once
 * `lines` lines have come, as `| head -N` does; its exit code, stderr and the lines read.
 */
function head(args: string[], lines: number, cwd?: string): Promise<{ code: number | null; stderr: string; out: string }> {
  return new Promise((resolve, reject) => {
    const child = rolloutAsync(args, cwd ? { cwd } : {});
    let out = '', stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.split('\n').length > lines) child.stdout.destroy();
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, out }));
  });
}

describe('a closed stdout (`| head`)', () => {
  it('ends a trace quietly: no stack trace, exit 141 as a Unix tool the pipe stopped, no temporary folder left', async () => {
    const dir = tempDir();
    const r = await head(['run', fixture('observe/small.yaml'), '--runs', '50', '--replay', '1', '--trace', '--out', 'replay'], 2, dir);
    expect(r.out.split('\n').length).toBeGreaterThan(2); // it was printing the trace...
    expect(r.stderr).toBe(''); // ...and stopped without a word: no "Unhandled 'error' event", no stack
    expect(r.code).toBe(141);
    expect(readdirSync(dir).filter((f) => f.startsWith('.rollout-tmp'))).toEqual([]);
    expect(existsSync(join(dir, 'replay'))).toBe(false); // stopped before it wrote anything
  }, 60_000);
});
