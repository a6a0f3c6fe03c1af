import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../src/scenario/index.js';
import { assumptions } from '../../src/report/html-assumptions.js';

const shipped = (name: string) => loadScenario(fileURLToPath(new URL(`../../scenarios/${name}`, import.meta.url))).input;
/** The text of the report's "Site allocation by the akimat" row (null: no such row), and whether the site office is listed. */
const siteRows = (html: string) => ({
  allocation: /<td>Site allocation by the akimat<\/td><td>(.*?)<\/td>/.exec(html)?.[1] ?? null,
  office: html.includes('<td>Site office</td>'),
});

describe("the report's mast site step", () => {
  it('a land law from a date: the step is drawn, with its office, until that date and skipped from it (the baseline)', () => {
    const input = shipped('kazakhstan-baseline.yaml');
    expect(input.mast?.preAllocatedSites).toBe('2026-06-19');
    const rows = siteRows(assumptions(input));
    expect(rows.allocation).toMatch(/ days .*; from 19 Jun 2026 skipped/);
    expect(rows.allocation).not.toContain('pre-allocated');
    expect(rows.office).toBe(true);
  });

  it('pre-allocated throughout (the permit reform): skipped, no site office', () => {
    const rows = siteRows(assumptions(shipped('option-permit-reform.yaml')));
    expect(rows.allocation).toBe('skipped: sites are pre-allocated');
    expect(rows.office).toBe(false);
  });

  it('never pre-allocated (no land law): drawn throughout, with its office', () => {
    const rows = siteRows(assumptions(shipped('option-without-land-law.yaml')));
    expect(rows.allocation).toMatch(/^[\d.]+ \/ [\d.]+ \/ [\d.]+ days/);
    expect(rows.allocation).not.toContain('skipped');
    expect(rows.office).toBe(true);
  });
});
