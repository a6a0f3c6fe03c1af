import { vi } from 'vitest';
import { cli } from '../../src/cli/main.js';

/**
 * Runs the command line in this process (no new Node process: quick, and enough where
 * signals and a real exit do not matter) and returns its exit status and output.
 */
export async function rolloutInProcess(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '', stderr = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { stdout += String(chunk); return true; });
  // What the commands write to stderr themselves (a conditioned answer's warnings), besides the errors cli reports.
  const errSpy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { stderr += String(chunk); return true; });
  try {
    const status = await cli(args, new AbortController().signal, { err: (t) => { stderr += t; } });
    return { status, stdout, stderr };
  } finally {
    spy.mockRestore();
    errSpy.mockRestore();
  }
}
