import { describe, it, expect } from 'vitest';
import { compileModel, N_WAIT, Replicator, WAIT_STAGES } from '../../src/model/index.js';
import { loadScenario } from '../../src/scenario/index.js';
import { fixture } from '../scenario/helpers.js';

const APPROVAL = WAIT_STAGES.indexOf('approval');

/** Bounded re-reviews (issue 11 item 4), through the real scenario path; closed forms in the fixtures' comments. */
describe('bounded re-reviews (test/fixtures/mechanisms/re-reviews.yaml)', () => {
  const m = compileModel(loadScenario(fixture('mechanisms/re-reviews.yaml')).input);
  const r = new Replicator(m);
  const o = r.run(1, 0, { check: true });
  const n = o.settlements.n;
  const times = Array.from({ length: n }, (_, i) => o.waits[i * N_WAIT + APPROVAL]);

  it('approves every file after at most maxRounds rejections: 10, 20 or 30 days, never more', () => {
    for (const t of times) expect([10, 20, 30]).toContain(Math.round(t * 1e6) / 1e6);
    for (let j = 0; j < r.jobs.n; j++) expect(r.state.attempts[j]).toBeLessThanOrEqual(3);
  });

  it('rejects with the office probability until then: P(K = 0, 1, 2) = 1/2, 1/4, 1/4', () => {
    const share = (d: number) => times.filter((t) => Math.abs(t - d) < 1e-6).length / n;
    const se = (p: number) => Math.sqrt((p * (1 - p)) / n);
    expect(Math.abs(share(10) - 0.5)).toBeLessThan(4 * se(0.5));
    expect(Math.abs(share(20) - 0.25)).toBeLessThan(4 * se(0.25));
    expect(Math.abs(share(30) - 0.25)).toBeLessThan(4 * se(0.25));
  });
});

describe('re-reviews drawn afresh at each attempt (test/fixtures/mechanisms/redraw.yaml)', () => {
  it('a file decided twice took the sum of two independent reviews, not twice the first', () => {
    const m = compileModel(loadScenario(fixture('mechanisms/redraw.yaml')).input);
    const r = new Replicator(m);
    const o = r.run(1, 0, { check: true });
    const twice: number[] = [];
    for (let j = 0; j < r.jobs.n; j++) if (r.state.attempts[j] === 2) twice.push(o.waits[r.jobs.members[r.jobs.memberStart[j]] * N_WAIT + APPROVAL]);
    const mean = twice.reduce((a, b) => a + b, 0) / twice.length;
    const variance = twice.reduce((a, b) => a + (b - mean) ** 2, 0) / (twice.length - 1);
    expect(twice.length).toBeGreaterThan(800);
    expect(Math.abs(mean - 100)).toBeLessThan(4 * Math.sqrt(1667 / twice.length));
    // Sum of two uniforms 0-100: variance 1,667 (twice the first draw: 3,333); the sample
    // variance of ~1,000 values has a standard error of about 60.
    expect(variance).toBeGreaterThan(1667 - 300);
    expect(variance).toBeLessThan(1667 + 300);
  });
});
