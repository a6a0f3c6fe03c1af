import { describe, expect, it } from 'vitest';
import { stream } from '../../src/engine/index.js';
import type { ModelInput, ObservationInput } from '../../src/model/index.js';
import { inputPosterior, observedInput, runObserved, weightedQuantiles, type RunResult } from '../../src/montecarlo/index.js';
import { conditioningCapacitySpec } from '../../src/report/charts/conditioning.js';
import { loadScenario } from '../../src/scenario/index.js';

// The small observation fixture with a contract whose tender and mobilisation are drawn (its
// crews under contract and their monthly pace fixed): three 2026 counts say when they came.
const small = loadScenario('test/fixtures/observe/small.yaml');
const input: ModelInput = structuredClone(small.input);
input.capacity = { fibre: { contracted: { dist: 'fixed', value: 6 }, tender: { dist: 'uniform', min: 0, max: 120 }, mobilisation: { dist: 'uniform', min: 0, max: 120 }, growthPerMonth: { dist: 'fixed', value: 3 }, winterMobilisation: true } };
const seen: ObservationInput[] = ['2026-03-31', '2026-06-30', '2026-09-30'].map((date, k) => ({ date, metric: 'fibre-count', value: [46, 90, 142][k] }));
const RUNS = 80;

async function conditioned(observed: ObservationInput[]): Promise<RunResult> {
  const o = { observed, scored: [] };
  return runObserved(observedInput(input, o), small.identity, { runs: RUNS, seed: 1, workers: 0 }, o);
}

/** Each replication's tender and mobilisation, drawn here as the model draws them: the first two uniforms of its 'capacity' stream. */
function rebuiltDraws(): { tender: Float64Array; mobilisation: Float64Array } {
  const tender = new Float64Array(RUNS), mobilisation = new Float64Array(RUNS);
  for (let r = 0; r < RUNS; r++) { const u = stream(1, r, 'capacity', 'fibre'); tender[r] = 120 * u(); mobilisation[r] = 120 * u(); }
  return { tender, mobilisation };
}

describe('what the observations say about the delivery capacity (run --observed)', () => {
  it('weighs each drawn lead time by the observations: its quantiles before and after are those of the replications’ own draws', async () => {
    const r = await conditioned(seen);
    const c = r.conditioning!;
    // Only what the scenario draws: the crews under contract and their pace are fixed here.
    expect(c.capacity.map((p) => p.key)).toEqual(['capacity.fibre.tender', 'capacity.fibre.mobilisation']);
    expect(c.weights.some((w) => w !== c.weights[0])).toBe(true);
    const draws = rebuiltDraws();
    for (const p of c.capacity) {
      const x = p.key.endsWith('tender') ? draws.tender : draws.mobilisation;
      const [b10, b50, b90] = weightedQuantiles(x, undefined, [0.1, 0.5, 0.9]);
      const [a10, a50, a90] = weightedQuantiles(x, c.weights, [0.1, 0.5, 0.9]);
      expect([p.prior.p10, p.prior.p50, p.prior.p90]).toEqual([b10, b50, b90]);
      expect([p.posterior.p10, p.posterior.p50, p.posterior.p90]).toEqual([a10, a50, a90]);
      // The histograms: every future once before, each with its weight after.
      expect(p.bins.reduce((t, b) => t + b.prior, 0)).toBeCloseTo(1, 12);
      expect(p.bins.reduce((t, b) => t + b.posterior, 0)).toBeCloseTo(1, 12);
    }
    // Its chart: a panel each, named with its unit, the medians before and after in the subtitle.
    const spec = conditioningCapacitySpec(r) as { title: { subtitle: string[] } };
    expect(spec.title.subtitle.join(' ')).toContain(`Fibre capacity: tender (days): median ${c.capacity[0].prior.p50.toFixed(1)} → ${c.capacity[0].posterior.p50.toFixed(1)}`);
  }, 120_000);

  it('observations too vague to tell futures apart (sd 1e9) leave every capacity draw as it was', async () => {
    const r = await conditioned(seen.map((x) => ({ ...x, sd: 1e9 })));
    for (const p of r.conditioning!.capacity) {
      expect([p.posterior.p10, p.posterior.p50, p.posterior.p90]).toEqual([p.prior.p10, p.prior.p50, p.prior.p90]);
      expect(p.posterior.mean).toBeCloseTo(p.prior.mean, 9);
    }
    expect(r.conditioning!.capacity).toHaveLength(2);
  }, 120_000);
});

describe('inputPosterior (one input before and after weighting)', () => {
  it('a weight of 0 on the upper half leaves the lower half: hand-worked quantiles, means and bins', () => {
    const x = Float64Array.from({ length: 10 }, (_, i) => i + 1); // 1..10
    const w = Float64Array.from(x, (v) => (v <= 5 ? 1 : 0));
    const p = inputPosterior('k', 'K', x, w);
    expect(p.prior.mean).toBe(5.5);
    expect(p.posterior.mean).toBe(3);
    expect(p.posterior.p90).toBeLessThanOrEqual(5);
    expect(p.bins.length).toBe(5); // √10 / 1.5 rounds to 2: at least 5 bins
    expect(p.bins.map((b) => b.posterior)).toEqual([0.4, 0.4, 0.2, 0, 0]);
    expect(p.bins.map((b) => +b.prior.toFixed(12))).toEqual([0.2, 0.2, 0.2, 0.2, 0.2]);
  });
});
