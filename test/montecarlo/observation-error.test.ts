import { describe, it, expect } from 'vitest';
import { compileModel } from '../../src/model/index.js';
import { observationSds } from '../../src/montecarlo/index.js';
import { handScheduleInput } from '../fixtures/hand-schedule.js';

describe('observationSds: the default observation error, in the value\'s unit', () => {
  const m = compileModel(handScheduleInput()); // one region of 3 settlements

  it('is the file\'s sd where it gives one', () => {
    expect(observationSds(m, [{ date: '2026-06-30', metric: 'fibre-count', value: 2, sd: 0.5 }])).toEqual([{ sd: 0.5, from: 'file' }]);
  });

  it('is max(2 % of the value, 10 settlements) for a count, 10 over the settlements for a share', () => {
    expect(observationSds(m, [
      { date: '2026-06-30', metric: 'fibre-count', value: 3 },
      { date: '2026-06-30', metric: 'fibre-count', value: 2606 }, // not a count this scenario can reach: the rule alone
      { date: '2026-06-30', metric: 'fibre-share', value: 0.5 },
    ]).map((s) => s.sd)).toEqual([10, 0.02 * 2606, 10 / 3]);
  });

  it('is max(2 % of the km, 10 km) for fibre-km', () => {
    expect(observationSds(m, [
      { date: '2026-06-30', metric: 'fibre-km', value: 20000 },
      { date: '2026-06-30', metric: 'fibre-km', value: 30 },
    ])).toEqual([{ sd: 400, from: 'default' }, { sd: 10, from: 'default' }]);
  });
});
