import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, ROOT, tempDir } from './helpers.js';
import { rolloutInProcess } from './minister-helpers.js';

const three = fixture('known/three-regions.yaml');

describe('rollout allocate', () => {
  it('writes allocation.json, allocation.html and the two charts, and prints where the crews go', async () => {
    const out = join(tempDir(), 'alloc');
    const r = await rolloutInProcess(['allocate', three, '--target', 'ninety', '--crews', '2', '--runs', '100', '--workers', '0', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Put the 2 fibre crews /);
    expect(r.stdout).toMatch(/even split +\d+\.\d %/);
    // Its differences are signed as every other command's: '+0.0 points (95 % CI −3.7 to +3.7)', never '-3.7 to 3.7'.
    expect(r.stdout).toMatch(/found minus it [+−]\d+\.\d points \(95 % CI [+−]\d+\.\d to [+−]\d+\.\d\)/);
    expect(r.stdout).not.toMatch(/CI -\d/);
    const a = JSON.parse(readFileSync(join(out, 'allocation.json'), 'utf8'));
    expect(a.allocation.map((x: { added: number }) => x.added).reduce((s: number, x: number) => s + x, 0)).toBe(2);
    expect(a.steps).toHaveLength(2);
    expect(a.compared.map((c: { name: string }) => c.name)).toEqual(['even', 'in proportion']);
    expect(readdirSync(join(out, 'charts')).sort()).toEqual(['allocation-path.svg', 'allocation-path.vl.json', 'allocation-split.svg', 'allocation-split.vl.json']);
    expect(readFileSync(join(out, 'allocation.html'), 'utf8')).toContain('Where do extra crews do most good?');
  }, 60_000);

  it('bad questions are usage errors (exit 2) that write nothing', async () => {
    const parent = tempDir();
    const cases: [string[], RegExp][] = [
      [['--target', 'ninety'], /--crews N .* or --money AMOUNT/],
      [['--target', 'ninety', '--crews', '2', '--money', '5'], /not both/],
      [['--target', 'ninety', '--crews', '2.5'], /--crews must be a whole number/],
      [['--target', 'ninety', '--crews', '2', '--technology', 'radio'], /--technology must be one of fibre, mast, satellite/],
      [['--target', 'ninety', '--money', '100'], /no limit on money/],
      // Mast crews in a scenario without masts would connect nothing: every split ties, and the answer would be the first region.
      [['--target', 'ninety', '--crews', '4', '--technology', 'mast'], /no mast section, so mast crews would connect nothing; --technology must be one it has: fibre/],
      [['--target', 'nope', '--crews', '2'], /no target 'nope'/],
      [['--target', 'ninety', '--crews', '2', '--search', 'lazy'], /--search must be greedy or exhaustive/],
      // An option of the other kind of question would go unused: refused.
      [['--target', 'ninety', '--crews', '2', '--units', '4'], /--units goes with --money, not with --crews/],
      [['--target', 'ninety', '--crews', '2', '--programme', 'fibre', '--units', '4'], /--programme and --units go with --money, not with --crews/],
      [['--target', 'ninety', '--money', '100', '--step', '2'], /--step goes with --crews, not with --money/],
      [['--target', 'ninety', '--money', '100', '--technology', 'fibre'], /--technology goes with --crews, not with --money/],
      // The observations are read and checked before anything is written, as run --observed reads them.
      [['--target', 'ninety', '--crews', '2', '--observed', join(parent, 'missing.csv')], /missing\.csv: expected an observations CSV file/],
    ];
    for (const [args, message] of cases) {
      const out = join(parent, 'x');
      const r = await rolloutInProcess(['allocate', three, ...args, '--runs', '10', '--workers', '0', '--out', out]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
    expect(readdirSync(parent)).toEqual([]);
  }, 60_000);

  it('asks for what is missing, not for what was never given', async () => {
    const out = join(tempDir(), 'x');
    const neither = await rolloutInProcess(['allocate', three, '--target', 'ninety', '--runs', '10', '--workers', '0', '--out', out]);
    expect(neither.status).toBe(2);
    expect(neither.stderr).toMatch(/say what to allocate: --crews N .* or --money AMOUNT/);
    expect(neither.stderr).not.toMatch(/not both/);
    // The baseline has three financing programmes, none called fibre: --programme is needed, and the error says so.
    const baseline = join(ROOT, 'scenarios', 'kazakhstan-baseline.yaml');
    const money = await rolloutInProcess(['allocate', baseline, '--target', 'coverage-2027', '--money', '30000', '--runs', '10', '--workers', '0', '--out', out]);
    expect(money.status).toBe(2);
    expect(money.stderr).toMatch(/give --programme: this scenario has several financing programmes \(kazakhtelecom, dare, mobile\)/);
    expect(money.stderr).not.toMatch(/'fibre'/);
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});
