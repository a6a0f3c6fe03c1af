import { describe, it, expect } from 'vitest';
import { compileModel, inputSummaryKeys, Replicator, TECH_CODE, type ModelInput } from '../../src/model/index.js';
import { loadScenario } from '../../src/scenario/index.js';
import { observedInput, runMonteCarlo, runObserved, sensitivity } from '../../src/montecarlo/index.js';
import { runsCsvHeader } from '../../src/montecarlo/rows.js';
import { assumptions } from '../../src/report/html-assumptions.js';
import { fixture } from '../scenario/helpers.js';

/** The distance factor: a programme's mean km per village off as a whole (hand-worked in the fixture's comments). */
describe('the distance factor (test/fixtures/mechanisms/distance-factor.yaml)', () => {
  const loaded = loadScenario(fixture('mechanisms/distance-factor.yaml'));
  const m = compileModel(loaded.input);
  const r = new Replicator(m);
  const keys = inputSummaryKeys(m).map(([k]) => k);

  it('multiplies the km of every fibre line by national × regional part; the rules go by the distance as given', () => {
    const seen = new Set<string>();
    for (let rep = 0; rep < 200; rep++) {
      const o = r.run(1, rep, { check: true });
      const part = [0, 1].map((region) => r.jobs.km[r.jobs.ownJob[region * 3]] / (10 * 0.5));
      seen.add(part.join(','));
      for (let i = 0; i < 6; i++) {
        const p = part[o.settlements.region[i]];
        expect([1, 3]).toContain(p);
        // The distance stays 10 km (not beyond the rule's 12: fibre); the line is 5 or 15 km, laid in 5 or 15 days.
        expect(o.settlements.backboneKm[i]).toBe(10);
        expect(o.settlements.tech[i]).toBe(TECH_CODE.fibre);
        expect(r.jobs.km[r.jobs.ownJob[i]]).toBe(10 * 0.5 * p);
        expect(o.completion[i]).toBe(5 * p);
      }
      expect(o.inputSummary[keys.indexOf('factors.distance')]).toBe(0.5);
      expect(o.inputSummary[keys.indexOf('regionalFactors.distance.mean')]).toBe((part[0] + part[1]) / 2);
      expect(o.inputSummary[keys.indexOf('regionalFactors.distance.worst')]).toBe(Math.max(...part));
    }
    // Each region draws its own part: all four combinations occur.
    expect([...seen].sort()).toEqual(['1,1', '1,3', '3,1', '3,3']);
  });

  it('scales the lines of listed settlements too, a stated distance as a drawn one (the factor is how far the km laid are from the distances given)', () => {
    const listed: ModelInput = {
      ...loaded.input,
      settlements: [
        { id: 'a', region: 'north', population: 100, connected: false, backboneKm: 10 },
        { id: 'b', region: 'north', population: 100, connected: false, backboneKm: 11 },
      ],
    };
    const rep = new Replicator(compileModel(listed));
    const o = rep.run(1, 0);
    expect([...o.settlements.backboneKm]).toEqual([10, 11]);
    const part = rep.jobs.km[0] / 5;
    expect([1, 3]).toContain(part);
    expect(rep.jobs.km[1]).toBe(11 * 0.5 * part);
  });

  it('a fibre-km observation counts the km laid, not the distances', () => {
    const observed: ModelInput = { ...loaded.input, observations: [{ date: '2026-12-31', metric: 'fibre-km', value: 0 }] };
    const rep = new Replicator(compileModel(observed));
    const laid = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const o = rep.run(1, i);
      let km = 0;
      for (let j = 0; j < rep.jobs.n; j++) km += rep.jobs.km[j];
      expect(o.observed[0]).toBe(km);
      laid.add(km);
    }
    // The distances sum to 60 km in every replication; the km laid are 30, 60 or 90.
    expect([...laid].sort((a, b) => a - b)).toEqual([30, 60, 90]);
  });

  it('has no yearly part, even in an input built in code (the schema refuses one in a file)', () => {
    const yearly: ModelInput = { ...loaded.input, yearlyFactors: { distance: { dist: 'uniform', min: 2, max: 3 } } };
    expect(inputSummaryKeys(compileModel(yearly)).map(([k]) => k).filter((k) => k.startsWith('yearly'))).toEqual([]);
    const rep = new Replicator(compileModel(yearly));
    rep.run(1, 0);
    expect([5, 15]).toContain(rep.jobs.km[0]);
  });

  it('the report states the parts; runs.csv gains factor_distance only where the scenario has a national part', () => {
    expect(assumptions(loaded.input)).toMatch(/Distance \(× the km of every fibre line\)/);
    expect(runsCsvHeader(m)).toContain(',factor_permit_delay,factor_distance');
    const without = loadScenario(fixture('mechanisms/correlated-factors.yaml'));
    expect(runsCsvHeader(compileModel(without.input))).not.toContain('factor_distance');
    expect(inputSummaryKeys(compileModel(without.input)).map(([k]) => k)).not.toContain('factors.distance');
  });
});

