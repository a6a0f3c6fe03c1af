import { describe, it, expect, beforeAll } from 'vitest';
import { fileURLToPath } from 'node:url';
import { normalCdf } from '../../src/engine/index.js';
import { loadScenario } from '../../src/scenario/index.js';
import { annotateResult, runMonteCarlo, type RunResult } from '../../src/montecarlo/index.js';
import { regionTable } from '../../src/report/html-detail.js';
import { regionFansSpec } from '../../src/report/charts/region-fans.js';
import { waitsSpec } from '../../src/report/charts/waits.js';
import { furthestBehind, startSentences } from '../../src/report/region-honesty.js';
import { summaryJson } from '../../src/report/summary-json.js';
import { reportHtml } from '../../src/report/html.js';
import { makeRunResult } from '../fixtures/run-result.js';

const file = (rel: string) => fileURLToPath(new URL(`../${rel}`, import.meta.url));

/** The panel order of the region-fans chart: region names by their 'order' field. */
function panelOrder(spec: object): string[] {
  const rows = (JSON.stringify(spec).match(/"region":"[^"]+","order":\d+/g) ?? []).map((m) => JSON.parse(`{${m}}`) as { region: string; order: number });
  return [...new Map(rows.map((r) => [r.order, r.region])).entries()].sort((a, b) => a[0] - b[0]).map((x) => x[1]);
}

describe('each region against its own fibre ceiling', () => {
  let result: RunResult;
  beforeAll(async () => {
    // test/fixtures/regions/ceiling.yaml, worked out by hand in its header.
    const loaded = loadScenario(file('fixtures/regions/ceiling.yaml'));
    result = annotateResult(await runMonteCarlo(loaded.input, loaded.identity, { runs: 5, seed: 3, workers: 0 }), loaded);
  });

  it('a region whose rule sends 30 % to satellite has a ceiling of 70 % and cannot reach 90 % at all', () => {
    const sat = result.summary.regions!.find((r) => r.id === 'sat')!;
    expect(sat.fibreCeiling).toEqual({ p10: 0.7, p50: 0.7, p90: 0.7, mean: 0.7 });
    expect(sat.probabilityCeiling90).toBe(0);
    expect(sat.atDeadlines[0]).toMatchObject({ fibre: { p50: 0.7 }, fibreMean: 0.7, gapToCeiling: 0, probabilityFibre90: 0 });
    const slow = result.summary.regions!.find((r) => r.id === 'slow')!;
    expect(slow.fibreCeiling.mean).toBe(1);
    expect(slow.probabilityCeiling90).toBe(1);
    expect(slow.atDeadlines[0]).toMatchObject({ fibreMean: 0.8, gapToCeiling: 0.2 });
  });

  it('is not ranked furthest behind for that gap: the region below its own ceiling is', () => {
    // By fibre share alone, 'sat' (70 %) is behind 'slow' (80 %): the ranking must not be that one.
    const byShare = [...result.regions].sort((a, b) => a.atDeadlines[0]!.fibre.p50 - b.atDeadlines[0]!.fibre.p50).map((r) => r.id);
    expect(byShare).toEqual(['sat', 'slow']);
    expect(furthestBehind(result).map((r) => r.id)).toEqual(['slow', 'sat']);
    expect(panelOrder(regionFansSpec(result))).toEqual(['Slow', 'Satellite-heavy']);
    // The table says the 0 % chance is the ceiling's doing, not a low score.
    const table = regionTable(result);
    const satRow = table.split('\n').find((l) => l.includes('Satellite-heavy'))!;
    expect(satRow).toContain('ceiling below 90%');
    expect(satRow).not.toContain('chance low');
    const slowRow = table.split('\n').find((l) => l.includes('<td>Slow</td>'))!;
    expect(slowRow).toContain('chance low');
  });

  it('without a fibre target, ranks by the gap to the ceiling at the end of the simulation', () => {
    const r = makeRunResult({ runs: 100 });
    r.summary.targets = r.summary.targets.filter((t) => t.metric !== 'fibre-share');
    const last = new Map<string, number>();
    for (const p of r.timeseries) if (p.series.startsWith('fibre:')) last.set(p.series.slice(6), p.mean);
    const expected = [...r.regions].sort((a, b) => (b.fibreCeiling.mean - last.get(b.id)!) - (a.fibreCeiling.mean - last.get(a.id)!)).map((x) => x.id);
    expect(furthestBehind(r).map((x) => x.id)).toEqual(expected);
  });

  it('summary.json carries each region\'s start, ceiling, chance of reaching 90 % at all and gap', () => {
    const json = JSON.parse(summaryJson(result.summary));
    expect(Object.keys(json.regions[0])).toEqual(['id', 'name', 'settlements', 'start', 'fibreCeiling', 'probabilityCeiling90', 'atDeadlines']);
    expect(json.regions[0].start).toEqual({ connected: 7, basis: 'unmarked' });
    expect(Object.keys(json.regions[0].atDeadlines[0])).toEqual(['deadline', 'fibre', 'coverage', 'probabilityFibre90', 'fibreMean', 'gapToCeiling']);
  });

  it('matches the closed form for drawn villages: P(satellite) = P(pop < 250) x P(km > 30)', async () => {
    // Populations lognormal around 250 and distances around 30 km: each village goes to
    // satellite with probability 1/2 x 1/2, so the ceiling is 75 % on average, with the
    // binomial spread of 2,000 villages (sd 0.97 points) from one replication to the next.
    const loaded = loadScenario(file('fixtures/regions/ceiling.yaml'));
    const input = structuredClone(loaded.input);
    input.regions = [{ ...input.regions[1]!, id: 'drawn', name: 'Drawn', settlements: 2000, connected: 0 }];
    input.settlementDefaults = { population: { dist: 'lognormal', median: 250, sigma: 1 }, backboneKm: { dist: 'lognormal', median: 30, sigma: 0.5 } };
    input.horizon = '2026-01-10';
    input.targets = [{ ...input.targets[0]!, deadline: '2026-01-05' }];
    const r = await runMonteCarlo(input, loaded.identity, { runs: 200, seed: 9, workers: 0 });
    const c = r.summary.regions![0]!.fibreCeiling;
    // Rounding populations to whole people moves P(pop < 250) to Φ(ln(249.5/250)) — 0.0002 off.
    const p = normalCdf(Math.log(249.5 / 250)) * 0.5;
    const sd = Math.sqrt(p * (1 - p) / 2000);
    expect(Math.abs(c.mean - (1 - p))).toBeLessThan(5 * sd / Math.sqrt(200));
    expect(Math.abs(c.p10 - (1 - p - 1.2816 * sd))).toBeLessThan(0.004);
    expect(Math.abs(c.p90 - (1 - p + 1.2816 * sd))).toBeLessThan(0.004);
    expect(r.summary.regions![0]!.probabilityCeiling90).toBe(0);
  }, 60_000);
});

describe('estimated starting counts are said to be estimates wherever regions are shown', () => {
  const bases = (r: RunResult, published: string[]) => {
    for (const list of [r.regions, r.summary.regions ?? []]) {
      for (const x of list) x.start = { ...x.start, basis: published.includes(x.id) ? 'published' : 'estimate', note: published.includes(x.id) ? 'A: a source' : 'estimate: proportional share' };
    }
    return r;
  };

  it('says how many starts are estimates, names the published ones, and says the lag of an estimated region furthest behind is an assumption', () => {
    const r = bases(makeRunResult({ runs: 200 }), ['aktobe', 'karaganda']);
    const text = startSentences(r).join(' ');
    expect(text).toContain('of 15 of the 17 regions are estimates, not published figures');
    expect(text).toContain('only Aktobe’s and Karaganda’s are published figures');
    const behind = furthestBehind(r).slice(0, 3).filter((x) => x.start.basis === 'estimate');
    expect(behind.length).toBeGreaterThan(0);
    // One sentence names every such region (the same words once, not once a region).
    const names = behind.map((x) => `${x.name}’s`);
    const names2 = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    expect(text).toContain(names.length === 1 ? `${names2} start is an estimate: its lag reflects an assumed starting count.` : `${names2} starts are estimates: their lag reflects assumed starting counts.`);
    expect(text.match(/lag reflects/g)).toHaveLength(1);
    // A published region among the furthest behind gets no such sentence.
    const published = bases(makeRunResult({ runs: 200 }), furthestBehind(r).slice(0, 3).map((x) => x.id));
    for (const x of furthestBehind(published).slice(0, 3)) expect(startSentences(published).join(' ')).not.toContain(`${x.name}’s start`);
  });

  it('marks them in the region table, the region-fans panels, the waits chart and the report', () => {
    const r = bases(makeRunResult({ runs: 200 }), ['aktobe']);
    const table = regionTable(r);
    expect(table.match(/class="sub start-estimate"[^>]*>estimate</g)).toHaveLength(16);
    expect(table.match(/class="sub start-published"[^>]*>published</g)).toHaveLength(1);
    const fans = JSON.stringify(regionFansSpec(r));
    expect(fans).toContain('"start":"start: estimate"');
    expect(fans).toContain('“start: estimate” (16 of 17 regions): the starting count is not (wholly) a published figure');
    const waits = JSON.stringify(waitsSpec(r));
    expect(waits).toContain('start: estimate');
    // A ceiling above 90 % shows its tenth (pct), as the region table beside it does.
    expect(waits).toMatch(/ceiling \d+(\.\d)?%/);
    const html = reportHtml(r, []);
    expect(html).toContain('of 16 of the 17 regions are estimates');
  });

  it('counts the charts’ start notes by basis, as the panels label them and the report counts them', () => {
    const r = bases(makeRunResult({ runs: 200 }), ['aktobe']);
    const partly = r.regions.filter((x) => x.id !== 'aktobe').slice(0, 2).map((x) => x.id);
    for (const list of [r.regions, r.summary.regions ?? []]) for (const x of list) if (partly.includes(x.id)) x.start = { ...x.start, basis: 'partly-estimated' };
    const fans = JSON.stringify(regionFansSpec(r));
    const waits = JSON.stringify(waitsSpec(r));
    for (const spec of [fans, waits]) {
      expect(spec).toContain('“start: estimate” (14 of 17 regions), “start: partly estimated” (2 of 17)');
      // The old single total under “start: estimate” counted the partly estimated ones too.
      expect(spec).not.toContain('16 of 17');
    }
    expect(fans.match(/"start":"start: partly estimated"/g)?.length).toBeGreaterThan(0);
    expect(startSentences(r).join(' ')).toContain('14 of the 17 regions are estimates');
  });

  it('classifies the shipped baseline: 14 estimates, Pavlodar and Karaganda partly estimated, Aktobe published', () => {
    const loaded = loadScenario(fileURLToPath(new URL('../../scenarios/kazakhstan-baseline.yaml', import.meta.url)));
    // The fixture's region ids differ from the baseline's in places: give it the baseline's own.
    const result = makeRunResult({ runs: 50 });
    result.regions = loaded.input.regions.map((reg) => ({ ...result.regions[0]!, id: reg.id, name: reg.name, start: { connected: reg.connected } }));
    annotateResult(result, loaded);
    const by = (b: string) => result.regions.filter((x) => x.start.basis === b).map((x) => x.id);
    expect(by('estimate')).toHaveLength(14);
    expect(by('partly-estimated').sort()).toEqual(['karaganda', 'pavlodar']);
    expect(by('published')).toEqual(['aktobe']);
  });
});
