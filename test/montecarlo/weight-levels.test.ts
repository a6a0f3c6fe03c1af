import { describe, it, expect } from 'vitest';
import { weightLevels } from '../../src/montecarlo/weight-levels.js';

describe('weightLevels', () => {
  it('rounds to steps of the heaviest: weights a step apart or less become equal, the far-from-likely weigh 0', () => {
    expect(Array.from(weightLevels(Float64Array.of(4194, 4193, 2097, 1), 1000))).toEqual([1000, 1000, 500, 0]);
    expect(Array.from(weightLevels([3, 1], 2))).toEqual([2, 1]); // 0.667 of a step: rounds up
    expect(Array.from(weightLevels([0, 0]))).toEqual([0, 0]);
    expect(() => weightLevels([1, -1])).toThrow(/weight 1 is -1/);
  });
});
