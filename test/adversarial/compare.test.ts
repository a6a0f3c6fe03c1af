import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { rollout, scenarioFile, tempDir } from './helpers.js';
import { loadScenario } from '../../src/scenario/index.js';
import { comparableTargets, CompareError } from '../../src/montecarlo/index.js';

/**
 * `compare` pairs targets by id. Today an option that redefines a target (threshold 0.9
 * vs 0.05) was paired as if it were the same one ("+100 points"), and options with no
 * target in common gave an empty table and exit 0.
 */

const option = (dir: string, name: string, edit: (y: string) => string = (y) => y) =>
  scenarioFile((y) => edit(y.replace('name: exponential-crews', `name: ${name}`)), `${name}.yaml`, dir);

const redefinitions: { name: string; edit: (y: string) => string; message: RegExp }[] = [
  { name: 'its threshold', edit: (y) => y.replace('threshold: 0.5', 'threshold: 0.05'), message: /target 'half' is not the same target in 'b' as in 'a': its threshold is 0\.05 in 'b' but 0\.5 in 'a'/ },
  { name: 'its deadline', edit: (y) => y.replace('deadline: 2026-01-25', 'deadline: 2026-06-30'), message: /its deadline is 2026-06-30 in 'b' but 2026-01-25 in 'a'/ },
  { name: 'its metric', edit: (y) => y.replace('metric: fibre-share', 'metric: coverage-share'), message: /its metric is coverage-share in 'b' but fibre-share in 'a'/ },
  { name: 'its regions', edit: (y) => y.replace('deadline: 2026-01-25', 'deadline: 2026-01-25\n    regions: [only]'), message: /its regions are only in 'b' but the whole country in 'a'/ },
];

describe('compare refuses a target an option redefines: exit 2, naming the target and the difference', () => {
  for (const c of redefinitions) {
    it(c.name, async () => {
      const dir = tempDir();
      const out = join(dir, 'out');
      const r = await rollout(['compare', option(dir, 'a'), option(dir, 'b', c.edit), '--runs', '20', '--workers', '0', '--out', out]);
      expect(r.stderr).toMatch(c.message);
      expect(r.stderr).toMatch(/give the redefined target its own id/);
      expect(r.status).toBe(2);
      expect(existsSync(out)).toBe(false);
    }, 30_000);
  }

  it('options whose money is in different currencies (checked before any run)', () => {
    const dir = tempDir();
    const a = loadScenario(option(dir, 'a')), b = loadScenario(option(dir, 'b', (y) => y.replace('currency: units', 'currency: M USD')));
    expect(() => comparableTargets([a, b])).toThrow(CompareError);
    expect(() => comparableTargets([a, b])).toThrow(/different currencies \('a': units; 'b': M USD\)/);
    expect(comparableTargets([a, loadScenario(option(dir, 'c'))]).compared).toEqual(['half']);
  });

  it('options with no target in common', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const r = await rollout(['compare', option(dir, 'a'), option(dir, 'b', (y) => y.replace('id: half', 'id: other')), '--runs', '20', '--workers', '0', '--out', out]);
    expect(r.stderr).toMatch(/the options have no target in common \('a': half; 'b': other\); there is nothing to compare/);
    expect(r.status).toBe(2);
    expect(existsSync(out)).toBe(false);
  }, 30_000);

  it('a target only some options have is left out, and said so', async () => {
    const dir = tempDir();
    const extra = (y: string) => y.replace('targets:', 'targets:\n  - { id: all, label: All done, metric: fibre-share, threshold: 1, deadline: 2026-12-31 }');
    const r = await rollout(['compare', option(dir, 'a'), option(dir, 'b', extra), '--runs', '20', '--workers', '0', '--out', join(dir, 'out')]);
    expect(r.status).toBe(0);
    // Named under "all targets together", which is over the targets every option has.
    expect(r.stdout).toMatch(/  All targets together \(every target met in the same simulated future; over the targets every option has\)\n    a  .*\(reference\)\n    b  .*difference .*\n    Not compared: target 'all' is only in 'b'\./);
  }, 30_000);

  it('a relabelled target is still the same target', async () => {
    const dir = tempDir();
    const r = await rollout(['compare', option(dir, 'a'), option(dir, 'b', (y) => y.replace('label: Half of the jobs done', 'label: Half the jobs')), '--runs', '20', '--workers', '0', '--out', join(dir, 'out')]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 30_000);
});
