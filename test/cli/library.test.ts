import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, tempDir } from './helpers.js';
import { runScenario } from '../../src/index.js';

describe('the library', () => {
  it('runScenario loads, runs and writes a report', async () => {
    const out = join(tempDir(), 'lib');
    const r = await runScenario(fixture('known/exponential-crews.yaml'), { runs: 100, seed: 3, workers: 0, out });
    expect(r.summary.runs).toBe(100);
    expect(r.summary.targets[0].id).toBe('half');
    expect(existsSync(join(out, 'report.html'))).toBe(true);
  }, 60_000);
});
