import { describe, it, expect } from 'vitest';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
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
    expect(existsSync(join(out, '.rollout-result.json'))).toBe(true);
    // Its own earlier result is replaced.
    const again = await runScenario(fixture('known/exponential-crews.yaml'), { runs: 50, seed: 3, workers: 0, out });
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).runs).toBe(again.summary.runs);
  }, 60_000);

  it('runScenario never writes into a folder rollout did not write, and says so before running', async () => {
    const mine = join(tempDir(), 'thesis');
    mkdirSync(mine);
    writeFileSync(join(mine, 'chapter1.tex'), 'my work');
    await expect(runScenario(fixture('known/exponential-crews.yaml'), { runs: 10, seed: 3, workers: 0, out: mine })).rejects.toThrow(/thesis/);
    expect(readdirSync(mine)).toEqual(['chapter1.tex']);
    expect(readFileSync(join(mine, 'chapter1.tex'), 'utf8')).toBe('my work');
    await expect(runScenario(fixture('known/exponential-crews.yaml'), { runs: 10, seed: 3, workers: 0, out: '' })).rejects.toThrow(/empty path/);
  }, 60_000);
});
