import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../src/scenario/index.js';
import { compileModel } from '../../src/model/index.js';
import { compareScenarios, observedInput, wilson, RowLayout, runMonteCarlo, runObserved, runsCsvHeader, runsCsvLines, layoutOf } from '../../src/montecarlo/index.js';
import { reportHtml, summaryJson } from '../../src/report/index.js';

/**
 * Target readings (issue 13 item 1): each target's alternatives are counted in the same
 * replications as the target, at no extra run, and reported beside it.
 */
const fixture = (f: string) => fileURLToPath(new URL(`../fixtures/services/${f}`, import.meta.url));
const RUNS = 300;

describe('target readings, from the same replications', async () => {
  const { input, identity } = loadScenario(fixture('readings.yaml'));
  const m = compileModel(input);
  const L = RowLayout.of(m);
  const rows: Float64Array[] = [];
  const result = await runMonteCarlo(input, identity, { runs: RUNS, seed: 7, workers: 0, compiled: m, onRows: (_f, _t, r) => rows.push(Float64Array.from(r)) });
  const all = Float64Array.from(rows.flatMap((r) => Array.from(r)));
  const [fibre, covered] = result.summary.targets;
  const reading = (t: typeof fibre, id: string) => t.alternatives!.find((a) => a.id === id)!;
  const index = (t: number, id: string) => m.targets[t].firstReading + m.targets[t].alternatives.findIndex((a) => a.id === id);
  const perRun = (field: (r: number) => number) => Array.from({ length: RUNS }, (_, r) => all[r * L.width + field(r)]);

  it('an alternative identical to the target has its probability, interval and values exactly, replication by replication', () => {
    for (const [t, k] of [[fibre, 0], [covered, 1]] as const) {
      const same = reading(t, 'same');
      expect(same.probability).toBe(t.probability);
      expect(same.ci95).toEqual(t.ci95);
      expect(same.valueAtDeadline).toEqual(t.valueAtDeadline);
      expect(perRun(() => L.readingMet(index(k, 'same')))).toEqual(perRun(() => L.met(k)));
      expect(perRun(() => L.readingCount(index(k, 'same')))).toEqual(perRun(() => L.countAtDeadline(k)));
    }
    // The target is uncertain here, so identity is not a coincidence of 0 or 1.
    expect(fibre.probability).toBeGreaterThan(0.2);
    expect(fibre.probability).toBeLessThan(0.8);
  });

  it('a reading that can only be easier is met in every replication the target is met in, so its probability is never lower', () => {
    const met = perRun(() => L.met(0));
    for (const id of ['lower', 'with-satellite', 'smaller-count', 'later']) {
      const alt = perRun(() => L.readingMet(index(0, id)));
      met.forEach((x, r) => { if (x === 1) expect(alt[r], `${id}, replication ${r}`).toBe(1); });
      expect(reading(fibre, id).probability).toBeGreaterThanOrEqual(fibre.probability);
    }
    // ... and strictly higher in some futures (the readings differ): the answer depends on the reading.
    expect(reading(fibre, 'lower').probability).toBeGreaterThan(fibre.probability);
    expect(reading(fibre, 'with-satellite').probability).toBeGreaterThan(reading(fibre, 'lower').probability);
    // Only fibre counting can only be harder than coverage by fibre or satellite.
    expect(reading(covered, 'fibre-only').probability).toBeLessThanOrEqual(covered.probability);
  });

  it('a share over a smaller published count takes the same settlements over the smaller number, capped at 1', () => {
    const counts = perRun(() => L.countAtDeadline(0));
    const smaller = perRun(() => L.readingCount(index(0, 'smaller-count')));
    counts.forEach((c, r) => expect(smaller[r]).toBe(Math.min(c, 190)));
    // Met when at least ceil(0.62 x 190) = 118 settlements are on fibre.
    perRun(() => L.readingMet(index(0, 'smaller-count'))).forEach((x, r) => expect(x).toBe(counts[r] >= 118 ? 1 : 0));
    expect(reading(fibre, 'smaller-count')).toMatchObject({ metric: 'fibre-share', denominator: 190, threshold: 0.62 });
  });

  it('a count reading reports settlements, and agrees with the share it equals', () => {
    const count = reading(fibre, 'count-125');
    expect(count).toMatchObject({ metric: 'count', services: ['backbone-fibre'], threshold: 125 });
    expect(count.valueAtDeadline.p50).toBe(Math.round(fibre.valueAtDeadline.p50 * 200));
    perRun(() => L.readingMet(index(0, 'count-125'))).forEach((x, r) => expect(x).toBe(all[r * L.width + L.countAtDeadline(0)] >= 125 ? 1 : 0));
  });

  it('summary.json gives each reading its contract fields, then what it reads', () => {
    const json = JSON.parse(summaryJson(result.summary));
    const alts = json.targets[0].alternatives;
    expect(alts.map((a: { id: string }) => a.id)).toEqual(['same', 'lower', 'with-satellite', 'smaller-count', 'later', 'north', 'count-125']);
    for (const a of alts) expect(Object.keys(a).slice(0, 4)).toEqual(['id', 'label', 'probability', 'ci95']);
    expect(alts[2]).toMatchObject({ metric: 'share', services: ['backbone-fibre', 'satellite'], threshold: 0.62, deadline: '2026-09-01' });
    expect(alts[5]).toMatchObject({ regions: ['north'] });
    // A target of the original kinds is described as before: no services or denominator of its own.
    expect(Object.keys(json.targets[0]).slice(0, 6)).toEqual(['id', 'label', 'metric', 'threshold', 'deadline', 'probability']);
  });

  it('runs.csv has each reading beside its target', () => {
    const header = runsCsvHeader(m).trim().split(',');
    expect(header.slice(1, 6)).toEqual(['fibre-62_met', 'fibre-62_date_reached', 'fibre-62_value_at_deadline', 'fibre-62.same_met', 'fibre-62.same_value_at_deadline']);
    const line = runsCsvLines(m, layoutOf(m).targetSizes, all, 1).trim().split(',');
    expect(line[4]).toBe(line[1]);
    expect(line[5]).toBe(line[3]);
  });

  it('the report opens with the readings table, before the answer', () => {
    const html = reportHtml(result, []);
    const readings = html.indexOf('<section id="readings">'), answer = html.indexOf('<section id="answer">');
    expect(readings).toBeGreaterThan(0);
    expect(readings).toBeLessThan(answer);
    expect(html).toContain('The answer depends on how the target is read');
    expect(html).toContain('60 % is enough'); // a reading's label
    expect(html.slice(readings, answer)).toContain('on backbone fibre, or on satellite');
  });
});

