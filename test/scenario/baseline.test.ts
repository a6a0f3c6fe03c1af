import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/index.js';
import { shipped } from './helpers.js';

describe('the Kazakhstan baseline (scenarios/kazakhstan-baseline.yaml)', () => {
  const file = shipped('kazakhstan-baseline.yaml');
  const { input, identity } = loadScenario(file);

  it('has 17 regions summing to the 6,179 settlements and 2,606 on fibre of the press release', () => {
    expect(input.regions).toHaveLength(17);
    expect(input.regions.reduce((s, r) => s + r.settlements, 0)).toBe(6179);
    expect(input.regions.reduce((s, r) => s + r.connected, 0)).toBe(2606);
    expect(new Set(input.regions.map((r) => r.id)).size).toBe(17);
    for (const r of input.regions) expect(r.connected).toBeLessThanOrEqual(r.settlements);
  });

  it('states the two press-release targets', () => {
    expect(input.targets.map(({ alternatives: _, ...t }) => t)).toEqual([
      { id: 'fibre-2026', label: '90 % of rural settlements on fibre by end 2026', metric: 'fibre-share', threshold: 0.9, deadline: '2026-12-31' },
      { id: 'coverage-2027', label: '100 % of settlements with >= 100 Mbps by end 2027', metric: 'coverage-share', threshold: 1, deadline: '2027-12-31' },
    ]);
    expect(input.start).toBe('2025-10-21');
    expect(input.horizon).toBe('2028-12-31');
    expect(input.coverageTechnologies).toEqual(['fibre', 'satellite']);
    expect(input.currency).toBe('M KZT');
    expect(identity.name).toBe('kazakhstan-baseline');
  });

  it('reads each target in other ways, from the sources: at least three readings of 2026, two of 2027', () => {
    const [fibre, coverage] = input.targets;
    expect(fibre.alternatives!.map((a) => a.id)).toEqual(['fibre-or-satellite', 'villages-2026', 'by-end-2027']);
    expect(fibre.alternatives![0]).toMatchObject({ metric: 'share', services: ['backbone-fibre', 'satellite'], threshold: 0.9, deadline: '2026-12-31' });
    expect(fibre.alternatives![1]).toMatchObject({ metric: 'fibre-share', denominator: 6096, threshold: 0.9 });
    expect(fibre.alternatives![2]).toMatchObject({ metric: 'fibre-share', threshold: 0.9, deadline: '2027-12-31' });
    expect(coverage.alternatives!.map((a) => a.id)).toEqual(['share-99.5', 'villages-2026', 'fibre-only', 'household-fibre']);
    expect(coverage.alternatives![0]).toMatchObject({ metric: 'coverage-share', threshold: 0.995 });
    expect(coverage.alternatives![2]).toMatchObject({ metric: 'share', services: ['backbone-fibre'], threshold: 1 });
  });

  it('starts with the published household fibre (663) and 4G (2,182) villages, split by region', () => {
    expect(input.regions.reduce((s, r) => s + (r.services?.householdFibre ?? 0), 0)).toBe(663);
    expect(input.regions.reduce((s, r) => s + (r.services?.mobile ?? 0), 0)).toBe(2182);
    for (const r of input.regions) expect(r.services!.householdFibre!).toBeLessThanOrEqual(r.connected);
  });

  it('appropriates the 323 bn KZT fibre investment to 2027', () => {
    const b = input.budget.fibre!;
    expect(b.unlimited).toBe(false);
    expect(Object.values(b.appropriations).reduce((s, x) => s + x, 0)).toBe(323000);
    expect(input.budget.satellite).toBeUndefined();
  });

  it('sends small, remote settlements to satellite and every region season exists', () => {
    expect(input.technology).toEqual({ rules: [{ populationBelow: 250, backboneKmAbove: 30, use: 'satellite' }], default: 'fibre' });
    for (const r of input.regions) expect(Object.keys(input.seasons)).toContain(r.season);
    expect(Object.keys(input.seasons).sort()).toEqual(['central', 'north', 'south']);
  });

  it('has fibre crews in every region, sized for ~3,000 villages a year', () => {
    const crews = input.regions.reduce((s, r) => s + r.crews.fibre, 0);
    expect(crews).toBeGreaterThanOrEqual(60);
    expect(crews).toBeLessThanOrEqual(150);
    for (const r of input.regions) expect(r.crews.fibre).toBeGreaterThan(0);
  });

  it('has satellite and mast sections, permit offices, national factors and a risk register', () => {
    expect(input.satellite).toBeDefined();
    expect(input.mast).toMatchObject({ preAllocatedSites: false, settlementsPerMast: 1 });
    for (const o of [input.fibre.approvalOffice, input.mast!.siteOffice, input.mast!.permitOffice]) {
      expect(o!.capacity).toBeGreaterThanOrEqual(1);
      expect(o!.rejection).toBeGreaterThan(0);
    }
    expect(Object.keys(input.factors!).sort()).toEqual(['costOverrun', 'permitDelay', 'productivity']);
    expect(input.risks!.map((r) => r.impact.type).sort()).toEqual(['budget-cut', 'cable-shortage', 'contractor-default', 'harsh-winter']);
    // Today's plan: fibre, and satellite for the last ~10 %; no village mast, no motorway stream.
    expect(input.technology.rules.every((r) => r.use === 'satellite')).toBe(true);
    expect(input.motorways).toBeUndefined();
  });

  it('carries a source comment (E/A/G tag or "estimate") on every line with a number', () => {
    const lines = readFileSync(file, 'utf8').split('\n');
    const missing: string[] = [];
    let inBlock = false; // description: >- text
    lines.forEach((line, i) => {
      if (/^\S/.test(line)) inBlock = /^description:/.test(line);
      const code = line.replace(/#.*$/, '');
      if (inBlock || !/\d/.test(code) || /^\s*(- )?(id|label|name|source|\$schema):/.test(code)) return;
      const comment = /#(.*)$/.exec(line)?.[1] ?? '';
      if (!/\b[EAG]:|estimate|reporting choice/.test(comment)) missing.push(`${i + 1}: ${line.trim()}`);
    });
    expect(missing).toEqual([]);
  });

  it('names its schema for editors', () => {
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe('$schema: ./schema.json');
  });
});
