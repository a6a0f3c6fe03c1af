import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '../../src/montecarlo/result.js';
import { timeseriesCsv } from '../../src/report/index.js';
import { makeRunResult } from '../fixtures/run-result.js';

const HEADER = 'series,date,p10,p25,p50,p75,p90,mean';

describe('timeseriesCsv', () => {
  it('writes the header and one row per point, in order', () => {
    const points: SeriesPoint[] = [
      { series: 'fibre', date: '2026-01-01', p10: 0.1, p25: 0.2, p50: 1 / 3, p75: 0.4, p90: 0.5, mean: 0.30000000000000004 },
      { series: 'fibre:akmola', date: '2026-01-08', p10: 0, p25: 0, p50: 0, p75: 1, p90: 1, mean: 0.25 },
    ];
    const lines = timeseriesCsv(points).trimEnd().split('\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines.slice(1)).toEqual(['fibre,2026-01-01,0.1,0.2,0.333333,0.4,0.5,0.3', 'fibre:akmola,2026-01-08,0,0,0,1,1,0.25']);
  });

  it('keeps the column order whatever order the objects were built in', () => {
    const p = { mean: 0.5, p90: 0.9, p75: 0.75, p50: 0.5, p25: 0.25, p10: 0.1, date: '2026-02-01', series: 'coverage' } as SeriesPoint;
    const lines = timeseriesCsv([p]).trimEnd().split('\n');
    expect(lines).toEqual([HEADER, 'coverage,2026-02-01,0.1,0.25,0.5,0.75,0.9,0.5']);
  });

  it('quotes text with commas and ends with a newline', () => {
    const p: SeriesPoint = { series: 'fibre:a,b', date: '2026-01-01', p10: 0, p25: 0, p50: 0, p75: 0, p90: 0, mean: 0 };
    const text = timeseriesCsv([p]);
    expect(text.split('\n')[1]).toBe('"fibre:a,b",2026-01-01,0,0,0,0,0,0');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('writes a header even with no points', () => {
    expect(timeseriesCsv([])).toBe(`${HEADER}\n`);
  });

  it('has a row for every point of a realistic run', () => {
    const r = makeRunResult();
    const lines = timeseriesCsv(r.timeseries).trimEnd().split('\n');
    expect(lines).toHaveLength(r.timeseries.length + 1);
    expect(lines.every((l) => l.split(',').length === 8)).toBe(true);
  });
});
