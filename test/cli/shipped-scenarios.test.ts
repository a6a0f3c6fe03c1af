import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers.js';
import { loadScenario } from '../../src/scenario/index.js';
import { compileModel, simulateReplication, TECH_CODE } from '../../src/model/index.js';

const dir = join(ROOT, 'scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

describe('every shipped scenario', () => {
  it('is there: the baseline, six policy options, motorways and the back-test', () => {
    expect(files).toContain('kazakhstan-baseline.yaml');
    expect(files.filter((f) => f.startsWith('option-')).length).toBeGreaterThanOrEqual(6);
    expect(files).toContain('backtest-ppp-2018.yaml');
  });

  for (const f of files) {
    it(`${f} runs with every invariant checked`, () => {
      const { input } = loadScenario(join(dir, f));
      const m = compileModel(input);
      for (const rep of [0, 1]) {
        const o = simulateReplication(m, 1, rep, { check: true });
        expect(o.completion.length).toBe(o.settlements.n);
        expect(o.events).toBeGreaterThan(0);
      }
    }, 60_000);
  }

  it('the baseline uses fibre and satellite, with offices, risks and national factors', () => {
    const { input } = loadScenario(join(dir, 'kazakhstan-baseline.yaml'));
    const o = simulateReplication(compileModel(input), 1, 0);
    const techs = new Set(Array.from(o.settlements.tech).filter((_, i) => !o.settlements.connected[i]));
    expect(techs.has(TECH_CODE.fibre)).toBe(true);
    expect(techs.has(TECH_CODE.satellite)).toBe(true);
    expect(input.fibre.approvalOffice).toBeDefined();
    expect(input.risks?.length).toBeGreaterThan(0);
    expect(input.factors).toBeDefined();
  });
});
