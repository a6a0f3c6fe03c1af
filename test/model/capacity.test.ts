import { describe, it, expect } from 'vitest';
import { compileModel, Replicator } from '../../src/model/index.js';
import { loadScenario } from '../../src/scenario/index.js';
import { fixture } from '../scenario/helpers.js';

/** Delivery capacity (issue 11 item 1), through the real scenario path; hand-worked answers in the fixtures' comments. */
const load = (name: string) => compileModel(loadScenario(fixture(`mechanisms/${name}`)).input);

describe('a limit on designs at once (test/fixtures/mechanisms/design-office.yaml)', () => {
  it('works on as many designs per region as its design teams allow, in queue order', () => {
    const o = new Replicator(load('design-office.yaml')).run(1, 0, { check: true });
    expect(Array.from(o.completion)).toEqual([10, 10, 20, 20, 30, 30, 10, 10, 10, 20, 20, 20]);
  });
});
