import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { inQueueOrder, queueOrder } from '../../src/model/queue-order.js';

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

  it('the same for whole-number priorities, packed with their index (keys below 2^32), else by their bits', () => {
    const byComparator = (p: Float64Array, n: number) => Array.from({ length: n }, (_, i) => i).sort((a, b) => p[a] - p[b] || a - b);
    const range = fc.constantFrom(3, 1000, 2 ** 20, 2 ** 26, 2 ** 40, 2 ** 60);
    fc.assert(fc.property(range, fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 300 }), (r, us) => {
      const p = Float64Array.from(us, (u) => Math.round(u * r));
      expect(Array.from(queueOrder(p, p.length, new Int32Array(p.length)))).toEqual(byComparator(p, p.length));
    }), { numRuns: 400 });
    // NaN after everything (every NaN equal, by index), -0 as 0.
    const odd = Float64Array.of(NaN, 2, -0, NaN, -Infinity, 0, Infinity, -2.5);
    expect(Array.from(queueOrder(odd, 8, new Int32Array(8)))).toEqual([4, 7, 2, 5, 1, 6, 0, 3]);
    // Populations of 6,000 villages (the national baseline's queue, by population): the radix path.
    const pop = Float64Array.from({ length: 6000 }, (_, i) => -((i * 7919) % 5003) - 50);
    expect(Array.from(queueOrder(pop, 6000, new Int32Array(6000)))).toEqual(byComparator(pop, 6000));
  });
});

describe('inQueueOrder', () => {
  it('puts members (in index order) into queue order by their priorities, ties by member (the example, and against a comparator sort)', () => {
    expect(Array.from(inQueueOrder([2, 5, 7], 3, Float64Array.of(0, 0, 3, 0, 0, 1, 0, 1)))).toEqual([5, 7, 2]);
    fc.assert(fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 60 }), fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }), (p, take) => {
      const priority = Float64Array.from(p);
      const members = p.map((_, i) => i).filter((i) => take[i]);
      const expected = [...members].sort((a, b) => priority[a] - priority[b] || a - b);
      expect(Array.from(inQueueOrder(members, members.length, priority))).toEqual(expected);
    }), { numRuns: 200, seed: 11 });
  });
});
