import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import type { RegionPartPosterior } from '../../src/montecarlo/observed-result.js';
import type { RunResult } from '../../src/montecarlo/result.js';
import { buildCharts } from '../../src/report/index.js';
import { CONDITIONING_REGIONS_TITLE, MAX_REGION_ROWS, conditioningRegionsSpec } from '../../src/report/charts/conditioning-regions.js';
import { makeRunResult } from '../fixtures/run-result.js';

const PRIOR = { p10: 0.89, p50: 1, p90: 1.09 };

/** A region's part: moved (median 1 → 0.95, chance alone ±0.011) or not (median 1 → 1.005). */
function part(i: number, moved: boolean): RegionPartPosterior {
  const name = `Region ${i}`;
  return {
    kind: 'productivity', region: `r${i}`, name, label: `${name}: productivity (its regional part)`,
    prior: PRIOR, posterior: moved ? { p10: 0.85, p50: 0.95 - i / 1000, p90: 1.05 } : { p10: 0.89, p50: 1.005, p90: 1.09 }, noise: 0.011,
  };
}

/** The fixture's run, conditioned on one observation, with these region parts. */
function conditioned(regions: RegionPartPosterior[], observations = 1): RunResult {
  const r = makeRunResult({ runs: 2000 });
  (r as { conditioning?: unknown }).conditioning = { factors: [], capacity: [], regions, weights: new Float64Array(0) };
  (r.summary as { conditioning?: unknown }).conditioning = { observations: Array.from({ length: observations }, () => ({ date: '2026-09-30' })), effectiveSampleSize: 509 };
  return r;
}

type Datum = { label: string; which: string; lo: number; mid: number; hi: number; text?: string };
function data(spec: unknown): Datum[] {
  const found: Datum[] = [];
  JSON.stringify(spec, (k, v) => {
    if (k === 'values' && Array.isArray(v) && v.some((d) => d && 'which' in d)) found.push(...v);
    return v;
  });
  return found;
}

describe('the conditioning-regions chart', () => {
  it('draws only the parts that moved beyond chance, before and after, in the order given, and says what each moved', () => {
    const spec = conditioningRegionsSpec(conditioned([part(0, true), part(1, false), part(2, true), part(3, false)]));
    expect(() => compile(spec as TopLevelSpec)).not.toThrow();
    const rows = data(spec);
    expect(rows.map((d) => `${d.label} ${d.which}`)).toEqual([
      'Region 0: productivity Before (prior)', 'Region 0: productivity After the observations',
      'Region 2: productivity Before (prior)', 'Region 2: productivity After the observations',
    ]);
    expect(rows[0]).toMatchObject({ lo: 0.89, mid: 1, hi: 1.09 });
    expect(rows[3]).toMatchObject({ lo: 0.85, mid: 0.948, hi: 1.05, text: '1.000 → 0.948 (chance alone ±0.011)' });
    const subtitle = (spec as { title: { subtitle: string[] } }).title.subtitle.join(' ');
    expect(subtitle).toContain('The 2 parts whose median moved beyond what chance alone moves it');
    expect(subtitle).toContain('of the 4 the report lists');
  });

  it(`draws at most ${MAX_REGION_ROWS} parts, the first ones, and says how many it left out`, () => {
    const spec = conditioningRegionsSpec(conditioned(Array.from({ length: MAX_REGION_ROWS + 5 }, (_, i) => part(i, true))));
    const labels = [...new Set(data(spec).map((d) => d.label))];
    expect(labels).toHaveLength(MAX_REGION_ROWS);
    expect(labels[0]).toBe('Region 0: productivity');
    expect((spec as { title: { subtitle: string[] } }).title.subtitle.join(' ')).toContain(`The ${MAX_REGION_ROWS} that moved most of the ${MAX_REGION_ROWS + 5} parts`);
  });

  it('is drawn only for a weighted run in which some part moved beyond chance', async () => {
    const names = async (r: RunResult) => (await buildCharts(r)).map((c) => c.name);
    const drawn = await buildCharts(conditioned([part(0, true), part(1, false)]));
    const chart = drawn.find((c) => c.name === 'conditioning-regions');
    expect(chart?.title).toBe(CONDITIONING_REGIONS_TITLE);
    expect(chart!.svg).toContain('Region 0: productivity');
    expect(chart!.svg).not.toContain('Region 1: productivity');
    expect(await names(conditioned([part(0, false), part(1, false)]))).not.toContain('conditioning-regions');
    // Every observation set aside: nothing weighed the futures.
    expect(await names(conditioned([part(0, true)], 0))).not.toContain('conditioning-regions');
  }, 60_000);
});
