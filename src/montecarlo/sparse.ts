/**
 * A compact, exact text form for arrays of non-negative whole counts that are mostly zero
 * (a shard's histograms: one bin per possible settlement count per report date, of which
 * a run visits a few dozen). Only the non-zero entries are kept, as unsigned LEB128
 * varints of (gap since the previous non-zero index, value), base64-encoded. Values up to
 * 2^53 round-trip exactly; decoding refuses anything that is not such a list.
 *
 * @example
 *   const text = encodeCounts(Float64Array.from([0, 0, 3, 0, 1]));  // { length: 5, nonZero: 2, data: 'AgMBAQ==' }
 *   decodeCounts(text)                                               // Float64Array [0, 0, 3, 0, 1]
 */
export interface EncodedCounts {
  length: number;
  /** How many entries are not zero (a check on the data). */
  nonZero: number;
  /** base64 of the varints (gap, value) of each non-zero entry. */
  data: string;
}

function pushVarint(out: number[], v: number): void {
  while (v >= 128) {
    out.push((v % 128) | 128);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

export function encodeCounts(a: ArrayLike<number>): EncodedCounts {
  const bytes: number[] = [];
  let last = -1, nonZero = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v === 0) continue;
    if (!(Number.isSafeInteger(v) && v > 0)) throw new RangeError(`encodeCounts: entry ${i} is ${v}, not a whole count`);
    pushVarint(bytes, i - last - 1);
    pushVarint(bytes, v);
    last = i;
    nonZero++;
  }
  return { length: a.length, nonZero, data: Buffer.from(bytes).toString('base64') };
}

/** Decodes encodeCounts' form; returns a reason instead when the text is not one. */
export function decodeCounts(e: unknown): Float64Array | string {
  const x = e as Partial<EncodedCounts> | null;
  if (!x || typeof x !== 'object' || !Number.isSafeInteger(x.length) || x.length! < 0 || x.length! > 2 ** 31 || !Number.isSafeInteger(x.nonZero) || typeof x.data !== 'string') {
    return 'not an encoded count array ({ length, nonZero, data })';
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(x.data)) return 'its data is not base64';
  const bytes = Buffer.from(x.data, 'base64');
  const out = new Float64Array(x.length!);
  let p = 0, index = -1, count = 0;
  const read = (): number | null => {
    let v = 0, scale = 1;
    for (;;) {
      if (p >= bytes.length || scale > 2 ** 56) return null;
      const b = bytes[p++];
      v += (b & 127) * scale;
      if (b < 128) return v;
      scale *= 128;
    }
  };
  while (p < bytes.length) {
    const gap = read(), v = read();
    if (gap === null || v === null) return 'its data ends in the middle of an entry';
    index += gap + 1;
    if (index >= out.length) return `an entry lies beyond its length (${x.length})`;
    if (v === 0 || !Number.isSafeInteger(v)) return `entry ${index} is ${v}, not a whole count above 0`;
    out[index] = v;
    count++;
  }
  if (count !== x.nonZero) return `it says ${x.nonZero} non-zero entries but holds ${count}`;
  return out;
}
