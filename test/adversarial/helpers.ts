import { vi } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli } from '../../src/cli/main.js';

/**
 * Helpers of the adversarial cases: each case is a hostile or careless input with the
 * outcome it must have — exit status, a fragment of the message, files left untouched.
 * `rollout()` calls the command line in-process (no process start-up, no build needed);
 * the interrupt cases start real processes, since only they receive signals.
 */

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const fixture = (p: string) => join(ROOT, 'test', 'fixtures', p);
/** A 20-settlement scenario that runs in milliseconds. */
export const SMALL = fixture('known/exponential-crews.yaml');

export const tempDir = (prefix = 'rollout-adv-') => mkdtempSync(join(tmpdir(), prefix));

export interface Outcome {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs `rollout <argv>` in this process and returns its exit status and output. */
export async function rollout(argv: string[], signal: AbortSignal = new AbortController().signal): Promise<Outcome> {
  let stdout = '', stderr = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  try {
    const status = await cli(argv, signal, { err: (t) => (stderr += t) });
    return { status, stdout, stderr };
  } finally {
    spy.mockRestore();
  }
}

/** The small scenario with its text changed by `edit`, written as `name` into a fresh folder; returns its path. */
export function scenarioFile(edit: (yaml: string) => string, name = 'scenario.yaml', dir = tempDir()): string {
  const file = join(dir, name);
  writeFileSync(file, edit(readFileSync(SMALL, 'utf8')));
  return file;
}

/** Every file under `dir` with its bytes, to prove a directory was left exactly as it was. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p).toString('base64');
    }
  };
  walk(dir);
  return out;
}

/** A folder holding a user's files (not a rollout result). */
export function userFolder(files: Record<string, string> = { 'notes.txt': 'my notes\n', 'data/budget.xlsx': 'numbers' }): string {
  const dir = tempDir('rollout-user-');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

export const copyDir = (from: string, to: string) => cpSync(from, to, { recursive: true });
