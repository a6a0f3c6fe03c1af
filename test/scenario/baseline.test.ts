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

  it('states the three press-release targets', () => {
    expect(input.targets.map(({ alternatives: _, ...t }) => t)).toEqual([
      { id: 'fibre-2026', label: '90 % of rural settlements on fibre by end 2026', metric: 'fibre-share', threshold: 0.9, deadline: '2026-12-31' },
      { id: 'coverage-2027', label: '100 % of settlements with >= 100 Mbps by end 2027', metric: 'coverage-share', threshold: 1, deadline: '2027-12-31' },
      { id: 'networks-2027', label: '100 % of settlements covered by communication networks by end 2027', metric: 'share', services: ['backbone-fibre', 'satellite', 'mobile'], threshold: 1, deadline: '2027-12-31' },
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

  it('starts with the published household fibre (663), 4G (3,115 at end 2025) and OneWeb (328) villages, split by region', () => {
    expect(input.regions.reduce((s, r) => s + (r.services?.householdFibre ?? 0), 0)).toBe(663);
    expect(input.regions.reduce((s, r) => s + (r.services?.mobile ?? 0), 0)).toBe(3115);
    expect(input.regions.reduce((s, r) => s + (r.services?.satellite ?? 0), 0)).toBe(328);
    expect(input.regions.find((r) => r.id === 'aktobe')!.services!.satellite).toBe(24);
    for (const r of input.regions) expect(r.services!.householdFibre!).toBeLessThanOrEqual(r.connected);
  });

  it('pays from the two published programmes: Kazakhtelecom 239 bn and DARE 42 bn of grants (with 42 bn co-funded: 323 bn), masts from the operators', () => {
    const [kt, dare, mobile] = input.financing!;
    const total = (a: Record<string, number>) => Object.values(a).reduce((x, y) => x + y, 0);
    expect(kt).toMatchObject({ id: 'kazakhtelecom', pays: ['fibre', 'satellite'], unlimited: false, costShare: 1 });
    expect(total(kt.appropriations)).toBe(239000);
    // The agreement gives a total, not a yearly split: none is invented.
    expect(Object.keys(kt.appropriations)).toEqual(['2025']);
    expect(kt.topUp!.probability).toBeGreaterThan(0);
    expect(kt.topUp!.probability).toBeLessThan(1);
    expect(dare).toMatchObject({ id: 'dare', pays: ['household'], costShare: 0.5 });
    expect(total(dare.appropriations)).toBe(42000);
    expect(total(kt.appropriations) + total(dare.appropriations) / dare.costShare).toBe(323000);
    expect(mobile).toMatchObject({ pays: ['mast'], unlimited: true });
    expect(input.budget).toEqual({});
  });

  it('sends small, remote settlements to satellite and every region season exists', () => {
    expect(input.technology).toEqual({ rules: [{ populationBelow: 250, backboneKmAbove: 30, use: 'satellite' }], default: 'fibre' });
    for (const r of input.regions) expect(Object.keys(input.seasons)).toContain(r.season);
    expect(Object.keys(input.seasons).sort()).toEqual(['central', 'north', 'south']);
  });

  it('has delivery capacity from the record, turned into crews through km: 2025\'s few crews at work, a contract from the record\'s best year to the plan\'s pace, moving where the work is', () => {
    // Crews lay km. A crew-year from this file's own inputs: the kmPerDay mode times the
    // working days of each region's season (weighted by the villages it has left to connect)
    // times the productivity factors' means: ~850 km.
    const pertMean = (d: unknown) => { const x = d as { min: number; mode: number; max: number }; return (x.min + 4 * x.mode + x.max) / 6; };
    const days = (season: string) => input.seasons[season].buried.reduce((s: number, f: number, m: number) => s + f * [31, 28.25, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m], 0);
    const left = input.regions.map((r) => r.settlements - r.connected);
    const workingDays = input.regions.reduce((s, r, i) => s + days(r.season) * left[i], 0) / left.reduce((a, b) => a + b, 0);
    const kmPerCrewYear = (input.fibre.kmPerDay.buried as { mode: number }).mode * workingDays * pertMean(input.factors!.productivity) * pertMean(input.regionalFactors!.productivity);
    expect(kmPerCrewYear).toBeGreaterThan(800);
    expect(kmPerCrewYear).toBeLessThan(900);
    // The line of a village still to connect by fibre: ~21 km (the header; replication 0's settlements file).
    const kmPerVillage = 21;
    const atWork = input.regions.reduce((s, r) => s + r.crews.fibre, 0);
    const perYear = (crews: number) => (crews * kmPerCrewYear) / kmPerVillage;
    expect(perYear(atWork)).toBeGreaterThanOrEqual(50);   // between programmes: 50-250 a year [H5]
    expect(perYear(atWork)).toBeLessThanOrEqual(250);
    const c = input.capacity!.fibre!;
    const contract = c.contracted as { dist: string; min: number; max: number };
    expect(contract.dist).toBe('uniform');
    // The record's best year in km (600-750 villages of the PPP's 15.9 km [P4]) is ~11-14 crews:
    // the lower end is its lower bound, fewer than the regions, so the contract's crews move
    // where the work is (a national pool) instead of each region keeping a share of it.
    const recordCrews = [600, 750].map((v) => (v * (20000 / 1257)) / kmPerCrewYear);
    expect(recordCrews[1]).toBeLessThan(input.regions.length);
    expect(contract.min).toBe(Math.floor(recordCrews[0]));
    expect(c.deploy).toBe('national');
    expect(input.nationalCrews?.crews.fibre ?? 0).toBe(0); // no crews of the pool's own: only the contract's
    // The upper end: the restated plan's +1,900 villages in 2026 [S3], in km.
    expect(perYear(contract.max)).toBeGreaterThanOrEqual(1850);
    expect(perYear(contract.max)).toBeLessThanOrEqual(2000);
    // The PPP's ramp: ~12 crews (its ~10,000 km a year) in 12-18 months is the lower end of the growth.
    const growth = c.growthPerMonth as { dist: string; min: number; max: number };
    expect(growth.min).toBeCloseTo(10000 / kmPerCrewYear / 18, 0);
    expect(c.winterMobilisation).toBe(false);
    // The plan's own +3,000 is not an input anywhere: it is on the delivery record only.
    expect(input.deliveryRecord!.find((d) => d.id === 'plan-2026-press-release')).toMatchObject({ kind: 'plan', perYear: { min: 3000, max: 3000 } });
  });

  it('sets its masts beside the 4G record of its starting stock: (3,115 − 1,628) villages / 3 years [P7], and the +836 planned for 2026', () => {
    const pace = input.deliveryRecord!.find((d) => d.id === 'mobile-2023-25')!;
    expect(pace).toMatchObject({ kind: 'delivered', series: 'mobile' });
    expect(pace.perYear).toEqual({ min: Math.round((3115 - 1628) / 3), max: Math.round((3115 - 1628) / 3) });
    // The same series the start's mobile stock comes from: 3,115 villages with 4G at the end of 2025.
    expect(input.regions.reduce((s, r) => s + (r.services?.mobile ?? 0), 0)).toBe(3115);
    expect(input.deliveryRecord!.find((d) => d.id === 'mobile-plan-2026')).toMatchObject({ kind: 'plan', series: 'mobile', year: 2026, perYear: { min: 836, max: 836 } });
  });

  it('has a distance factor as wide as the PPP record leaves it: σ at least the root mean square of two misses of its km per village', () => {
    // Laid: 20,000 km for 1,257 villages [P4]; estimated: the contract's 16,000 km for 828 [H2], the 2017 plan's 24,000 for 1,700 [H1].
    const laid = 20000 / 1257, misses = [16000 / 828, 24000 / 1700].map((estimate) => Math.log(laid / estimate));
    expect(misses.map((x) => +x.toFixed(2))).toEqual([-0.19, 0.12]);
    const rms = Math.sqrt(misses.reduce((s, x) => s + x * x, 0) / misses.length);
    const d = input.factors!.distance!;
    expect(d).toMatchObject({ dist: 'lognormal', median: 1 });
    expect((d as { sigma: number }).sigma).toBeGreaterThanOrEqual(rms);
    expect((d as { sigma: number }).sigma).toBeLessThan(2 * rms);
  });

  it('has satellite and mast sections, permit offices, factors with regional and yearly parts and a risk register', () => {
    expect(input.satellite).toBeDefined();
    // The land law of 19 Jun 2026 [L1] is in force: the site step goes from that date.
    expect(input.mast).toMatchObject({ preAllocatedSites: '2026-06-19', settlementsPerMast: 1 });
    for (const o of [input.fibre.approvalOffice, input.mast!.siteOffice, input.mast!.permitOffice]) {
      expect(o!.capacity).toBeGreaterThanOrEqual(1);
      expect(o!.rejection).toBeGreaterThan(0);
    }
    expect(Object.keys(input.factors!).sort()).toEqual(['costOverrun', 'distance', 'permitDelay', 'productivity']);
    expect(Object.keys(input.regionalFactors!).sort()).toEqual(['permitDelay', 'productivity']);
    expect(Object.keys(input.yearlyFactors!).sort()).toEqual(['productivity']);
    expect(input.risks!.map((r) => r.impact.type).sort()).toEqual(['budget-cut', 'cable-shortage', 'contractor-default', 'harsh-winter']);
    // Fibre, satellite for the last ~10 %; masts for the villages of 250+ without 4G [P5]; DARE's 1,123 [S2].
    expect(input.technology.rules.every((r) => r.use === 'satellite')).toBe(true);
    expect(input.services!.mobile!.rules).toEqual([{ populationAbove: 250 }]);
    expect(input.services!.householdFibre!.rules).toMatchObject([{ max: 1123 }]);
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
