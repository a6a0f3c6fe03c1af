import { describe, it, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { sampleCorrelation } from 'simple-statistics';
import { compileModel, inputSummaryKeys, N_WAIT, Replicator, WAIT_STAGES } from '../../src/model/index.js';
import { factorCorrelations } from '../../src/model/factor-correlation.js';
import { loadScenario } from '../../src/scenario/index.js';
import { runMonteCarlo, sensitivity } from '../../src/montecarlo/index.js';
import { assumptions } from '../../src/report/html-assumptions.js';
import { fixture } from '../scenario/helpers.js';

const APPROVAL = WAIT_STAGES.indexOf('approval'), DESIGN = WAIT_STAGES.indexOf('design');

/** National × regional × yearly factors (issue 11 item 5); closed forms in the fixture's comments. */
describe('correlated factors (test/fixtures/mechanisms/correlated-factors.yaml)', () => {
  const { input } = loadScenario(fixture('mechanisms/correlated-factors.yaml'));
  const m = compileModel(input);
  const r = new Replicator(m);
  const runs = 3000;
  const north26: number[] = [], south26: number[] = [], north27: number[] = [];
  const keys = inputSummaryKeys(m).map(([k]) => k);
  let exact = true;
  for (let rep = 0; rep < runs; rep++) {
    const o = r.run(1, rep, { check: true });
    const groups: number[][] = [[], [], []];
    for (let i = 0; i < o.settlements.n; i++) {
      const late = o.waits[i * N_WAIT + DESIGN] > 0;
      const g = o.settlements.region[i] === 0 ? (late ? 2 : 0) : late ? null : 1; // north 2026, south 2026, north 2027
      if (g !== null) groups[g].push(o.waits[i * N_WAIT + APPROVAL]);
    }
    // Within a replication every approval of a region and year takes the same time.
    for (const g of groups) if (g.some((x) => Math.abs(x - g[0]) > 1e-9)) exact = false;
    north26.push(groups[0][0]); south26.push(groups[1][0]); north27.push(groups[2][0]);
    // The regional parts' summary: the mean of the two regions and the worst (the slowest permits).
    const mean = o.inputSummary[keys.indexOf('regionalFactors.permitDelay.mean')], worst = o.inputSummary[keys.indexOf('regionalFactors.permitDelay.worst')];
    const ratio = north26[rep] / south26[rep]; // R_north / R_south
    const rs = (2 * mean) / (1 + ratio), rn = ratio * rs;
    if (Math.abs(Math.max(rn, rs) - worst) > 1e-9) exact = false;
  }

  it('multiplies the parts: one value per region and year in a replication', () => {
    expect(exact).toBe(true);
  });

  it('states the implied correlations worked out in closed form', () => {
    expect(factorCorrelations(input)).toEqual([{ kind: 'permitDelay', betweenRegions: 0.8571, betweenYears: 0.9639 }]);
  });

  it('the report states the parts and the correlations they imply', () => {
    const html = assumptions(input);
    expect(html).toContain('Correlation, two regions');
    expect(html).toMatch(/Permit delay[^]*?uniform[^]*?uniform[^]*?uniform[^]*?0\.86[^]*?0\.96/);
  });

  it('gives two regions and two years the implied correlation over replications', () => {
    // Standard error of a correlation near rho: (1 - rho^2) / sqrt(n), about 0.005 and 0.0013 here.
    expect(Math.abs(sampleCorrelation(north26, south26) - 0.8571)).toBeLessThan(0.03);
    expect(Math.abs(sampleCorrelation(north26, north27) - 0.9639)).toBeLessThan(0.01);
  });
});

describe('correlated factors in drivers and sensitivity', () => {
  const loaded = loadScenario(fixture('mechanisms/correlated-factors.yaml'));

  it('drivers rank the regional and yearly parts (mean and worst per replication) beside the national factor', async () => {
    const r = await runMonteCarlo(loaded.input, loaded.identity, { runs: 60, seed: 3, workers: 0 });
    const inputs = r.drivers!.correlations.map((c) => c.input);
    for (const k of ['factors.permitDelay', 'regionalFactors.permitDelay.mean', 'regionalFactors.permitDelay.worst', 'yearlyFactors.permitDelay.mean', 'yearlyFactors.permitDelay.worst']) expect(inputs).toContain(k);
  }, 60_000);

  it('sensitivity swings every region’s (every year’s) part between its P10 and P90', async () => {
    const s = await sensitivity(loaded, { runs: 10, seed: 1, workers: 0 });
    const regional = s.swings.find((w) => w.input === 'regionalFactors.permitDelay')!;
    expect([regional.low, regional.high]).toEqual([0.84, 1.16]);
    expect(s.swings.find((w) => w.input === 'yearlyFactors.permitDelay')).toBeDefined();
  }, 120_000);
});

describe('the input summary of a scenario with factor parts, capacity and financing (the baseline)', () => {
  it('puts each draw under its own key (they were shifted onto one another when the financing keys came last)', () => {
    const m = compileModel(loadScenario(fileURLToPath(new URL('../../scenarios/kazakhstan-baseline.yaml', import.meta.url))).input);
    const keys = inputSummaryKeys(m).map(([k]) => k);
    const r = new Replicator(m);
    for (const rep of [0, 1, 2, 3]) {
      const s = r.run(1, rep).inputSummary;
      const at = (k: string) => { const i = keys.indexOf(k); expect(i, k).toBeGreaterThanOrEqual(0); return s[i]; };
      // The baseline's capacity: contract uniform 11-47, 0.7-4 crews a month.
      expect(at('capacity.fibre.contracted')).toBeGreaterThanOrEqual(11);
      expect(at('capacity.fibre.contracted')).toBeLessThanOrEqual(47);
      expect(at('capacity.fibre.growthPerMonth')).toBeGreaterThanOrEqual(0.7);
      expect(at('capacity.fibre.growthPerMonth')).toBeLessThanOrEqual(4);
      // Tender 30-150 and mobilisation 30-120 days from the start.
      expect(at('capacity.fibre.firstCrews')).toBeGreaterThanOrEqual(60);
      expect(at('capacity.fibre.firstCrews')).toBeLessThanOrEqual(270);
      // Yearly productivity parts 0.9-1.1 (mean over years), regional 0.8-1.15.
      const yearly = keys.filter((k) => k.startsWith('yearlyFactors.productivity'));
      const regional = keys.filter((k) => k.startsWith('regionalFactors.productivity'));
      expect(yearly.length).toBeGreaterThan(0);
      for (const k of yearly) { expect(at(k)).toBeGreaterThanOrEqual(0.9); expect(at(k)).toBeLessThanOrEqual(1.1); }
      for (const k of regional) { expect(at(k)).toBeGreaterThanOrEqual(0.8); expect(at(k)).toBeLessThanOrEqual(1.15); }
    }
  }, 120_000);
});
