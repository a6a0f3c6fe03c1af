import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { selectLargest } from '../../src/model/settlements.js';

describe('selectLargest (which settlements are already connected)', () => {
  it('puts exactly the c largest of distinct values at the end, keeping every value (property, against a sort)', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 60 }), fc.nat(), (xs, k) => {
      const c = k % (xs.length + 1);
      const a = Float64Array.from(xs);
      selectLargest(a, a.length, c);
      const sorted = [...xs].sort((p, q) => p - q);
      expect(Array.from(a.subarray(a.length - c)).sort((p, q) => p - q)).toEqual(sorted.slice(xs.length - c));
      expect(Array.from(a).sort((p, q) => p - q)).toEqual(sorted);
    }), { numRuns: 2000 });
  });
});
