import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { queueOrder } from '../../src/model/queue-order.js';

describe('queueOrder', () => {
  it('orders by priority, ties by index (the example)', () => {
    expect(Array.from(queueOrder(Float64Array.of(5, -1, 5, 0), 4, new Int32Array(4)))).toEqual([1, 3, 0, 2]);
  });

  it('gives what sorting the indices with a comparator gives, for any priorities (ties, -0, infinities, a prefix of the array)', () => {
    const value = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true }), fc.constantFrom(-0, 0, Infinity, -Infinity));
    fc.assert(fc.property(fc.array(value, { maxLength: 60 }), fc.nat(5), (xs, extra) => {
      const p = Float64Array.from([...xs, ...Array.from({ length: extra }, () => 99)]);
      const n = xs.length;
      const expected = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[a] - p[b] || a - b);
      expect(Array.from(queueOrder(p, n, new Int32Array(n)))).toEqual(expected);
    }), { numRuns: 500 });
  });
});
