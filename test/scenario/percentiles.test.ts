import { describe, it, expect } from 'vitest';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../../src/scenario/index.js';
import { distribution } from '../../src/engine/index.js';

const scenario = (backboneKm: string, design: string) => `name: pct
start: 2026-01-01
horizon: 2026-12-31
targets: []
regions:
  - { id: a, name: A, settlements: 5, connected: 1, crews: { fibre: 1 } }
settlementDefaults: { population: 100, backboneKm: ${backboneKm} }
fibre:
  kmPerDay: 2
  design: ${design}
`;

describe('normal and lognormal given by P10 and P90', () => {
  it('become distributions with exactly those percentiles', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pct-'));
    const file = join(dir, 'p.yaml');
    writeFileSync(file, scenario('{ dist: lognormal, p10: 8, p90: 40 }', '{ dist: normal, p10: 20, p90: 30, min: 0 }'));
    const { input } = loadScenario(file);
    const km = distribution(input.settlementDefaults.backboneKm);
    expect(km.quantile(0.1)).toBeCloseTo(8, 6);
    expect(km.quantile(0.9)).toBeCloseTo(40, 6);
    expect(input.settlementDefaults.backboneKm).toMatchObject({ dist: 'lognormal', median: Math.sqrt(320) });
    const design = distribution(input.fibre.design);
    expect(design.quantile(0.1)).toBeCloseTo(20, 6);
    expect(design.quantile(0.9)).toBeCloseTo(30, 6);
  });
});
