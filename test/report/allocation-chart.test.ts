import { describe, expect, it } from 'vitest';
import type { AllocationResult } from '../../src/montecarlo/analysis-result.js';
import { allocationPathSpec } from '../../src/report/charts/allocation.js';
import { renderSvg } from '../../src/report/render-svg.js';

/** The audited allocate run (20 fibre crews in steps of 4): a path of 0–3 %, and the three splits all at 0 %. */
function audited(): AllocationResult {
  const names = ['Akmola', 'Turkestan', 'Atyrau', 'Kostanay', 'West Kazakhstan', 'Abai', 'Almaty', 'Aktobe', 'Jambyl', 'Jetisu', 'Karaganda', 'Kyzylorda', 'Mangystau', 'North Kazakhstan', 'Pavlodar', 'Ulytau', 'East Kazakhstan'];
  const slots = names.map((label, i) => ({ id: `r${i}`, label }));
  const p = [0, 0, 0.025, 0.025, 0.025];
  const steps = p.map((probability, k) => ({ unit: k + 1, slot: `r${k}`, probability, ci95: [0, probability > 0 ? 0.13 : 0.088] as [number, number], meanReached: 0.5 + k / 100, measured: 17 }));
  const split = (name: string) => ({ name, probability: 0, ci95: [0, 0.037] as [number, number], meanReached: 0.6, added: slots.map(() => 0), units: slots.map(() => 0) });
  return {
    scenario: { name: 'kazakhstan-baseline', file: 'x.yaml', sha256: 'c3b9d497aaca00' }, seed: 1, version: '0.1.0', runs: 40, validation: 100,
    target: { id: 'coverage-2027', label: '100 % of settlements with >= 100 Mbps by end 2027' },
    resource: { kind: 'crews', technology: 'fibre', total: 20, step: 4 }, noun: 'fibre crews', perUnit: 4, units: 5, slots, steps,
    searchBase: 0, searchBaseReached: 0.5, chanceTies: false,
    chosen: { ...split('found'), probability: 0 }, alternatives: [split('even'), split('in proportion')],
  } as unknown as AllocationResult;
}

const layers = (spec: unknown) => ((spec as { vconcat: { layer: Record<string, any>[] }[] }).vconcat[0]!.layer);

describe('the allocation-path chart', () => {
  it('fits its chance axis to the data and says it does not reach 100 %', () => {
    const spec = allocationPathSpec(audited());
    const y = layers(spec)[0]!.encoding.y;
    expect(y.scale.domain).toEqual([0, 0.2]); // the highest interval end, 13 %, and a margin
    expect(y.axis.title).toBe('Chance of meeting the target (axis to 20%)');
  });

  it('draws splits with the same value as one diamond whose legend names them all, and no text a line could cross', () => {
    const spec = allocationPathSpec(audited());
    const diamonds = layers(spec).find((l) => l.mark.shape === 'diamond')!;
    expect(diamonds.data.values).toHaveLength(1);
    expect(diamonds.data.values[0].split).toBe('found, even and in proportion splits: 0% each');
    expect(layers(spec).some((l) => l.mark.type === 'text' || l.layer)).toBe(false);
  });

  it('puts every mark in a legend, the start point too, and tells 17 regions apart by colour and shape', () => {
    const a = audited();
    a.steps = a.slots.map((s, k) => ({ ...a.steps[0]!, unit: k + 1, slot: s.id }));
    a.units = a.slots.length;
    const points = layers(allocationPathSpec(a)).find((l) => l.mark.type === 'point' && l.encoding.color?.field === 'to')!;
    const { color, shape } = points.encoding;
    expect(color.scale.domain[0]).toBe('nothing added yet');
    expect(points.data.values[0].to).toBe('nothing added yet');
    const pairs = color.scale.domain.map((_: string, i: number) => `${color.scale.range[i]} ${shape.scale.range[i]}`);
    expect(new Set(pairs).size).toBe(18);
    // No two of the first eight colours are both reds/oranges (the audit's Kostanay and West Kazakhstan).
    expect(color.scale.range[4]).not.toBe(color.scale.range[5]);
  });

  it('renders both legends', async () => {
    const svg = await renderSvg(allocationPathSpec(audited()));
    expect(svg).toContain('nothing added yet');
    expect(svg).toContain('On 100 fresh futures');
    expect(svg).toContain('West Kazakhstan');
  });
});
