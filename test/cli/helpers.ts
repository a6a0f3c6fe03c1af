import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// The built CLI (npm test builds dist/ first), as bin/rollout.js runs it: its worker threads
// start from compiled JavaScript, several times faster than TypeScript through tsx.
import { cli } from '../../dist/cli/main.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'rollout.js');
export const fixture = (p: string) => join(ROOT, 'test', 'fixtures', p);

export interface Outcome {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI (npm test builds dist/ first) in a new process and returns its exit
 * status and output. For what only a real process shows: the launcher, signals, the
 * modules loaded at start-up, `--help` (yargs exits the process after printing it), and the
 * test-only fault hook (ROLLOUT_TEST_FAULT in `opts.env`, read by src/montecarlo/faults.ts).
 */
export function rollout(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', ...opts.env } });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

let running = false;

/**
 * Runs the command line in this process through the exported `cli()` (the same code as
 * bin/rollout.js, without starting Node again): exit status, stdout and stderr, with
 * relative paths resolved against the repository. Calls must not overlap (stdout is
 * captured by swapping process.stdout.write), so await each one.
 */
export async function rolloutIn(args: string[]): Promise<Outcome> {
  if (running) throw new Error('rolloutIn: calls must not overlap');
  running = true;
  let stdout = '';
  let stderr = '';
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stdout.write;
  try {
    const status = await cli(args, new AbortController().signal, { err: (t) => (stderr += t) });
    return { status, stdout, stderr };
  } finally {
    process.stdout.write = write;
    running = false;
  }
}

/** Starts the CLI in the background. */
export function rolloutAsync(args: string[], opts: { cwd?: string } = {}) {
  return spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, env: { ...process.env, FORCE_COLOR: '0' } });
}

export const tempDir = (prefix = 'rollout-test-') => mkdtempSync(join(tmpdir(), prefix));
