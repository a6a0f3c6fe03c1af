import { compile, type TopLevelSpec } from 'vega-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/montecarlo/result.js';
import { buildCharts, type ChartFile } from '../../src/report/index.js';
import { makeRunResult } from '../fixtures/run-result.js';

const NAMES = ['coverage-fan', 'target-probability', 'date-reached', 'region-fans', 'waits', 'convergence'];
const EVIL = '<script>alert(1)</script>';

/** Short failure messages: an SVG is too long to print. */
function has(svg: string, text: string, yes = true): void {
  expect(svg.includes(text), `${yes ? 'expected' : 'did not expect'} ${JSON.stringify(text)}`).toBe(yes);
}

describe('buildCharts', () => {
  let result: RunResult;
  let charts: ChartFile[];
  beforeAll(async () => {
    result = makeRunResult();
    charts = await buildCharts(result, { png: true });
  }, 60_000);

  it('builds the six charts, in order', () => {
    expect(charts.map((c) => c.name)).toEqual(NAMES);
  });

  it('gives Vega-Lite specs that compile, with their data inlined', () => {
    for (const c of charts) {
      expect(() => compile(c.spec as TopLevelSpec), c.name).not.toThrow();
      const text = JSON.stringify(c.spec);
      expect(text, c.name).toContain('"values"');
      expect(text, c.name).not.toMatch(/"url"\s*:/);
      expect((c.spec as { $schema?: string }).$schema).toMatch(/vega-lite\/v6/);
    }
  });

  it('renders each to an SVG carrying its title and the provenance line', () => {
    const prov = `sha256 ${result.summary.scenario.sha256.slice(0, 12)}`;
    for (const c of charts) {
      expect(c.svg.startsWith('<svg'), c.name).toBe(true);
      has(c.svg, c.title.replace(/&/g, '&amp;'));
      has(c.svg, prov);
      has(c.svg, `seed ${result.summary.seed}`);
      has(c.svg, '1,000 runs');
    }
  });

  it('renders PNGs when asked', () => {
    for (const c of charts) {
      expect(c.png, c.name).toBeInstanceOf(Uint8Array);
      expect(Array.from(c.png!.slice(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect(c.png!.length).toBeGreaterThan(10_000);
    }
  });

  it('marks the targets and their deadlines, and writes dates as dates', () => {
    const byName = Object.fromEntries(charts.map((c) => [c.name, c]));
    for (const t of result.summary.targets) {
      has(byName['coverage-fan']!.svg, t.label);
      has(byName['target-probability']!.svg, t.label);
      has(byName['date-reached']!.svg, t.label);
    }
    has(byName['coverage-fan']!.svg, 'Jan 2027');
    has(byName['date-reached']!.svg, 'Deadline 31 Dec 2026');
    has(byName['target-probability']!.svg, 'All targets together');
    has(byName['region-fans']!.svg, 'North Kazakhstan');
    has(byName['waits']!.svg, 'Approvals and permits');
    has(byName['waits']!.svg, 'Satellite terminals on order', false); // a stage with no time is left out
    has(byName['coverage-fan']!.svg, '100%');
  });

  it('shows the share of futures that never reach a target', () => {
    const r = makeRunResult();
    const hist = r.dateReached[1]!;
    expect(hist.never).toBeGreaterThan(0);
    const dr = charts.find((c) => c.name === 'date-reached')!;
    has(dr.svg, 'Not reached at all before the end of the simulation');
  });
});

describe('scenario text stays text', () => {
  it('escapes a malicious label and region name in every SVG', async () => {
    const result = makeRunResult({ label: EVIL, regionName: EVIL, runs: 200 });
    const charts = await buildCharts(result);
    for (const name of NAMES) {
      const svg = charts.find((c) => c.name === name)!.svg;
      has(svg, '<script', false);
      has(svg, '&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  }, 60_000);
});

describe('motorway targets', () => {
  it('draw the motorway series and target beside the settlement ones', async () => {
    const result = makeRunResult({ motorway: true, runs: 200 });
    const charts = await buildCharts(result);
    const fan = charts.find((c) => c.name === 'coverage-fan')!.svg;
    has(fan, 'Motorway km covered by masts');
    has(fan, '4G on national motorways by end-2027');
    has(fan, '95% of motorway km covered by 31 Dec 2027');
    has(charts.find((c) => c.name === 'date-reached')!.svg, '4G on national motorways by end-2027');
    has(charts.find((c) => c.name === 'target-probability')!.svg, '4G on national motorways by end-2027');
  }, 60_000);
});

describe('degenerate runs still give charts', () => {
  it('renders with no regional series, no waits and no target ever reached', async () => {
    const base = makeRunResult({ runs: 100 });
    const result: RunResult = {
      ...base,
      timeseries: base.timeseries.filter((p) => !p.series.includes(':')),
      waits: [],
      regions: [],
      dateReached: base.dateReached.map((d) => ({ id: d.id, counts: [], never: 100 })),
      convergence: [],
    };
    const charts = await buildCharts(result);
    expect(charts.map((c) => c.name)).toEqual(NAMES.filter((n) => n !== 'convergence'));
    for (const c of charts) has(c.svg, c.title.replace(/&/g, '&amp;'));
  }, 60_000);
});

describe('convergence and run date', () => {
  it('draws each target’s estimate against replications on a log axis, 0–100%, with its band', async () => {
    const result = makeRunResult({ runs: 500 });
    const charts = await buildCharts(result);
    const conv = charts.find((c) => c.name === 'convergence')!;
    const text = JSON.stringify(conv.spec);
    expect(text).toContain('"type":"log"');
    expect(text).toContain('"domain":[0,1]');
    expect(text).toContain('"y2":{"field":"hi"}');
    for (const t of result.summary.targets) has(conv.svg, t.label);
    has(conv.svg, 'Replications so far (log scale)');
    const last = result.convergence.filter((p) => p.target === 'fibre-2026').pop()!;
    expect(last.runs).toBe(500);
    expect(last.probability).toBe(result.summary.targets[0]!.probability);
  }, 60_000);

  it('says where a precision-driven run stopped', async () => {
    const reached = makeRunResult({ runs: 200, precision: { halfWidth: 0.01, reached: true, maxRuns: 50_000 } });
    const svg = (await buildCharts(reached)).find((c) => c.name === 'convergence')!.svg;
    has(svg, 'The run stopped at 200 replications, when every target’s 95% half-width was at most 1 percentage point.');
    const capped = makeRunResult({ runs: 200, precision: { halfWidth: 0.005, reached: false, maxRuns: 200 } });
    const svg2 = (await buildCharts(capped)).find((c) => c.name === 'convergence')!.svg;
    has(svg2, 'The run reached its maximum of 200 replications before every target’s 95% half-width was at most 0.5 percentage points');
  }, 60_000);

  it('puts the run date in every footer when given, and only then', async () => {
    const result = makeRunResult({ runs: 100 });
    const dated = await buildCharts(result, { runDate: '2026-03-01T10:22:33.120Z' });
    for (const c of dated) {
      has(c.svg, 'run 2026-03-01 10:22 UTC');
      has(c.svg, `sha256 ${result.summary.scenario.sha256.slice(0, 12)}`);
    }
    const plain = await buildCharts(result);
    for (const c of plain) has(c.svg, 'run 2026-03-01', false);
  }, 60_000);
});

describe('the drivers chart', () => {
  it('appears when the run recorded rank correlations, with the inputs and the run\'s provenance', async () => {
    const { makeRunResult } = await import('../fixtures/run-result.js');
    const { buildCharts } = await import('../../src/report/index.js');
    const r = makeRunResult();
    expect((await buildCharts(r)).some((c) => c.name === 'drivers')).toBe(false);
    r.drivers = {
      runs: 500,
      correlations: [
        { input: 'factors.costOverrun', label: 'National cost overrun factor', targets: r.summary.targets.map((t) => ({ id: t.id, spearman: -0.8 })) },
        { input: 'fibre.kmPerDay', label: 'Fibre crew productivity (km/day)', targets: r.summary.targets.map((t) => ({ id: t.id, spearman: 0.2 })) },
      ],
    };
    const chart = (await buildCharts(r)).find((c) => c.name === 'drivers')!;
    expect(chart.svg).toContain('What drives the risk?');
    expect(chart.svg).toContain('National cost overrun factor');
    expect(chart.svg).toContain(`${r.summary.runs.toLocaleString('en-US')} runs`);
  });
});