/**
 * Why the factor exists: the model draws each village's distance on its own, so a
 * programme's total km was known to a few per cent once its villages were fixed (the
 * back-test forecast ~24,100 km against the 20,000 reported, outside its interval). With a
 * national factor of spread σ the total km's log has a spread of about σ.
 */
describe('a national distance factor carries uncertainty about a programme’s mean km per village', () => {
  const base = loadScenario(fixture('mechanisms/distance-factor.yaml'));
  /** 200 villages a region, every one on fibre, `crews` fibre crews a region. */
  const variant = (distance: ModelInput['factors'], crews = 20): ModelInput => ({
    ...base.input,
    regions: base.input.regions.map((x) => ({ ...x, settlements: 200, crews: { ...x.crews, fibre: crews } })),
    settlementDefaults: { ...base.input.settlementDefaults, backboneKm: { dist: 'lognormal', median: 10, sigma: 0.7 } },
    technology: { rules: [], default: 'fibre' },
    factors: distance,
    regionalFactors: undefined,
  });
  const sdOfLogTotalKm = (input: ModelInput) => {
    const rep = new Replicator(compileModel(input));
    const logs: number[] = [];
    for (let i = 0; i < 400; i++) {
      rep.run(1, i);
      let km = 0;
      for (let j = 0; j < rep.jobs.n; j++) km += rep.jobs.km[j];
      logs.push(Math.log(km));
    }
    const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
    return Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / (logs.length - 1));
  };

  it('σ = 0.2 gives the total km a spread of about 0.2 in log; without it, a few per cent', () => {
    // Without: 400 lognormal(σ 0.7) distances, sd of the log of their sum ≈ 0.77 / √400 ≈ 0.04.
    expect(sdOfLogTotalKm(variant(undefined))).toBeLessThan(0.06);
    // With: √(0.2² + 0.04²) ≈ 0.204; the sd of 400 draws is within ±0.02 (3.5 standard errors).
    expect(Math.abs(sdOfLogTotalKm(variant({ distance: { dist: 'lognormal', median: 1, sigma: 0.2 } })) - 0.204)).toBeLessThan(0.02);
  });

  it('an observed km laid tells the factor: conditioning moves its posterior towards the km seen', async () => {
    // 400 villages at N × a lognormal km each (median 10, σ 0.7: mean 12.8), N uniform
    // 0.5-1.5; 20 crews a region lay all of them within the year (≤ 200 × 19 / 20 ≈ 190
    // days), so the km laid by its end is ~400 × 12.8 × N. Seeing 2,560 km (N ≈ 0.5), the
    // posterior of N sits low.
    const input = variant({ distance: { dist: 'uniform', min: 0.5, max: 1.5 } });
    const observed = [{ date: '2026-12-31', metric: 'fibre-km' as const, value: 2560, sd: 200 }];
    const result = await runObserved(observedInput(input, { observed, scored: [] }), base.identity, { runs: 200, seed: 1, workers: 0 }, { observed, scored: [] });
    const distance = result.conditioning!.factors.find((f) => f.key === 'distance')!;
    expect(distance.prior.mean).toBeGreaterThan(0.9);
    expect(distance.posterior.mean).toBeLessThan(0.65);
  }, 120_000);

  it('drivers rank it and sensitivity swings it between its P10 and P90', async () => {
    // 3 crews a region: the share on fibre by the end of the year varies, and with N.
    const input = variant({ distance: { dist: 'uniform', min: 0.5, max: 1.5 } }, 3);
    const run = await runMonteCarlo(input, base.identity, { runs: 60, seed: 1, workers: 0 });
    expect(run.drivers!.correlations.map((c) => c.input)).toContain('factors.distance');
    const s = await sensitivity({ ...base, input }, { runs: 5, seed: 1, workers: 0 });
    const swing = s.swings.find((w) => w.input === 'factors.distance')!;
    expect([swing.low, swing.high]).toEqual([0.6, 1.4]);
  }, 120_000);
});
