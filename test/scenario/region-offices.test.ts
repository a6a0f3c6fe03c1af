import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../../src/scenario/index.js';

describe('a region\'s own office capacity', () => {
  it('reaches the model input for that region only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'office-'));
    const file = join(dir, 'o.yaml');
    writeFileSync(file, `name: o
start: 2026-01-01
horizon: 2026-12-31
targets: []
regions:
  - { id: a, name: A, settlements: 5, connected: 1, crews: { fibre: 1 } }
  - { id: b, name: B, settlements: 5, connected: 1, crews: { fibre: 1 }, offices: { approvalOffice: null } }
settlementDefaults: { population: 100, backboneKm: 10 }
fibre:
  kmPerDay: 2
  approval: 30
  approvalOffice: { capacity: 2, rejection: 0 }
`);
    const { input } = loadScenario(file);
    expect(input.regions[0].offices).toBeUndefined();
    expect(input.regions[1].offices).toEqual({ approvalOffice: null });
  });
});
