import { describe, it, expect, vi } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, rolloutIn, tempDir } from './helpers.js';

const base = fixture('known/exponential-crews.yaml');
const more = fixture('known/exponential-crews-more.yaml');

describe('rollout compare', () => {
  it('prints each option\'s probability and the paired difference with its interval, and writes the comparison', async () => {
    const out = join(tempDir(), 'cmp');
    const r = await rolloutIn(['compare', base, more, '--runs', '300', '--seed', '3', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/exponential-crews\s+\d+\.\d % \(/);
    expect(r.stdout).toMatch(/exponential-crews-more\s+\d+\.\d % \(.*difference \+\d+\.\d points \(95 % CI/);
    expect(r.stdout).toMatch(/independent runs would give/);
    const c = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8'));
    const d = c.targets[0].differences[0];
    // The share reached by the deadline, each option's and the paired difference in its mean, as comparison.json has it.
    const pts = (x: number) => `${x >= 0 ? '+' : '−'}${(Math.abs(x) * 100).toFixed(1)}`;
    expect(r.stdout).toContain(`share reached by ${c.targets[0].deadline}:`);
    expect(r.stdout).toContain(`mean ${pts(d.valueAtDeadline.mean)} points (95 % CI ${pts(d.valueAtDeadline.ci95[0])} to ${pts(d.valueAtDeadline.ci95[1])})`);
    expect(d.valueAtDeadline.mean).toBeGreaterThan(0); // more crews reach more
    expect(d.option).toBe('exponential-crews-more');
    expect(d.ci95[1] - d.ci95[0]).toBeLessThan(d.independentCi95[1] - d.independentCi95[0]);
    expect(d.lost).toBe(0);
    // Every target together, as `run` prints it and comparison.json has it (joint).
    const pc = (x: number) => `${(x * 100).toFixed(1)} %`;
    const [ref, option] = c.joint.options;
    const jd = c.joint.differences[0];
    expect(r.stdout).toContain(`  All targets together (every target met in the same simulated future)\n    exponential-crews       ${pc(ref.probability)} (${pc(ref.ci95[0])} – ${pc(ref.ci95[1])})   (reference)\n    exponential-crews-more  ${pc(option.probability)} (`);
    // The difference as the two printed chances differ (the paired difference itself, unrounded, in comparison.json).
    const shownDiff = (Math.round(Number((option.probability * 100).toFixed(1)) * 10) - Math.round(Number((ref.probability * 100).toFixed(1)) * 10)) / 1000;
    expect(Math.abs(shownDiff - jd.probability)).toBeLessThan(0.0011);
    expect(r.stdout).toContain(`difference ${pts(shownDiff)} points (95 % CI ${pts(jd.ci95[0])} to ${pts(jd.ci95[1])}; independent runs would give ${pts(jd.independentCi95[0])} to ${pts(jd.independentCi95[1])})\n`);
    expect(existsSync(join(out, 'comparison.html'))).toBe(true);
    expect(readdirSync(join(out, 'charts')).filter((f) => f.endsWith('.svg')).length).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it('needs two scenarios with different names', async () => {
    expect((await rolloutIn(['compare', base])).status).toBe(2);
    const same = await rolloutIn(['compare', base, base, '--runs', '10']);
    expect(same.status).toBe(2);
    expect(same.stderr).toMatch(/both named 'exponential-crews'/);
  });
});

describe('rollout sensitivity', () => {
  it('swings each uncertain input and lever and writes tornado charts and the rank correlations', async () => {
    const out = join(tempDir(), 'sens');
    const r = await rolloutIn(['sensitivity', base, '--runs', '200', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/largest swings/);
    const s = JSON.parse(readFileSync(join(out, 'sensitivity.json'), 'utf8'));
    const inputs = s.swings.map((w: { input: string }) => w.input);
    expect(inputs).toContain('settlementDefaults.backboneKm');
    expect(inputs).toContain('regions[].crews.fibre');
    // Longer jobs (P90 distance) can only lower the chance; more crews can only raise it.
    const km = s.swings.find((w: { input: string }) => w.input === 'settlementDefaults.backboneKm');
    expect(km.targets[0].high.probability).toBeLessThanOrEqual(km.targets[0].low.probability);
    const crews = s.swings.find((w: { input: string }) => w.input === 'regions[].crews.fibre');
    expect(crews.targets[0].high.probability).toBeGreaterThanOrEqual(crews.targets[0].low.probability);
    // The share's swing is the distance between the two mean shares reached by the deadline; longer lines reach less.
    for (const w of s.swings) for (const t of w.targets) expect(t.shareSwing).toBeCloseTo(Math.abs(t.high.valueAtDeadlineMean - t.low.valueAtDeadlineMean), 5);
    expect(km.targets[0].high.valueAtDeadlineMean).toBeLessThan(km.targets[0].low.valueAtDeadlineMean);
    const charts = readdirSync(join(out, 'charts'));
    expect(charts.some((f) => f.startsWith('tornado-share-'))).toBe(true);
    expect(charts.some((f) => f.startsWith('tornado-'))).toBe(true);
    expect(existsSync(join(out, 'sensitivity.html'))).toBe(true);
  }, 60_000);
});

describe('rollout run --precision', () => {
  it('says how many replications it took', async () => {
    const out = join(tempDir(), 'prec');
    const r = await rolloutIn(['run', base, '--precision', '0.05', '--runs', '100', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Stopped at [\d,]+ replications: every target's 95 % half-width is at most 0\.05/);
    expect(existsSync(join(out, 'charts', 'convergence.svg'))).toBe(true);
    expect((await rolloutIn(['run', base, '--precision', '2'])).status).toBe(2);
  }, 60_000);
});

describe('rollout run of a scenario without targets', () => {
  it('states the joint cost level as the cost alone within the money, not as every target met', async () => {
    const dir = tempDir();
    const file = join(dir, 'no-targets.yaml');
    writeFileSync(file, `name: no-targets\nextends: ${fixture('known/cost-overrun-hard.yaml')}\ntargets:\n  - { id: all-2026, drop: true }\n`);
    const out = join(dir, 'out');
    const r = await rolloutIn(['run', file, '--runs', '50', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('(this scenario has no targets: see the report for coverage over time)');
    // Every line costs at most 15 and the money is 130: every future stays within it.
    expect(r.stdout).toMatch(/the cost within the programme's money \(no targets\) \(130\): 100\.0 %/);
    expect(r.stdout).not.toContain('every target met within');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('Chance of staying within it (the scenario has no targets)');
  }, 60_000);
});

describe('--check reaches the replications of compare and sensitivity (their --help lists it)', () => {
  for (const [command, args] of [['compare', [base, more]], ['sensitivity', [base]]] as const) {
    it(command, async () => {
      const { Replicator } = await import('../../dist/model/index.js'); // the model rolloutIn's built CLI runs
      const spy = vi.spyOn(Replicator.prototype, 'run');
      try {
        const r = await rolloutIn([command, ...args, '--runs', '10', '--workers', '0', '--check', '--out', join(tempDir(), 'out'), '-q']);
        expect(r.status).toBe(0);
        expect(spy).toHaveBeenCalled();
        expect(spy.mock.calls.every(([, , o]) => o?.check === true)).toBe(true);
      } finally {
        spy.mockRestore();
      }
    }, 60_000);
  }
});

describe('rollout sensitivity --observed', () => {
  it('conditions every run, says so and on how many futures; a bad file is refused before anything is written', async () => {
    const seen = join(tempDir(), 'seen.csv');
    writeFileSync(seen, 'date,region,metric,value\n2026-03-31,,fibre-count,46\n2026-06-30,,fibre-count,90\n2026-09-30,,fibre-count,142\n');
    const out = join(tempDir(), 'sens');
    const r = await rolloutIn(['sensitivity', fixture('observe/small.yaml'), '--runs', '40', '--workers', '0', '--observed', seen, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Given what was observed \(3 observations in .*seen\.csv\): every run conditioned on it, the base on the equivalent of \d+ of its 40 futures/);
    expect(r.stdout).toMatch(/National productivity factor .*P10 \/ P90 given the observations/);
    // Few futures left by the observations: the warning is in the printed answer (and on stderr under --json or --quiet: answered-quietly.test.ts).
    expect(r.stdout).toMatch(/WARNING \(ess-collapse\): Effective sample size/);
    expect(JSON.parse(readFileSync(join(out, 'sensitivity.json'), 'utf8')).conditioning.observations).toHaveLength(3);
    const bad = join(tempDir(), 'x');
    const refused = await rolloutIn(['sensitivity', fixture('observe/small.yaml'), '--runs', '40', '--workers', '0', '--observed', join(tempDir(), 'missing.csv'), '--out', bad]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/missing\.csv: expected an observations CSV file/);
    expect(existsSync(bad)).toBe(false);
  }, 60_000);
});
