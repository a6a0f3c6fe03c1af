import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DistributionSpec } from '../../src/engine/index.js';
import type { ModelInput, ObservationInput } from '../../src/model/index.js';
import { observedInput, runObserved, type ScoreEntry } from '../../src/montecarlo/index.js';
import { loadObservations, loadScenario } from '../../src/scenario/index.js';
import { fixture, shipped } from './helpers.js';

/**
 * The back-test of the 2018–20 PPP (scenarios/README.md, "Back-test: the 2018–20 PPP"):
 * the frozen model is the file committed before its outcome was scored; it is scored
 * against the outcome with the rule stated before scoring; and the rule has power — the
 * same model with half the crews' km a day, or twice the design and approval times, fails.
 */

/** sha256 of scenarios/backtest-ppp-2018.yaml (LF line endings), recorded when it was frozen. */
const FROZEN_SHA256 = 'b5bc7b121c9dd8aabf66500c8eaa578eb6d539c29aaef93b8fd1504b9974b2c1';

const FROZEN = shipped('backtest-ppp-2018.yaml');
const OBSERVED = shipped('backtest-ppp-2018-observed.csv');
const VARIANTS = { halfProductivity: fixture('backtest/half-productivity.yaml'), slowApprovals: fixture('backtest/slow-approvals.yaml') };
/** Replications per model: enough to place each PIT well away from the rule's bounds (see the README's 1,000-run figures). */
const RUNS = 300;

/** The rule, stated before scoring: an observation passes if its mid-PIT is in [0.05, 0.95]. */
const passes = (e: ScoreEntry) => e.pit >= 0.05 && e.pit <= 0.95;

/** Each observation's score in `file`'s forecast (RUNS replications, seed 1, this thread). */
async function scores(file: string): Promise<Record<string, ScoreEntry>> {
  const { input, identity } = loadScenario(file);
  const scored = loadObservations(OBSERVED, input);
  const result = await runObserved(observedInput(input, { observed: [], scored }), identity, { runs: RUNS, seed: 1, workers: 0 }, { observed: [], scored });
  return Object.fromEntries(result.scores!.observations.map((e) => [e.metric, e]));
}

/** A distribution with every parameter multiplied by k (min, mode, max of a PERT or triangular). */
function scaled(d: DistributionSpec, k: number): DistributionSpec {
  if (d.dist !== 'pert' && d.dist !== 'triangular') throw new Error(`scaled: ${d.dist}`);
  return { ...d, min: d.min * k, mode: d.mode * k, max: d.max * k };
}
const strip = ({ name: _n, description: _d, ...rest }: ModelInput) => rest;

describe('the PPP back-test: the frozen model', () => {
  it('is the file frozen before the outcome was scored (sha256 in this test and in scenarios/README.md)', () => {
    const text = readFileSync(FROZEN, 'utf8').replace(/\r\n/g, '\n');
    expect(createHash('sha256').update(text).digest('hex')).toBe(FROZEN_SHA256);
    expect(readFileSync(shipped('README.md'), 'utf8')).toContain(FROZEN_SHA256);
  });

  it('is scored against the outcome: all 1,249 contracted villages and 20,000 km by end 2020', () => {
    const obs = loadObservations(OBSERVED, loadScenario(FROZEN).input);
    expect(obs.map(({ origin: _o, ...o }): ObservationInput => o)).toEqual([
      { date: '2020-12-31', metric: 'fibre-count', value: 1249 },
      { date: '2020-12-31', metric: 'fibre-km', value: 20000 },
    ]);
  });
});

describe('the PPP back-test: the power variants differ from the frozen model exactly as they claim', () => {
  const frozen = loadScenario(FROZEN).input;

  it('half productivity: every crew\'s km a day halved, the same crews', () => {
    const v = loadScenario(VARIANTS.halfProductivity).input;
    const expected = structuredClone(frozen);
    expected.fibre.kmPerDay = { buried: scaled(frozen.fibre.kmPerDay.buried, 0.5), aerial: scaled(frozen.fibre.kmPerDay.aerial, 0.5) };
    expect(strip(v)).toEqual(strip(expected));
  });

  it('slow approvals: design, each approval decision and each resubmission take twice as long', () => {
    const v = loadScenario(VARIANTS.slowApprovals).input;
    const expected = structuredClone(frozen);
    expected.fibre.design = scaled(frozen.fibre.design, 2);
    expected.fibre.approval = scaled(frozen.fibre.approval, 2);
    expected.fibre.approvalOffice!.resubmission = scaled(frozen.fibre.approvalOffice!.resubmission!, 2);
    expect(strip(v)).toEqual(strip(expected));
  });
});

describe('the PPP back-test: scores against the rule stated before scoring', () => {
  /** The back-test's verdict: every observation passes. */
  const verdict = (s: Record<string, ScoreEntry>) => Object.values(s).every(passes);
  let frozenScores: Promise<Record<string, ScoreEntry>> | undefined;
  /** The frozen model's scores, run once for the tests that need them. */
  const frozen = () => (frozenScores ??= scores(FROZEN));

  it('the frozen model: the count passes, the km fail, so the back-test fails (a finding about km per village, scenarios/README.md)', async () => {
    const s = await frozen();
    // The count: all 1,249 by end 2020 is inside the forecast (about one future in four gets there).
    expect(passes(s['fibre-count'])).toBe(true);
    // The km: 1,249 villages x 19.3 km (Kazakhtelecom's contract) is ~24,100 km; 20,000 lies
    // below the forecast's P5, because every village's length is drawn on its own.
    expect(s['fibre-km'].forecast.p5).toBeGreaterThan(20000);
    expect(passes(s['fibre-km'])).toBe(false);
    expect(verdict(s)).toBe(false);
  }, 120_000);

  it('half productivity fails, and on the count alone: far fewer villages by end 2020', async () => {
    const s = await scores(VARIANTS.halfProductivity);
    expect(passes(s['fibre-count'])).toBe(false);
    expect(s['fibre-count'].forecast.p95).toBeLessThan(1249);
    expect(verdict(s)).toBe(false);
  }, 120_000);

  it('twice the design and approval times fails the rule, but on the count it sits at the bound (no power there)', async () => {
    const [s, f] = [await scores(VARIANTS.slowApprovals), await frozen()];
    expect(verdict(s)).toBe(false); // through the km, which every model here fails
    // The same futures (common random numbers), later: fewer of them finish by end 2020.
    expect(s['fibre-count'].pit).toBeGreaterThan(f['fibre-count'].pit);
    // Its count's PIT is ~0.95, the rule's bound (0.9504 at 5,000 replications, scenarios/README.md):
    // whether it passes depends on the sample, so the count verdict is not asserted.
    expect(s['fibre-count'].pit).toBeGreaterThan(0.9);
  }, 120_000);
});
