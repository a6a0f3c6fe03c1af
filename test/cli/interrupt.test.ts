import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, rolloutAsync, tempDir } from './helpers.js';

/** Waits until a temporary output directory appears (the run is under way). */
async function waitForTemp(dir: string, ms = 50_000): Promise<void> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if (readdirSync(dir).some((f) => f.startsWith('.rollout-tmp-'))) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('run never started');
}

describe('an interrupted run', () => {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal} stops the workers, leaves no output and no temporary files, exits ${code}`, async () => {
      const dir = tempDir();
      const out = join(dir, 'result');
      const child = rolloutAsync(['run', fixture('known/erlang-c.yaml'), '--runs', '100000', '--workers', '2', '--out', out]);
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      await waitForTemp(dir);
      await new Promise((r) => setTimeout(r, 300));
      child.kill(signal);
      const status = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      expect(status).toBe(code);
      expect(stderr).toMatch(/interrupted; no output was written/);
      expect(readdirSync(dir)).toEqual([]);
    }, 60_000);
  }

  it('a second Ctrl-C exits at once, still leaving nothing behind', async () => {
    const dir = tempDir();
    const child = rolloutAsync(['run', fixture('known/erlang-c.yaml'), '--runs', '100000', '--workers', '2', '--out', join(dir, 'result')]);
    await waitForTemp(dir);
    child.kill('SIGINT');
    child.kill('SIGINT');
    const status = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(status).toBe(130);
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);
});
