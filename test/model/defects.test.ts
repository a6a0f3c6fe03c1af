import { describe, it, expect } from 'vitest';
import { compileModel, N_WAIT, regionWork, Replicator, WAIT_STAGES, type WaitStage } from '../../src/model/index.js';
import { loadScenario } from '../../src/scenario/index.js';
import { fixture } from '../scenario/helpers.js';

/**
 * The three defects of issue 11 item 6, each through the real scenario path, with the
 * answers worked out by hand in the fixtures' comments. Each of these failed on the code
 * before the fix.
 */
describe('risks in a partial first year (test/fixtures/mechanisms/partial-year-risks.yaml)', () => {
  const m = compileModel(loadScenario(fixture('mechanisms/partial-year-risks.yaml')).input);
  const r = new Replicator(m);
  const runs = 4000;
  const first: number[] = [], second: number[] = [], shortage: number[] = [];
  let springHit = 0;
  const thaw2027 = m.calendar.dayOf('2027-05-01');
  for (let rep = 0; rep < runs; rep++) {
    const o = r.run(1, rep, { check: true });
    for (const d of o.draws.risks.defaults) (d.start < 92 ? first : second).push(d.start);
    for (const s of o.draws.risks.shortages) shortage.push(s.start);
    if (r.calendars[regionWork(0, 'buried')].factors[thaw2027] === 0) springHit++;
  }
  const se = (p: number) => Math.sqrt((p * (1 - p)) / runs);

  it('strikes the partial year with its probability times the share of the year simulated', () => {
    const p = 92 / 365;
    expect(Math.abs(first.length / runs - p)).toBeLessThan(4 * se(p));
    expect(second.length).toBe(runs);
  });

  it('strikes on a day uniform over the simulated part of the year, not on day 0', () => {
    expect(Math.min(...first)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...first)).toBeLessThanOrEqual(91);
    const mean = first.reduce((a, b) => a + b, 0) / first.length;
    // Uniform on 0..91: mean 45.5, sd 26.6.
    expect(Math.abs(mean - 45.5)).toBeLessThan(4 * 26.6 / Math.sqrt(first.length));
    expect(first.filter((d) => d === 0).length / first.length).toBeLessThan(0.03);
    expect(Math.min(...second)).toBeGreaterThanOrEqual(92);
    expect(Math.max(...second)).toBeLessThanOrEqual(456);
  });

  it('strikes a risk per run on a day uniform over the run', () => {
    expect(shortage.length).toBe(runs);
    const mean = shortage.reduce((a, b) => a + b, 0) / runs;
    // Uniform on 0..456: mean 228, sd 132.
    expect(Math.abs(mean - 228)).toBeLessThan(4 * 132 / Math.sqrt(runs));
  });

  it('lets only the year-2027 harsh winter hit the spring of 2027 (probability 0.2, not 0.36)', () => {
    expect(Math.abs(springHit / runs - 0.2)).toBeLessThan(4 * se(0.2));
  });
});

describe('crews in winter (test/fixtures/mechanisms/crews-in-winter.yaml)', () => {
  const m = compileModel(loadScenario(fixture('mechanisms/crews-in-winter.yaml')).input);
  const o = new Replicator(m).run(1, 0, { check: true });
  const wait = (i: number, stage: WaitStage) => o.waits[i * N_WAIT + WAIT_STAGES.indexOf(stage)];

  it('connects each line on the hand-computed day', () => {
    expect(Array.from(o.completion)).toEqual([20, 191, 202]);
  });

  it('counts the frozen months as winter, not as waiting for a crew, and takes no crew on frozen ground', () => {
    expect([wait(1, 'crew'), wait(1, 'work'), wait(1, 'winter')]).toEqual([20, 20, 151]);
    expect([wait(2, 'crew'), wait(2, 'work'), wait(2, 'winter')]).toEqual([31, 20, 151]);
  });
});