describe('target readings in a conditioned run and in a comparison', () => {
  const { input, identity } = loadScenario(fixture('readings.yaml'));

  it('a conditioned run conditions every reading, keeps its prior, and intervals it at the effective sample size', async () => {
    const observed = [{ date: '2026-06-30', metric: 'fibre-count' as const, value: 105, sd: 4 }];
    const r = await runObserved(observedInput(input, { observed, scored: [] }), identity, { runs: 200, seed: 3, workers: 0 }, { observed, scored: [] });
    const t = r.summary.targets[0];
    const same = t.alternatives!.find((a) => a.id === 'same')!;
    expect(same.probability).toBe(t.probability);
    expect(same.ci95).toEqual(t.ci95);
    expect(same.prior).toEqual({ probability: t.prior!.probability, ci95: t.prior!.ci95, valueAtDeadline: t.prior!.valueAtDeadline });
    const lower = t.alternatives!.find((a) => a.id === 'lower')!;
    expect(lower.prior!.probability).not.toBe(lower.probability); // the observation moved it
    const ess = r.summary.conditioning!.effectiveSampleSize;
    expect(ess).toBeLessThan(200);
    // Its interval is Wilson's at the effective sample size, not at the 200 replications.
    const [lo, hi] = wilson(lower.probability * ess, ess);
    expect(lower.ci95[0]).toBeCloseTo(lo, 5);
    expect(lower.ci95[1]).toBeCloseTo(hi, 5);
  }, 60_000);

  it('compare pairs each reading by replication: an option identical to the reference differs by exactly 0', async () => {
    const c = await compareScenarios([{ input, identity }, { input, identity: { ...identity, name: 'copy' } }], { runs: 100, seed: 2, workers: 0 });
    const alts = c.targets[0].alternatives!;
    expect(alts.map((a) => a.id)).toEqual(['same', 'lower', 'with-satellite', 'smaller-count', 'later', 'north', 'count-125']);
    for (const a of alts) {
      expect(a.differences[0].probability.value).toBe(0);
      expect(a.differences[0].probability.ci95[0]).toBe(-a.differences[0].probability.ci95[1]); // around 0: no future disagrees
      expect(a.perOption[0].probability).toEqual(a.perOption[1].probability);
    }
  }, 60_000);
});
