import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, rolloutIn, tempDir } from './helpers.js';

/** Mutated scenario files through the real command: exit 0 (still valid) or 2 with a message, never a crash or a trace. */
describe('rollout validate on damaged files', () => {
  it('answers 0 or 2, never 1, never a stack trace', async () => {
    const good = readFileSync(fixture('scenarios/fixed-schedule.yaml'), 'utf8');
    const dir = tempDir();
    await fc.assert(
      fc.asyncProperty(fc.nat(good.length), fc.nat(30), fc.string({ maxLength: 10 }), async (at, cut, paste) => {
        const file = join(dir, 'mutant.yaml');
        writeFileSync(file, good.slice(0, at) + paste + good.slice(at + cut));
        const r = await rolloutIn(['validate', file]);
        expect([0, 2]).toContain(r.status);
        expect(r.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
        if (r.status === 2) expect(r.stderr).toMatch(/mutant\.yaml/);
      }),
      { numRuns: 15, seed: 7 },
    );
  }, 120_000);
});
