/** Reused between calls (a worker's replications): the keys and indices of the radix sorts and their swaps. */
let keys32 = new Uint32Array(0);
let swap32 = new Uint32Array(0);
let hiKeys = new Uint32Array(0);
let hiSwap = new Uint32Array(0);
let loKeys = new Uint32Array(0);
let loSwap = new Uint32Array(0);
let index = new Int32Array(0);
let indexSwap = new Int32Array(0);
const digitCount = new Int32Array(257);
/** A priority's two 32-bit halves, read through one buffer (whatever the platform's byte order). */
const word = new Float64Array(1);
const halves = new Uint32Array(word.buffer);
const HI = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1 ? 1 : 0;

/**
 * The first `n` indices in queue order — by `priority` (lower first), ties by index — into
 * `out`: the order in which queues serve requests made at the same moment. A radix sort,
 * stable, so ties keep their index order: whole-number priorities (populations, the plan's
 * order) packed with their index into one 32-bit key, four passes; any others by their
 * 64 bits, eight passes (-0 counts as 0, NaN after everything). Sorting the indices with a
 * comparator cost ~1 ms a replication for 6,000 jobs. When the indices are already in order
 * it only checks.
 *
 * @example queueOrder(Float64Array.of(5, -1, 5, 0), 4, out)   // out: [1, 3, 0, 2]
 */
export function queueOrder(priority: Float64Array, n: number, out: Int32Array): Int32Array {
  let inOrder = true;
  for (let i = 1; i < n && inOrder; i++) if (!(priority[i - 1] <= priority[i])) inOrder = false;
  if (inOrder) {
    for (let i = 0; i < n; i++) out[i] = i;
    return out;
  }
  if (keys32.length < n) {
    keys32 = new Uint32Array(n); swap32 = new Uint32Array(n);
    hiKeys = new Uint32Array(n); hiSwap = new Uint32Array(n); loKeys = new Uint32Array(n); loSwap = new Uint32Array(n);
    index = new Int32Array(n); indexSwap = new Int32Array(n);
  }
  if (!packed(priority, n, out)) byBits(priority, n, out);
  return out;
}

/**
 * Whole-number priorities whose span times the number of jobs stays below 2^32 (village
 * populations, a plan's order): each index packed below its priority in one key,
 * (priority - least) × 2^bits + index, sorted by its four bytes. False (nothing done) otherwise.
 */
function packed(priority: Float64Array, n: number, out: Int32Array): boolean {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const p = priority[i];
    if (!Number.isInteger(p)) return false;
    if (p < lo) lo = p;
    if (p > hi) hi = p;
  }
  const span = 2 ** Math.ceil(Math.log2(n + 1));
  if (!((hi - lo + 1) * span <= 2 ** 32)) return false;
  let a = keys32.subarray(0, n), b = swap32.subarray(0, n);
  for (let i = 0; i < n; i++) a[i] = (priority[i] - lo) * span + i; // exact, below 2^32
  for (let shift = 0; shift < 32; shift += 8) {
    if (!countDigits(a, shift, n)) continue;
    for (let i = 0; i < n; i++) b[digitCount[(a[i] >>> shift) & 0xff]++] = a[i];
    const t = a; a = b; b = t;
  }
  const mask = span - 1;
  for (let k = 0; k < n; k++) out[k] = a[k] & mask;
  return true;
}

/**
 * Any priorities, by their 64 bits made to sort as unsigned integers (a positive number's
 * sign bit set, a negative number's every bit flipped), the low half's bytes first, each
 * index carried along.
 */
function byBits(priority: Float64Array, n: number, out: Int32Array): void {
  let h = hiKeys.subarray(0, n), l = loKeys.subarray(0, n), x = index.subarray(0, n);
  let h2 = hiSwap.subarray(0, n), l2 = loSwap.subarray(0, n), x2 = indexSwap.subarray(0, n);
  for (let i = 0; i < n; i++) {
    const p = priority[i];
    word[0] = p !== p ? NaN : p + 0; // one NaN for all (after +Infinity); -0 + 0 is 0
    const hi = halves[HI], lo = halves[1 - HI];
    if (hi & 0x80000000) { h[i] = ~hi >>> 0; l[i] = ~lo >>> 0; }
    else { h[i] = (hi | 0x80000000) >>> 0; l[i] = lo; }
    x[i] = i;
  }
  for (let pass = 0; pass < 8; pass++) {
    const keys = pass < 4 ? l : h, shift = (pass & 3) * 8;
    if (!countDigits(keys, shift, n)) continue;
    for (let i = 0; i < n; i++) {
      const to = digitCount[(keys[i] >>> shift) & 0xff]++;
      h2[to] = h[i]; l2[to] = l[i]; x2[to] = x[i];
    }
    let t = h; h = h2; h2 = t;
    t = l; l = l2; l2 = t;
    const ti = x; x = x2; x2 = ti;
  }
  out.set(x);
}

/**
 * Where each value of the byte at `shift` starts in the next arrangement (digitCount[d]);
 * false when every key has the same byte there (the pass would change nothing).
 */
function countDigits(keys: Uint32Array, shift: number, n: number): boolean {
  digitCount.fill(0);
  for (let i = 0; i < n; i++) digitCount[((keys[i] >>> shift) & 0xff) + 1]++;
  for (let d = 0; d < 256; d++) if (digitCount[d + 1] === n) return false;
  for (let d = 0; d < 256; d++) digitCount[d + 1] += digitCount[d];
  return true;
}

/** Reused by inQueueOrder between calls: the members' priorities, their order, the members in it. */
let memberPriority = new Float64Array(0);
let memberOrder = new Int32Array(0);
let memberOut = new Int32Array(0);

/**
 * `members[0 .. count)`, indices in increasing order, rearranged into queue order: by
 * `priority[member]`, ties by member (queueOrder on their priorities). The result is a
 * buffer reused by the next call: read it before calling again.
 *
 * @example inQueueOrder([2, 5, 7], 3, Float64Array.of(0, 0, 3, 0, 0, 1, 0, 1))   // [5, 7, 2]
 */
export function inQueueOrder(members: ArrayLike<number>, count: number, priority: Float64Array): Int32Array {
  if (memberPriority.length < count) { memberPriority = new Float64Array(count); memberOrder = new Int32Array(count); memberOut = new Int32Array(count); }
  for (let k = 0; k < count; k++) memberPriority[k] = priority[members[k]];
  const order = queueOrder(memberPriority, count, memberOrder);
  for (let k = 0; k < count; k++) memberOut[k] = members[order[k]];
  return memberOut.subarray(0, count);
}
